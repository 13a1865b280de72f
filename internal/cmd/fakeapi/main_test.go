package main

import (
	"bufio"
	"context"
	"crypto/sha1" //nolint:gosec // the API's signature algorithm
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// started is a run in progress.
type started struct {
	url   string
	stdin *io.PipeWriter
	done  chan error
	rest  chan string // whatever stdout holds after the first line
}

func startRun(t *testing.T, ctx context.Context, args ...string) *started {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	s := &started{stdin: inW, done: make(chan error, 1), rest: make(chan string, 1)}
	go func() {
		err := run(ctx, args, inR, outW)
		_ = outW.Close()
		s.done <- err
	}()
	br := bufio.NewReader(outR)
	line, err := br.ReadString('\n')
	if err != nil {
		t.Fatalf("reading the URL line: %v", err)
	}
	go func() {
		b, _ := io.ReadAll(br)
		s.rest <- string(b)
	}()
	if !regexp.MustCompile(`^http://127\.0\.0\.1:[0-9]+\n$`).MatchString(line) {
		t.Fatalf("first line %q", line)
	}
	s.url = strings.TrimSpace(line)
	t.Cleanup(func() { _ = inW.Close() })
	return s
}

// wait returns run's result, failing the test if it does not end.
func (s *started) wait(t *testing.T) error {
	t.Helper()
	select {
	case err := <-s.done:
		if rest := <-s.rest; rest != "" {
			t.Errorf("extra stdout output %q", rest)
		}
		return err
	case <-time.After(5 * time.Second):
		t.Fatal("run did not stop")
		return nil
	}
}

// signedCall posts a signed call and decodes the answer.
func signedCall(t *testing.T, base string, kv ...string) map[string]any {
	t.Helper()
	v := url.Values{"PublicKey": {fakeapi.PublicKey}}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	names := make([]string, 0, len(v))
	for n := range v {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		b.WriteString(n + v.Get(n))
	}
	sum := sha1.Sum([]byte(b.String() + fakeapi.PrivateKey)) //nolint:gosec // the API's algorithm
	v.Set("Signature", hex.EncodeToString(sum[:]))

	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, base, strings.NewReader(v.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRun_stdinEOF(t *testing.T) {
	countFile := filepath.Join(t.TempDir(), "count")
	s := startRun(t, t.Context(), "-phost-images", "1000", "-max-page-size", "50", "-count-file", countFile)

	out := signedCall(t, s.url, "Action", "DescribePHostImage", "Region", fakeapi.Region, "Zone", fakeapi.Zone, "Limit", "100")
	set, _ := out["ImageSet"].([]any)
	if out["RetCode"] != 0.0 || out["TotalCount"] != 1000.0 || len(set) != 50 {
		t.Errorf("RetCode %v, TotalCount %v, %d images; want 0, 1000, 50", out["RetCode"], out["TotalCount"], len(set))
	}
	other := signedCall(t, s.url, "Action", "DescribePHostImage", "Region", fakeapi.Region, "Zone", "cn-bj2-03")
	if other["TotalCount"] != 12.0 {
		t.Errorf("cn-bj2-03 TotalCount %v, want 12 (other zones kept)", other["TotalCount"])
	}
	signedCall(t, s.url, "Action", "Nope")

	_ = s.stdin.Close()
	if err := s.wait(t); err != nil {
		t.Fatalf("run: %v", err)
	}
	b, err := os.ReadFile(countFile) //nolint:gosec // the test's own temporary file
	if err != nil || string(b) != "3" {
		t.Errorf("count file %q, %v; want \"3\"", b, err)
	}
}

func TestRun_rateLimiting(t *testing.T) {
	dir := t.TempDir()
	countFile, refusedFile := filepath.Join(dir, "count"), filepath.Join(dir, "refused")
	s := startRun(t, t.Context(), "-throttle-for", "1h", "-count-file", countFile, "-refused-file", refusedFile)
	for range 2 {
		if out := signedCall(t, s.url, "Action", "DescribeUK8SImage", "Region", fakeapi.Region); out["RetCode"] != 153.0 {
			t.Errorf("RetCode %v within -throttle-for, want 153", out["RetCode"])
		}
	}
	_ = s.stdin.Close()
	if err := s.wait(t); err != nil {
		t.Fatalf("run: %v", err)
	}
	for path, want := range map[string]string{countFile: "2", refusedFile: "2"} {
		if b, err := os.ReadFile(path); err != nil || string(b) != want { //nolint:gosec // the test's own temporary file
			t.Errorf("%s holds %q, %v; want %q", filepath.Base(path), b, err, want)
		}
	}

	// -rate-limit 2 lets one second's worth through, then refuses.
	s = startRun(t, t.Context(), "-rate-limit", "2")
	var codes []any
	for range 3 {
		codes = append(codes, signedCall(t, s.url, "Action", "DescribeUK8SImage", "Region", fakeapi.Region)["RetCode"])
	}
	if codes[0] != 0.0 || codes[1] != 0.0 || codes[2] != 153.0 {
		t.Errorf("RetCodes %v under -rate-limit 2, want [0 0 153]", codes)
	}
}

func TestRun_contextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	s := startRun(t, ctx, "-latency", "10ms")
	begin := time.Now()
	signedCall(t, s.url, "Action", "DescribeUK8SImage", "Region", fakeapi.Region)
	if time.Since(begin) < 10*time.Millisecond {
		t.Error("-latency ignored")
	}
	cancel() // what SIGINT and SIGTERM do through signal.NotifyContext
	if err := s.wait(t); err != nil {
		t.Fatalf("run: %v", err)
	}
}

func TestRun_badArguments(t *testing.T) {
	for _, args := range [][]string{
		{"-addr", "0.0.0.0:0"},
		{"-addr", "localhost:0"},
		{"-addr", "127.0.0.1"},
		{"-latency", "soon"},
		{"-throttle-for", "soon"},
		{"-rate-limit", "many"},
		{"extra"},
	} {
		if err := run(t.Context(), args, nil, io.Discard); err == nil {
			t.Errorf("run %q succeeded", args)
		}
	}
}
