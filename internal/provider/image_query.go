package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// imageQueryModel holds the arguments both image data sources share: where
// to look, the client-side filters on image name and OS type, the order and
// whether an empty result is an error.
type imageQueryModel struct {
	Region        types.String `tfsdk:"region"`
	Zone          types.String `tfsdk:"zone"`
	ProjectID     types.String `tfsdk:"project_id"`
	NameRegex     types.String `tfsdk:"name_regex"`
	OsType        types.String `tfsdk:"os_type"`
	SortBy        types.String `tfsdk:"sort_by"`
	SortAscending types.Bool   `tfsdk:"sort_ascending"`
	RequireMatch  types.Bool   `tfsdk:"require_match"`
}

// imageQuerySchema is what a data source tells imageQueryAttributes.
type imageQuerySchema struct {
	// zone is the data source's own zone attribute: the two use zones
	// differently.
	zone schema.StringAttribute
	// sortKeys are the values sort_by accepts, sortByDescription what they
	// mean.
	sortKeys          []string
	sortByDescription string
}

// imageQueryAttributes returns the schema of imageQueryModel merged with a
// data source's own attributes.
func imageQueryAttributes(q imageQuerySchema, own map[string]schema.Attribute) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"region": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "Region to list images in, e.g. `cn-bj2`. Defaults to the provider's `region` (also when empty); " +
				"after the read it holds the region used.",
		},
		"zone": q.zone,
		"project_id": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "Project to list images in. Unset takes the provider's `project_id`; " +
				"`\"\"` means the account's default project, whatever the provider sets. After the read it holds the project used.",
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
		"sort_by": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Order the result by " + quotedList(q.sortKeys) + ": " + q.sortByDescription + " " +
				"Names and versions compare in natural order (runs of digits as numbers: `v9` before `v10`). " +
				"Images without a value for the key come last in either direction, and ties are broken by `image_id` ascending. " +
				"Unset keeps the API's order.",
			Validators: oneOf(q.sortKeys),
		},
		"sort_ascending": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "Order of `sort_by`: `false` (the default) puts the newest or highest first, `true` the oldest or lowest. " +
				"Has no effect without `sort_by`.",
		},
		"require_match": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "`true` makes an empty result an error that states the query and how many images each stage left, " +
				"so a module fails at plan time instead of passing an empty list on. Defaults to `false`: an empty result is an empty list.",
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

// location applies the provider's defaults. region falls back when unset
// or empty; zone and project_id only when unset, because an explicit ""
// means every zone of the region and the account's default project.
func (m imageQueryModel) location(defaults imageLocation) imageLocation {
	loc := imageLocation{Region: m.Region.ValueString(), Zone: m.Zone.ValueString(), ProjectID: m.ProjectID.ValueString()}
	if loc.Region == "" {
		loc.Region = defaults.Region
	}
	if m.Zone.IsNull() {
		loc.Zone = defaults.Zone
	}
	if m.ProjectID.IsNull() {
		loc.ProjectID = defaults.ProjectID
	}
	return loc
}

// setLocation records the location used, so it can be read from state.
func (m *imageQueryModel) setLocation(loc imageLocation) {
	m.Region = types.StringValue(loc.Region)
	m.Zone = types.StringValue(loc.Zone)
	m.ProjectID = types.StringValue(loc.ProjectID)
}

// validateOrder warns at plan time about a sort_ascending that orders
// nothing; mostRecent says whether the data source's most_recent is set.
func (m imageQueryModel) validateOrder(mostRecent bool, diags *diag.Diagnostics) {
	if m.SortAscending.IsNull() || m.SortBy.IsUnknown() || m.SortBy.ValueString() != "" || mostRecent {
		return
	}
	diags.AddAttributeWarning(path.Root("sort_ascending"), "Sort Order Without a Sort Key",
		"sort_ascending only orders the result together with sort_by; without sort_by the images stay in the API's order.")
}

// stringValues returns the elements of a list argument as strings (nil when
// it is null); the validators refused null elements at plan time.
func stringValues(list types.List) []string {
	var values []string
	for _, v := range list.Elements() {
		if s, ok := v.(types.String); ok {
			values = append(values, s.ValueString())
		}
	}
	return values
}

// describeQuery renders the query for an error: the location used and
// every argument set in the configuration, in name order.
func describeQuery(ctx context.Context, cfg tfsdk.Config, s schema.Schema, loc imageLocation) string {
	project := fmt.Sprintf("%q", loc.ProjectID)
	if loc.ProjectID == "" {
		project += " (the account's default project)"
	}
	zone := fmt.Sprintf("%q", loc.Zone)
	if loc.Zone == "" {
		zone += " (every zone of the region)"
	}
	lines := []string{
		fmt.Sprintf("region = %q", loc.Region),
		"zone = " + zone,
		"project_id = " + project,
	}
	names := make([]string, 0, len(s.Attributes))
	for name, a := range s.Attributes {
		if a.IsOptional() && name != "region" && name != "zone" && name != "project_id" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		var v attr.Value
		if diags := cfg.GetAttribute(ctx, path.Root(name), &v); diags.HasError() || v == nil || v.IsNull() {
			continue
		}
		lines = append(lines, name+" = "+v.String())
	}
	return "  " + strings.Join(lines, "\n  ")
}
