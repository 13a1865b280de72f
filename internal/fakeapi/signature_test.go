package fakeapi

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// The pair and vectors published in UCloud's signature documentation.
const (
	publishedPublicKey  = "ucloudsomeone@example.com1296235120854146120"
	publishedPrivateKey = "46f09bb9fab4f12dfc160dae12273d5332b5debe"
)

var publishedVectors = []struct {
	name   string
	params url.Values
	want   string
}{
	{
		name:   "DescribeUHostInstance",
		params: form("Action", "DescribeUHostInstance", "Region", "cn-bj2", "Limit", "10"),
		want:   "cba5cf5ec4d4233d206b1b54951e3787350a642f",
	},
	{
		name: "CreateUHostInstance",
		params: form("Action", "CreateUHostInstance", "CPU", "2", "ChargeType", "Month", "DiskSpace", "10",
			"ImageId", "f43736e1-65a5-4bea-ad2e-8a46e18883c2", "LoginMode", "Password", "Memory", "2048",
			"Name", "Host01", "Password", "VUNsb3VkLmNu", "Quantity", "1", "Region", "cn-bj2", "Zone", "cn-bj2-04"),
		want: "4f9ef5df2abab2c6fccd1e9515cb7e2df8c6bb65",
	},
}

func TestSign_publishedVectors(t *testing.T) {
	for _, tc := range publishedVectors {
		t.Run(tc.name, func(t *testing.T) {
			p := cloneValues(tc.params)
			p.Set("PublicKey", publishedPublicKey)
			if got := sign(p, publishedPrivateKey); got != tc.want {
				t.Errorf("sign = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestVerify(t *testing.T) {
	base := form("Action", "DescribeUHostInstance", "Region", "cn-bj2", "Limit", "10", "PublicKey", publishedPublicKey)
	good := publishedVectors[0].want
	with := func(mutate func(url.Values)) url.Values {
		p := cloneValues(base)
		p.Set("Signature", good)
		mutate(p)
		return p
	}
	tests := []struct {
		name   string
		params url.Values
		key    string
		want   bool
	}{
		{"published vector", with(func(url.Values) {}), publishedPrivateKey, true},
		{"wrong private key", with(func(url.Values) {}), "another-key", false},
		{"uppercase hex", with(func(p url.Values) { p.Set("Signature", strings.ToUpper(good)) }), publishedPrivateKey, false},
		{"tampered value", with(func(p url.Values) { p.Set("Limit", "100") }), publishedPrivateKey, false},
		{"extra parameter", with(func(p url.Values) { p.Set("Offset", "0") }), publishedPrivateKey, false},
		{"missing parameter", with(func(p url.Values) { p.Del("Limit") }), publishedPrivateKey, false},
		{"repeated name signs its first value", with(func(p url.Values) { p.Add("Limit", "99") }), publishedPrivateKey, true},
		{"empty signature", with(func(p url.Values) { p.Set("Signature", "") }), publishedPrivateKey, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := verify(tc.params, tc.key); got != tc.want {
				t.Errorf("verify = %v, want %v", got, tc.want)
			}
		})
	}
}

// The server accepts the published vector under the published pair: the
// signature check passes and the request fails only because the fake does
// not offer DescribeUHostInstance (161, not 171).
func TestServer_acceptsPublishedVector(t *testing.T) {
	s := New()
	s.keys = map[string]string{publishedPublicKey: publishedPrivateKey}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)

	p := cloneValues(publishedVectors[0].params)
	p.Set("PublicKey", publishedPublicKey)
	p.Set("Signature", publishedVectors[0].want)
	if got := retCode(t, call(t, ts.URL, p)); got != 161 {
		t.Errorf("RetCode = %d, want 161", got)
	}
	p.Set("Limit", "11")
	if got := retCode(t, call(t, ts.URL, p)); got != 171 {
		t.Errorf("tampered: RetCode = %d, want 171", got)
	}
}
