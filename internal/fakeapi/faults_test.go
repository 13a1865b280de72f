package fakeapi

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

var uk8sOK = signed(form("Action", "DescribeUK8SImage", "Region", Region))

// answerOf summarizes one response for comparison.
type answerOf struct {
	status      int
	contentType string
	retCode     int // -1: body is not JSON
	body        string
}

func fetch(ctx context.Context, base string) (answerOf, reply, error) {
	resp, body, err := post(ctx, base, uk8sOK)
	if err != nil {
		return answerOf{}, reply{}, err
	}
	a := answerOf{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), retCode: -1, body: string(body)}
	var m struct{ RetCode *int }
	if json.Unmarshal(body, &m) == nil && m.RetCode != nil {
		a.retCode = *m.RetCode
	}
	return a, resp, nil
}

func TestFault_kinds(t *testing.T) {
	tests := []struct {
		name  string
		fault Fault
		check func(t *testing.T, a answerOf, resp reply)
	}{
		{"RetCode", Fault{RetCode: 153}, func(t *testing.T, a answerOf, _ reply) {
			var m errorResponse
			if err := json.Unmarshal([]byte(a.body), &m); err != nil {
				t.Fatal(err)
			}
			if a.status != 200 || m.RetCode != 153 || m.Action != "DescribeUK8SImageResponse" || m.Message == "" {
				t.Errorf("got %d %+v", a.status, m)
			}
		}},
		{"RetCode 161 names the action", Fault{RetCode: 161}, func(t *testing.T, a answerOf, _ reply) {
			if !strings.Contains(a.body, "Action [DescribeUK8SImage] not exist") {
				t.Errorf("body %s", a.body)
			}
		}},
		{"RetCode with HTTP status", Fault{RetCode: 153, HTTPStatus: 429, RetryAfter: "2"}, func(t *testing.T, a answerOf, resp reply) {
			if a.status != 429 || a.retCode != 153 || resp.Header.Get("Retry-After") != "2" || a.contentType != "application/json" {
				t.Errorf("got %+v, Retry-After %q", a, resp.Header.Get("Retry-After"))
			}
		}},
		{"HTTP status gives a gateway page", Fault{HTTPStatus: 502, RetryAfter: "7"}, func(t *testing.T, a answerOf, resp reply) {
			if a.status != 502 || a.contentType != "text/html" || !strings.Contains(a.body, "502 Bad Gateway") || a.retCode != -1 {
				t.Errorf("got %+v", a)
			}
			if resp.Header.Get("Retry-After") != "7" {
				t.Errorf("Retry-After %q", resp.Header.Get("Retry-After"))
			}
			if resp.Header.Get("X-UCLOUD-REQUEST-UUID") == "" {
				t.Error("no request id on a faulted answer")
			}
		}},
		{"HTTP status with body and type", Fault{HTTPStatus: 503, Body: `{"oops":1}`, ContentType: "application/json"},
			func(t *testing.T, a answerOf, _ reply) {
				if a.status != 503 || a.body != `{"oops":1}` || a.contentType != "application/json" {
					t.Errorf("got %+v", a)
				}
			}},
		{"truncated JSON", Fault{HTTPStatus: 200, Body: `{"RetCode":0,"Action":"DescribeUK8SImageResponse","ImageSet":[{"ImageId":"ui`},
			func(t *testing.T, a answerOf, _ reply) {
				if a.status != 200 || a.contentType != "application/json" || !strings.HasSuffix(a.body, `"ui`) || a.retCode != -1 {
					t.Errorf("got %+v", a)
				}
			}},
		{"body without status", Fault{Body: "not json"}, func(t *testing.T, a answerOf, _ reply) {
			if a.status != 200 || a.body != "not json" {
				t.Errorf("got %+v", a)
			}
		}},
		{"delay only answers normally", Fault{Delay: 120 * time.Millisecond}, func(t *testing.T, a answerOf, _ reply) {
			if a.status != 200 || a.retCode != 0 || !strings.Contains(a.body, "ImageSet") {
				t.Errorf("got %+v", a)
			}
		}},
		{"delay then RetCode", Fault{Delay: 120 * time.Millisecond, RetCode: 2001}, func(t *testing.T, a answerOf, _ reply) {
			if a.retCode != 2001 {
				t.Errorf("got %+v", a)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, base := start(t)
			s.AddFault(tc.fault)
			begin := time.Now()
			a, resp, err := fetch(t.Context(), base)
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(begin); d < tc.fault.Delay {
				t.Errorf("answered after %v, want at least %v", d, tc.fault.Delay)
			}
			tc.check(t, a, resp)
			if s.PendingFaults() != 0 || s.RequestCount("DescribeUK8SImage") != 1 {
				t.Errorf("pending %d, recorded %d", s.PendingFaults(), s.RequestCount(""))
			}
			// The next request is answered normally.
			if a, _, err := fetch(t.Context(), base); err != nil || a.retCode != 0 {
				t.Errorf("after the fault: %+v, %v", a, err)
			}
		})
	}
}

func TestFault_dropConnection(t *testing.T) {
	s, base := start(t)
	s.AddFault(Fault{DropConnection: true})
	_, _, err := fetch(t.Context(), base)
	if err == nil {
		t.Fatal("dropped connection gave an answer")
	}
	if s.RequestCount("") != 1 || s.PendingFaults() != 0 {
		t.Errorf("recorded %d, pending %d; want 1 and 0", s.RequestCount(""), s.PendingFaults())
	}
	if a, _, err := fetch(t.Context(), base); err != nil || a.retCode != 0 {
		t.Errorf("after the drop: %+v, %v", a, err)
	}
}

func TestFault_delayRespectsCancellation(t *testing.T) {
	s, base := start(t)
	s.AddFault(Fault{Delay: 5 * time.Second, RetCode: 150})
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel()
	begin := time.Now()
	_, _, err := fetch(ctx, base)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want deadline exceeded", err)
	}
	if d := time.Since(begin); d > time.Second {
		t.Errorf("took %v", d)
	}
	if s.PendingFaults() != 0 {
		t.Error("the delayed fault was not used up")
	}
}

// Faults are taken in queue order, each for its Times, and only by the
// requests their Action and Match select.
func TestFault_queue(t *testing.T) {
	phost := func(offset string) map[string]string {
		return map[string]string{"Action": "DescribePHostImage", "Region": Region, "Zone": Zone, "Offset": offset}
	}
	uk8s := map[string]string{"Action": "DescribeUK8SImage", "Region": Region}
	tests := []struct {
		name   string
		faults []Fault
		calls  []map[string]string
		want   []int // RetCode per call
	}{
		{"Times", []Fault{{RetCode: 150, Times: 2}}, []map[string]string{uk8s, uk8s, uk8s}, []int{150, 150, 0}},
		{"Times 0 means once", []Fault{{RetCode: 150}}, []map[string]string{uk8s, uk8s}, []int{150, 0}},
		{"order", []Fault{{RetCode: 150}, {RetCode: 153, Times: 2}}, []map[string]string{uk8s, uk8s, uk8s, uk8s}, []int{150, 153, 153, 0}},
		{"Action", []Fault{{Action: "DescribeUK8SImage", RetCode: 153}},
			[]map[string]string{phost("0"), uk8s, phost("0")}, []int{0, 153, 0}},
		{"first fitting fault wins", []Fault{{Action: "DescribeUK8SImage", RetCode: 153}, {RetCode: 150}},
			[]map[string]string{phost("0"), uk8s, uk8s}, []int{150, 153, 0}},
		{"Match", []Fault{{Match: func(r Request) bool { return r.Params.Get("Offset") == "20" }, RetCode: 2001, Times: 3}},
			[]map[string]string{phost("0"), phost("20"), phost("40"), phost("20")}, []int{0, 2001, 0, 2001}},
		{"Action and Match", []Fault{{Action: "DescribePHostImage", Match: func(r Request) bool { return r.Params.Get("Zone") != "" }, RetCode: 110}},
			[]map[string]string{uk8s, phost("0"), phost("0")}, []int{0, 110, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, base := start(t)
			total := 0
			for _, f := range tc.faults {
				s.AddFault(f)
				total += max(f.Times, 1)
			}
			if s.PendingFaults() != total {
				t.Errorf("PendingFaults = %d, want %d", s.PendingFaults(), total)
			}
			for i, c := range tc.calls {
				var kv []string
				for k, v := range c {
					kv = append(kv, k, v)
				}
				if got := retCode(t, call(t, base, signed(form(kv...)))); got != tc.want[i] {
					t.Errorf("call %d: RetCode %d, want %d", i, got, tc.want[i])
				}
			}
			if s.RequestCount("") != len(tc.calls) {
				t.Errorf("recorded %d requests, want %d", s.RequestCount(""), len(tc.calls))
			}
		})
	}
}

// Faults hit requests before authentication, as a gateway would.
func TestFault_beforeChecks(t *testing.T) {
	s, base := start(t)
	s.AddFault(Fault{RetCode: 150})
	if got := retCode(t, call(t, base, form("Action", "DescribeUK8SImage"))); got != 150 {
		t.Errorf("RetCode %d, want 150", got)
	}
}
