package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// tflogLogger writes the client's log lines through tflog. Each Terraform
// RPC brings a fresh logging context, so the private key is masked again on
// every line rather than once in Configure.
type tflogLogger struct {
	secret string
}

var _ client.Logger = tflogLogger{}

func newTFLogLogger(secret string) tflogLogger { return tflogLogger{secret: secret} }

// Debug logs at DEBUG with the secret masked.
func (l tflogLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(l.mask(ctx), msg, fields)
}

// Trace logs at TRACE with the secret masked.
func (l tflogLogger) Trace(ctx context.Context, msg string, fields map[string]any) {
	tflog.Trace(l.mask(ctx), msg, fields)
}

func (l tflogLogger) mask(ctx context.Context) context.Context {
	if l.secret == "" {
		return ctx
	}
	return tflog.MaskLogStrings(ctx, l.secret)
}
