package client

import (
	"context"
	"errors"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// throttlePolicy shapes how the shared request rate adapts.
type throttlePolicy struct {
	// floor is the rate while the API refuses everything: the process
	// then sends this many probes per second, whatever its callers want.
	floor float64
	// decrease multiplies the accepted rate after a refusal.
	decrease float64
	// increase is added to the rate per second of successes once the rate
	// is back at the last level that drew a refusal.
	increase float64
	// unlimitedAbove is the rate from which pacing stops altogether.
	unlimitedAbove float64
}

// defaultThrottle starts unlimited, so a healthy server sees no pacing.
var defaultThrottle = throttlePolicy{floor: 1, decrease: 0.7, increase: 4, unlimitedAbove: 500}

// throttle is one request rate shared by every call of a Client, adapted
// by additive increase and multiplicative decrease: a refusal (RetCode 153,
// HTTP 429) lowers it for all callers, successes raise it again. Below the
// last rate known to be refused the rate grows by one request per second
// per success, so it doubles every round of answers and recovers from a
// throttling window in a few seconds; above it, it grows linearly.
type throttle struct {
	policy  throttlePolicy
	limiter *rate.Limiter

	mu sync.Mutex
	// limit is the current rate; +Inf means unpaced.
	limit float64
	// ceiling is where growth turns linear; +Inf until a refusal arrived
	// while some requests were still accepted.
	ceiling float64
	// lastCut is when the rate was last lowered: refusals of requests sent
	// before it were sent at the old rate and do not lower it again.
	lastCut time.Time
	// pausedUntil holds every caller back, from a Retry-After.
	pausedUntil time.Time
	// accepted holds the times of the successes of the last second.
	accepted []time.Time
	// lastAccepted is the time of the latest success.
	lastAccepted time.Time
	// refusing is true from a refusal until the next success.
	refusing bool
	// changed is closed and replaced when waiters should look again: the
	// rate rose, a pause began, or the API accepted a request again.
	changed chan struct{}
	// announced is the rate at the last wake-up of waiters.
	announced float64
}

func newThrottle(p throttlePolicy) *throttle {
	return &throttle{
		policy:    p,
		limiter:   rate.NewLimiter(rate.Inf, 1),
		limit:     math.Inf(1),
		ceiling:   math.Inf(1),
		changed:   make(chan struct{}),
		announced: math.Inf(1),
	}
}

// errBudgetSpent means the pacing would hold a retry past its deadline.
var errBudgetSpent = errors.New("the retry budget would be spent waiting for the shared request rate")

// wait holds the caller until the shared rate and any pause let it send.
// A retry whose turn would come after deadline is not queued; a zero
// deadline means none.
func (t *throttle) wait(ctx context.Context, deadline time.Time) error {
	for {
		t.mu.Lock()
		changed, pause := t.changed, time.Until(t.pausedUntil)
		t.mu.Unlock()

		if pause > 0 {
			if !deadline.IsZero() && time.Now().Add(pause).After(deadline) {
				return errBudgetSpent
			}
			if err := sleepOrWake(ctx, pause, changed); err != nil {
				return err
			}
			continue
		}
		r := t.limiter.Reserve()
		d := r.Delay()
		if d == 0 {
			return nil
		}
		if !deadline.IsZero() && time.Now().Add(d).After(deadline) {
			r.Cancel()
			return errBudgetSpent
		}
		timer := time.NewTimer(d)
		select {
		case <-timer.C:
			return nil
		case <-changed:
			// NOTE: a reservation keeps the slot it got at the old rate;
			// give it back and queue again at the new one.
			timer.Stop()
			r.Cancel()
		case <-ctx.Done():
			timer.Stop()
			r.Cancel()
			return ctx.Err()
		}
	}
}

// backoff waits d after the refusal of a request sent at sent, or less if
// the API accepts some other request meanwhile (or did since): then the
// caller returns to the shared pace at once instead of sleeping out a
// backoff chosen while everything was refused.
func (t *throttle) backoff(ctx context.Context, d time.Duration, sent time.Time) error {
	t.mu.Lock()
	changed, accepted := t.changed, t.lastAccepted
	t.mu.Unlock()
	if accepted.After(sent) {
		return ctx.Err()
	}
	return sleepOrWake(ctx, d, changed)
}

// refused lowers the rate after a refusal of a request sent at sent and
// pauses everyone for pause (if set; the caller caps it). It returns the new rate and
// whether it changed.
func (t *throttle) refused(sent time.Time, pause time.Duration) (float64, bool) {
	now := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.refusing = true
	if pause > 0 {
		if until := now.Add(pause); until.After(t.pausedUntil) {
			t.pausedUntil = until
			t.wake()
		}
	}
	if sent.Before(t.lastCut) {
		return t.limit, false
	}
	accepted := float64(len(t.recentAccepted(now)))
	next := max(t.policy.floor, min(t.limit, accepted)*t.policy.decrease)
	if accepted > 0 {
		t.ceiling = next
	}
	t.lastCut = now
	changed := next != t.limit
	t.setLimit(next)
	return next, changed
}

// succeeded raises the rate after an accepted request.
func (t *throttle) succeeded() {
	now := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.accepted = append(t.recentAccepted(now), now)
	t.lastAccepted = now
	if t.refusing {
		t.refusing = false
		t.wake()
	}
	if math.IsInf(t.limit, 1) {
		return
	}
	next := t.limit + 1
	if t.limit >= t.ceiling {
		next = t.limit + t.policy.increase/t.limit
	}
	if next >= t.policy.unlimitedAbove {
		next = math.Inf(1)
	}
	t.setLimit(next)
	// Waiters hold slots taken at the old rate; re-queue them once the
	// rate has risen enough to matter.
	if next >= t.announced*1.25 {
		t.wake()
	}
}

// recentAccepted drops successes older than one second and returns the
// rest; t.mu must be held.
func (t *throttle) recentAccepted(now time.Time) []time.Time {
	cut := 0
	for cut < len(t.accepted) && now.Sub(t.accepted[cut]) > time.Second {
		cut++
	}
	t.accepted = t.accepted[cut:]
	return t.accepted
}

// setLimit applies a new rate; t.mu must be held.
func (t *throttle) setLimit(r float64) {
	if r < t.announced {
		t.announced = r
	}
	t.limit = r
	if math.IsInf(r, 1) {
		t.limiter.SetLimit(rate.Inf)
		return
	}
	t.limiter.SetLimit(rate.Limit(r))
}

// wake tells every waiter to look again; t.mu must be held.
func (t *throttle) wake() {
	close(t.changed)
	t.changed = make(chan struct{})
	t.announced = t.limit
}

// sleepOrWake waits d, until wake is closed (a nil wake never is), or until
// ctx ends.
func sleepOrWake(ctx context.Context, d time.Duration, wake <-chan struct{}) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-wake:
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}
