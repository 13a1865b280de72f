package client

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// countingUK8SServer answers DescribeUK8SImage after delay, echoing the
// requested Region into the image name; fail decides per request number
// (1-based) whether to answer RetCode 230 instead.
func countingUK8SServer(t *testing.T, delay time.Duration, fail func(n int32) bool) (*atomic.Int32, string) {
	t.Helper()
	var hits atomic.Int32
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		n := hits.Add(1)
		region := readForm(t, r).Get("Region")
		time.Sleep(delay)
		if fail != nil && fail(n) {
			writeJSON(w, http.StatusOK, "", apiErrorBody(ActionDescribeUK8SImage, 230, "Params [Zone] not available"))
			return
		}
		writeJSON(w, http.StatusOK, "", `{"RetCode":0,"Action":"DescribeUK8SImageResponse","ImageSet":[`+
			`{"ImageId":"uimage-1","ImageName":"img-`+region+`","Features":["NetEnhanced","HotPlug"]},`+
			`{"ImageId":"uimage-2","ImageName":"second"}]}`)
	})
	return &hits, srv.URL
}

func TestCacheSharesIdenticalReads(t *testing.T) {
	t.Parallel()

	hits, url := countingUK8SServer(t, 100*time.Millisecond, nil)
	c := newTestClient(t, url, nil)
	req := DescribeUK8SImageRequest{Region: "cn-bj2", Zone: "cn-bj2-02"}

	const callers = 20
	results := make([]*DescribeUK8SImageResponse, callers)
	errs := make([]error, callers)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range callers {
		wg.Go(func() {
			<-start
			r := req // each caller builds its own request value
			results[i], errs[i] = c.DescribeUK8SImage(t.Context(), &r)
		})
	}
	close(start)
	wg.Wait()

	t.Run("one request for concurrent callers", func(t *testing.T) {
		if got := hits.Load(); got != 1 {
			t.Errorf("server saw %d requests for %d concurrent identical calls, want 1", got, callers)
		}
		for i := range callers {
			if errs[i] != nil {
				t.Fatalf("caller %d: %v", i, errs[i])
			}
			if len(results[i].ImageSet) != 2 || results[i].ImageSet[0].ImageName != "img-cn-bj2" {
				t.Errorf("caller %d got %+v", i, results[i])
			}
		}
	})

	t.Run("each caller owns its value", func(t *testing.T) {
		seen := map[*DescribeUK8SImageResponse]int{}
		for i, r := range results {
			if j, dup := seen[r]; dup {
				t.Fatalf("callers %d and %d share one response value", j, i)
			}
			seen[r] = i
		}
		// Mutate caller 0's value deeply; nobody else may see it.
		results[0].ImageSet[0].ImageName = "mutated"
		results[0].ImageSet[0].Features[0] = "mutated"
		results[0].ImageSet = append(results[0].ImageSet[:1], UK8SImage{ImageID: "injected"})
		for i := 1; i < callers; i++ {
			img := results[i].ImageSet[0]
			if img.ImageName != "img-cn-bj2" || img.Features[0] != "NetEnhanced" || results[i].ImageSet[1].ImageID != "uimage-2" {
				t.Errorf("caller %d sees another caller's mutation: %+v", i, results[i].ImageSet)
			}
		}
	})

	t.Run("later identical call reuses the answer", func(t *testing.T) {
		r := req
		later, err := c.DescribeUK8SImage(t.Context(), &r)
		if err != nil {
			t.Fatalf("later call: %v", err)
		}
		if got := hits.Load(); got != 1 {
			t.Errorf("server saw %d requests after a later identical call, want still 1", got)
		}
		if later.ImageSet[0].ImageName != "img-cn-bj2" || later.ImageSet[0].Features[0] != "NetEnhanced" ||
			len(later.ImageSet) != 2 || later.ImageSet[1].ImageID != "uimage-2" {
			t.Errorf("later call sees a mutated value: %+v", later.ImageSet)
		}
		// And the cached value is also the later caller's own.
		later.ImageSet[0].Features[0] = "again"
		again, err := c.DescribeUK8SImage(t.Context(), &r)
		if err != nil {
			t.Fatalf("third call: %v", err)
		}
		if again.ImageSet[0].Features[0] != "NetEnhanced" {
			t.Errorf("a cached answer was shared: Features = %v", again.ImageSet[0].Features)
		}
	})

	t.Run("different parameter sends a new request", func(t *testing.T) {
		for i, r := range []DescribeUK8SImageRequest{
			{Region: "cn-sh2", Zone: "cn-bj2-02"},
			{Region: "cn-bj2", Zone: "cn-bj2-02", MachineType: "G"},
			{Region: "cn-bj2"},
		} {
			resp, err := c.DescribeUK8SImage(t.Context(), &r)
			if err != nil {
				t.Fatalf("call %v: %v", r, err)
			}
			if want := "img-" + r.Region; resp.ImageSet[0].ImageName != want {
				t.Errorf("call %v got ImageName %q, want %q", r, resp.ImageSet[0].ImageName, want)
			}
			if got, want := hits.Load(), int32(2+i); got != want {
				t.Errorf("after call %v the server saw %d requests, want %d", r, got, want)
			}
		}
	})
}

func TestCacheDoesNotKeepErrors(t *testing.T) {
	t.Parallel()

	// The first request fails permanently, the rest succeed.
	hits, url := countingUK8SServer(t, 0, func(n int32) bool { return n == 1 })
	c := newTestClient(t, url, nil)
	req := &DescribeUK8SImageRequest{Region: "cn-bj2"}

	_, err := c.DescribeUK8SImage(t.Context(), req)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.RetCode != 230 {
		t.Fatalf("first call: error %v, want RetCode 230", err)
	}
	resp, err := c.DescribeUK8SImage(t.Context(), req)
	if err != nil {
		t.Fatalf("second call: %v (an error answer was reused)", err)
	}
	if len(resp.ImageSet) != 2 {
		t.Errorf("second call got %+v", resp)
	}
	if got := hits.Load(); got != 2 {
		t.Errorf("server saw %d requests, want 2 (the error must not be cached)", got)
	}
	// The success is cached.
	if _, err := c.DescribeUK8SImage(t.Context(), req); err != nil {
		t.Fatalf("third call: %v", err)
	}
	if got := hits.Load(); got != 2 {
		t.Errorf("server saw %d requests after a third identical call, want still 2", got)
	}
}

func TestCacheConcurrentErrorsNotKept(t *testing.T) {
	t.Parallel()

	// Concurrent identical callers may share one failing request, but the
	// next call after it must go to the server again.
	hits, url := countingUK8SServer(t, 50*time.Millisecond, func(n int32) bool { return n == 1 })
	c := newTestClient(t, url, nil)

	var wg sync.WaitGroup
	var failures atomic.Int32
	for range 10 {
		wg.Go(func() {
			if _, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Zone: "z"}); err != nil {
				failures.Add(1)
			}
		})
	}
	wg.Wait()
	if failures.Load() == 0 {
		t.Fatalf("no caller saw the first request's error")
	}
	before := hits.Load()
	if _, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Zone: "z"}); err != nil {
		t.Fatalf("call after the failure: %v", err)
	}
	// When every concurrent caller shared the one failing request, the
	// next call must have been sent anew.
	if before == 1 && hits.Load() != 2 {
		t.Errorf("server saw %d requests after the shared failure, want 2", hits.Load())
	}
}

func TestCachePerClient(t *testing.T) {
	t.Parallel()

	hits, url := countingUK8SServer(t, 0, nil)
	a := newTestClient(t, url, nil)
	b := newTestClient(t, url, nil)
	for _, c := range []*Client{a, b, a, b} {
		if _, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Region: "r"}); err != nil {
			t.Fatal(err)
		}
	}
	if got := hits.Load(); got != 2 {
		t.Errorf("server saw %d requests for two clients, want 2 (one each)", got)
	}
}

// TestCacheCallerCancellationDoesNotFailOthers checks that when the caller
// whose request is in flight gives up, the others sharing it still get the
// answer, from the one request.
func TestCacheCallerCancellationDoesNotFailOthers(t *testing.T) {
	t.Parallel()

	hits, url := countingUK8SServer(t, 200*time.Millisecond, nil)
	c := newTestClient(t, url, nil)
	req := &DescribeUK8SImageRequest{Region: "cn-bj2"}

	leaderCtx, cancel := context.WithCancel(t.Context())
	leaderErr := make(chan error, 1)
	go func() {
		_, err := c.DescribeUK8SImage(leaderCtx, req)
		leaderErr <- err
	}()
	for hits.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	followerErr := make(chan error, 1)
	go func() {
		_, err := c.DescribeUK8SImage(t.Context(), req)
		followerErr <- err
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()

	if err := <-leaderErr; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled caller: error %v, want context.Canceled", err)
	}
	if err := <-followerErr; err != nil {
		t.Errorf("other caller: %v, want the shared answer", err)
	}
	if got := hits.Load(); got != 1 {
		t.Errorf("server saw %d requests, want 1", got)
	}
}

// TestCacheLastWaiterLeavingCancelsTheCall checks that when every caller
// waiting for a call gives up, the request is cancelled and not retried,
// and that a later identical call starts afresh instead of joining it.
func TestCacheLastWaiterLeavingCancelsTheCall(t *testing.T) {
	t.Parallel()

	var hits atomic.Int32
	abandoned := make(chan struct{})
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			hangUntilClientGoesAway(r)
			if r.Context().Err() != nil {
				close(abandoned)
			}
			retCodeFault(150)(w)
			return
		}
		writeJSON(w, http.StatusOK, "", `{"RetCode":0,"Action":"DescribeUK8SImageResponse","ImageSet":[{"ImageId":"uimage-1"}]}`)
	})
	c := newTestClient(t, srv.URL, nil)
	req := &DescribeUK8SImageRequest{Region: "cn-bj2"}

	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if _, err := c.DescribeUK8SImage(ctx, req); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("abandoned call: error %v, want context.DeadlineExceeded", err)
	}
	select {
	case <-abandoned:
	case <-time.After(3 * time.Second):
		t.Fatal("the request in flight was not cancelled when its only caller left")
	}

	resp, err := c.DescribeUK8SImage(t.Context(), req)
	if err != nil {
		t.Fatalf("later call: %v", err)
	}
	if len(resp.ImageSet) != 1 {
		t.Errorf("later call got %+v", resp)
	}
	if got := hits.Load(); got != 2 {
		t.Errorf("server saw %d requests, want 2 (the abandoned one, not retried, and the later one)", got)
	}
}
