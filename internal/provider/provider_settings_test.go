package provider

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// mapEnv is a lookupEnvFunc backed by a map, so unit tests never read the
// process environment.
type mapEnv map[string]string

func (e mapEnv) lookup(name string) (string, bool) {
	v, ok := e[name]
	return v, ok
}

// requiredEnv sets the three required values, so a test about another
// setting does not trip the missing-values diagnostic.
func requiredEnv() mapEnv {
	return mapEnv{envPublicKey: "env-public", envPrivateKey: "env-private", envRegion: "env-region"}
}

// emptyTestHome points HOME at an empty temporary directory and returns it.
func emptyTestHome(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	return home
}

// writeProfileJSON writes v as JSON to path, creating its directory.
func writeProfileJSON(t *testing.T, path string, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	writeProfileText(t, path, string(data))
	return path
}

// writeProfileText writes text to path, creating its directory.
func writeProfileText(t *testing.T, path, text string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeDefaultProfiles writes ~/.ucloud/config.json and credential.json
// under home.
func writeDefaultProfiles(t *testing.T, home string, configs []cliConfigEntry, creds []cliCredentialEntry) {
	t.Helper()
	writeProfileJSON(t, filepath.Join(home, ".ucloud", "config.json"), configs)
	writeProfileJSON(t, filepath.Join(home, ".ucloud", "credential.json"), creds)
}

// resolveForTest runs resolveSettings and returns its result and diagnostics.
func resolveForTest(cfg ucloudProviderModel, env mapEnv) (providerSettings, diag.Diagnostics) {
	var diags diag.Diagnostics
	s := resolveSettings(cfg, env.lookup, &diags)
	return s, diags
}

// settingsDiagText joins the summaries and details of diags for substring checks.
func settingsDiagText(diags diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Summary())
		b.WriteString("\n")
		b.WriteString(d.Detail())
		b.WriteString("\n")
	}
	return b.String()
}

func requireNoDiags(t *testing.T, diags diag.Diagnostics) {
	t.Helper()
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%s", settingsDiagText(diags))
	}
}

// requireOneError checks diags hold exactly one error that contains every
// string in want, and returns it.
func requireOneError(t *testing.T, diags diag.Diagnostics, want ...string) diag.Diagnostic {
	t.Helper()
	if diags.ErrorsCount() != 1 || len(diags) != 1 {
		t.Fatalf("want exactly one error diagnostic, got %d diagnostics (%d errors):\n%s", len(diags), diags.ErrorsCount(), settingsDiagText(diags))
	}
	text := settingsDiagText(diags)
	for _, s := range want {
		if !strings.Contains(text, s) {
			t.Errorf("diagnostic does not mention %q:\n%s", s, text)
		}
	}
	return diags[0]
}

// TestResolveSettings_precedence checks, for every setting that has all
// four sources, that the attribute beats the environment, the environment
// beats the profile and the profile beats the default.
func TestResolveSettings_precedence(t *testing.T) {
	type setting struct {
		name       string
		env        string
		setAttr    func(*ucloudProviderModel, string)
		setProfile func(*cliConfigEntry, *cliCredentialEntry, string)
		get        func(providerSettings) string
		def        string
		// value builds the value each source holds, e.g. a URL for base_url.
		value func(source string) string
	}
	plain := func(setting string) func(string) string {
		return func(source string) string { return source + "-" + setting }
	}
	settings := []setting{
		{
			name: attrPublicKey, env: envPublicKey, value: plain("public"),
			setAttr:    func(m *ucloudProviderModel, v string) { m.PublicKey = types.StringValue(v) },
			setProfile: func(_ *cliConfigEntry, c *cliCredentialEntry, v string) { c.PublicKey = v },
			get:        func(s providerSettings) string { return s.publicKey },
		},
		{
			name: attrPrivateKey, env: envPrivateKey, value: plain("private"),
			setAttr:    func(m *ucloudProviderModel, v string) { m.PrivateKey = types.StringValue(v) },
			setProfile: func(_ *cliConfigEntry, c *cliCredentialEntry, v string) { c.PrivateKey = v },
			get:        func(s providerSettings) string { return s.privateKey },
		},
		{
			name: attrRegion, env: envRegion, value: plain("region"),
			setAttr:    func(m *ucloudProviderModel, v string) { m.Region = types.StringValue(v) },
			setProfile: func(c *cliConfigEntry, _ *cliCredentialEntry, v string) { c.Region = v },
			get:        func(s providerSettings) string { return s.region },
		},
		{
			name: attrZone, env: envZone, value: plain("zone"),
			setAttr:    func(m *ucloudProviderModel, v string) { m.Zone = types.StringValue(v) },
			setProfile: func(c *cliConfigEntry, _ *cliCredentialEntry, v string) { c.Zone = v },
			get:        func(s providerSettings) string { return s.zone },
		},
		{
			name: attrProjectID, env: envProjectID, value: plain("project"),
			setAttr:    func(m *ucloudProviderModel, v string) { m.ProjectID = types.StringValue(v) },
			setProfile: func(c *cliConfigEntry, _ *cliCredentialEntry, v string) { c.ProjectID = v },
			get:        func(s providerSettings) string { return s.projectID },
		},
		{
			name: attrBaseURL, env: envBaseURL, def: client.DefaultBaseURL,
			value:      func(source string) string { return "https://" + source + ".example.test" },
			setAttr:    func(m *ucloudProviderModel, v string) { m.BaseURL = types.StringValue(v) },
			setProfile: func(c *cliConfigEntry, _ *cliCredentialEntry, v string) { c.BaseURL = v },
			get:        func(s providerSettings) string { return s.baseURL },
		},
	}
	levels := []struct {
		name                     string
		attr, env, profile, want string
	}{
		{name: "attribute beats env and profile", attr: "attr", env: "env", profile: "profile", want: "attr"},
		{name: "env beats profile", env: "env", profile: "profile", want: "env"},
		{name: "profile alone", profile: "profile", want: "profile"},
		{name: "default", want: ""},
	}

	for _, st := range settings {
		for _, lv := range levels {
			t.Run(st.name+"/"+lv.name, func(t *testing.T) {
				home := emptyTestHome(t)
				// The profile always holds the required values, so only the
				// setting under test varies.
				cfgEntry := cliConfigEntry{Profile: "default", Region: "profile-region"}
				credEntry := cliCredentialEntry{Profile: "default", PublicKey: "profile-public", PrivateKey: "profile-private"}
				st.setProfile(&cfgEntry, &credEntry, "")
				if lv.profile != "" {
					st.setProfile(&cfgEntry, &credEntry, st.value(lv.profile))
				}
				writeDefaultProfiles(t, home, []cliConfigEntry{cfgEntry}, []cliCredentialEntry{credEntry})
				// Required values the test does not vary still need a
				// source when the level leaves this setting empty.
				env := mapEnv{}
				if lv.env != "" {
					env[st.env] = st.value(lv.env)
				}
				var cfg ucloudProviderModel
				if lv.attr != "" {
					st.setAttr(&cfg, st.value(lv.attr))
				}

				s, diags := resolveForTest(cfg, env)

				want := st.def
				if lv.want != "" {
					want = st.value(lv.want)
				}
				if got := st.get(s); got != want {
					t.Errorf("%s = %q, want %q", st.name, got, want)
				}
				isRequired := st.name == attrPublicKey || st.name == attrPrivateKey || st.name == attrRegion
				if isRequired && lv.want == "" {
					requireOneError(t, diags, "- "+st.name+":", st.env)
					return
				}
				requireNoDiags(t, diags)
			})
		}
	}
}

// TestResolveSettings_profileSelection checks which profile is used:
// attribute, else UCLOUD_PROFILE, else the active entry, else "default".
func TestResolveSettings_profileSelection(t *testing.T) {
	configs := func(active string) []cliConfigEntry {
		var out []cliConfigEntry
		for _, name := range []string{"default", "first", "second"} {
			out = append(out, cliConfigEntry{Profile: name, Region: name + "-region", Active: name == active})
		}
		return out
	}
	creds := []cliCredentialEntry{
		{Profile: "default", PublicKey: "default-public", PrivateKey: "default-private"},
		{Profile: "first", PublicKey: "first-public", PrivateKey: "first-private"},
		{Profile: "second", PublicKey: "second-public", PrivateKey: "second-private"},
		// A profile that only has credentials is still a profile.
		{Profile: "keys-only", PublicKey: "keys-only-public", PrivateKey: "keys-only-private"},
	}
	tests := []struct {
		name      string
		active    string
		attr, env string
		want      string
	}{
		{name: "attribute beats env and active", active: "first", attr: "second", env: "default", want: "second"},
		{name: "env beats active", active: "first", env: "second", want: "second"},
		{name: "active entry", active: "second", want: "second"},
		{name: "default without active entry", want: "default"},
		{name: "profile only in the credential file", active: "first", attr: "keys-only", want: "keys-only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := emptyTestHome(t)
			writeDefaultProfiles(t, home, configs(tt.active), creds)
			var cfg ucloudProviderModel
			if tt.attr != "" {
				cfg.Profile = types.StringValue(tt.attr)
			}
			env := mapEnv{}
			if tt.env != "" {
				env[envProfile] = tt.env
			}
			if tt.want == "keys-only" {
				env[envRegion] = "env-region"
			}

			s, diags := resolveForTest(cfg, env)
			requireNoDiags(t, diags)

			if s.profile != tt.want {
				t.Errorf("profile = %q, want %q", s.profile, tt.want)
			}
			if s.publicKey != tt.want+"-public" || s.privateKey != tt.want+"-private" {
				t.Errorf("keys = %q/%q, want those of profile %q", s.publicKey, s.privateKey, tt.want)
			}
			wantRegion := tt.want + "-region"
			if tt.want == "keys-only" {
				wantRegion = "env-region"
			}
			if s.region != wantRegion {
				t.Errorf("region = %q, want %q", s.region, wantRegion)
			}
		})
	}
}

// TestResolveSettings_requestTimeoutAndRetries checks timeout_sec,
// request_timeout and max_retries with their defaults.
func TestResolveSettings_requestTimeoutAndRetries(t *testing.T) {
	tests := []struct {
		name        string
		timeoutSec  int64
		attrTimeout types.String
		attrRetries types.Int64
		wantTimeout time.Duration
		wantRetries int
	}{
		{name: "defaults", attrTimeout: types.StringNull(), attrRetries: types.Int64Null(), wantTimeout: 60 * time.Second, wantRetries: 3},
		{name: "timeout_sec from profile", timeoutSec: 7, attrTimeout: types.StringNull(), attrRetries: types.Int64Null(), wantTimeout: 7 * time.Second, wantRetries: 3},
		{name: "request_timeout overrides timeout_sec", timeoutSec: 7, attrTimeout: types.StringValue("1m30s"), attrRetries: types.Int64Null(), wantTimeout: 90 * time.Second, wantRetries: 3},
		{name: "request_timeout without profile", attrTimeout: types.StringValue("45s"), attrRetries: types.Int64Null(), wantTimeout: 45 * time.Second, wantRetries: 3},
		{name: "max_retries zero is kept", attrTimeout: types.StringNull(), attrRetries: types.Int64Value(0), wantTimeout: 60 * time.Second, wantRetries: 0},
		{name: "max_retries ten", attrTimeout: types.StringNull(), attrRetries: types.Int64Value(10), wantTimeout: 60 * time.Second, wantRetries: 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := emptyTestHome(t)
			writeDefaultProfiles(t, home,
				[]cliConfigEntry{{Profile: "default", Region: "profile-region", TimeoutSec: tt.timeoutSec}},
				[]cliCredentialEntry{{Profile: "default", PublicKey: "p", PrivateKey: "k"}})
			cfg := ucloudProviderModel{RequestTimeout: tt.attrTimeout, MaxRetries: tt.attrRetries}

			s, diags := resolveForTest(cfg, mapEnv{})
			requireNoDiags(t, diags)

			if s.requestTimeout != tt.wantTimeout {
				t.Errorf("request timeout = %s, want %s", s.requestTimeout, tt.wantTimeout)
			}
			if s.maxRetries != tt.wantRetries {
				t.Errorf("max retries = %d, want %d", s.maxRetries, tt.wantRetries)
			}
		})
	}
}

// TestResolveSettings_defaults checks the values used when nothing but the
// required settings is given, with no profile files at all.
func TestResolveSettings_defaults(t *testing.T) {
	emptyTestHome(t) // empty: the default files are absent, which is fine

	s, diags := resolveForTest(ucloudProviderModel{}, requiredEnv())
	requireNoDiags(t, diags)

	want := providerSettings{
		publicKey: "env-public", privateKey: "env-private", region: "env-region",
		baseURL: "https://api.ucloud.cn", profile: "default",
		maxRetries: 3, retryTimeout: 2 * time.Minute, requestTimeout: 60 * time.Second,
	}
	if s != want {
		t.Errorf("settings = %+v, want %+v", s, want)
	}
}

// TestResolveSettings_profileFiles checks which profile file problems are
// errors: only files the user named, and only named profiles.
func TestResolveSettings_profileFiles(t *testing.T) {
	type files struct{ configPath, credentialPath string }
	tests := []struct {
		name string
		// setup writes files under dir and home, and returns the
		// configuration and environment to resolve with.
		setup func(t *testing.T, dir, home string) (ucloudProviderModel, mapEnv)
		// want lists what the single error names; nil means no error.
		want func(f files) []string
	}{
		{
			name: "missing default files are fine",
			setup: func(_ *testing.T, _, _ string) (ucloudProviderModel, mapEnv) {
				return ucloudProviderModel{}, requiredEnv()
			},
		},
		{
			name: "default profile absent from existing files is fine",
			setup: func(t *testing.T, _, home string) (ucloudProviderModel, mapEnv) {
				writeDefaultProfiles(t, home,
					[]cliConfigEntry{{Profile: "other", Region: "other-region"}},
					[]cliCredentialEntry{{Profile: "other", PublicKey: "x", PrivateKey: "y"}})
				return ucloudProviderModel{}, requiredEnv()
			},
		},
		{
			name: "empty default files hold no profiles",
			setup: func(t *testing.T, _, home string) (ucloudProviderModel, mapEnv) {
				writeProfileText(t, filepath.Join(home, ".ucloud", "config.json"), "")
				writeProfileText(t, filepath.Join(home, ".ucloud", "credential.json"), " \n\t")
				return ucloudProviderModel{}, requiredEnv()
			},
		},
		{
			name: "empty named files hold no profiles",
			setup: func(t *testing.T, dir, _ string) (ucloudProviderModel, mapEnv) {
				return ucloudProviderModel{
					SharedConfigFile:      types.StringValue(writeProfileText(t, filepath.Join(dir, "config.json"), "")),
					SharedCredentialsFile: types.StringValue(writeProfileText(t, filepath.Join(dir, "credential.json"), "\n")),
				}, requiredEnv()
			},
		},
		{
			name: "config file named by attribute is absent",
			setup: func(_ *testing.T, dir, _ string) (ucloudProviderModel, mapEnv) {
				return ucloudProviderModel{SharedConfigFile: types.StringValue(filepath.Join(dir, "absent.json"))}, requiredEnv()
			},
			want: func(_ files) []string { return []string{"shared_config_file", "absent.json"} },
		},
		{
			name: "credential file named by env is absent",
			setup: func(_ *testing.T, dir, _ string) (ucloudProviderModel, mapEnv) {
				env := requiredEnv()
				env[envSharedCredentialsFile] = filepath.Join(dir, "absent.json")
				return ucloudProviderModel{}, env
			},
			want: func(_ files) []string {
				return []string{"shared_credentials_file", envSharedCredentialsFile, "absent.json"}
			},
		},
		{
			name: "config file named by env is absent",
			setup: func(_ *testing.T, dir, _ string) (ucloudProviderModel, mapEnv) {
				env := requiredEnv()
				env[envSharedConfigFile] = filepath.Join(dir, "absent.json")
				return ucloudProviderModel{}, env
			},
			want: func(_ files) []string { return []string{"shared_config_file", envSharedConfigFile, "absent.json"} },
		},
		{
			name: "named config file is not JSON",
			setup: func(t *testing.T, dir, _ string) (ucloudProviderModel, mapEnv) {
				p := writeProfileText(t, filepath.Join(dir, "broken.json"), "[{\"profile\": ")
				return ucloudProviderModel{SharedConfigFile: types.StringValue(p)}, requiredEnv()
			},
			want: func(_ files) []string { return []string{"shared_config_file", "broken.json"} },
		},
		{
			name: "named credential file is not a JSON array",
			setup: func(t *testing.T, dir, _ string) (ucloudProviderModel, mapEnv) {
				p := writeProfileText(t, filepath.Join(dir, "object.json"), `{"profile": "default"}`)
				return ucloudProviderModel{SharedCredentialsFile: types.StringValue(p)}, requiredEnv()
			},
			want: func(_ files) []string { return []string{"shared_credentials_file", "object.json"} },
		},
		{
			name: "default file that is not JSON is an error too",
			setup: func(t *testing.T, _, home string) (ucloudProviderModel, mapEnv) {
				writeProfileText(t, filepath.Join(home, ".ucloud", "config.json"), "<html>")
				return ucloudProviderModel{}, requiredEnv()
			},
			want: func(_ files) []string { return []string{"config.json"} },
		},
		{
			name: "profile named by attribute in neither file",
			setup: func(t *testing.T, _, home string) (ucloudProviderModel, mapEnv) {
				writeDefaultProfiles(t, home,
					[]cliConfigEntry{{Profile: "default", Region: "r"}},
					[]cliCredentialEntry{{Profile: "default", PublicKey: "x", PrivateKey: "y"}})
				return ucloudProviderModel{Profile: types.StringValue("ghost")}, requiredEnv()
			},
			want: func(f files) []string { return []string{`"ghost"`, "provider block", f.configPath, f.credentialPath} },
		},
		{
			name: "profile named by env with no files at all",
			setup: func(_ *testing.T, _, _ string) (ucloudProviderModel, mapEnv) {
				env := requiredEnv()
				env[envProfile] = "ghost"
				return ucloudProviderModel{}, env
			},
			want: func(_ files) []string { return []string{`"ghost"`, envProfile} },
		},
		{
			name: "profile named in empty files",
			setup: func(t *testing.T, dir, _ string) (ucloudProviderModel, mapEnv) {
				return ucloudProviderModel{
					Profile:               types.StringValue("ghost"),
					SharedConfigFile:      types.StringValue(writeProfileText(t, filepath.Join(dir, "config.json"), "")),
					SharedCredentialsFile: types.StringValue(writeProfileText(t, filepath.Join(dir, "credential.json"), "")),
				}, requiredEnv()
			},
			want: func(_ files) []string { return []string{`"ghost"`} },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := emptyTestHome(t)
			dir := t.TempDir()
			cfg, env := tt.setup(t, dir, home)

			_, diags := resolveForTest(cfg, env)

			if tt.want == nil {
				requireNoDiags(t, diags)
				return
			}
			f := files{
				configPath:     filepath.Join(home, ".ucloud", "config.json"),
				credentialPath: filepath.Join(home, ".ucloud", "credential.json"),
			}
			requireOneError(t, diags, tt.want(f)...)
		})
	}
}

// TestResolveSettings_unknownProfileIsAttributeError checks the profile
// error points at the profile attribute.
func TestResolveSettings_unknownProfileIsAttributeError(t *testing.T) {
	emptyTestHome(t)
	_, diags := resolveForTest(ucloudProviderModel{Profile: types.StringValue("ghost")}, requiredEnv())
	d := requireOneError(t, diags, "ghost")
	withPath, ok := d.(diag.DiagnosticWithPath)
	if !ok || !withPath.Path().Equal(path.Root(attrProfile)) {
		t.Errorf("diagnostic is not attached to the profile attribute: %#v", d)
	}
}

// TestResolveSettings_invalidBaseURL checks base_url values that skip
// plan-time validation: from the environment and from a profile.
func TestResolveSettings_invalidBaseURL(t *testing.T) {
	tests := []struct {
		name    string
		env     string
		profile string
		want    []string
	}{
		{name: "ftp from env", env: "ftp://x", want: []string{envBaseURL, "base_url", `"ftp://x"`}},
		{name: "not a URL from env", env: "not a url", want: []string{envBaseURL, "base_url", `"not a url"`}},
		{name: "no host from env", env: "https://", want: []string{envBaseURL, "no host"}},
		{name: "relative from profile", profile: "api.ucloud.cn", want: []string{"base_url", `"api.ucloud.cn"`, `profile "default"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := emptyTestHome(t)
			env := requiredEnv()
			if tt.env != "" {
				env[envBaseURL] = tt.env
			}
			if tt.profile != "" {
				writeDefaultProfiles(t, home, []cliConfigEntry{{Profile: "default", BaseURL: tt.profile}}, nil)
			}

			_, diags := resolveForTest(ucloudProviderModel{}, env)

			d := requireOneError(t, diags, tt.want...)
			if withPath, ok := d.(diag.DiagnosticWithPath); !ok || !withPath.Path().Equal(path.Root(attrBaseURL)) {
				t.Errorf("diagnostic is not attached to base_url: %#v", d)
			}
		})
	}
}

// TestResolveSettings_missingRequired checks that every missing required
// value is reported in a single diagnostic naming all of its sources, and
// that values which are present are not reported.
func TestResolveSettings_missingRequired(t *testing.T) {
	all := []string{attrPublicKey, attrPrivateKey, attrRegion}
	envOf := map[string]string{attrPublicKey: envPublicKey, attrPrivateKey: envPrivateKey, attrRegion: envRegion}
	fileOf := map[string]string{attrPublicKey: "credential.json", attrPrivateKey: "credential.json", attrRegion: "config.json"}
	tests := []struct {
		name    string
		env     mapEnv
		missing []string
	}{
		{name: "all three", env: mapEnv{}, missing: all},
		{name: "only region", env: mapEnv{envPublicKey: "p", envPrivateKey: "k"}, missing: []string{attrRegion}},
		{name: "both keys", env: mapEnv{envRegion: "r", envZone: "z"}, missing: []string{attrPublicKey, attrPrivateKey}},
		{name: "empty env values count as unset", env: mapEnv{envPublicKey: "", envPrivateKey: "", envRegion: ""}, missing: all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			emptyTestHome(t)

			_, diags := resolveForTest(ucloudProviderModel{}, tt.env)

			var want []string
			for _, name := range tt.missing {
				want = append(want, "- "+name+":", envOf[name], fileOf[name])
			}
			want = append(want, "Missing UCloud Provider Configuration", envProfile, `profile "default"`)
			d := requireOneError(t, diags, want...)
			for _, name := range all {
				missing := strings.Contains(strings.Join(tt.missing, " "), name)
				if !missing && strings.Contains(d.Detail(), "- "+name+":") {
					t.Errorf("%s has a value but is reported missing:\n%s", name, d.Detail())
				}
			}
		})
	}
}

// TestCLIProfiles_load checks the merge of the two files.
func TestCLIProfiles_load(t *testing.T) {
	dir := t.TempDir()
	configPath := writeProfileJSON(t, filepath.Join(dir, "config.json"), []cliConfigEntry{
		{Profile: "a", Region: "ra", Zone: "za", ProjectID: "pa", BaseURL: "http://a", TimeoutSec: 5},
		{Profile: "b", Region: "rb", Active: true},
	})
	credentialPath := writeProfileJSON(t, filepath.Join(dir, "credential.json"), []cliCredentialEntry{
		{Profile: "b", PublicKey: "pb", PrivateKey: "kb"},
		{Profile: "c", PublicKey: "pc", PrivateKey: "kc"},
	})

	profiles, err := loadCLIProfiles(profileFile{path: configPath, attr: attrSharedConfigFile, source: "test"}, profileFile{path: credentialPath, attr: attrSharedCredentialsFile, source: "test"})
	if err != nil {
		t.Fatal(err)
	}
	want := cliProfiles{
		{Name: "a", Region: "ra", Zone: "za", ProjectID: "pa", BaseURL: "http://a", TimeoutSec: 5},
		{Name: "b", Region: "rb", Active: true, PublicKey: "pb", PrivateKey: "kb"},
		{Name: "c", PublicKey: "pc", PrivateKey: "kc"},
	}
	if len(profiles) != len(want) {
		t.Fatalf("profiles = %+v, want %+v", profiles, want)
	}
	for i := range want {
		if profiles[i] != want[i] {
			t.Errorf("profile %d = %+v, want %+v", i, profiles[i], want[i])
		}
	}
	if got, _ := profiles.activeName(); got != "b" {
		t.Errorf("active profile = %q, want b", got)
	}

	t.Run("empty files", func(t *testing.T) {
		empty := profileFile{path: writeProfileText(t, filepath.Join(t.TempDir(), "empty.json"), ""), attr: attrSharedConfigFile, source: "test"}
		profiles, err := loadCLIProfiles(empty, empty)
		if err != nil || len(profiles) != 0 {
			t.Errorf("profiles = %+v, err = %v; want none and no error", profiles, err)
		}
		if got, _ := profiles.activeName(); got != "default" {
			t.Errorf("active profile = %q, want default", got)
		}
	})
}

// TestResolveSettings_homeExpansion checks that a named profile file may
// start with "~/", which neither HCL nor the environment expands.
func TestResolveSettings_homeExpansion(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	writeProfileJSON(t, filepath.Join(home, "ucloud", "cfg.json"), []cliConfigEntry{{Profile: "default", Region: "cn-sh2"}})
	writeProfileJSON(t, filepath.Join(home, "ucloud", "cred.json"), []cliCredentialEntry{{Profile: "default", PublicKey: "pk", PrivateKey: "sk"}})

	s, diags := resolveForTest(ucloudProviderModel{
		SharedConfigFile:      types.StringValue("~/ucloud/cfg.json"),
		SharedCredentialsFile: types.StringValue("~/ucloud/cred.json"),
	}, mapEnv{})
	requireNoDiags(t, diags)
	if s.region != "cn-sh2" || s.publicKey != "pk" || s.privateKey != "sk" {
		t.Errorf("settings = %+v, want region, keys from the ~/ files", s)
	}
}

// TestResolveSettings_profileFileErrorNamesItsSetting checks that an
// unreadable file named in HCL is reported against that attribute only.
func TestResolveSettings_profileFileErrorNamesItsSetting(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	broken := writeProfileText(t, filepath.Join(t.TempDir(), "broken.json"), "{not json")
	_, diags := resolveForTest(ucloudProviderModel{SharedCredentialsFile: types.StringValue(broken)}, mapEnv{})
	d := requireOneError(t, diags, "broken.json", "shared_credentials_file", "the provider block")
	withPath, ok := d.(diag.DiagnosticWithPath)
	if !ok || !withPath.Path().Equal(path.Root(attrSharedCredentialsFile)) {
		t.Errorf("diagnostic %v is not attached to shared_credentials_file", d)
	}
	if strings.Contains(d.Detail(), "shared_config_file") {
		t.Errorf("detail names the other file's setting: %s", d.Detail())
	}
}
