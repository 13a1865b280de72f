package fakeapi

import (
	"net/url"
	"time"
)

// Request is one recorded call.
type Request struct {
	// Action is the Action parameter ("" when missing).
	Action string
	// Params are the decoded form and query parameters exactly as received,
	// Signature included.
	Params url.Values
	// Received is when the request reached the handler.
	Received time.Time
}

// clone returns a deep copy so callers cannot change the log.
func (r Request) clone() Request {
	r.Params = cloneValues(r.Params)
	return r
}

func cloneValues(v url.Values) url.Values {
	if v == nil {
		return nil
	}
	out := make(url.Values, len(v))
	for name, vs := range v {
		out[name] = append([]string(nil), vs...)
	}
	return out
}

// record appends req to the log.
func (s *Server) record(req Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, req.clone())
}

// Requests returns a copy of every request that reached the handler, in
// arrival order, including faulted and rejected ones.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		out[i] = r.clone()
	}
	return out
}

// RequestCount returns how many recorded requests had the given Action; ""
// counts all of them.
func (s *Server) RequestCount(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if action == "" {
		return len(s.requests)
	}
	n := 0
	for _, r := range s.requests {
		if r.Action == action {
			n++
		}
	}
	return n
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}
