package client

import (
	"crypto/sha1" //nolint:gosec // The algorithm under test prescribes SHA-1.
	"encoding/hex"
	"testing"
)

func TestSignPublishedVectors(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name   string
		params map[string]string
		want   string
	}{
		{
			name: "DescribeUHostInstance",
			params: map[string]string{
				"Action":    "DescribeUHostInstance",
				"Region":    "cn-bj2",
				"Limit":     "10",
				"PublicKey": testPublicKey,
			},
			want: "cba5cf5ec4d4233d206b1b54951e3787350a642f",
		},
		{
			name: "CreateUHostInstance",
			params: map[string]string{ //nolint:gosec // The published test vector, not a credential.
				"Action":     "CreateUHostInstance",
				"CPU":        "2",
				"ChargeType": "Month",
				"DiskSpace":  "10",
				"ImageId":    "f43736e1-65a5-4bea-ad2e-8a46e18883c2",
				"LoginMode":  "Password",
				"Memory":     "2048",
				"Name":       "Host01",
				"Password":   "VUNsb3VkLmNu",
				"Quantity":   "1",
				"Region":     "cn-bj2",
				"Zone":       "cn-bj2-04",
				"PublicKey":  testPublicKey,
			},
			want: "4f9ef5df2abab2c6fccd1e9515cb7e2df8c6bb65",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Sign(tt.params, testPrivateKey); got != tt.want {
				t.Errorf("Sign = %s, want %s", got, tt.want)
			}

			// A Signature parameter already present is not signed.
			withSig := make(map[string]string, len(tt.params)+1)
			for k, v := range tt.params {
				withSig[k] = v
			}
			withSig["Signature"] = "0000000000000000000000000000000000000000"
			if got := Sign(withSig, testPrivateKey); got != tt.want {
				t.Errorf("Sign with a Signature parameter = %s, want %s (Signature must be excluded)", got, tt.want)
			}

			// Dropping PublicKey must change the result: it is signed.
			noKey := make(map[string]string, len(tt.params))
			for k, v := range tt.params {
				if k != "PublicKey" {
					noKey[k] = v
				}
			}
			if got := Sign(noKey, testPrivateKey); got == tt.want {
				t.Errorf("Sign without PublicKey = %s, the same as with it; PublicKey must be signed", got)
			}

			// Another private key gives another signature.
			if got := Sign(tt.params, testPrivateKey+"x"); got == tt.want {
				t.Errorf("Sign with another private key = %s, want a different signature", got)
			}
		})
	}
}

// TestSignRawConcatenation checks the signed string against a hand-written
// concatenation: names sorted in byte order (upper case before lower case),
// name+value with no separators, no URL escaping, private key last.
func TestSignRawConcatenation(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name   string
		params map[string]string
		signed string
	}{
		{
			name:   "byte order sorts upper case first",
			params: map[string]string{"b": "1", "B": "2", "a": "3", "A": "4"},
			signed: "A4B2a3b1",
		},
		{
			name:   "values are not escaped",
			params: map[string]string{"Name": "a b&c=d+e%", "ImageId.0": "中文"},
			signed: "ImageId.0中文Namea b&c=d+e%",
		},
		{
			name:   "list indexes sort as strings",
			params: map[string]string{"Id.10": "x", "Id.2": "y", "Id.1": "z"},
			signed: "Id.1zId.10xId.2y",
		},
		{
			name:   "empty parameter set signs the key alone",
			params: map[string]string{},
			signed: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sum := sha1.Sum([]byte(tt.signed + testPrivateKey)) //nolint:gosec // See the import comment.
			want := hex.EncodeToString(sum[:])
			if got := Sign(tt.params, testPrivateKey); got != want {
				t.Errorf("Sign = %s, want SHA-1 of %q + key = %s", got, tt.signed, want)
			}
		})
	}
}
