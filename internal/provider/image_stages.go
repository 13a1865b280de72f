package provider

import (
	"regexp"
	"strings"
)

// Stages shared by both data sources: name_regex and os_type.

// imageMatcher applies name_regex and os_type.
type imageMatcher struct {
	nameRegex *regexp.Regexp
	osType    string
}

// matcher compiles the filters; the regex was validated at plan time, so
// an error here only means validation was bypassed.
func (m imageQueryModel) matcher() (imageMatcher, error) {
	var im imageMatcher
	if pattern := m.NameRegex.ValueString(); pattern != "" {
		re, err := regexp.Compile(pattern)
		if err != nil {
			return im, err
		}
		im.nameRegex = re
	}
	im.osType = m.OsType.ValueString()
	return im, nil
}

// byName reports whether an image name passes name_regex.
func (im imageMatcher) byName(name string) bool {
	return im.nameRegex == nil || im.nameRegex.MatchString(name)
}

// byOsType reports whether an OS type passes os_type.
func (im imageMatcher) byOsType(osType string) bool {
	return im.osType == "" || strings.EqualFold(im.osType, osType)
}

// matcherStages are the name_regex and os_type stages for images of type
// T, whose name and OS type the two functions read.
func matcherStages[T any](m imageMatcher, name, osType func(T) string) []imageStage[T] {
	return []imageStage[T]{
		{name: "name_regex", keep: func(img T) bool { return m.byName(name(img)) }},
		{name: "os_type", keep: func(img T) bool { return m.byOsType(osType(img)) }},
	}
}
