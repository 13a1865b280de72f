package fakeapi

import (
	"time"

	"golang.org/x/time/rate"
)

// retCodeRateLimited is the API's "request rate limited".
const retCodeRateLimited = 153

// throttling is the fake's rate limiting: a window of time that refuses
// every request, and a token bucket. s.mu guards it.
type throttling struct {
	// window is how long after the first request everything is refused.
	window time.Duration
	// first is when the first request arrived (zero before).
	first time.Time
	// bucket refuses what exceeds its rate; nil means no limit.
	bucket *rate.Limiter
	// refused counts the requests either refused.
	refused int
}

// SetThrottleWindow makes the server answer RetCode 153 to every request
// received during the first d after the first request, like an account
// whose quota is spent; the window starts with the first request so that
// a client's start-up does not eat it. Zero removes it.
func (s *Server) SetThrottleWindow(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.throttle.window = max(d, 0)
}

// SetRateLimit makes the server answer RetCode 153 to requests beyond
// perSecond, with bursts of up to burst (at least 1), as a token bucket.
// A perSecond of zero or less removes the limit.
func (s *Server) SetRateLimit(perSecond float64, burst int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if perSecond <= 0 {
		s.throttle.bucket = nil
		return
	}
	s.throttle.bucket = rate.NewLimiter(rate.Limit(perSecond), max(burst, 1))
}

// RefusedCount returns how many requests the window or the rate limit
// refused with RetCode 153.
func (s *Server) RefusedCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.throttle.refused
}

// refuses reports whether a request arriving at now is rate limited, and
// counts it if so.
func (s *Server) refuses(now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &s.throttle
	if t.first.IsZero() {
		t.first = now
	}
	// Concurrent requests may call this out of arrival order, so one can
	// arrive before first: it is in a window if there is one, never else.
	inWindow := t.window > 0 && now.Sub(t.first) < t.window
	// NOTE: a request refused by the window takes no token, so the bucket
	// is full when the window ends, as a real quota would be.
	if inWindow || (t.bucket != nil && !t.bucket.AllowN(now, 1)) {
		t.refused++
		return true
	}
	return false
}
