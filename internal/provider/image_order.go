package provider

import (
	"cmp"
	"slices"
	"time"
)

// sortKey orders images of type T by one key (sort_by). Every sort_by value
// of a data source is one sortKey, so the rules below hold for all of them:
// images without a value for the key come last in either direction, and
// ties are broken by image_id ascending whatever the direction.
type sortKey[T any] interface {
	// sorted returns a sorted copy of images; the input is left untouched.
	sorted(images []T, ascending bool, id func(T) string) []T
	// leaders counts the images at the start of a sorted list that share
	// the first one's value, and says whether the first has one; when it
	// has none, none has, and all count.
	leaders(sorted []T) (n int, keyed bool)
}

// keyOf is a sortKey read by value (ok is false when the image has none)
// and compared by compare.
type keyOf[T, K any] struct {
	value   func(T) (K, bool)
	compare func(a, b K) int
}

// keyed is an image with its key value, computed once per sort.
type keyed[T, K any] struct {
	image T
	id    string
	key   K
	has   bool
}

func (k keyOf[T, K]) sorted(images []T, ascending bool, id func(T) string) []T {
	items := make([]keyed[T, K], len(images))
	for i, img := range images {
		v, ok := k.value(img)
		items[i] = keyed[T, K]{image: img, id: id(img), key: v, has: ok}
	}
	slices.SortStableFunc(items, func(a, b keyed[T, K]) int {
		switch {
		case a.has && b.has:
			c := k.compare(a.key, b.key)
			if !ascending {
				c = -c
			}
			if c != 0 {
				return c
			}
		case a.has != b.has:
			if a.has {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.id, b.id)
	})
	out := make([]T, len(items))
	for i, item := range items {
		out[i] = item.image
	}
	return out
}

func (k keyOf[T, K]) leaders(sorted []T) (int, bool) {
	if len(sorted) == 0 {
		return 0, false
	}
	first, ok := k.value(sorted[0])
	if !ok {
		return len(sorted), false
	}
	n := 1
	for _, img := range sorted[1:] {
		v, ok := k.value(img)
		if !ok || k.compare(first, v) != 0 {
			break
		}
		n++
	}
	return n, true
}

// textKey sorts by a text field in natural order; an empty text has no value.
func textKey[T any](field func(T) string) sortKey[T] {
	return keyOf[T, string]{
		value:   func(img T) (string, bool) { s := field(img); return s, s != "" },
		compare: naturalCompare,
	}
}

// timeKey sorts by a time; unreadable or missing times have no value.
func timeKey[T any](field func(T) (time.Time, bool)) sortKey[T] {
	return keyOf[T, time.Time]{value: field, compare: func(a, b time.Time) int { return a.Compare(b) }}
}

// naturalCompare orders strings with runs of digits compared as numbers,
// so "v9" < "v10" and "ubuntu-20.04" < "ubuntu-22.04"; other text compares
// byte by byte. Strings equal as numbers but spelled differently ("v01",
// "v1") are ordered by their bytes, so the order is total.
//
// NOTE: written here because none of the project's allowed libraries offers
// a natural order, and the rule is a few lines.
func naturalCompare(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if isDigit(a[i]) && isDigit(b[j]) {
			ea, eb := digitRunEnd(a, i), digitRunEnd(b, j)
			if c := compareDigitRuns(a[i:ea], b[j:eb]); c != 0 {
				return c
			}
			i, j = ea, eb
			continue
		}
		if c := cmp.Compare(a[i], b[j]); c != 0 {
			return c
		}
		i++
		j++
	}
	if c := cmp.Compare(len(a)-i, len(b)-j); c != 0 {
		return c
	}
	return cmp.Compare(a, b)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digitRunEnd returns the index just past the run of digits starting at i.
func digitRunEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// compareDigitRuns compares two runs of digits as numbers of any length.
func compareDigitRuns(a, b string) int {
	for len(a) > 1 && a[0] == '0' {
		a = a[1:]
	}
	for len(b) > 1 && b[0] == '0' {
		b = b[1:]
	}
	if c := cmp.Compare(len(a), len(b)); c != 0 {
		return c
	}
	return cmp.Compare(a, b)
}
