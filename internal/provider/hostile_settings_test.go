package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// testPassword stands for a password someone put in base_url.
const testPassword = "hunter2-secret"

// TestBaseURLUserInfoNeverEchoed checks that a base_url with user info is
// refused naming base_url, from the provider block (plan time) as from the
// environment or a profile (configure time), and that no diagnostic shows
// the password.
func TestBaseURLUserInfoNeverEchoed(t *testing.T) {
	withPassword := "http://admin:" + testPassword + "@127.0.0.1:9/"
	unparsable := "http://admin:" + testPassword + "@bad host/"

	t.Run("provider block", func(t *testing.T) {
		for _, value := range []string{withPassword, unparsable, "https://" + testPassword + "@api.ucloud.cn"} {
			var resp validator.StringResponse
			absoluteHTTPURL().ValidateString(t.Context(), validator.StringRequest{
				Path: path.Root(attrBaseURL), ConfigValue: types.StringValue(value),
			}, &resp)
			text := settingsDiagText(resp.Diagnostics)
			if !resp.Diagnostics.HasError() || !strings.Contains(text, "base_url") {
				t.Errorf("%s: diagnostics %q do not refuse base_url", value, text)
			}
			if strings.Contains(text, testPassword) {
				t.Errorf("diagnostics show the password: %q", text)
			}
		}
	})
	t.Run("environment", func(t *testing.T) {
		emptyTestHome(t)
		env := requiredEnv()
		env[envBaseURL] = withPassword
		_, diags := resolveForTest(ucloudProviderModel{}, env)
		d := requireOneError(t, diags, "base_url", "carries user info", "remove it", "http://xxxxx@127.0.0.1:9/")
		if withPath, ok := d.(diag.DiagnosticWithPath); !ok || !withPath.Path().Equal(path.Root(attrBaseURL)) {
			t.Errorf("the error is not attached to base_url")
		}
		if text := settingsDiagText(diags); strings.Contains(text, testPassword) {
			t.Errorf("diagnostics show the password: %q", text)
		}
	})
	t.Run("profile", func(t *testing.T) {
		home := emptyTestHome(t)
		writeDefaultProfiles(t, home,
			[]cliConfigEntry{{Profile: "default", Region: "r", BaseURL: unparsable}},
			[]cliCredentialEntry{{Profile: "default", PublicKey: "p", PrivateKey: "k"}})
		_, diags := resolveForTest(ucloudProviderModel{}, mapEnv{})
		requireOneError(t, diags, "base_url", "is not a URL")
		if text := settingsDiagText(diags); strings.Contains(text, testPassword) {
			t.Errorf("diagnostics show the password: %q", text)
		}
	})
}

// TestResolveSettings_profileTimeoutOutOfRange checks that timeout_sec is
// range-checked before it becomes a Duration.
func TestResolveSettings_profileTimeoutOutOfRange(t *testing.T) {
	for _, sec := range []int64{18446744074, 3601, -1} {
		t.Run(types.Int64Value(sec).String(), func(t *testing.T) {
			home := emptyTestHome(t)
			writeDefaultProfiles(t, home,
				[]cliConfigEntry{{Profile: "default", Region: "r", TimeoutSec: sec}},
				[]cliCredentialEntry{{Profile: "default", PublicKey: "p", PrivateKey: "k"}})
			_, diags := resolveForTest(ucloudProviderModel{}, mapEnv{})
			requireOneError(t, diags, "Invalid UCloud CLI Profile Setting", `timeout_sec in profile "default"`,
				filepath.Join(home, ".ucloud", "config.json"), "is outside 1 to 3600", "set request_timeout")
		})
	}
	t.Run("the largest accepted", func(t *testing.T) {
		home := emptyTestHome(t)
		writeDefaultProfiles(t, home,
			[]cliConfigEntry{{Profile: "default", Region: "r", TimeoutSec: 3600}},
			[]cliCredentialEntry{{Profile: "default", PublicKey: "p", PrivateKey: "k"}})
		s, diags := resolveForTest(ucloudProviderModel{}, mapEnv{})
		requireNoDiags(t, diags)
		if s.requestTimeout.Hours() != 1 {
			t.Errorf("request timeout = %s, want 1h", s.requestTimeout)
		}
	})
}

// TestReadProfileFile_onlySmallRegularFiles checks that devices and files
// past 1 MiB are refused with an error naming the file, and that a file of
// exactly 1 MiB is read.
func TestReadProfileFile_onlySmallRegularFiles(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	exact := filepath.Join(dir, "exact.json")
	writeProfileText(t, big, "[]"+strings.Repeat(" ", maxProfileFileBytes))
	writeProfileText(t, exact, "[]"+strings.Repeat(" ", maxProfileFileBytes-2))

	tests := []struct {
		path    string
		wantErr string // "" reads fine
	}{
		{path: "/dev/zero", wantErr: "reading /dev/zero: it is not a regular file"},
		{path: big, wantErr: "reading " + big + ": it is 1048578 bytes, more than the 1 MiB a profile file may hold"},
		{path: dir, wantErr: "reading " + dir + ": it is a directory"},
		{path: exact},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			if _, err := os.Stat(tt.path); err != nil {
				t.Skipf("%s: %v", tt.path, err)
			}
			var out []cliConfigEntry
			err := readProfileFile(profileFile{path: tt.path, attr: attrSharedConfigFile, source: "the provider block"}, &out)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("readProfileFile: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("readProfileFile error %v, want %q", err, tt.wantErr)
			}
		})
	}
}
