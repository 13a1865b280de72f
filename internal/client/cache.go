package client

import (
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
	if s.claimed.CompareAndSwap(false, true) {
		return s.decoded, true
	}
	return nil, false
}
