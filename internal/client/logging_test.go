package client

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// attemptLines returns the per-attempt Debug lines.
func attemptLines(lines []logLine) []logLine {
	var out []logLine
	for _, l := range lines {
		if l.level == "debug" && l.msg == "UCloud API call" {
			out = append(out, l)
		}
	}
	return out
}

func TestLogOneDebugLinePerAttempt(t *testing.T) {
	t.Parallel()

	var hits atomic.Int32
	srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		switch hits.Add(1) {
		case 1:
			writeJSON(w, http.StatusOK, "uuid-1", apiErrorBody(ActionDescribeUK8SImage, 150, "busy"))
		case 2:
			w.Header().Set("X-UCLOUD-REQUEST-UUID", "uuid-2")
			statusFault(http.StatusBadGateway)(w)
		case 3:
			hijackAndClose(t, w)
		default:
			writeJSON(w, http.StatusOK, "uuid-4", uk8sOK)
		}
	})
	rec := &recordingLogger{}
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.Logger = rec
		cfg.MaxRetries = 5
	})
	if _, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Region: "cn-bj2"}); err != nil {
		t.Fatalf("DescribeUK8SImage: %v", err)
	}

	lines := attemptLines(rec.snapshot())
	if len(lines) != 4 {
		t.Fatalf("got %d per-attempt Debug lines, want 4 (one per attempt): %+v", len(lines), lines)
	}
	want := []struct {
		status  int
		uuid    string
		retCode any // nil: no RetCode was read
		failed  bool
	}{
		{status: 200, uuid: "uuid-1", retCode: 150, failed: true},
		{status: 502, uuid: "uuid-2", retCode: nil, failed: true},
		{status: 0, uuid: "", retCode: nil, failed: true},
		{status: 200, uuid: "uuid-4", retCode: 0},
	}
	for i, l := range lines {
		w := want[i]
		t.Run(fmt.Sprintf("attempt %d", i+1), func(t *testing.T) {
			required := []string{"ucloud_action", "attempt", "http_status", "request_uuid", "duration_ms"}
			if i != 2 { // a dropped connection read no RetCode at all
				required = append(required, "ret_code")
			}
			for _, k := range required {
				if _, ok := l.fields[k]; !ok {
					t.Errorf("field %s missing: %v", k, l.fields)
				}
			}
			f := l.fields
			if f["ucloud_action"] != ActionDescribeUK8SImage {
				t.Errorf("ucloud_action = %v", f["ucloud_action"])
			}
			if f["attempt"] != i+1 {
				t.Errorf("attempt = %v, want %d", f["attempt"], i+1)
			}
			if f["http_status"] != w.status {
				t.Errorf("http_status = %v, want %d", f["http_status"], w.status)
			}
			if f["request_uuid"] != w.uuid {
				t.Errorf("request_uuid = %v, want %q", f["request_uuid"], w.uuid)
			}
			if f["ret_code"] != w.retCode {
				t.Errorf("ret_code = %#v, want %#v", f["ret_code"], w.retCode)
			}
			if d, ok := f["duration_ms"].(int64); !ok || d < 0 || d > 5000 {
				t.Errorf("duration_ms = %#v, want a small non-negative int64", f["duration_ms"])
			}
			if _, hasErr := f["error"]; hasErr != w.failed {
				t.Errorf("error field present = %v, want %v (%v)", hasErr, w.failed, f["error"])
			}
		})
	}
}

// TestLogsCarryNoSecrets scans every Debug and Trace line, message and
// stringified fields, of successful and failed calls for the private key
// and for every Signature the server received.
func TestLogsCarryNoSecrets(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name    string
		handler func(t *testing.T, n int32, w http.ResponseWriter, r *http.Request)
		setup   func(cfg *Config)
		call    func(t *testing.T, c *Client) error
		wantErr bool
	}{
		{
			name: "successful call, then reused",
			handler: func(_ *testing.T, _ int32, w http.ResponseWriter, _ *http.Request) {
				writeJSON(w, http.StatusOK, "uuid-ok", uk8sOK)
			},
			call: func(t *testing.T, c *Client) error {
				for range 2 {
					if _, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Region: "cn-bj2"}); err != nil {
						return err
					}
				}
				return nil
			},
		},
		{
			name: "signature error",
			handler: func(_ *testing.T, _ int32, w http.ResponseWriter, _ *http.Request) {
				writeJSON(w, http.StatusOK, "uuid-171", apiErrorBody(ActionDescribeUK8SImage, 171, "Signature VerifyAC Error"))
			},
			call: func(t *testing.T, c *Client) error {
				_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Region: "cn-bj2"})
				return err
			},
			wantErr: true,
		},
		{
			name: "retries exhausted on mixed faults",
			handler: func(t *testing.T, n int32, w http.ResponseWriter, _ *http.Request) {
				switch n % 3 {
				case 1:
					statusFault(http.StatusServiceUnavailable)(w)
				case 2:
					hijackAndClose(t, w)
				default:
					writeJSON(w, http.StatusOK, "", apiErrorBody(ActionDescribeUK8SImage, 2000, "internal"))
				}
			},
			call: func(t *testing.T, c *Client) error {
				_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Region: "cn-bj2"})
				return err
			},
			wantErr: true,
		},
		{
			name: "HTML page with 200",
			handler: func(_ *testing.T, _ int32, w http.ResponseWriter, _ *http.Request) {
				statusFault(http.StatusOK)(w)
			},
			call: func(t *testing.T, c *Client) error {
				_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{})
				return err
			},
			wantErr: true,
		},
		{
			name: "timeouts",
			handler: func(_ *testing.T, _ int32, _ http.ResponseWriter, r *http.Request) {
				_ = r.ParseForm()
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
			},
			setup: func(cfg *Config) { cfg.RequestTimeout = 30 * time.Millisecond },
			call: func(t *testing.T, c *Client) error {
				_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{})
				return err
			},
			wantErr: true,
		},
		{
			name: "paged listing",
			handler: func(_ *testing.T, _ int32, w http.ResponseWriter, r *http.Request) {
				all := makeImages("pimg", 150)
				offset := 0
				_, _ = fmt.Sscan(r.PostForm.Get("Offset"), &offset)
				end := min(offset+100, len(all))
				var b strings.Builder
				for i, img := range all[offset:end] {
					if i > 0 {
						b.WriteByte(',')
					}
					fmt.Fprintf(&b, `{"ImageId":%q}`, img.ImageID)
				}
				writeJSON(w, http.StatusOK, "", `{"RetCode":0,"TotalCount":150,"ImageSet":[`+b.String()+`]}`)
			},
			call: func(t *testing.T, c *Client) error {
				images, err := c.ListPHostImages(t.Context(), DescribePHostImageRequest{Zone: "z"})
				if err == nil && len(images) != 150 {
					t.Errorf("got %d images, want 150", len(images))
				}
				return err
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var (
				mu   sync.Mutex
				n    int32
				sigs []string
			)
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
				form := readForm(t, r)
				mu.Lock()
				n++
				cur := n
				sigs = append(sigs, form.Get("Signature"))
				mu.Unlock()
				tt.handler(t, cur, w, r)
			})
			rec := &recordingLogger{}
			c := newTestClient(t, srv.URL, func(cfg *Config) {
				cfg.Logger = rec
				cfg.MaxRetries = 2
				if tt.setup != nil {
					tt.setup(cfg)
				}
			})
			err := tt.call(t, c)
			if (err != nil) != tt.wantErr {
				t.Fatalf("call error = %v, want error: %v", err, tt.wantErr)
			}

			mu.Lock()
			secrets := append([]string{testPrivateKey}, sigs...)
			mu.Unlock()
			if len(secrets) < 2 {
				t.Fatalf("server saw no requests")
			}
			for _, s := range secrets[1:] {
				if len(s) != 40 {
					t.Fatalf("server received Signature %q, want 40 hex digits", s)
				}
			}

			lines := rec.snapshot()
			if len(attemptLines(lines)) == 0 {
				t.Fatalf("no per-attempt Debug lines were logged")
			}
			sawTrace := false
			for _, l := range lines {
				sawTrace = sawTrace || l.level == "trace"
				text := l.msg + " " + fmt.Sprintf("%v", l.fields)
				for k, v := range l.fields {
					text += " " + k + "=" + fmt.Sprintf("%+v|%#v", v, v)
				}
				for _, s := range secrets {
					if strings.Contains(text, s) {
						t.Errorf("%s line %q carries a secret %q: %s", l.level, l.msg, s, text)
					}
				}
			}
			if !sawTrace {
				t.Errorf("no Trace lines were logged")
			}
			if err != nil {
				for _, s := range secrets {
					if strings.Contains(err.Error(), s) {
						t.Errorf("error %q carries a secret %q", err, s)
					}
				}
			}
		})
	}
}

func TestNilLoggerDiscards(t *testing.T) {
	t.Parallel()

	srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, "", uk8sOK)
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.Logger = nil })
	if _, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{}); err != nil {
		t.Fatalf("DescribeUK8SImage with no logger: %v", err)
	}
}
