package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// uk8sProductTypes are the values product_type accepts.
var uk8sProductTypes = []string{"uhost", "uphost"}

// uk8sGPUMachineType is the machine type that needs a gpu_type.
const uk8sGPUMachineType = "G"

// NewUK8SImagesDataSource returns the ucloud_uk8s_images data source.
func NewUK8SImagesDataSource() datasource.DataSource {
	return &imageDataSource[client.UK8SImage]{
		typeSuffix: "_uk8s_images", schema: uk8sImagesSchema,
		newModel:   func() imageModel[client.UK8SImage] { return &uk8sImagesDataSourceModel{} },
		readFailed: "Unable to Read UK8S Images", noMatch: "No Matching UK8S Images",
	}
}

// uk8sImagesDataSourceModel is the data source's configuration and state.
type uk8sImagesDataSourceModel struct {
	imageQueryModel
	uk8sArguments
	uk8sImageSets
}

// uk8sArguments are the arguments only this data source has.
type uk8sArguments struct {
	ProductType  types.String `tfsdk:"product_type"`
	MachineType  types.String `tfsdk:"machine_type"`
	GPUType      types.String `tfsdk:"gpu_type"`
	K8sVersion   types.String `tfsdk:"k8s_version"`
	GPUSupported types.Bool   `tfsdk:"gpu_supported"`
}

// uk8sImageSets are the four result lists, one for each of the API's sets.
type uk8sImageSets struct {
	Images            types.List `tfsdk:"images"`
	PHostImages       types.List `tfsdk:"phost_images"`
	CustomImages      types.List `tfsdk:"custom_images"`
	CustomPHostImages types.List `tfsdk:"custom_phost_images"`
}

// uk8sImageListAttribute describes one of the four result lists.
func uk8sImageListAttribute(description string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: description + " In API order; empty when the API returns none.",
		NestedObject: schema.NestedAttributeObject{Attributes: imageAttributes("Image ID: the value to give a UK8S node pool as its image.", map[string]schema.Attribute{
			"zone_id":             schema.Int64Attribute{Computed: true, MarkdownDescription: "Numeric ID of the availability zone the image is in."},
			"not_support_gpu":     schema.BoolAttribute{Computed: true, MarkdownDescription: "`true` when the image does NOT support GPU machines (the API's `NotSupportGPU`)."},
			"features":            schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Image features, e.g. `NetEnhanced`."},
			"integrated_software": schema.StringAttribute{Computed: true, MarkdownDescription: "Software bundled in the image, e.g. GPU driver and CUDA versions."},
			"supported_gpu_types": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "GPU types the image supports, e.g. `4090`, `A800`."},
		})},
	}
}

var uk8sImagesSchema = schema.Schema{
	MarkdownDescription: "Lists the node images that UK8S (UCloud managed Kubernetes) supports, in four sets: " +
		"VM images, bare-metal images and the account's custom images of each kind. Filters on product, machine type, " +
		"GPU type and Kubernetes version go to the API; `name_regex`, `os_type` and `gpu_supported` are applied by the " +
		"provider to all four lists. Values are returned exactly as the API spells them.",
	Attributes: imageQueryAttributes(
		imageQuerySchema{
			zone: schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Availability zone, e.g. `cn-bj2-02`. Unset takes the provider's `zone`; `\"\"`, or unset when the provider " +
					"sets no zone, lists the images of every zone in the region (not sent to the API). After the read it holds the zone used.",
			},
			sortKeys:          uk8sSortKeyNames,
			sortByDescription: "`name` orders each of the four lists by `image_name`.",
		},
		map[string]schema.Attribute{
			"machine_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Node machine type, e.g. `O`, `OPRO` or `G` (GPU). The API's default is `O`. `G` (in any case) requires `gpu_type`.",
			},
			"product_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Node product: " + quotedList(uk8sProductTypes) + " (VM or bare metal). Unset lists both.",
				Validators:          oneOf(uk8sProductTypes),
			},
			"gpu_type": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "GPU type, e.g. `4090`, `A800`, `V100S`. Required when `machine_type` is `G`. " +
					"Sent to the API, and also applied by the provider: it keeps only images that support GPUs and whose " +
					"`supported_gpu_types`, when the API lists any, contains this type (ignoring case). Images that list no GPU types are kept, since the API did not say.",
			},
			"k8s_version": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Kubernetes version the images must support, e.g. `1.28.15`.",
			},
			"gpu_supported": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "`true` keeps only images that support GPU machines; `false` keeps only those that do not. " +
					"Unset keeps both. Applied by the provider to all four lists.",
			},
			"images":              uk8sImageListAttribute("VM node images (the API's `ImageSet`)."),
			"phost_images":        uk8sImageListAttribute("Bare-metal node images (the API's `PHostImageSet`)."),
			"custom_images":       uk8sImageListAttribute("The account's custom VM node images (the API's `CustomImageSet`)."),
			"custom_phost_images": uk8sImageListAttribute("The account's custom bare-metal node images (the API's `CustomPHostImageSet`)."),
		},
	),
}

// query is the arguments both data sources share.
func (m *uk8sImagesDataSourceModel) query() *imageQueryModel { return &m.imageQueryModel }

// validate refuses a GPU machine type without a GPU type.
func (m *uk8sImagesDataSourceModel) validate(diags *diag.Diagnostics) {
	m.validateOrder(false, diags)
	if !strings.EqualFold(m.MachineType.ValueString(), uk8sGPUMachineType) {
		return
	}
	if m.GPUType.IsNull() || (!m.GPUType.IsUnknown() && m.GPUType.ValueString() == "") {
		diags.AddAttributeError(path.Root("gpu_type"), "Missing GPU Type",
			fmt.Sprintf(`machine_type = %q selects GPU machines, and the API then needs gpu_type, e.g. "4090", "A800" or "V100S".`, m.MachineType.ValueString()))
	}
}

// list reads the four image sets of the query, in the order of uk8sSetNames.
func (m *uk8sImagesDataSourceModel) list(ctx context.Context, r *imageReader, loc imageLocation) ([][]client.UK8SImage, error) {
	out, err := r.describeUK8SImage(ctx, client.DescribeUK8SImageRequest{
		Region: loc.Region, Zone: loc.Zone, ProjectID: loc.ProjectID,
		ProductType: m.ProductType.ValueString(),
		MachineType: m.MachineType.ValueString(),
		GPUType:     m.GPUType.ValueString(),
		K8sVersion:  m.K8sVersion.ValueString(),
	})
	if err != nil {
		return nil, err
	}
	return [][]client.UK8SImage{out.ImageSet, out.PHostImageSet, out.CustomImageSet, out.CustomPHostImageSet}, nil
}

// results converts the four sets.
func (m *uk8sImagesDataSourceModel) results(sets [][]client.UK8SImage) map[string]tftypes.Value {
	return flattenUK8SSets(sets)
}

// uk8sSetNames name the four sets in logs, as the result attributes do, in
// the order list returns them.
var uk8sSetNames = []string{"images", "phost_images", "custom_images", "custom_phost_images"}

// uk8sSortKeyNames are the values sort_by accepts.
var uk8sSortKeyNames = []string{"name"}

// uk8sSortByName orders each set by image name.
var uk8sSortByName = textKey(func(img client.UK8SImage) string { return img.ImageName })

// selection describes the pipeline for this configuration: gpu_type,
// name_regex, os_type and gpu_supported, then sort_by.
func (m *uk8sImagesDataSourceModel) selection() (imageSelection[client.UK8SImage], error) {
	matcher, err := m.matcher()
	if err != nil {
		return imageSelection[client.UK8SImage]{}, err
	}
	var stages []imageStage[client.UK8SImage]
	if gpuType := m.GPUType.ValueString(); gpuType != "" {
		stages = append(stages, imageStage[client.UK8SImage]{name: "gpu_type", keep: func(img client.UK8SImage) bool {
			return !img.NotSupportGPU && (len(img.SupportedGPUTypes) == 0 ||
				slices.ContainsFunc(img.SupportedGPUTypes, func(t string) bool { return strings.EqualFold(t, gpuType) }))
		}})
	}
	stages = append(stages, matcherStages(matcher,
		func(img client.UK8SImage) string { return img.ImageName },
		func(img client.UK8SImage) string { return img.OsType })...)
	if !m.GPUSupported.IsNull() {
		want := m.GPUSupported.ValueBool()
		stages = append(stages, imageStage[client.UK8SImage]{name: "gpu_supported", keep: func(img client.UK8SImage) bool {
			return !img.NotSupportGPU == want
		}})
	}
	s := imageSelection[client.UK8SImage]{
		dataSource: "ucloud_uk8s_images",
		listNames:  uk8sSetNames,
		id:         func(img client.UK8SImage) string { return img.ImageID },
		stages:     stages,
		ascending:  m.SortAscending.ValueBool(),
	}
	if m.SortBy.ValueString() != "" {
		s.order = uk8sSortByName
	}
	return s, nil
}

// uk8sImageLists are the four result attributes and their types, in the
// order of uk8sSetNames.
var uk8sImageLists = func() []resultList {
	lists := make([]resultList, len(uk8sSetNames))
	for i, name := range uk8sSetNames {
		lists[i] = newResultList(uk8sImagesSchema, name)
	}
	return lists
}()

// flattenUK8SSets converts the four sets, in the order of uk8sSetNames, to
// their state values, with empty lists rather than nulls.
func flattenUK8SSets(sets [][]client.UK8SImage) map[string]tftypes.Value {
	values := make(map[string]tftypes.Value, len(uk8sImageLists))
	for i, l := range uk8sImageLists {
		values[l.name] = objectList(l, sets[i], func(img client.UK8SImage) map[string]tftypes.Value {
			fields := imageValues(l, imageSummary{id: img.ImageID, name: img.ImageName, osName: img.OsName, osType: img.OsType, size: img.ImageSize})
			fields["zone_id"] = tftypes.NewValue(tftypes.Number, int64(img.ZoneID))
			fields["not_support_gpu"] = tftypes.NewValue(tftypes.Bool, img.NotSupportGPU)
			fields["features"] = stringList(img.Features)
			fields["integrated_software"] = tftypes.NewValue(tftypes.String, img.IntegratedSoftware)
			fields["supported_gpu_types"] = stringList(img.SupportedGPUTypes)
			return fields
		})
	}
	return values
}
