package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// testAccFirstUK8SImageID is the first VM image the fake lists for
// fakeapi.Region and fakeapi.Zone.
const testAccFirstUK8SImageID = "uimage-kq3xw2hd"

// startUnconfiguredFakeAPI starts a fake API with no provider configuration at all: the
// provider's environment is cleared and HOME is empty. It returns the fake,
// its URL and the temporary HOME.
func startUnconfiguredFakeAPI(t *testing.T) (*fakeapi.Server, string, string) {
	t.Helper()
	testAccPreCheck(t)
	fake := fakeapi.New()
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	home := isolateProviderEnv(t)
	return fake, srv.URL, home
}

// wrappedDiagRegexp matches the fragments in order anywhere in Terraform's output.
// Terraform wraps diagnostic text and prefixes each line with "│", so a
// space inside a fragment matches any run of spaces, newlines and bars.
func wrappedDiagRegexp(fragments ...string) *regexp.Regexp {
	quoted := make([]string, len(fragments))
	for i, f := range fragments {
		words := strings.Fields(f)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		quoted[i] = strings.Join(words, `[\s│]+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}

// checkEveryRequest checks every request the fake recorded: there is at least
// one, and each has the wanted parameters.
func checkEveryRequest(fake *fakeapi.Server, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		reqs := fake.Requests()
		if len(reqs) == 0 {
			return fmt.Errorf("the fake API received no request")
		}
		for i, r := range reqs {
			for name, value := range want {
				if got := r.Params.Get(name); got != value {
					return fmt.Errorf("request %d (%s): %s = %q, want %q", i, r.Action, name, got, value)
				}
			}
		}
		return nil
	}
}

// uk8sImagesChecks assert where the read ran and its first VM image.
func uk8sImagesChecks(region, zone, firstImageID string) []statecheck.StateCheck {
	const addr = "data.ucloud_uk8s_images.test"
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("region"), knownvalue.StringExact(region)),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("zone"), knownvalue.StringExact(zone)),
	}
	if firstImageID != "" {
		checks = append(checks, statecheck.ExpectKnownValue(addr,
			tfjsonpath.New("images").AtSliceIndex(0).AtMapKey("image_id"), knownvalue.StringExact(firstImageID)))
	}
	return checks
}

// TestAccProvider_envOnly configures the provider from environment variables alone.
func TestAccProvider_envOnly(t *testing.T) {
	fake := newEnvTestAPI(t)

	testAccRunWithEnv(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:            testAccProviderConfig_uk8sOnly(),
			ConfigStateChecks: uk8sImagesChecks(fakeapi.Region, fakeapi.Zone, testAccFirstUK8SImageID),
			Check: checkEveryRequest(fake, map[string]string{
				"Action": "DescribeUK8SImage", "PublicKey": fakeapi.PublicKey,
				"Region": fakeapi.Region, "Zone": fakeapi.Zone,
			}),
		}},
	})
}

// TestAccProvider_activeProfile configures the provider from the default CLI profile files alone,
// using the profile marked active.
func TestAccProvider_activeProfile(t *testing.T) {
	fake, url, home := startUnconfiguredFakeAPI(t)
	// "default" comes first and holds keys the fake does not know: if it
	// were picked, the fake would answer RetCode 172 and the region would
	// differ.
	writeProfileJSON(t, filepath.Join(home, ".ucloud", "config.json"), []cliConfigEntry{
		{Profile: "default", Region: "cn-sh2", Zone: "cn-sh2-02", BaseURL: url},
		{Profile: "work", Region: fakeapi.Region, Zone: fakeapi.Zone, BaseURL: url, Active: true},
	})
	writeProfileJSON(t, filepath.Join(home, ".ucloud", "credential.json"), []cliCredentialEntry{
		{Profile: "default", PublicKey: "default-public-key", PrivateKey: "default-private-key"},
		{Profile: "work", PublicKey: fakeapi.PublicKey, PrivateKey: fakeapi.PrivateKey},
	})

	testAccRunWithEnv(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:            testAccProviderConfig_uk8sOnly(),
			ConfigStateChecks: uk8sImagesChecks(fakeapi.Region, fakeapi.Zone, testAccFirstUK8SImageID),
			Check: checkEveryRequest(fake, map[string]string{
				"PublicKey": fakeapi.PublicKey, "Region": fakeapi.Region, "Zone": fakeapi.Zone,
			}),
		}},
	})
}

// TestAccProvider_explicitProfileAndFiles selects a non-active profile with profile and reads
// profile files named by shared_config_file and shared_credentials_file.
func TestAccProvider_explicitProfileAndFiles(t *testing.T) {
	fake, url, home := startUnconfiguredFakeAPI(t)
	// The default files hold only a "work" profile: if the file attributes
	// were ignored, profile "blue" would not be found.
	writeProfileJSON(t, filepath.Join(home, ".ucloud", "config.json"), []cliConfigEntry{
		{Profile: "work", Region: "cn-sh2", BaseURL: url, Active: true},
	})
	writeProfileJSON(t, filepath.Join(home, ".ucloud", "credential.json"), []cliCredentialEntry{
		{Profile: "work", PublicKey: fakeapi.PublicKey, PrivateKey: fakeapi.PrivateKey},
	})
	// The named files: "work" is active but has a key the fake does not
	// know; "blue" is the one asked for.
	elsewhere := t.TempDir()
	configPath := writeProfileJSON(t, filepath.Join(elsewhere, "cli", "my-config.json"), []cliConfigEntry{
		{Profile: "work", Region: "cn-sh2", Zone: "cn-sh2-02", BaseURL: url, Active: true},
		{Profile: "blue", Region: fakeapi.Region, Zone: fakeapi.Zone, BaseURL: url},
	})
	credentialPath := writeProfileJSON(t, filepath.Join(elsewhere, "secrets", "my-credentials.json"), []cliCredentialEntry{
		{Profile: "work", PublicKey: "work-public-key", PrivateKey: "work-private-key"},
		{Profile: "blue", PublicKey: fakeapi.PublicKey, PrivateKey: fakeapi.PrivateKey},
	})

	testAccRunWithEnv(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:            testAccProviderConfig_profileFiles("blue", configPath, credentialPath),
			ConfigStateChecks: uk8sImagesChecks(fakeapi.Region, fakeapi.Zone, testAccFirstUK8SImageID),
			Check: checkEveryRequest(fake, map[string]string{
				"PublicKey": fakeapi.PublicKey, "Region": fakeapi.Region, "Zone": fakeapi.Zone,
			}),
		}},
	})
}

// TestAccProvider_attributesOverrideEnv checks provider block values beat the environment.
func TestAccProvider_attributesOverrideEnv(t *testing.T) {
	fake := newEnvTestAPI(t) // the environment says cn-bj2 / cn-bj2-02

	testAccRunWithEnv(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:            testAccProviderConfig_location("cn-sh2", "cn-sh2-02"),
			ConfigStateChecks: uk8sImagesChecks("cn-sh2", "cn-sh2-02", ""),
			Check: checkEveryRequest(fake, map[string]string{
				"PublicKey": fakeapi.PublicKey, "Region": "cn-sh2", "Zone": "cn-sh2-02",
			}),
		}},
	})
}

// TestAccProvider_missingCredentialsAndRegion checks the single missing-values diagnostic
// and that no request is sent.
func TestAccProvider_missingCredentialsAndRegion(t *testing.T) {
	fake, url, _ := startUnconfiguredFakeAPI(t)
	// Only the endpoint is configured, so a request would reach the fake.
	setProviderEnv(t, envBaseURL, url)

	testAccRunWithEnv(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: testAccProviderConfig_uk8sOnly(),
			ExpectError: wrappedDiagRegexp("Missing UCloud Provider Configuration",
				"- public_key:", envPublicKey,
				"- private_key:", envPrivateKey,
				"- region:", envRegion,
				"profile or "+envProfile),
		}},
	})
	expectNoRequests(t, fake)
}

// TestAccProvider_badProfileFiles checks named profile files that cannot be read or parsed,
// and a named profile that is in neither file.
func TestAccProvider_badProfileFiles(t *testing.T) {
	fake, url, home := startUnconfiguredFakeAPI(t)
	setProviderEnv(t, envBaseURL, url)
	writeProfileJSON(t, filepath.Join(home, ".ucloud", "config.json"), []cliConfigEntry{
		{Profile: "default", Region: fakeapi.Region, Zone: fakeapi.Zone, BaseURL: url},
	})
	writeProfileJSON(t, filepath.Join(home, ".ucloud", "credential.json"), []cliCredentialEntry{
		{Profile: "default", PublicKey: fakeapi.PublicKey, PrivateKey: fakeapi.PrivateKey},
	})
	dir := t.TempDir()
	absent := filepath.Join(dir, "absent.json")
	notJSON := writeProfileText(t, filepath.Join(dir, "credential.txt"), "public_key = abc\n")
	aDirectory := filepath.Join(dir, "a-directory")
	if err := os.Mkdir(aDirectory, 0o700); err != nil {
		t.Fatal(err)
	}

	testAccRunWithEnv(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      testAccProviderConfig_oneSetting("shared_config_file", absent),
				ExpectError: wrappedDiagRegexp("Unable to Read UCloud CLI Profile File", "absent.json", "shared_config_file"),
			},
			{
				Config:      testAccProviderConfig_oneSetting("shared_credentials_file", aDirectory),
				ExpectError: wrappedDiagRegexp("Unable to Read UCloud CLI Profile File", "a-directory", "shared_credentials_file"),
			},
			{
				Config:      testAccProviderConfig_oneSetting("shared_credentials_file", notJSON),
				ExpectError: wrappedDiagRegexp("Unable to Read UCloud CLI Profile File", "credential.txt", "shared_credentials_file"),
			},
			{
				Config:      testAccProviderConfig_oneSetting("profile", "ghost"),
				ExpectError: wrappedDiagRegexp("Unknown UCloud CLI Profile", `"ghost"`),
			},
		},
	})
	expectNoRequests(t, fake)
}

// TestAccProvider_wrongPrivateKey checks a wrong key costs one request and names
// private_key and RetCode 171.
func TestAccProvider_wrongPrivateKey(t *testing.T) {
	fake := newTestAPI(t)

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:      testAccProviderConfig_oneSetting("private_key", "wrong"),
			ExpectError: wrappedDiagRegexp("Unable to Read UK8S Images", "private_key", "RetCode: 171"),
		}},
	})
	if n := fake.RequestCount(""); n != 1 {
		t.Errorf("the fake API received %d requests, want exactly 1 (a wrong key is not retried)", n)
	}
}

// TestAccProvider_invalidSettingsRefusedAtValidation checks bad max_retries,
// request_timeout and base_url are refused before any request.
func TestAccProvider_invalidSettingsRefusedAtValidation(t *testing.T) {
	fake := newTestAPI(t)

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      testAccProviderConfig_maxRetries(11),
				ExpectError: wrappedDiagRegexp("max_retries", "between 0 and 10", "11"),
			},
			{
				Config:      testAccProviderConfig_maxRetries(-1),
				ExpectError: wrappedDiagRegexp("max_retries", "between 0 and 10", "-1"),
			},
			{
				Config:      testAccProviderConfig_oneSetting("request_timeout", "soon"),
				ExpectError: wrappedDiagRegexp("Invalid Duration", "request_timeout", `"soon" is not a duration`),
			},
			{
				Config:      testAccProviderConfig_oneSetting("base_url", "ftp://x"),
				ExpectError: wrappedDiagRegexp("Invalid URL", "base_url", `"ftp://x"`),
			},
			{
				Config:      testAccProviderConfig_oneSetting("base_url", "not a url"),
				ExpectError: wrappedDiagRegexp("Invalid URL", "base_url", `"not a url"`),
			},
		},
	})
	expectNoRequests(t, fake)
}

// TestAccProvider_userAgent checks the User-Agent names the provider and Terraform versions.
func TestAccProvider_userAgent(t *testing.T) {
	testAccPreCheck(t)
	fake := fakeapi.New()
	var (
		mu     sync.Mutex
		agents []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		agents = append(agents, r.UserAgent())
		mu.Unlock()
		fake.ServeHTTP(w, r)
	}))
	registerTestAPI(t, fake, srv)

	checkAgents := func(*terraform.State) error {
		mu.Lock()
		defer mu.Unlock()
		if len(agents) == 0 {
			return fmt.Errorf("no request reached the API")
		}
		for _, ua := range agents {
			if !strings.HasPrefix(ua, "terraform-provider-ucloud/test") || !strings.Contains(ua, " Terraform/") {
				return fmt.Errorf("User-Agent %q, want terraform-provider-ucloud/test followed by Terraform/<version>", ua)
			}
		}
		return nil
	}
	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:            testAccProviderConfig_uk8sOnly(),
			ConfigStateChecks: uk8sImagesChecks(fakeapi.Region, fakeapi.Zone, testAccFirstUK8SImageID),
			Check:             checkAgents,
		}},
	})
}

func testAccProviderConfig_uk8sOnly() string {
	return `data "ucloud_uk8s_images" "test" {}`
}

func testAccProviderConfig_profileFiles(profile, configPath, credentialPath string) string {
	return fmt.Sprintf(`
provider "ucloud" {
  profile                 = %[1]q
  shared_config_file      = %[2]q
  shared_credentials_file = %[3]q
}

data "ucloud_uk8s_images" "test" {}
`, profile, configPath, credentialPath)
}

func testAccProviderConfig_location(region, zone string) string {
	return fmt.Sprintf(`
provider "ucloud" {
  region = %[1]q
  zone   = %[2]q
}

data "ucloud_uk8s_images" "test" {}
`, region, zone)
}

// testAccProviderConfig_oneSetting sets one string setting of the provider.
func testAccProviderConfig_oneSetting(name, value string) string {
	return fmt.Sprintf(`
provider "ucloud" {
  %[1]s = %[2]q
}

data "ucloud_uk8s_images" "test" {}
`, name, value)
}

func testAccProviderConfig_maxRetries(n int) string {
	return fmt.Sprintf(`
provider "ucloud" {
  max_retries = %[1]d
}

data "ucloud_uk8s_images" "test" {}
`, n)
}

// TestUserAgent checks the User-Agent names the provider version and, when
// known, the Terraform version.
func TestUserAgent(t *testing.T) {
	tests := []struct {
		provider, terraform, want string
	}{
		{"1.2.3", "1.11.0", "terraform-provider-ucloud/1.2.3 Terraform/1.11.0"},
		{"test", "1.11.4", "terraform-provider-ucloud/test Terraform/1.11.4"},
		{"dev", "", "terraform-provider-ucloud/dev"},
	}
	for _, tt := range tests {
		if got := userAgent(tt.provider, tt.terraform); got != tt.want {
			t.Errorf("userAgent(%q, %q) = %q, want %q", tt.provider, tt.terraform, got, tt.want)
		}
	}
}
