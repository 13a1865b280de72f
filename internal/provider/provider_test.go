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
// run in parallel; those that test environment variables give the provider
// an environment of their own (testEnv), and run in parallel too.
func TestMain(m *testing.M) {
	keepRealAPIEnv()
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

// testEnvs holds each test's environment for the provider (see testEnv).
var testEnvs sync.Map // *testing.T -> *testEnv

// testEnv is the environment the provider sees in one test of environment
// variables, in place of the process's, so that such tests run in parallel
// (t.Setenv would forbid it). Variables it does not hold read as unset,
// except HOME, which falls back to TestMain's empty directory.
type testEnv struct {
	mu   sync.Mutex
	vars map[string]string
}

func (e *testEnv) set(name, value string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.vars[name] = value
}

func (e *testEnv) lookup(name string) (string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	v, ok := e.vars[name]
	return v, ok
}

// setProviderEnv sets a variable of t's environment for the provider; ""
// reads as unset, as it does to the provider.
func setProviderEnv(t *testing.T, name, value string) {
	t.Helper()
	got, ok := testEnvs.Load(t)
	env, isEnv := got.(*testEnv)
	if !ok || !isEnv {
		t.Fatal("setProviderEnv: call isolateProviderEnv (or newEnvTestAPI) first")
	}
	env.set(name, value)
}

// isolateProviderEnv gives t's provider an environment of its own, empty
// but for HOME, an empty directory, which it returns.
func isolateProviderEnv(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	testEnvs.Store(t, &testEnv{vars: map[string]string{"HOME": home}})
	t.Cleanup(func() { testEnvs.Delete(t) })
	return home
}

// testAccEnvFactories serves a provider that reads t's environment.
func testAccEnvFactories(t *testing.T) map[string]func() (tfprotov6.ProviderServer, error) {
	t.Helper()
	got, _ := testEnvs.Load(t)
	env, ok := got.(*testEnv)
	if !ok {
		t.Fatal("testAccEnvFactories: call isolateProviderEnv (or newEnvTestAPI) first")
	}
	return map[string]func() (tfprotov6.ProviderServer, error){
		"ucloud": func() (tfprotov6.ProviderServer, error) {
			return servedProvider(newProvider("test", env.lookup)), nil
		},
	}
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
// variables: it configures the provider through them (testEnv), so the test
// must use testAccRunWithEnv, not testAccRun.
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
	setProviderEnv(t, envPublicKey, fakeapi.PublicKey)
	setProviderEnv(t, envPrivateKey, fakeapi.PrivateKey)
	setProviderEnv(t, envRegion, fakeapi.Region)
	setProviderEnv(t, envZone, fakeapi.Zone)
	setProviderEnv(t, envBaseURL, url)
}

// testAccRun runs tc in parallel with the provider configured in HCL for
// fake (see testAccProviderConfig), each step as a plan (see asPlan).
func testAccRun(t *testing.T, fake *fakeapi.Server, tc resource.TestCase) {
	t.Helper()
	tc.ProtoV6ProviderFactories = testAccProtoV6ProviderFactories
	for i := range tc.Steps {
		tc.Steps[i].Config = testAccProviderConfig(t, fake, tc.Steps[i].Config)
	}
	resource.ParallelTest(t, asPlans(tc))
}

// testAccRunWithEnv runs tc in parallel with the provider configured by
// t's environment (testEnv), each step as a plan (see asPlan).
func testAccRunWithEnv(t *testing.T, tc resource.TestCase) {
	t.Helper()
	tc.ProtoV6ProviderFactories = testAccEnvFactories(t)
	resource.ParallelTest(t, asPlans(tc))
}

// testAccRunAlone is testAccRunWithEnv on its own, for the tests that also
// set variables of the process with t.Setenv (TF_LOG for the CLI and the
// provider's logs).
func testAccRunAlone(t *testing.T, tc resource.TestCase) {
	t.Helper()
	tc.ProtoV6ProviderFactories = testAccEnvFactories(t)
	resource.Test(t, asPlans(tc))
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

// testAccRunStep is testAccRun for a test of one step.
func testAccRunStep(t *testing.T, fake *fakeapi.Server, step resource.TestStep) {
	t.Helper()
	testAccRun(t, fake, resource.TestCase{Steps: []resource.TestStep{step}})
}
