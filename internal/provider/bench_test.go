package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// Benchmarks of what Read does after the API answered: convert the model
// with tfsdk.State.Set, as resp.State.Set does, and put the result lists,
// built directly, into that state. Figures are in BENCHMARKS.md;
// run them with `make bench` or
// `go test -run '^$' -bench . -benchmem ./internal/provider`.

// benchImageCount is how many images each benchmark flattens.
const benchImageCount = 10000

// decodeLikeClient decodes the fake's JSON form of in into out, the way
// the client would, so benchmarks and tests start from realistic client
// values.
func decodeLikeClient(tb testing.TB, in, out any) {
	tb.Helper()
	body, err := json.Marshal(in)
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(body, out); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkFlattenPHostImages10000 flattens 10,000 bare-metal images and
// sets them as the data source's state.
func BenchmarkFlattenPHostImages10000(b *testing.B) {
	ctx := context.Background()
	var images []client.PHostImage
	decodeLikeClient(b, fakeapi.GeneratePHostImages(fakeapi.Zone, benchImageCount), &images)
	loc := imageLocation{Region: fakeapi.Region, Zone: fakeapi.Zone}
	nullState := tftypes.NewValue(phostImagesSchema.Type().TerraformType(ctx), nil)
	nullImages, nullIDs := nullResultList(b, phostImagesSchema, "images"), nullResultList(b, phostImagesSchema, "ids")

	b.ReportAllocs()
	for b.Loop() {
		// As Read: the config's arguments are null here, then the results.
		data := phostImagesDataSourceModel{
			ImageType: types.StringNull(), ImageIDs: types.ListNull(types.StringType),
			MachineType: types.StringNull(), Cluster: types.StringNull(), MostRecent: types.BoolNull(),
			States: types.ListNull(types.StringType), Images: nullImages, IDs: nullIDs,
		}
		data.setLocation(loc)
		data.TotalCount = types.Int64Value(int64(len(images)))

		state := tfsdk.State{Schema: phostImagesSchema, Raw: nullState}
		diags := state.Set(ctx, &data)
		diags.Append(setResultLists(&state, flattenPHostImages(images))...)
		if diags.HasError() {
			b.Fatal(fmt.Sprint(diags))
		}
	}
}

// BenchmarkFlattenUK8SImages10000 flattens 10,000 UK8S images, spread over
// the four sets, and sets them as the data source's state.
func BenchmarkFlattenUK8SImages10000(b *testing.B) {
	ctx := context.Background()
	catalog := fakeapi.New().UK8SImages()
	var sets [4][]client.UK8SImage
	for i := range benchImageCount {
		img := catalog[i%len(catalog)]
		img.ImageId = fmt.Sprintf("%s-%05d", img.ImageId, i)
		var out client.UK8SImage
		decodeLikeClient(b, img, &out)
		sets[i%4] = append(sets[i%4], out)
	}
	loc := imageLocation{Region: fakeapi.Region, Zone: fakeapi.Zone}
	nullState := tftypes.NewValue(uk8sImagesSchema.Type().TerraformType(ctx), nil)
	nullList := nullResultList(b, uk8sImagesSchema, "images")

	b.ReportAllocs()
	for b.Loop() {
		data := uk8sImagesDataSourceModel{
			uk8sArguments: uk8sArguments{
				ProductType: types.StringNull(), MachineType: types.StringNull(), GPUType: types.StringNull(),
				K8sVersion: types.StringNull(), GPUSupported: types.BoolNull(),
			},
			uk8sImageSets: uk8sImageSets{Images: nullList, PHostImages: nullList, CustomImages: nullList, CustomPHostImages: nullList},
		}
		data.setLocation(loc)

		state := tfsdk.State{Schema: uk8sImagesSchema, Raw: nullState}
		diags := state.Set(ctx, &data)
		diags.Append(setResultLists(&state, flattenUK8SSets(sets[:]))...)
		if diags.HasError() {
			b.Fatal(fmt.Sprint(diags))
		}
	}
}
