package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"
)

func TestAPIErrorFromRetCode(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name     string
		retCode  int
		message  string
		uuid     string
		contains []string
	}{
		{name: "171 signature", retCode: 171, message: "Signature VerifyAC Error", uuid: "uuid-171", contains: []string{"private_key"}},
		{name: "172 user", retCode: 172, message: "User not exist", uuid: "uuid-172", contains: []string{"public_key"}},
		{name: "292 project", retCode: 292, message: "Project not exist", uuid: "uuid-292", contains: []string{"project_id"}},
		{name: "299 iam", retCode: 299, message: "IAM check failed", uuid: "uuid-299", contains: []string{"permission", ActionDescribeUK8SImage}},
		{name: "161 action", retCode: 161, message: "Action not exist", uuid: "uuid-161", contains: []string{"base_url"}},
		{name: "230 params", retCode: 230, message: "Params [Zone] not available", uuid: "", contains: []string{"Params [Zone] not available"}},
		{name: "unknown code", retCode: 8000, message: "something odd", uuid: "uuid-8000", contains: []string{"something odd"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
				hits.Add(1)
				writeJSON(w, http.StatusOK, tt.uuid, apiErrorBody(ActionDescribeUK8SImage, tt.retCode, tt.message))
			})
			// No retries: the point here is the error's shape.
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 0 })
			resp, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{Region: "cn-bj2"})
			if err == nil {
				t.Fatalf("got %+v, want an error", resp)
			}
			if resp != nil {
				t.Errorf("response = %+v alongside an error, want nil", resp)
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error %T (%v) is not an *APIError", err, err)
			}
			if apiErr.Action != ActionDescribeUK8SImage || apiErr.RetCode != tt.retCode ||
				apiErr.Message != tt.message || apiErr.RequestUUID != tt.uuid {
				t.Errorf("APIError = %+v, want Action %s, RetCode %d, Message %q, RequestUUID %q",
					apiErr, ActionDescribeUK8SImage, tt.retCode, tt.message, tt.uuid)
			}
			msg := err.Error()
			want := append([]string{fmt.Sprintf("RetCode %d", tt.retCode), tt.message, ActionDescribeUK8SImage}, tt.contains...)
			if tt.uuid != "" {
				want = append(want, tt.uuid)
			}
			for _, s := range want {
				if !strings.Contains(msg, s) {
					t.Errorf("error %q does not mention %q", msg, s)
				}
			}
		})
	}
}

func TestAPIErrorHints(t *testing.T) {
	t.Parallel()

	tests := []struct {
		retCode int
		want    []string
	}{
		{161, []string{"base_url"}},
		{171, []string{"private_key"}},
		{172, []string{"public_key"}},
		{292, []string{"project_id"}},
		{299, []string{"permission", "SomeAction"}},
		{153, []string{"transient"}},
		{2001, []string{"transient"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.retCode), func(t *testing.T) {
			t.Parallel()
			e := &APIError{Action: "SomeAction", RetCode: tt.retCode, Message: "m"}
			for _, s := range tt.want {
				if !strings.Contains(e.Hint(), s) || !strings.Contains(e.Error(), s) {
					t.Errorf("RetCode %d: hint %q / error %q do not mention %q", tt.retCode, e.Hint(), e.Error(), s)
				}
			}
		})
	}
	t.Run("no hint for unknown codes", func(t *testing.T) {
		t.Parallel()
		e := &APIError{Action: "A", RetCode: 1234, Message: "m"}
		if e.Hint() != "" {
			t.Errorf("Hint for 1234 = %q, want none", e.Hint())
		}
		if got, want := e.Error(), "UCloud API action A failed with RetCode 1234: m"; got != want {
			t.Errorf("Error = %q, want %q", got, want)
		}
	})
}

func TestUnusableAnswers(t *testing.T) {
	t.Parallel()

	longHTML := "<html><head><title>502 Bad Gateway</title></head><body>" + strings.Repeat("x", 400) + "TAIL-MARKER</body></html>"

	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		wantDecode  bool // the HTTPError carries a JSON decoding error
	}{
		{name: "HTML with 200", status: 200, contentType: "text/html; charset=utf-8", body: longHTML, wantDecode: true},
		{name: "HTML with 502", status: 502, contentType: "text/html", body: longHTML},
		{name: "truncated JSON", status: 200, contentType: "application/json", body: `{"RetCode":0,"ImageSet":[{"ImageId":"u`, wantDecode: true},
		{name: "empty body", status: 200, contentType: "application/json", body: "", wantDecode: true},
		{name: "JSON without RetCode", status: 200, contentType: "application/json", body: `{"error":"denied by proxy"}`, wantDecode: true},
		{name: "JSON null", status: 200, contentType: "application/json", body: `null`, wantDecode: true},
		{name: "JSON array", status: 200, contentType: "application/json", body: `[1,2,3]`, wantDecode: true},
		{name: "JSON of the wrong type for a field", status: 200, contentType: "application/json", body: `{"RetCode":"zero"}`, wantDecode: true},
		{name: "plain text 404", status: 404, contentType: "text/plain", body: "404 page not found", wantDecode: true},
		{name: "valid JSON with 404", status: 404, contentType: "application/json", body: `{"RetCode":0}`},
		{name: "empty 503", status: 503, contentType: "", body: ""},
		{name: "binary garbage", status: 200, contentType: "application/octet-stream", body: "\x00\xff\xfe" + strings.Repeat("\x80", 300), wantDecode: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
				if tt.contentType != "" {
					w.Header().Set("Content-Type", tt.contentType)
				} else {
					w.Header()["Content-Type"] = nil // no sniffing
				}
				w.Header().Set("X-UCLOUD-REQUEST-UUID", "uuid-bad")
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			})
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 0 })
			resp, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{})
			if err == nil {
				t.Fatalf("got %+v, want an error", resp)
			}
			var httpErr *HTTPError
			if !errors.As(err, &httpErr) {
				t.Fatalf("error %T (%v) is not an *HTTPError", err, err)
			}
			if httpErr.StatusCode != tt.status {
				t.Errorf("StatusCode = %d, want %d", httpErr.StatusCode, tt.status)
			}
			if httpErr.ContentType != tt.contentType {
				t.Errorf("ContentType = %q, want %q", httpErr.ContentType, tt.contentType)
			}
			if httpErr.RequestUUID != "uuid-bad" {
				t.Errorf("RequestUUID = %q, want uuid-bad", httpErr.RequestUUID)
			}
			if (httpErr.Err != nil) != tt.wantDecode {
				t.Errorf("decode error = %v, want present: %v", httpErr.Err, tt.wantDecode)
			}
			if len(httpErr.BodyPrefix) > 200 {
				t.Errorf("BodyPrefix is %d bytes, want at most 200", len(httpErr.BodyPrefix))
			}
			if !utf8.ValidString(httpErr.BodyPrefix) {
				t.Errorf("BodyPrefix %q is not valid UTF-8", httpErr.BodyPrefix)
			}
			if utf8.ValidString(tt.body) {
				wantPrefix := tt.body[:min(len(tt.body), 200)]
				if httpErr.BodyPrefix != wantPrefix {
					t.Errorf("BodyPrefix = %q, want %q", httpErr.BodyPrefix, wantPrefix)
				}
			}

			msg := err.Error()
			for _, s := range []string{fmt.Sprintf("HTTP %d", tt.status), fmt.Sprintf("%q", tt.contentType), "uuid-bad", ActionDescribeUK8SImage} {
				if !strings.Contains(msg, s) {
					t.Errorf("error %q does not mention %s", msg, s)
				}
			}
			if strings.Contains(msg, "TAIL-MARKER") {
				t.Errorf("error quotes more than the first 200 bytes: %q", msg)
			}
			if tt.body == longHTML && !strings.Contains(msg, "502 Bad Gateway") {
				t.Errorf("error %q does not quote the start of the body", msg)
			}
		})
	}
}

// TestBodyPrefixMultibyte checks that cutting a valid UTF-8 body at 200 bytes
// yields a true prefix of at most 200 bytes, never a spurious replacement
// character where a character was split.
func TestBodyPrefixMultibyte(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name string
		body string
	}{
		{name: "3-byte runes split at 200", body: "a" + strings.Repeat("网关错误", 40)}, // 1 + 12*40 bytes; 200 falls mid-rune
		{name: "4-byte runes split at 200", body: "ab" + strings.Repeat("😀", 60)},   // 2 + 4k: 200 falls mid-rune
		{name: "rune ends exactly at 200", body: "xx" + strings.Repeat("é", 150)},   // 2 + 2k: 200 is a boundary
		{name: "short body kept whole", body: "网关错误"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := bodyPrefix([]byte(tt.body))
			if len(got) > 200 {
				t.Errorf("bodyPrefix is %d bytes, want at most 200", len(got))
			}
			if !utf8.ValidString(got) {
				t.Errorf("bodyPrefix %q is not valid UTF-8", got)
			}
			if !strings.HasPrefix(tt.body, got) {
				t.Errorf("bodyPrefix %q is not a prefix of the body", got)
			}
			if want := min(len(tt.body), 200-utf8.UTFMax+1); len(got) < want {
				t.Errorf("bodyPrefix is only %d bytes, want at least %d", len(got), want)
			}
		})
	}

	t.Run("invalid bytes are replaced", func(t *testing.T) {
		t.Parallel()
		got := bodyPrefix([]byte("ok\xff\xfeok"))
		if !utf8.ValidString(got) || !strings.HasPrefix(got, "ok") || !strings.HasSuffix(got, "ok") {
			t.Errorf("bodyPrefix = %q, want valid UTF-8 keeping the readable parts", got)
		}
	})
}

func TestHTTPErrorMessage(t *testing.T) {
	t.Parallel()

	decodeErr := errors.New("unexpected end of JSON input")
	tests := []struct {
		name string
		err  *HTTPError
		want []string
		not  []string
	}{
		{
			name: "status error",
			err:  &HTTPError{Action: "A", StatusCode: 502, ContentType: "text/html", BodyPrefix: "<html>", RequestUUID: "u-1"},
			want: []string{"A", "error status", "HTTP 502", `"text/html"`, "u-1", `"<html>"`},
			not:  []string{"not valid JSON"},
		},
		{
			name: "decode error",
			err:  &HTTPError{Action: "A", StatusCode: 200, ContentType: "application/json", BodyPrefix: "{", Err: decodeErr},
			want: []string{"not valid JSON", "unexpected end of JSON input", "HTTP 200", `"application/json"`, `"{"`},
			not:  []string{"request UUID"},
		},
		{
			name: "JSON without RetCode",
			err:  &HTTPError{Action: "A", StatusCode: 200, ContentType: "application/json", BodyPrefix: `{"error":"x"}`, Err: errNoRetCode},
			want: []string{"not a UCloud API response", "no RetCode", "HTTP 200", `"application/json"`},
			not:  []string{"not valid JSON"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			msg := tt.err.Error()
			for _, s := range tt.want {
				if !strings.Contains(msg, s) {
					t.Errorf("%q does not contain %q", msg, s)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(msg, s) {
					t.Errorf("%q contains %q", msg, s)
				}
			}
			if tt.err.Err != nil && !errors.Is(tt.err, tt.err.Err) {
				t.Errorf("HTTPError does not unwrap to its decode error")
			}
		})
	}
}

func TestDecodeUK8SImage(t *testing.T) {
	t.Parallel()

	body := `{
		"RetCode": 0,
		"Action": "DescribeUK8SImageResponse",
		"ImageSetnew": [{"ImageId": "ignored"}],
		"CustomIImageSet": {"odd": true},
		"SomethingNew": 42,
		"ImageSet": [{
			"ZoneId": 4001, "ImageId": "uimage-a", "ImageName": "Ubuntu 22.04", "NotSupportGPU": true,
			"OsType": "Linux", "OsName": "Ubuntu", "Features": ["NetEnhanced", "HotPlug"], "ImageSize": 40,
			"IntegratedSoftware": "driver 535, CUDA 12.2", "SupportedGPUTypes": ["4090", "A800"], "Unknown": {"x": 1}
		}],
		"PHostImageSet": [{"ImageId": "pimg-a"}],
		"CustomImageSet": []
	}`
	srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, "u", body)
	})
	c := newTestClient(t, srv.URL, nil)
	resp, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{})
	if err != nil {
		t.Fatalf("DescribeUK8SImage: %v", err)
	}

	t.Run("full image", func(t *testing.T) {
		if len(resp.ImageSet) != 1 {
			t.Fatalf("ImageSet has %d images, want 1", len(resp.ImageSet))
		}
		img := resp.ImageSet[0]
		if img.ZoneID != 4001 || img.ImageID != "uimage-a" || img.ImageName != "Ubuntu 22.04" || !img.NotSupportGPU ||
			img.OsType != "Linux" || img.OsName != "Ubuntu" || img.ImageSize != 40 ||
			img.IntegratedSoftware != "driver 535, CUDA 12.2" ||
			strings.Join(img.Features, ",") != "NetEnhanced,HotPlug" ||
			strings.Join(img.SupportedGPUTypes, ",") != "4090,A800" {
			t.Errorf("image = %+v", img)
		}
	})
	t.Run("missing fields are zero", func(t *testing.T) {
		if len(resp.PHostImageSet) != 1 {
			t.Fatalf("PHostImageSet has %d images, want 1", len(resp.PHostImageSet))
		}
		want := UK8SImage{ImageID: "pimg-a"}
		got := resp.PHostImageSet[0]
		if got.ImageID != want.ImageID || got.ZoneID != 0 || got.NotSupportGPU || got.Features != nil ||
			got.ImageSize != 0 || got.SupportedGPUTypes != nil || got.OsName != "" {
			t.Errorf("image = %+v, want %+v", got, want)
		}
	})
	t.Run("sets", func(t *testing.T) {
		if resp.CustomImageSet == nil || len(resp.CustomImageSet) != 0 {
			t.Errorf("CustomImageSet = %#v, want empty non-nil", resp.CustomImageSet)
		}
		if resp.CustomPHostImageSet != nil {
			t.Errorf("CustomPHostImageSet = %#v, want nil (absent)", resp.CustomPHostImageSet)
		}
		if resp.RetCode == nil || *resp.RetCode != 0 || resp.Action != "DescribeUK8SImageResponse" {
			t.Errorf("envelope = %+v", resp.responseEnvelope)
		}
	})
}

func TestDecodePHostImageCreateTime(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name      string
		field     string // JSON text of CreateTime, or "" to omit it
		want      LenientString
		wantState string
		wantSize  int64
	}{
		{name: "string date", field: `"2024-01-02 03:04:05"`, want: "2024-01-02 03:04:05", wantState: "Available", wantSize: 40},
		{name: "string unix", field: `"1700000000"`, want: "1700000000", wantState: "Available", wantSize: 40},
		{name: "number", field: `1700000000`, want: "1700000000", wantState: "Available", wantSize: 40},
		{name: "float number kept literally", field: `1.7e9`, want: "1.7e9", wantState: "Available", wantSize: 40},
		{name: "null", field: `null`, want: "", wantState: "Available", wantSize: 40},
		{name: "absent", field: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			img := `{"ImageId":"pimg-1","ImageName":"CentOS","Unknown":[1]`
			if tt.field != "" {
				img += `,"CreateTime":` + tt.field + `,"State":"Available","ImageSize":40`
			}
			img += `}`
			srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
				writeJSON(w, http.StatusOK, "u", `{"RetCode":0,"Action":"DescribePHostImageResponse","TotalCount":1,"ImageSet":[`+img+`]}`)
			})
			c := newTestClient(t, srv.URL, nil)
			resp, err := c.describePHostImage(t.Context(), &DescribePHostImageRequest{Zone: "z"})
			if err != nil {
				t.Fatalf("describePHostImage: %v", err)
			}
			if resp.TotalCount != 1 || len(resp.ImageSet) != 1 {
				t.Fatalf("response = %+v, want one image", resp)
			}
			got := resp.ImageSet[0]
			if got.ImageID != "pimg-1" || got.ImageName != "CentOS" {
				t.Errorf("image = %+v", got)
			}
			if got.CreateTime != tt.want || got.State != tt.wantState || got.ImageSize != tt.wantSize {
				t.Errorf("CreateTime, State, ImageSize = %q, %q, %d; want %q, %q, %d",
					got.CreateTime, got.State, got.ImageSize, tt.want, tt.wantState, tt.wantSize)
			}
		})
	}
}

func TestLenientStringUnmarshal(t *testing.T) {
	t.Parallel()

	tests := []struct {
		in      string
		want    LenientString
		wantErr bool
	}{
		{in: `"abc"`, want: "abc"},
		{in: `"a\"b\u00e9"`, want: `a"bé`},
		{in: `""`, want: ""},
		{in: `123`, want: "123"},
		{in: `-5`, want: "-5"},
		{in: `0.5`, want: "0.5"},
		{in: `null`, want: "keep"},
		{in: `true`, wantErr: true},
		{in: `{}`, wantErr: true},
		{in: `[1]`, wantErr: true},
		{in: `"unterminated`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			s := LenientString("keep")
			err := json.Unmarshal([]byte(tt.in), &s)
			if tt.wantErr {
				if err == nil {
					t.Errorf("Unmarshal(%s) = %q, want an error", tt.in, s)
				}
				return
			}
			if err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.in, err)
			}
			if s != tt.want {
				t.Errorf("Unmarshal(%s) = %q, want %q", tt.in, s, tt.want)
			}
		})
	}
}

func TestRetriesExhaustedErrorMessage(t *testing.T) {
	t.Parallel()

	last := &APIError{Action: "A", RetCode: 150, Message: "busy"}
	tests := []struct {
		name string
		err  *RetriesExhaustedError
		want []string
	}{
		{name: "one attempt", err: &RetriesExhaustedError{Action: "A", Attempts: 1, Elapsed: 3 * time.Millisecond, Last: last},
			want: []string{"after 1 attempt in 3ms", "max_retries allows 0", "busy"}},
		{name: "max_retries", err: &RetriesExhaustedError{Action: "A", Attempts: 3, MaxRetries: 2, Elapsed: 1500 * time.Millisecond, Last: last},
			want: []string{"after 3 attempts in 1.5s", "max_retries allows 2", "RetCode 150", "busy"}},
		{name: "retry_timeout", err: &RetriesExhaustedError{Action: "A", Attempts: 14, RetryTimeout: 2 * time.Minute, Elapsed: 118 * time.Second, Last: last},
			want: []string{"after 14 attempts in 1m58s", "retry_timeout 2m0s leaves no time for another", "RetCode 150"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.err
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("%q does not contain %q", err.Error(), s)
				}
			}
			if tt.err.RetryTimeout > 0 && strings.Contains(err.Error(), "max_retries") {
				t.Errorf("%q names max_retries, but retry_timeout ended the retries", err.Error())
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr != last {
				t.Errorf("RetriesExhaustedError does not unwrap to the last error")
			}
		})
	}
}
