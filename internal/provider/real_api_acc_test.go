package provider

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// Acceptance tests against the real UCloud API. They only read, but they
// need real credentials and a network, so they run only when
// UCLOUD_ACC_REAL=1 (make testacc-real) and are skipped otherwise.

// realAPIEnv is, when UCLOUD_ACC_REAL=1, the provider's variables and HOME
// as the test process received them, kept by TestMain before it scrubs
// them; the real-API tests give them to the provider (testEnv).
var realAPIEnv map[string]string

// keepRealAPIEnv fills realAPIEnv when real-API tests were asked for.
func keepRealAPIEnv() {
	if os.Getenv("UCLOUD_ACC_REAL") != "1" {
		return
	}
	realAPIEnv = map[string]string{}
	for _, name := range append([]string{"HOME"}, testAccEnv...) {
		if v, ok := os.LookupEnv(name); ok {
			realAPIEnv[name] = v
		}
	}
}

// testAccRealPreCheck skips unless real-API tests were asked for, fails if
// the settings they need are missing, and gives t's provider the kept
// environment.
func testAccRealPreCheck(t *testing.T, needZone bool) {
	t.Helper()
	if realAPIEnv == nil {
		t.Skip("real-API acceptance test: set UCLOUD_ACC_REAL=1 with credentials to run it (make testacc-real)")
	}
	testAccPreCheck(t)
	required := []string{envPublicKey, envPrivateKey, envRegion}
	if needZone {
		required = append(required, envZone)
	}
	for _, name := range required {
		if realAPIEnv[name] == "" {
			t.Fatalf("UCLOUD_ACC_REAL=1 needs %s", name)
		}
	}
	isolateProviderEnv(t)
	for name, value := range realAPIEnv {
		setProviderEnv(t, name, value)
	}
}

// The real-API tests run in parallel, even to be skipped, and apply, so
// that Check reads a state.

func TestAccReal_phostImagesAllPages(t *testing.T) {
	t.Parallel()
	testAccRealPreCheck(t, true)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccEnvFactories(t),
		Steps: []resource.TestStep{{
			Config: `data "ucloud_phost_images" "all" {}`,
			Check:  testAccCheckRealListing("data.ucloud_phost_images.all"),
		}},
	})
}

func TestAccReal_uk8sImages(t *testing.T) {
	t.Parallel()
	testAccRealPreCheck(t, false)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccEnvFactories(t),
		Steps: []resource.TestStep{{
			Config: `data "ucloud_uk8s_images" "all" {}`,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrSet("data.ucloud_uk8s_images.all", "images.0.image_id"),
				resource.TestCheckResourceAttrSet("data.ucloud_uk8s_images.all", "images.0.image_name"),
			),
		}},
	})
}

// testAccCheckRealListing checks a real bare-metal listing is whole: it has
// images, ids match images one for one, and no id repeats.
func testAccCheckRealListing(name string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return fmt.Errorf("%s not in state", name)
		}
		attrs := rs.Primary.Attributes
		total, err := strconv.Atoi(attrs["total_count"])
		if err != nil || total == 0 {
			return fmt.Errorf("total_count = %q, want a positive number", attrs["total_count"])
		}
		if attrs["ids.#"] != attrs["total_count"] || attrs["images.#"] != attrs["total_count"] {
			return fmt.Errorf("ids.# = %s, images.# = %s, total_count = %d", attrs["ids.#"], attrs["images.#"], total)
		}
		seen := map[string]bool{}
		for i := range total {
			id := attrs[fmt.Sprintf("ids.%d", i)]
			if id == "" || seen[id] || attrs[fmt.Sprintf("images.%d.image_id", i)] != id {
				return fmt.Errorf("ids.%d = %q is empty, repeated or not images.%d.image_id", i, id, i)
			}
			seen[id] = true
		}
		return nil
	}
}
