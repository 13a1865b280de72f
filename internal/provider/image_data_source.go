package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// Both data sources take the read layer and check their configuration.
var (
	_ datasource.DataSourceWithConfigure      = (*phostImagesDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*phostImagesDataSource)(nil)
	_ datasource.DataSourceWithConfigure      = (*uk8sImagesDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*uk8sImagesDataSource)(nil)
)

// imageDataSource is embedded by both data sources: their name, schema and
// Configure step, which receives the read layer.
type imageDataSource struct {
	// typeSuffix follows the provider's type name, e.g. "_phost_images".
	typeSuffix string
	schema     schema.Schema
	reader     *imageReader
}

// Metadata names the data source.
func (d *imageDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.typeSuffix
}

// Schema describes arguments and results.
func (d *imageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema
}

// Configure receives the provider's read layer.
func (d *imageDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
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
