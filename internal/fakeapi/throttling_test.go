package fakeapi

import (
	"testing"
	"time"
)

func TestThrottleWindow(t *testing.T) {
	s, base := start(t)
	s.SetThrottleWindow(300 * time.Millisecond)

	var codes []int
	began := time.Now()
	for time.Since(began) < 500*time.Millisecond {
		a, _, err := fetch(t.Context(), base)
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, a.retCode)
		time.Sleep(20 * time.Millisecond)
	}
	// Refused from the first request on, then answered normally for good.
	if codes[0] != 153 {
		t.Fatalf("first answer RetCode %d, want 153", codes[0])
	}
	refused := 0
	for refused < len(codes) && codes[refused] == 153 {
		refused++
	}
	for i, c := range codes[refused:] {
		if c != 0 {
			t.Fatalf("answer %d after the window has RetCode %d, want 0", refused+i+1, c)
		}
	}
	if refused == len(codes) {
		t.Fatal("every answer was refused; the window did not end")
	}
	if got := s.RefusedCount(); got != refused {
		t.Errorf("RefusedCount() = %d, want %d", got, refused)
	}
	if got := s.RequestCount(""); got != len(codes) {
		t.Errorf("RequestCount() = %d, want every request recorded (%d)", got, len(codes))
	}
}

func TestRateLimit(t *testing.T) {
	s, base := start(t)
	s.SetRateLimit(1, 3)

	// A burst of 3 passes, the rest of a quick series is refused.
	var codes []int
	for range 6 {
		a, _, err := fetch(t.Context(), base)
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, a.retCode)
	}
	want := []int{0, 0, 0, 153, 153, 153}
	for i := range want {
		if codes[i] != want[i] {
			t.Fatalf("RetCodes = %v, want %v", codes, want)
		}
	}
	if s.RefusedCount() != 3 {
		t.Errorf("RefusedCount() = %d, want 3", s.RefusedCount())
	}

	s.SetRateLimit(0, 0)
	if a, _, err := fetch(t.Context(), base); err != nil || a.retCode != 0 {
		t.Errorf("after removing the limit: RetCode %d, %v; want 0", a.retCode, err)
	}
}

// TestNoThrottlingByDefault: without a window or a limit nothing is
// refused, not even a request that arrived before the first one recorded
// (concurrent requests reach refuses out of order).
func TestNoThrottlingByDefault(t *testing.T) {
	s := New()
	now := time.Now()
	for i, at := range []time.Time{now, now.Add(-time.Millisecond), now.Add(time.Millisecond)} {
		if s.refuses(at) {
			t.Errorf("request %d refused with no window and no limit", i+1)
		}
	}
	if got := s.RefusedCount(); got != 0 {
		t.Errorf("RefusedCount() = %d, want 0", got)
	}
}
