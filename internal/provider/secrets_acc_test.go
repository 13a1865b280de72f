package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// TestAccSecrets_traceLogHasNoSecrets reads both data sources with the
// provider logging at TRACE and checks the log holds neither the private
// key nor any Signature the API received.
//
// NOTE: acceptance tests serve the provider in-process (reattach), so
// Terraform never sees its logs. terraform-plugin-testing registers a
// terraform-plugin-log test sink for it instead, which reads TF_LOG (level)
// and TF_LOG_PATH (file) from this process's environment when the provider
// server starts; TF_LOG_PROVIDER only reaches providers that Terraform
// launches itself. terraform-exec strips TF_LOG and TF_LOG_PATH from the
// Terraform CLI's environment, so the file holds the provider's and the
// test framework's lines only. The "with CLI log" case adds TF_ACC_LOG_PATH,
// which makes the Terraform CLI write its own TRACE log to the same file.
func TestAccSecrets_traceLogHasNoSecrets(t *testing.T) {
	tests := []struct {
		name string
		// hclKey puts the private key in the provider block instead of
		// UCLOUD_PRIVATE_KEY.
		hclKey bool
		// cliLog also routes the Terraform CLI's log to the file.
		cliLog bool
	}{
		{name: "key from env"},
		{name: "key from HCL", hclKey: true},
		{name: "key from HCL with CLI log", hclKey: true, cliLog: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newEnvTestAPI(t)
			logPath := filepath.Join(t.TempDir(), "trace.log")
			t.Setenv("TF_LOG", "TRACE")
			t.Setenv("TF_LOG_PATH", logPath)
			// The provider's own level variable must not lower TRACE.
			t.Setenv("TF_LOG_PROVIDER_UCLOUD", "")
			if tt.cliLog {
				t.Setenv("TF_ACC_LOG_PATH", logPath)
			}
			config := testAccSecretsConfig_bothDataSources("")
			if tt.hclKey {
				setProviderEnv(t, envPrivateKey, "")
				config = testAccSecretsConfig_bothDataSources(fakeapi.PrivateKey)
			}

			testAccRunAlone(t, resource.TestCase{
				Steps: []resource.TestStep{{
					Config: config,
				}},
			})

			data, err := os.ReadFile(logPath) //nolint:gosec // G304: the path is this test's own temporary file.
			if err != nil {
				t.Fatalf("reading the TRACE log: %v", err)
			}
			log := withoutHarnessEntries(string(data))
			// The log must really hold the provider's TRACE output, or the
			// checks below would pass on nothing.
			for _, want := range []string{"DescribePHostImage", "DescribeUK8SImage", "UCloud API call", "UCloud API response body", "[TRACE]"} {
				if !strings.Contains(log, want) {
					t.Fatalf("the log (%d bytes) lacks %q: the provider's TRACE output did not reach it", len(data), want)
				}
			}
			if tt.cliLog && !cliVersionLogLine.MatchString(log) {
				t.Fatalf("the log lacks the CLI's own lines (its version line)")
			}

			if i := strings.Index(log, fakeapi.PrivateKey); i >= 0 {
				t.Errorf("the log holds the private key: %s", logExcerpt(log, i))
			}
			reqs := fake.Requests()
			if len(reqs) < 2 {
				t.Fatalf("the fake received %d requests, want at least one per data source", len(reqs))
			}
			checked := map[string]bool{}
			for _, r := range reqs {
				sig := r.Params.Get("Signature")
				if sig == "" {
					t.Fatalf("request %s carried no Signature", r.Action)
				}
				if checked[sig] {
					continue // an identical request sent again
				}
				checked[sig] = true
				if i := strings.Index(log, sig); i >= 0 {
					t.Errorf("the log holds the Signature of a %s request: %s", r.Action, logExcerpt(log, i))
				}
			}
		})
	}
}

// cliVersionLogLine matches the line the CLI logs first when it starts:
// Terraform and OpenTofu word it each with their own name.
var cliVersionLogLine = regexp.MustCompile(`(?m)\[INFO\] +(Terraform|OpenTofu) version: `)

// TestAccSecrets_cliVersionLogLine checks cliVersionLogLine knows both
// CLIs' wording, so the "with CLI log" case passes under either, and does
// not take a provider's line that merely quotes the words.
func TestAccSecrets_cliVersionLogLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"2026-01-02T03:04:05.002Z [INFO]  Terraform version: 1.11.4\n", true},
		{"2026-01-02T03:04:05.002Z [INFO]  OpenTofu version: 1.10.10 \n", true},
		{"2026-01-02T03:04:05.002Z [DEBUG] ucloud: UCloud API call: agent=\"Terraform version: 1.11.4\"\n", false},
		{"2026-01-02T03:04:05.002Z [INFO]  Go runtime version: go1.24.4\n", false},
	}
	for _, tt := range tests {
		if got := cliVersionLogLine.MatchString(tt.line); got != tt.want {
			t.Errorf("cliVersionLogLine.MatchString(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// logEntryStart matches the first line of a log entry, capturing what
// follows the level, e.g. "ucloud: msg" in
// "2006-01-02T15:04:05.000Z [TRACE] ucloud: msg".
var logEntryStart = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\S+ \[[A-Z]+\] +(.*)`)

// withoutHarnessEntries drops the entries of terraform-plugin-testing's own
// logger (sdk.helper_resource), keeping the provider's, the framework's and
// the Terraform CLI's. NOTE: the harness echoes each step's configuration
// verbatim ("Setting Terraform configuration"), so a key written literally
// in the test's HCL shows up there; that is the test framework quoting the
// test, not the provider logging the key. Continuation lines of a
// multi-line entry belong to the entry above them.
func withoutHarnessEntries(log string) string {
	var b strings.Builder
	keep := true
	for line := range strings.Lines(log) {
		if m := logEntryStart.FindStringSubmatch(line); m != nil {
			keep = !strings.HasPrefix(m[1], "sdk.helper_resource:")
		}
		if keep {
			b.WriteString(line)
		}
	}
	return b.String()
}

// logExcerpt returns the text around position i, to show where a secret leaked.
func logExcerpt(s string, i int) string {
	start, end := max(i-200, 0), min(i+200, len(s))
	return fmt.Sprintf("...%s...", s[start:end])
}

// testAccSecretsConfig_bothDataSources reads both data sources; a
// non-empty privateKey is set in the provider block.
func testAccSecretsConfig_bothDataSources(privateKey string) string {
	provider := ""
	if privateKey != "" {
		provider = fmt.Sprintf(`
provider "ucloud" {
  private_key = %[1]q
}
`, privateKey)
	}
	return provider + `
data "ucloud_phost_images" "test" {}

data "ucloud_uk8s_images" "test" {}
`
}

// TestAccSecrets_logFilterKeepsOthers checks withoutHarnessEntries drops
// only the harness's entries, continuation lines included, so it cannot
// hide a line the provider or Terraform wrote.
func TestAccSecrets_logFilterKeepsOthers(t *testing.T) {
	log := "2026-01-02T03:04:05.000Z [TRACE] sdk.helper_resource: Setting Terraform configuration: step=1\n" +
		"  test_terraform_configuration=\n" +
		"  | private_key = \"harness-echo\"\n" +
		"2026-01-02T03:04:05.001Z [DEBUG] ucloud: UCloud API call: leaked=provider-line\n" +
		"  | provider-continuation\n" +
		"2026-01-02T03:04:05.002Z [INFO]  Terraform version: 1.11.4\n" +
		"2026-01-02T03:04:05.003Z [TRACE] sdk.framework: Calling provider defined Configure: x=framework-line\n"
	got := withoutHarnessEntries(log)
	if strings.Contains(got, "harness-echo") || strings.Contains(got, "Setting Terraform configuration") {
		t.Errorf("the harness entry was kept:\n%s", got)
	}
	for _, want := range []string{"provider-line", "provider-continuation", "Terraform version: 1.11.4", "framework-line"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q was dropped:\n%s", want, got)
		}
	}
}
