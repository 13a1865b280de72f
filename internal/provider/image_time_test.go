package provider

import (
	"testing"
	"time"
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
		{"unix seconds past year 9999", "253402300800", time.Time{}, false},
		{"unix seconds before year 1", "-62135596801", time.Time{}, false},
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

func TestCreatedAt(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"unix seconds", "1709258400", "2024-03-01T02:00:00Z"},
		{"RFC 3339 with offset", "2024-03-01T10:00:00+08:00", "2024-03-01T02:00:00Z"},
		{"RFC 3339 UTC", "2024-03-01T02:00:00Z", "2024-03-01T02:00:00Z"},
		{"zone-less, China Standard Time", "2024-03-01 10:00:00", "2024-03-01T02:00:00Z"},
		{"empty", "", ""},
		{"unreadable", "last March", ""},
		{"out of RFC 3339's range", "253402300800", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := createdAt(tt.in); got != tt.want {
				t.Errorf("createdAt(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
