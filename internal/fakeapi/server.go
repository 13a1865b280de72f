// Package fakeapi is an in-memory imitation of the parts of the UCloud API
// the provider uses (DescribePHostImage and DescribeUK8SImage).
//
// Acceptance tests mount it with httptest.NewServer; the demo and the
// benchmarks run it as a process (internal/cmd/fakeapi). It checks
// signatures with its own implementation of the published algorithm, keeps
// a log of every request, can inject faults (API error codes, gateway
// pages, truncated bodies, dropped connections, delays) and can limit the
// request rate (a window of refusals, a token bucket). The shipped
// provider never imports it.
package fakeapi

import (
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Credentials and location of the default data set.
const (
	// PublicKey is the public key of the only account the fake knows.
	PublicKey = "fake-public-key"
	// PrivateKey is the private key that signs requests for PublicKey.
	PrivateKey = "fake-private-key"
	// Region is the region of the default data set used by demos and tests.
	Region = "cn-bj2"
	// Zone is the zone that holds 137 bare-metal images in the default data set.
	Zone = "cn-bj2-02"
)

// Server is the fake API. It implements http.Handler and is safe for
// concurrent use.
type Server struct {
	// keys maps public keys to private keys. It is fixed after New; tests
	// inside the package replace it to check the published vectors.
	keys map[string]string

	mu          sync.Mutex // guards everything below
	phost       []PHostImage
	uk8s        []UK8SImage
	maxPageSize int
	latency     time.Duration
	hook        func(*Server, Request)
	ignored     []string
	requests    []Request
	faults      []*queuedFault
	throttle    throttling
}

// New returns a server holding the default data set (see dataset_phost.go
// and dataset_uk8s.go) and the single account PublicKey/PrivateKey.
func New() *Server {
	return &Server{
		keys:  map[string]string{PublicKey: PrivateKey},
		phost: defaultPHostImages(),
		uk8s:  defaultUK8SImages(),
	}
}

// SetMaxPageSize caps how many images one DescribePHostImage answer holds,
// whatever Limit asks for, imitating a server that ignores Limit. Zero
// removes the cap.
func (s *Server) SetMaxPageSize(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.maxPageSize = max(n, 0)
}

// SetLatency adds d before every response. A request whose context ends
// first gets no answer.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = max(d, 0)
}

// IgnoreParams makes the handlers act as if the named parameters were not
// sent (they are still signed and recorded), imitating an API that does
// not filter on them, e.g. IgnoreParams("GPUType"). No names clears it.
func (s *Server) IgnoreParams(names ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ignored = append([]string(nil), names...)
}

// OnRequest installs hook, called for every request after it is recorded and
// before it is answered (nil removes it). The hook runs without any lock
// held, so it may call any Server method, e.g. SetPHostImages to change the
// data between two pages of a listing.
func (s *Server) OnRequest(hook func(s *Server, req Request)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hook = hook
}

// ServeHTTP records the request, runs the hook, refuses it if rate limited,
// applies a queued fault or the configured latency, and answers like the
// UCloud API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	params := readParams(r)
	req := Request{Action: params.Get("Action"), Params: params, Received: time.Now()}
	s.record(req)

	s.mu.Lock()
	hook := s.hook
	s.mu.Unlock()
	if hook != nil {
		hook(s, req.clone())
	}

	ctx := r.Context()
	if s.refuses(req.Received) {
		// The gateway refuses at once, before any latency of the service.
		w.Header().Set("X-UCLOUD-REQUEST-UUID", newUUID())
		writeJSON(w, http.StatusOK, apiError(req.Action, retCodeRateLimited, ""))
		return
	}
	f, faulted := s.takeFault(req)
	if faulted && !sleep(ctx, f.Delay) {
		return
	}
	s.mu.Lock()
	latency := s.latency
	s.mu.Unlock()
	if !sleep(ctx, latency) {
		return
	}

	w.Header().Set("X-UCLOUD-REQUEST-UUID", newUUID())
	if faulted && answerFault(w, req, f) {
		return
	}
	writeJSON(w, http.StatusOK, s.answer(req.Action, params))
}

// answer runs the common checks in the order the API applies them, then the
// action's handler.
func (s *Server) answer(action string, params url.Values) any {
	if action == "" {
		return apiError("", 160, "")
	}
	if params.Get("Signature") == "" {
		return apiError(action, 170, "")
	}
	priv, ok := s.keys[params.Get("PublicKey")]
	if !ok {
		return apiError(action, 172, "")
	}
	if !verify(params, priv) {
		return apiError(action, 171, "")
	}
	handle, ok := handlers[action]
	if !ok {
		return apiError(action, 161, "")
	}
	s.mu.Lock()
	for _, name := range s.ignored {
		params.Del(name)
	}
	s.mu.Unlock()
	return handle(s, action, params)
}

// handlers maps each Action the fake offers to its implementation.
var handlers = map[string]func(s *Server, action string, params url.Values) any{
	"DescribePHostImage": describePHostImage,
	"DescribeUK8SImage":  describeUK8SImage,
}

// cloneAll deep-copies a data set, so callers and the server never share
// the images' slices.
func cloneAll[T interface{ clone() T }](images []T) []T {
	out := make([]T, len(images))
	for i, img := range images {
		out[i] = img.clone()
	}
	return out
}
