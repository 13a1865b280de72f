package provider

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// countingRead is a read that counts its calls, waits for release (nil:
// not at all), and fails when fail says so for the call's number (1-based).
type countingRead struct {
	calls   atomic.Int32
	release chan struct{}
	fail    func(n int32) bool
	// cancelled counts reads whose context ended before release.
	cancelled atomic.Int32
}

var errTestRead = errors.New("test read failed")

func (r *countingRead) read(ctx context.Context) (string, error) {
	n := r.calls.Add(1)
	if r.release != nil {
		select {
		case <-r.release:
		case <-ctx.Done():
			r.cancelled.Add(1)
			return "", ctx.Err()
		}
	}
	if r.fail != nil && r.fail(n) {
		return "", errTestRead
	}
	return "listing", nil
}

func TestShareRead_concurrentAndLaterCallersShareOneRead(t *testing.T) {
	s := newSharedReads()
	r := &countingRead{release: make(chan struct{})}
	const callers = 20
	var wg sync.WaitGroup
	errs := make([]error, callers)
	values := make([]string, callers)
	for i := range callers {
		wg.Go(func() { values[i], errs[i] = shareRead(t.Context(), s, "q", r.read) })
	}
	time.Sleep(50 * time.Millisecond) // let every caller join the flight
	close(r.release)
	wg.Wait()
	for i := range callers {
		if errs[i] != nil || values[i] != "listing" {
			t.Fatalf("caller %d: %q, %v", i, values[i], errs[i])
		}
	}
	if v, err := shareRead(t.Context(), s, "q", r.read); err != nil || v != "listing" {
		t.Fatalf("later caller: %q, %v", v, err)
	}
	if n := r.calls.Load(); n != 1 {
		t.Errorf("%d reads for %d concurrent and one later identical look-up, want 1", n, callers)
	}
	if _, err := shareRead(t.Context(), s, "other query", r.read); err != nil {
		t.Fatal(err)
	}
	if n := r.calls.Load(); n != 2 {
		t.Errorf("another query made %d reads in all, want 2", n)
	}
}

func TestShareRead_errorsAreNotKept(t *testing.T) {
	s := newSharedReads()
	r := &countingRead{fail: func(n int32) bool { return n == 1 }}
	if _, err := shareRead(t.Context(), s, "q", r.read); !errors.Is(err, errTestRead) {
		t.Fatalf("first read: %v, want the read's error", err)
	}
	if v, err := shareRead(t.Context(), s, "q", r.read); err != nil || v != "listing" {
		t.Fatalf("second read: %q, %v; want a new, successful read", v, err)
	}
	if n := r.calls.Load(); n != 2 {
		t.Errorf("%d reads, want 2", n)
	}
}

func TestShareRead_concurrentCallersShareAnErrorOnce(t *testing.T) {
	s := newSharedReads()
	r := &countingRead{release: make(chan struct{}), fail: func(n int32) bool { return n == 1 }}
	var wg sync.WaitGroup
	errs := make([]error, 5)
	for i := range errs {
		wg.Go(func() { _, errs[i] = shareRead(t.Context(), s, "q", r.read) })
	}
	time.Sleep(50 * time.Millisecond)
	close(r.release)
	wg.Wait()
	for i, err := range errs {
		if !errors.Is(err, errTestRead) {
			t.Errorf("caller %d: %v, want the shared error", i, err)
		}
	}
	if _, err := shareRead(t.Context(), s, "q", r.read); err != nil {
		t.Errorf("after the failure: %v, want a new read", err)
	}
}

func TestShareRead_callerLeavingDoesNotFailOthers(t *testing.T) {
	s := newSharedReads()
	r := &countingRead{release: make(chan struct{})}
	leaving, cancel := context.WithCancel(t.Context())
	left := make(chan error, 1)
	go func() { _, err := shareRead(leaving, s, "q", r.read); left <- err }()
	time.Sleep(20 * time.Millisecond)
	stayed := make(chan error, 1)
	go func() { _, err := shareRead(t.Context(), s, "q", r.read); stayed <- err }()
	time.Sleep(20 * time.Millisecond)

	cancel()
	if err := <-left; !errors.Is(err, context.Canceled) {
		t.Fatalf("the caller that left got %v, want context.Canceled", err)
	}
	close(r.release)
	if err := <-stayed; err != nil {
		t.Fatalf("the caller that stayed got %v", err)
	}
	if n := r.calls.Load(); n != 1 {
		t.Errorf("%d reads, want 1", n)
	}
}

func TestShareRead_lastCallerLeavingCancelsTheRead(t *testing.T) {
	s := newSharedReads()
	r := &countingRead{release: make(chan struct{})}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { _, err := shareRead(ctx, s, "q", r.read); done <- err }()
	time.Sleep(20 * time.Millisecond)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for r.cancelled.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if r.cancelled.Load() != 1 {
		t.Fatal("the abandoned read's context was not cancelled")
	}
	// A later caller starts a read of its own rather than joining the
	// abandoned one.
	close(r.release)
	if v, err := shareRead(t.Context(), s, "q", r.read); err != nil || v != "listing" {
		t.Fatalf("later caller: %q, %v", v, err)
	}
	if n := r.calls.Load(); n != 2 {
		t.Errorf("%d reads, want 2", n)
	}
}

func TestReadKey_wholeQuery(t *testing.T) {
	base := client.DescribePHostImageRequest{Region: "cn-bj2", Zone: "cn-bj2-02", ImageType: "Base"}
	variants := []client.DescribePHostImageRequest{
		{Region: "cn-bj2", Zone: "cn-bj2-02"},
		{Region: "cn-bj2", Zone: "cn-bj2-03", ImageType: "Base"},
		{Region: "cn-bj2", Zone: "cn-bj2-02", ImageType: "Base", ProjectID: "org-1"},
		{Region: "cn-bj2", Zone: "cn-bj2-02", ImageType: "Base", MachineType: "Storage-HDD-2"},
		{Region: "cn-bj2", Zone: "cn-bj2-02", ImageType: "Base", ImageIDs: []string{"pimg-1"}},
	}
	key := readKey(client.ActionDescribePHostImage, base)
	if same := base; readKey(client.ActionDescribePHostImage, same) != key {
		t.Error("equal requests give different keys")
	}
	for _, v := range variants {
		if readKey(client.ActionDescribePHostImage, v) == key {
			t.Errorf("%+v shares the key of %+v", v, base)
		}
	}
	if readKey(client.ActionDescribeUK8SImage, client.DescribeUK8SImageRequest{Region: "cn-bj2", Zone: "cn-bj2-02"}) ==
		readKey(client.ActionDescribePHostImage, client.DescribePHostImageRequest{Region: "cn-bj2", Zone: "cn-bj2-02"}) {
		t.Error("two actions share a key")
	}
}
