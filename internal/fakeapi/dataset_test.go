package fakeapi

import (
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// parseCreateTime reads the three CreateTime formats of the data set.
func parseCreateTime(t *testing.T, s string) time.Time {
	t.Helper()
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0)
	}
	if v, err := time.Parse(time.RFC3339, s); err == nil {
		return v
	}
	v, err := time.ParseInLocation(time.DateTime, s, chinaTime)
	if err != nil {
		t.Fatalf("CreateTime %q in no known format", s)
	}
	return v
}

func TestDefaultPHostImages(t *testing.T) {
	images := New().PHostImages()

	counts := map[string]int{}
	ids := map[string]bool{}
	formats := map[int]int{}
	idRE := regexp.MustCompile(`^pimg-[0-9a-f]{8}$`)
	osTypes := []string{"CentOS", "Ubuntu", "Debian", "Rocky", "AlmaLinux", "Windows"}
	for _, img := range images {
		counts[img.Zone+"/"+img.ImageType]++
		if ids[img.ImageId] || !idRE.MatchString(img.ImageId) {
			t.Errorf("id %q repeated or malformed", img.ImageId)
		}
		ids[img.ImageId] = true
		if !slices.Contains(osTypes, img.OsType) {
			t.Errorf("%s: OsType %q", img.ImageId, img.OsType)
		}
		if img.ImageName == "" || img.OsName == "" || img.Version == "" || len(img.Support) == 0 || len(img.Clusters) == 0 {
			t.Errorf("%s: empty field in %+v", img.ImageId, img)
		}
		old := img.CreateTime == ""
		if old != (img.State == "") || old != (img.ImageSize == 0) {
			t.Errorf("%s: CreateTime, State and ImageSize not empty together", img.ImageId)
		}
		switch {
		case old:
		case !strings.Contains(img.CreateTime, "-"):
			formats[formatUnix]++
		case strings.Contains(img.CreateTime, "T"):
			formats[formatRFC3339]++
		default:
			formats[formatDateTime]++
		}
		if !old {
			parseCreateTime(t, img.CreateTime)
		}
	}
	want := map[string]int{
		"cn-bj2-02/Base": 60, "cn-bj2-02/Custom": 77,
		"cn-bj2-03/Base": 9, "cn-bj2-03/Custom": 3,
		"cn-sh2-01/Base": 6, "cn-sh2-01/Custom": 2,
	}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("counts %v, want %v", counts, want)
	}
	if len(formats) != 3 {
		t.Errorf("CreateTime formats used: %v, want all three", formats)
	}

	// The default zone is exactly GeneratePHostImages(Zone, 137).
	var zone []PHostImage
	for _, img := range images {
		if img.Zone == Zone {
			zone = append(zone, img)
		}
	}
	if !reflect.DeepEqual(zone, GeneratePHostImages(Zone, 137)) {
		t.Error("default zone differs from GeneratePHostImages(Zone, 137)")
	}
	if !reflect.DeepEqual(images, New().PHostImages()) {
		t.Error("data set is not deterministic")
	}
}

// newest returns the id of the image with the latest CreateTime among those
// keep accepts, and whether it is alone at that time.
func newest(t *testing.T, images []PHostImage, keep func(PHostImage) bool) (string, bool) {
	t.Helper()
	var best string
	var bestAt time.Time
	unique := false
	for _, img := range images {
		if !keep(img) || img.CreateTime == "" {
			continue
		}
		at := parseCreateTime(t, img.CreateTime)
		switch {
		case best == "" || at.After(bestAt):
			best, bestAt, unique = img.ImageId, at, true
		case at.Equal(bestAt):
			unique = false
		}
	}
	return best, unique
}

func TestDefaultPHostImages_mostRecent(t *testing.T) {
	images := New().PHostImages()
	centos := func(imageType, machine string) func(PHostImage) bool {
		return func(i PHostImage) bool {
			return i.Zone == Zone && i.OsType == "CentOS" &&
				(imageType == "" || i.ImageType == imageType) &&
				(machine == "" || slices.Contains(i.Support, machine))
		}
	}
	tests := []struct {
		name, imageType, machine, want string
	}{
		{"Base, Storage-HDD-2", "Base", "Storage-HDD-2", "pimg-a6711ccd"},
		{"Base, any machine", "Base", "", "pimg-21537609"},
		{"any type, Storage-HDD-2", "", "Storage-HDD-2", "pimg-c624a97b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, unique := newest(t, images, centos(tc.imageType, tc.machine))
			if got != tc.want || !unique {
				t.Errorf("newest = %s (unique %v), want %s", got, unique, tc.want)
			}
		})
	}
	if id := NewestCentOSStorageImageID(Zone); id != "pimg-a6711ccd" {
		t.Errorf("NewestCentOSStorageImageID(Zone) = %s", id)
	}

	// Comparing CreateTime as strings gives a different, wrong answer.
	var byString PHostImage
	for _, img := range images {
		if centos("Base", "Storage-HDD-2")(img) && img.CreateTime > byString.CreateTime {
			byString = img
		}
	}
	if byString.ImageId == "pimg-a6711ccd" {
		t.Error("string comparison of CreateTime happens to find the newest image; the trap is gone")
	}
}

func TestGeneratePHostImages(t *testing.T) {
	for _, n := range []int{0, 1, 10, 137, 1000} {
		images := GeneratePHostImages("cn-sh2-02", n)
		if len(images) != n {
			t.Fatalf("n=%d: %d images", n, len(images))
		}
		ids := map[string]bool{}
		for _, img := range images {
			if ids[img.ImageId] || img.Zone != "cn-sh2-02" {
				t.Fatalf("n=%d: repeated id %s or zone %s", n, img.ImageId, img.Zone)
			}
			ids[img.ImageId] = true
		}
		if n >= 10 {
			got, unique := newest(t, images, func(i PHostImage) bool {
				return i.OsType == "CentOS" && i.ImageType == "Base" && slices.Contains(i.Support, "Storage-HDD-2")
			})
			if got != NewestCentOSStorageImageID("cn-sh2-02") || !unique {
				t.Errorf("n=%d: newest CentOS Base for Storage-HDD-2 is %s (unique %v)", n, got, unique)
			}
		}
	}
	if !reflect.DeepEqual(GeneratePHostImages("z", 50), GeneratePHostImages("z", 50)) {
		t.Error("not deterministic")
	}
	if GeneratePHostImages("a", 1)[0].ImageId == GeneratePHostImages("b", 1)[0].ImageId {
		t.Error("ids do not depend on the zone")
	}
}

func TestDefaultUK8SImages(t *testing.T) {
	images := New().UK8SImages()
	ids := map[string]bool{}
	gpus := map[string]bool{}
	for _, img := range images {
		if ids[img.ImageId] {
			t.Errorf("repeated id %s", img.ImageId)
		}
		ids[img.ImageId] = true
		zoneOK := false
		for zone, id := range zoneIDs {
			if id == img.ZoneId && strings.HasPrefix(zone, img.Region+"-") {
				zoneOK = true
			}
		}
		if !zoneOK {
			t.Errorf("%s: ZoneId %d is not in region %s", img.ImageId, img.ZoneId, img.Region)
		}
		if img.NotSupportGPU != (len(img.SupportedGPUTypes) == 0) {
			t.Errorf("%s: NotSupportGPU %v, GPU types %v", img.ImageId, img.NotSupportGPU, img.SupportedGPUTypes)
		}
		if len(img.MachineTypes) == 0 || len(img.K8sVersions) == 0 || img.OsType == "" || img.ImageSize == 0 {
			t.Errorf("%s: incomplete %+v", img.ImageId, img)
		}
		for _, g := range img.SupportedGPUTypes {
			gpus[g] = true
		}
	}
	var gpuList []string
	for g := range gpus {
		gpuList = append(gpuList, g)
	}
	slices.Sort(gpuList)
	if want := []string{"1080Ti", "4090", "A800", "T4", "V100", "V100S"}; !slices.Equal(gpuList, want) {
		t.Errorf("GPU types %v, want %v", gpuList, want)
	}
	if len(images) != 24 {
		t.Errorf("%d UK8S images, want 24", len(images))
	}
}
