package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// These tests run many distinct look-ups in one plan while the fake limits
// the request rate, with windows scaled down from the (20 s of
// RetCode 153, 20 requests per second, a minute of throttling) so that they
// stay short. They count requests; how long the full-size scenarios take is
// measured by scripts/bench-e2e.sh (BENCHMARKS.md), never asserted here.
//
// TestAccThrottling runs them in parallel with each other but not with the
// rest of the suite: they spend their time waiting out windows, and the
// token bucket needs Terraform to read faster than it lets through, which a
// machine busy with other tests might not.
func TestAccThrottling(t *testing.T) {
	for _, tc := range []struct {
		name string
		run  func(*testing.T)
	}{
		{"windowOfRefusals", testAccThrottlingWindowOfRefusals},
		{"tokenBucket", testAccThrottlingTokenBucket},
		{"oneReadOutlastsThrottling", testAccThrottlingOneReadOutlastsThrottling},
		{"retryTimeoutEnds", testAccThrottlingRetryTimeoutEnds},
		{"slowAnswerOnFirstAttempt", testAccThrottlingSlowAnswerOnFirstAttempt},
	} {
		t.Run(tc.name, tc.run)
	}
}

// testAccThrottledConfig declares n UK8S look-ups that differ in project,
// so that none shares another's request.
func testAccThrottledConfig(provider string, n int) string {
	return provider + fmt.Sprintf(`
data "ucloud_uk8s_images" "test" {
  count      = %d
  project_id = "org-${count.index}"
}
`, n)
}

// throttledChecks requires the first and last look-up to hold the default
// zone's three VM images.
func throttledChecks(n int) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for _, i := range []int{0, n - 1} {
		checks = append(checks, statecheck.ExpectKnownValue(fmt.Sprintf("data.ucloud_uk8s_images.test[%d]", i),
			tfjsonpath.New("images"), knownvalue.ListSizeExact(3)))
	}
	return checks
}

// wantRefusals checks, after the plan's read, that the fake refused some
// requests (or the case would not test throttling), that it received at most
// most requests, and that at most refusedShare of them were refused.
func wantRefusals(t *testing.T, fake *fakeapi.Server, most int, refusedShare float64) resource.TestCheckFunc {
	return func(*terraform.State) error {
		total, refused := fake.RequestCount(""), fake.RefusedCount()
		t.Logf("the fake received %d requests and refused %d", total, refused)
		switch {
		case refused == 0:
			return fmt.Errorf("the fake refused no request of %d: the case did not throttle", total)
		case total > most:
			return fmt.Errorf("the fake received %d requests (%d refused), want at most %d", total, refused, most)
		case float64(refused) > refusedShare*float64(total):
			return fmt.Errorf("the fake refused %d of %d requests, want at most %.0f%%", refused, total, refusedShare*100)
		}
		return nil
	}
}

// testAccThrottlingWindowOfRefusals: distinct look-ups through a window in
// which the API refuses everything all succeed, and the process probes
// instead of every read retrying on its own: at most 1.5 requests per
// look-up, the 300 for 200.
func testAccThrottlingWindowOfRefusals(t *testing.T) {
	const lookups = 40
	fake := newTestAPI(t)
	fake.SetThrottleWindow(2 * time.Second)

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:            testAccThrottledConfig("", lookups),
			ConfigStateChecks: throttledChecks(lookups),
			Check:             wantRefusals(t, fake, lookups*3/2, 1),
		}},
	})
}

// testAccThrottlingTokenBucket: distinct look-ups against a rate limit
// all succeed with at most a quarter of the requests refused.
func testAccThrottlingTokenBucket(t *testing.T) {
	// NOTE: a limit below the pace at which Terraform reads here (about 20
	// a second on a busy machine), so that it really refuses.
	const lookups = 20
	fake := newTestAPI(t)
	fake.SetRateLimit(8, 8)

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:            testAccThrottledConfig("", lookups),
			ConfigStateChecks: throttledChecks(lookups),
			Check:             wantRefusals(t, fake, lookups*2, 0.25),
		}},
	})
}

// testAccThrottlingOneReadOutlastsThrottling: on default settings one
// read waits out seconds of refusals, in few requests (at most 20 for the
// issue's minute).
func testAccThrottlingOneReadOutlastsThrottling(t *testing.T) {
	fake := newTestAPI(t)
	fake.SetThrottleWindow(3 * time.Second)

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:            testAccThrottledConfig("", 1),
			ConfigStateChecks: throttledChecks(1),
			Check:             wantRefusals(t, fake, 10, 1),
		}},
	})
}

// testAccThrottlingRetryTimeoutEnds: retry_timeout, not max_retries, ends
// the retries of a rate-limited read, and the error says how long and how
// often it tried.
func testAccThrottlingRetryTimeoutEnds(t *testing.T) {
	fake := newTestAPI(t)
	fake.SetThrottleWindow(time.Hour)

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: testAccThrottledConfig(providerBlock(`max_retries = 0`, `retry_timeout = "1s"`), 1),
			ExpectError: errorRegexp("Error: Unable to Read UK8S Images", "failed after", "attempts in",
				"(retry_timeout 1s leaves no time for another).", "Raise retry_timeout", "RetCode: 153"),
		}},
	})
	if n := fake.RequestCount(""); n < 2 {
		t.Errorf("the fake received %d requests, want retries despite max_retries = 0", n)
	}
}

// testAccThrottlingSlowAnswerOnFirstAttempt: an answer slower than the
// old default but within request_timeout arrives on the first attempt.
func testAccThrottlingSlowAnswerOnFirstAttempt(t *testing.T) {
	fake := newTestAPI(t)
	fake.SetLatency(time.Second)

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:            testAccThrottledConfig(providerBlock(`request_timeout = "2s"`), 1),
			ConfigStateChecks: throttledChecks(1),
			Check: func(*terraform.State) error {
				if n := fake.RequestCount(""); n != 1 {
					return fmt.Errorf("the fake received %d requests, want the first attempt to succeed", n)
				}
				return nil
			},
		}},
	})
}
