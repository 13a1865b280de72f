package client

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// backoffPolicy shapes the wait between attempts.
type backoffPolicy struct {
	base time.Duration
	max  time.Duration
	// maxRetryAfter caps how long a server's Retry-After may hold a read.
	maxRetryAfter time.Duration
}

// defaultBackoff waits about 0.25 s, 0.5 s, 1 s, … up to 10 s between
// attempts: enough to ride out rate limiting without stalling a plan.
var defaultBackoff = backoffPolicy{base: 250 * time.Millisecond, max: 10 * time.Second, maxRetryAfter: time.Minute}

// delay is the wait before retry number n (1-based): exponential with equal
// jitter, and never shorter than the server's Retry-After.
func (b backoffPolicy) delay(n int, retryAfter time.Duration) time.Duration {
	d := b.base << min(n-1, 16)
	if d > b.max || d <= 0 {
		d = b.max
	}
	d = d/2 + rand.N(d/2+1) //nolint:gosec // Jitter needs no cryptographic randomness.
	return max(d, min(retryAfter, b.maxRetryAfter))
}

// isRetryable reports whether err is a transient fault worth another
// attempt. These calls only read, so repeating them is safe.
func isRetryable(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.retryable()
	}
	var httpErr *HTTPError
	if errors.As(err, &httpErr) {
		return httpErr.retryable()
	}
	var netErr *transportError
	return errors.As(err, &netErr)
}

// transportError is a failure to get any answer: refused or dropped
// connections, resets, per-attempt timeouts.
type transportError struct{ err error }

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

// maxRetryAfterSeconds caps a Retry-After in seconds before it becomes a
// Duration, which would overflow past about 292 years; the backoff policy
// caps the wait much lower still (maxRetryAfter).
const maxRetryAfterSeconds = 24 * 60 * 60

// parseRetryAfter reads a Retry-After header in seconds or as an HTTP date,
// at most maxRetryAfterSeconds; anything else, zero or a past date is no
// hint (0).
func parseRetryAfter(h http.Header, now time.Time) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	// NOTE: ParseUint refuses signs and fails on overflow; a number too
	// large for it is still a (very long) wait, so it takes the cap too.
	if secs, err := strconv.ParseUint(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		if err != nil || secs > maxRetryAfterSeconds {
			secs = maxRetryAfterSeconds
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), maxRetryAfterSeconds*time.Second)
	}
	return 0
}

// sleepContext waits d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
