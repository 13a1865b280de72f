// Package provider implements the ucloud Terraform provider: its
// configuration and its data sources.
package provider

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

var _ provider.Provider = (*ucloudProvider)(nil)

// ucloudProvider is the provider: the version it reports, how it reads its
// environment, and, once configured, its read layer.
type ucloudProvider struct {
	version string
	// lookupEnv reads the environment: os.LookupEnv, or in tests the
	// environment of one test, so that tests of variables run in parallel.
	lookupEnv lookupEnvFunc
	// reader is the read layer once Configure made it, for direct reads
	// (direct_read.go).
	reader atomic.Pointer[imageReader]
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
	RetryTimeout          types.String `tfsdk:"retry_timeout"`
	RequestTimeout        types.String `tfsdk:"request_timeout"`
}

// newProvider is the provider reading its environment with lookupEnv.
func newProvider(version string, lookupEnv lookupEnvFunc) *ucloudProvider {
	return &ucloudProvider{version: version, lookupEnv: lookupEnv}
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
		"else the selected UCloud CLI profile, else its default; the keys of a profile named with " +
		"`profile` or `" + envProfile + "` come before the key variables, as in UCloud's official provider.",
	Attributes: map[string]schema.Attribute{
		attrPublicKey: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "UCloud API public key. Required from some source: this attribute, " +
				"the `" + envPublicKey + "` environment variable, or `public_key` in the profile's entry of the credential file. " +
				"A profile named with `profile` or `" + envProfile + "` supplies its key even when `" + envPublicKey + "` is set (with a warning). " +
				"Cannot be set together with `profile`.",
		},
		attrPrivateKey: schema.StringAttribute{
			Optional:  true,
			Sensitive: true,
			MarkdownDescription: "UCloud API private key, used only to sign requests and never logged. Required from some source: " +
				"this attribute, the `" + envPrivateKey + "` environment variable, or `private_key` in the profile's entry of the credential file. " +
				"A profile named with `profile` or `" + envProfile + "` supplies its key even when `" + envPrivateKey + "` is set (with a warning). " +
				"Cannot be set together with `profile`.",
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
			MarkdownDescription: "API endpoint, an absolute `http` or `https` URL without user info (no `name:password@`). Can also be set with the `" + envBaseURL + "` environment variable, " +
				"else the SDK's `" + envAPIBaseURL + "` (when both are set `" + envBaseURL + "` wins, with a warning if they differ), or `base_url` in the UCloud CLI profile. " +
				"Defaults to `" + client.DefaultBaseURL + "`; inside UCloud VPCs `http://api.service.ucloud.cn` also works. " +
				"Redirects are never followed: an endpoint that answers with one is reported with its target, to set here instead.",
			Validators: []validator.String{absoluteHTTPURL()},
		},
		attrProfile: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "UCloud CLI profile to read settings from. Can also be set with the `" + envProfile + "` environment variable. " +
				"A profile named here or there supplies its keys even when `" + envPublicKey + "` and `" + envPrivateKey + "` are set, with a warning. " +
				"Defaults to the profile marked `\"active\": true` in the config file (of several, the last, with a warning), else `default`. " +
				"A profile named here that is in neither file is an error. Cannot be set together with `public_key` or `private_key`.",
			Validators: []validator.String{
				ignoreEmpty(stringvalidator.ConflictsWith(path.MatchRoot(attrPublicKey), path.MatchRoot(attrPrivateKey))),
			},
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
			MarkdownDescription: "How many times a read is retried after a transient fault " +
				"(network errors, timeouts, HTTP 5xx, service-side errors), with exponential backoff. " +
				"Rate limiting (RetCode 153, HTTP 429) does not count: it is waited out within `retry_timeout`. " +
				"From 0 to 10; defaults to `3`.",
			Validators: []validator.Int64{int64validator.Between(0, maxMaxRetries)},
		},
		attrRetryTimeout: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "How long one read may keep retrying, as a duration such as `90s` or `5m`, counted from its first attempt; " +
				"no retry starts later. While the API limits the request rate, all reads of the provider share one adaptive pace " +
				"and honour `Retry-After`. At most `" + formatDuration(maxRetryTimeout) + "`; defaults to `" + defaultRetryTimeout.String() + "`.",
			Validators: []validator.String{durationUpTo(maxRetryTimeout)},
		},
		attrRequestTimeout: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "How long one API request may take, as a duration such as `30s` or `1m`, at most `" + formatDuration(client.MaxRequestTimeout) + "`; each retry gets its own. " +
				"Can also be set with the `" + envTimeoutSecond + "` environment variable (whole seconds, as in UCloud's SDK) or `timeout_sec` in the profile " +
				"(whole seconds, from 1 to " + fmt.Sprint(int64(client.MaxRequestTimeout/time.Second)) + "; 0 or absent means unset). " +
				"Defaults to `" + defaultRequestTimeout.String() + "`, the time after which UCloud's gateway itself gives up.",
			Validators: []validator.String{durationUpTo(client.MaxRequestTimeout)},
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
