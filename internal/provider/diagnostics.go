package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// addReadError turns a client error into a diagnostic: what failed, the
// API's own words (Action, RetCode, Message, request UUID) and what to
// check.
func addReadError(diags *diag.Diagnostics, summary string, err error) {
	var b strings.Builder
	b.WriteString(err.Error())

	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		fmt.Fprintf(&b, "\n\nAction: %s\nRetCode: %d\nMessage: %s", apiErr.Action, apiErr.RetCode, apiErr.Message)
		if apiErr.RequestUUID != "" {
			fmt.Fprintf(&b, "\nRequest UUID: %s (quote it to UCloud support)", apiErr.RequestUUID)
		}
	}
	var timeoutErr *client.TimeoutError
	if errors.As(err, &timeoutErr) {
		b.WriteString("\n\nRaise request_timeout if the API is slow, or check that base_url is reachable from here.")
	}
	switch {
	case errors.Is(err, client.ErrListingChanged):
		b.WriteString("\n\nImages were published or removed while the list was being read. Run the plan again.")
	case errors.Is(err, client.ErrListingDefect):
		b.WriteString("\n\nRunning the plan again will not help: the answers themselves are inconsistent. " +
			"Check that base_url points at the UCloud API and that no proxy in between rewrites answers; " +
			"if it does point at UCloud, report this to UCloud support.")
	}
	diags.AddError(summary, b.String())
}
