package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// The read both data sources take (image_data_source.go), tested on both
// at once: a step configures blocks of both and checks the requests of
// each action apart, or, where each block must fail alone, each data
// source has a step.

// TestAccImageDataSources_defaultQuery lists the default region and zone
// with every argument unset: all 137 bare-metal images but those still
// being made, once each, in API order, in two pages of Limit 100; the four
// UK8S sets with every field, from one request. Only Region and Zone are
// sent, and state holds the location used.
func TestAccImageDataSources_defaultQuery(t *testing.T) {
	fake := newTestAPI(t)
	inZone := filterFakePHost(fake.PHostImages(), func(img fakeapi.PHostImage) bool { return img.Zone == fakeapi.Zone })
	phost := phostImagesInZone(t, fake.PHostImages(), fakeapi.Zone)
	if len(inZone) != 137 || len(phost) == len(inZone) {
		t.Fatalf("the default data set has %d images in %s, %d of them usable; want 137, some still being made", len(inZone), fakeapi.Zone, len(phost))
	}
	zoneID := testZoneID(t, fakeapi.Zone)
	uk8s := fakeUK8SSets(fake.UK8SImages(), func(img fakeapi.UK8SImage) bool {
		return img.Region == fakeapi.Region && img.ZoneId == zoneID
	})
	for _, s := range uk8sSetAttributes {
		if len(uk8s[s.set]) == 0 {
			t.Fatalf("the default data set has no %s in %s", s.set, fakeapi.Zone)
		}
	}
	location := map[string]string{"Region": fakeapi.Region, "Zone": fakeapi.Zone}

	testAccRunStep(t, fake, resource.TestStep{
		Config: testPHostImagesBlock + testUK8SImagesBlock,
		Check: testCheckRequestsByAction(fake, map[string][]requestsCheck{
			client.ActionDescribePHostImage: {wantRequestCount(2), wantPageOffsets(0, 100), wantParams(location, phostPagingParams...)},
			client.ActionDescribeUK8SImage:  {wantRequestCount(1), wantParams(location)},
		}),
		ConfigStateChecks: slices.Concat(
			phostResultChecks(testPHostImages, phost), locationChecks(testPHostImages, fakeapi.Region, fakeapi.Zone, ""),
			uk8sSetChecks(testUK8SImages, uk8s), locationChecks(testUK8SImages, fakeapi.Region, fakeapi.Zone, ""),
		),
	})
}

// TestAccImageDataSources_arguments sets every server-side argument of each
// data source and finds each under its API name (ImageId.N zero-based);
// region and zone override the provider's, and state holds what was used.
func TestAccImageDataSources_arguments(t *testing.T) {
	fake := newTestAPI(t)
	const region, zone, project = "cn-sh2", "cn-sh2-01", "org-args"
	images := phostImagesInZone(t, fake.PHostImages(), zone)
	custom := firstPHostImage(t, images, func(img fakeapi.PHostImage) bool { return img.ImageType == "Custom" })
	base := firstPHostImage(t, images, func(img fakeapi.PHostImage) bool { return img.ImageType == "Base" })
	phostMachine, cluster := custom.Support[len(custom.Support)-1], custom.Clusters[len(custom.Clusters)-1]
	const productType, uk8sMachine, gpu, k8sVersion = "uhost", "G", "T4", "1.30.4"
	zoneID := testZoneID(t, zone)
	uk8s := fakeUK8SSets(fake.UK8SImages(), func(img fakeapi.UK8SImage) bool {
		return img.Region == region && img.ZoneId == zoneID &&
			(img.Set == fakeapi.SetImage || img.Set == fakeapi.SetCustomImage) &&
			slices.Contains(img.MachineTypes, uk8sMachine) &&
			slices.Contains(img.SupportedGPUTypes, gpu) &&
			slices.Contains(img.K8sVersions, k8sVersion)
	})
	if len(uk8s[fakeapi.SetImage]) == 0 {
		t.Fatal("no UK8S image of the default data set fits the query")
	}

	testAccRunStep(t, fake, resource.TestStep{
		Config: fmt.Sprintf(`
data "ucloud_phost_images" "test" {
  region       = %[1]q
  zone         = %[2]q
  project_id   = %[3]q
  image_type   = "Custom"
  image_ids    = [%[4]q, %[5]q]
  machine_type = %[6]q
  cluster      = %[7]q
}

data "ucloud_uk8s_images" "test" {
  region       = %[1]q
  zone         = %[2]q
  project_id   = %[3]q
  product_type = %[8]q
  machine_type = %[9]q
  gpu_type     = %[10]q
  k8s_version  = %[11]q
}
`, region, zone, project, base.ImageId, custom.ImageId, phostMachine, cluster, productType, uk8sMachine, gpu, k8sVersion),
		Check: testCheckRequestsByAction(fake, map[string][]requestsCheck{
			client.ActionDescribePHostImage: {wantRequestCount(1), wantParams(map[string]string{
				"Region": region, "Zone": zone, "ProjectId": project, "ImageType": "Custom",
				"ImageId.0": base.ImageId, "ImageId.1": custom.ImageId, "MachineType": phostMachine, "Cluster": cluster,
			}, phostPagingParams...)},
			client.ActionDescribeUK8SImage: {wantRequestCount(1), wantParams(map[string]string{
				"Region": region, "Zone": zone, "ProjectId": project,
				"ProductType": productType, "MachineType": uk8sMachine, "GPUType": gpu, "K8sVersion": k8sVersion,
			})},
		}),
		ConfigStateChecks: slices.Concat(
			phostResultChecks(testPHostImages, []fakeapi.PHostImage{custom}), locationChecks(testPHostImages, region, zone, project),
			uk8sSetChecks(testUK8SImages, uk8s), locationChecks(testUK8SImages, region, zone, project),
		),
	})
}

// TestAccImageDataSources_providerDefaults takes region, zone and
// project_id from the provider when the data sources leave them unset.
func TestAccImageDataSources_providerDefaults(t *testing.T) {
	fake := newTestAPI(t)
	const project = "org-from-provider"
	first := phostImagesInZone(t, fake.PHostImages(), fakeapi.Zone)[0]
	location := map[string]string{"Region": fakeapi.Region, "Zone": fakeapi.Zone, "ProjectId": project}

	testAccRunStep(t, fake, resource.TestStep{
		Config: providerBlock(fmt.Sprintf("project_id = %q", project)) + testUK8SImagesBlock + fmt.Sprintf(`
data "ucloud_phost_images" "test" {
  image_ids = [%q]
}
`, first.ImageId),
		Check: testCheckRequestsByAction(fake, map[string][]requestsCheck{
			client.ActionDescribePHostImage: {wantRequestCount(1), wantParams(map[string]string{
				"Region": fakeapi.Region, "Zone": fakeapi.Zone, "ProjectId": project, "ImageId.0": first.ImageId,
			}, phostPagingParams...)},
			client.ActionDescribeUK8SImage: {wantRequestCount(1), wantParams(location)},
		}),
		ConfigStateChecks: slices.Concat(
			phostResultChecks(testPHostImages, []fakeapi.PHostImage{first}),
			locationChecks(testPHostImages, fakeapi.Region, fakeapi.Zone, project),
			locationChecks(testUK8SImages, fakeapi.Region, fakeapi.Zone, project),
		),
	})
}

// TestAccImageDataSources_nameAndOSType applies name_regex and os_type on
// the client, to every list: nothing of them is sent, and the blocks of one
// data source share one listing. os_type ignores case but is otherwise
// exact ("centos" finds "CentOS", not "CentOS Stream").
func TestAccImageDataSources_nameAndOSType(t *testing.T) {
	fake := newTestAPI(t)
	fake.SetUK8SImages(uk8sFilterImages(t))
	phost := phostImagesInZone(t, fake.PHostImages(), fakeapi.Zone)
	phostNamed := regexp.MustCompile(`^k8s-node-.*-v\d+$`)
	phostByName := filterFakePHost(phost, func(img fakeapi.PHostImage) bool { return phostNamed.MatchString(img.ImageName) })
	phostByOS := filterFakePHost(phost, func(img fakeapi.PHostImage) bool { return img.OsType == "CentOS" })
	requireNarrowed(t, len(phost), len(phostByName))
	requireNarrowed(t, len(phost), len(phostByOS))
	uk8sNamed := regexp.MustCompile(`^Ubuntu`)
	uk8sByName := narrowedUK8SSets(t, fake.UK8SImages(), func(img fakeapi.UK8SImage) bool { return uk8sNamed.MatchString(img.ImageName) })
	uk8sByOS := narrowedUK8SSets(t, fake.UK8SImages(), func(img fakeapi.UK8SImage) bool { return img.OsType == "CentOS" })
	location := map[string]string{"Region": fakeapi.Region, "Zone": fakeapi.Zone}

	testAccRunStep(t, fake, resource.TestStep{
		Config: fmt.Sprintf(`
data "ucloud_phost_images" "by_name" {
  name_regex = %[1]q
}

data "ucloud_phost_images" "by_os" {
  os_type = "centos"
}

data "ucloud_uk8s_images" "by_name" {
  name_regex = %[2]q
}

data "ucloud_uk8s_images" "by_os" {
  os_type = "centos"
}
`, phostNamed.String(), uk8sNamed.String()),
		Check: testCheckRequestsByAction(fake, map[string][]requestsCheck{
			client.ActionDescribePHostImage: {wantRequestCount(2), wantParams(location, phostPagingParams...)},
			client.ActionDescribeUK8SImage:  {wantRequestCount(1), wantParams(location)},
		}),
		ConfigStateChecks: slices.Concat(
			phostResultChecks("data.ucloud_phost_images.by_name", phostByName),
			phostResultChecks("data.ucloud_phost_images.by_os", phostByOS),
			uk8sSetChecks("data.ucloud_uk8s_images.by_name", uk8sByName),
			uk8sSetChecks("data.ucloud_uk8s_images.by_os", uk8sByOS),
		),
	})
}

// TestAccImageDataSources_requireMatch fails a read that matched nothing,
// stating the query and the count after each stage; without require_match
// the same query is an empty list (TestAccPHostImagesDataSource_noMatch).
func TestAccImageDataSources_requireMatch(t *testing.T) {
	fake := newTestAPI(t)
	phostInZone := filterFakePHost(fake.PHostImages(), func(img fakeapi.PHostImage) bool { return img.Zone == fakeapi.Zone })
	usable := usablePHost(phostInZone)
	phostUbuntu := filterFakePHost(usable, func(img fakeapi.PHostImage) bool { return strings.Contains(img.ImageName, "Ubuntu") })
	zoneID := testZoneID(t, fakeapi.Zone)
	uk8sListed, uk8sUbuntu := 0, 0
	for _, img := range fake.UK8SImages() {
		if img.Region == fakeapi.Region && img.ZoneId == zoneID && slices.Contains(img.MachineTypes, "O") {
			uk8sListed++
			if strings.Contains(img.ImageName, "Ubuntu") {
				uk8sUbuntu++
			}
		}
	}
	location := []string{`region = "cn-bj2"`, `zone = "cn-bj2-02"`, `project_id = "" (the account's default project)`}

	testAccRun(t, fake, resource.TestCase{Steps: []resource.TestStep{
		{
			Config: `
data "ucloud_phost_images" "test" {
  name_regex    = "Ubuntu"
  os_type       = "Plan9"
  require_match = true
}
`,
			ExpectError: onlyErrorRegexp("No Matching Bare-Metal Images", slices.Concat(
				[]string{"No image matched, and require_match is true."}, location,
				[]string{`name_regex = "Ubuntu"`, `os_type = "Plan9"`, `require_match = true`,
					fmt.Sprintf("API listing %d → states (default) %d → name_regex %d → os_type 0.", len(phostInZone), len(usable), len(phostUbuntu)),
					"set require_match = false"})...),
		},
		{
			Config: `
data "ucloud_uk8s_images" "test" {
  machine_type  = "O"
  name_regex    = "Ubuntu"
  os_type       = "CentOS"
  require_match = true
}
`,
			ExpectError: onlyErrorRegexp("No Matching UK8S Images", slices.Concat(location,
				[]string{`machine_type = "O"`, `name_regex = "Ubuntu"`, `os_type = "CentOS"`, `require_match = true`,
					fmt.Sprintf("API listing %d → name_regex %d → os_type 0.", uk8sListed, uk8sUbuntu)})...),
		},
	}})
}

// testPHostImagesBlock and testUK8SImagesBlock read with every argument
// unset, at testPHostImages and testUK8SImages.
const (
	testPHostImagesBlock = "data \"ucloud_phost_images\" \"test\" {}\n"
	testUK8SImagesBlock  = "data \"ucloud_uk8s_images\" \"test\" {}\n"
)

// expectAttribute expects the value of attr at addr.
func expectAttribute(addr, attr string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), check)
}

// locationChecks expect the location a read used in state.
func locationChecks(addr, region, zone, project string) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		expectAttribute(addr, "region", knownvalue.StringExact(region)),
		expectAttribute(addr, "zone", knownvalue.StringExact(zone)),
		expectAttribute(addr, "project_id", knownvalue.StringExact(project)),
	}
}
