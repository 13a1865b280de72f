package provider

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// The framework's own conversion, the reference for the result lists
// built in result_values.go: tfsdk-tagged structs, converted by the
// framework's reflection. Lists the API left out are empty, not null, as
// the data sources document.

// phostImageReference is an element of images as a tagged struct.
type phostImageReference struct {
	ImageID          string   `tfsdk:"image_id"`
	ImageName        string   `tfsdk:"image_name"`
	OsName           string   `tfsdk:"os_name"`
	OsType           string   `tfsdk:"os_type"`
	Support          []string `tfsdk:"support"`
	Version          string   `tfsdk:"version"`
	ImageType        string   `tfsdk:"image_type"`
	CreateTime       string   `tfsdk:"create_time"`
	CreatedAt        string   `tfsdk:"created_at"`
	State            string   `tfsdk:"state"`
	ImageSize        int64    `tfsdk:"image_size"`
	ImageDescription string   `tfsdk:"image_description"`
}

// uk8sImageReference is an element of the UK8S lists as a tagged struct.
type uk8sImageReference struct {
	ZoneID             int64    `tfsdk:"zone_id"`
	ImageID            string   `tfsdk:"image_id"`
	ImageName          string   `tfsdk:"image_name"`
	NotSupportGPU      bool     `tfsdk:"not_support_gpu"`
	OsType             string   `tfsdk:"os_type"`
	OsName             string   `tfsdk:"os_name"`
	Features           []string `tfsdk:"features"`
	ImageSize          int64    `tfsdk:"image_size"`
	IntegratedSoftware string   `tfsdk:"integrated_software"`
	SupportedGPUTypes  []string `tfsdk:"supported_gpu_types"`
}

// orEmpty is values, or an empty list for nil.
func orEmpty(values []string) []string {
	if values == nil {
		return []string{}
	}
	return values
}

// nullResultList is the null value of the list attribute name of s, as
// the config hands it to Read.
func nullResultList(t testing.TB, s schema.Schema, name string) types.List {
	t.Helper()
	lt, ok := s.Attributes[name].GetType().(types.ListType)
	if !ok {
		t.Fatalf("attribute %s is not a list", name)
	}
	return types.ListNull(lt.ElemType)
}

// referenceList converts items with the framework's reflection into the
// list attribute name of s.
func referenceList[T any](t testing.TB, s schema.Schema, name string, items []T) types.List {
	t.Helper()
	list, diags := types.ListValueFrom(context.Background(), nullResultList(t, s, name).ElementType(context.Background()), items)
	if diags.HasError() {
		t.Fatal(fmt.Sprint(diags))
	}
	return list
}

// stateOf converts model with tfsdk.State.Set, then applies lists with
// setResultLists when there are any, as Read does.
func stateOf(t testing.TB, s schema.Schema, model any, lists map[string]tftypes.Value) tfsdk.State {
	t.Helper()
	ctx := context.Background()
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
	diags := state.Set(ctx, model)
	if lists != nil {
		diags.Append(setResultLists(&state, lists)...)
	}
	if diags.HasError() {
		t.Fatal(fmt.Sprint(diags))
	}
	return state
}

// assertSameState fails unless got and want are equal values with equal
// msgpack encodings, as Terraform receives them.
func assertSameState(t *testing.T, got, want tfsdk.State) {
	t.Helper()
	if !got.Raw.Equal(want.Raw) {
		diffs, _ := got.Raw.Diff(want.Raw)
		t.Fatalf("state differs from the framework's conversion in %d places, first %v", len(diffs), diffs[:min(len(diffs), 1)])
	}
	typ := got.Schema.Type().TerraformType(context.Background())
	g, err := tfprotov6.NewDynamicValue(typ, got.Raw)
	if err != nil {
		t.Fatal(err)
	}
	w, err := tfprotov6.NewDynamicValue(typ, want.Raw)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(g.MsgPack, w.MsgPack) {
		t.Fatal("state encodes differently from the framework's conversion")
	}
}

// oddPHostImages are the cases generated images do not cover.
var oddPHostImages = []client.PHostImage{
	{},
	{ImageID: "pimg-empty-support", Support: []string{}, CreateTime: "not a time"},
	{ImageID: "pimg-empty-element", Support: []string{"", "Storage-HDD-2"}, CreateTime: "1700000000"},
	{
		ImageID: "pimg-unicode", ImageName: "CentOS 7.9 64位 ✓", OsName: "Ubuntu 22.04 «LTS» 🐧", OsType: "Ubuntu",
		Version: "\u00e9\u0301", ImageDescription: "tab\tnew line\nquote\" nul\x00 end", CreateTime: "2024-03-01 10:00:00",
		State: "Making", ImageSize: -1,
	},
	{ImageID: "pimg-large", CreateTime: "2024-03-01T02:00:00Z", ImageSize: 1<<63 - 1, Support: []string{"a", "a"}},
}

// TestResultLists_matchFramework checks that the directly built result
// lists give, byte for byte, the state the framework's reflection gives
// for the same images.
func TestResultLists_matchFramework(t *testing.T) {
	t.Parallel()
	var generated []client.PHostImage
	decodeLikeClient(t, fakeapi.GeneratePHostImages(fakeapi.Zone, 1000), &generated)
	var catalog []client.UK8SImage
	decodeLikeClient(t, fakeapi.New().UK8SImages(), &catalog)
	oddUK8S := []client.UK8SImage{
		{},
		{ImageID: "uimg-empty", Features: []string{}, SupportedGPUTypes: []string{}},
		{ZoneID: -7, ImageID: "uimg-unicode", ImageName: "Ubuntu 22.04 «GPU» 🚀", NotSupportGPU: true,
			IntegratedSoftware: "CUDA 12.4\nDriver 550", Features: []string{"", "NetEnhanced"}, ImageSize: 1<<63 - 1},
	}
	loc := imageLocation{Region: fakeapi.Region, Zone: fakeapi.Zone, ProjectID: "org-ü"}

	phost := map[string][]client.PHostImage{"generated": generated, "odd": oddPHostImages, "none": nil}
	for name, images := range phost {
		t.Run("phost/"+name, func(t *testing.T) {
			t.Parallel()
			model := func() phostImagesDataSourceModel {
				m := phostImagesDataSourceModel{
					ImageType: types.StringValue("Base"), ImageIDs: types.ListNull(types.StringType),
					MachineType: types.StringNull(), Cluster: types.StringNull(), MostRecent: types.BoolValue(false),
					States:     types.ListValueMust(types.StringType, nil),
					Images:     nullResultList(t, phostImagesSchema, "images"),
					IDs:        nullResultList(t, phostImagesSchema, "ids"),
					TotalCount: types.Int64Value(int64(len(images))),
				}
				m.NameRegex, m.OsType, m.SortBy = types.StringNull(), types.StringNull(), types.StringNull()
				m.SortAscending, m.RequireMatch = types.BoolNull(), types.BoolNull()
				m.setLocation(loc)
				return m
			}
			direct := model()
			got := stateOf(t, phostImagesSchema, &direct, flattenPHostImages(images))

			ref := model()
			refs := make([]phostImageReference, len(images))
			ids := make([]string, len(images))
			for i, img := range images {
				refs[i] = phostImageReference{
					ImageID: img.ImageID, ImageName: img.ImageName, OsName: img.OsName, OsType: img.OsType,
					Support: orEmpty(img.Support), Version: img.Version, ImageType: img.ImageType,
					CreateTime: string(img.CreateTime), CreatedAt: createdAt(string(img.CreateTime)),
					State: img.State, ImageSize: img.ImageSize, ImageDescription: img.ImageDescription,
				}
				ids[i] = img.ImageID
			}
			ref.Images = referenceList(t, phostImagesSchema, "images", refs)
			ref.IDs = referenceList(t, phostImagesSchema, "ids", ids)
			assertSameState(t, got, stateOf(t, phostImagesSchema, &ref, nil))
		})
	}

	uk8s := map[string][][]client.UK8SImage{
		"catalog and odd":   {catalog, oddUK8S, nil, {}},
		"none":              {nil, nil, nil, nil},
		"catalog in each":   {catalog, catalog, catalog, catalog},
		"odd in the last":   {{}, nil, {}, oddUK8S},
		"one in each order": {oddUK8S[:1], oddUK8S[1:2], oddUK8S[2:], catalog[:1]},
	}
	for name, sets := range uk8s {
		t.Run("uk8s/"+name, func(t *testing.T) {
			t.Parallel()
			model := func() uk8sImagesDataSourceModel {
				m := uk8sImagesDataSourceModel{uk8sArguments: uk8sArguments{
					ProductType: types.StringNull(), MachineType: types.StringValue("G"), GPUType: types.StringValue("4090"),
					K8sVersion: types.StringNull(), GPUSupported: types.BoolValue(true),
				}}
				for _, l := range []*types.List{&m.Images, &m.PHostImages, &m.CustomImages, &m.CustomPHostImages} {
					*l = nullResultList(t, uk8sImagesSchema, "images")
				}
				m.NameRegex, m.OsType, m.SortBy = types.StringValue("^Ubuntu"), types.StringNull(), types.StringNull()
				m.SortAscending, m.RequireMatch = types.BoolNull(), types.BoolValue(true)
				m.setLocation(loc)
				return m
			}
			direct := model()
			got := stateOf(t, uk8sImagesSchema, &direct, flattenUK8SSets(sets))

			ref := model()
			for i, l := range []*types.List{&ref.Images, &ref.PHostImages, &ref.CustomImages, &ref.CustomPHostImages} {
				refs := make([]uk8sImageReference, len(sets[i]))
				for j, img := range sets[i] {
					refs[j] = uk8sImageReference{
						ZoneID: int64(img.ZoneID), ImageID: img.ImageID, ImageName: img.ImageName, NotSupportGPU: img.NotSupportGPU,
						OsType: img.OsType, OsName: img.OsName, Features: orEmpty(img.Features), ImageSize: img.ImageSize,
						IntegratedSoftware: img.IntegratedSoftware, SupportedGPUTypes: orEmpty(img.SupportedGPUTypes),
					}
				}
				*l = referenceList(t, uk8sImagesSchema, uk8sSetNames[i], refs)
			}
			assertSameState(t, got, stateOf(t, uk8sImagesSchema, &ref, nil))
		})
	}
}
