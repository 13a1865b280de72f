package fakeapi

import (
	"encoding/json"
	"slices"
	"strconv"
	"testing"
)

// phostCall asks DescribePHostImage in the default region with extra
// name, value pairs.
func phostCall(t *testing.T, base string, kv ...string) phostResponse {
	t.Helper()
	p := form(append([]string{"Action", "DescribePHostImage", "Region", Region}, kv...)...)
	var out phostResponse
	callInto(t, base, signed(p), &out)
	return out
}

func TestDescribePHostImage_filters(t *testing.T) {
	s, base := start(t)
	all := s.PHostImages()
	count := func(keep func(PHostImage) bool) int {
		n := 0
		for _, img := range all {
			if keep(img) {
				n++
			}
		}
		return n
	}
	inZone := func(img PHostImage) bool { return img.Zone == Zone }
	id3, id7 := phostImageID(Zone, 3), phostImageID(Zone, 7)

	tests := []struct {
		name string
		kv   []string
		want int
	}{
		{"zone", []string{"Zone", Zone}, 137},
		{"other zone", []string{"Zone", "cn-bj2-03"}, 12},
		{"zone without images", []string{"Zone", "cn-bj2-05"}, 0},
		{"Base", []string{"Zone", Zone, "ImageType", "Base"}, 60},
		{"Custom", []string{"Zone", Zone, "ImageType", "Custom"}, 77},
		{"ImageType is exact", []string{"Zone", Zone, "ImageType", "base"}, 0},
		{"ImageId.N", []string{"Zone", Zone, "ImageId.0", id3, "ImageId.1", id7}, 2},
		{"ImageId.N stops at a gap", []string{"Zone", Zone, "ImageId.0", id3, "ImageId.2", id7}, 1},
		{"ImageId without .0 is ignored", []string{"Zone", Zone, "ImageId.1", id3}, 137},
		{"ImageId from another zone", []string{"Zone", Zone, "ImageId.0", phostImageID("cn-bj2-03", 0)}, 0},
		{"MachineType", []string{"Zone", Zone, "MachineType", "Storage-HDD-2"},
			count(func(i PHostImage) bool { return inZone(i) && slices.Contains(i.Support, "Storage-HDD-2") })},
		{"MachineType and Cluster", []string{"Zone", Zone, "MachineType", "GPU-A100-8", "Cluster", "100G"},
			count(func(i PHostImage) bool {
				return inZone(i) && slices.Contains(i.Support, "GPU-A100-8") && slices.Contains(i.Clusters, "100G")
			})},
		{"Cluster 100G, Storage-HDD-2", []string{"Zone", Zone, "MachineType", "Storage-HDD-2", "Cluster", "100G"},
			count(func(i PHostImage) bool {
				return inZone(i) && slices.Contains(i.Support, "Storage-HDD-2") && slices.Contains(i.Clusters, "100G")
			})},
		{"all filters", []string{"Zone", Zone, "ImageType", "Base", "MachineType", "Storage-HDD-2", "Cluster", "25G", "ImageId.0", id3}, 1},
		{"unknown parameters are ignored", []string{"Zone", Zone, "ProjectId", "org-xyz", "Foo", "bar"}, 137},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := phostCall(t, base, append(tc.kv, "Limit", "1000")...)
			if out.RetCode != 0 {
				t.Fatalf("RetCode %d", out.RetCode)
			}
			if out.TotalCount != tc.want || len(out.ImageSet) != tc.want {
				t.Errorf("TotalCount %d, %d images; want %d", out.TotalCount, len(out.ImageSet), tc.want)
			}
		})
	}
	// The hand-computed filters must not be vacuous.
	if n := count(func(i PHostImage) bool {
		return inZone(i) && slices.Contains(i.Support, "Storage-HDD-2") && slices.Contains(i.Clusters, "100G")
	}); n == 0 || n == count(func(i PHostImage) bool { return inZone(i) && slices.Contains(i.Support, "Storage-HDD-2") }) {
		t.Errorf("Cluster filter is not selective in the default data (%d)", n)
	}
}

func TestDescribePHostImage_paging(t *testing.T) {
	s, base := start(t)
	var want []string
	for _, img := range s.PHostImages() {
		if img.Zone == Zone {
			want = append(want, img.ImageId)
		}
	}

	tests := []struct {
		name     string
		kv       []string
		maxPage  int
		wantFrom int
		wantLen  int
	}{
		{"default Limit is 20", nil, 0, 0, 20},
		{"Limit 0 means the default", []string{"Limit", "0"}, 0, 0, 20},
		{"Offset and Limit", []string{"Offset", "40", "Limit", "30"}, 0, 40, 30},
		{"last page is short", []string{"Offset", "120", "Limit", "20"}, 0, 120, 17},
		{"Offset past the end", []string{"Offset", "500"}, 0, 137, 0},
		{"large Limit", []string{"Limit", "1000"}, 0, 0, 137},
		{"max page size caps Limit", []string{"Limit", "100"}, 7, 0, 7},
		{"max page size caps the default", []string{"Offset", "135"}, 7, 135, 2},
		{"max page size above Limit", []string{"Limit", "5"}, 50, 0, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s.SetMaxPageSize(tc.maxPage)
			out := phostCall(t, base, append([]string{"Zone", Zone}, tc.kv...)...)
			if out.TotalCount != 137 {
				t.Errorf("TotalCount %d, want 137", out.TotalCount)
			}
			got := make([]string, len(out.ImageSet))
			for i, img := range out.ImageSet {
				got[i] = img.ImageId
			}
			if w := want[tc.wantFrom : tc.wantFrom+tc.wantLen]; !slices.Equal(got, w) {
				t.Errorf("page = %v, want %v", got, w)
			}
		})
	}

	// Paging with the cap until TotalCount is reached yields every image once.
	s.SetMaxPageSize(9)
	var got []string
	for offset := 0; offset < 137; {
		out := phostCall(t, base, "Zone", Zone, "Offset", strconv.Itoa(offset), "Limit", "100")
		if len(out.ImageSet) == 0 {
			t.Fatalf("empty page at offset %d", offset)
		}
		for _, img := range out.ImageSet {
			got = append(got, img.ImageId)
		}
		offset += len(out.ImageSet)
	}
	if !slices.Equal(got, want) {
		t.Errorf("paged listing differs from the data set")
	}
}

func TestDescribePHostImage_paramErrors(t *testing.T) {
	_, base := start(t)
	tests := []struct {
		name    string
		params  []string
		wantMsg string
	}{
		{"missing Zone", []string{"Region", Region}, "Params [Zone] not available"},
		{"missing Region", []string{"Zone", Zone}, "Params [Region] not available"},
		{"empty Zone", []string{"Region", Region, "Zone", ""}, "Params [Zone] not available"},
		{"Cluster without MachineType", []string{"Region", Region, "Zone", Zone, "Cluster", "25G"}, "Params [MachineType] not available"},
		{"bad Offset", []string{"Region", Region, "Zone", Zone, "Offset", "x"}, "Params [Offset] not available"},
		{"negative Limit", []string{"Region", Region, "Zone", Zone, "Limit", "-1"}, "Params [Limit] not available"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := call(t, base, signed(form(append([]string{"Action", "DescribePHostImage"}, tc.params...)...)))
			if retCode(t, got) != 230 || got["Message"] != tc.wantMsg || got["Action"] != "DescribePHostImageResponse" {
				t.Errorf("got %v, want RetCode 230 and %q", got, tc.wantMsg)
			}
		})
	}
}

// Older images have no CreateTime, State or ImageSize keys at all, as in the
// real API; newer ones have all three. Support is [] rather than null.
func TestDescribePHostImage_optionalFields(t *testing.T) {
	s, base := start(t)
	imgs := s.PHostImages()
	imgs[0].Support = nil
	s.SetPHostImages(imgs)

	out := call(t, base, signed(form("Action", "DescribePHostImage", "Region", Region, "Zone", Zone, "Limit", "10")))
	set, _ := out["ImageSet"].([]any)
	if len(set) != 10 {
		t.Fatalf("%d images", len(set))
	}
	var withTime, without int
	for _, raw := range set {
		img, _ := raw.(map[string]any)
		_, hasTime := img["CreateTime"]
		_, hasState := img["State"]
		_, hasSize := img["ImageSize"]
		if hasTime != hasState || hasTime != hasSize {
			t.Errorf("image %v: CreateTime, State and ImageSize not present together", img["ImageId"])
		}
		if hasTime {
			withTime++
		} else {
			without++
		}
		for _, k := range []string{"ImageId", "ImageName", "OsName", "OsType", "Support", "Version", "ImageType", "ImageDescription"} {
			if _, ok := img[k]; !ok {
				t.Errorf("image %v lacks %s", img["ImageId"], k)
			}
		}
		for _, k := range []string{"Zone", "Clusters"} {
			if _, ok := img[k]; ok {
				t.Errorf("image %v exposes internal field %s", img["ImageId"], k)
			}
		}
	}
	if withTime == 0 || without == 0 {
		t.Errorf("first page has %d images with CreateTime and %d without; want both kinds", withTime, without)
	}
	first, _ := set[0].(map[string]any)
	if b, _ := json.Marshal(first["Support"]); string(b) != "[]" {
		t.Errorf("nil Support rendered as %s, want []", b)
	}
}
