package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// stringCheck is a plan-time string validator built from a check function.
// Null, unknown and empty values are not checked: "" means unset for every
// string argument of this provider.
type stringCheck struct {
	description string
	summary     string
	check       func(string) error
}

var _ validator.String = stringCheck{}

// Description says what the validator accepts.
func (v stringCheck) Description(context.Context) string { return v.description }

// MarkdownDescription says what the validator accepts.
func (v stringCheck) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateString reports the check's error against the attribute.
func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == "" {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary,
			fmt.Sprintf("%s: %s. Expected %s.", req.Path, err, v.description))
	}
}

// validRegex accepts RE2 regular expressions, the syntax Go and Terraform use.
func validRegex() validator.String {
	return stringCheck{
		description: "a valid RE2 regular expression",
		summary:     "Invalid Regular Expression",
		check: func(s string) error {
			_, err := regexp.Compile(s)
			return err
		},
	}
}

// durationUpTo accepts Go durations greater than zero and at most limit,
// such as "30s". The bound is checked on the parsed value; ParseDuration
// itself refuses what would overflow.
func durationUpTo(limit time.Duration) validator.String {
	return stringCheck{
		description: fmt.Sprintf(`a positive duration up to %s, such as "30s", "90s" or "2m"`, formatDuration(limit)),
		summary:     "Invalid Duration",
		check: func(s string) error {
			_, err := parseTimeout(s, limit)
			return err
		},
	}
}

// parseTimeout reads a positive duration of at most limit.
func parseTimeout(s string, limit time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		return 0, fmt.Errorf("%q is not a duration", s)
	case d <= 0:
		return 0, fmt.Errorf("%q is not positive", s)
	case d > limit:
		return 0, fmt.Errorf("%q is longer than %s", s, formatDuration(limit))
	}
	return d, nil
}

// formatDuration writes whole hours and minutes as "1h" or "10m" rather
// than time.Duration's "1h0m0s".
func formatDuration(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}

// absoluteHTTPURL accepts absolute http and https URLs.
func absoluteHTTPURL() validator.String {
	return stringCheck{
		description: "an absolute http or https URL such as https://api.ucloud.cn",
		summary:     "Invalid URL",
		check:       checkAbsoluteHTTPURL,
	}
}

// checkAbsoluteHTTPURL is the rule behind absoluteHTTPURL, shared with the
// checks of values that come from the environment or a profile. User info
// is refused: the API authenticates by signature, and a password in the URL
// would be printed wherever the endpoint is. No message quotes the URL
// unredacted.
func checkAbsoluteHTTPURL(s string) error {
	shown := client.RedactedURL(s)
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("%q is not a URL", shown)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q does not start with http:// or https://", shown)
	}
	if u.Host == "" {
		return errors.New("the URL has no host")
	}
	if u.User != nil {
		return fmt.Errorf("%q carries user info (a name or password before the host); "+
			"the UCloud API authenticates with public_key and private_key, so remove it", shown)
	}
	return nil
}

// oneOf accepts one of values, or "" (unset), as an enum argument's only
// validator.
func oneOf(values []string) []validator.String {
	return []validator.String{ignoreEmpty(stringvalidator.OneOf(values...))}
}

// ignoreEmpty runs v on every value but "", which means unset, so library
// validators such as OneOf and AlsoRequires follow the same rule as the
// provider's own.
func ignoreEmpty(v validator.String) validator.String {
	return emptyIgnoring{v}
}

// emptyIgnoring is the validator ignoreEmpty returns.
type emptyIgnoring struct {
	validator.String
}

// ValidateString skips "" and delegates everything else.
func (v emptyIgnoring) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !req.ConfigValue.IsNull() && !req.ConfigValue.IsUnknown() && req.ConfigValue.ValueString() == "" {
		return
	}
	v.String.ValidateString(ctx, req, resp)
}

// listArgumentValidators refuse, at plan time and naming the argument, an
// empty list and a null element (which mean nothing as a filter), and an
// empty string element.
func listArgumentValidators() []validator.List {
	return []validator.List{
		listvalidator.SizeAtLeast(1),
		listvalidator.NoNullValues(),
		listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
	}
}
