package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// addReadError turns a client error into a diagnostic of one shape: a
// sentence saying what failed and what to check, then, for an API error,
// the API's own words as a block (Action, RetCode, Message, request UUID),
// each fact once.
func addReadError(diags *diag.Diagnostics, summary string, err error) {
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		diags.AddError(summary, strings.TrimSuffix(err.Error(), ".")+"."+readErrorHint(err))
		return
	}

	var b strings.Builder
	fmt.Fprintf(&b, "UCloud API action %s failed", apiErr.Action)
	var exhausted *client.RetriesExhaustedError
	if errors.As(err, &exhausted) {
		b.Reset()
		b.WriteString(exhausted.Attempted())
	}
	b.WriteString(".")
	if hint := apiErr.Hint(); hint != "" {
		b.WriteString(" " + hint)
	}
	b.WriteString(readErrorHint(err))
	fmt.Fprintf(&b, "\n\nAction: %s\nRetCode: %d\nMessage: %s", apiErr.Action, apiErr.RetCode, apiErr.Message)
	if apiErr.RequestUUID != "" {
		fmt.Fprintf(&b, "\nRequest UUID: %s (quote it to UCloud support)", apiErr.RequestUUID)
	}
	diags.AddError(summary, b.String())
}

// readErrorHint is what to check for errors that are not the API's own.
func readErrorHint(err error) string {
	var timeoutErr *client.TimeoutError
	var exhausted *client.RetriesExhaustedError
	switch {
	case errors.As(err, &exhausted) && exhausted.RetryTimeout > 0:
		return " The API kept failing or limiting the request rate for all of retry_timeout. Raise retry_timeout to wait longer, " +
			"or make fewer distinct look-ups at once: other tools using the same keys count against the same limit."
	case errors.As(err, &timeoutErr):
		return " Raise request_timeout if the API is slow, or check that base_url is reachable from here."
	case errors.Is(err, client.ErrListingChanged):
		return " Images were published or removed while the list was being read. Run the plan again."
	case errors.Is(err, client.ErrListingDefect):
		return " Running the plan again will not help: the answers themselves are inconsistent. " +
			"Check that base_url points at the UCloud API and that no proxy in between rewrites answers; " +
			"if it does point at UCloud, report this to UCloud support."
	}
	return ""
}
