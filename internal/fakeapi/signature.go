package fakeapi

import (
	"crypto/sha1" //nolint:gosec // SHA-1 is what the published UCloud signature algorithm uses.
	"crypto/subtle"
	"encoding/hex"
	"net/url"
	"sort"
	"strings"
)

// sign computes the UCloud request signature of params with privateKey:
// every parameter except Signature, sorted by name in byte order, each
// written as name+value (the first value of a repeated name), then the
// private key, hashed with SHA-1 and rendered as lowercase hex.
//
// It is written from the published algorithm, not shared with the client,
// so that the fake cross-checks the client instead of agreeing with it.
func sign(params url.Values, privateKey string) string {
	names := make([]string, 0, len(params))
	for name := range params {
		if name != "Signature" {
			names = append(names, name)
		}
	}
	sort.Strings(names) // byte order, as the algorithm requires

	var b strings.Builder
	for _, name := range names {
		b.WriteString(name)
		if vs := params[name]; len(vs) > 0 {
			b.WriteString(vs[0])
		}
	}
	b.WriteString(privateKey)

	sum := sha1.Sum([]byte(b.String())) //nolint:gosec // mandated by the API.
	return hex.EncodeToString(sum[:])
}

// verify reports whether params carry the right Signature for privateKey.
// The comparison is exact: the API wants lowercase hex, so an uppercase
// signature is a client bug the fake should surface.
func verify(params url.Values, privateKey string) bool {
	want := sign(params, privateKey)
	got := params.Get("Signature")
	return subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}
