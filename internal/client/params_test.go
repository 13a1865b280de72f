package client

import (
	"maps"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

func TestPHostRequestParams(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name string
		req  DescribePHostImageRequest
		want map[string]string
	}{
		{
			name: "empty request sends nothing",
			req:  DescribePHostImageRequest{},
			want: map[string]string{},
		},
		{
			name: "every field",
			req: DescribePHostImageRequest{
				Region: "cn-bj2", Zone: "cn-bj2-02", ProjectID: "org-1", ImageType: "Base",
				ImageIDs: []string{"pimg-a", "pimg-b", "pimg-c"}, MachineType: "Network", Cluster: "25G",
				Offset: 40, Limit: 20,
			},
			want: map[string]string{
				"Region": "cn-bj2", "Zone": "cn-bj2-02", "ProjectId": "org-1", "ImageType": "Base",
				"ImageId.0": "pimg-a", "ImageId.1": "pimg-b", "ImageId.2": "pimg-c",
				"MachineType": "Network", "Cluster": "25G", "Offset": "40", "Limit": "20",
			},
		},
		{
			name: "zero ints and empty strings are omitted",
			req:  DescribePHostImageRequest{Zone: "cn-bj2-02", Offset: 0, Limit: 0, Region: ""},
			want: map[string]string{"Zone": "cn-bj2-02"},
		},
		{
			name: "integers are decimal",
			req:  DescribePHostImageRequest{Offset: 1000000, Limit: 7},
			want: map[string]string{"Offset": "1000000", "Limit": "7"},
		},
		{
			name: "single list element is Name.0",
			req:  DescribePHostImageRequest{ImageIDs: []string{"only"}},
			want: map[string]string{"ImageId.0": "only"},
		},
		{
			name: "empty list sends nothing",
			req:  DescribePHostImageRequest{ImageIDs: []string{}},
			want: map[string]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := map[string]string(tt.req.params())
			if !maps.Equal(got, tt.want) {
				t.Errorf("params() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestUK8SRequestParams(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name string
		req  DescribeUK8SImageRequest
		want map[string]string
	}{
		{name: "empty", req: DescribeUK8SImageRequest{}, want: map[string]string{}},
		{
			name: "every field",
			req: DescribeUK8SImageRequest{
				Region: "cn-bj2", Zone: "cn-bj2-02", ProjectID: "org-1", ProductType: "uphost",
				MachineType: "G", GPUType: "4090", K8sVersion: "1.28.15",
			},
			want: map[string]string{
				"Region": "cn-bj2", "Zone": "cn-bj2-02", "ProjectId": "org-1", "ProductType": "uphost",
				"MachineType": "G", "GPUType": "4090", "K8sVersion": "1.28.15",
			},
		},
		{
			name: "only region",
			req:  DescribeUK8SImageRequest{Region: "hk"},
			want: map[string]string{"Region": "hk"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := map[string]string(tt.req.params())
			if !maps.Equal(got, tt.want) {
				t.Errorf("params() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLogForm(t *testing.T) {
	t.Parallel()

	base := params{"Action": "DescribePHostImage", "Region": "cn-bj2", "Zone": "cn-bj2-02", "Limit": "100"}

	t.Run("canonical form", func(t *testing.T) {
		t.Parallel()
		want := "Action=DescribePHostImage&Limit=100&Region=cn-bj2&Zone=cn-bj2-02&"
		if got := base.logForm(); got != want {
			t.Errorf("logForm = %q, want %q", got, want)
		}
	})

	t.Run("order independent", func(t *testing.T) {
		t.Parallel()
		// Build the same parameters in several insertion orders.
		orders := [][]string{
			{"Action", "Region", "Zone", "Limit"},
			{"Limit", "Zone", "Region", "Action"},
			{"Zone", "Action", "Limit", "Region"},
		}
		want := base.logForm()
		for _, order := range orders {
			p := params{}
			for _, name := range order {
				p[name] = base[name]
			}
			for range 20 {
				if got := p.logForm(); got != want {
					t.Fatalf("logForm for order %v = %q, want %q", order, got, want)
				}
			}
		}
	})

	t.Run("credentials excluded", func(t *testing.T) {
		t.Parallel()
		p := maps.Clone(base)
		p["PublicKey"] = testPublicKey
		p["Signature"] = "cba5cf5ec4d4233d206b1b54951e3787350a642f"
		got := p.logForm()
		if got != base.logForm() {
			t.Errorf("logForm with credentials = %q, want %q", got, base.logForm())
		}
		for _, secret := range []string{"PublicKey", "Signature", "cba5cf5e", "ucloudsomeone"} {
			if strings.Contains(got, secret) {
				t.Errorf("logForm %q contains %q", got, secret)
			}
		}
	})

	t.Run("distinct parameters give distinct keys", func(t *testing.T) {
		t.Parallel()
		variants := []params{
			base,
			{"Action": "DescribePHostImage", "Region": "cn-bj2", "Zone": "cn-bj2-02", "Limit": "37"},
			{"Action": "DescribePHostImage", "Region": "cn-bj2", "Zone": "cn-bj2-03", "Limit": "100"},
			{"Action": "DescribeUK8SImage", "Region": "cn-bj2", "Zone": "cn-bj2-02", "Limit": "100"},
			{"Action": "DescribePHostImage", "Region": "cn-bj2", "Zone": "cn-bj2-02", "Limit": "100", "Offset": "100"},
			// Separator injection must not collide.
			{"A": "b&C=d"},
			{"A": "b", "C": "d"},
			{"A=b": ""},
			{"A": "=b"},
		}
		seen := map[string]int{}
		for i, p := range variants {
			k := p.logForm()
			if j, dup := seen[k]; dup {
				t.Errorf("variants %d (%v) and %d (%v) share logForm %q", j, variants[j], i, p, k)
			}
			seen[k] = i
		}
	})
}

func TestFormRoundTrip(t *testing.T) {
	t.Parallel()

	p := params{"Name": "a b&c=d+e%", "ImageId.0": "中文", "Empty": ""}
	got, err := url.ParseQuery(p.form())
	if err != nil {
		t.Fatalf("form() is not a valid query: %v", err)
	}
	for name, want := range p {
		if got.Get(name) != want || len(got[name]) != 1 {
			t.Errorf("form round trip: %s = %q, want exactly %q", name, got[name], want)
		}
	}
	if len(got) != len(p) {
		t.Errorf("form round trip has %d names, want %d", len(got), len(p))
	}
}

// TestRequestOnTheWire checks what the server receives: a signed POST form
// whose signature verifies over exactly the received strings.
func TestRequestOnTheWire(t *testing.T) {
	t.Parallel()

	type received struct {
		method, contentType, userAgent, rawQuery string
		form                                     url.Values
	}

	tests := []struct {
		name      string
		userAgent string
		do        func(t *testing.T, c *Client) error
		action    string
		want      map[string]string // parameters besides Action, PublicKey, Signature
	}{
		{
			name:      "DescribePHostImage with tricky list values",
			userAgent: "terraform-provider-ucloud/test (+https://example.com)",
			do: func(t *testing.T, c *Client) error {
				_, err := c.describePHostImage(t.Context(), &DescribePHostImageRequest{
					Region: "cn-bj2", Zone: "cn-bj2-02", ImageIDs: []string{"a b", "x&y=z", "中文+%", "Signature"},
					Offset: 0, Limit: 15,
				})
				return err
			},
			action: ActionDescribePHostImage,
			want: map[string]string{
				"Region": "cn-bj2", "Zone": "cn-bj2-02", "Limit": "15",
				"ImageId.0": "a b", "ImageId.1": "x&y=z", "ImageId.2": "中文+%", "ImageId.3": "Signature",
			},
		},
		{
			name:      "DescribeUK8SImage",
			userAgent: "ua-2",
			do: func(t *testing.T, c *Client) error {
				_, err := c.DescribeUK8SImage(t.Context(), &DescribeUK8SImageRequest{
					Region: "cn-sh2", ProjectID: "org-xyz", MachineType: "G", GPUType: "A800",
				})
				return err
			},
			action: ActionDescribeUK8SImage,
			want: map[string]string{
				"Region": "cn-sh2", "ProjectId": "org-xyz", "MachineType": "G", "GPUType": "A800",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var (
				mu   sync.Mutex
				reqs []received
			)
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
				form := readForm(t, r)
				mu.Lock()
				reqs = append(reqs, received{
					method: r.Method, contentType: r.Header.Get("Content-Type"),
					userAgent: r.UserAgent(), rawQuery: r.URL.RawQuery, form: form,
				})
				mu.Unlock()
				writeJSON(w, http.StatusOK, "uuid-1", `{"RetCode":0,"Action":"`+tt.action+`Response","TotalCount":0}`)
			})
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.UserAgent = tt.userAgent })
			if err := tt.do(t, c); err != nil {
				t.Fatalf("call: %v", err)
			}

			mu.Lock()
			defer mu.Unlock()
			if len(reqs) != 1 {
				t.Fatalf("server saw %d requests, want 1", len(reqs))
			}
			got := reqs[0]
			if got.method != http.MethodPost {
				t.Errorf("method = %s, want POST", got.method)
			}
			if got.contentType != "application/x-www-form-urlencoded" {
				t.Errorf("Content-Type = %q, want application/x-www-form-urlencoded", got.contentType)
			}
			if got.userAgent != tt.userAgent {
				t.Errorf("User-Agent = %q, want %q", got.userAgent, tt.userAgent)
			}
			if got.rawQuery != "" {
				t.Errorf("URL query = %q, want none (parameters belong in the body)", got.rawQuery)
			}

			flat := map[string]string{}
			for name, values := range got.form {
				if len(values) != 1 {
					t.Errorf("parameter %s sent %d times, want once", name, len(values))
				}
				flat[name] = values[0]
			}
			if flat["Action"] != tt.action {
				t.Errorf("Action = %q, want %q", flat["Action"], tt.action)
			}
			if flat["PublicKey"] != testPublicKey {
				t.Errorf("PublicKey = %q, want %q", flat["PublicKey"], testPublicKey)
			}
			sig := flat["Signature"]
			if len(sig) != 40 {
				t.Fatalf("Signature = %q, want 40 hex digits", sig)
			}
			unsigned := maps.Clone(flat)
			delete(unsigned, "Signature")
			if want := Sign(unsigned, testPrivateKey); sig != want {
				t.Errorf("Signature = %s, but re-signing the received parameters gives %s", sig, want)
			}
			if strings.Contains(strings.Join(got.form["PrivateKey"], ""), testPrivateKey) {
				t.Errorf("the private key was sent")
			}
			for name, values := range got.form {
				for _, v := range values {
					if strings.Contains(v, testPrivateKey) {
						t.Errorf("parameter %s carries the private key", name)
					}
				}
			}

			rest := maps.Clone(unsigned)
			delete(rest, "Action")
			delete(rest, "PublicKey")
			if !maps.Equal(rest, tt.want) {
				t.Errorf("parameters = %v, want %v", rest, tt.want)
			}
		})
	}
}
