package provider

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// This file is the fault matrix: the real Terraform CLI reads the data
// sources from the fake API while it injects faults. Reads that a retry can
// save must return the full, correct result; reads that cannot succeed must
// fail quickly, once, and say what to check.
//
// Request counts are checked in the step's Check, which runs right after
// the step's first plan (see asPlan): by then exactly one read has reached
// the fake. Faults are used up by that read, so the plan the test framework
// runs afterwards reads a healthy API.

// phostListingAddress is the data source every phost case reads.
const phostListingAddress = "data.ucloud_phost_images.test"

// testAccReliabilityPHostConfig reads every bare-metal image of the
// provider's zone; provider is an optional provider block.
func testAccReliabilityPHostConfig(provider string) string {
	return provider + `
data "ucloud_phost_images" "test" {}
`
}

// expectPHostListing checks that state holds exactly the fake's images of
// zone that a read lists by default (not those still being made), in API
// order: right count, no gap, no duplicate.
func expectPHostListing(images []fakeapi.PHostImage, zone string) []statecheck.StateCheck {
	var ids []knownvalue.Check
	for _, img := range usablePHost(images) {
		if img.Zone == zone {
			ids = append(ids, knownvalue.StringExact(img.ImageId))
		}
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(phostListingAddress, tfjsonpath.New("total_count"), knownvalue.Int64Exact(int64(len(ids)))),
		statecheck.ExpectKnownValue(phostListingAddress, tfjsonpath.New("images"), knownvalue.ListSizeExact(len(ids))),
		statecheck.ExpectKnownValue(phostListingAddress, tfjsonpath.New("ids"), knownvalue.ListExact(ids)),
	}
}

// wantOffsetCounts requires exactly counts[offset] requests at each offset
// and none elsewhere: each page fetched once, plus its retries.
func wantOffsetCounts(counts map[int]int) requestsCheck {
	return func(reqs []fakeapi.Request) error {
		pages, err := phostPages(reqs)
		if err != nil {
			return err
		}
		got := map[int]int{}
		for _, p := range pages {
			got[p.Offset]++
		}
		for offset, n := range got {
			if counts[offset] != n {
				return fmt.Errorf("%d requests at offset %d, want %d (all offsets: %v, want %v)", n, offset, counts[offset], got, counts)
			}
		}
		for offset, n := range counts {
			if got[offset] != n {
				return fmt.Errorf("%d requests at offset %d, want %d (all offsets: %v, want %v)", got[offset], offset, n, got, counts)
			}
		}
		return nil
	}
}

// evenOffsets returns {0: 1, size: 1, 2*size: 1, …} below total: a listing
// read once with pages of size.
func evenOffsets(total, size int) map[int]int {
	counts := map[int]int{}
	for offset := 0; offset < total; offset += size {
		counts[offset] = 1
	}
	return counts
}

// atOffset matches DescribePHostImage requests for the page at offset (the
// first page carries no Offset).
func atOffset(offset int) func(fakeapi.Request) bool {
	want := fmt.Sprint(offset)
	if offset == 0 {
		want = ""
	}
	return func(r fakeapi.Request) bool { return r.Params.Get("Offset") == want }
}

// reliabilityRecovery is a read that faults a retry can save.
type reliabilityRecovery struct {
	// setup shapes the data set and queues the faults.
	setup func(fake *fakeapi.Server)
	// wantRequests is how many requests the one read makes, retries included.
	wantRequests int
	// wantOffsets, if set, is the exact request count per page offset.
	wantOffsets map[int]int
}

// testAccReliabilityRecovers reads every bare-metal image of the default
// zone through the faults of rc and requires the complete listing.
func testAccReliabilityRecovers(t *testing.T, rc reliabilityRecovery) {
	fake := newTestAPI(t)
	rc.setup(fake)
	checks := []requestsCheck{wantRequestCount(rc.wantRequests)}
	if rc.wantOffsets != nil {
		checks = append(checks, wantOffsetCounts(rc.wantOffsets))
	}

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:            testAccReliabilityPHostConfig(""),
			Check:             testCheckRequests(fake, client.ActionDescribePHostImage, checks...),
			ConfigStateChecks: expectPHostListing(fake.PHostImages(), fakeapi.Zone),
		}},
	})
	if n := fake.PendingFaults(); n != 0 {
		t.Errorf("%d injected faults were never hit; the case did not test what it claims", n)
	}
}

// The default zone holds 137 images: two pages of 100. Faults without a
// Match hit the first requests, i.e. the first page.

func TestAccReliability_rateLimitedThreeTimes(t *testing.T) {
	testAccReliabilityRecovers(t, reliabilityRecovery{
		setup: func(fake *fakeapi.Server) {
			fake.AddFault(fakeapi.Fault{Action: client.ActionDescribePHostImage, RetCode: 153, Times: 3})
		},
		// Refusals are retried within retry_timeout: the first page takes
		// four attempts.
		wantRequests: 3 + 2,
		wantOffsets:  map[int]int{0: 4, 100: 1},
	})
}

func TestAccReliability_serviceErrorTwice(t *testing.T) {
	testAccReliabilityRecovers(t, reliabilityRecovery{
		setup: func(fake *fakeapi.Server) {
			fake.AddFault(fakeapi.Fault{Action: client.ActionDescribePHostImage, RetCode: 2001, Times: 2})
		},
		wantRequests: 2 + 2,
		wantOffsets:  map[int]int{0: 3, 100: 1},
	})
}

func TestAccReliability_gatewayErrorsAndDroppedConnection(t *testing.T) {
	testAccReliabilityRecovers(t, reliabilityRecovery{
		setup: func(fake *fakeapi.Server) {
			action := client.ActionDescribePHostImage
			fake.AddFault(fakeapi.Fault{Action: action, HTTPStatus: http.StatusInternalServerError})
			fake.AddFault(fakeapi.Fault{
				Action: action, HTTPStatus: http.StatusBadGateway, ContentType: "text/html",
				Body: "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
			})
			fake.AddFault(fakeapi.Fault{Action: action, DropConnection: true})
		},
		wantRequests: 3 + 2,
		wantOffsets:  map[int]int{0: 4, 100: 1},
	})
}

// TestAccReliability_middlePageFault lists 300 images (three pages of 100,
// the last two fetched concurrently) while the page at offset 100 fails
// twice: only that page is fetched again.
func TestAccReliability_middlePageFault(t *testing.T) {
	const total, page, faulted = 300, 100, 100
	offsets := evenOffsets(total, page)
	offsets[faulted] += 2
	testAccReliabilityRecovers(t, reliabilityRecovery{
		setup: func(fake *fakeapi.Server) {
			fake.SetPHostImages(fakeapi.GeneratePHostImages(fakeapi.Zone, total))
			action := client.ActionDescribePHostImage
			fake.AddFault(fakeapi.Fault{Action: action, Match: atOffset(faulted), HTTPStatus: http.StatusBadGateway})
			fake.AddFault(fakeapi.Fault{Action: action, Match: atOffset(faulted), RetCode: 153})
		},
		wantRequests: total/page + 2,
		wantOffsets:  offsets,
	})
}

// TestAccReliability_middlePageFaultCappedPages is the same against a
// server that answers at most 25 images whatever Limit asks: the 137 images
// come in six pages and the connection of the third is dropped once.
func TestAccReliability_middlePageFaultCappedPages(t *testing.T) {
	const total, page, faulted = 137, 25, 50
	offsets := evenOffsets(total, page)
	offsets[faulted]++
	testAccReliabilityRecovers(t, reliabilityRecovery{
		setup: func(fake *fakeapi.Server) {
			fake.SetMaxPageSize(page)
			fake.AddFault(fakeapi.Fault{Action: client.ActionDescribePHostImage, Match: atOffset(faulted), DropConnection: true})
		},
		wantRequests: 6 + 1,
		wantOffsets:  offsets,
	})
}

// TestAccReliability_uk8sRateLimited reads ucloud_uk8s_images through one
// rate-limit answer and requires all four sets, complete and in API order.
func TestAccReliability_uk8sRateLimited(t *testing.T) {
	fake := newTestAPI(t)
	fake.AddFault(fakeapi.Fault{Action: client.ActionDescribeUK8SImage, RetCode: 153})

	zoneID, ok := fakeapi.ZoneID(fakeapi.Zone)
	if !ok {
		t.Fatalf("the fake knows no ZoneId for %s", fakeapi.Zone)
	}
	sets := map[string][]knownvalue.Check{}
	for _, img := range fake.UK8SImages() {
		if img.Region == fakeapi.Region && img.ZoneId == zoneID {
			sets[img.Set] = append(sets[img.Set], knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"image_id": knownvalue.StringExact(img.ImageId),
			}))
		}
	}
	if len(sets[fakeapi.SetImage]) == 0 {
		t.Fatal("the default data set has no VM images in the default zone; the case would prove nothing")
	}
	var stateChecks []statecheck.StateCheck
	for attr, set := range map[string]string{
		"images": fakeapi.SetImage, "phost_images": fakeapi.SetPHostImage,
		"custom_images": fakeapi.SetCustomImage, "custom_phost_images": fakeapi.SetCustomPHostImage,
	} {
		want := sets[set]
		if want == nil {
			want = []knownvalue.Check{}
		}
		stateChecks = append(stateChecks,
			statecheck.ExpectKnownValue("data.ucloud_uk8s_images.test", tfjsonpath.New(attr), knownvalue.ListExact(want)))
	}

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:            `data "ucloud_uk8s_images" "test" {}`,
			Check:             testCheckRequests(fake, client.ActionDescribeUK8SImage, wantRequestCount(2)),
			ConfigStateChecks: stateChecks,
		}},
	})
}

// reliabilityFailure is a read that must fail: after wantRequests requests,
// with an error containing wantError's phrases in order.
type reliabilityFailure struct {
	provider     string
	setup        func(fake *fakeapi.Server)
	wantRequests int
	wantError    []string
}

// testAccReliabilityFails runs rf's read, checks its error and the number of
// requests, and returns the fake.
func testAccReliabilityFails(t *testing.T, rf reliabilityFailure) *fakeapi.Server {
	fake := newTestAPI(t)
	if rf.setup != nil {
		rf.setup(fake)
	}
	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:      testAccReliabilityPHostConfig(rf.provider),
			ExpectError: errorRegexp(append([]string{"Error: Unable to Read Bare-Metal Images"}, rf.wantError...)...),
		}},
	})
	if n := fake.RequestCount(""); n != rf.wantRequests {
		t.Errorf("the fake API received %d requests, want %d", n, rf.wantRequests)
	}
	return fake
}

// TestAccReliability_serverNeverAnswers holds every answer far longer than
// the test may take: with request_timeout = "2s" and max_retries = 1 the
// plan must give up after two attempts of two seconds each and say why.
func TestAccReliability_serverNeverAnswers(t *testing.T) {
	const timeout = time.Second
	fake := testAccReliabilityFails(t, reliabilityFailure{
		provider: providerBlock(`request_timeout = "1s"`, `max_retries = 1`),
		setup: func(fake *fakeapi.Server) {
			// Three, so a third attempt would hang too and show in the count.
			fake.AddFault(fakeapi.Fault{Action: client.ActionDescribePHostImage, Delay: 10 * time.Minute, Times: 3})
		},
		wantRequests: 2,
		wantError: []string{
			"failed after 2 attempts in", "(max_retries allows 1)",
			"timed out: no complete answer within request_timeout (1s)",
			"Raise request_timeout",
		},
	})

	// The second attempt starts only once the first has used up its
	// request_timeout: proof that the timeout, not some early failure,
	// ended it.
	if reqs := fake.Requests(); len(reqs) == 2 {
		if gap := reqs[1].Received.Sub(reqs[0].Received); gap < timeout {
			t.Errorf("second attempt %s after the first, want at least request_timeout (%s)", gap, timeout)
		}
	}
}

func TestAccReliability_retriesExhausted(t *testing.T) {
	testAccReliabilityFails(t, reliabilityFailure{
		provider: providerBlock(`max_retries = 2`),
		setup: func(fake *fakeapi.Server) {
			fake.AddFault(fakeapi.Fault{Action: client.ActionDescribePHostImage, RetCode: 150, Times: 100})
		},
		wantRequests: 3,
		wantError: []string{
			"failed after 3 attempts in", "(max_retries allows 2).",
			"This is a transient service-side error; it was retried.",
			"Action: DescribePHostImage", "RetCode: 150", "Message: Service Temporarily Unavailable", "Request UUID:",
		},
	})
}

func TestAccReliability_noRetries(t *testing.T) {
	testAccReliabilityFails(t, reliabilityFailure{
		provider: providerBlock(`max_retries = 0`),
		setup: func(fake *fakeapi.Server) {
			fake.AddFault(fakeapi.Fault{Action: client.ActionDescribePHostImage, RetCode: 130, Times: 100})
		},
		wantRequests: 1,
		wantError:    []string{"failed after 1 attempt in", "(max_retries allows 0).", "RetCode: 130"},
	})
}

func TestAccReliability_wrongPrivateKey(t *testing.T) {
	testAccReliabilityFails(t, reliabilityFailure{
		provider:     providerBlock(`private_key = "not-the-private-key"`),
		wantRequests: 1,
		wantError: []string{
			"UCloud API action DescribePHostImage failed. The signature did not verify:",
			"check private_key (UCLOUD_PRIVATE_KEY) belongs to public_key",
			"RetCode: 171",
		},
	})
}

func TestAccReliability_unknownAction(t *testing.T) {
	testAccReliabilityFails(t, reliabilityFailure{
		setup: func(fake *fakeapi.Server) {
			// The fake answers 161 to an Action it does not offer; an
			// endpoint that is not the UCloud API does the same for ours.
			fake.AddFault(fakeapi.Fault{Action: client.ActionDescribePHostImage, RetCode: 161})
		},
		wantRequests: 1,
		wantError: []string{
			"failed. The endpoint does not offer this action: check base_url (UCLOUD_BASE_URL).",
			"RetCode: 161", "Message: Action [DescribePHostImage] not exist",
		},
	})
}

func TestAccReliability_nonJSONBody(t *testing.T) {
	testAccReliabilityFails(t, reliabilityFailure{
		setup: func(fake *fakeapi.Server) {
			fake.AddFault(fakeapi.Fault{
				Action: client.ActionDescribePHostImage, HTTPStatus: http.StatusOK, ContentType: "text/html",
				Body: "<html><body>Service portal: please log in</body></html>",
			})
		},
		wantRequests: 1,
		wantError: []string{
			"returned a response that is not valid JSON",
			`HTTP 200, Content-Type "text/html"`,
			`body starts with "<html><body>Service portal: please log in</body></html>"`,
		},
	})
}

func TestAccReliability_truncatedJSON(t *testing.T) {
	testAccReliabilityFails(t, reliabilityFailure{
		setup: func(fake *fakeapi.Server) {
			fake.AddFault(fakeapi.Fault{
				Action: client.ActionDescribePHostImage, HTTPStatus: http.StatusOK,
				Body: `{"RetCode":0,"Action":"DescribePHostImageResponse","TotalCount":137,"ImageSet":[{"ImageId":"pimg-`,
			})
		},
		wantRequests: 1,
		wantError: []string{
			"not valid JSON (unexpected end of JSON input)",
			`HTTP 200, Content-Type "application/json"`,
			`body starts with "{\"RetCode\":0,\"Action\":\"DescribePHostImageResponse\"`,
		},
	})
}

// TestAccReliability_notFoundPage is a base_url that points at some other
// web server: a 404 page is not retried.
func TestAccReliability_notFoundPage(t *testing.T) {
	testAccReliabilityFails(t, reliabilityFailure{
		setup: func(fake *fakeapi.Server) {
			fake.AddFault(fakeapi.Fault{Action: client.ActionDescribePHostImage, HTTPStatus: http.StatusNotFound})
		},
		wantRequests: 1,
		wantError:    []string{"not valid JSON", `HTTP 404, Content-Type "text/html"`, `body starts with "<html>`},
	})
}
