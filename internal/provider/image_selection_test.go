package provider

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

func TestKeep(t *testing.T) {
	even := func(n int) bool { return n%2 == 0 }
	tests := []struct {
		name string
		in   []int
		want []int
	}{
		{"nil", nil, []int{}},
		{"none kept", []int{1, 3, 5}, []int{}},
		{"all kept", []int{2, 4}, []int{2, 4}},
		{"order kept", []int{4, 1, 2, 3, 8}, []int{4, 2, 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(tt.in)
			got := keep(tt.in, even)
			if !slices.Equal(got, tt.want) {
				t.Errorf("keep() = %v, want %v", got, tt.want)
			}
			if !slices.Equal(tt.in, before) {
				t.Errorf("keep() changed its input to %v, was %v", tt.in, before)
			}
			// The result must not share the input's backing array.
			if len(got) > 0 {
				got[0] = -1
				if !slices.Equal(tt.in, before) {
					t.Errorf("the result of keep() aliases its input: %v, was %v", tt.in, before)
				}
			}
		})
	}
}

func TestImageSelection_run(t *testing.T) {
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	images := []testImage{
		{"i5", "web-v10", at}, {"i2", "web-v9", at.Add(time.Hour)}, {"i9", "db-v1", at.Add(2 * time.Hour)},
		{"i1", "web-v2", time.Time{}}, {"i3", "web-v10", at.Add(time.Hour)},
	}
	web := imageStage[testImage]{name: "name_regex", keep: func(img testImage) bool { return strings.HasPrefix(img.name, "web") }}
	tests := []struct {
		name         string
		selection    imageSelection[testImage]
		want         []string
		wantTrail    string
		wantWarnings []string
	}{
		{
			name:      "no order keeps API order",
			selection: imageSelection[testImage]{stages: []imageStage[testImage]{web}},
			want:      []string{"i5", "i2", "i1", "i3"},
			wantTrail: "API listing 5 → name_regex 4",
		},
		{
			name:      "name descending",
			selection: imageSelection[testImage]{stages: []imageStage[testImage]{web}, order: testByName},
			want:      []string{"i3", "i5", "i2", "i1"},
			wantTrail: "API listing 5 → name_regex 4",
		},
		{
			name:         "newest of a tie: lowest id, with a warning",
			selection:    imageSelection[testImage]{stages: []imageStage[testImage]{web}, order: testByTime, pickNewest: true},
			want:         []string{"i2"},
			wantTrail:    "API listing 5 → name_regex 4 → most_recent 1",
			wantWarnings: []string{"Several Images Share the Newest Creation Time"},
		},
		{
			name:      "clear newest: no warning",
			selection: imageSelection[testImage]{order: testByTime, pickNewest: true},
			want:      []string{"i9"},
			wantTrail: "API listing 5 → most_recent 1",
		},
		{
			name: "no candidate dated: lowest id, with a warning",
			selection: imageSelection[testImage]{order: testByTime, pickNewest: true, stages: []imageStage[testImage]{
				{name: "undated", keep: func(img testImage) bool { return img.at.IsZero() }},
			}},
			want:      []string{"i1"},
			wantTrail: "API listing 5 → undated 1 → most_recent 1",
		},
		{
			name: "nothing left: empty, no warning",
			selection: imageSelection[testImage]{order: testByTime, pickNewest: true, stages: []imageStage[testImage]{
				{name: "none", keep: func(testImage) bool { return false }},
			}},
			want:      []string{},
			wantTrail: "API listing 5 → none 0 → most_recent 0",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.selection
			s.dataSource, s.listNames, s.id = "test", []string{"images"}, testImageID
			var diags diag.Diagnostics
			before := slices.Clone(images)
			lists, trail := s.run(t.Context(), [][]testImage{slices.Clone(images)}, &diags)
			if got := testImageIDs(lists[0]); !slices.Equal(got, tt.want) {
				t.Errorf("result = %v, want %v", got, tt.want)
			}
			if got := trail.String(); got != tt.wantTrail {
				t.Errorf("trail = %q, want %q", got, tt.wantTrail)
			}
			var warnings []string
			for _, d := range diags.Warnings() {
				warnings = append(warnings, d.Summary())
			}
			if !slices.Equal(warnings, tt.wantWarnings) {
				t.Errorf("warnings = %q, want %q", warnings, tt.wantWarnings)
			}
			if diags.HasError() {
				t.Errorf("unexpected errors: %v", diags.Errors())
			}
			if !slices.Equal(images, before) {
				t.Error("run changed the caller's images")
			}
		})
	}
}

func TestImageSelection_warningNamesCandidates(t *testing.T) {
	var images []testImage
	for _, id := range []string{"i7", "i3", "i6", "i1", "i4", "i2", "i5"} {
		images = append(images, testImage{id: id})
	}
	s := imageSelection[testImage]{dataSource: "test", listNames: []string{"images"}, id: testImageID, order: testByTime, pickNewest: true}
	var diags diag.Diagnostics
	lists, _ := s.run(t.Context(), [][]testImage{images}, &diags)
	if got := testImageIDs(lists[0]); !slices.Equal(got, []string{"i1"}) {
		t.Fatalf("result = %v, want [i1]", got)
	}
	if len(diags) != 1 || diags[0].Summary() != "No Candidate Image Has a Creation Time" {
		t.Fatalf("diagnostics = %v, want one warning", diags)
	}
	for _, phrase := range []string{"7 candidates", "i1, i2, i3, i4, i5 and 2 more", "chose i1, the lowest image_id"} {
		if !strings.Contains(diags[0].Detail(), phrase) {
			t.Errorf("warning %q lacks %q", diags[0].Detail(), phrase)
		}
	}
}
