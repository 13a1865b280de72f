package fakeapi

import (
	"fmt"
	"net/http"
	"time"
)

// Fault is a failure to inject. Faults wait in a queue; each request takes
// the first queued fault whose Action and Match fit it, and that fault's
// remaining Times goes down by one (it leaves the queue at zero). A faulted
// request is recorded like any other.
//
// What the faulted request gets, in order of precedence: DropConnection;
// else Body with HTTPStatus (200 if unset); else RetCode as a JSON API error
// with HTTPStatus (200 if unset); else an HTML error page with HTTPStatus;
// else, for a fault with only Delay or RetryAfter, the normal answer.
type Fault struct {
	// Action limits the fault to one Action; "" fits any request.
	Action string
	// Match, if set, must also accept the request.
	Match func(Request) bool
	// Times is how many requests the fault hits; 0 means 1.
	Times int
	// RetCode answers HTTP 200 with {"RetCode":N,"Action":"<Action>Response","Message":…}.
	RetCode int
	// HTTPStatus answers this status; without Body or RetCode the body is an
	// HTML error page like a gateway's.
	HTTPStatus int
	// Body is sent verbatim, e.g. truncated JSON with HTTPStatus 200.
	Body string
	// ContentType overrides the Content-Type header. The default is
	// text/html for HTTP error pages and bodies sent with an error status,
	// application/json otherwise.
	ContentType string
	// RetryAfter, if set, is sent as the Retry-After header.
	RetryAfter string
	// DropConnection closes the connection without answering.
	DropConnection bool
	// Delay is waited first (giving up if the request's context ends), then
	// the request is answered normally or as the other fields say.
	Delay time.Duration
}

// queuedFault is a fault with its remaining count.
type queuedFault struct {
	f    Fault
	left int
}

// AddFault queues f behind the faults already queued.
func (s *Server) AddFault(f Fault) {
	left := f.Times
	if left <= 0 {
		left = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &queuedFault{f: f, left: left})
}

// PendingFaults returns how many faulted requests are still to come: the sum
// of the remaining Times of every queued fault (0 once all were used).
func (s *Server) PendingFaults() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, q := range s.faults {
		n += q.left
	}
	return n
}

// takeFault removes one use of the first queued fault that fits req.
//
// Match runs without the lock held so that it may call Server methods; the
// chosen fault is then claimed under the lock, and if a concurrent request
// used it up in between, the search starts again.
func (s *Server) takeFault(req Request) (Fault, bool) {
	for {
		s.mu.Lock()
		queue := append([]*queuedFault(nil), s.faults...)
		s.mu.Unlock()

		var chosen *queuedFault
		for _, q := range queue {
			if q.f.Action != "" && q.f.Action != req.Action {
				continue
			}
			if q.f.Match != nil && !q.f.Match(req.clone()) {
				continue
			}
			chosen = q
			break
		}
		if chosen == nil {
			return Fault{}, false
		}

		s.mu.Lock()
		if chosen.left > 0 {
			chosen.left--
			if chosen.left == 0 {
				s.removeFault(chosen)
			}
			s.mu.Unlock()
			return chosen.f, true
		}
		s.mu.Unlock()
	}
}

// removeFault drops q from the queue; s.mu must be held.
func (s *Server) removeFault(q *queuedFault) {
	for i, x := range s.faults {
		if x == q {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
			return
		}
	}
}

// answerFault writes the faulty answer f describes. It reports false when f
// only delays (or only sets Retry-After) and the request must be answered
// normally.
func answerFault(w http.ResponseWriter, req Request, f Fault) bool {
	if f.DropConnection {
		dropConnection(w)
		return true
	}
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	status := f.HTTPStatus
	if status == 0 {
		status = http.StatusOK
	}
	switch {
	case f.Body != "":
		ct := "application/json"
		if status != http.StatusOK {
			ct = "text/html"
		}
		writeRaw(w, status, orDefault(f.ContentType, ct), f.Body)
	case f.RetCode != 0:
		writeJSONAs(w, status, orDefault(f.ContentType, "application/json"), apiError(req.Action, f.RetCode, ""))
	case f.HTTPStatus != 0:
		writeRaw(w, status, orDefault(f.ContentType, "text/html"), gatewayPage(status))
	default:
		return false
	}
	return true
}

// dropConnection closes the client's connection without an answer. Hijack
// works on HTTP/1.x; elsewhere the standard abort panic resets the stream.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close() // closing is the point; its error is irrelevant
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// writeRaw answers body verbatim with the given status and type.
func writeRaw(w http.ResponseWriter, status int, contentType, body string) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// gatewayPage is the HTML a load balancer in front of the API answers with.
func gatewayPage(status int) string {
	title := fmt.Sprintf("%d %s", status, http.StatusText(status))
	return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title +
		"</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
}

func orDefault(s, def string) string {
	if s != "" {
		return s
	}
	return def
}
