package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// testAccProtoV6ProviderFactories serves the provider in-process to the
// Terraform CLI that acceptance tests run.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"ucloud": func() (tfprotov6.ProviderServer, error) { return NewProtocol6Server("test")(), nil },
}

// testAccPreCheck stops an acceptance test that cannot run: it needs a
// Terraform CLI on PATH (or in TF_ACC_TERRAFORM_PATH), never a download.
func testAccPreCheck(t *testing.T) {
	t.Helper()
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		if _, err := os.Stat(p); err != nil { //nolint:gosec // The developer's own setting names the file.
			t.Fatalf("TF_ACC_TERRAFORM_PATH=%s: %v", p, err)
		}
		return
	}
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Fatal("acceptance tests need the terraform CLI on PATH (or TF_ACC_TERRAFORM_PATH); nothing is downloaded")
	}
}

// testAccEnv lists every environment variable the provider reads.
var testAccEnv = []string{
	envPublicKey, envPrivateKey, envRegion, envZone, envProjectID, envBaseURL, envAPIBaseURL,
	envTimeoutSecond, envProfile, envSharedConfigFile, envSharedCredentialsFile,
}

// testAccProfileFile is an empty UCloud CLI profile file (no profiles),
// written by TestMain, that acceptance tests name for both profile files.
var testAccProfileFile string

// TestMain scrubs the environment once, so the machine's UCloud settings
// and CLI profiles never reach a test: the provider's variables are unset
// and HOME is an empty directory. Tests configure the provider in HCL and
// run in parallel; the few that test environment variables set them with
// t.Setenv and run alone.
func TestMain(m *testing.M) {
	for _, name := range testAccEnv {
		_ = os.Unsetenv(name) //nolint:errcheck // Unsetenv only fails on an invalid name.
	}
	home, err := os.MkdirTemp("", "ucloud-provider-test-home-")
	if err != nil {
		panic(err)
	}
	testAccProfileFile = filepath.Join(home, "no-profiles.json")
	if err := os.WriteFile(testAccProfileFile, []byte("[]"), 0o600); err != nil {
		panic(err)
	}
	_ = os.Setenv("HOME", home) //nolint:errcheck // A valid name and value.
	code := m.Run()
	_ = os.RemoveAll(home) //nolint:errcheck // A temporary directory.
	os.Exit(code)
}

// isolateProviderEnv clears the provider's environment variables and
// points HOME at an empty directory for one test that sets variables.
func isolateProviderEnv(t *testing.T) string {
	t.Helper()
	for _, name := range testAccEnv {
		t.Setenv(name, "")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	return home
}

// testAPIs maps each fake started by newTestAPI to its URL, for
// testAccProviderConfig.
var testAPIs sync.Map

// newTestAPI starts a fake UCloud API for one test; testAccRun (or
// testAccProviderConfig) points the provider at it in HCL.
func newTestAPI(t *testing.T) *fakeapi.Server {
	t.Helper()
	testAccPreCheck(t)
	fake := fakeapi.New()
	registerTestAPI(t, fake, httptest.NewServer(fake))
	return fake
}

// registerTestAPI records that srv serves fake, for testAccProviderConfig,
// and closes srv when the test ends.
func registerTestAPI(t *testing.T, fake *fakeapi.Server, srv *httptest.Server) {
	t.Helper()
	testAPIs.Store(fake, srv.URL)
	t.Cleanup(func() {
		srv.Close()
		testAPIs.Delete(fake)
	})
}

// newEnvTestAPI starts a fake for a test of the provider's environment
// variables: it configures the provider through them, so the test must use
// resource.Test, not testAccRun.
func newEnvTestAPI(t *testing.T) *fakeapi.Server {
	t.Helper()
	testAccPreCheck(t)
	fake := fakeapi.New()
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	configureProviderForFake(t, srv.URL)
	return fake
}

// configureProviderForFake isolates the provider's environment and points
// it at a fake API served at url, with the fake's account, region and zone.
func configureProviderForFake(t *testing.T, url string) {
	t.Helper()
	isolateProviderEnv(t)
	t.Setenv(envPublicKey, fakeapi.PublicKey)
	t.Setenv(envPrivateKey, fakeapi.PrivateKey)
	t.Setenv(envRegion, fakeapi.Region)
	t.Setenv(envZone, fakeapi.Zone)
	t.Setenv(envBaseURL, url)
}

// testAccRun runs tc in parallel with the provider configured in HCL for
// fake (see testAccProviderConfig), each step as a plan (see asPlan).
func testAccRun(t *testing.T, fake *fakeapi.Server, tc resource.TestCase) {
	t.Helper()
	tc.ProtoV6ProviderFactories = testAccProtoV6ProviderFactories
	for i := range tc.Steps {
		tc.Steps[i].Config = testAccProviderConfig(t, fake, tc.Steps[i].Config)
		tc.Steps[i] = asPlan(tc.Steps[i])
	}
	resource.ParallelTest(t, tc)
}

// testAccRunAlone runs tc on its own, each step as a plan (see asPlan), for
// the tests that configure the provider through environment variables or
// that need the machine to themselves.
func testAccRunAlone(t *testing.T, tc resource.TestCase) {
	t.Helper()
	tc.ProtoV6ProviderFactories = testAccProtoV6ProviderFactories
	for i := range tc.Steps {
		tc.Steps[i] = asPlan(tc.Steps[i])
	}
	resource.Test(t, tc)
}

// providerSettingPattern finds the settings a provider block writes.
var providerSettingPattern = regexp.MustCompile(`(?m)^\s*([a-z_]+)\s*=`)

// testAccProviderConfig gives config's provider "ucloud" block (added when
// missing) the settings for fake: its base_url, keys, region and zone, and
// the empty profile files, except those the block writes itself (and the
// keys when it names a profile), so a test overrides a setting by writing
// it ("" for unset).
func testAccProviderConfig(t *testing.T, fake *fakeapi.Server, config string) string {
	t.Helper()
	stored, ok := testAPIs.Load(fake)
	url, isURL := stored.(string)
	if !ok || !isURL {
		t.Fatal("testAccProviderConfig: the fake was not started by newTestAPI")
	}
	const open = "provider \"ucloud\" {"
	block, rest := "", config
	if i := strings.Index(config, open+"}"); i >= 0 {
		rest = config[:i] + config[i+len(open)+1:]
	} else if i := strings.Index(config, open); i >= 0 {
		end := strings.Index(config[i:], "\n}")
		if end < 0 {
			t.Fatalf("testAccProviderConfig: the provider block has no closing line:\n%s", config)
		}
		block = config[i+len(open) : i+end]
		rest = config[:i] + config[i+end+len("\n}"):]
	}
	written := map[string]bool{}
	for _, m := range providerSettingPattern.FindAllStringSubmatch(block, -1) {
		written[m[1]] = true
	}
	defaults := [][2]string{
		{attrBaseURL, url}, {attrPublicKey, fakeapi.PublicKey}, {attrPrivateKey, fakeapi.PrivateKey},
		{attrRegion, fakeapi.Region}, {attrZone, fakeapi.Zone},
		{attrSharedConfigFile, testAccProfileFile}, {attrSharedCredentialsFile, testAccProfileFile},
	}
	if written[attrProfile] { // the profile supplies the keys
		written[attrPublicKey], written[attrPrivateKey] = true, true
	}
	var b strings.Builder
	b.WriteString(open + "\n")
	for _, d := range defaults {
		if !written[d[0]] {
			fmt.Fprintf(&b, "  %s = %q\n", d[0], d[1])
		}
	}
	b.WriteString(strings.TrimLeft(block, "\n"))
	b.WriteString("\n}\n")
	return b.String() + rest
}

// providerBlock is a provider block with the given settings; testAccRun
// adds the fake's, newEnvTestAPI's environment supplies them otherwise.
func providerBlock(settings ...string) string {
	return "provider \"ucloud\" {\n  " + strings.Join(settings, "\n  ") + "\n}\n"
}
