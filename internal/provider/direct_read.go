package provider

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// NOTE: an exception to serving everything through the framework. A data
// source's Read is called here directly, with the request decoded and the
// answer encoded as the framework would, because after Read the framework
// walks the whole state once more for semantic equality (converting every
// value back to framework values), copies it twice and compares it: for a
// listing of 10,000 images that is two thirds of the read's CPU and tens of
// MB of live memory, and it can change nothing here (no attribute has a
// custom type, and data sources have no blocks). BENCHMARKS.md has the
// figures; TestDirectRead_matchesFramework pins that the answers, state
// bytes and diagnostics, are the framework's own. Everything else (schemas,
// validation, Configure) is the framework's.

// directReader reads the provider's data sources without the framework.
type directReader struct {
	provider *ucloudProvider

	once    sync.Once
	sources map[string]func() datasource.DataSource
}

// read answers req, or reports false when the provider is not configured
// yet or does not know the type, for the framework to answer.
func (d *directReader) read(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, bool) {
	reader := d.provider.reader.Load()
	d.once.Do(func() {
		d.sources = map[string]func() datasource.DataSource{}
		for _, newSource := range d.provider.DataSources(ctx) {
			var meta datasource.MetadataResponse
			newSource().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "ucloud"}, &meta)
			d.sources[meta.TypeName] = newSource
		}
	})
	newSource, ok := d.sources[req.TypeName]
	if reader == nil || !ok || req.Config == nil {
		return nil, false
	}
	source := newSource()
	var configured datasource.ConfigureResponse
	if c, ok := source.(datasource.DataSourceWithConfigure); ok {
		c.Configure(ctx, datasource.ConfigureRequest{ProviderData: reader}, &configured)
	}
	var described datasource.SchemaResponse
	source.Schema(ctx, datasource.SchemaRequest{}, &described)
	if configured.Diagnostics.HasError() || described.Diagnostics.HasError() {
		return nil, false
	}
	schemaType := described.Schema.Type().TerraformType(ctx)
	config, err := req.Config.Unmarshal(schemaType)
	if err != nil {
		return nil, false
	}

	// As the framework: the state starts as the config.
	resp := datasource.ReadResponse{State: tfsdk.State{Schema: described.Schema, Raw: config.Copy()}}
	readReq := datasource.ReadRequest{Config: tfsdk.Config{Schema: described.Schema, Raw: config}}
	if req.ClientCapabilities != nil {
		readReq.ClientCapabilities.DeferralAllowed = req.ClientCapabilities.DeferralAllowed
	}
	// NOTE: neither data source defers a read, so the response's Deferred
	// is not carried over.
	source.Read(ctx, readReq, &resp)

	answer := &tfprotov6.ReadDataSourceResponse{Diagnostics: protocolDiagnostics(resp.Diagnostics)}
	state, err := tfprotov6.NewDynamicValue(schemaType, resp.State.Raw)
	if err != nil {
		answer.Diagnostics = append(answer.Diagnostics, &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityError,
			Summary: "Unable to Convert State", Detail: "Please report this issue to the provider developers: " + err.Error()})
		return answer, true
	}
	answer.State = &state
	return answer, true
}

// protocolDiagnostics converts diagnostics as the framework does.
func protocolDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Summary: d.Summary(), Detail: d.Detail(), Severity: tfprotov6.DiagnosticSeverityWarning}
		if d.Severity() == diag.SeverityError {
			pd.Severity = tfprotov6.DiagnosticSeverityError
		}
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			pd.Attribute = attributePath(withPath.Path())
		}
		out = append(out, pd)
	}
	return out
}

// attributePath converts a path of attribute names and list or map
// elements, which are all this provider's diagnostics name.
func attributePath(p path.Path) *tftypes.AttributePath {
	ap := tftypes.NewAttributePath()
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			ap = ap.WithAttributeName(string(s))
		case path.PathStepElementKeyInt:
			ap = ap.WithElementKeyInt(int(s))
		case path.PathStepElementKeyString:
			ap = ap.WithElementKeyString(string(s))
		default:
			return nil
		}
	}
	return ap
}
