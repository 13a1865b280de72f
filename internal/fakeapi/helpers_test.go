package fakeapi

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// start serves a fresh default server for the test.
func start(t *testing.T) (*Server, string) {
	t.Helper()
	s := New()
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts.URL
}

// form builds parameters from name, value pairs.
func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// signed adds PublicKey (unless present) and a correct Signature.
func signed(v url.Values) url.Values {
	v = cloneValues(v)
	if _, ok := v["PublicKey"]; !ok {
		v.Set("PublicKey", PublicKey)
	}
	v.Set("Signature", sign(v, PrivateKey))
	return v
}

// reply is a response read in full.
type reply struct {
	StatusCode int
	Header     http.Header
}

// post sends v as a form body and returns the response with its body read
// (and closed).
func post(ctx context.Context, base string, v url.Values) (reply, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base, strings.NewReader(v.Encode()))
	if err != nil {
		return reply{}, nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return do(req)
}

// do sends req and reads the whole answer.
func do(req *http.Request) (reply, []byte, error) {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return reply{}, nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	return reply{StatusCode: resp.StatusCode, Header: resp.Header}, body, err
}

// call posts v and decodes the JSON answer into a generic map, failing the
// test on transport errors or a non-200 status.
func call(t *testing.T, base string, v url.Values) map[string]any {
	t.Helper()
	resp, body, err := post(t.Context(), base, v)
	if err != nil {
		t.Fatalf("POST: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, body %s", resp.StatusCode, body)
	}
	var out map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return out
}

// callInto posts v and decodes the JSON answer into out.
func callInto(t *testing.T, base string, v url.Values, out any) {
	t.Helper()
	resp, body, err := post(t.Context(), base, v)
	if err != nil {
		t.Fatalf("POST: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, body %s", resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, out); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
}

// retCode reads RetCode from a decoded answer.
func retCode(t *testing.T, m map[string]any) int {
	t.Helper()
	f, ok := m["RetCode"].(float64)
	if !ok {
		t.Fatalf("no numeric RetCode in %v", m)
	}
	return int(f)
}
