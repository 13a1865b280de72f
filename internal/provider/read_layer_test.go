package provider

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// These tests pin the request budget of one Terraform operation: identical
// reads share one API call, different reads each cost one listing, and a
// long listing costs one request per page. They count requests only; how
// long a plan takes is measured by the benchmarks (BENCHMARKS.md), never
// asserted here.
//
// NOTE: Check runs after the step's first `terraform plan` (see asPlan), so
// the counts seen there are those of the one plan that read the data
// sources.

// identicalReads is how many identical blocks the sharing tests declare.
const identicalReads = 20

// differentReads is how many blocks of each of two queries the tests of
// different queries declare: enough to show sharing within each query.
const differentReads = 3

// TestAccPHostImagesDataSource_identicalBlocksShareRequests: identical
// blocks over the 137 images of the default zone share its two pages. The
// blocks keep one image name, so that the test's state stays small; the
// name is matched by the provider, after the whole listing.
func TestAccPHostImagesDataSource_identicalBlocksShareRequests(t *testing.T) {
	fake := newTestAPI(t)
	images := phostImagesInZone(t, fake.PHostImages(), fakeapi.Zone)
	name := images[0].ImageName
	kept := filterFakePHost(images, func(img fakeapi.PHostImage) bool { return img.ImageName == name })

	var checks []statecheck.StateCheck
	for i := range identicalReads {
		checks = append(checks, statecheck.ExpectKnownValue(
			testAccIdenticalBlockAddress(i), tfjsonpath.New("total_count"), knownvalue.Int64Exact(int64(len(kept)))))
	}

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:            testAccPHostImagesDataSourceConfig_identicalBlocks(identicalReads, "^"+regexp.QuoteMeta(name)+"$"),
			ConfigStateChecks: checks,
			// 137 images are two pages (100 + 37); twenty blocks share both.
			Check: testCheckRequests(fake, client.ActionDescribePHostImage,
				wantRequestCount(2),
				wantOneListingPerQuery(map[string][]int{"Region=cn-bj2&Zone=cn-bj2-02": {0, 100}}),
			),
		}},
	})
}

func TestAccUK8SImagesDataSource_identicalBlocksShareRequests(t *testing.T) {
	fake := newTestAPI(t)

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: testAccUK8SImagesDataSourceConfig_counted(identicalReads),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ucloud_uk8s_images.test[0]", tfjsonpath.New("images"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue(fmt.Sprintf("data.ucloud_uk8s_images.test[%d]", identicalReads-1),
					tfjsonpath.New("images"), knownvalue.ListSizeExact(3)),
			},
			Check: testCheckRequests(fake, client.ActionDescribeUK8SImage,
				wantRequestCount(1),
				wantOneListingPerQuery(map[string][]int{"Region=cn-bj2&Zone=cn-bj2-02": {0}}),
			),
		}},
	})
}

func TestAccPHostImagesDataSource_differentQueriesOneListingEach(t *testing.T) {
	fake := newTestAPI(t)
	listed := phostImagesInZone(t, fake.PHostImages(), fakeapi.Zone)
	custom := filterFakePHost(listed, func(img fakeapi.PHostImage) bool { return img.ImageType == "Custom" })

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			// Three blocks of each query: the unfiltered listing is two
			// pages, the 77 Custom images fit in one.
			Config: testAccPHostImagesDataSourceConfig_twoQueries(differentReads, "Custom"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ucloud_phost_images.all[0]", tfjsonpath.New("total_count"), knownvalue.Int64Exact(int64(len(listed)))),
				statecheck.ExpectKnownValue("data.ucloud_phost_images.filtered[2]", tfjsonpath.New("total_count"), knownvalue.Int64Exact(int64(len(custom)))),
			},
			Check: testCheckRequests(fake, client.ActionDescribePHostImage,
				wantRequestCount(3),
				wantOneListingPerQuery(map[string][]int{
					"Region=cn-bj2&Zone=cn-bj2-02":                  {0, 100},
					"ImageType=Custom&Region=cn-bj2&Zone=cn-bj2-02": {0},
				}),
			),
		}},
	})
}

func TestAccUK8SImagesDataSource_differentQueriesOneListingEach(t *testing.T) {
	fake := newTestAPI(t)

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: testAccUK8SImagesDataSourceConfig_twoProducts(differentReads),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ucloud_uk8s_images.vm[0]", tfjsonpath.New("phost_images"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.ucloud_uk8s_images.bare_metal[0]", tfjsonpath.New("images"), knownvalue.ListSizeExact(0)),
			},
			Check: testCheckRequests(fake, client.ActionDescribeUK8SImage,
				wantRequestCount(2),
				wantOneListingPerQuery(map[string][]int{
					"ProductType=uhost&Region=cn-bj2&Zone=cn-bj2-02":  {0},
					"ProductType=uphost&Region=cn-bj2&Zone=cn-bj2-02": {0},
				}),
			),
		}},
	})
}

// TestAccPHostImagesDataSource_twentyPagesShared reads 400 images served in
// pages of 20 from two identical blocks: the 20 pages are asked for once in
// all, and each block holds every usable image in API order.
// (TestAccPHostImagesDataSource_twentyPages checks every field of one such
// listing.)
func TestAccPHostImagesDataSource_twentyPagesShared(t *testing.T) {
	fake := newTestAPI(t)
	const total, pageSize, blocks = 100, 5, 2
	images := fakeapi.GeneratePHostImages(fakeapi.Zone, total)
	fake.SetPHostImages(images)
	fake.SetMaxPageSize(pageSize)
	listed := usablePHost(images)

	// The first page asks for 100 and gets 5; the other 19 pages are
	// asked for at their own offsets, each once.
	var offsets []int
	for offset := 0; offset < total; offset += pageSize {
		offsets = append(offsets, offset)
	}

	var stateChecks []statecheck.StateCheck
	for i := range blocks {
		address := fmt.Sprintf("data.ucloud_phost_images.test[%d]", i)
		stateChecks = append(stateChecks,
			statecheck.ExpectKnownValue(address, tfjsonpath.New("total_count"), knownvalue.Int64Exact(int64(len(listed)))),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("images"), knownvalue.ListSizeExact(len(listed))),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("ids"), knownvalue.ListSizeExact(len(listed))),
		)
		for _, j := range []int{0, pageSize - 1, pageSize, len(listed) - 1} {
			stateChecks = append(stateChecks, statecheck.ExpectKnownValue(address,
				tfjsonpath.New("ids").AtSliceIndex(j), knownvalue.StringExact(listed[j].ImageId)))
		}
		stateChecks = append(stateChecks, expectDistinctImageIDs(address, len(listed)))
	}

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:            testAccPHostImagesDataSourceConfig_counted(blocks),
			ConfigStateChecks: stateChecks,
			Check: testCheckRequests(fake, client.ActionDescribePHostImage,
				wantRequestCount(total/pageSize),
				wantPageOffsets(offsets...),
				wantOneListingPerQuery(map[string][]int{"Region=cn-bj2&Zone=cn-bj2-02": offsets}),
			),
		}},
	})
}

// wantOneListingPerQuery requires, for each query in want (the request
// parameters other than signing and paging ones, as "Name=value&…" sorted by
// name), exactly one request at each listed page offset, and no request for
// any other query. Identical blocks thus prove to share their requests and
// different blocks to cost one listing each.
func wantOneListingPerQuery(want map[string][]int) requestsCheck {
	return func(reqs []fakeapi.Request) error {
		got := map[string][]int{}
		for i, r := range reqs {
			offset := 0
			if s := r.Params.Get("Offset"); s != "" {
				n, err := strconv.Atoi(s)
				if err != nil {
					return fmt.Errorf("request %d: Offset %q is not a number", i, s)
				}
				offset = n
			}
			query := sharingQuery(r.Params)
			got[query] = append(got[query], offset)
		}
		for query, offsets := range got {
			wantOffsets, ok := want[query]
			if !ok {
				return fmt.Errorf("unexpected query %q (offsets %v); want only %v", query, offsets, want)
			}
			slices.Sort(offsets)
			if !slices.Equal(offsets, wantOffsets) {
				return fmt.Errorf("query %q: requests at offsets %v, want one at each of %v", query, offsets, wantOffsets)
			}
		}
		for query := range want {
			if _, ok := got[query]; !ok {
				return fmt.Errorf("no request for query %q", query)
			}
		}
		return nil
	}
}

// sharingQuery renders the parameters that make two reads different.
func sharingQuery(params url.Values) string {
	names := make([]string, 0, len(params))
	for name := range params {
		if !slices.Contains(signingParams, name) && !slices.Contains(phostPagingParams, name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = name + "=" + strings.Join(params[name], ",")
	}
	return strings.Join(parts, "&")
}

// expectDistinctImageIDs checks that the ids attribute of address holds n
// distinct, non-empty IDs.
func expectDistinctImageIDs(address string, n int) statecheck.StateCheck {
	return dataSourceCheck{address: address, check: func(values map[string]any) error {
		ids, _ := values["ids"].([]any)
		if len(ids) != n {
			return fmt.Errorf("%s: want %d ids, got %d", address, n, len(ids))
		}
		seen := make(map[string]struct{}, n)
		for i, v := range ids {
			id, _ := v.(string)
			if id == "" {
				return fmt.Errorf("%s: ids[%d] is empty", address, i)
			}
			seen[id] = struct{}{}
		}
		if len(seen) != n {
			return fmt.Errorf("%s: want %d distinct ids, got %d", address, n, len(seen))
		}
		return nil
	}}
}

// testAccIdenticalBlockAddress is the address of the i-th generated block.
func testAccIdenticalBlockAddress(i int) string {
	return fmt.Sprintf("data.ucloud_phost_images.copy_%02d", i)
}

// testAccPHostImagesDataSourceConfig_identicalBlocks declares n separate,
// identical blocks, as n modules looking up the same images would.
func testAccPHostImagesDataSourceConfig_identicalBlocks(n int, nameRegex string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "data \"ucloud_phost_images\" \"copy_%02d\" {\n  name_regex = %q\n}\n", i, nameRegex)
	}
	return b.String()
}

// testAccPHostImagesDataSourceConfig_counted declares one block with count = n.
func testAccPHostImagesDataSourceConfig_counted(n int) string {
	return fmt.Sprintf(`
data "ucloud_phost_images" "test" {
  count = %[1]d
}
`, n)
}

// testAccPHostImagesDataSourceConfig_twoQueries declares n unfiltered blocks
// and n blocks filtered on imageType.
func testAccPHostImagesDataSourceConfig_twoQueries(n int, imageType string) string {
	return fmt.Sprintf(`
data "ucloud_phost_images" "all" {
  count = %[1]d
}

data "ucloud_phost_images" "filtered" {
  count      = %[1]d
  image_type = %[2]q
}
`, n, imageType)
}

// testAccUK8SImagesDataSourceConfig_counted declares one block with count = n.
func testAccUK8SImagesDataSourceConfig_counted(n int) string {
	return fmt.Sprintf(`
data "ucloud_uk8s_images" "test" {
  count = %[1]d
}
`, n)
}

// testAccUK8SImagesDataSourceConfig_twoProducts declares n blocks for VM
// images and n for bare-metal images.
func testAccUK8SImagesDataSourceConfig_twoProducts(n int) string {
	return fmt.Sprintf(`
data "ucloud_uk8s_images" "vm" {
  count        = %[1]d
  product_type = %[2]q
}

data "ucloud_uk8s_images" "bare_metal" {
  count        = %[1]d
  product_type = %[3]q
}
`, n, "uhost", "uphost")
}
