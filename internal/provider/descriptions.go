package provider

import (
	"fmt"
	"strings"
)

// quotedList renders values as "`a`, `b` or `c`" for descriptions, so enum
// text is built from the same slice its validator uses.
func quotedList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = fmt.Sprintf("`%s`", v)
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}
