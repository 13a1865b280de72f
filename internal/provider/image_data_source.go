package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// Both data sources take the read layer and check their configuration.
var (
	_ datasource.DataSourceWithConfigure      = (*imageDataSource[client.PHostImage])(nil)
	_ datasource.DataSourceWithValidateConfig = (*imageDataSource[client.PHostImage])(nil)
	_ datasource.DataSourceWithConfigure      = (*imageDataSource[client.UK8SImage])(nil)
	_ datasource.DataSourceWithValidateConfig = (*imageDataSource[client.UK8SImage])(nil)
)

// imageDataSource is either data source, over images of type I: every read
// takes the same steps, written once here (arguments → location → API
// listing through the read layer → selection pipeline → state), and a data
// source adds only its schema and its model (imageModel).
type imageDataSource[I any] struct {
	// typeSuffix follows the provider's type name, e.g. "_phost_images".
	typeSuffix string
	schema     schema.Schema
	// newModel returns an empty model to decode the configuration into.
	newModel func() imageModel[I]
	// zoneRequiredBy names the API action that needs a zone; empty when
	// the zone is optional.
	zoneRequiredBy string
	// readFailed and noMatch are the summaries of a failed listing and of
	// require_match finding nothing.
	readFailed, noMatch string

	reader *imageReader
}

// imageModel is a data source's configuration and state (a pointer to its
// model struct), with what only that data source knows.
type imageModel[I any] interface {
	// query holds the arguments both data sources share.
	query() *imageQueryModel
	// validate checks, at plan time, what the schema cannot.
	validate(diags *diag.Diagnostics)
	// selection describes the pipeline for this configuration.
	selection() (imageSelection[I], error)
	// list reads, through the read layer, the lists the query names at
	// loc, in the order of the selection's listNames.
	list(ctx context.Context, r *imageReader, loc imageLocation) ([][]I, error)
	// results records the selected lists' counts in the model and returns
	// the values of the result lists, for setResultLists.
	results(lists [][]I) map[string]tftypes.Value
}

// Metadata names the data source.
func (d *imageDataSource[I]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.typeSuffix
}

// Schema describes arguments and results.
func (d *imageDataSource[I]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema
}

// Configure receives the provider's read layer.
func (d *imageDataSource[I]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	r, ok := req.ProviderData.(*imageReader)
	if !ok {
		resp.Diagnostics.AddError("Unexpected Data Source Configure Type",
			fmt.Sprintf("Expected *provider.imageReader, got: %T. Please report this issue to the provider developers.", req.ProviderData))
		return
	}
	d.reader = r
}

// ValidateConfig refuses contradictory arguments at plan time.
func (d *imageDataSource[I]) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	data := d.newModel()
	resp.Diagnostics.Append(req.Config.Get(ctx, data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	data.validate(&resp.Diagnostics)
}

// Read lists the images and runs the selection pipeline; identical blocks
// share its answer (shared_answers.go).
func (d *imageDataSource[I]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	data := d.newModel()
	resp.Diagnostics.Append(req.Config.Get(ctx, data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	q := data.query()
	loc := q.location(d.reader.defaults)
	if d.zoneRequiredBy != "" && loc.Zone == "" {
		resp.Diagnostics.AddAttributeError(path.Root("zone"), "Missing Zone",
			d.zoneRequiredBy+" needs an availability zone. Set zone in this data source, or zone in the provider block, "+
				"the "+envZone+" environment variable or the UCloud CLI profile.")
		return
	}
	selection, err := data.selection()
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("name_regex"), "Invalid Regular Expression", err.Error())
		return
	}

	listed, err := data.list(ctx, d.reader, loc)
	if err != nil {
		addReadError(&resp.Diagnostics, d.readFailed, err)
		return
	}
	lists, trail := selection.run(ctx, listed, &resp.Diagnostics)
	if trail[len(trail)-1].images == 0 && q.RequireMatch.ValueBool() {
		addNoMatchError(&resp.Diagnostics, d.noMatch, describeQuery(ctx, req.Config, d.schema, loc), trail)
		return
	}

	q.setLocation(loc)
	values := data.results(lists)
	resp.Diagnostics.Append(resp.State.Set(ctx, data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(setResultLists(&resp.State, values)...)
}
