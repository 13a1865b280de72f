package client

import (
	"crypto/sha1" //nolint:gosec // SHA-1 is what the UCloud signature algorithm prescribes.
	"encoding/hex"
	"sort"
	"strings"
)

// Sign returns the UCloud request signature for params: the lowercase hex
// SHA-1 of every parameter except Signature, sorted by name in byte order,
// written as name+value with no separators, followed by the private key.
func Sign(params map[string]string, privateKey string) string {
	names := make([]string, 0, len(params))
	for name := range params {
		if name != paramSignature {
			names = append(names, name)
		}
	}
	sort.Strings(names)

	var b strings.Builder
	for _, name := range names {
		b.WriteString(name)
		b.WriteString(params[name])
	}
	b.WriteString(privateKey)

	sum := sha1.Sum([]byte(b.String())) //nolint:gosec // See the import comment.
	return hex.EncodeToString(sum[:])
}
