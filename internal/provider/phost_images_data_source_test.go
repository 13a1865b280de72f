package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

const testPHostImages = "data.ucloud_phost_images.test"

// TestAccPHostImagesDataSource_elementFields maps every field of two
// images exactly as the API spells them, in API order (not image_ids
// order), with create_time kept in the API's own format.
func TestAccPHostImagesDataSource_elementFields(t *testing.T) {
	fake := newTestAPI(t)
	images := phostImagesInZone(t, fake.PHostImages(), fakeapi.Zone)
	unixTime := firstPHostImage(t, images, func(img fakeapi.PHostImage) bool {
		_, err := strconv.ParseInt(img.CreateTime, 10, 64)
		return err == nil && img.ImageDescription != "" && len(img.Support) > 1
	})
	rfc3339 := firstPHostImage(t, images, func(img fakeapi.PHostImage) bool {
		return strings.Contains(img.CreateTime, "T") && img.ImageType == "Custom" && img.State != ""
	})
	want := []fakeapi.PHostImage{unixTime, rfc3339}
	pos := func(img fakeapi.PHostImage) int {
		return slices.IndexFunc(images, func(x fakeapi.PHostImage) bool { return x.ImageId == img.ImageId })
	}
	if pos(want[0]) > pos(want[1]) {
		want[0], want[1] = want[1], want[0]
	}

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			// image_ids in reverse API order: the result keeps API order.
			Config: testAccPHostImagesDataSourceConfig_imageIDs(want[1].ImageId, want[0].ImageId),
			Check: testCheckRequests(fake, client.ActionDescribePHostImage,
				wantParams(map[string]string{
					"Region": fakeapi.Region, "Zone": fakeapi.Zone,
					"ImageId.0": want[1].ImageId, "ImageId.1": want[0].ImageId,
				}, phostPagingParams...),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testPHostImages, tfjsonpath.New("images"),
					knownvalue.ListExact([]knownvalue.Check{phostImageCheck(want[0]), phostImageCheck(want[1])})),
				statecheck.ExpectKnownValue(testPHostImages, tfjsonpath.New("ids"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(want[0].ImageId), knownvalue.StringExact(want[1].ImageId)})),
			},
		}},
	})
}

// TestAccPHostImagesDataSource_missingFields reads an image made before
// BareMetal 2.0 (no CreateTime, State or ImageSize) and an answer that
// leaves out every optional field, Support included: they become "", 0
// and [], never errors or nulls.
func TestAccPHostImagesDataSource_missingFields(t *testing.T) {
	fake := newTestAPI(t)
	old := firstPHostImage(t, phostImagesInZone(t, fake.PHostImages(), fakeapi.Zone), func(img fakeapi.PHostImage) bool {
		return img.CreateTime == "" && img.State == "" && img.ImageSize == 0
	})
	const bareID = "pimg-bare0001"
	fake.AddFault(fakeapi.Fault{
		Action: client.ActionDescribePHostImage,
		Match:  func(r fakeapi.Request) bool { return r.Params.Get("ImageId.0") == bareID },
		Times:  100, // every read in the test
		Body: `{"RetCode":0,"Action":"DescribePHostImageResponse","TotalCount":1,"ImageSet":[` +
			`{"ImageId":"` + bareID + `","ImageName":"legacy","OsType":"CentOS"}]}`,
	})

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: testAccPHostImagesDataSourceConfig_missingFields(old.ImageId, bareID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ucloud_phost_images.old", tfjsonpath.New("images"),
					knownvalue.ListExact([]knownvalue.Check{phostImageCheck(old)})),
				statecheck.ExpectKnownValue("data.ucloud_phost_images.old", tfjsonpath.New("images").AtSliceIndex(0),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"create_time": knownvalue.StringExact(""),
						"state":       knownvalue.StringExact(""),
						"image_size":  knownvalue.Int64Exact(0),
					})),
				statecheck.ExpectKnownValue("data.ucloud_phost_images.bare", tfjsonpath.New("images"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"image_id":          knownvalue.StringExact(bareID),
						"image_name":        knownvalue.StringExact("legacy"),
						"os_name":           knownvalue.StringExact(""),
						"os_type":           knownvalue.StringExact("CentOS"),
						"support":           knownvalue.ListExact([]knownvalue.Check{}),
						"version":           knownvalue.StringExact(""),
						"image_type":        knownvalue.StringExact(""),
						"create_time":       knownvalue.StringExact(""),
						"created_at":        knownvalue.StringExact(""),
						"state":             knownvalue.StringExact(""),
						"image_size":        knownvalue.Int64Exact(0),
						"image_description": knownvalue.StringExact(""),
					})})),
				statecheck.ExpectKnownValue("data.ucloud_phost_images.bare", tfjsonpath.New("total_count"), knownvalue.Int64Exact(1)),
			},
		}},
	})
}

// TestAccPHostImagesDataSource_mostRecent finds the newest CentOS Base image
// for Storage-HDD-2 by time, across the API's mixed time formats (a string
// comparison or a version comparison picks another image).
func TestAccPHostImagesDataSource_mostRecent(t *testing.T) {
	fake := newTestAPI(t)
	candidates := filterFakePHost(phostImagesInZone(t, fake.PHostImages(), fakeapi.Zone), func(img fakeapi.PHostImage) bool {
		return img.OsType == "CentOS" && img.ImageType == "Base" && slices.Contains(img.Support, "Storage-HDD-2")
	})
	newest := newestFakePHost(t, candidates)
	if want := fakeapi.NewestCentOSStorageImageID(fakeapi.Zone); newest.ImageId != want {
		t.Fatalf("newest CentOS Storage-HDD-2 Base image computed as %s, the fake says %s", newest.ImageId, want)
	}

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: testAccPHostImagesDataSourceConfig_mostRecent("CentOS", "Base", "Storage-HDD-2"),
			Check: testCheckRequests(fake, client.ActionDescribePHostImage,
				wantParams(map[string]string{
					"Region": fakeapi.Region, "Zone": fakeapi.Zone,
					"ImageType": "Base", "MachineType": "Storage-HDD-2",
				}, phostPagingParams...),
			),
			ConfigStateChecks: append(phostResultChecks(testPHostImages, []fakeapi.PHostImage{newest}),
				statecheck.ExpectKnownValue(testPHostImages, tfjsonpath.New("images"),
					knownvalue.ListExact([]knownvalue.Check{phostImageCheck(newest)})),
			),
		}},
	})
}

// TestAccPHostImagesDataSource_combinedFilters applies name_regex, os_type
// and most_recent together: the newest Ubuntu GPU image.
func TestAccPHostImagesDataSource_combinedFilters(t *testing.T) {
	fake := newTestAPI(t)
	const pattern = ` GPU$`
	re := regexp.MustCompile(pattern)
	all := phostImagesInZone(t, fake.PHostImages(), fakeapi.Zone)
	byName := filterFakePHost(all, func(img fakeapi.PHostImage) bool { return re.MatchString(img.ImageName) })
	both := filterFakePHost(byName, func(img fakeapi.PHostImage) bool { return strings.EqualFold(img.OsType, "UBUNTU") })
	requireNarrowed(t, len(byName), len(both))
	newest := newestFakePHost(t, both)

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: testAccPHostImagesDataSourceConfig_combined(pattern, "UBUNTU"),
			Check: testCheckRequests(fake, client.ActionDescribePHostImage,
				wantParams(map[string]string{"Region": fakeapi.Region, "Zone": fakeapi.Zone}, phostPagingParams...),
			),
			ConfigStateChecks: phostResultChecks(testPHostImages, []fakeapi.PHostImage{newest}),
		}},
	})
}

// TestAccPHostImagesDataSource_noMatch returns empty lists and a zero
// count, not an error, when nothing matches.
func TestAccPHostImagesDataSource_noMatch(t *testing.T) {
	fake := newTestAPI(t)

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: testAccPHostImagesDataSourceConfig_mostRecent("Plan9", "Base", "Storage-HDD-2"),
			Check:  testCheckRequests(fake, client.ActionDescribePHostImage, wantRequestCount(1)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testPHostImages, tfjsonpath.New("images"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue(testPHostImages, tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue(testPHostImages, tfjsonpath.New("total_count"), knownvalue.Int64Exact(0)),
			},
		}},
	})
}

// TestAccPHostImagesDataSource_serverCapsPageSize reads all 137 images from
// a server that returns at most 30 per page whatever Limit asks: the
// offsets advance by what came back.
func TestAccPHostImagesDataSource_serverCapsPageSize(t *testing.T) {
	fake := newTestAPI(t)
	fake.SetMaxPageSize(30)
	want := phostImagesInZone(t, fake.PHostImages(), fakeapi.Zone)

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: testAccPHostImagesDataSourceConfig_basic(),
			Check: testCheckRequests(fake, client.ActionDescribePHostImage,
				wantRequestCount(5),
				wantPageOffsets(0, 30, 60, 90, 120),
			),
			ConfigStateChecks: phostResultChecks(testPHostImages, want),
		}},
	})
}

// TestAccPHostImagesDataSource_twentyPages reads 100 images 5 at a time:
// 20 requests, every image once, in order.
func TestAccPHostImagesDataSource_twentyPages(t *testing.T) {
	fake := newTestAPI(t)
	fake.SetPHostImages(fakeapi.GeneratePHostImages(fakeapi.Zone, 100))
	fake.SetMaxPageSize(5)
	want := phostImagesInZone(t, fake.PHostImages(), fakeapi.Zone)
	offsets := make([]int, 20)
	for i := range offsets {
		offsets[i] = 5 * i
	}

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: testAccPHostImagesDataSourceConfig_basic(),
			Check: testCheckRequests(fake, client.ActionDescribePHostImage,
				wantRequestCount(20),
				wantPageOffsets(offsets...),
			),
			ConfigStateChecks: phostResultChecks(testPHostImages, want),
		}},
	})
}

// TestAccPHostImagesDataSource_listingChangedOnce publishes an image at the
// head of the listing between the first and second page: the read notices
// (TotalCount moved), reads everything again and returns the new list with
// no gap and no duplicate.
func TestAccPHostImagesDataSource_listingChangedOnce(t *testing.T) {
	fake := newTestAPI(t)
	added := fakeapi.PHostImage{
		ImageId: "pimg-published", ImageName: "published-mid-read", OsName: "Ubuntu 24.04 64位", OsType: "Ubuntu",
		Support: []string{"Storage-HDD-2"}, Version: "24.04", ImageType: "Custom", Zone: fakeapi.Zone,
	}
	var once sync.Once
	fake.OnRequest(func(s *fakeapi.Server, req fakeapi.Request) {
		if req.Params.Get("Offset") != "" { // a page after the first
			once.Do(func() { s.SetPHostImages(append([]fakeapi.PHostImage{added}, s.PHostImages()...)) })
		}
	})
	before := phostImagesInZone(t, fake.PHostImages(), fakeapi.Zone)
	want := append([]fakeapi.PHostImage{added}, before...)

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: testAccPHostImagesDataSourceConfig_basic(),
			Check: testCheckRequests(fake, client.ActionDescribePHostImage,
				wantRequestCount(4), // one read of two pages, then one re-read
				wantRequestsAtOffset(0, 2),
				wantRequestsAtOffset(100, 2),
			),
			ConfigStateChecks: phostResultChecks(testPHostImages, want),
		}},
	})
}

// TestAccPHostImagesDataSource_listingShiftedOnce publishes an image at the
// head and withdraws the last one between the first and second page:
// TotalCount stays the same but the second page repeats an image and the
// new one is missed, so the read must notice the distinct count and read
// again.
func TestAccPHostImagesDataSource_listingShiftedOnce(t *testing.T) {
	fake := newTestAPI(t)
	added := fakeapi.PHostImage{
		ImageId: "pimg-shifted", ImageName: "published-mid-read", OsType: "Ubuntu",
		ImageType: "Custom", Zone: fakeapi.Zone,
	}
	before := phostImagesInZone(t, fake.PHostImages(), fakeapi.Zone)
	withdrawn := before[len(before)-1].ImageId
	var once sync.Once
	fake.OnRequest(func(s *fakeapi.Server, req fakeapi.Request) {
		if req.Params.Get("Offset") != "" { // a page after the first
			once.Do(func() {
				images := slices.DeleteFunc(s.PHostImages(), func(img fakeapi.PHostImage) bool { return img.ImageId == withdrawn })
				s.SetPHostImages(append([]fakeapi.PHostImage{added}, images...))
			})
		}
	})
	want := append([]fakeapi.PHostImage{added}, before[:len(before)-1]...)

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: testAccPHostImagesDataSourceConfig_basic(),
			Check: testCheckRequests(fake, client.ActionDescribePHostImage,
				wantRequestCount(4),
				wantRequestsAtOffset(0, 2),
				wantRequestsAtOffset(100, 2),
			),
			ConfigStateChecks: phostResultChecks(testPHostImages, want),
		}},
	})
}

// TestAccPHostImagesDataSource_listingKeepsChanging fails with a
// diagnostic saying the list changed when it moves on every request, after
// one re-read rather than looping.
func TestAccPHostImagesDataSource_listingKeepsChanging(t *testing.T) {
	fake := newTestAPI(t)
	var n atomic.Int64
	fake.OnRequest(func(s *fakeapi.Server, _ fakeapi.Request) {
		img := fakeapi.PHostImage{
			ImageId: fmt.Sprintf("pimg-churn%04d", n.Add(1)), ImageName: "churn", OsType: "Ubuntu",
			ImageType: "Custom", Zone: fakeapi.Zone,
		}
		s.SetPHostImages(append(s.PHostImages(), img))
	})

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:      testAccPHostImagesDataSourceConfig_basic(),
			ExpectError: errorRegexp("Unable to Read Bare-Metal Images", "image list changed while it was being read"),
		}},
	})
	if got := fake.RequestCount(client.ActionDescribePHostImage); got != 4 {
		t.Errorf("the fake API received %d requests, want 4 (a read of two pages and one re-read)", got)
	}
}

func testAccPHostImagesDataSourceConfig_basic() string {
	return `data "ucloud_phost_images" "test" {}`
}

func testAccPHostImagesDataSourceConfig_imageIDs(ids ...string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = strconv.Quote(id)
	}
	return fmt.Sprintf(`
data "ucloud_phost_images" "test" {
  image_ids = [%[1]s]
}
`, strings.Join(quoted, ", "))
}

func testAccPHostImagesDataSourceConfig_missingFields(oldID, bareID string) string {
	return fmt.Sprintf(`
data "ucloud_phost_images" "old" {
  image_ids = [%[1]q]
}

data "ucloud_phost_images" "bare" {
  image_ids = [%[2]q]
}
`, oldID, bareID)
}

func testAccPHostImagesDataSourceConfig_mostRecent(osType, imageType, machineType string) string {
	return fmt.Sprintf(`
data "ucloud_phost_images" "test" {
  os_type      = %[1]q
  image_type   = %[2]q
  machine_type = %[3]q
  most_recent  = true
}
`, osType, imageType, machineType)
}

func testAccPHostImagesDataSourceConfig_combined(pattern, osType string) string {
	return fmt.Sprintf(`
data "ucloud_phost_images" "test" {
  name_regex  = %[1]q
  os_type     = %[2]q
  most_recent = true
}
`, pattern, osType)
}

// phostImagesInZone returns the images the fake lists for zone that a read
// keeps by default (states unset: Available or no state), in API order,
// and fails the test if any id repeats (the checks below rely on distinct
// ids to prove the provider does not duplicate).
func phostImagesInZone(t *testing.T, all []fakeapi.PHostImage, zone string) []fakeapi.PHostImage {
	t.Helper()
	out := filterFakePHost(usablePHost(all), func(img fakeapi.PHostImage) bool { return img.Zone == zone })
	seen := map[string]bool{}
	for _, img := range out {
		if seen[img.ImageId] {
			t.Fatalf("the fake lists image %s twice in %s", img.ImageId, zone)
		}
		seen[img.ImageId] = true
	}
	return out
}

// usablePHost returns the images whose state is Available or empty: what a
// read keeps when states is unset.
func usablePHost(images []fakeapi.PHostImage) []fakeapi.PHostImage {
	return filterFakePHost(images, func(img fakeapi.PHostImage) bool {
		return img.State == "" || strings.EqualFold(img.State, "Available")
	})
}

// filterFakePHost returns the images for which ok is true, in order.
func filterFakePHost(images []fakeapi.PHostImage, ok func(fakeapi.PHostImage) bool) []fakeapi.PHostImage {
	var out []fakeapi.PHostImage
	for _, img := range images {
		if ok(img) {
			out = append(out, img)
		}
	}
	return out
}

// firstPHostImage returns the first image for which ok is true.
func firstPHostImage(t *testing.T, images []fakeapi.PHostImage, ok func(fakeapi.PHostImage) bool) fakeapi.PHostImage {
	t.Helper()
	for _, img := range images {
		if ok(img) {
			return img
		}
	}
	t.Fatal("no image in the fake's data set fits the test")
	return fakeapi.PHostImage{}
}

// requireNarrowed fails the test unless a filter kept some but not all
// images, so that it is seen to work.
func requireNarrowed(t *testing.T, before, after int) {
	t.Helper()
	if after == 0 || after == before {
		t.Fatalf("the filter under test keeps %d of %d images; pick one that keeps some but not all", after, before)
	}
}

// newestFakePHost returns the image with the latest CreateTime, read by the
// test's own parser: unix seconds, RFC 3339 or "2006-01-02 15:04:05" (UTC+8).
// It fails the test on a tie, so the expected answer is unambiguous.
func newestFakePHost(t *testing.T, images []fakeapi.PHostImage) fakeapi.PHostImage {
	t.Helper()
	var (
		best     fakeapi.PHostImage
		bestTime time.Time
		tie      bool
	)
	for _, img := range images {
		at, ok := fakeCreateTime(img)
		if !ok {
			continue
		}
		switch {
		case at.After(bestTime):
			best, bestTime, tie = img, at, false
		case at.Equal(bestTime):
			tie = true
		}
	}
	if best.ImageId == "" || tie {
		t.Fatalf("no single newest image among %d", len(images))
	}
	return best
}

// fakeCreateTime reads an image's CreateTime with the test's own parser:
// unix seconds, RFC 3339 or "2006-01-02 15:04:05" (UTC+8).
func fakeCreateTime(img fakeapi.PHostImage) (time.Time, bool) {
	if secs, err := strconv.ParseInt(img.CreateTime, 10, 64); err == nil {
		return time.Unix(secs, 0), true
	}
	if v, err := time.Parse(time.RFC3339, img.CreateTime); err == nil {
		return v, true
	}
	if v, err := time.ParseInLocation(time.DateTime, img.CreateTime, time.FixedZone("UTC+8", 8*3600)); err == nil {
		return v, true
	}
	return time.Time{}, false
}

// fakeCreatedAt is the created_at the data source must report for img.
func fakeCreatedAt(img fakeapi.PHostImage) string {
	if at, ok := fakeCreateTime(img); ok {
		return at.UTC().Format(time.RFC3339)
	}
	return ""
}

// phostResultChecks checks that the data source at addr returned exactly
// want, in order: images (by image_id), ids and total_count.
func phostResultChecks(addr string, want []fakeapi.PHostImage) []statecheck.StateCheck {
	ids := make([]knownvalue.Check, len(want))
	elems := make([]knownvalue.Check, len(want))
	for i, img := range want {
		ids[i] = knownvalue.StringExact(img.ImageId)
		elems[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"image_id": knownvalue.StringExact(img.ImageId)})
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("total_count"), knownvalue.Int64Exact(int64(len(want)))),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("ids"), knownvalue.ListExact(ids)),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("images"), knownvalue.ListExact(elems)),
	}
}

// phostImageCheck expects every attribute of an images element to hold
// the fake's value, as the API spells it.
func phostImageCheck(img fakeapi.PHostImage) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"image_id":          knownvalue.StringExact(img.ImageId),
		"image_name":        knownvalue.StringExact(img.ImageName),
		"os_name":           knownvalue.StringExact(img.OsName),
		"os_type":           knownvalue.StringExact(img.OsType),
		"support":           stringListCheck(img.Support),
		"version":           knownvalue.StringExact(img.Version),
		"image_type":        knownvalue.StringExact(img.ImageType),
		"create_time":       knownvalue.StringExact(img.CreateTime),
		"created_at":        knownvalue.StringExact(fakeCreatedAt(img)),
		"state":             knownvalue.StringExact(img.State),
		"image_size":        knownvalue.Int64Exact(int64(img.ImageSize)),
		"image_description": knownvalue.StringExact(img.ImageDescription),
	})
}

// stringListCheck expects a known list holding exactly values; nil means
// an empty list (not null).
func stringListCheck(values []string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.ListExact(checks)
}

// TestAccPHostImagesDataSource_states skips an image still being made by
// default, so most_recent picks the newest usable image over a newer one
// being made, and images without a state count as Available; states
// selects by state, ignoring case, and state stays as the API wrote it.
func TestAccPHostImagesDataSource_states(t *testing.T) {
	fake := newTestAPI(t)
	making := fakeapi.PHostImage{
		ImageId: "pimg-g", ImageName: "node-v11", Version: "24.04", CreateTime: "2025-06-01 08:00:00", State: "Making",
		OsType: "Ubuntu", ImageType: "Custom", Support: []string{"Storage-HDD-2"}, Zone: fakeapi.Zone,
	}
	images := append(testSelectionImages(), making)
	fake.SetPHostImages(images)
	usable := usablePHost(images)
	if len(usable) != len(images)-1 {
		t.Fatalf("the data set must have exactly one image that is not usable, has %d", len(images)-len(usable))
	}

	// One block per case, so that one plan reads them all.
	const defaults, newest, newestOfBoth, makingOnly = "data.ucloud_phost_images.defaults", "data.ucloud_phost_images.newest",
		"data.ucloud_phost_images.newest_of_both", "data.ucloud_phost_images.making_only"
	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: testAccPHostImagesDataSourceConfig_states("defaults", false, "") +
				testAccPHostImagesDataSourceConfig_states("newest", true, "") +
				testAccPHostImagesDataSourceConfig_states("newest_of_both", true, `["MAKING", "available"]`) +
				testAccPHostImagesDataSourceConfig_states("making_only", false, `["making"]`),
			ConfigStateChecks: slices.Concat(
				phostResultChecks(defaults, usable),
				phostResultChecks(newest, []fakeapi.PHostImage{newestFakePHost(t, usable)}),
				phostResultChecks(newestOfBoth, []fakeapi.PHostImage{making}),
				phostResultChecks(makingOnly, []fakeapi.PHostImage{making}),
				[]statecheck.StateCheck{statecheck.ExpectKnownValue(makingOnly, tfjsonpath.New("images").AtSliceIndex(0).AtMapKey("state"),
					knownvalue.StringExact("Making"))},
			),
		}},
	})
}

// testSelectionImages is a small data set for ordering and picking, in the
// default zone: three images created at the same instant in the API's
// three formats, one newer, and two without a time.
func testSelectionImages() []fakeapi.PHostImage {
	img := func(id, name, version, createTime, state string) fakeapi.PHostImage {
		return fakeapi.PHostImage{
			ImageId: id, ImageName: name, Version: version, CreateTime: createTime, State: state,
			OsType: "Ubuntu", ImageType: "Custom", Support: []string{"Storage-HDD-2"}, Zone: fakeapi.Zone,
		}
	}
	return []fakeapi.PHostImage{
		img("pimg-c", "node-v10", "20.04", "1709258400", "Available"),               // unix seconds
		img("pimg-a", "node-v9", "22.04", "2024-03-01T10:00:00+08:00", "Available"), // RFC 3339
		img("pimg-d", "node-v10", "9.3", "2024-03-01 10:00:00", "Available"),        // zone-less China time
		img("pimg-b", "", "22.10", "2024-05-01 08:00:00", "Available"),
		img("pimg-f", "node-v2", "", "", ""),
		img("pimg-e", "node-v100", "22.04", "", ""),
	}
}

// TestAccPHostImagesDataSource_createdAt gives every dated image its time in
// RFC 3339 UTC whatever the API's format, so that HCL's timecmp() reads
// it, and leaves created_at empty for undated images.
func TestAccPHostImagesDataSource_createdAt(t *testing.T) {
	fake := newTestAPI(t)
	fake.SetPHostImages(testSelectionImages())

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: testAccPHostImagesDataSourceConfig_timecmp(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("created_at", knownvalue.MapExact(map[string]knownvalue.Check{
					"pimg-a": knownvalue.StringExact("2024-03-01T02:00:00Z"),
					"pimg-b": knownvalue.StringExact("2024-05-01T00:00:00Z"),
					"pimg-c": knownvalue.StringExact("2024-03-01T02:00:00Z"),
					"pimg-d": knownvalue.StringExact("2024-03-01T02:00:00Z"),
					"pimg-e": knownvalue.StringExact(""),
					"pimg-f": knownvalue.StringExact(""),
				})),
				statecheck.ExpectKnownOutputValue("created_at_vs_march", knownvalue.MapExact(map[string]knownvalue.Check{
					"pimg-a": knownvalue.Int64Exact(0),
					"pimg-b": knownvalue.Int64Exact(1),
					"pimg-c": knownvalue.Int64Exact(0),
					"pimg-d": knownvalue.Int64Exact(0),
				})),
				statecheck.ExpectKnownOutputValue("create_time", knownvalue.StringExact("2024-03-01 10:00:00")),
			},
		}},
	})
}

// TestAccPHostImagesDataSource_sortBy orders by name, version and creation
// time in natural order, both ways: images without a value last, ties by
// image_id ascending in either direction; ids follow images.
func TestAccPHostImagesDataSource_sortBy(t *testing.T) {
	fake := newTestAPI(t)
	fake.SetPHostImages(testSelectionImages())
	tests := []struct {
		sortBy    string
		ascending bool
		want      []string
	}{
		{"name", false, []string{"pimg-e", "pimg-c", "pimg-d", "pimg-a", "pimg-f", "pimg-b"}},
		{"name", true, []string{"pimg-f", "pimg-a", "pimg-c", "pimg-d", "pimg-e", "pimg-b"}},
		{"version", false, []string{"pimg-b", "pimg-a", "pimg-e", "pimg-c", "pimg-d", "pimg-f"}},
		{"version", true, []string{"pimg-d", "pimg-c", "pimg-a", "pimg-e", "pimg-b", "pimg-f"}},
		{"create_time", false, []string{"pimg-b", "pimg-a", "pimg-c", "pimg-d", "pimg-e", "pimg-f"}},
		{"create_time", true, []string{"pimg-a", "pimg-c", "pimg-d", "pimg-b", "pimg-e", "pimg-f"}},
	}
	// One block per order, so that one plan reads them all.
	var config strings.Builder
	var checks []statecheck.StateCheck
	for _, tt := range tests {
		name := fmt.Sprintf("%s_ascending_%t", tt.sortBy, tt.ascending)
		config.WriteString(testAccPHostImagesDataSourceConfig_sortBy(name, tt.sortBy, tt.ascending))
		ids := make([]knownvalue.Check, len(tt.want))
		images := make([]knownvalue.Check, len(tt.want))
		for i, id := range tt.want {
			ids[i] = knownvalue.StringExact(id)
			images[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"image_id": knownvalue.StringExact(id)})
		}
		address := "data.ucloud_phost_images." + name
		checks = append(checks,
			statecheck.ExpectKnownValue(address, tfjsonpath.New("ids"), knownvalue.ListExact(ids)),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("images"), knownvalue.ListExact(images)),
		)
	}

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{Config: config.String(), ConfigStateChecks: checks}},
	})
}

// TestAccPHostImagesDataSource_mostRecentNotClearCut picks by image_id when
// several candidates share the newest time or none has a time, and the
// plan shows a warning naming the candidates; a clear newest gives none.
func TestAccPHostImagesDataSource_mostRecentNotClearCut(t *testing.T) {
	tests := []struct {
		name, nameRegex, chosen string
		warning                 []string
	}{
		{
			name: "tie", nameRegex: "^node-v(9|10)$", chosen: "pimg-a",
			warning: []string{"Warning: Several Images Share the Newest Creation Time", "most_recent found 3 candidates",
				"pimg-a, pimg-c, pimg-d", "chose pimg-a, the lowest image_id"},
		},
		{
			name: "undated", nameRegex: "^node-v(2|100)$", chosen: "pimg-e",
			warning: []string{"Warning: No Candidate Image Has a Creation Time", "most_recent found 2 candidates",
				"pimg-e, pimg-f", "chose pimg-e, the lowest image_id"},
		},
		{name: "clear newest", nameRegex: "", chosen: "pimg-b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newTestAPI(t)
			fake.SetPHostImages(testSelectionImages())
			out, err := planWithCLI(t, fake, testAccPHostImagesDataSourceConfig_mostRecentChosen(tt.nameRegex))
			if err != nil {
				t.Fatalf("plan failed: %v\n%s", err, out)
			}
			if !errorRegexp(`chosen = "` + tt.chosen + `"`).MatchString(out) {
				t.Errorf("the plan does not output chosen = %q:\n%s", tt.chosen, out)
			}
			if len(tt.warning) == 0 {
				if strings.Contains(out, "Warning:") {
					t.Errorf("a clear-cut pick printed a warning:\n%s", out)
				}
				return
			}
			if !errorRegexp(tt.warning...).MatchString(out) {
				t.Errorf("the plan lacks the warning %q:\n%s", tt.warning, out)
			}
		})
	}
}

func testAccPHostImagesDataSourceConfig_states(name string, mostRecent bool, states string) string {
	config := "data \"ucloud_phost_images\" \"" + name + "\" {\n"
	if mostRecent {
		config += "  most_recent = true\n"
	}
	if states != "" {
		config += "  states = " + states + "\n"
	}
	return config + "}\n"
}

func testAccPHostImagesDataSourceConfig_timecmp() string {
	return `
data "ucloud_phost_images" "test" {}

output "created_at" {
  value = { for img in data.ucloud_phost_images.test.images : img.image_id => img.created_at }
}

output "created_at_vs_march" {
  value = { for img in data.ucloud_phost_images.test.images : img.image_id => timecmp(img.created_at, "2024-03-01T02:00:00Z") if img.created_at != "" }
}

output "create_time" {
  value = one([for img in data.ucloud_phost_images.test.images : img.create_time if img.image_id == "pimg-d"])
}
`
}

func testAccPHostImagesDataSourceConfig_sortBy(name, sortBy string, ascending bool) string {
	return fmt.Sprintf(`
data "ucloud_phost_images" %[1]q {
  sort_by        = %[2]q
  sort_ascending = %[3]t
}
`, name, sortBy, ascending)
}

func testAccPHostImagesDataSourceConfig_mostRecentChosen(nameRegex string) string {
	return fmt.Sprintf(`
data "ucloud_phost_images" "test" {
  name_regex  = %[1]q
  most_recent = true
}

output "chosen" {
  value = data.ucloud_phost_images.test.ids[0]
}
`, nameRegex)
}
