package client

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// countingServer counts the requests it receives and answers uk8sOK.
func countingServer(t *testing.T) (*atomic.Int32, *httptest.Server) {
	t.Helper()
	var hits atomic.Int32
	srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		writeJSON(w, http.StatusOK, "", uk8sOK)
	})
	return &hits, srv
}

// TestRedirectsAreNeverFollowed checks that each redirect status ends the
// call after one request, names the target and sends it nothing.
func TestRedirectsAreNeverFollowed(t *testing.T) {
	t.Parallel()
	for _, status := range []int{301, 302, 303, 307, 308} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			targetHits, target := countingServer(t)
			var hits atomic.Int32
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				w.Header().Set("X-UCLOUD-REQUEST-UUID", "uuid-redirect")
				http.Redirect(w, r, target.URL+"/elsewhere", status)
			})
			c := newTestClient(t, srv.URL, nil)
			_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Region: "cn-bj2"})
			var redirect *RedirectError
			if !errors.As(err, &redirect) {
				t.Fatalf("error %v (%T), want a *RedirectError", err, err)
			}
			if redirect.StatusCode != status || redirect.Location != target.URL+"/elsewhere" {
				t.Errorf("RedirectError = %+v, want status %d to %s/elsewhere", redirect, status, target.URL)
			}
			if n := hits.Load(); n != 1 {
				t.Errorf("base_url saw %d requests, want 1 (a redirect is final)", n)
			}
			if n := targetHits.Load(); n != 0 {
				t.Errorf("the redirect target saw %d requests, want none", n)
			}
			for _, want := range []string{"HTTP " + fmt.Sprint(status), target.URL + "/elsewhere", "set base_url (UCLOUD_BASE_URL) to it", "uuid-redirect", "never follows redirects"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
		})
	}
}

func TestRedirectLocation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, location, wantLocation, wantAdvice string
	}{
		{name: "relative", location: "/v2/", wantLocation: "BASE/v2/", wantAdvice: "if BASE/v2/ is the UCloud API endpoint, set base_url"},
		{name: "https upgrade", location: "https://api.example.test/", wantLocation: "https://api.example.test/", wantAdvice: "if https://api.example.test/ is the UCloud API endpoint"},
		{name: "password redacted", location: "http://user:hunter2@api.example.test/x?y=1", //nolint:gosec // G101: a made-up password, to show it is redacted.
			wantLocation: "http://xxxxx@api.example.test/x?y=1", wantAdvice: "if http://api.example.test/x is the UCloud API endpoint"},
		{name: "no Location", location: "", wantLocation: "", wantAdvice: "without a Location"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
				if tt.location != "" {
					w.Header().Set("Location", tt.location)
				}
				w.WriteHeader(http.StatusFound)
			})
			c := newTestClient(t, srv.URL, nil)
			_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{})
			var redirect *RedirectError
			if !errors.As(err, &redirect) {
				t.Fatalf("error %v, want a *RedirectError", err)
			}
			if want := strings.ReplaceAll(tt.wantLocation, "BASE", srv.URL); redirect.Location != want {
				t.Errorf("Location = %q, want %q", redirect.Location, want)
			}
			if want := strings.ReplaceAll(tt.wantAdvice, "BASE", srv.URL); !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error %q shows the Location's password", err)
			}
		})
	}
}

// TestCallerHTTPClientKeepsItsPolicy checks that refusing redirects does
// not change an http.Client the caller passed in.
func TestCallerHTTPClientKeepsItsPolicy(t *testing.T) {
	t.Parallel()
	own := &http.Client{}
	srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", "/x")
		w.WriteHeader(http.StatusMovedPermanently)
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.HTTPClient = own })
	var redirect *RedirectError
	if _, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{}); !errors.As(err, &redirect) {
		t.Fatalf("error %v, want a *RedirectError", err)
	}
	if own.CheckRedirect != nil {
		t.Error("the caller's http.Client had its redirect policy changed")
	}
}

// TestAnswerForAnotherAction checks that an answer naming another Action
// is refused, once, quoting what came back.
func TestAnswerForAnotherAction(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		writeJSON(w, http.StatusOK, "uuid-foreign", `{"RetCode":0,"Action":"DescribePHostImageResponse","ImageSet":[{"ImageId":"pimg-1"}]}`)
	})
	c := newTestClient(t, srv.URL, nil)
	resp, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{})
	var httpErr *HTTPError
	if !errors.As(err, &httpErr) {
		t.Fatalf("got %+v, error %v; want an *HTTPError", resp, err)
	}
	for _, want := range []string{`answered for another action ("DescribePHostImageResponse", expected "DescribeUK8SImageResponse")`, "check base_url", "uuid-foreign"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("server saw %d requests, want 1 (not retried)", n)
	}
}

// TestRetCodeAsString checks that a RetCode written as a JSON string counts
// as its number: the same success, hints and retries.
func TestRetCodeAsString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		retCode  string
		wantCode int // 0: success
		wantReqs int32
		wantText string
	}{
		{name: "success", retCode: `"0"`, wantReqs: 1},
		{name: "signature error", retCode: `"171"`, wantCode: 171, wantReqs: 1, wantText: "check private_key"},
		{name: "service error is retried", retCode: `"2000"`, wantCode: 2000, wantReqs: 4, wantText: "it was retried"},
		{name: "number and string agree", retCode: `2000`, wantCode: 2000, wantReqs: 4, wantText: "it was retried"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
				hits.Add(1)
				writeJSON(w, http.StatusOK, "", `{"RetCode":`+tt.retCode+`,"Action":"DescribeUK8SImageResponse","Message":"m","ImageSet":[{"ImageId":"uimage-1"}]}`)
			})
			c := newTestClient(t, srv.URL, nil)
			resp, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{})
			if n := hits.Load(); n != tt.wantReqs {
				t.Errorf("server saw %d requests, want %d", n, tt.wantReqs)
			}
			if tt.wantCode == 0 {
				if err != nil || len(resp.ImageSet) != 1 {
					t.Fatalf("got %+v, error %v; want the one image", resp, err)
				}
				return
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.RetCode != tt.wantCode || !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %v, want RetCode %d saying %q", err, tt.wantCode, tt.wantText)
			}
		})
	}
}

func TestRetCodeNotANumber(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{`"zero"`, `"1e2"`, `" 0"`, `"0x10"`, `""`, `1.5`, `true`, `99999999999`} {
		t.Run(raw, func(t *testing.T) {
			t.Parallel()
			srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
				writeJSON(w, http.StatusOK, "", `{"RetCode":`+raw+`}`)
			})
			c := newTestClient(t, srv.URL, nil)
			_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{})
			var httpErr *HTTPError
			if !errors.As(err, &httpErr) {
				t.Fatalf("error %v, want an *HTTPError", err)
			}
			if want := "its RetCode " + raw + " is not a number"; !strings.Contains(err.Error(), want) && raw != "true" {
				t.Errorf("error %q does not say %q", err, want)
			}
		})
	}
}

// TestAnswerLargerThanTheCap checks that a body past 64 MiB is named as
// such, not as invalid JSON, and is not retried. It does not run in
// parallel: moving 64 MiB under the race detector would skew the timing of
// the retry tests.
func TestAnswerLargerThanTheCap(t *testing.T) {
	var hits atomic.Int32
	srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"RetCode":0,"Action":"DescribeUK8SImageResponse","Message":"`)
		_, _ = io.Copy(w, io.LimitReader(repeatReader('x'), maxBodyBytes))
		_, _ = io.WriteString(w, `"}`)
	})
	c := newTestClient(t, srv.URL, nil)
	_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{})
	if !errors.Is(err, errBodyTooLarge) || !strings.Contains(err.Error(), "larger than 64 MiB") {
		t.Fatalf("error %v, want one saying the answer is larger than 64 MiB", err)
	}
	if strings.Contains(err.Error(), "not valid JSON") {
		t.Errorf("error %q calls the answer invalid JSON", err)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

// repeatReader reads as an endless run of one byte.
type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// TestCertificateErrorIsFinal checks that a certificate the client does not
// trust fails after one connection, with the hint for private CAs.
func TestCertificateErrorIsFinal(t *testing.T) {
	t.Parallel()
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, "", uk8sOK)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake failure is expected
	srv.StartTLS()
	t.Cleanup(srv.Close)

	c := newTestClient(t, srv.URL, nil)
	_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{})
	var certErr *CertificateError
	if !errors.As(err, &certErr) {
		t.Fatalf("error %v (%T), want a *CertificateError", err, err)
	}
	for _, want := range []string{"did not verify", "SSL_CERT_FILE", srv.URL} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("server saw %d connections, want 1 (not retried)", n)
	}
}

func TestBaseURLWithUserInfoRefused(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"http://user:hunter2@127.0.0.1:1", "https://hunter2@api.ucloud.cn", "http://user:hunter2@bad host/"} {
		_, err := New(Config{BaseURL: base, PublicKey: "p", PrivateKey: "k"})
		if err == nil {
			t.Errorf("New accepted base URL %q", base)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("New's error %q shows the password", err)
		}
	}
}

func TestRedactedURL(t *testing.T) {
	t.Parallel()
	tests := map[string]string{ //nolint:gosec // G101: made-up passwords, to show they are redacted.
		"https://api.ucloud.cn":           "https://api.ucloud.cn",
		"http://user:hunter2@host:8080/x": "http://xxxxx@host:8080/x",
		"http://user:hunter2@bad host/":   "http://(redacted)",
		"user:hunter2@bad host://x":       "(redacted)",
		"http://bad host/":                "http://bad host/",
		"http://user:pass%zz@host/":       "http://(redacted)",
	}
	for in, want := range tests {
		if got := RedactedURL(in); got != want {
			t.Errorf("RedactedURL(%q) = %q, want %q", in, got, want)
		}
	}
}
