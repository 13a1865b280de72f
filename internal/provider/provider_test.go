package provider

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// testAccProtoV6ProviderFactories serves the provider in-process to the
// Terraform CLI that acceptance tests run.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"ucloud": providerserver.NewProtocol6WithError(New("test")()),
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

// testAccEnv lists every environment variable the provider reads; each
// test starts with all of them cleared so the machine's settings never leak
// in.
var testAccEnv = []string{
	envPublicKey, envPrivateKey, envRegion, envZone, envProjectID, envBaseURL, envAPIBaseURL,
	envTimeoutSecond, envProfile, envSharedConfigFile, envSharedCredentialsFile,
}

// isolateProviderEnv clears the provider's environment variables and
// points HOME at an empty directory, so no real UCloud CLI profile is read.
func isolateProviderEnv(t *testing.T) string {
	t.Helper()
	for _, name := range testAccEnv {
		t.Setenv(name, "")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	return home
}

// newTestAPI starts a fake UCloud API for one test and configures the
// provider for it through the environment: the fake's keys, region
// fakeapi.Region and zone fakeapi.Zone.
func newTestAPI(t *testing.T) *fakeapi.Server {
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
