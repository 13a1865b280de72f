package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// NOTE: result lists are built as Terraform values directly rather than as
// slices of tfsdk-tagged structs: the framework's reflection costs 2.2 to
// 2.3 times the time and 2.8 times the allocations per image (see
// BENCHMARKS.md). The element types
// come from the schema, so names and types cannot drift from it; a
// mismatch would panic in every acceptance test.

// resultElementType is the object type of the elements of the list-nested
// attribute name in s.
func resultElementType(s schema.Schema, name string) types.ObjectType {
	if a, ok := s.Attributes[name].(schema.ListNestedAttribute); ok {
		if t, ok := a.NestedObject.Type().(types.ObjectType); ok {
			return t
		}
	}
	panic("provider bug: attribute " + name + " is not a list of objects")
}

// objectList builds a list of objects of type t, one per element of items.
func objectList[T any](t types.ObjectType, items []T, fields func(T) map[string]attr.Value) types.List {
	elems := make([]attr.Value, len(items))
	for i, item := range items {
		elems[i] = types.ObjectValueMust(t.AttrTypes, fields(item))
	}
	return types.ListValueMust(t, elems)
}

// stringList builds a list of strings; nil gives an empty list, not null.
func stringList(values []string) types.List {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.ListValueMust(types.StringType, elems)
}
