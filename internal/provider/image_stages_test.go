package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

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
