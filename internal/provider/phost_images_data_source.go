package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// phostImageTypes are the values image_type accepts.
var phostImageTypes = []string{"Base", "Custom"}

// NewPHostImagesDataSource returns the ucloud_phost_images data source.
func NewPHostImagesDataSource() datasource.DataSource {
	return &imageDataSource[client.PHostImage]{
		typeSuffix: "_phost_images", schema: phostImagesSchema,
		newModel:       func() imageModel[client.PHostImage] { return &phostImagesDataSourceModel{} },
		zoneRequiredBy: client.ActionDescribePHostImage,
		readFailed:     "Unable to Read Bare-Metal Images", noMatch: "No Matching Bare-Metal Images",
	}
}

// phostImagesDataSourceModel is the data source's configuration and state.
type phostImagesDataSourceModel struct {
	imageQueryModel
	ImageType   types.String `tfsdk:"image_type"`
	ImageIDs    types.List   `tfsdk:"image_ids"`
	MachineType types.String `tfsdk:"machine_type"`
	Cluster     types.String `tfsdk:"cluster"`
	States      types.List   `tfsdk:"states"`
	MostRecent  types.Bool   `tfsdk:"most_recent"`
	Images      types.List   `tfsdk:"images"`
	IDs         types.List   `tfsdk:"ids"`
	TotalCount  types.Int64  `tfsdk:"total_count"`
}

var phostImagesSchema = schema.Schema{
	MarkdownDescription: "Lists the bare-metal (UPHost) images of a zone, every page of them, " +
		"filtered on the API side by type, ID, machine type and network cluster, and on the provider side " +
		"by state, name and OS type, then optionally ordered with `sort_by` and narrowed to the newest image with `most_recent`. " +
		"Values are returned exactly as the API spells them, plus `created_at` in RFC 3339. " +
		"An empty result is an empty list, unless `require_match` is set.",
	Attributes: imageQueryAttributes(
		imageQuerySchema{
			zone: schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Availability zone to list images in, e.g. `cn-bj2-02`. Defaults to the provider's `zone`; " +
					"the API lists one zone at a time, so one of the two must be set, and `\"\"` is refused. After the read it holds the zone used.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			sortKeys: phostSortKeyNames,
			sortByDescription: "`create_time` orders by creation time (read from any of the API's formats), " +
				"`name` by `image_name`, `version` by `version`.",
		},
		map[string]schema.Attribute{
			"image_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Keep only images of this type: " + quotedList(phostImageTypes) + " (`Base` images are UCloud's, `Custom` images are the account's own).",
				Validators:          oneOf(phostImageTypes),
			},
			"image_ids": schema.ListAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Keep only images with these IDs. Sent to the API. An empty list or a null element is refused.",
				Validators:          listArgumentValidators(),
			},
			"machine_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Keep only images that support this bare-metal machine type, e.g. `Storage-HDD-2`.",
			},
			"cluster": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Keep only images offered in this network cluster, e.g. `25G` or `100G`. " +
					"Requires `machine_type`, as the API does.",
				Validators: []validator.String{ignoreEmpty(stringvalidator.AlsoRequires(path.MatchRoot("machine_type")))},
			},
			"states": schema.ListAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Keep only images in one of these states, compared ignoring case, e.g. `[\"Available\", \"Making\"]`. " +
					"An image without a state (older images have no lifecycle) counts as `Available`. " +
					"Unset keeps `Available` images only, so an image still being made is never picked by accident. " +
					"An empty list or a null element is refused.",
				Validators: listArgumentValidators(),
			},
			"most_recent": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Keep only the newest image: the first after ordering by `create_time`, newest first, after every filter. " +
					"Times without a zone (`2006-01-02 15:04:05`) are read as China Standard Time (UTC+8). " +
					"A dated image always beats an undated one; when several share the newest time, or none has a time, " +
					"the lowest `image_id` is chosen and a warning lists the candidates. " +
					"Cannot be combined with a `sort_by` other than `create_time`, nor with `sort_ascending = true`. Defaults to `false`.",
			},
			"images": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching images, each listed once: in API order, or as `sort_by` orders them.",
				NestedObject: schema.NestedAttributeObject{Attributes: imageAttributes("Image ID.", map[string]schema.Attribute{
					"support":           schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Machine types the image supports."},
					"version":           schema.StringAttribute{Computed: true, MarkdownDescription: "Image version."},
					"image_type":        schema.StringAttribute{Computed: true, MarkdownDescription: "`Base` or `Custom`."},
					"create_time":       schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time as the API gives it (unix seconds, RFC 3339 or `2006-01-02 15:04:05`); empty for older images."},
					"created_at":        schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time in RFC 3339, in UTC (e.g. `2024-03-01T02:00:00Z`), read from `create_time` in any of its formats, so HCL's `timecmp()` can compare it; empty when the API gave no time or one in an unknown format."},
					"state":             schema.StringAttribute{Computed: true, MarkdownDescription: "Image state as the API writes it, e.g. `Available` or `Making`; empty for older images."},
					"image_description": schema.StringAttribute{Computed: true, MarkdownDescription: "Image description."},
				})},
			},
			"ids": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "The `image_id` of each element of `images`, in the same order.",
			},
			"total_count": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "The number of elements in `images`, after every filter.",
			},
		},
	),
}

// query is the arguments both data sources share.
func (m *phostImagesDataSourceModel) query() *imageQueryModel { return &m.imageQueryModel }

// validate refuses ordering arguments that contradict most_recent.
func (m *phostImagesDataSourceModel) validate(diags *diag.Diagnostics) {
	m.validateOrder(m.MostRecent.ValueBool(), diags)
	if !m.MostRecent.ValueBool() {
		return
	}
	if sortBy := m.SortBy.ValueString(); sortBy != "" && sortBy != phostSortByCreateTime {
		diags.AddAttributeError(path.Root("sort_by"), "Conflicting Image Order",
			fmt.Sprintf("most_recent picks the newest image by create_time, but sort_by is %q. "+
				"Remove most_recent and take the first image of the sorted list, or set sort_by = %q.", sortBy, phostSortByCreateTime))
	}
	if m.SortAscending.ValueBool() {
		diags.AddAttributeError(path.Root("sort_ascending"), "Conflicting Image Order",
			"most_recent picks the newest image, but sort_ascending = true puts the oldest first. "+
				"Remove one of them: for the oldest image, use sort_by = \"create_time\" with sort_ascending = true and take the first image.")
	}
}

// list reads every page of the query: one list, images.
func (m *phostImagesDataSourceModel) list(ctx context.Context, r *imageReader, loc imageLocation) ([][]client.PHostImage, error) {
	listed, err := r.listPHostImages(ctx, client.DescribePHostImageRequest{
		Region: loc.Region, Zone: loc.Zone, ProjectID: loc.ProjectID,
		ImageType:   m.ImageType.ValueString(),
		ImageIDs:    stringValues(m.ImageIDs),
		MachineType: m.MachineType.ValueString(),
		Cluster:     m.Cluster.ValueString(),
	})
	return [][]client.PHostImage{listed}, err
}

// results counts the images and converts them to images and ids.
func (m *phostImagesDataSourceModel) results(lists [][]client.PHostImage) map[string]tftypes.Value {
	m.TotalCount = types.Int64Value(int64(len(lists[0])))
	return flattenPHostImages(lists[0])
}

// phostSortByCreateTime is the sort_by value most_recent implies.
const phostSortByCreateTime = "create_time"

// phostSortKeys are the keys sort_by accepts, by name.
var phostSortKeys = map[string]sortKey[client.PHostImage]{
	phostSortByCreateTime: timeKey(func(img client.PHostImage) (time.Time, bool) { return parseCreateTime(string(img.CreateTime)) }),
	"name":                textKey(func(img client.PHostImage) string { return img.ImageName }),
	"version":             textKey(func(img client.PHostImage) string { return img.Version }),
}

// phostSortKeyNames are the keys of phostSortKeys, in the order docs list them.
var phostSortKeyNames = []string{phostSortByCreateTime, "name", "version"}

// phostDefaultState is what an image without a state counts as, and what
// states keeps when unset.
const phostDefaultState = "Available"

// selection describes the pipeline for this configuration: states,
// name_regex and os_type, then sort_by, then most_recent.
func (m *phostImagesDataSourceModel) selection() (imageSelection[client.PHostImage], error) {
	matcher, err := m.matcher()
	if err != nil {
		return imageSelection[client.PHostImage]{}, err
	}
	stateStage := imageStage[client.PHostImage]{name: "states (default)", keep: func(img client.PHostImage) bool {
		return strings.EqualFold(stateOrDefault(img.State), phostDefaultState)
	}}
	if !m.States.IsNull() {
		states := stringValues(m.States)
		stateStage = imageStage[client.PHostImage]{name: "states", keep: func(img client.PHostImage) bool {
			return slices.ContainsFunc(states, func(s string) bool { return strings.EqualFold(s, stateOrDefault(img.State)) })
		}}
	}
	s := imageSelection[client.PHostImage]{
		dataSource: "ucloud_phost_images",
		listNames:  []string{"images"},
		id:         func(img client.PHostImage) string { return img.ImageID },
		stages: append([]imageStage[client.PHostImage]{stateStage}, matcherStages(matcher,
			func(img client.PHostImage) string { return img.ImageName },
			func(img client.PHostImage) string { return img.OsType })...),
		ascending:  m.SortAscending.ValueBool(),
		pickNewest: m.MostRecent.ValueBool(),
	}
	switch {
	case s.pickNewest:
		s.order = phostSortKeys[phostSortByCreateTime]
	case m.SortBy.ValueString() != "":
		s.order = phostSortKeys[m.SortBy.ValueString()]
	}
	return s, nil
}

// stateOrDefault is an image's state, with none counting as Available.
func stateOrDefault(state string) string {
	if state == "" {
		return phostDefaultState
	}
	return state
}

// phostImagesList is the images attribute and its types.
var phostImagesList = newResultList(phostImagesSchema, "images")

// flattenPHostImages converts images to the values of images and ids, with
// empty lists rather than nulls for fields the API left out.
func flattenPHostImages(images []client.PHostImage) map[string]tftypes.Value {
	ids := make([]string, len(images))
	for i, img := range images {
		ids[i] = img.ImageID
	}
	return map[string]tftypes.Value{
		"images": objectList(phostImagesList, images, func(img client.PHostImage) map[string]tftypes.Value {
			fields := imageValues(phostImagesList, imageSummary{id: img.ImageID, name: img.ImageName, osName: img.OsName, osType: img.OsType, size: img.ImageSize})
			fields["support"] = stringList(img.Support)
			fields["version"] = tftypes.NewValue(tftypes.String, img.Version)
			fields["image_type"] = tftypes.NewValue(tftypes.String, img.ImageType)
			fields["create_time"] = tftypes.NewValue(tftypes.String, string(img.CreateTime))
			fields["created_at"] = tftypes.NewValue(tftypes.String, createdAt(string(img.CreateTime)))
			fields["state"] = tftypes.NewValue(tftypes.String, img.State)
			fields["image_description"] = tftypes.NewValue(tftypes.String, img.ImageDescription)
			return fields
		}),
		"ids": stringList(ids),
	}
}
