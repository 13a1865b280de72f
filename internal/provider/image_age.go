package provider

import (
	"strconv"
	"time"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// chinaStandardTime is UTC+8, the zone UCloud writes zone-less times in.
var chinaStandardTime = time.FixedZone("CST", 8*60*60)

// createTimeLayouts are the textual forms the API uses for CreateTime.
var createTimeLayouts = []string{time.RFC3339, "2006-01-02 15:04:05"}

// parseCreateTime reads unix seconds, RFC 3339 or "2006-01-02 15:04:05"
// (taken as China Standard Time, UTC+8, as UCloud writes it); ok is false
// for empty or unknown forms.
func parseCreateTime(s string) (t time.Time, ok bool) {
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

// newestPHostImage keeps the image with the latest create time. Images
// without a readable time count as oldest; on a tie the first in API order
// wins. An empty input gives an empty result.
func newestPHostImage(images []client.PHostImage) []client.PHostImage {
	if len(images) == 0 {
		return images
	}
	best, bestTime, bestOK := 0, time.Time{}, false
	for i, img := range images {
		t, ok := parseCreateTime(string(img.CreateTime))
		if ok && (!bestOK || t.After(bestTime)) {
			best, bestTime, bestOK = i, t, true
		}
	}
	return []client.PHostImage{images[best]}
}
