package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*phostImagesDataSource)(nil)

// phostImageTypes are the values image_type accepts.
var phostImageTypes = []string{"Base", "Custom"}

// NewPHostImagesDataSource returns the ucloud_phost_images data source.
func NewPHostImagesDataSource() datasource.DataSource {
	return &phostImagesDataSource{}
}

// phostImagesDataSource lists bare-metal (UPHost) images.
type phostImagesDataSource struct {
	client *client.Client
}

// phostImagesDataSourceModel is the data source's configuration and state.
type phostImagesDataSourceModel struct {
	imageQueryModel
	ImageType   types.String `tfsdk:"image_type"`
	ImageIDs    types.List   `tfsdk:"image_ids"`
	MachineType types.String `tfsdk:"machine_type"`
	Cluster     types.String `tfsdk:"cluster"`
	MostRecent  types.Bool   `tfsdk:"most_recent"`
	Images      types.List   `tfsdk:"images"`
	IDs         types.List   `tfsdk:"ids"`
	TotalCount  types.Int64  `tfsdk:"total_count"`
}

// Metadata names the data source.
func (d *phostImagesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_phost_images"
}

// Schema describes arguments and results.
func (d *phostImagesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = phostImagesSchema
}

var phostImagesSchema = schema.Schema{
	MarkdownDescription: "Lists the bare-metal (UPHost) images of a zone, every page of them, " +
		"filtered on the API side by type, ID, machine type and network cluster, and on the provider side " +
		"by name and OS type, optionally narrowed to the newest image with `most_recent`. Values are returned exactly as the API spells them. " +
		"An empty result is an empty list, not an error.",
	Attributes: imageQueryAttributes(
		"Availability zone to list images in, e.g. `cn-bj2-02`. Defaults to the provider's `zone`; "+
			"the API requires a zone, so one of the two must be set.",
		map[string]schema.Attribute{
			"image_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Keep only images of this type: " + quotedList(phostImageTypes) + " (`Base` images are UCloud's, `Custom` images are the account's own).",
				Validators:          []validator.String{stringvalidator.OneOf(phostImageTypes...)},
			},
			"image_ids": schema.ListAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Keep only images with these IDs. Sent to the API.",
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"machine_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Keep only images that support this bare-metal machine type, e.g. `Storage-HDD-2`.",
			},
			"cluster": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Keep only images offered in this network cluster, e.g. `25G` or `100G`. " +
					"Requires `machine_type`, as the API does.",
				Validators: []validator.String{stringvalidator.AlsoRequires(path.MatchRoot("machine_type"))},
			},
			"most_recent": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Keep only the image with the latest `create_time`, after every other filter. " +
					"Times without a zone (`2006-01-02 15:04:05`) are read as China Standard Time (UTC+8); times without a value or in an unknown format count as oldest; on a tie the first in API order wins. Defaults to `false`.",
			},
			"images": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching images, in API order, each listed once.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"image_id":          schema.StringAttribute{Computed: true, MarkdownDescription: "Image ID."},
					"image_name":        schema.StringAttribute{Computed: true, MarkdownDescription: "Image name."},
					"os_name":           schema.StringAttribute{Computed: true, MarkdownDescription: "Operating system name, e.g. `CentOS 7.9 64位`."},
					"os_type":           schema.StringAttribute{Computed: true, MarkdownDescription: "Operating system type, e.g. `CentOS`, spelled as the API does (so it can be fed back to `os_type`)."},
					"support":           schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Machine types the image supports."},
					"version":           schema.StringAttribute{Computed: true, MarkdownDescription: "Image version."},
					"image_type":        schema.StringAttribute{Computed: true, MarkdownDescription: "`Base` or `Custom`."},
					"create_time":       schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time as the API gives it (unix seconds, RFC 3339 or `2006-01-02 15:04:05`); empty for older images."},
					"state":             schema.StringAttribute{Computed: true, MarkdownDescription: "Image state; empty for older images."},
					"image_size":        schema.Int64Attribute{Computed: true, MarkdownDescription: "Image size as the API reports it; `0` for older images."},
					"image_description": schema.StringAttribute{Computed: true, MarkdownDescription: "Image description."},
				}},
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

// Configure receives the provider's client.
func (d *phostImagesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req, resp)
}

// Read lists the images and applies the client-side filters.
func (d *phostImagesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data phostImagesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// Build the API request; the zone is required by the API.
	loc := data.location(d.client)
	if loc.Zone == "" {
		resp.Diagnostics.AddAttributeError(path.Root("zone"), "Missing Zone",
			"DescribePHostImage needs an availability zone. Set zone in this data source, or zone in the provider block, "+
				"the "+envZone+" environment variable or the UCloud CLI profile.")
		return
	}
	matcher, err := data.matcher()
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("name_regex"), "Invalid Regular Expression", err.Error())
		return
	}
	apiReq := client.DescribePHostImageRequest{
		Region: loc.Region, Zone: loc.Zone, ProjectID: loc.ProjectID,
		ImageType:   data.ImageType.ValueString(),
		MachineType: data.MachineType.ValueString(),
		Cluster:     data.Cluster.ValueString(),
	}
	resp.Diagnostics.Append(data.ImageIDs.ElementsAs(ctx, &apiReq.ImageIDs, false)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// Read every page, then filter on the client.
	images, err := d.client.ListPHostImages(ctx, apiReq)
	if err != nil {
		addReadError(&resp.Diagnostics, "Unable to Read Bare-Metal Images", err)
		return
	}
	images = filterPHostImages(ctx, images, matcher, data.MostRecent.ValueBool())

	// Record the result.
	data.setLocation(loc)
	data.Images, data.IDs = flattenPHostImages(images)
	data.TotalCount = types.Int64Value(int64(len(images)))
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

// filterPHostImages applies name_regex, os_type and most_recent in turn,
// logging the count after each stage.
func filterPHostImages(ctx context.Context, images []client.PHostImage, m imageMatcher, mostRecent bool) []client.PHostImage {
	const name = "ucloud_phost_images"
	logStage(ctx, name, "API listing", map[string]any{"images": len(images)})
	images = keep(images, func(img client.PHostImage) bool { return m.byName(img.ImageName) })
	logStage(ctx, name, "name_regex", map[string]any{"images": len(images)})
	images = keep(images, func(img client.PHostImage) bool { return m.byOsType(img.OsType) })
	logStage(ctx, name, "os_type", map[string]any{"images": len(images)})
	if mostRecent {
		images = newestPHostImage(images)
		logStage(ctx, name, "most_recent", map[string]any{"images": len(images)})
	}
	return images
}

// phostImageType is the object type of an element of images.
var phostImageType = resultElementType(phostImagesSchema, "images")

// flattenPHostImages converts images to the images and ids values, with
// empty lists rather than nulls for fields the API left out.
func flattenPHostImages(images []client.PHostImage) (types.List, types.List) {
	ids := make([]string, len(images))
	for i, img := range images {
		ids[i] = img.ImageID
	}
	return objectList(phostImageType, images, func(img client.PHostImage) map[string]attr.Value {
		return map[string]attr.Value{
			"image_id":          types.StringValue(img.ImageID),
			"image_name":        types.StringValue(img.ImageName),
			"os_name":           types.StringValue(img.OsName),
			"os_type":           types.StringValue(img.OsType),
			"support":           stringList(img.Support),
			"version":           types.StringValue(img.Version),
			"image_type":        types.StringValue(img.ImageType),
			"create_time":       types.StringValue(string(img.CreateTime)),
			"state":             types.StringValue(img.State),
			"image_size":        types.Int64Value(img.ImageSize),
			"image_description": types.StringValue(img.ImageDescription),
		}
	}), stringList(ids)
}

// quotedList renders values as "`a` or `b`" for descriptions.
func quotedList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = fmt.Sprintf("`%s`", v)
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}
