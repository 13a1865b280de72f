package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// The selection pipeline turns an API answer into a data source's result:
// client-side stages (each logs its count at DEBUG) → order → pick. Both
// data sources describe their stages, keys and lists as an imageSelection
// and run it; no stage is written twice.

// imageStage is one client-side filter.
type imageStage[T any] struct {
	// name is the argument behind the stage, as logs and errors show it.
	name string
	keep func(T) bool
}

// imageSelection is what a data source asks of the pipeline.
type imageSelection[T any] struct {
	// dataSource is the type name, for logs and messages.
	dataSource string
	// listNames name the result lists (one for bare metal, four for UK8S).
	listNames []string
	// id returns an image's ID, the tie-breaker of every order.
	id     func(T) string
	stages []imageStage[T]
	// order is the sort_by key; nil keeps API order.
	order     sortKey[T]
	ascending bool
	// pickNewest keeps only the first image of each list after order
	// (most_recent), warning when the choice was not clear-cut.
	pickNewest bool
}

// stageCount is how many images, over all lists, a stage left.
type stageCount struct {
	stage  string
	images int
}

// stageTrail is the count after each stage, first the API listing.
type stageTrail []stageCount

// String renders the trail as "API listing 9 → states 7 → name_regex 0".
func (t stageTrail) String() string {
	parts := make([]string, len(t))
	for i, c := range t {
		parts[i] = fmt.Sprintf("%s %d", c.stage, c.images)
	}
	return strings.Join(parts, " → ")
}

// run applies the stages, the order and the pick to lists (in the order of
// listNames), returning new slices and the trail of counts. Warnings for
// unclear picks go to diags.
func (s imageSelection[T]) run(ctx context.Context, lists [][]T, diags *diag.Diagnostics) ([][]T, stageTrail) {
	var trail stageTrail
	record := func(stage string) {
		fields := map[string]any{"data_source": s.dataSource, "stage": stage}
		total := 0
		for i, list := range lists {
			fields[s.listNames[i]] = len(list)
			total += len(list)
		}
		tflog.Debug(ctx, "image count after "+stage, fields)
		trail = append(trail, stageCount{stage: stage, images: total})
	}

	record("API listing")
	for _, stage := range s.stages {
		for i := range lists {
			lists[i] = keep(lists[i], stage.keep)
		}
		record(stage.name)
	}
	if s.order != nil {
		for i := range lists {
			lists[i] = s.order.sorted(lists[i], s.ascending, s.id)
		}
	}
	if s.pickNewest {
		for i := range lists {
			lists[i] = s.pickFirst(lists[i], diags)
		}
		record("most_recent")
	}
	return lists, trail
}

// maxNamedCandidates is how many image IDs a warning lists.
const maxNamedCandidates = 5

// pickFirst keeps the first image of a sorted list, adding a warning when
// several share its value or none has one: the choice then rests on the
// image_id tie-breaker, which the user may not expect.
func (s imageSelection[T]) pickFirst(sorted []T, diags *diag.Diagnostics) []T {
	if len(sorted) == 0 {
		return sorted
	}
	n, keyed := s.order.leaders(sorted)
	if n > 1 {
		ids := make([]string, 0, maxNamedCandidates)
		for _, img := range sorted[:min(n, maxNamedCandidates)] {
			ids = append(ids, s.id(img))
		}
		named := strings.Join(ids, ", ")
		if n > maxNamedCandidates {
			named += fmt.Sprintf(" and %d more", n-maxNamedCandidates)
		}
		chosen := fmt.Sprintf("%s chose %s, the lowest image_id. To make the choice explicit, narrow the filters "+
			"(name_regex, image_ids, image_type) or pin the image ID.", s.dataSource, s.id(sorted[0]))
		if keyed {
			diags.AddWarning("Several Images Share the Newest Creation Time",
				fmt.Sprintf("most_recent found %d candidates created at the same newest time: %s.\n\n%s", n, named, chosen))
		} else {
			diags.AddWarning("No Candidate Image Has a Creation Time",
				fmt.Sprintf("most_recent found %d candidates and none has a readable create_time: %s.\n\n%s", n, named, chosen))
		}
	}
	return sorted[:1]
}

// addNoMatchError reports, for require_match, that nothing matched: the
// query and how many images each stage left, so the user sees which
// filter emptied the list.
func addNoMatchError(diags *diag.Diagnostics, summary, query string, trail stageTrail) {
	diags.AddError(summary,
		"No image matched, and require_match is true. The query was:\n\n"+query+
			"\n\nImages left after each stage: "+trail.String()+".\n\n"+
			"Relax or correct the argument of the stage that left none, check region, zone and project_id, "+
			"or set require_match = false to accept an empty result.")
}

// keep returns the elements for which ok is true, as a new slice; the
// input is left untouched.
func keep[T any](items []T, ok func(T) bool) []T {
	out := make([]T, 0, len(items))
	for _, item := range items {
		if ok(item) {
			out = append(out, item)
		}
	}
	return out
}
