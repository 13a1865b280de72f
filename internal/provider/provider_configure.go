package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// Configure resolves the settings and hands data sources one read layer:
// the client, the provider's defaults and the listings they share.
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

	settings := resolveSettings(cfg, p.lookupEnv, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.MaskLogStrings(ctx, settings.privateKey)
	tflog.Debug(ctx, "UCloud provider configured", map[string]any{
		"region": settings.region, "zone": settings.zone, "project_id": settings.projectID,
		"base_url": client.RedactedURL(settings.baseURL), "max_retries": settings.maxRetries, "retry_timeout": settings.retryTimeout.String(),
		"request_timeout": settings.requestTimeout.String(), "profile": settings.profile,
	})

	c, err := client.New(client.Config{
		BaseURL:        settings.baseURL,
		PublicKey:      settings.publicKey,
		PrivateKey:     settings.privateKey,
		MaxRetries:     settings.maxRetries,
		RetryTimeout:   settings.retryTimeout,
		RequestTimeout: settings.requestTimeout,
		UserAgent:      userAgent(p.version, req.TerraformVersion),
		Logger:         newTFLogLogger(settings.privateKey),
	})
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create UCloud API Client", err.Error())
		return
	}
	reader := newImageReader(c, imageLocation{Region: settings.region, Zone: settings.zone, ProjectID: settings.projectID})
	resp.DataSourceData = reader
	p.reader.Store(reader)
}

// userAgent identifies the provider and the Terraform that runs it.
func userAgent(providerVersion, terraformVersion string) string {
	ua := "terraform-provider-ucloud/" + providerVersion
	if terraformVersion != "" {
		ua += " Terraform/" + terraformVersion
	}
	return ua
}
