package provider

import (
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

func TestParseCreateTime(t *testing.T) {
	cst := time.FixedZone("CST", 8*60*60)
	tests := []struct {
		name   string
		in     string
		want   time.Time
		wantOK bool
	}{
		{"empty", "", time.Time{}, false},
		{"unix seconds", "1742264647", time.Unix(1742264647, 0), true},
		{"unix zero", "0", time.Unix(0, 0), true},
		{"RFC 3339 with offset", "2025-05-20T16:02:44+08:00", time.Date(2025, 5, 20, 16, 2, 44, 0, cst), true},
		{"RFC 3339 UTC", "2025-05-20T08:02:44Z", time.Date(2025, 5, 20, 8, 2, 44, 0, time.UTC), true},
		{"date time taken as China Standard Time", "2025-06-02 08:15:00", time.Date(2025, 6, 2, 0, 15, 0, 0, time.UTC), true},
		{"date only", "2025-06-02", time.Time{}, false},
		{"slashes", "2025/06/02 08:15:00", time.Time{}, false},
		{"unix milliseconds with fraction", "1742264647.5", time.Time{}, false},
		{"words", "yesterday", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseCreateTime(tt.in)
			if ok != tt.wantOK {
				t.Fatalf("parseCreateTime(%q) ok = %v, want %v", tt.in, ok, tt.wantOK)
			}
			if !got.Equal(tt.want) {
				t.Errorf("parseCreateTime(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestNewestPHostImage(t *testing.T) {
	img := func(id, createTime string) client.PHostImage {
		return client.PHostImage{ImageID: id, CreateTime: client.LenientString(createTime)}
	}
	tests := []struct {
		name   string
		images []client.PHostImage
		want   []string // ids of the result
	}{
		{"nil", nil, nil},
		{"empty", []client.PHostImage{}, nil},
		{"single without time", []client.PHostImage{img("a", "")}, []string{"a"}},
		{
			// As strings "2021-…" > "1742…", as times 2025 > 2021.
			"mixed formats compared as times",
			[]client.PHostImage{img("old", "2021-02-15 14:20:00"), img("new", "1742264647"), img("mid", "2024-01-10T18:00:00+08:00")},
			[]string{"new"},
		},
		{
			"tie keeps API order",
			[]client.PHostImage{img("first", "2025-06-02T08:15:00Z"), img("second", "2025-06-02 08:15:00"), img("older", "2020-01-01 00:00:00")},
			[]string{"first"},
		},
		{
			"tie across unix and RFC 3339 keeps API order",
			[]client.PHostImage{img("older", "0"), img("first", "1742264647"), img("second", "2025-03-18T02:24:07Z")},
			[]string{"first"},
		},
		{
			"empty counts as oldest",
			[]client.PHostImage{img("none", ""), img("ancient", "1970-01-01 00:00:01")},
			[]string{"ancient"},
		},
		{
			"unparseable counts as oldest",
			[]client.PHostImage{img("bad", "next week"), img("dated", "2019-03-20 11:05:00"), img("blank", "")},
			[]string{"dated"},
		},
		{
			"all unparseable gives the first",
			[]client.PHostImage{img("x", "soon"), img("y", ""), img("z", "2025/01/01")},
			[]string{"x"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(tt.images)
			got := newestPHostImage(tt.images)
			var ids []string
			for _, g := range got {
				ids = append(ids, g.ImageID)
			}
			if !slices.Equal(ids, tt.want) {
				t.Errorf("newestPHostImage() = %v, want %v", ids, tt.want)
			}
			if !slices.EqualFunc(tt.images, before, func(a, b client.PHostImage) bool {
				return a.ImageID == b.ImageID && a.CreateTime == b.CreateTime
			}) {
				t.Errorf("newestPHostImage changed its input: %v, was %v", tt.images, before)
			}
		})
	}
}

func TestImageMatcher(t *testing.T) {
	tests := []struct {
		name      string
		nameRegex types.String
		osType    types.String
		imageName string
		imageOS   string
		wantName  bool
		wantOS    bool
	}{
		{"no filters", types.StringNull(), types.StringNull(), "anything", "", true, true},
		{"empty os_type keeps all", types.StringNull(), types.StringValue(""), "x", "CentOS", true, true},
		{"regex unanchored", types.StringValue(`GPU`), types.StringNull(), "Ubuntu 22.04 GPU", "Ubuntu", true, true},
		{"regex anchored misses", types.StringValue(`^GPU`), types.StringNull(), "Ubuntu 22.04 GPU", "Ubuntu", false, true},
		{"regex is case-sensitive", types.StringValue(`gpu`), types.StringNull(), "Ubuntu 22.04 GPU", "Ubuntu", false, true},
		{"os_type lower case", types.StringNull(), types.StringValue("centos"), "", "CentOS", true, true},
		{"os_type upper case", types.StringNull(), types.StringValue("CENTOS"), "", "CentOS", true, true},
		{"os_type exact spelling", types.StringNull(), types.StringValue("CentOS"), "", "CentOS", true, true},
		{"os_type is not a prefix match", types.StringNull(), types.StringValue("centos"), "", "CentOS Stream", true, false},
		{"os_type is not a substring match", types.StringNull(), types.StringValue("Cent"), "", "CentOS", true, false},
		{"os_type set, image without one", types.StringNull(), types.StringValue("centos"), "", "", true, false},
		{"os_type other", types.StringNull(), types.StringValue("ubuntu"), "", "CentOS", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := imageQueryModel{NameRegex: tt.nameRegex, OsType: tt.osType}.matcher()
			if err != nil {
				t.Fatalf("matcher() error: %v", err)
			}
			if got := m.byName(tt.imageName); got != tt.wantName {
				t.Errorf("byName(%q) = %v, want %v", tt.imageName, got, tt.wantName)
			}
			if got := m.byOsType(tt.imageOS); got != tt.wantOS {
				t.Errorf("byOsType(%q) = %v, want %v", tt.imageOS, got, tt.wantOS)
			}
		})
	}
}

func TestImageMatcher_invalidRegex(t *testing.T) {
	if _, err := (imageQueryModel{NameRegex: types.StringValue(`(`)}).matcher(); err == nil {
		t.Fatal("matcher() accepted an invalid regular expression")
	}
}

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

func TestQuotedList(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want string
	}{
		{"nil", nil, ""},
		{"one", []string{"Base"}, "`Base`"},
		{"two", []string{"Base", "Custom"}, "`Base` or `Custom`"},
		{"three", []string{"O", "OPRO", "G"}, "`O`, `OPRO` or `G`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := quotedList(tt.in); got != tt.want {
				t.Errorf("quotedList(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
