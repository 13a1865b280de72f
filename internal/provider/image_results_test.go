package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestImageAttributes_sharedAndOwn merges a data source's own attributes
// with the shared ones, and refuses one that redefines a shared attribute.
func TestImageAttributes_sharedAndOwn(t *testing.T) {
	attrs := imageAttributes("The ID.", map[string]schema.Attribute{"version": schema.StringAttribute{Computed: true}})
	for _, name := range []string{"image_id", "image_name", "os_name", "os_type", "image_size", "version"} {
		if _, ok := attrs[name]; !ok {
			t.Errorf("attribute %s missing from %v", name, attrs)
		}
	}
	if got := attrs["image_id"].GetMarkdownDescription(); got != "The ID." {
		t.Errorf("image_id's description is %q, want the one given", got)
	}

	defer func() {
		if recover() == nil {
			t.Error("redefining image_name did not panic")
		}
	}()
	imageAttributes("The ID.", map[string]schema.Attribute{"image_name": schema.StringAttribute{Computed: true}})
}

// TestImageValues_sizedAndShared sets the shared values, in a map with room
// for every attribute of the element.
func TestImageValues_sizedAndShared(t *testing.T) {
	l := resultList{elem: tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"image_id": tftypes.String, "image_name": tftypes.String, "os_name": tftypes.String,
		"os_type": tftypes.String, "image_size": tftypes.Number, "version": tftypes.String,
	}}}
	got := imageValues(l, imageSummary{id: "img-1", name: "node", osName: "Ubuntu 22.04", osType: "Ubuntu", size: 40})
	got["version"] = tftypes.NewValue(tftypes.String, "1")
	want := map[string]tftypes.Value{
		"image_id":   tftypes.NewValue(tftypes.String, "img-1"),
		"image_name": tftypes.NewValue(tftypes.String, "node"),
		"os_name":    tftypes.NewValue(tftypes.String, "Ubuntu 22.04"),
		"os_type":    tftypes.NewValue(tftypes.String, "Ubuntu"),
		"image_size": tftypes.NewValue(tftypes.Number, 40),
		"version":    tftypes.NewValue(tftypes.String, "1"),
	}
	if len(got) != len(want) {
		t.Fatalf("got %d values, want %d: %v", len(got), len(want), got)
	}
	for name, w := range want {
		if !got[name].Equal(w) {
			t.Errorf("%s = %v, want %v", name, got[name], w)
		}
	}
	if err := tftypes.ValidateValue(l.elem, got); err != nil {
		t.Errorf("the values do not fit the element type: %v", err)
	}
}
