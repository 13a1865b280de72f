package provider

import (
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// describedAttribute is what every schema attribute and block offers.
type describedAttribute interface {
	GetMarkdownDescription() string
}

// undescribed returns the dotted paths of every attribute and block under
// attrs (a map of schema attributes or blocks of any schema package) whose
// MarkdownDescription is empty, walking nested objects.
func undescribed(prefix string, attrs any) []string {
	var out []string
	m := reflect.ValueOf(attrs)
	if m.Kind() != reflect.Map {
		return []string{prefix + " (not a map of attributes)"}
	}
	for _, key := range m.MapKeys() {
		name := prefix + key.String()
		value := m.MapIndex(key).Interface()
		a, ok := value.(describedAttribute)
		if !ok {
			out = append(out, name+" (no MarkdownDescription)")
			continue
		}
		if strings.TrimSpace(a.GetMarkdownDescription()) == "" {
			out = append(out, name)
		}
		// Nested attributes and blocks expose GetNestedObject; its
		// GetAttributes (and, for blocks, GetBlocks) hold the children.
		nested := reflect.ValueOf(value).MethodByName("GetNestedObject")
		if !nested.IsValid() {
			continue
		}
		obj := nested.Call(nil)[0]
		for _, children := range []string{"GetAttributes", "GetBlocks"} {
			if get := obj.MethodByName(children); get.IsValid() {
				out = append(out, undescribed(name+".", get.Call(nil)[0].Interface())...)
			}
		}
	}
	sort.Strings(out)
	return out
}

// TestSchema_markdownDescriptions fails on any provider or data source
// attribute, nested ones included, without a description for users.
func TestSchema_markdownDescriptions(t *testing.T) {
	ctx := t.Context()
	p := newProvider("test", os.LookupEnv)

	var presp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &presp)
	if presp.Diagnostics.HasError() {
		t.Fatalf("provider schema: %v", presp.Diagnostics)
	}
	if presp.Schema.MarkdownDescription == "" {
		t.Error("provider schema has no MarkdownDescription")
	}
	if len(presp.Schema.Attributes) == 0 {
		t.Fatal("provider schema has no attributes")
	}
	for _, name := range undescribed("provider.", presp.Schema.Attributes) {
		t.Errorf("missing MarkdownDescription: %s", name)
	}
	for _, name := range undescribed("provider.", presp.Schema.Blocks) {
		t.Errorf("missing MarkdownDescription: %s", name)
	}

	factories := p.DataSources(ctx)
	if len(factories) != 2 {
		t.Fatalf("provider has %d data sources, want 2", len(factories))
	}
	for _, factory := range factories {
		ds := factory()
		var mresp datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "ucloud"}, &mresp)
		var sresp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &sresp)
		if sresp.Diagnostics.HasError() {
			t.Fatalf("%s schema: %v", mresp.TypeName, sresp.Diagnostics)
		}
		if sresp.Schema.MarkdownDescription == "" {
			t.Errorf("%s schema has no MarkdownDescription", mresp.TypeName)
		}
		nested := 0
		for _, a := range sresp.Schema.Attributes {
			if _, ok := a.(dsschema.ListNestedAttribute); ok {
				nested++
			}
		}
		if nested == 0 {
			t.Errorf("%s: no nested attribute found; the walk would not be exercised", mresp.TypeName)
		}
		for _, name := range undescribed(mresp.TypeName+".", sresp.Schema.Attributes) {
			t.Errorf("missing MarkdownDescription: %s", name)
		}
		for _, name := range undescribed(mresp.TypeName+".", sresp.Schema.Blocks) {
			t.Errorf("missing MarkdownDescription: %s", name)
		}
	}
}

// TestSchema_walkFindsNestedGaps proves the walk above can fail: it must
// find undescribed attributes at the top level and inside nested objects.
func TestSchema_walkFindsNestedGaps(t *testing.T) {
	attrs := map[string]dsschema.Attribute{
		"ok":  dsschema.StringAttribute{Optional: true, MarkdownDescription: "Described."},
		"top": dsschema.StringAttribute{Optional: true},
		"list": dsschema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Described list.",
			NestedObject: dsschema.NestedAttributeObject{Attributes: map[string]dsschema.Attribute{
				"inner_ok": dsschema.Int64Attribute{Computed: true, MarkdownDescription: "Described."},
				"inner":    dsschema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: " "},
				"deeper": dsschema.SingleNestedAttribute{
					Computed: true,
					Attributes: map[string]dsschema.Attribute{
						"leaf": dsschema.BoolAttribute{Computed: true},
					},
				},
			}},
		},
	}
	got := undescribed("", attrs)
	want := []string{"list.deeper", "list.deeper.leaf", "list.inner", "top"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("undescribed = %q, want %q", got, want)
	}
}

// TestSchema_privateKeySensitive checks the private key is redacted by
// Terraform, and the public values are not.
func TestSchema_privateKeySensitive(t *testing.T) {
	var resp provider.SchemaResponse
	newProvider("test", os.LookupEnv).Schema(t.Context(), provider.SchemaRequest{}, &resp)
	for name, attr := range resp.Schema.Attributes {
		want := name == attrPrivateKey
		if got := attr.IsSensitive(); got != want {
			t.Errorf("%s: Sensitive = %t, want %t", name, got, want)
		}
		if attr.IsRequired() {
			t.Errorf("%s is required; every provider setting must be optional in HCL", name)
		}
	}
	pk, ok := resp.Schema.Attributes[attrPrivateKey].(schema.StringAttribute)
	if !ok || !pk.Sensitive {
		t.Errorf("private_key = %#v, want a sensitive string attribute", resp.Schema.Attributes[attrPrivateKey])
	}
}
