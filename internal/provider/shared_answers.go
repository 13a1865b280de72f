package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// answer is what one Read produced: the state value and its diagnostics.
type answer struct {
	state tftypes.Value
	diags diag.Diagnostics
}

// failedAnswer carries an answer with errors through shareRead, which
// keeps no failed reads, to every block waiting for it.
type failedAnswer struct{ diags diag.Diagnostics }

func (f failedAnswer) Error() string { return "read failed" }

// shareAnswer extends the sharing policy (shared_reads.go) from listings to
// whole answers: identical configurations of one data source type in one
// provider process are read once, in flight and completed, and every block
// gets the same state and its own copy of the diagnostics, so a warning is
// repeated per block. Answers with errors are not kept.
//
// NOTE: the key is the config's whole value; the provider's defaults, which
// also shape the answer, are fixed for the life of the read layer.
func (r *imageReader) shareAnswer(ctx context.Context, typeName string, req datasource.ReadRequest, resp *datasource.ReadResponse,
	read func(context.Context, *datasource.ReadResponse)) {
	key := "answer " + typeName + " " + req.Config.Raw.String()
	got, err := shareRead(ctx, r.shared, key, func(ctx context.Context) (answer, error) {
		own := &datasource.ReadResponse{State: resp.State}
		read(ctx, own)
		if own.Diagnostics.HasError() {
			return answer{}, failedAnswer{own.Diagnostics}
		}
		return answer{state: own.State.Raw, diags: own.Diagnostics}, nil
	})
	var failed failedAnswer
	switch {
	case err == nil:
		resp.State.Raw = got.state
		resp.Diagnostics.Append(got.diags...)
	case errors.As(err, &failed):
		resp.Diagnostics.Append(failed.diags...)
	default: // this block's context ended while it waited
		addReadError(&resp.Diagnostics, "Unable to Read Images", err)
	}
}
