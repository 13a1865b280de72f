package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// imageQueryModel holds the arguments both image data sources share: where
// to look and the client-side filters on image name and OS type.
type imageQueryModel struct {
	Region    types.String `tfsdk:"region"`
	Zone      types.String `tfsdk:"zone"`
	ProjectID types.String `tfsdk:"project_id"`
	NameRegex types.String `tfsdk:"name_regex"`
	OsType    types.String `tfsdk:"os_type"`
}

// imageQueryAttributes returns the schema of imageQueryModel merged with a
// data source's own attributes. zoneDescription says how it uses the zone.
func imageQueryAttributes(zoneDescription string, own map[string]schema.Attribute) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"region": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "Region to list images in, e.g. `cn-bj2`. Defaults to the provider's `region`; " +
				"after the read it holds the region used.",
		},
		"zone": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: zoneDescription + " After the read it holds the zone used.",
		},
		"project_id": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "Project to list images in. Defaults to the provider's `project_id`; " +
				"empty means the account's default project.",
		},
		"name_regex": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Keep only images whose `image_name` matches this RE2 regular expression " +
				"(unanchored: add `^` and `$` to match the whole name). Applied by the provider, not sent to the API.",
			Validators: []validator.String{validRegex()},
		},
		"os_type": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Keep only images whose `os_type` equals this value, ignoring case " +
				"(e.g. `CentOS`, `Ubuntu`). Applied by the provider, not sent to the API.",
		},
	}
	for name, attr := range own {
		attrs[name] = attr
	}
	return attrs
}

// imageLocation is where a query runs, after provider defaults.
type imageLocation struct {
	Region, Zone, ProjectID string
}

// location applies the provider's defaults to unset arguments.
func (m imageQueryModel) location(c *client.Client) imageLocation {
	or := func(v types.String, fallback string) string {
		if s := v.ValueString(); s != "" {
			return s
		}
		return fallback
	}
	return imageLocation{
		Region:    or(m.Region, c.Region()),
		Zone:      or(m.Zone, c.Zone()),
		ProjectID: or(m.ProjectID, c.ProjectID()),
	}
}

// setLocation records the location used, so it can be read from state.
func (m *imageQueryModel) setLocation(loc imageLocation) {
	m.Region = types.StringValue(loc.Region)
	m.Zone = types.StringValue(loc.Zone)
	m.ProjectID = types.StringValue(loc.ProjectID)
}

// imageMatcher applies name_regex and os_type.
type imageMatcher struct {
	nameRegex *regexp.Regexp
	osType    string
}

// matcher compiles the filters; the regex was validated at plan time, so
// an error here only means validation was bypassed.
func (m imageQueryModel) matcher() (imageMatcher, error) {
	var im imageMatcher
	if !m.NameRegex.IsNull() {
		re, err := regexp.Compile(m.NameRegex.ValueString())
		if err != nil {
			return im, err
		}
		im.nameRegex = re
	}
	im.osType = m.OsType.ValueString()
	return im, nil
}

// byName reports whether an image name passes name_regex.
func (im imageMatcher) byName(name string) bool {
	return im.nameRegex == nil || im.nameRegex.MatchString(name)
}

// byOsType reports whether an OS type passes os_type.
func (im imageMatcher) byOsType(osType string) bool {
	return im.osType == "" || strings.EqualFold(im.osType, osType)
}

// keep returns the elements for which ok is true, as a new slice; the
// input is left untouched.
func keep[T any](items []T, ok func(T) bool) []T {
	out := make([]T, 0, len(items))
	for _, item := range items {
		if ok(item) {
			out = append(out, item)
		}
	}
	return out
}

// logStage records how many images survived a filtering stage, so a query
// that matched nothing shows which filter emptied it.
func logStage(ctx context.Context, dataSource, stage string, counts map[string]any) {
	fields := map[string]any{"data_source": dataSource, "stage": stage}
	for k, v := range counts {
		fields[k] = v
	}
	tflog.Debug(ctx, "image count after "+stage, fields)
}

// clientFromProviderData is the shared data source Configure step.
func clientFromProviderData(req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) *client.Client {
	if req.ProviderData == nil {
		return nil
	}
	c, ok := req.ProviderData.(*client.Client)
	if !ok {
		resp.Diagnostics.AddError("Unexpected Data Source Configure Type",
			fmt.Sprintf("Expected *client.Client, got: %T. Please report this issue to the provider developers.", req.ProviderData))
		return nil
	}
	return c
}
