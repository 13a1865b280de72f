package client

import (
	"context"
	"errors"
	"fmt"
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
		return time.Duration(secs) * time.Second //nolint:gosec // G115: secs is at most maxRetryAfterSeconds here.
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), maxRetryAfterSeconds*time.Second)
	}
	return 0
}

// retryRun is the retry state of one call: its attempts, its faults and
// its time budget.
type retryRun struct {
	c        *Client
	action   string
	start    time.Time
	deadline time.Time
	attempts int
	// faults counts failed attempts other than rate-limit refusals; only
	// these are bounded by max_retries.
	faults int
	// sent is when the current attempt left, for the shared throttle.
	sent time.Time
}

func (c *Client) newRetryRun(action string) *retryRun {
	now := time.Now()
	return &retryRun{c: c, action: action, start: now, deadline: now.Add(c.cfg.RetryTimeout)}
}

// pace waits for the shared request rate before an attempt. The first
// attempt always goes; a retry that would start past the budget does not.
func (r *retryRun) pace(ctx context.Context, lastErr error) error {
	deadline := r.deadline
	if r.attempts == 0 {
		deadline = time.Time{}
	}
	err := r.c.throttle.wait(ctx, deadline)
	switch {
	case errors.Is(err, errBudgetSpent):
		return r.exhausted(lastErr, true)
	case err != nil:
		return fmt.Errorf("UCloud API action %s: gave up waiting to send: %w", r.action, err)
	}
	r.attempts++
	r.sent = time.Now()
	return nil
}

// succeeded tells the shared throttle that the API accepted a request.
func (r *retryRun) succeeded() { r.c.throttle.succeeded() }

// next decides what follows a failed attempt: nil after waiting out the
// backoff for another one, else the error to return. Refusals lower the
// shared rate and are retried for as long as retry_timeout allows; other
// transient faults also count against max_retries.
func (r *retryRun) next(ctx context.Context, err error, retryAfter time.Duration) error {
	refused := isRefusal(err)
	if refused {
		if limit, changed := r.c.throttle.refused(r.sent, min(retryAfter, r.c.backoff.maxRetryAfter)); changed {
			r.c.log.Debug(ctx, "UCloud API is limiting the request rate; pacing every call of this provider", map[string]any{
				"ucloud_action": r.action, "requests_per_second": limit,
			})
		}
	}
	if !isRetryable(err) || ctx.Err() != nil {
		return err
	}
	if !refused {
		r.faults++
		if r.faults > r.c.cfg.MaxRetries {
			return r.exhausted(err, false)
		}
	}
	wait := r.c.backoff.delay(r.attempts, retryAfter)
	if time.Now().Add(wait).After(r.deadline) {
		return r.exhausted(err, true)
	}
	r.c.log.Debug(ctx, "UCloud API call will be retried", map[string]any{
		"ucloud_action": r.action, "attempt": r.attempts, "wait_ms": wait.Milliseconds(),
	})
	sleep := func() error { return sleepOrWake(ctx, wait, nil) }
	if refused {
		sleep = func() error { return r.c.throttle.backoff(ctx, wait, r.sent) }
	}
	if err := sleep(); err != nil {
		return fmt.Errorf("UCloud API action %s: gave up waiting to retry: %w", r.action, err)
	}
	return nil
}

// exhausted reports the attempts made, how long they took and which limit
// ended them.
func (r *retryRun) exhausted(last error, byTime bool) error {
	e := &RetriesExhaustedError{Action: r.action, Attempts: r.attempts, Elapsed: time.Since(r.start), Last: last}
	if byTime {
		e.RetryTimeout = r.c.cfg.RetryTimeout
	} else {
		e.MaxRetries = r.c.cfg.MaxRetries
	}
	return e
}

// isRefusal reports whether err is the API refusing the request rate.
func isRefusal(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.RetCode == retCodeRateLimited
	}
	var httpErr *HTTPError
	return errors.As(err, &httpErr) && httpErr.StatusCode == http.StatusTooManyRequests
}

// retCodeRateLimited is UCloud's "request rate limited".
const retCodeRateLimited = 153
