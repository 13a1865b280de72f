package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// faultThenOK answers the first failures requests with fault and then with
// a successful DescribeUK8SImage answer, counting every request.
func faultThenOK(t *testing.T, failures int, fault func(w http.ResponseWriter)) (*atomic.Int32, string) {
	t.Helper()
	var hits atomic.Int32
	srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		if int(hits.Add(1)) <= failures {
			fault(w)
			return
		}
		writeJSON(w, http.StatusOK, "uuid-ok", uk8sOK)
	})
	return &hits, srv.URL
}

func retCodeFault(code int) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		writeJSON(w, http.StatusOK, fmt.Sprintf("uuid-%d", code), apiErrorBody(ActionDescribeUK8SImage, code, "fault"))
	}
}

// hangUntilClientGoesAway returns once the client gave up (or after 5 s).
// Reading the body first lets the server notice the client closing the
// connection.
func hangUntilClientGoesAway(r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	select {
	case <-r.Context().Done():
	case <-time.After(5 * time.Second):
	}
}

func statusFault(status int) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(status)
		_, _ = fmt.Fprintf(w, "<html><body>%d %s</body></html>", status, http.StatusText(status))
	}
}

func TestRetryTransientThenSuccess(t *testing.T) {
	t.Parallel()

	type tc struct {
		name     string
		failures int
		fault    func(t *testing.T) func(w http.ResponseWriter)
	}
	var tests []tc
	for _, code := range []int{110, 130, 150, 153, 2000, 2001, 5000} {
		tests = append(tests, tc{name: fmt.Sprintf("RetCode %d", code), failures: 2,
			fault: func(*testing.T) func(http.ResponseWriter) { return retCodeFault(code) }})
	}
	for _, status := range []int{429, 500, 502, 503, 504} {
		tests = append(tests, tc{name: fmt.Sprintf("HTTP %d", status), failures: 2,
			fault: func(*testing.T) func(http.ResponseWriter) { return statusFault(status) }})
	}
	tests = append(tests,
		tc{name: "dropped connection", failures: 2, fault: func(t *testing.T) func(http.ResponseWriter) {
			return func(w http.ResponseWriter) { hijackAndClose(t, w) }
		}},
		tc{name: "truncated body with Content-Length", failures: 1, fault: func(t *testing.T) func(http.ResponseWriter) {
			return func(w http.ResponseWriter) {
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("Content-Length", "500")
				w.WriteHeader(http.StatusOK)
				_, _ = w.Write([]byte(`{"RetCode":0,"ImageSet":[`))
				if f, ok := w.(http.Flusher); ok {
					f.Flush()
				}
				hijackAndClose(t, w)
			}
		}},
		tc{name: "JSON RetCode inside a 503", failures: 3, fault: func(*testing.T) func(http.ResponseWriter) {
			return func(w http.ResponseWriter) {
				writeJSON(w, http.StatusServiceUnavailable, "", apiErrorBody(ActionDescribeUK8SImage, 0, ""))
			}
		}},
	)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			hits, url := faultThenOK(t, tt.failures, tt.fault(t))
			c := newTestClient(t, url, func(cfg *Config) { cfg.MaxRetries = 3 })
			resp, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Region: "cn-bj2"})
			if err != nil {
				t.Fatalf("DescribeUK8SImage: %v", err)
			}
			if len(resp.ImageSet) != 1 || resp.ImageSet[0].ImageID != "uimage-1" {
				t.Errorf("response = %+v, want the successful answer", resp)
			}
			want := int32(tt.failures + 1) //nolint:gosec // A handful of failures, far from overflow.
			if got := hits.Load(); got != want {
				t.Errorf("server saw %d requests, want %d", got, want)
			}
		})
	}
}

func TestNoRetryForPermanentErrors(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name  string
		fault func(w http.ResponseWriter)
		check func(t *testing.T, err error)
	}{}
	for _, code := range []int{160, 161, 170, 171, 172, 174, 230, 292, 293, 294, 295, 299, 1999} {
		tests = append(tests, struct {
			name  string
			fault func(w http.ResponseWriter)
			check func(t *testing.T, err error)
		}{
			name:  fmt.Sprintf("RetCode %d", code),
			fault: retCodeFault(code),
			check: func(t *testing.T, err error) {
				var apiErr *APIError
				if !errors.As(err, &apiErr) || apiErr.RetCode != code {
					t.Errorf("error %v is not an *APIError with RetCode %d", err, code)
				}
			},
		})
	}
	for _, status := range []int{400, 403, 404} {
		tests = append(tests, struct {
			name  string
			fault func(w http.ResponseWriter)
			check func(t *testing.T, err error)
		}{
			name:  fmt.Sprintf("HTTP %d", status),
			fault: statusFault(status),
			check: func(t *testing.T, err error) {
				var httpErr *HTTPError
				if !errors.As(err, &httpErr) || httpErr.StatusCode != status {
					t.Errorf("error %v is not an *HTTPError with status %d", err, status)
				}
			},
		})
	}
	tests = append(tests, struct {
		name  string
		fault func(w http.ResponseWriter)
		check func(t *testing.T, err error)
	}{
		name:  "HTML with 200",
		fault: statusFault(200),
		check: func(t *testing.T, err error) {
			var httpErr *HTTPError
			if !errors.As(err, &httpErr) || httpErr.Err == nil {
				t.Errorf("error %v is not an *HTTPError with a decode error", err)
			}
		},
	})

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			hits, url := faultThenOK(t, 1000, tt.fault)
			c := newTestClient(t, url, func(cfg *Config) { cfg.MaxRetries = 5 })
			_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Region: "cn-bj2"})
			if err == nil {
				t.Fatal("want an error")
			}
			if got := hits.Load(); got != 1 {
				t.Errorf("server saw %d requests, want exactly 1 (no retry)", got)
			}
			var exhausted *RetriesExhaustedError
			if errors.As(err, &exhausted) {
				t.Errorf("permanent error reported as exhausted retries: %v", err)
			}
			tt.check(t, err)
		})
	}
}

func TestMaxRetriesRespected(t *testing.T) {
	t.Parallel()

	tests := []struct {
		maxRetries int
		fault      func(w http.ResponseWriter)
		lastText   string
	}{
		{maxRetries: 0, fault: retCodeFault(150), lastText: "RetCode 150"},
		{maxRetries: 1, fault: statusFault(502), lastText: "HTTP 502"},
		{maxRetries: 2, fault: retCodeFault(130), lastText: "RetCode 130"},
		{maxRetries: 5, fault: retCodeFault(2000), lastText: "RetCode 2000"},
		{maxRetries: -1, fault: retCodeFault(110), lastText: "RetCode 110"}, // negative means none
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("MaxRetries=%d", tt.maxRetries), func(t *testing.T) {
			t.Parallel()
			hits, url := faultThenOK(t, 1000, tt.fault)
			c := newTestClient(t, url, func(cfg *Config) { cfg.MaxRetries = tt.maxRetries })
			_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{})
			wantAttempts := max(tt.maxRetries, 0) + 1
			if got := int(hits.Load()); got != wantAttempts {
				t.Errorf("server saw %d requests, want %d", got, wantAttempts)
			}
			var exhausted *RetriesExhaustedError
			if !errors.As(err, &exhausted) {
				t.Fatalf("error %T (%v) is not a *RetriesExhaustedError", err, err)
			}
			if exhausted.Attempts != wantAttempts || exhausted.Action != ActionDescribeUK8SImage || exhausted.RetryTimeout != 0 {
				t.Errorf("RetriesExhaustedError = %+v, want Attempts %d", exhausted, wantAttempts)
			}
			msg := err.Error()
			for _, s := range []string{tt.lastText, fmt.Sprintf("after %d attempt", wantAttempts), "max_retries"} {
				if !strings.Contains(msg, s) {
					t.Errorf("error %q does not mention %q", msg, s)
				}
			}
			if exhausted.Last == nil || !strings.Contains(exhausted.Last.Error(), tt.lastText) {
				t.Errorf("Last = %v, want the last attempt's error", exhausted.Last)
			}
		})
	}
}

func TestBackoffDelay(t *testing.T) {
	t.Parallel()

	policy := backoffPolicy{base: 100 * time.Millisecond, max: 2 * time.Second, maxRetryAfter: 5 * time.Second}

	t.Run("exponential within [d/2, d]", func(t *testing.T) {
		t.Parallel()
		for _, tt := range []struct {
			n int
			d time.Duration
		}{
			{1, 100 * time.Millisecond},
			{2, 200 * time.Millisecond},
			{3, 400 * time.Millisecond},
			{4, 800 * time.Millisecond},
			{5, 1600 * time.Millisecond},
			{6, 2 * time.Second}, // capped
			{20, 2 * time.Second},
			{100, 2 * time.Second},
			{1 << 20, 2 * time.Second},
		} {
			lo, hi := tt.d, time.Duration(0)
			for range 500 {
				got := policy.delay(tt.n, 0)
				if got < tt.d/2 || got > tt.d {
					t.Fatalf("delay(%d) = %v, want within [%v, %v]", tt.n, got, tt.d/2, tt.d)
				}
				lo, hi = min(lo, got), max(hi, got)
			}
			// Jitter: 500 draws spread over the range, not a constant.
			if hi-lo < tt.d/4 {
				t.Errorf("delay(%d) ranged only over [%v, %v]; want jitter across [%v, %v]", tt.n, lo, hi, tt.d/2, tt.d)
			}
		}
	})

	t.Run("huge base does not overflow", func(t *testing.T) {
		t.Parallel()
		p := backoffPolicy{base: time.Hour, max: 10 * time.Second, maxRetryAfter: time.Minute}
		for _, n := range []int{1, 17, 64, 1000} {
			if got := p.delay(n, 0); got < 5*time.Second || got > 10*time.Second {
				t.Errorf("delay(%d) = %v, want within [5s, 10s]", n, got)
			}
		}
	})

	t.Run("Retry-After", func(t *testing.T) {
		t.Parallel()
		tests := []struct {
			name       string
			p          backoffPolicy
			n          int
			retryAfter time.Duration
			lo, hi     time.Duration
		}{
			{name: "longer than backoff wins", p: policy, n: 1, retryAfter: 3 * time.Second, lo: 3 * time.Second, hi: 3 * time.Second},
			{name: "capped at maxRetryAfter", p: policy, n: 1, retryAfter: time.Hour, lo: 5 * time.Second, hi: 5 * time.Second},
			{name: "shorter than backoff ignored", p: policy, n: 4, retryAfter: time.Millisecond, lo: 400 * time.Millisecond, hi: 800 * time.Millisecond},
			{name: "tiny policy caps at 50ms", p: tinyBackoff, n: 1, retryAfter: time.Second, lo: 50 * time.Millisecond, hi: 50 * time.Millisecond},
		}
		for _, tt := range tests {
			for range 100 {
				got := tt.p.delay(tt.n, tt.retryAfter)
				if got < tt.lo || got > tt.hi {
					t.Fatalf("%s: delay(%d, %v) = %v, want within [%v, %v]", tt.name, tt.n, tt.retryAfter, got, tt.lo, tt.hi)
				}
			}
		}
	})

	t.Run("default policy", func(t *testing.T) {
		t.Parallel()
		if got := defaultBackoff.delay(1, 0); got < 125*time.Millisecond || got > 250*time.Millisecond {
			t.Errorf("default delay(1) = %v, want within [125ms, 250ms]", got)
		}
		if got := defaultBackoff.delay(30, 0); got < 5*time.Second || got > 10*time.Second {
			t.Errorf("default delay(30) = %v, want within [5s, 10s]", got)
		}
	})
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()

	now := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	tests := []struct {
		name  string
		value string
		want  time.Duration
	}{
		{name: "absent", value: "", want: 0},
		{name: "seconds", value: "7", want: 7 * time.Second},
		{name: "zero", value: "0", want: 0},
		{name: "negative", value: "-3", want: 0},
		{name: "garbage", value: "soon", want: 0},
		{name: "HTTP date in the future", value: now.Add(90 * time.Second).Format(http.TimeFormat), want: 90 * time.Second},
		{name: "HTTP date in the past", value: now.Add(-time.Minute).Format(http.TimeFormat), want: 0},
		// Would overflow a Duration once multiplied by a second.
		{name: "seconds beyond a Duration", value: "18446744074", want: 24 * time.Hour},
		{name: "seconds beyond uint64", value: "99999999999999999999999", want: 24 * time.Hour},
		{name: "plus sign", value: "+7", want: 0},
		{name: "HTTP date in the far future", value: "Fri, 31 Dec 9999 23:59:59 GMT", want: 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := http.Header{}
			if tt.value != "" {
				h.Set("Retry-After", tt.value)
			}
			if got := parseRetryAfter(h, now); got != tt.want {
				t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.value, got, tt.want)
			}
		})
	}
}

// TestRetryAfterHonoured checks end to end that the wait before a retry is
// the server's Retry-After, capped by maxRetryAfter.
func TestRetryAfterHonoured(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name     string
		header   string
		policy   backoffPolicy
		min, max time.Duration
	}{
		// The one test that really waits a second.
		{name: "1s honoured", header: "1", policy: backoffPolicy{base: time.Millisecond, max: 5 * time.Millisecond, maxRetryAfter: 2 * time.Second},
			min: time.Second, max: 1900 * time.Millisecond},
		{name: "capped by maxRetryAfter", header: "30", policy: backoffPolicy{base: time.Millisecond, max: 5 * time.Millisecond, maxRetryAfter: 60 * time.Millisecond},
			min: 60 * time.Millisecond, max: 900 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var (
				hits  atomic.Int32
				first atomic.Int64
				gap   atomic.Int64
			)
			srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
				now := time.Now().UnixNano()
				if hits.Add(1) == 1 {
					first.Store(now)
					w.Header().Set("Retry-After", tt.header)
					statusFault(http.StatusTooManyRequests)(w)
					return
				}
				gap.Store(now - first.Load())
				writeJSON(w, http.StatusOK, "", uk8sOK)
			})
			c := newTestClient(t, srv.URL, nil)
			c.backoff = tt.policy
			if _, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{}); err != nil {
				t.Fatalf("DescribeUK8SImage: %v", err)
			}
			if hits.Load() != 2 {
				t.Fatalf("server saw %d requests, want 2", hits.Load())
			}
			if g := time.Duration(gap.Load()); g < tt.min || g > tt.max {
				t.Errorf("retry came %v after the 429, want within [%v, %v]", g, tt.min, tt.max)
			}
		})
	}
}

func TestContextCancellationStopsRetries(t *testing.T) {
	t.Parallel()

	t.Run("during backoff", func(t *testing.T) {
		t.Parallel()
		var hits atomic.Int32
		srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
			hits.Add(1)
			retCodeFault(150)(w)
		})
		c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 1000; cfg.RetryTimeout = time.Minute })
		c.backoff = backoffPolicy{base: 10 * time.Second, max: 10 * time.Second, maxRetryAfter: 10 * time.Second}
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		_, err := c.DescribeUK8SImage(ctx, &DescribeUK8SImageRequest{})
		if elapsed := time.Since(start); elapsed > 2*time.Second {
			t.Errorf("returned %v after cancellation, want promptly", elapsed)
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v does not wrap context.Canceled", err)
		}
		if hits.Load() != 1 {
			t.Errorf("server saw %d requests, want 1", hits.Load())
		}
	})

	t.Run("during a request", func(t *testing.T) {
		t.Parallel()
		var hits atomic.Int32
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			hangUntilClientGoesAway(r)
			retCodeFault(150)(w)
		})
		c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 1000 })
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		_, err := c.DescribeUK8SImage(ctx, &DescribeUK8SImageRequest{})
		if elapsed := time.Since(start); elapsed > 2*time.Second {
			t.Errorf("returned %v after cancellation, want promptly", elapsed)
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v does not wrap context.Canceled", err)
		}
		var timeoutErr *TimeoutError
		if errors.As(err, &timeoutErr) {
			t.Errorf("cancellation reported as a request_timeout: %v", err)
		}
		if hits.Load() != 1 {
			t.Errorf("server saw %d requests, want 1 (no retry after cancellation)", hits.Load())
		}
	})

	t.Run("caller's deadline is not request_timeout", func(t *testing.T) {
		t.Parallel()
		var hits atomic.Int32
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			hangUntilClientGoesAway(r)
			retCodeFault(150)(w)
		})
		c := newTestClient(t, srv.URL, func(cfg *Config) {
			cfg.MaxRetries = 1000
			cfg.RequestTimeout = 10 * time.Second
		})
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := c.DescribeUK8SImage(ctx, &DescribeUK8SImageRequest{})
		if elapsed := time.Since(start); elapsed > 2*time.Second {
			t.Errorf("returned %v after the deadline, want promptly", elapsed)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
		}
		var timeoutErr *TimeoutError
		if errors.As(err, &timeoutErr) || strings.Contains(err.Error(), "request_timeout") {
			t.Errorf("the caller's deadline was reported as request_timeout: %v", err)
		}
		if hits.Load() != 1 {
			t.Errorf("server saw %d requests, want 1", hits.Load())
		}
	})

	t.Run("already cancelled", func(t *testing.T) {
		t.Parallel()
		var hits atomic.Int32
		srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
			hits.Add(1)
			writeJSON(w, http.StatusOK, "", uk8sOK)
		})
		c := newTestClient(t, srv.URL, nil)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if _, err := c.DescribeUK8SImage(ctx, &DescribeUK8SImageRequest{}); !errors.Is(err, context.Canceled) {
			t.Errorf("error %v does not wrap context.Canceled", err)
		}
		if hits.Load() != 0 {
			t.Errorf("server saw %d requests, want 0", hits.Load())
		}
	})
}

func TestRequestTimeout(t *testing.T) {
	t.Parallel()

	hang := hangUntilClientGoesAway

	t.Run("slow attempt retried", func(t *testing.T) {
		t.Parallel()
		var hits atomic.Int32
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
			if hits.Add(1) == 1 {
				hang(r)
				return
			}
			writeJSON(w, http.StatusOK, "", uk8sOK)
		})
		c := newTestClient(t, srv.URL, func(cfg *Config) {
			cfg.RequestTimeout = 50 * time.Millisecond
			cfg.MaxRetries = 2
		})
		resp, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{})
		if err != nil {
			t.Fatalf("DescribeUK8SImage: %v", err)
		}
		if len(resp.ImageSet) != 1 {
			t.Errorf("response = %+v", resp)
		}
		if hits.Load() != 2 {
			t.Errorf("server saw %d requests, want 2", hits.Load())
		}
	})

	t.Run("every attempt slow", func(t *testing.T) {
		t.Parallel()
		var hits atomic.Int32
		srv := newTestServer(t, func(_ http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			hang(r)
		})
		c := newTestClient(t, srv.URL, func(cfg *Config) {
			cfg.RequestTimeout = 40 * time.Millisecond
			cfg.MaxRetries = 2
		})
		start := time.Now()
		_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{})
		if elapsed := time.Since(start); elapsed > 3*time.Second {
			t.Errorf("took %v, want about 3 × 40ms", elapsed)
		}
		var timeoutErr *TimeoutError
		if !errors.As(err, &timeoutErr) {
			t.Fatalf("error %T (%v) has no *TimeoutError in its chain", err, err)
		}
		if timeoutErr.Timeout != 40*time.Millisecond || timeoutErr.Action != ActionDescribeUK8SImage {
			t.Errorf("TimeoutError = %+v", timeoutErr)
		}
		if !strings.Contains(err.Error(), "request_timeout") {
			t.Errorf("error %q does not mention request_timeout", err)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
		}
		var exhausted *RetriesExhaustedError
		if !errors.As(err, &exhausted) || exhausted.Attempts != 3 {
			t.Errorf("error %v is not a RetriesExhaustedError after 3 attempts", err)
		}
		if hits.Load() != 3 {
			t.Errorf("server saw %d requests, want 3", hits.Load())
		}
	})

	t.Run("slow body", func(t *testing.T) {
		t.Parallel()
		var hits atomic.Int32
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
			if hits.Add(1) == 1 {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusOK)
				_, _ = w.Write([]byte(`{"RetCode":0,`))
				if f, ok := w.(http.Flusher); ok {
					f.Flush()
				}
				hang(r)
				return
			}
			writeJSON(w, http.StatusOK, "", uk8sOK)
		})
		c := newTestClient(t, srv.URL, func(cfg *Config) {
			cfg.RequestTimeout = 50 * time.Millisecond
			cfg.MaxRetries = 1
		})
		if _, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{}); err != nil {
			t.Fatalf("DescribeUK8SImage: %v", err)
		}
		if hits.Load() != 2 {
			t.Errorf("server saw %d requests, want 2", hits.Load())
		}
	})
}

func TestConnectionRefusedRetried(t *testing.T) {
	t.Parallel()

	// A server that is closed at once leaves a port nobody listens on.
	srv := newTestServer(t, func(http.ResponseWriter, *http.Request) {})
	url := srv.URL
	srv.Close()

	c := newTestClient(t, url, func(cfg *Config) { cfg.MaxRetries = 2 })
	_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{})
	var exhausted *RetriesExhaustedError
	if !errors.As(err, &exhausted) || exhausted.Attempts != 3 {
		t.Fatalf("error %v is not a RetriesExhaustedError after 3 attempts", err)
	}
	if !strings.Contains(err.Error(), "no answer from") {
		t.Errorf("error %q does not say the endpoint did not answer", err)
	}
}
