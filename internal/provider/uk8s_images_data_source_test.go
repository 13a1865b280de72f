package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

const testUK8SImages = "data.ucloud_uk8s_images.test"

// uk8sSetAttributes pairs each response set with the list that holds it.
var uk8sSetAttributes = []struct{ set, attr string }{
	{fakeapi.SetImage, "images"},
	{fakeapi.SetPHostImage, "phost_images"},
	{fakeapi.SetCustomImage, "custom_images"},
	{fakeapi.SetCustomPHostImage, "custom_phost_images"},
}

// TestAccUK8SImagesDataSource_zoneNotSent sends no Zone when neither the
// data source nor the provider sets one, and lists the whole region.
func TestAccUK8SImagesDataSource_zoneNotSent(t *testing.T) {
	fake := newTestAPI(t)
	want := fakeUK8SSets(fake.UK8SImages(), func(img fakeapi.UK8SImage) bool { return img.Region == fakeapi.Region })

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: providerBlock(`zone = ""`) + testAccUK8SImagesDataSourceConfig_basic(),
			Check: testCheckRequests(fake, client.ActionDescribeUK8SImage,
				wantRequestCount(1),
				wantParams(map[string]string{"Region": fakeapi.Region}),
			),
			ConfigStateChecks: append(uk8sSetChecks(testUK8SImages, want),
				expectAttribute(testUK8SImages, "zone", knownvalue.StringExact("")),
			),
		}},
	})
}

// TestAccUK8SImagesDataSource_gpuSupported keeps, in all four lists, the
// images that support GPU machines (true) and then those that do not
// (false); the filter is never sent.
func TestAccUK8SImagesDataSource_gpuSupported(t *testing.T) {
	fake := newTestAPI(t)
	fake.SetUK8SImages(uk8sFilterImages(t))
	gpu := narrowedUK8SSets(t, fake.UK8SImages(), func(img fakeapi.UK8SImage) bool { return !img.NotSupportGPU })
	noGPU := narrowedUK8SSets(t, fake.UK8SImages(), func(img fakeapi.UK8SImage) bool { return img.NotSupportGPU })
	onlyLocation := testCheckRequests(fake, client.ActionDescribeUK8SImage,
		wantParams(map[string]string{"Region": fakeapi.Region, "Zone": fakeapi.Zone}))

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:            testAccUK8SImagesDataSourceConfig_gpuSupported(true),
				Check:             onlyLocation,
				ConfigStateChecks: uk8sSetChecks(testUK8SImages, gpu),
			},
			{
				Config:            testAccUK8SImagesDataSourceConfig_gpuSupported(false),
				Check:             onlyLocation,
				ConfigStateChecks: uk8sSetChecks(testUK8SImages, noGPU),
			},
		},
	})
}

// TestAccUK8SImagesDataSource_unknownFieldsIgnored reads an answer that,
// like the API's own example, also carries the undocumented ImageSetnew
// and CustomIImageSet: the read succeeds and none of their images appear
// in any list.
func TestAccUK8SImagesDataSource_unknownFieldsIgnored(t *testing.T) {
	fake := newTestAPI(t)
	decoys := fakeUK8SUnknownSetIDs(t, fake, fakeapi.Region, fakeapi.Zone)
	zoneID := testZoneID(t, fakeapi.Zone)
	want := fakeUK8SSets(fake.UK8SImages(), func(img fakeapi.UK8SImage) bool {
		return img.Region == fakeapi.Region && img.ZoneId == zoneID
	})

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:            testAccUK8SImagesDataSourceConfig_basic(),
			Check:             testCheckRequests(fake, client.ActionDescribeUK8SImage, wantRequestCount(1)),
			ConfigStateChecks: append(uk8sSetChecks(testUK8SImages, want), expectNoImageIDs(testUK8SImages, decoys)),
		}},
	})
}

// TestAccUK8SImagesDataSource_omittedSets turns every set the API leaves
// out into a known empty list (not null), and every field an element
// leaves out into an empty value.
func TestAccUK8SImagesDataSource_omittedSets(t *testing.T) {
	fake := newTestAPI(t)
	const bareMetalZone = "cn-bj2-05"
	all := fake.UK8SImages()
	defaultZone, bmZone := testZoneID(t, fakeapi.Zone), testZoneID(t, bareMetalZone)
	vm := fakeUK8SSets(all, func(img fakeapi.UK8SImage) bool {
		return img.Region == fakeapi.Region && img.ZoneId == defaultZone &&
			(img.Set == fakeapi.SetImage || img.Set == fakeapi.SetCustomImage)
	})
	bm := fakeUK8SSets(all, func(img fakeapi.UK8SImage) bool {
		return img.Region == fakeapi.Region && img.ZoneId == bmZone &&
			(img.Set == fakeapi.SetPHostImage || img.Set == fakeapi.SetCustomPHostImage)
	})
	// The bare-metal query must return an image that leaves out its
	// optional fields, and no PHostImageSet at all.
	sparse := bm[fakeapi.SetCustomPHostImage]
	if len(bm[fakeapi.SetPHostImage]) != 0 || len(sparse) != 1 ||
		sparse[0].Features != nil || sparse[0].SupportedGPUTypes != nil || sparse[0].IntegratedSoftware != "" {
		t.Fatalf("the default data set no longer fits the test: %+v", bm)
	}
	empty := knownvalue.ListExact([]knownvalue.Check{})

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: testAccUK8SImagesDataSourceConfig_omittedSets(bareMetalZone),
			ConfigStateChecks: append(append(
				uk8sSetChecks("data.ucloud_uk8s_images.vm", vm),
				uk8sSetChecks("data.ucloud_uk8s_images.bare_metal", bm)...),
				expectAttribute("data.ucloud_uk8s_images.vm", "phost_images", empty),
				expectAttribute("data.ucloud_uk8s_images.vm", "custom_phost_images", empty),
				expectAttribute("data.ucloud_uk8s_images.bare_metal", "images", empty),
				expectAttribute("data.ucloud_uk8s_images.bare_metal", "custom_images", empty),
				expectAttribute("data.ucloud_uk8s_images.bare_metal", "phost_images", empty),
				expectAttribute("data.ucloud_uk8s_images.bare_metal", "custom_phost_images",
					knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"features":            empty,
						"supported_gpu_types": empty,
						"integrated_software": knownvalue.StringExact(""),
					})})),
			),
		}},
	})
}

func testAccUK8SImagesDataSourceConfig_basic() string {
	return `data "ucloud_uk8s_images" "test" {}`
}

func testAccUK8SImagesDataSourceConfig_gpuSupported(supported bool) string {
	return fmt.Sprintf(`
data "ucloud_uk8s_images" "test" {
  gpu_supported = %[1]t
}
`, supported)
}

func testAccUK8SImagesDataSourceConfig_omittedSets(bareMetalZone string) string {
	return fmt.Sprintf(`
data "ucloud_uk8s_images" "vm" {
  product_type = "uhost"
}

data "ucloud_uk8s_images" "bare_metal" {
  zone         = %[1]q
  product_type = "uphost"
}
`, bareMetalZone)
}

// testZoneID returns the numeric ZoneId the fake reports for zone.
func testZoneID(t *testing.T, zone string) int {
	t.Helper()
	id, ok := fakeapi.ZoneID(zone)
	if !ok {
		t.Fatalf("the fake does not know zone %s", zone)
	}
	return id
}

// fakeUK8SSets groups the images for which ok is true by response set, in
// data set (API) order.
func fakeUK8SSets(images []fakeapi.UK8SImage, ok func(fakeapi.UK8SImage) bool) map[string][]fakeapi.UK8SImage {
	sets := map[string][]fakeapi.UK8SImage{}
	for _, img := range images {
		if ok(img) {
			sets[img.Set] = append(sets[img.Set], img)
		}
	}
	return sets
}

// narrowedUK8SSets is fakeUK8SSets for a client-side filter: it fails the
// test unless the filter keeps some but not all images of every set, so the
// filter is seen to act on all four lists.
func narrowedUK8SSets(t *testing.T, images []fakeapi.UK8SImage, ok func(fakeapi.UK8SImage) bool) map[string][]fakeapi.UK8SImage {
	t.Helper()
	all := fakeUK8SSets(images, func(fakeapi.UK8SImage) bool { return true })
	kept := fakeUK8SSets(images, ok)
	for _, s := range uk8sSetAttributes {
		if n := len(kept[s.set]); n == 0 || n == len(all[s.set]) {
			t.Fatalf("the filter keeps %d of the %d images of %s; it must keep some but not all", n, len(all[s.set]), s.set)
		}
	}
	return kept
}

// uk8sFilterImages is a data set for the client-side filters: every set
// holds, in the default region and zone, images of three OS types with and
// without GPU support.
func uk8sFilterImages(t *testing.T) []fakeapi.UK8SImage {
	t.Helper()
	zoneID := testZoneID(t, fakeapi.Zone)
	variants := []struct {
		suffix, name, osType, osName string
		gpu                          bool
	}{
		{"ubuntu-gpu", "Ubuntu 22.04 UK8S GPU", "Ubuntu", "Ubuntu 22.04 64位", true},
		{"ubuntu", "Ubuntu 22.04 UK8S", "Ubuntu", "Ubuntu 22.04 64位", false},
		{"centos-gpu", "CentOS 7.9 UK8S GPU", "CentOS", "CentOS 7.9 64位", true},
		{"centos", "CentOS 7.9 UK8S", "CentOS", "CentOS 7.9 64位", false},
		{"stream", "CentOS Stream 9 UK8S", "CentOS Stream", "CentOS Stream 9 64位", false},
	}
	var out []fakeapi.UK8SImage
	for i, s := range uk8sSetAttributes {
		for j, v := range variants {
			img := fakeapi.UK8SImage{
				ZoneId:        zoneID,
				ImageId:       fmt.Sprintf("img-%s-%s", strings.ReplaceAll(s.attr, "_", "-"), v.suffix),
				ImageName:     v.name,
				NotSupportGPU: !v.gpu,
				OsType:        v.osType,
				OsName:        v.osName,
				Features:      []string{"HotPlug"},
				ImageSize:     20 + 10*i + j,
				Set:           s.set,
				Region:        fakeapi.Region,
				MachineTypes:  []string{"O"},
				K8sVersions:   []string{"1.28.15"},
			}
			if v.gpu {
				img.Features = append(img.Features, "NetEnhanced")
				img.SupportedGPUTypes = []string{"A800", "4090"}
				img.IntegratedSoftware = "NVIDIA driver 535.129.03, CUDA 12.2"
			}
			out = append(out, img)
		}
	}
	return out
}

// uk8sSetChecks expects each of the four lists at addr to hold exactly the
// images of its set in want, in order, every field included; a set missing
// from want must be a known empty list.
func uk8sSetChecks(addr string, want map[string][]fakeapi.UK8SImage) []statecheck.StateCheck {
	checks := make([]statecheck.StateCheck, 0, len(uk8sSetAttributes))
	for _, s := range uk8sSetAttributes {
		elems := make([]knownvalue.Check, len(want[s.set]))
		for i, img := range want[s.set] {
			elems[i] = uk8sImageCheck(img)
		}
		checks = append(checks, expectAttribute(addr, s.attr, knownvalue.ListExact(elems)))
	}
	return checks
}

// uk8sImageCheck expects every attribute of an element to hold the fake's
// value, as the API spells it.
func uk8sImageCheck(img fakeapi.UK8SImage) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"zone_id":             knownvalue.Int64Exact(int64(img.ZoneId)),
		"image_id":            knownvalue.StringExact(img.ImageId),
		"image_name":          knownvalue.StringExact(img.ImageName),
		"not_support_gpu":     knownvalue.Bool(img.NotSupportGPU),
		"os_type":             knownvalue.StringExact(img.OsType),
		"os_name":             knownvalue.StringExact(img.OsName),
		"features":            stringListCheck(img.Features),
		"image_size":          knownvalue.Int64Exact(int64(img.ImageSize)),
		"integrated_software": knownvalue.StringExact(img.IntegratedSoftware),
		"supported_gpu_types": stringListCheck(img.SupportedGPUTypes),
	})
}

// fakeUK8SUnknownSetIDs asks the fake directly (a signed form POST, as the
// client sends) for the images of region and zone and returns the ids in
// the undocumented sets of its raw answer, failing the test unless
// ImageSetnew holds at least one image and CustomIImageSet is present. The
// request is then dropped from the fake's log.
func fakeUK8SUnknownSetIDs(t *testing.T, fake *fakeapi.Server, region, zone string) []string {
	t.Helper()
	p := map[string]string{
		"Action":    client.ActionDescribeUK8SImage,
		"PublicKey": fakeapi.PublicKey,
		"Region":    region,
		"Zone":      zone,
	}
	p["Signature"] = client.Sign(p, fakeapi.PrivateKey)
	form := url.Values{}
	for name, value := range p {
		form.Set(name, value)
	}
	req := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	fake.ServeHTTP(rec, req)
	fake.ResetRequests()

	var body struct {
		RetCode         int
		ImageSetnew     []struct{ ImageId string }
		CustomIImageSet *[]struct{ ImageId string }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.RetCode != 0 {
		t.Fatalf("probing the fake: RetCode %d, error %v, body %s", body.RetCode, err, rec.Body.String())
	}
	if len(body.ImageSetnew) == 0 || body.CustomIImageSet == nil {
		t.Fatalf("the fake's answer no longer carries ImageSetnew and CustomIImageSet: %s", rec.Body.String())
	}
	var ids []string
	for _, img := range body.ImageSetnew {
		ids = append(ids, img.ImageId)
	}
	for _, img := range *body.CustomIImageSet {
		ids = append(ids, img.ImageId)
	}
	return ids
}

// expectNoImageIDs fails if any element of any list of the data source at
// addr has one of the given image ids. It also requires the data source to
// hold some image, so an empty state cannot pass by accident.
func expectNoImageIDs(addr string, ids []string) statecheck.StateCheck {
	return dataSourceCheck{address: addr, check: func(values map[string]any) error {
		seen := 0
		for name, value := range values {
			elems, _ := value.([]any)
			for i, elem := range elems {
				img, ok := elem.(map[string]any)
				if !ok {
					continue
				}
				seen++
				if id, _ := img["image_id"].(string); slices.Contains(ids, id) {
					return fmt.Errorf("%s.%d.image_id = %s: an image of an undocumented response set leaked into the result", name, i, id)
				}
			}
		}
		if seen == 0 {
			return fmt.Errorf("%s holds no image at all", addr)
		}
		return nil
	}}
}

// TestAccUK8SImagesDataSource_emptyZoneAndProject lists every zone of the
// region in the account's default project when zone and project_id are
// given as "", although the provider sets both: neither is sent, and state
// holds "".
func TestAccUK8SImagesDataSource_emptyZoneAndProject(t *testing.T) {
	fake := newTestAPI(t)
	want := fakeUK8SSets(fake.UK8SImages(), func(img fakeapi.UK8SImage) bool { return img.Region == fakeapi.Region })

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: providerBlock(`project_id = "org-from-provider"`) + `
data "ucloud_uk8s_images" "test" {
  zone       = ""
  project_id = ""
}
`,
			Check: testCheckRequests(fake, client.ActionDescribeUK8SImage,
				wantRequestCount(1),
				wantParams(map[string]string{"Region": fakeapi.Region}),
			),
			ConfigStateChecks: append(uk8sSetChecks(testUK8SImages, want),
				expectAttribute(testUK8SImages, "zone", knownvalue.StringExact("")),
				expectAttribute(testUK8SImages, "project_id", knownvalue.StringExact("")),
			),
		}},
	})
}

// TestAccUK8SImagesDataSource_gpuTypeFilteredByProvider keeps, against an
// API that ignores GPUType, only GPU images whose supported_gpu_types holds
// the asked type (ignoring case), and GPU images that list no type.
func TestAccUK8SImagesDataSource_gpuTypeFilteredByProvider(t *testing.T) {
	fake := newTestAPI(t)
	fake.IgnoreParams("GPUType")
	const gpuType = "t4"
	unlisted := fakeapi.UK8SImage{
		ZoneId: testZoneID(t, fakeapi.Zone), ImageId: "uimage-gpu-unlisted", ImageName: "GPU image listing no types",
		OsType: "Ubuntu", Set: fakeapi.SetImage, Region: fakeapi.Region, MachineTypes: []string{"G"}, K8sVersions: []string{"1.28.15"},
	}
	images := append(fake.UK8SImages(), unlisted)
	fake.SetUK8SImages(images)
	served := func(img fakeapi.UK8SImage) bool {
		return img.Region == fakeapi.Region && img.ZoneId == unlisted.ZoneId
	}
	all := fakeUK8SSets(images, served)
	want := fakeUK8SSets(images, func(img fakeapi.UK8SImage) bool {
		return served(img) && !img.NotSupportGPU &&
			(len(img.SupportedGPUTypes) == 0 || slices.ContainsFunc(img.SupportedGPUTypes, func(s string) bool { return strings.EqualFold(s, gpuType) }))
	})
	count := func(sets map[string][]fakeapi.UK8SImage) (n int) {
		for _, set := range sets {
			n += len(set)
		}
		return n
	}
	if n, m := count(want), count(all); n < 2 || n == m {
		t.Fatalf("the filter must keep some but not all of the served images; keeps %d of %d", n, m)
	}

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			// machine_type = "" is unset: nothing asks the API for G machines.
			Config: fmt.Sprintf(`
data "ucloud_uk8s_images" "test" {
  machine_type = ""
  gpu_type     = %q
}
`, gpuType),
			Check: testCheckRequests(fake, client.ActionDescribeUK8SImage,
				wantParams(map[string]string{"Region": fakeapi.Region, "Zone": fakeapi.Zone, "GPUType": gpuType}),
			),
			ConfigStateChecks: uk8sSetChecks(testUK8SImages, want),
		}},
	})
}

// TestAccUK8SImagesDataSource_sortByName orders each of the four lists by
// name in natural order, both ways, ties by image_id ascending.
func TestAccUK8SImagesDataSource_sortByName(t *testing.T) {
	fake := newTestAPI(t)
	zoneID := testZoneID(t, fakeapi.Zone)
	var images []fakeapi.UK8SImage
	for _, s := range uk8sSetAttributes {
		for _, v := range []struct{ id, name string }{{"c", "node-v10"}, {"a", "node-v9"}, {"b", "node-v10"}, {"d", "node-v100"}} {
			images = append(images, fakeapi.UK8SImage{
				ZoneId: zoneID, ImageId: s.attr + "-" + v.id, ImageName: v.name, NotSupportGPU: true,
				Set: s.set, Region: fakeapi.Region, MachineTypes: []string{"O"}, K8sVersions: []string{"1.28.15"},
			})
		}
	}
	fake.SetUK8SImages(images)
	orderChecks := func(ids ...string) []statecheck.StateCheck {
		var checks []statecheck.StateCheck
		for _, s := range uk8sSetAttributes {
			elems := make([]knownvalue.Check, len(ids))
			for i, id := range ids {
				elems[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"image_id": knownvalue.StringExact(s.attr + "-" + id)})
			}
			checks = append(checks, expectAttribute(testUK8SImages, s.attr, knownvalue.ListExact(elems)))
		}
		return checks
	}

	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: testAccUK8SImagesDataSourceConfig_sortByName(false), ConfigStateChecks: orderChecks("d", "b", "c", "a")},
			{Config: testAccUK8SImagesDataSourceConfig_sortByName(true), ConfigStateChecks: orderChecks("a", "b", "c", "d")},
		},
	})
}

func testAccUK8SImagesDataSourceConfig_sortByName(ascending bool) string {
	return fmt.Sprintf(`
data "ucloud_uk8s_images" "test" {
  sort_by        = "name"
  sort_ascending = %[1]t
}
`, ascending)
}
