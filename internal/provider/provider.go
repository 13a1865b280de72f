// Package provider implements the ucloud Terraform provider: its
// configuration and its data sources.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

var _ provider.Provider = (*ucloudProvider)(nil)

// ucloudProvider is the provider; it only holds the version it reports.
type ucloudProvider struct {
	version string
}

// ucloudProviderModel is the provider block.
type ucloudProviderModel struct {
	PublicKey             types.String `tfsdk:"public_key"`
	PrivateKey            types.String `tfsdk:"private_key"`
	Region                types.String `tfsdk:"region"`
	Zone                  types.String `tfsdk:"zone"`
	ProjectID             types.String `tfsdk:"project_id"`
	BaseURL               types.String `tfsdk:"base_url"`
	Profile               types.String `tfsdk:"profile"`
	SharedConfigFile      types.String `tfsdk:"shared_config_file"`
	SharedCredentialsFile types.String `tfsdk:"shared_credentials_file"`
	MaxRetries            types.Int64  `tfsdk:"max_retries"`
	RequestTimeout        types.String `tfsdk:"request_timeout"`
}

// New returns a constructor for the provider at the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &ucloudProvider{version: version}
	}
}

// Metadata names the provider.
func (p *ucloudProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "ucloud"
	resp.Version = p.version
}

// Schema describes the provider block; every setting is optional because
// it may come from the environment or a UCloud CLI profile instead.
func (p *ucloudProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerSchema
}

// providerSchema is built once: it never changes within a process.
var providerSchema = schema.Schema{
	MarkdownDescription: "The UCloud provider reads UCloud resources through the UCloud API. " +
		"Each setting is taken from the provider block, else its environment variable, " +
		"else the selected UCloud CLI profile, else its default.",
	Attributes: map[string]schema.Attribute{
		attrPublicKey: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "UCloud API public key. Required from some source: this attribute, " +
				"the `" + envPublicKey + "` environment variable, or `public_key` in the profile's entry of the credential file.",
		},
		attrPrivateKey: schema.StringAttribute{
			Optional:  true,
			Sensitive: true,
			MarkdownDescription: "UCloud API private key, used only to sign requests and never logged. Required from some source: " +
				"this attribute, the `" + envPrivateKey + "` environment variable, or `private_key` in the profile's entry of the credential file.",
		},
		attrRegion: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Default region for data sources, e.g. `cn-bj2`. Required from some source: " +
				"this attribute, the `" + envRegion + "` environment variable, or `region` in the profile.",
		},
		attrZone: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Default availability zone for data sources, e.g. `cn-bj2-02`. " +
				"Can also be set with the `" + envZone + "` environment variable or `zone` in the UCloud CLI profile. No default; data sources that need a zone say so.",
		},
		attrProjectID: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Default project ID for data sources. Can also be set with the `" + envProjectID + "` environment variable or `project_id` in the UCloud CLI profile. " +
				"Empty means the account's default project; sub-accounts must set it.",
		},
		attrBaseURL: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "API endpoint, an absolute `http` or `https` URL. Can also be set with the `" + envBaseURL + "` environment variable or `base_url` in the UCloud CLI profile. " +
				"Defaults to `" + client.DefaultBaseURL + "`; inside UCloud VPCs `http://api.service.ucloud.cn` also works.",
			Validators: []validator.String{absoluteHTTPURL()},
		},
		attrProfile: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "UCloud CLI profile to read settings from. Can also be set with the `" + envProfile + "` environment variable. " +
				"Defaults to the profile marked `\"active\": true` in the config file, else `default`. " +
				"A profile named here that is in neither file is an error.",
		},
		attrSharedConfigFile: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Path of the UCloud CLI config file; a leading `~/` means the home directory. Can also be set with the `" + envSharedConfigFile + "` environment variable. " +
				"Defaults to `~/.ucloud/config.json`, which may be absent; a file named here must be readable.",
		},
		attrSharedCredentialsFile: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Path of the UCloud CLI credential file; a leading `~/` means the home directory. Can also be set with the `" + envSharedCredentialsFile + "` environment variable. " +
				"Defaults to `~/.ucloud/credential.json`, which may be absent; a file named here must be readable.",
		},
		attrMaxRetries: schema.Int64Attribute{
			Optional: true,
			MarkdownDescription: "How many times a failed read is retried when the failure is transient " +
				"(network errors, HTTP 429 and 5xx, rate limiting and service-side errors), with exponential backoff. " +
				"From 0 to 10; defaults to `3`.",
			Validators: []validator.Int64{int64validator.Between(0, maxMaxRetries)},
		},
		attrRequestTimeout: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "How long one API request may take, as a duration such as `30s` or `1m`; each retry gets its own. " +
				"Also `timeout_sec` in the profile. Defaults to `30s`.",
			Validators: []validator.String{positiveDuration()},
		},
	},
}

// Resources: this provider manages none yet.
func (p *ucloudProvider) Resources(context.Context) []func() resource.Resource {
	return nil
}

// DataSources lists the data sources.
func (p *ucloudProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewPHostImagesDataSource,
		NewUK8SImagesDataSource,
	}
}
