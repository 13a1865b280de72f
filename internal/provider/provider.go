// Package provider implements the ucloud Terraform provider: its
// configuration and its data sources.
package provider

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

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
			MarkdownDescription: "API endpoint, an absolute `http` or `https` URL without user info (no `name:password@`). Can also be set with the `" + envBaseURL + "` environment variable or `base_url` in the UCloud CLI profile. " +
				"Defaults to `" + client.DefaultBaseURL + "`; inside UCloud VPCs `http://api.service.ucloud.cn` also works. " +
				"Redirects are never followed: an endpoint that answers with one is reported with its target, to set here instead.",
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
				"Defaults to `~/.ucloud/config.json`, which may be absent; a file named here must be readable. Either file must be a regular file of at most 1 MiB.",
		},
		attrSharedCredentialsFile: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Path of the UCloud CLI credential file; a leading `~/` means the home directory. Can also be set with the `" + envSharedCredentialsFile + "` environment variable. " +
				"Defaults to `~/.ucloud/credential.json`, which may be absent; a file named here must be readable. Either file must be a regular file of at most 1 MiB.",
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
			MarkdownDescription: "How long one API request may take, as a duration such as `30s` or `1m`, at most `" + formatDuration(client.MaxRequestTimeout) + "`; each retry gets its own. " +
				"Also `timeout_sec` in the profile (whole seconds, from 1 to " + fmt.Sprint(int64(client.MaxRequestTimeout/time.Second)) + "; 0 or absent means unset). Defaults to `30s`.",
			Validators: []validator.String{durationUpTo(client.MaxRequestTimeout)},
		},
	},
}

// Configure resolves the settings and hands data sources one client.
func (p *ucloudProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg ucloudProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	rejectUnknownSettings(cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	settings := resolveSettings(cfg, os.LookupEnv, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.MaskLogStrings(ctx, settings.privateKey)
	tflog.Debug(ctx, "UCloud provider configured", map[string]any{
		"region": settings.region, "zone": settings.zone, "project_id": settings.projectID,
		"base_url": client.RedactedURL(settings.baseURL), "max_retries": settings.maxRetries,
		"request_timeout": settings.requestTimeout.String(), "profile": settings.profile,
	})

	c, err := client.New(client.Config{
		BaseURL:        settings.baseURL,
		PublicKey:      settings.publicKey,
		PrivateKey:     settings.privateKey,
		Region:         settings.region,
		Zone:           settings.zone,
		ProjectID:      settings.projectID,
		MaxRetries:     settings.maxRetries,
		RequestTimeout: settings.requestTimeout,
		UserAgent:      userAgent(p.version, req.TerraformVersion),
		Logger:         newTFLogLogger(settings.privateKey),
	})
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create UCloud API Client", err.Error())
		return
	}
	resp.DataSourceData = c
}

// userAgent identifies the provider and the Terraform that runs it.
func userAgent(providerVersion, terraformVersion string) string {
	ua := "terraform-provider-ucloud/" + providerVersion
	if terraformVersion != "" {
		ua += " Terraform/" + terraformVersion
	}
	return ua
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
