package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestLimitMemory checks that the default limit applies only when
// GOMEMLIMIT sets none.
func TestLimitMemory(t *testing.T) {
	was := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(was) })
	for _, tt := range []struct {
		name, env string
		want      int64
	}{
		{"unset", "", defaultMemoryLimit},
		{"set by the user", "1GiB", math.MaxInt64},
	} {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetMemoryLimit(math.MaxInt64)
			limitMemory(func(name string) string {
				if name == "GOMEMLIMIT" {
					return tt.env
				}
				return ""
			})
			if got := debug.SetMemoryLimit(-1); got != tt.want {
				t.Errorf("memory limit %d, want %d", got, tt.want)
			}
		})
	}
}
