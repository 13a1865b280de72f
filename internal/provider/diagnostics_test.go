package provider

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// TestAddReadError_eachFactOnce checks the one diagnostic shape: the
// sentence with the hint, then the block, and no fact of the block
// repeated in the sentence.
func TestAddReadError_eachFactOnce(t *testing.T) {
	apiErr := &client.APIError{Action: "DescribePHostImage", RetCode: 171, Message: "Signature verification failed", RequestUUID: "uuid-123"}
	tests := []struct {
		name     string
		err      error
		sentence string
	}{
		{"API error", apiErr, "UCloud API action DescribePHostImage failed. The signature did not verify"},
		{"API error after retries",
			&client.RetriesExhaustedError{Action: "DescribePHostImage", Attempts: 4, Elapsed: 1500 * time.Millisecond, MaxRetries: 3, Last: apiErr},
			"UCloud API action DescribePHostImage failed after 4 attempts in 1.5s (max_retries allows 3). The signature did not verify"},
		{"wrapped API error", fmt.Errorf("reading page 3: %w", apiErr), "UCloud API action DescribePHostImage failed. The signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.Diagnostics
			addReadError(&diags, "Unable to Read Bare-Metal Images", tt.err)
			if len(diags) != 1 || diags[0].Summary() != "Unable to Read Bare-Metal Images" {
				t.Fatalf("diagnostics = %v", diags)
			}
			detail := diags[0].Detail()
			if !strings.HasPrefix(detail, tt.sentence) {
				t.Errorf("detail starts %q, want %q", detail, tt.sentence)
			}
			for _, fact := range []string{"DescribePHostImage", "171", "Signature verification failed", "uuid-123"} {
				want := 1
				if fact == "DescribePHostImage" {
					want = 2 // the sentence names the action that failed, the block quotes it
				}
				if n := strings.Count(detail, fact); n != want {
					t.Errorf("%q appears %d times in %q, want %d", fact, n, detail, want)
				}
			}
			for _, line := range []string{"\n\nAction: DescribePHostImage\n", "RetCode: 171\n", "Message: Signature verification failed\n", "Request UUID: uuid-123"} {
				if !strings.Contains(detail, line) {
					t.Errorf("the block lacks %q: %q", line, detail)
				}
			}
		})
	}
}

// TestAddReadError_otherErrors quotes the error once, with the hint for
// the errors that have one.
func TestAddReadError_otherErrors(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&client.TimeoutError{Action: "DescribeUK8SImage", Timeout: 2 * time.Second, Err: errors.New("deadline")},
			"UCloud API action DescribeUK8SImage timed out: no complete answer within request_timeout (2s). Raise request_timeout"},
		{fmt.Errorf("%w, twice in a row", client.ErrListingChanged), "the image list changed while it was being read, twice in a row. Images were published"},
		{errors.New("no answer."), "no answer."},
	}
	for _, tt := range tests {
		var diags diag.Diagnostics
		addReadError(&diags, "Unable to Read UK8S Images", tt.err)
		if got := diags[0].Detail(); !strings.HasPrefix(got, tt.want) || strings.Contains(got, "..") {
			t.Errorf("detail = %q, want it to start with %q", got, tt.want)
		}
	}
}
