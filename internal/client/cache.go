package client

import (
	"context"
	"sync"
	"sync/atomic"
)

// responseCache lets identical reads within one provider process share one
// API call: concurrent callers wait for the call in flight, later callers
// reuse its body. Only successful bodies are kept; errors are never cached.
// Bodies are immutable bytes, so every caller decodes a value of its own.
//
// NOTE: golang.org/x/sync/singleflight does not fit here: it runs the call
// on the first caller's context, so that caller giving up (e.g. a listing
// whose other page failed) fails everyone waiting, and it cannot tell when
// the last waiter has left. Here a call runs on a context of its own that
// is cancelled when its last waiter leaves.
type responseCache struct {
	mu      sync.Mutex
	bodies  map[string][]byte
	flights map[string]*flight
}

// flight is one call in progress and the callers waiting for it.
type flight struct {
	done    chan struct{}
	cancel  context.CancelFunc
	waiters int
	// result and err are set before done is closed.
	result *sharedResponse
	err    error
}

// sendFunc makes an API call and returns the raw body and the value decoded
// from it.
type sendFunc func(ctx context.Context) ([]byte, any, error)

func newResponseCache() *responseCache {
	return &responseCache{bodies: make(map[string][]byte), flights: make(map[string]*flight)}
}

// put keeps body as the answer for key.
func (rc *responseCache) put(key string, body []byte) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.bodies[key] = body
}

// shared returns the kept answer for key (reused is true), or waits for the
// call in flight for key, starting it if there is none. A caller whose ctx
// ends stops waiting at once; the call goes on for the others.
func (rc *responseCache) shared(ctx context.Context, key string, send sendFunc) (resp *sharedResponse, reused bool, err error) {
	rc.mu.Lock()
	if body, ok := rc.bodies[key]; ok {
		rc.mu.Unlock()
		return &sharedResponse{body: body}, true, nil
	}
	f := rc.flights[key]
	if f == nil {
		f = rc.start(ctx, key, send)
	}
	f.waiters++
	rc.mu.Unlock()

	select {
	case <-f.done:
		return f.result, false, f.err
	case <-ctx.Done():
		rc.leave(key, f)
		return nil, false, ctx.Err()
	}
}

// start launches the call for key on a context that keeps ctx's values
// (loggers) but not its cancellation. rc.mu must be held.
func (rc *responseCache) start(ctx context.Context, key string, send sendFunc) *flight {
	callCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	f := &flight{done: make(chan struct{}), cancel: cancel}
	rc.flights[key] = f
	go func() {
		defer cancel()
		body, decoded, err := send(callCtx)
		rc.mu.Lock()
		if rc.flights[key] == f {
			delete(rc.flights, key)
		}
		if err == nil {
			rc.bodies[key] = body
			f.result = &sharedResponse{body: body, decoded: decoded}
		}
		f.err = err
		rc.mu.Unlock()
		close(f.done)
	}()
	return f
}

// leave records that a waiter gave up. The last one to leave cancels the
// call, and a caller that comes later starts a new one.
func (rc *responseCache) leave(key string, f *flight) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	f.waiters--
	if f.waiters > 0 {
		return
	}
	f.cancel()
	if rc.flights[key] == f {
		delete(rc.flights, key)
	}
}

// sharedResponse is what one call hands to all its waiters: the raw body,
// plus the value the sender already decoded, which exactly one caller may
// claim to save a second decode.
type sharedResponse struct {
	body    []byte
	decoded any
	claimed atomic.Bool
}

// claim returns the decoded value to the first caller only.
func (s *sharedResponse) claim() (any, bool) {
	if s.decoded != nil && s.claimed.CompareAndSwap(false, true) {
		return s.decoded, true
	}
	return nil, false
}
