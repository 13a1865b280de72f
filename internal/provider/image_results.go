package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The attributes every listed image has, in both data sources: written
// once here, in the schema and in the state.

// imageAttributes returns the attributes of one image: the shared ones,
// with idDescription for image_id, and the data source's own, which may not
// redefine a shared one (imageValues sets those).
func imageAttributes(idDescription string, own map[string]schema.Attribute) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"image_id":   schema.StringAttribute{Computed: true, MarkdownDescription: idDescription},
		"image_name": schema.StringAttribute{Computed: true, MarkdownDescription: "Image name."},
		"os_name":    schema.StringAttribute{Computed: true, MarkdownDescription: "Operating system name, e.g. `CentOS 7.9 64位`."},
		"os_type": schema.StringAttribute{Computed: true, MarkdownDescription: "Operating system type, e.g. `CentOS` or `Ubuntu`, " +
			"spelled as the API does (so it can be fed back to `os_type`)."},
		"image_size": schema.Int64Attribute{Computed: true, MarkdownDescription: "Image size as the API reports it; `0` when the API gives none."},
	}
	for name, a := range own {
		if _, shared := attrs[name]; shared {
			panic("provider bug: image attribute " + name + " is shared and defined again")
		}
		attrs[name] = a
	}
	return attrs
}

// imageSummary holds the values of the shared attributes.
type imageSummary struct {
	id, name, osName, osType string
	size                     int64
}

// imageValues returns the values of one element of l with the shared ones
// set from s; the data source sets its own. The map is sized for every
// attribute of the element, so that filling it allocates once per image.
func imageValues(l resultList, s imageSummary) map[string]tftypes.Value {
	values := make(map[string]tftypes.Value, len(l.elem.AttributeTypes))
	values["image_id"] = tftypes.NewValue(tftypes.String, s.id)
	values["image_name"] = tftypes.NewValue(tftypes.String, s.name)
	values["os_name"] = tftypes.NewValue(tftypes.String, s.osName)
	values["os_type"] = tftypes.NewValue(tftypes.String, s.osType)
	values["image_size"] = tftypes.NewValue(tftypes.Number, s.size)
	return values
}
