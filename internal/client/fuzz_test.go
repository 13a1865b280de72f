package client

import (
	"crypto/sha1" //nolint:gosec // The algorithm under test prescribes SHA-1.
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// Seeds come from the API pages' examples (/work/shared/reference) and the
// published signature vectors. `go test` runs every seed, plus the corpus
// files under testdata/fuzz/<FuzzName>/; `make fuzz` explores further.

// Response examples, as the DescribePHostImage and DescribeUK8SImage pages
// print them.
const (
	fuzzSeedPHostExample = `{
"Action": "DescribePHostImageResponse",
"ImageSet": [
{
"ImageId": "jMonPUZs",
"ImageName": "zZHLkcpk",
"OsName": "ICNxbWaj",
"OsType": "KinGDoGa",
"Support": [
"rVxQDlcE"
],
"Version": "EtexDjJR"
}
],
"RetCode": 0,
"TotalCount": 5
}`
	fuzzSeedUK8SExample = `{
  "Action": "DescribeUK8SImageResponse",
  "ImageSet": [
    {
      "ImageId": "SOqcWTEJ",
      "ImageName": "hIscEgwy",
      "NotSupportGPU": false,
      "ZoneId": 5
    }
  ],
  "ImageSetnew": [
    {
      "ImageId": "KeQfHnUL",
      "ImageName": "itWRmsMy",
      "NotSupportGPU": true,
      "ZoneId": 5
    }
  ],
  "Message": "RcXlEGbn",
  "PHostImageSet": [
    {
      "ImageId": "yFeQPFUL",
      "ImageName": "OlgivCjk",
      "NotSupportGPU": true,
      "ZoneId": 9
    }
  ],
  "RetCode": 0
}`
)

// FuzzDecodeAnswer feeds arbitrary answers to the response decoder: any
// body, status and content type must give a value or an error, never a
// panic, and the result must be consistent with what the caller does next.
func FuzzDecodeAnswer(f *testing.F) {
	for _, seed := range []struct {
		body        string
		status      int
		contentType string
	}{
		{fuzzSeedPHostExample, 200, "application/json"},
		{fuzzSeedUK8SExample, 200, "application/json"},
		{`{"RetCode":153,"Action":"DescribePHostImageResponse","Message":"API request frequency exceeded the limit, please retry later"}`, 200, "application/json"},
		{`{"RetCode":171,"Action":"DescribeUK8SImageResponse","Message":"Signature VerifyAC Error"}`, 200, "application/json"},
		{`{"RetCode":0,"Action":"DescribePHostImageResponse","TotalCount":1,"ImageSet":[{"ImageId":"pimg-1","CreateTime":1700000000,"ImageSize":40}]}`, 200, "application/json"},
		{`{"RetCode":0,"Action":"DescribePHostImageResponse","TotalCount":137,"ImageSet":[{"ImageId":"pimg-`, 200, "application/json"},
		{"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>nginx</body>\r\n</html>\r\n", 502, "text/html"},
		{"<html><body>Service portal</body></html>", 200, "text/html"},
		{`{"RetCode":0}`, 404, "application/json"},
		{`{"RetCode":"0"}`, 200, "application/json"},
		{"null", 200, "application/json"},
		{"", 200, ""},
		{"", 429, "text/plain"},
		{"\xff\xfe{\"RetCode\":0}", 200, "application/json"},
	} {
		f.Add([]byte(seed.body), seed.status, seed.contentType)
	}

	f.Fuzz(func(t *testing.T, body []byte, status int, contentType string) {
		res := attemptResult{status: status, contentType: contentType, requestUUID: "fuzz-uuid", body: body}
		checkDecodeAnswer[DescribePHostImageResponse](t, ActionDescribePHostImage, res)
		checkDecodeAnswer[DescribeUK8SImageResponse](t, ActionDescribeUK8SImage, res)
	})
}

// checkDecodeAnswer decodes res as a T and checks the invariants the
// caller (send, call) relies on.
func checkDecodeAnswer[T any, PT apiResponse[T]](t *testing.T, action string, res attemptResult) {
	t.Helper()
	out, err := decodeAnswer[T, PT](action, res)

	if err == nil {
		if out == nil {
			t.Fatalf("%s: neither a value nor an error", action)
		}
		if res.status < 200 || res.status > 299 {
			t.Fatalf("%s: HTTP %d accepted as a success", action, res.status)
		}
		if rc := PT(out).envelope().RetCode; rc == nil || *rc != 0 {
			t.Fatalf("%s: an answer without RetCode 0 accepted as a success", action)
		}
		return
	}

	if out != nil {
		t.Fatalf("%s: both a value and an error (%v)", action, err)
	}
	msg := err.Error()
	if msg == "" || !strings.Contains(msg, action) {
		t.Fatalf("%s: error %q does not name the action", action, msg)
	}

	var apiErr *APIError
	var httpErr *HTTPError
	switch {
	case errors.As(err, &apiErr):
		if apiErr.RetCode == 0 {
			t.Fatalf("%s: API error with RetCode 0: %v", action, err)
		}
		if apiErr.RequestUUID != res.requestUUID {
			t.Fatalf("%s: API error lost the request UUID: %v", action, err)
		}
	case errors.As(err, &httpErr):
		if httpErr.StatusCode != res.status || !strings.Contains(msg, fmt.Sprintf("HTTP %d", res.status)) {
			t.Fatalf("%s: error does not quote HTTP %d: %v", action, res.status, err)
		}
		// The body is quoted, shortened and made printable as UTF-8.
		if !utf8.ValidString(httpErr.BodyPrefix) {
			t.Fatalf("%s: quoted body is not valid UTF-8: %q", action, httpErr.BodyPrefix)
		}
		if n := utf8.RuneCountInString(httpErr.BodyPrefix); n > bodyPrefixBytes {
			t.Fatalf("%s: quoted body has %d characters, want at most %d", action, n, bodyPrefixBytes)
		}
		// An unusable 2xx-4xx answer is final (no retry storm); throttling
		// and server faults are retried.
		wantRetry := res.status == http.StatusTooManyRequests || res.status >= 500
		if got := isRetryable(err); got != wantRetry {
			t.Fatalf("%s: HTTP %d retryable = %v, want %v", action, res.status, got, wantRetry)
		}
	default:
		t.Fatalf("%s: untyped error %T: %v", action, err, err)
	}
}

// Published signature vectors and their key pair (API-NOTES.md).
const (
	fuzzVectorPublicKey  = "ucloudsomeone@example.com1296235120854146120"
	fuzzVectorPrivateKey = "46f09bb9fab4f12dfc160dae12273d5332b5debe"
)

var fuzzSignatureVectors = []struct {
	params map[string]string
	want   string
}{
	{
		params: map[string]string{"Action": "DescribeUHostInstance", "Region": "cn-bj2", "Limit": "10"},
		want:   "cba5cf5ec4d4233d206b1b54951e3787350a642f",
	},
	{
		params: map[string]string{ //nolint:gosec // The published test vector, not a credential.
			"Action": "CreateUHostInstance", "CPU": "2", "ChargeType": "Month", "DiskSpace": "10",
			"ImageId": "f43736e1-65a5-4bea-ad2e-8a46e18883c2", "LoginMode": "Password", "Memory": "2048",
			"Name": "Host01", "Password": "VUNsb3VkLmNu", "Quantity": "1", "Region": "cn-bj2", "Zone": "cn-bj2-04",
		},
		want: "4f9ef5df2abab2c6fccd1e9515cb7e2df8c6bb65",
	},
}

// fuzzReferenceSign is the published algorithm written apart from Sign, as
// a server would apply it to the form it decoded: every parameter but
// Signature, sorted by name, name+value concatenated, then the private key,
// SHA-1, lowercase hex.
func fuzzReferenceSign(form url.Values, privateKey string) string {
	names := make([]string, 0, len(form))
	for name := range form {
		if name != "Signature" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	h := sha1.New() //nolint:gosec // Prescribed by the algorithm.
	for _, name := range names {
		h.Write([]byte(name))
		h.Write([]byte(form.Get(name)))
	}
	h.Write([]byte(privateKey))
	return hex.EncodeToString(h.Sum(nil))
}

// fuzzPairsSeparator separates names and values in FuzzSignRoundTrip's
// input: name, value, name, value, …
const fuzzPairsSeparator = "\x00"

// encodeFuzzPairs is the seed form of a parameter map.
func encodeFuzzPairs(p map[string]string) string {
	parts := make([]string, 0, 2*len(p))
	for name, value := range p {
		parts = append(parts, name, value)
	}
	return strings.Join(parts, fuzzPairsSeparator)
}

// FuzzSignRoundTrip signs and encodes random parameters exactly as send
// does, decodes the body as a server would, and requires the signature
// computed from the decoded form to equal the client's: by an independent
// implementation of the published algorithm with any private key, and by
// the fake API's own verifier with its key.
func FuzzSignRoundTrip(f *testing.F) {
	// The independent implementation must itself reproduce the vectors.
	for _, v := range fuzzSignatureVectors {
		form := url.Values{"PublicKey": {fuzzVectorPublicKey}}
		for name, value := range v.params {
			form.Set(name, value)
		}
		if got := fuzzReferenceSign(form, fuzzVectorPrivateKey); got != v.want {
			f.Fatalf("reference signer gives %s for %v, want the published %s", got, v.params, v.want)
		}
		f.Add(encodeFuzzPairs(v.params), fuzzVectorPrivateKey)
	}
	for _, seed := range []map[string]string{
		{"Action": "DescribePHostImage", "Region": "cn-bj2", "Zone": "cn-bj2-02", "Limit": "100", "Offset": "500", "ImageId.0": "pimg-1"},
		{"Action": "DescribeUK8SImage", "Region": "cn-bj2", "ProductType": "uphost", "MachineType": "G", "GPUType": "4090"},
		{"Action": "DescribePHostImage", "Name": "a b&c=d+e%f;g", "Tag": "中文 ✓", "Empty": ""},
		{"Action": "DescribePHostImage", "Signature": "forged", "PublicKey": "someone-else"},
		{"Action": "", "": "empty name", "Bad\xffUTF8": "\xfe"},
	} {
		f.Add(encodeFuzzPairs(seed), "any-private-key")
	}

	fake := fakeapi.New()
	f.Fuzz(func(t *testing.T, pairs, privateKey string) {
		p := params{}
		parts := strings.Split(pairs, fuzzPairsSeparator)
		for i := 0; i+1 < len(parts); i += 2 {
			p[parts[i]] = parts[i+1]
		}

		// The client's side: what send does before posting.
		sig, form := fuzzSignAndEncode(p, fuzzVectorPublicKey, privateKey)

		// The server's side: decode the body, then check every parameter
		// arrived once and unchanged, and re-sign what arrived.
		got, err := url.ParseQuery(form)
		if err != nil {
			t.Fatalf("server cannot parse the form %q: %v", form, err)
		}
		if len(got) != len(p)+1 {
			t.Fatalf("form %q decodes to %d parameters, want %d", form, len(got), len(p)+1)
		}
		for name, value := range p {
			if vs := got[name]; len(vs) != 1 || vs[0] != value {
				t.Fatalf("parameter %q = %q arrived as %q", name, value, vs)
			}
		}
		if got.Get("Signature") != sig {
			t.Fatalf("Signature arrived as %q, want %q", got.Get("Signature"), sig)
		}
		if want := fuzzReferenceSign(got, privateKey); sig != want {
			t.Fatalf("client signed %s, server computes %s from %q", sig, want, form)
		}

		// The fake's verifier, with its own key pair. An empty Action is
		// refused (160) before the signature is checked, so give it one.
		// The fake reads at most 1 MiB of body; larger inputs stop here.
		if len(form) > 1<<19 {
			return
		}
		if p[paramAction] == "" {
			p[paramAction] = "FuzzAction"
		}
		_, form = fuzzSignAndEncode(p, fakeapi.PublicKey, fakeapi.PrivateKey)
		if rc := fuzzFakeRetCode(t, fake, form); rc == 170 || rc == 171 || rc == 172 {
			t.Fatalf("the fake API refused the signature (RetCode %d) of %q", rc, form)
		}
	})
}

// fuzzSignAndEncode mirrors send: set PublicKey, sign everything but
// Signature, add the Signature and encode the form. p is left without a
// Signature, as send leaves it.
func fuzzSignAndEncode(p params, publicKey, privateKey string) (signature, form string) {
	p[paramPublicKey] = publicKey
	delete(p, paramSignature)
	signature = Sign(p, privateKey)
	p[paramSignature] = signature
	form = p.form()
	delete(p, paramSignature)
	return signature, form
}

// fuzzFakeRetCode posts form to the fake API in-process and returns the
// RetCode it answers.
func fuzzFakeRetCode(t *testing.T, fake *fakeapi.Server, form string) int {
	t.Helper()
	req := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	fake.ServeHTTP(rec, req)
	fake.ResetRequests() // the log would otherwise grow with every input
	var answer struct{ RetCode int }
	if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
		t.Fatalf("the fake API answered HTTP %d with %q: %v", rec.Code, rec.Body.String(), err)
	}
	return answer.RetCode
}

// FuzzParseRetryAfter feeds arbitrary Retry-After values to the parser: the
// wait is never negative nor longer than the cap, and a plain number of
// seconds within the cap is taken as it is.
func FuzzParseRetryAfter(f *testing.F) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, seed := range []string{
		"", "0", "7", "120", "-3", "+7", "1.5", " 7", "soon",
		"18446744074", "99999999999999999999999",
		now.Add(90 * time.Second).Format(http.TimeFormat), now.Add(-time.Minute).Format(http.TimeFormat),
		"Fri, 31 Dec 9999 23:59:59 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, value string) {
		h := http.Header{}
		h.Set("Retry-After", value)
		got := parseRetryAfter(h, now)
		if got < 0 || got > maxRetryAfterSeconds*time.Second {
			t.Fatalf("parseRetryAfter(%q) = %v, want within [0, %ds]", value, got, maxRetryAfterSeconds)
		}
		if secs, err := strconv.ParseUint(h.Get("Retry-After"), 10, 64); err == nil && secs <= maxRetryAfterSeconds {
			if want := time.Duration(secs) * time.Second; got != want {
				t.Fatalf("parseRetryAfter(%q) = %v, want %v", value, got, want)
			}
		}
	})
}
