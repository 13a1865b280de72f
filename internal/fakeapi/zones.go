package fakeapi

// zoneIDs maps zone names to the numeric ZoneId that DescribeUK8SImage
// reports. The numbers are the fake's own; the real mapping is not published.
var zoneIDs = map[string]int{
	"cn-bj2-02": 2,
	"cn-bj2-03": 3,
	"cn-bj2-04": 4,
	"cn-bj2-05": 5,
	"cn-sh2-01": 11,
	"cn-sh2-02": 12,
	"cn-sh2-03": 13,
	"hk-01":     21,
	"hk-02":     22,
}

// ZoneID returns the numeric ZoneId the fake reports for a zone name, and
// whether the zone is known.
func ZoneID(zone string) (int, bool) {
	id, ok := zoneIDs[zone]
	return id, ok
}
