package fakeapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestServer_commonChecks(t *testing.T) {
	_, base := start(t)
	phost := form("Action", "DescribePHostImage", "Region", Region, "Zone", Zone)
	wrongSig := signed(phost)
	wrongSig.Set("Signature", strings.Repeat("0", 40))
	otherKey := cloneValues(phost)
	otherKey.Set("PublicKey", "someone-else")
	otherKey = signed(otherKey)
	noAction := signed(form("Region", Region))
	unsignedMissing := cloneValues(phost)
	unsignedMissing.Set("PublicKey", PublicKey)

	tests := []struct {
		name       string
		params     url.Values
		wantCode   int
		wantAction string
		wantMsg    string
	}{
		{"missing Action", noAction, 160, "Response", "Missing Action"},
		{"missing Signature", unsignedMissing, 170, "DescribePHostImageResponse", "signature"},
		{"unknown PublicKey", otherKey, 172, "DescribePHostImageResponse", "not exist"},
		{"wrong Signature", wrongSig, 171, "DescribePHostImageResponse", "Signature VerifyAC Error"},
		{"unknown Action", signed(form("Action", "DescribeUHostInstance", "Region", Region)), 161,
			"DescribeUHostInstanceResponse", "Action [DescribeUHostInstance] not exist"},
		// A wrong signature is reported before an unknown Action.
		{"unknown Action, wrong Signature", form("Action", "Nope", "PublicKey", PublicKey, "Signature", "x"), 171, "NopeResponse", "Signature"},
		{"valid", signed(phost), 0, "DescribePHostImageResponse", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := call(t, base, tc.params)
			if code := retCode(t, got); code != tc.wantCode {
				t.Fatalf("RetCode = %d, want %d (%v)", code, tc.wantCode, got["Message"])
			}
			if got["Action"] != tc.wantAction {
				t.Errorf("Action = %v, want %s", got["Action"], tc.wantAction)
			}
			msg, _ := got["Message"].(string)
			if tc.wantMsg != "" && !strings.Contains(msg, tc.wantMsg) {
				t.Errorf("Message = %q, want it to contain %q", msg, tc.wantMsg)
			}
		})
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestServer_headers(t *testing.T) {
	_, base := start(t)
	seen := map[string]bool{}
	for _, p := range []url.Values{
		signed(form("Action", "DescribeUK8SImage", "Region", Region)),
		form("Action", "DescribeUK8SImage"), // rejected calls carry the headers too
		{},
	} {
		resp, _, err := post(t.Context(), base, p)
		if err != nil {
			t.Fatal(err)
		}
		id := resp.Header.Get("X-UCLOUD-REQUEST-UUID")
		if !uuidRE.MatchString(id) {
			t.Errorf("request id %q does not look like a UUID", id)
		}
		if seen[id] {
			t.Errorf("request id %q repeated", id)
		}
		seen[id] = true
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q", ct)
		}
	}
}

// TestServer_onlyFormPosts answers only what the client sends, a form
// POST: the same signed parameters as a GET query or a JSON body carry no
// Action and are refused.
func TestServer_onlyFormPosts(t *testing.T) {
	_, base := start(t)
	p := signed(form("Action", "DescribePHostImage", "Region", Region, "Zone", Zone, "Limit", "5"))
	if out := call(t, base, p); retCode(t, out) != 0 {
		t.Fatalf("the form POST was refused: %v", out)
	}
	get, err := http.NewRequestWithContext(t.Context(), http.MethodGet, base+"/?"+p.Encode(), nil)
	if err != nil {
		t.Fatal(err)
	}
	jsonPost, err := http.NewRequestWithContext(t.Context(), http.MethodPost, base,
		strings.NewReader(`{"Action":"DescribePHostImage","Region":"cn-bj2","Zone":"cn-bj2-02"}`))
	if err != nil {
		t.Fatal(err)
	}
	jsonPost.Header.Set("Content-Type", "application/json")
	for name, req := range map[string]*http.Request{"GET query": get, "JSON body": jsonPost} {
		_, body, err := do(req)
		if err != nil {
			t.Fatal(err)
		}
		var out map[string]any
		if err := json.Unmarshal(body, &out); err != nil {
			t.Fatal(err)
		}
		if rc := retCode(t, out); rc != 160 {
			t.Errorf("%s: RetCode %d, want 160 (no Action)", name, rc)
		}
	}
}

func TestServer_recordsRequests(t *testing.T) {
	s, base := start(t)
	good := signed(form("Action", "DescribePHostImage", "Region", Region, "Zone", Zone))
	bad := form("Action", "DescribeUK8SImage", "Region", Region) // unsigned: rejected, still recorded
	before := time.Now()
	call(t, base, good)
	call(t, base, bad)
	s.AddFault(Fault{RetCode: 150})
	call(t, base, good) // faulted, still recorded

	reqs := s.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests recorded, want 3", len(reqs))
	}
	wantActions := []string{"DescribePHostImage", "DescribeUK8SImage", "DescribePHostImage"}
	for i, r := range reqs {
		if r.Action != wantActions[i] {
			t.Errorf("request %d: Action %q, want %q", i, r.Action, wantActions[i])
		}
		if r.Received.Before(before) || (i > 0 && r.Received.Before(reqs[i-1].Received)) {
			t.Errorf("request %d: Received %v out of order", i, r.Received)
		}
	}
	if got, want := reqs[0].Params.Get("Signature"), good.Get("Signature"); got != want {
		t.Errorf("recorded Signature %q, want %q", got, want)
	}
	if reqs[0].Params.Get("Zone") != Zone {
		t.Errorf("recorded params %v", reqs[0].Params)
	}
	for action, want := range map[string]int{"": 3, "DescribePHostImage": 2, "DescribeUK8SImage": 1, "Other": 0} {
		if got := s.RequestCount(action); got != want {
			t.Errorf("RequestCount(%q) = %d, want %d", action, got, want)
		}
	}

	// The log hands out copies.
	reqs[0].Params.Set("Zone", "changed")
	if s.Requests()[0].Params.Get("Zone") != Zone {
		t.Error("changing a returned Request changed the log")
	}

	s.ResetRequests()
	if n := s.RequestCount(""); n != 0 {
		t.Errorf("after ResetRequests: %d requests", n)
	}
}

func TestServer_latency(t *testing.T) {
	s, base := start(t)
	s.SetLatency(time.Second)
	p := signed(form("Action", "DescribeUK8SImage", "Region", Region))

	begin := time.Now()
	call(t, base, p)
	if d := time.Since(begin); d < time.Second {
		t.Errorf("answered after %v, want at least the 1s latency", d)
	}

	// A client that gives up is not kept waiting.
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	begin = time.Now()
	_, _, err := post(ctx, base, p)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want deadline exceeded", err)
	}
	// A loose bound: only a wait for the whole latency would be wrong.
	if d := time.Since(begin); d > 900*time.Millisecond {
		t.Errorf("canceled call took %v, as if it waited for the latency", d)
	}
}

// A hook may change the data mid-listing without deadlocking, and the change
// shows in the very request that triggered it.
func TestServer_onRequestHook(t *testing.T) {
	s, base := start(t)
	extra := GeneratePHostImages(Zone, 138)[137]
	var mu sync.Mutex
	seen := 0
	s.OnRequest(func(s *Server, req Request) {
		mu.Lock()
		defer mu.Unlock()
		seen++
		if req.Params.Get("Offset") == "20" {
			s.SetPHostImages(append(s.PHostImages(), extra))
			_ = s.RequestCount("")
			s.AddFault(Fault{Action: "Never", Times: 1})
		}
	})
	first := call(t, base, signed(form("Action", "DescribePHostImage", "Region", Region, "Zone", Zone)))
	second := call(t, base, signed(form("Action", "DescribePHostImage", "Region", Region, "Zone", Zone, "Offset", "20")))
	if first["TotalCount"] != 137.0 || second["TotalCount"] != 138.0 {
		t.Errorf("TotalCount %v then %v, want 137 then 138", first["TotalCount"], second["TotalCount"])
	}
	mu.Lock()
	defer mu.Unlock()
	if seen != 2 {
		t.Errorf("hook saw %d requests, want 2", seen)
	}
}

func TestServer_concurrentUse(t *testing.T) {
	s, base := start(t)
	s.AddFault(Fault{RetCode: 153, Times: 5})
	p := signed(form("Action", "DescribeUK8SImage", "Region", Region))
	var wg sync.WaitGroup
	codes := make(chan int, 40)
	for range 40 {
		wg.Go(func() {
			resp, body, err := post(t.Context(), base, p)
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Errorf("err %v", err)
				return
			}
			if strings.Contains(string(body), `"RetCode":153`) {
				codes <- 153
			} else {
				codes <- 0
			}
		})
	}
	wg.Wait()
	close(codes)
	faulted := 0
	for c := range codes {
		if c == 153 {
			faulted++
		}
	}
	if faulted != 5 || s.RequestCount("") != 40 || s.PendingFaults() != 0 {
		t.Errorf("faulted %d (want 5), recorded %d (want 40), pending %d", faulted, s.RequestCount(""), s.PendingFaults())
	}
}
