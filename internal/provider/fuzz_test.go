package provider

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// Seeds follow the UCloud CLI's file layout (API-NOTES.md) and the
// CreateTime forms the API uses. `go test` runs every seed; `make fuzz`
// explores further.

// FuzzProfileFiles feeds arbitrary config and credential files to the
// provider's settings: any content gives settings or diagnostics, never a
// panic, and settings that pass carry a request timeout within bounds and a
// base_url without user info.
func FuzzProfileFiles(f *testing.F) {
	for _, seed := range []struct{ config, credential string }{
		{`[{"profile":"default","region":"cn-bj2","zone":"cn-bj2-02","timeout_sec":15,"active":true}]`,
			`[{"profile":"default","public_key":"p","private_key":"k"}]`},
		{`[{"profile":"a","region":"r"},{"profile":"b","region":"s","active":true}]`, `[{"profile":"b","public_key":"p","private_key":"k"}]`},
		{`[{"profile":"default","region":"r","timeout_sec":18446744074}]`, `[{"profile":"default","public_key":"p","private_key":"k"}]`},
		{`[{"profile":"default","region":"r","timeout_sec":-1}]`, `[]`},
		{`[{"profile":"default","region":"r","base_url":"http://u:secret@h/"}]`, `[{"profile":"default","public_key":"p","private_key":"k"}]`},
		{`[{"profile":"default","region":"r","base_url":"ftp://h"}]`, `[{"profile":"default","public_key":"p","private_key":"k"}]`},
		{"", ""},
		{"  \n", "null"},
		{`{"profile":"default"}`, `[1,2,3]`},
		{`[{"profile":"default","region":`, `[{"profile":"default","public_key":"p","private_key":"k"}]`},
	} {
		f.Add(seed.config, seed.credential)
	}
	f.Fuzz(func(t *testing.T, config, credential string) {
		dir := t.TempDir()
		configPath := filepath.Join(dir, "config.json")
		credentialPath := filepath.Join(dir, "credential.json")
		for path, text := range map[string]string{configPath: config, credentialPath: credential} {
			if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		cfg := ucloudProviderModel{
			SharedConfigFile:      types.StringValue(configPath),
			SharedCredentialsFile: types.StringValue(credentialPath),
		}
		var diags diag.Diagnostics
		s := resolveSettings(cfg, func(string) (string, bool) { return "", false }, &diags)
		if diags.HasError() {
			return
		}
		if s.requestTimeout <= 0 || s.requestTimeout > client.MaxRequestTimeout {
			t.Fatalf("request timeout %s is outside (0, %s]", s.requestTimeout, client.MaxRequestTimeout)
		}
		if err := checkAbsoluteHTTPURL(s.baseURL); err != nil {
			t.Fatalf("base_url %q passed: %v", client.RedactedURL(s.baseURL), err)
		}
		if s.publicKey == "" || s.privateKey == "" || s.region == "" {
			t.Fatalf("settings without a required value passed: %+v", s)
		}
	})
}

// FuzzParseCreateTime feeds arbitrary CreateTime text to the parser: empty
// text is never a time, unix seconds are read exactly, and a time read from
// text reads back the same from its own RFC 3339 form.
func FuzzParseCreateTime(f *testing.F) {
	for _, seed := range []string{
		"", "0", "1700000000", "-1", "9223372036854775807", "99999999999999999999",
		"2024-03-01T08:00:00Z", "2024-03-01T08:00:00+08:00", "2024-03-01 08:00:00",
		"2024-02-30 08:00:00", "2024-03-01", "yesterday", " 1700000000",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseCreateTime(s)
		if s == "" && ok {
			t.Fatalf("parseCreateTime(%q) = %v, want no time", s, got)
		}
		if !ok {
			return
		}
		if secs, err := strconv.ParseInt(s, 10, 64); err == nil {
			if got.Unix() != secs {
				t.Fatalf("parseCreateTime(%q).Unix() = %d", s, got.Unix())
			}
			return
		}
		if again, err := time.Parse(time.RFC3339Nano, got.Format(time.RFC3339Nano)); err == nil && !again.Equal(got) {
			t.Fatalf("parseCreateTime(%q) = %v, which reads back as %v", s, got, again)
		}
	})
}
