package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// requireWarnings checks that diags hold no error and exactly the given
// number of warnings, each containing every string in want.
func requireWarnings(t *testing.T, diags diag.Diagnostics, count int, want ...string) {
	t.Helper()
	if diags.ErrorsCount() != 0 || diags.WarningsCount() != count {
		t.Fatalf("want %d warnings and no error, got:\n%s", count, settingsDiagText(diags))
	}
	text := settingsDiagText(diags)
	for _, s := range want {
		if !strings.Contains(text, s) {
			t.Errorf("diagnostics do not mention %q:\n%s", s, text)
		}
	}
}

// TestResolveSettings_keyPrecedence covers where the keys come from, as in
// UCloud's official provider: the provider block, else a profile named by
// profile or UCLOUD_PROFILE (over the key variables), else the key
// variables, else the active profile.
func TestResolveSettings_keyPrecedence(t *testing.T) {
	configs := []cliConfigEntry{
		{Profile: "default", Region: "default-region", Active: true},
		{Profile: "ci", Region: "ci-region"},
		{Profile: "config-only", Region: "config-only-region"},
	}
	creds := []cliCredentialEntry{
		{Profile: "default", PublicKey: "default-public", PrivateKey: "default-private"},
		{Profile: "ci", PublicKey: "ci-public", PrivateKey: "ci-private"},
	}
	envKeys := mapEnv{envPublicKey: "env-public", envPrivateKey: "env-private"}
	with := func(env mapEnv, extra map[string]string) mapEnv {
		out := mapEnv{}
		for k, v := range env {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	tests := []struct {
		name     string
		cfg      ucloudProviderModel
		env      mapEnv
		wantKeys string // prefix of both keys
		warnings int
		warnText []string
	}{
		{name: "provider block beats a named profile and the variables",
			cfg: ucloudProviderModel{PublicKey: types.StringValue("block-public"), PrivateKey: types.StringValue("block-private")},
			env: with(envKeys, map[string]string{envProfile: "ci"}), wantKeys: "block"},
		{name: "profile attribute beats the variables, with a warning",
			cfg: ucloudProviderModel{Profile: types.StringValue("ci")}, env: envKeys, wantKeys: "ci",
			warnings: 1, warnText: []string{`Profile "ci" was named by the provider block`, "UCLOUD_PUBLIC_KEY and UCLOUD_PRIVATE_KEY ignored"}},
		{name: "UCLOUD_PROFILE beats the variables, with a warning",
			env: with(envKeys, map[string]string{envProfile: "ci"}), wantKeys: "ci",
			warnings: 1, warnText: []string{`Profile "ci" was named by the UCLOUD_PROFILE environment variable`, "UCLOUD_PUBLIC_KEY and UCLOUD_PRIVATE_KEY ignored"}},
		{name: "only the variable that differs is named",
			env: mapEnv{envProfile: "ci", envPublicKey: "env-public", envPrivateKey: "ci-private"}, wantKeys: "ci",
			warnings: 1, warnText: []string{"and UCLOUD_PUBLIC_KEY ignored"}},
		{name: "variables equal to the profile's keys draw no warning",
			env: mapEnv{envProfile: "ci", envPublicKey: "ci-public", envPrivateKey: "ci-private"}, wantKeys: "ci"},
		{name: "named profile without keys leaves the variables",
			cfg: ucloudProviderModel{Profile: types.StringValue("config-only")}, env: envKeys, wantKeys: "env"},
		{name: "variables beat the active profile", env: envKeys, wantKeys: "env"},
		{name: "active profile alone", env: mapEnv{}, wantKeys: "default"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := emptyTestHome(t)
			writeDefaultProfiles(t, home, configs, creds)

			s, diags := resolveForTest(tt.cfg, tt.env)
			requireWarnings(t, diags, tt.warnings, tt.warnText...)
			if s.publicKey != tt.wantKeys+"-public" || s.privateKey != tt.wantKeys+"-private" {
				t.Errorf("keys = %q/%q, want %s-public/%s-private", s.publicKey, s.privateKey, tt.wantKeys, tt.wantKeys)
			}
			for _, secret := range []string{"env-private", "ci-private", "default-private", "block-private"} {
				if strings.Contains(settingsDiagText(diags), secret) {
					t.Errorf("a warning quotes the private key %q:\n%s", secret, settingsDiagText(diags))
				}
			}
		})
	}
}

// TestResolveSettings_severalActiveProfiles: of several profiles marked
// active the last wins, as in UCloud's SDK, with a warning naming them.
func TestResolveSettings_severalActiveProfiles(t *testing.T) {
	tests := []struct {
		name     string
		active   []bool
		want     string
		warnings int
	}{
		{name: "last of three", active: []bool{true, false, true}, want: "c", warnings: 1},
		{name: "all", active: []bool{true, true, true}, want: "c", warnings: 1},
		{name: "one", active: []bool{false, true, false}, want: "b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := emptyTestHome(t)
			var configs []cliConfigEntry
			var creds []cliCredentialEntry
			for i, name := range []string{"a", "b", "c"} {
				configs = append(configs, cliConfigEntry{Profile: name, Region: name + "-region", Active: tt.active[i]})
				creds = append(creds, cliCredentialEntry{Profile: name, PublicKey: name + "-public", PrivateKey: name + "-private"})
			}
			writeDefaultProfiles(t, home, configs, creds)

			s, diags := resolveForTest(ucloudProviderModel{}, mapEnv{})
			var want []string
			if tt.warnings > 0 {
				var named []string
				for i, name := range []string{"a", "b", "c"} {
					if tt.active[i] {
						named = append(named, `"`+name+`"`)
					}
				}
				want = []string{"Several Active UCloud CLI Profiles", "Profiles " + strings.Join(named, ", "), `the last one, "c", is used`}
			}
			requireWarnings(t, diags, tt.warnings, want...)
			if s.profile != tt.want || s.region != tt.want+"-region" || s.publicKey != tt.want+"-public" {
				t.Errorf("profile %q, region %q, key %q; want profile %q throughout", s.profile, s.region, s.publicKey, tt.want)
			}
		})
	}
}

// TestResolveSettings_baseURLVariables: UCLOUD_BASE_URL, else the SDK's
// UCLOUD_API_BASE_URL, both after the attribute and before the profile.
func TestResolveSettings_baseURLVariables(t *testing.T) {
	const ours, sdk, attr, prof = "https://ours.example.test", "https://sdk.example.test", "https://attr.example.test", "https://profile.example.test"
	tests := []struct {
		name     string
		attr     string
		env      map[string]string
		want     string
		warnings int
	}{
		{name: "SDK variable alone beats the profile", env: map[string]string{envAPIBaseURL: sdk}, want: sdk},
		{name: "both equal: no warning", env: map[string]string{envBaseURL: ours, envAPIBaseURL: ours}, want: ours},
		{name: "both differ: UCLOUD_BASE_URL wins with a warning", env: map[string]string{envBaseURL: ours, envAPIBaseURL: sdk}, want: ours, warnings: 1},
		{name: "attribute beats both without a warning", attr: attr, env: map[string]string{envBaseURL: ours, envAPIBaseURL: sdk}, want: attr},
		{name: "empty SDK variable is unset", env: map[string]string{envAPIBaseURL: ""}, want: prof},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := emptyTestHome(t)
			writeDefaultProfiles(t, home,
				[]cliConfigEntry{{Profile: "default", Region: "r", BaseURL: prof}},
				[]cliCredentialEntry{{Profile: "default", PublicKey: "p", PrivateKey: "k"}})
			env := mapEnv(tt.env)
			var cfg ucloudProviderModel
			if tt.attr != "" {
				cfg.BaseURL = types.StringValue(tt.attr)
			}

			s, diags := resolveForTest(cfg, env)
			var want []string
			if tt.warnings > 0 {
				want = []string{"Two UCloud Endpoint Variables Disagree", `UCLOUD_BASE_URL is "` + ours + `"`, `UCLOUD_API_BASE_URL is "` + sdk + `"`, "UCLOUD_BASE_URL is used"}
			}
			requireWarnings(t, diags, tt.warnings, want...)
			if s.baseURL != tt.want {
				t.Errorf("base URL = %q, want %q", s.baseURL, tt.want)
			}
		})
	}
}

// TestResolveSettings_timeoutSecondVariable: UCLOUD_TIMEOUT_SECOND sets the
// per-request timeout between the attribute and the profile's timeout_sec;
// anything but a positive whole number of seconds is an error.
func TestResolveSettings_timeoutSecondVariable(t *testing.T) {
	tests := []struct {
		name       string
		attr       string
		env        string
		timeoutSec int64
		want       time.Duration
		wantErr    bool
	}{
		{name: "variable beats timeout_sec", env: "45", timeoutSec: 7, want: 45 * time.Second},
		{name: "attribute beats the variable", attr: "2m", env: "45", timeoutSec: 7, want: 2 * time.Minute},
		{name: "timeout_sec without the variable", timeoutSec: 7, want: 7 * time.Second},
		{name: "default is the gateway's 60 s", want: 60 * time.Second},
		{name: "surrounding spaces are fine", env: " 90 ", want: 90 * time.Second},
		{name: "a duration is refused", env: "30s", wantErr: true},
		{name: "zero is refused", env: "0", wantErr: true},
		{name: "negative is refused", env: "-5", wantErr: true},
		{name: "fraction is refused", env: "1.5", wantErr: true},
		{name: "more than an hour is refused", env: "18446744074", wantErr: true},
		{name: "the attribute makes a bad variable irrelevant", attr: "10s", env: "soon", want: 10 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := emptyTestHome(t)
			writeDefaultProfiles(t, home,
				[]cliConfigEntry{{Profile: "default", Region: "r", TimeoutSec: tt.timeoutSec}},
				[]cliCredentialEntry{{Profile: "default", PublicKey: "p", PrivateKey: "k"}})
			env := mapEnv{}
			if tt.env != "" {
				env[envTimeoutSecond] = tt.env
			}
			cfg := ucloudProviderModel{RequestTimeout: types.StringNull()}
			if tt.attr != "" {
				cfg.RequestTimeout = types.StringValue(tt.attr)
			}

			s, diags := resolveForTest(cfg, env)
			if tt.wantErr {
				requireOneError(t, diags, "Invalid UCloud Request Timeout", envTimeoutSecond, `"`+tt.env+`"`, "whole number of seconds")
				return
			}
			requireNoDiags(t, diags)
			if s.requestTimeout != tt.want {
				t.Errorf("request timeout = %v, want %v", s.requestTimeout, tt.want)
			}
		})
	}
}

// TestResolveSettings_retryTimeout: retry_timeout is taken from the
// provider block, else it is two minutes.
func TestResolveSettings_retryTimeout(t *testing.T) {
	emptyTestHome(t)
	for _, tt := range []struct {
		attr types.String
		want time.Duration
	}{
		{attr: types.StringNull(), want: 2 * time.Minute},
		{attr: types.StringValue("90s"), want: 90 * time.Second},
		{attr: types.StringValue("10m"), want: 10 * time.Minute},
	} {
		s, diags := resolveForTest(ucloudProviderModel{RetryTimeout: tt.attr}, requiredEnv())
		requireNoDiags(t, diags)
		if s.retryTimeout != tt.want {
			t.Errorf("retry_timeout %s: got %v, want %v", tt.attr, s.retryTimeout, tt.want)
		}
	}
}
