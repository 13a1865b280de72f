package provider

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewProtocol6Server returns the provider as served over protocol 6: the
// framework's server, with identical data source configurations validated
// and read once per provider process (answerSharingServer).
func NewProtocol6Server(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer { return servedProvider(newProvider(version, os.LookupEnv)) }
}

// servedProvider serves p as NewProtocol6Server does.
func servedProvider(p *ucloudProvider) tfprotov6.ProviderServer {
	return &answerSharingServer{ProviderServer: providerserver.NewProtocol6(p)(), shared: newSharedReads(), direct: &directReader{provider: p}}
}

// answerSharingServer extends the sharing policy (shared_reads.go) from
// listings to whole answers: identical configurations of one data source
// type in one provider process are validated and read once, in flight and
// completed, and every block gets the same state and its own copy of the
// diagnostics, so a warning is repeated per block. Answers with errors are
// not kept.
//
// NOTE: this sits in front of the framework, at the protocol, because a
// block that shares an answer would otherwise still pay the framework's
// work after Read: its pass over every value of the state (semantic
// equality) and the state's encoding, which cost as much per block as the
// read itself (BENCHMARKS.md). The key is the type name and the encoded
// config (with the request's capabilities); the provider's configuration,
// which also shapes an answer, is fixed for the life of the process.
type answerSharingServer struct {
	tfprotov6.ProviderServer
	shared *sharedReads
	// direct reads data sources without the framework (direct_read.go).
	direct *directReader
}

// ValidateDataResourceConfig validates each distinct configuration once.
func (s *answerSharingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	key := answerKey("validate", req.TypeName, req.Config, nil, "")
	_, diags := shareAnswer(ctx, s.shared, key, "Unable to Validate Data Source", func(ctx context.Context) (struct{}, []*tfprotov6.Diagnostic, error) {
		resp, err := s.ProviderServer.ValidateDataResourceConfig(ctx, req)
		if err != nil {
			return struct{}{}, nil, err
		}
		return struct{}{}, resp.Diagnostics, nil
	})
	return &tfprotov6.ValidateDataResourceConfigResponse{Diagnostics: diags}, nil
}

// readAnswer is what one read produced besides its diagnostics.
type readAnswer struct {
	state    *tfprotov6.DynamicValue
	deferred *tfprotov6.Deferred
}

// ReadDataSource reads each distinct configuration once.
func (s *answerSharingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	capabilities := ""
	if req.ClientCapabilities != nil {
		capabilities = "deferral allowed: " + strconv.FormatBool(req.ClientCapabilities.DeferralAllowed)
	}
	key := answerKey("read", req.TypeName, req.Config, req.ProviderMeta, capabilities)
	got, diags := shareAnswer(ctx, s.shared, key, "Unable to Read Images", func(ctx context.Context) (readAnswer, []*tfprotov6.Diagnostic, error) {
		resp, ok := s.direct.read(ctx, req)
		if !ok {
			var err error
			if resp, err = s.ProviderServer.ReadDataSource(ctx, req); err != nil {
				return readAnswer{}, nil, err
			}
		}
		return readAnswer{state: resp.State, deferred: resp.Deferred}, resp.Diagnostics, nil
	})
	return &tfprotov6.ReadDataSourceResponse{State: got.state, Deferred: got.deferred, Diagnostics: diags}, nil
}

// answerKey identifies a request by what shapes its answer; the encoded
// values are hashed so that the key stays short and fit for a log line.
func answerKey(kind, typeName string, config, meta *tfprotov6.DynamicValue, capabilities string) string {
	var encoded []byte
	for _, v := range []*tfprotov6.DynamicValue{config, meta} {
		if v != nil {
			for _, part := range [][]byte{v.MsgPack, v.JSON} {
				encoded = strconv.AppendInt(encoded, int64(len(part)), 10)
				encoded = append(append(encoded, ':'), part...)
			}
		}
		encoded = append(encoded, 0)
	}
	sum := sha256.Sum256(encoded)
	return fmt.Sprintf("answer %s %s %s %x", kind, typeName, capabilities, sum)
}

// sharedAnswer is an answer with its diagnostics.
type sharedAnswer[T any] struct {
	value T
	diags []*tfprotov6.Diagnostic
}

// failedAnswer carries the diagnostics of an answer with errors through
// shareRead, which keeps no failed reads, to every block waiting for it.
type failedAnswer struct{ diags []*tfprotov6.Diagnostic }

func (f failedAnswer) Error() string { return "the answer has errors" }

// shareAnswer gives every caller with key the answer of one call of
// answer, and a copy of its diagnostics. When this caller's context ends
// while it waits, or the server fails, the diagnostics say so under summary.
func shareAnswer[T any](ctx context.Context, shared *sharedReads, key, summary string,
	answer func(context.Context) (T, []*tfprotov6.Diagnostic, error)) (T, []*tfprotov6.Diagnostic) {
	got, err := shareRead(ctx, shared, key, func(ctx context.Context) (sharedAnswer[T], error) {
		value, diags, err := answer(ctx)
		switch {
		case err != nil:
			return sharedAnswer[T]{}, err
		case slices.ContainsFunc(diags, isErrorDiagnostic):
			return sharedAnswer[T]{}, failedAnswer{diags}
		}
		return sharedAnswer[T]{value: value, diags: diags}, nil
	})
	var failed failedAnswer
	switch {
	case err == nil:
		return got.value, slices.Clone(got.diags)
	case errors.As(err, &failed):
		return got.value, slices.Clone(failed.diags)
	}
	return got.value, []*tfprotov6.Diagnostic{{Severity: tfprotov6.DiagnosticSeverityError, Summary: summary, Detail: err.Error()}}
}

func isErrorDiagnostic(d *tfprotov6.Diagnostic) bool {
	return d != nil && d.Severity == tfprotov6.DiagnosticSeverityError
}
