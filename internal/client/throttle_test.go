package client

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestThrottleAIMD drives the rate by hand: it starts unpaced, a refusal
// cuts it to a share of what was accepted, a refusal of a request sent at
// the old rate does not cut again, successes raise it (fast below the
// ceiling, slowly above) until pacing stops.
func TestThrottleAIMD(t *testing.T) {
	t.Parallel()

	p := throttlePolicy{floor: 1, decrease: 0.5, increase: 4, unlimitedAbove: 50}

	t.Run("healthy server: never paced", func(t *testing.T) {
		t.Parallel()
		th := newThrottle(p)
		for range 1000 {
			th.succeeded()
		}
		if !math.IsInf(th.limit, 1) {
			t.Errorf("limit = %v after successes only, want unpaced", th.limit)
		}
		if err := th.wait(t.Context(), time.Time{}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("refusal while others are accepted", func(t *testing.T) {
		t.Parallel()
		th := newThrottle(p)
		sentBefore := time.Now()
		for range 20 {
			th.succeeded()
		}
		limit, changed := th.refused(time.Now(), 0)
		if !changed || limit != 10 {
			t.Fatalf("refused() = %v, %v; want 10 (half of the 20 accepted this second), true", limit, changed)
		}
		if limit, changed := th.refused(sentBefore, 0); changed || limit != 10 {
			t.Errorf("a refusal of a request sent before the cut gave %v, %v; want 10, false", limit, changed)
		}
		th.succeeded()
		if want := 10 + 4.0/10; math.Abs(th.limit-want) > 1e-9 {
			t.Errorf("limit after one success at the ceiling = %v, want %v (additive)", th.limit, want)
		}
	})

	t.Run("everything refused: floor, then slow start back to unpaced", func(t *testing.T) {
		t.Parallel()
		th := newThrottle(p)
		for range 5 {
			th.refused(time.Now(), 0)
		}
		if th.limit != p.floor {
			t.Fatalf("limit = %v after refusals only, want the floor %v", th.limit, p.floor)
		}
		if !math.IsInf(th.ceiling, 1) {
			t.Errorf("ceiling = %v, want none: no rate was ever accepted", th.ceiling)
		}
		th.succeeded()
		if th.limit != p.floor+1 {
			t.Errorf("limit after one success = %v, want %v (+1 per success below the ceiling)", th.limit, p.floor+1)
		}
		for range 60 {
			th.succeeded()
		}
		if !math.IsInf(th.limit, 1) {
			t.Errorf("limit = %v after 61 successes, want unpaced again", th.limit)
		}
	})
}

// TestThrottleSharedAcrossCallers: while the API refuses everything, many
// distinct calls together send about the floor rate of probes, not each its
// own retries; once it accepts again every call finishes.
func TestThrottleSharedAcrossCallers(t *testing.T) {
	t.Parallel()

	const callers, window = 20, 500 * time.Millisecond
	var (
		start             atomic.Int64
		refused, accepted atomic.Int32
	)
	srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		start.CompareAndSwap(0, time.Now().UnixNano())
		if time.Since(time.Unix(0, start.Load())) < window {
			refused.Add(1)
			retCodeFault(153)(w)
			return
		}
		accepted.Add(1)
		writeJSON(w, http.StatusOK, "", uk8sOK)
	})
	c := newTestClient(t, srv.URL, nil)
	// 20 probes per second at most while refused; each caller alone
	// would retry every 1 to 5 ms.
	c.throttle = newThrottle(throttlePolicy{floor: 20, decrease: 0.7, increase: 4, unlimitedAbove: 500})

	var wg sync.WaitGroup
	errs := make([]error, callers)
	for i := range callers {
		wg.Go(func() {
			_, errs[i] = c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Region: "cn-bj2", K8sVersion: fmt.Sprint(i)})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("caller %d: %v", i, err)
		}
	}
	// First attempts of all callers, plus the floor over the window, plus
	// slack for a busy machine.
	if got, most := refused.Load(), int32(callers+20*window/time.Second+10); got > most {
		t.Errorf("%d requests were refused, want at most %d: the callers did not share one pace", got, most)
	}
	t.Logf("%d refused, %d accepted", refused.Load(), accepted.Load())
	if got := accepted.Load(); got != callers {
		t.Errorf("%d requests were accepted, want %d", got, callers)
	}
}

// TestThrottleRetryAfterHoldsEveryone: a Retry-After answered to one call
// also holds a call that starts afterwards.
func TestThrottleRetryAfterHoldsEveryone(t *testing.T) {
	t.Parallel()

	var (
		hits      atomic.Int32
		refusedAt atomic.Int64
		mu        sync.Mutex
		times     []time.Time
	)
	srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		if hits.Add(1) == 1 {
			refusedAt.Store(time.Now().UnixNano())
			w.Header().Set("Retry-After", "1")
			statusFault(http.StatusTooManyRequests)(w)
			return
		}
		writeJSON(w, http.StatusOK, "", uk8sOK)
	})
	c := newTestClient(t, srv.URL, nil)
	c.backoff.maxRetryAfter = 5 * time.Second

	first := make(chan error, 1)
	go func() {
		_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Region: "cn-bj2"})
		first <- err
	}()
	for {
		c.throttle.mu.Lock()
		paused := !c.throttle.pausedUntil.IsZero()
		c.throttle.mu.Unlock()
		if paused {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if _, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Region: "cn-sh2"}); err != nil {
		t.Fatalf("second call: %v", err)
	}
	if err := <-first; err != nil {
		t.Fatalf("first call: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(times) != 3 {
		t.Fatalf("server saw %d requests, want 3", len(times))
	}
	pause := time.Unix(0, refusedAt.Load()).Add(time.Second)
	for i, at := range times[1:] {
		if at.Before(pause) {
			t.Errorf("request %d came %v before the Retry-After ended", i+2, pause.Sub(at))
		}
	}
}

// TestThrottleBackoffEndsWhenTheAPIAcceptsAgain: a call sleeping a long
// backoff after a refusal resumes as soon as another call is accepted.
func TestThrottleBackoffEndsWhenTheAPIAcceptsAgain(t *testing.T) {
	t.Parallel()

	var hits atomic.Int32
	release := make(chan struct{})
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		if readForm(t, r).Get("Region") == "cn-bj2" && hits.Add(1) == 1 {
			retCodeFault(153)(w)
			close(release)
			return
		}
		writeJSON(w, http.StatusOK, "", uk8sOK)
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RetryTimeout = time.Minute })
	c.backoff = backoffPolicy{base: 20 * time.Second, max: 20 * time.Second, maxRetryAfter: time.Second}

	done := make(chan error, 1)
	go func() {
		_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Region: "cn-bj2"})
		done <- err
	}()
	<-release
	if _, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Region: "cn-sh2"}); err != nil {
		t.Fatalf("other call: %v", err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("refused call: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the refused call still sleeps its 10 to 20 s backoff after another call was accepted")
	}
}

// TestRetryBudget: refusals are retried until retry_timeout whatever
// max_retries says, and the error then says how long and how often.
func TestRetryBudget(t *testing.T) {
	t.Parallel()

	t.Run("refusals do not count against max_retries", func(t *testing.T) {
		t.Parallel()
		hits, url := faultThenOK(t, 6, retCodeFault(153))
		c := newTestClient(t, url, func(cfg *Config) { cfg.MaxRetries = 1 })
		if _, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{}); err != nil {
			t.Fatalf("DescribeUK8SImage: %v", err)
		}
		if hits.Load() != 7 {
			t.Errorf("server saw %d requests, want 7", hits.Load())
		}
	})

	t.Run("retry_timeout ends endless refusals", func(t *testing.T) {
		t.Parallel()
		hits, url := faultThenOK(t, 1<<30, retCodeFault(153))
		c := newTestClient(t, url, func(cfg *Config) { cfg.MaxRetries = 0; cfg.RetryTimeout = 200 * time.Millisecond })
		_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{})
		var exhausted *RetriesExhaustedError
		if !errors.As(err, &exhausted) {
			t.Fatalf("error %T (%v) is not a *RetriesExhaustedError", err, err)
		}
		if exhausted.RetryTimeout != 200*time.Millisecond || exhausted.Attempts != int(hits.Load()) || exhausted.Attempts < 2 {
			t.Errorf("RetriesExhaustedError = %+v after %d requests", exhausted, hits.Load())
		}
		if exhausted.Elapsed <= 0 {
			t.Errorf("Elapsed = %v, want the time the attempts took", exhausted.Elapsed)
		}
		for _, s := range []string{"retry_timeout 200ms", fmt.Sprintf("after %d attempts in ", exhausted.Attempts), "RetCode 153"} {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("error %q does not mention %q", err, s)
			}
		}
	})

	t.Run("defaults ride out a minute of refusals in few requests", func(t *testing.T) {
		t.Parallel()
		// With the default backoff, count the attempts that fit in 60 s of
		// refusals; the jitter makes each schedule different.
		if DefaultRetryTimeout < 70*time.Second {
			t.Fatalf("DefaultRetryTimeout = %v, want room beyond a minute", DefaultRetryTimeout)
		}
		for range 1000 {
			attempts, elapsed := 1, time.Duration(0)
			for elapsed < time.Minute {
				elapsed += defaultBackoff.delay(attempts, 0)
				attempts++
			}
			if attempts > 20 {
				t.Fatalf("%d attempts within the first minute, want at most 20", attempts)
			}
		}
	})
}

func TestDefaultTimeouts(t *testing.T) {
	t.Parallel()
	c, err := New(Config{PublicKey: "p", PrivateKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.RequestTimeout != 60*time.Second {
		t.Errorf("default request timeout = %v, want 60s like UCloud's gateway", c.cfg.RequestTimeout)
	}
	if c.cfg.RetryTimeout != DefaultRetryTimeout {
		t.Errorf("default retry timeout = %v, want %v", c.cfg.RetryTimeout, DefaultRetryTimeout)
	}
}
