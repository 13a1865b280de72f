package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// NOTE: result lists are built as tftypes values, the form the framework
// keeps state in, and put into the state the framework set for the other
// attributes. Building them as framework values (types.List of
// types.Object) and converting the model with State.Set cost 102 to 117 µs
// and 565 allocations per bare-metal image, against 13 to 15 µs and 75 now
// (BenchmarkFlattenPHostImages10000; BENCHMARKS.md, "Issue 13: cheaper
// large results"). tftypes and State.Raw are public APIs. The types come from the
// schema, so they cannot drift from it: tftypes.NewValue refuses (panics
// on) a value whose type is not the schema's, and
// TestResultLists_matchFramework compares both data sources' states with
// the framework's own conversion of the same images.

// resultList is a list-nested result attribute and its Terraform types,
// taken from the schema.
type resultList struct {
	name string
	typ  tftypes.List
	elem tftypes.Object
}

// newResultList describes the list-nested attribute name of s.
func newResultList(s schema.Schema, name string) resultList {
	if obj, ok := s.Type().TerraformType(context.Background()).(tftypes.Object); ok {
		if list, ok := obj.AttributeTypes[name].(tftypes.List); ok {
			if elem, ok := list.ElementType.(tftypes.Object); ok {
				return resultList{name: name, typ: list, elem: elem}
			}
		}
	}
	panic("provider bug: attribute " + name + " is not a list of objects")
}

// objectList builds the value of l, one object per element of items.
func objectList[T any](l resultList, items []T, fields func(T) map[string]tftypes.Value) tftypes.Value {
	elems := make([]tftypes.Value, len(items))
	for i, item := range items {
		elems[i] = tftypes.NewValue(l.elem, fields(item))
	}
	return tftypes.NewValue(l.typ, elems)
}

// stringListType is the Terraform type of a list of strings.
var stringListType = tftypes.List{ElementType: tftypes.String}

// stringList builds a list of strings; nil gives an empty list, not null.
func stringList(values []string) tftypes.Value {
	elems := make([]tftypes.Value, len(values))
	for i, v := range values {
		elems[i] = tftypes.NewValue(tftypes.String, v)
	}
	return tftypes.NewValue(stringListType, elems)
}

// setResultLists replaces the attributes of state named in lists, which
// State.Set left null, with the values built here.
func setResultLists(state *tfsdk.State, lists map[string]tftypes.Value) diag.Diagnostics {
	var diags diag.Diagnostics
	var attrs map[string]tftypes.Value
	if err := state.Raw.As(&attrs); err != nil {
		diags.AddError("Unable to Set Results", fmt.Sprintf("The provider could not read the state it built (a provider bug): %s", err))
		return diags
	}
	for name, v := range lists {
		attrs[name] = v
	}
	if err := tftypes.ValidateValue(state.Raw.Type(), attrs); err != nil {
		diags.AddError("Unable to Set Results", fmt.Sprintf("The results do not match the schema (a provider bug): %s", err))
		return diags
	}
	state.Raw = tftypes.NewValue(state.Raw.Type(), attrs)
	return diags
}
