package fakeapi

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"time"
)

// The bare-metal data set is generated, deterministically, from an OS
// catalog: "slots" 0–59 are the Base images (each OS in three machine-type
// families), every later slot is a Custom image built from one of those OSes.
// GeneratePHostImages(zone, n) fills slots 0..n-1, so the default zone's 137
// images are GeneratePHostImages(Zone, 137).

// baseOS is one operating system the bare-metal catalog offers.
type baseOS struct {
	osType, version, osName, short string
	// released is when its Base images were built (China time); "" marks an
	// image from before BareMetal 2.0, which has no CreateTime, State or
	// ImageSize.
	released string
	sizeGB   int
}

var baseOSes = []baseOS{
	{"CentOS", "6.10", "CentOS 6.10 64位", "centos610", "", 40},
	{"CentOS", "7.4", "CentOS 7.4 64位", "centos74", "", 40},
	{"CentOS", "7.6", "CentOS 7.6 64位", "centos76", "2019-03-20 11:05", 40},
	{"CentOS", "7.9", "CentOS 7.9 64位", "centos79", "2020-12-01 09:30", 40},
	{"CentOS", "8.2", "CentOS 8.2 64位", "centos82", "2021-02-15 14:20", 40},
	{"Ubuntu", "16.04", "Ubuntu 16.04 64位", "ubuntu1604", "", 40},
	{"Ubuntu", "18.04", "Ubuntu 18.04 64位", "ubuntu1804", "2019-05-10 16:45", 40},
	{"Ubuntu", "20.04", "Ubuntu 20.04 64位", "ubuntu2004", "2020-06-01 10:00", 40},
	{"Ubuntu", "22.04", "Ubuntu 22.04 64位", "ubuntu2204", "2022-06-20 15:12", 40},
	{"Ubuntu", "24.04", "Ubuntu 24.04 64位", "ubuntu2404", "2024-07-15 09:40", 40},
	{"Debian", "10.13", "Debian 10.13 64位", "debian10", "2019-09-10 13:00", 40},
	{"Debian", "11.9", "Debian 11.9 64位", "debian11", "2021-10-12 17:30", 40},
	{"Debian", "12.5", "Debian 12.5 64位", "debian12", "2023-08-01 11:11", 40},
	{"Rocky", "8.6", "Rocky Linux 8.6 64位", "rocky86", "2022-07-01 10:20", 40},
	{"Rocky", "9.2", "Rocky Linux 9.2 64位", "rocky92", "2023-07-20 14:05", 40},
	{"AlmaLinux", "8.8", "AlmaLinux 8.8 64位", "alma88", "2023-06-05 09:15", 40},
	{"AlmaLinux", "9.3", "AlmaLinux 9.3 64位", "alma93", "2024-01-10 18:00", 40},
	{"Windows", "2016", "Windows Server 2016 数据中心版 64位 中文版", "win2016", "", 80},
	{"Windows", "2019", "Windows Server 2019 数据中心版 64位 中文版", "win2019", "2020-03-01 12:00", 80},
	{"Windows", "2022", "Windows Server 2022 数据中心版 64位 中文版", "win2022", "2023-03-01 12:00", 80},
}

// machineFamilies are the machine types each Base image variant supports,
// with the suffix its name carries.
var machineFamilies = []struct {
	suffix  string
	support []string
}{
	{"", []string{"Storage-HDD-2", "Bigdata-HDD-1", "HPC-SSD-1", "Net-SSD-3"}},
	{" GPU", []string{"GPU-A100-8", "GPU-V100S-8", "GPU-4090-8"}},
	{" NVMe", []string{"Storage-SSD-1", "HPC-SSD-2", "Bigdata-HDD-2"}},
}

// baseSlots is how many Base images a full zone has.
var baseSlots = len(baseOSes) * len(machineFamilies)

// Slots with a hand-set build time, so that "most recent" has one clear
// answer and a wrong comparison gives a different one:
//   - slot 9, CentOS 7.9 (Storage-HDD-2 family), rebuilt 2025-03-18 and
//     dated in unix seconds: the newest CentOS Base image for Storage-HDD-2,
//     though CentOS 8.2 has the higher version and its "2021-…" date sorts
//     after "1742…" as a string;
//   - slot 13, CentOS 8.2 GPU, rebuilt 2025-05-20: the newest CentOS Base
//     image when the machine type is not filtered;
//   - slot 63, the Custom image k8s-node-centos82-v1 (Storage-HDD-2),
//     rebuilt 2025-06-02: newer than slot 9, so forgetting the ImageType
//     filter gives a different answer.
const (
	newestCentOSStorageSlot = 9
	newestCentOSGPUSlot     = 13
	newestCentOSCustomSlot  = 63
)

var rebuilt = map[int]struct {
	at     string
	format int
}{
	newestCentOSStorageSlot: {"2025-03-18 10:24:07", formatUnix},
	newestCentOSGPUSlot:     {"2025-05-20 16:02:44", formatRFC3339},
	newestCentOSCustomSlot:  {"2025-06-02 08:15:00", formatDateTime},
}

// The CreateTime formats the API is seen to mix.
const (
	formatRFC3339 = iota
	formatDateTime
	formatUnix
)

var chinaTime = time.FixedZone("CST", 8*60*60)

func formatCreateTime(t time.Time, format int) string {
	switch format {
	case formatRFC3339:
		return t.Format(time.RFC3339)
	case formatDateTime:
		return t.Format(time.DateTime)
	default:
		return strconv.FormatInt(t.Unix(), 10)
	}
}

func mustChinaTime(layout, s string) time.Time {
	t, err := time.ParseInLocation(layout, s, chinaTime)
	if err != nil {
		panic(err) // the literals above are wrong
	}
	return t
}

// customPrefixes name Custom images after what users build them for.
var customPrefixes = []string{
	"web", "mysql", "hadoop-worker", "k8s-node", "redis", "ml-train",
	"gateway", "ci-runner", "es-data", "kafka", "nginx-edge", "spark",
}

// phostImageID derives a distinct id from the zone and the position: the
// multiplier is odd, so positions map one-to-one onto ids within a zone.
func phostImageID(zone string, i int) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(zone)) // hash writes never fail
	// Wrap-around of the multiplication is intended.
	return fmt.Sprintf("pimg-%08x", uint32(i)*0x9e3779b1^h.Sum32()) //nolint:gosec // i is a small index
}

// GeneratePHostImages returns n deterministic bare-metal images in zone, with
// distinct ids: 60 Base images (fewer if n < 60) followed by Custom images.
// For n >= 10 exactly one CentOS Base image supporting Storage-HDD-2 is the
// newest (NewestCentOSStorageImageID).
func GeneratePHostImages(zone string, n int) []PHostImage {
	out := make([]PHostImage, 0, max(n, 0))
	for i := range max(n, 0) {
		out = append(out, phostImageAt(zone, i, i))
	}
	return out
}

// NewestCentOSStorageImageID returns the id of the newest CentOS Base image
// supporting Storage-HDD-2 in a zone filled by GeneratePHostImages (and in
// the default Zone).
func NewestCentOSStorageImageID(zone string) string {
	return phostImageID(zone, newestCentOSStorageSlot)
}

// phostImageAt builds the image of catalog slot, listed at position i.
func phostImageAt(zone string, i, slot int) PHostImage {
	if slot < baseSlots {
		return baseImage(zone, i, slot)
	}
	return customImage(zone, i, slot-baseSlots)
}

func baseImage(zone string, i, slot int) PHostImage {
	osIdx, fam := slot/len(machineFamilies), slot%len(machineFamilies)
	os, family := baseOSes[osIdx], machineFamilies[fam]
	img := PHostImage{
		ImageId:          phostImageID(zone, i),
		ImageName:        os.osName + family.suffix,
		OsName:           os.osName,
		OsType:           os.osType,
		Support:          append([]string(nil), family.support...),
		Version:          os.version,
		ImageType:        "Base",
		ImageDescription: fmt.Sprintf("UCloud official %s image for %s bare-metal hosts", os.osName, family.support[0]),
		Zone:             zone,
		Clusters:         clusters(fam == 1 || slot%5 == 4),
	}
	if os.released == "" {
		return img
	}
	t := mustChinaTime("2006-01-02 15:04", os.released).
		Add(time.Duration(fam) * (45*24*time.Hour + 3*time.Hour + 11*time.Minute)).
		Add(time.Duration(osIdx*37) * time.Second)
	format := (osIdx + fam) % 3
	if r, ok := rebuilt[slot]; ok {
		t, format = mustChinaTime(time.DateTime, r.at), r.format
	}
	img.CreateTime = formatCreateTime(t, format)
	img.State = "Available"
	img.ImageSize = os.sizeGB + 20*min(fam, 1) // GPU and NVMe variants carry drivers
	return img
}

func customImage(zone string, i, k int) PHostImage {
	os := baseOSes[(k*7+3)%len(baseOSes)]
	fam := (2 * k) % len(machineFamilies)
	family := machineFamilies[fam]
	prefix := customPrefixes[k%len(customPrefixes)]
	img := PHostImage{
		ImageId:   phostImageID(zone, i),
		ImageName: fmt.Sprintf("%s-%s-v%d", prefix, os.short, 1+k/len(customPrefixes)),
		OsName:    os.osName,
		OsType:    os.osType,
		Support:   append([]string(nil), family.support[:1+k%len(family.support)]...),
		Version:   os.version,
		ImageType: "Custom",
		Zone:      zone,
		Clusters:  clusters(fam == 1 || k%6 == 0),
	}
	if k%4 != 3 { // users often leave the description empty
		img.ImageDescription = fmt.Sprintf("%s node based on %s, built by pipeline #%d", prefix, os.osName, 1000+17*k)
	}
	if k%11 == 10 { // made before BareMetal 2.0
		return img
	}
	const spanHours = 30960 // 2022-01-01 to 2025-07-15
	t := mustChinaTime(time.DateTime, "2022-01-01 00:00:00").
		Add(time.Duration((k*7919)%spanHours) * time.Hour).
		Add(time.Duration((k*13)%60) * time.Minute)
	format := k % 3
	if r, ok := rebuilt[baseSlots+k]; ok {
		t, format = mustChinaTime(time.DateTime, r.at), r.format
	}
	img.CreateTime = formatCreateTime(t, format)
	img.State = "Available"
	if k%29 == 17 {
		img.State = "Making" // still being captured
	}
	img.ImageSize = 50 + (k*37)%451
	return img
}

func clusters(with100G bool) []string {
	if with100G {
		return []string{"25G", "100G"}
	}
	return []string{"25G"}
}

// Slots shown in the smaller zones of the default data set: a cross-section
// of Base and Custom images rather than the first few slots.
var (
	bj203Slots = []int{9, 12, 13, 21, 24, 27, 39, 48, 57, 60, 67, 75}
	sh201Slots = []int{6, 9, 22, 25, 40, 54, 61, 73}
)

// defaultPHostImages is the bare-metal data set of New.
func defaultPHostImages() []PHostImage {
	images := GeneratePHostImages(Zone, 137)
	for _, z := range []struct {
		zone  string
		slots []int
	}{{"cn-bj2-03", bj203Slots}, {"cn-sh2-01", sh201Slots}} {
		for i, slot := range z.slots {
			images = append(images, phostImageAt(z.zone, i, slot))
		}
	}
	return images
}
