package client

import (
	"context"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/singleflight"
)

// responseCache lets identical reads within one provider process share one
// API call: concurrent callers wait for the call in flight, later callers
// reuse its body. Only successful bodies are kept; errors are never cached.
// Bodies are immutable bytes, so every caller decodes a value of its own.
type responseCache struct {
	inFlight singleflight.Group

	mu     sync.RWMutex
	bodies map[string][]byte
}

func newResponseCache() *responseCache {
	return &responseCache{bodies: make(map[string][]byte)}
}

func (rc *responseCache) get(key string) ([]byte, bool) {
	rc.mu.RLock()
	defer rc.mu.RUnlock()
	body, ok := rc.bodies[key]
	return body, ok
}

func (rc *responseCache) put(key string, body []byte) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.bodies[key] = body
}

// shared runs send once for all concurrent callers of key, re-checking the
// cache inside the call so a caller that just missed a finished call does
// not send again. The call runs without the first caller's cancellation,
// so one caller giving up (e.g. a listing whose other page failed) does not
// fail the others; each caller still stops waiting when its own ctx ends.
// Every attempt remains bounded by request_timeout and max_retries.
func (rc *responseCache) shared(ctx context.Context, key string, send func(context.Context) (any, error)) (any, error) {
	ch := rc.inFlight.DoChan(key, func() (any, error) {
		if body, ok := rc.get(key); ok {
			return &sharedResponse{body: body}, nil
		}
		return send(context.WithoutCancel(ctx))
	})
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-ch:
		return r.Val, r.Err
	}
}

// sharedResponse is what one in-flight call hands to all its waiters: the
// raw body, plus the value the sender already decoded, which exactly one
// caller may claim to save a second decode.
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
