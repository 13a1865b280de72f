package client

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"
)

// Credentials of the published signature test vectors, reused by every test.
const (
	testPublicKey  = "ucloudsomeone@example.com1296235120854146120"
	testPrivateKey = "46f09bb9fab4f12dfc160dae12273d5332b5debe"
)

// tinyBackoff keeps retry tests fast.
var tinyBackoff = backoffPolicy{base: time.Millisecond, max: 5 * time.Millisecond, maxRetryAfter: 50 * time.Millisecond}

// fastThrottle paces refusals at 200 requests/s, so that tests about other
// things are not held to the real one request per second.
var fastThrottle = throttlePolicy{floor: 200, decrease: 0.7, increase: 4, unlimitedAbove: 500}

// newTestServer starts an httptest server for handler and closes it when the
// test ends.
func newTestServer(t *testing.T, handler http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return srv
}

// newTestClient returns a client for baseURL with the test credentials and
// the tiny backoff and fast throttle policies; mod may adjust the config before New.
func newTestClient(t *testing.T, baseURL string, mod func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		BaseURL:        baseURL,
		PublicKey:      testPublicKey,
		PrivateKey:     testPrivateKey,
		MaxRetries:     3,
		RetryTimeout:   5 * time.Second,
		RequestTimeout: 5 * time.Second,
		UserAgent:      "client-test/1.0",
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	c.backoff = tinyBackoff
	c.throttle = newThrottle(fastThrottle)
	return c
}

// readForm parses the request's form body, failing the handler's test on error.
func readForm(t *testing.T, r *http.Request) url.Values {
	t.Helper()
	if err := r.ParseForm(); err != nil {
		t.Errorf("server: parsing form: %v", err)
		return url.Values{}
	}
	return r.PostForm
}

// writeJSON answers with a JSON body and a request UUID.
func writeJSON(w http.ResponseWriter, status int, uuid, body string) {
	w.Header().Set("Content-Type", "application/json")
	if uuid != "" {
		w.Header().Set("X-UCLOUD-REQUEST-UUID", uuid)
	}
	w.WriteHeader(status)
	_, _ = fmt.Fprint(w, body) //nolint:gosec // A test server writing the test's own body.
}

// hijackAndClose drops the connection without any answer.
func hijackAndClose(t *testing.T, w http.ResponseWriter) {
	t.Helper()
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Errorf("server: response writer cannot hijack")
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		t.Errorf("server: hijack: %v", err)
		return
	}
	_ = conn.Close()
}

// logLine is one line a recordingLogger saw.
type logLine struct {
	level  string
	msg    string
	fields map[string]any
}

// recordingLogger keeps every line; safe for concurrent use.
type recordingLogger struct {
	mu    sync.Mutex
	lines []logLine
}

func (l *recordingLogger) add(level, msg string, fields map[string]any) {
	cp := make(map[string]any, len(fields))
	for k, v := range fields {
		cp[k] = v
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, logLine{level: level, msg: msg, fields: cp})
}

func (l *recordingLogger) Debug(_ context.Context, msg string, fields map[string]any) {
	l.add("debug", msg, fields)
}

func (l *recordingLogger) Trace(_ context.Context, msg string, fields map[string]any) {
	l.add("trace", msg, fields)
}

func (l *recordingLogger) snapshot() []logLine {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]logLine(nil), l.lines...)
}

// uk8sOK is a minimal successful DescribeUK8SImage answer.
const uk8sOK = `{"RetCode":0,"Action":"DescribeUK8SImageResponse","ImageSet":[{"ZoneId":1,"ImageId":"uimage-1","ImageName":"Ubuntu 22.04","Features":["NetEnhanced"]}]}`

// apiErrorBody is a failed answer with the given RetCode.
func apiErrorBody(action string, retCode int, msg string) string {
	return fmt.Sprintf(`{"RetCode":%d,"Action":"%sResponse","Message":%q}`, retCode, action, msg)
}
