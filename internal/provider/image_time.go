package provider

import (
	"strconv"
	"time"
)

// chinaStandardTime is UTC+8, the zone UCloud writes zone-less times in.
var chinaStandardTime = time.FixedZone("CST", 8*60*60)

// createTimeLayouts are the textual forms the API uses for CreateTime.
var createTimeLayouts = []string{time.RFC3339, time.DateTime}

// parseCreateTime reads unix seconds, RFC 3339 or "2006-01-02 15:04:05"
// (taken as China Standard Time, UTC+8, as UCloud writes it); ok is false
// for empty or unknown forms, and for years outside 1–9999, which RFC 3339
// cannot write.
func parseCreateTime(s string) (time.Time, bool) {
	t, ok := parseCreateTimeText(s)
	if !ok || t.UTC().Year() < 1 || t.UTC().Year() > 9999 {
		return time.Time{}, false
	}
	return t, true
}

func parseCreateTimeText(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	if secs, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(secs, 0), true
	}
	for _, layout := range createTimeLayouts {
		if t, err := time.ParseInLocation(layout, s, chinaStandardTime); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// createdAt renders an API CreateTime as RFC 3339 in UTC, the form HCL's
// timecmp() reads; "" when the API gave none or an unreadable one.
func createdAt(createTime string) string {
	t, ok := parseCreateTime(createTime)
	if !ok {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
