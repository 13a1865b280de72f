package provider

import (
	"slices"
	"testing"
	"time"
)

func TestNaturalCompare(t *testing.T) {
	// Each list is in ascending natural order.
	orders := [][]string{
		{"v2", "v9", "v10", "v100"},
		{"ubuntu-18.04", "ubuntu-20.04", "ubuntu-22.04", "ubuntu-22.10"},
		{"7.4", "7.9", "7.10", "8.2"},
		{"", "a", "a1", "a1b", "b"},
		{"img-007", "img-7", "img-08"},
		{"x99999999999999999999", "x100000000000000000000"},
		{"CentOS", "Ubuntu", "centos"},
	}
	for _, order := range orders {
		for i := range order {
			for j := range order {
				want := 0
				switch {
				case i < j:
					want = -1
				case i > j:
					want = 1
				}
				if got := naturalCompare(order[i], order[j]); got != want {
					t.Errorf("naturalCompare(%q, %q) = %d, want %d", order[i], order[j], got, want)
				}
			}
		}
	}
}

// testImage is a stand-in image for the ordering and selection tests.
type testImage struct {
	id, name string
	at       time.Time // zero: no time
}

func testImageID(img testImage) string { return img.id }

var (
	testByName = textKey(func(img testImage) string { return img.name })
	testByTime = timeKey(func(img testImage) (time.Time, bool) { return img.at, !img.at.IsZero() })
)

func testImageIDs(images []testImage) []string {
	ids := make([]string, len(images))
	for i, img := range images {
		ids[i] = img.id
	}
	return ids
}

func TestSortKey_sorted(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }
	named := []testImage{{"c", "v10", day(1)}, {"a", "v9", day(2)}, {"e", "", day(3)}, {"b", "v10", day(2)}, {"d", "v2", time.Time{}}}
	tests := []struct {
		name      string
		key       sortKey[testImage]
		ascending bool
		want      []string
	}{
		{"name descending: highest first, ties by id, no name last", testByName, false, []string{"b", "c", "a", "d", "e"}},
		{"name ascending: lowest first, ties by id, no name last", testByName, true, []string{"d", "a", "b", "c", "e"}},
		{"time descending: newest first, ties by id, undated last", testByTime, false, []string{"e", "a", "b", "c", "d"}},
		{"time ascending: oldest first, ties by id, undated last", testByTime, true, []string{"c", "a", "b", "e", "d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(named)
			got := testImageIDs(tt.key.sorted(named, tt.ascending, testImageID))
			if !slices.Equal(got, tt.want) {
				t.Errorf("sorted = %v, want %v", got, tt.want)
			}
			if !slices.Equal(named, before) {
				t.Errorf("sorted changed its input to %v", named)
			}
		})
	}
}

func TestSortKey_leaders(t *testing.T) {
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		sorted    []testImage
		wantN     int
		wantKeyed bool
	}{
		{"empty", nil, 0, false},
		{"one dated", []testImage{{"a", "", at}}, 1, true},
		{"clear newest", []testImage{{"a", "", at}, {"b", "", at.Add(-time.Second)}}, 1, true},
		{"tie of two, then older", []testImage{{"a", "", at}, {"b", "", at}, {"c", "", at.Add(-time.Hour)}}, 2, true},
		{"tie, then undated", []testImage{{"a", "", at}, {"b", "", at}, {"c", "", time.Time{}}}, 2, true},
		{"none dated", []testImage{{"a", "", time.Time{}}, {"b", "", time.Time{}}}, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, keyed := testByTime.leaders(tt.sorted)
			if n != tt.wantN || keyed != tt.wantKeyed {
				t.Errorf("leaders = %d, %v; want %d, %v", n, keyed, tt.wantN, tt.wantKeyed)
			}
		})
	}
}
