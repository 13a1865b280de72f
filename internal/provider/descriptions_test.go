package provider

import "testing"

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
