package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// validatorCase is one value and whether the validator accepts it.
type validatorCase struct {
	value types.String
	ok    bool
}

// runStringValidator checks every case against v and, for refused values,
// that the one error is attached to the attribute and says what it wants.
func runStringValidator(t *testing.T, v validator.String, summary string, cases []validatorCase) {
	t.Helper()
	for _, tc := range cases {
		name := tc.value.String()
		t.Run(name, func(t *testing.T) {
			req := validator.StringRequest{
				Path:           path.Root("attr_under_test"),
				PathExpression: path.MatchRoot("attr_under_test"),
				ConfigValue:    tc.value,
			}
			var resp validator.StringResponse
			v.ValidateString(t.Context(), req, &resp)

			if tc.ok {
				if resp.Diagnostics.HasError() {
					t.Fatalf("%s refused: %v", name, resp.Diagnostics)
				}
				return
			}
			if resp.Diagnostics.ErrorsCount() != 1 {
				t.Fatalf("%s: want exactly one error, got %v", name, resp.Diagnostics)
			}
			d := resp.Diagnostics.Errors()[0]
			if d.Summary() != summary {
				t.Errorf("summary = %q, want %q", d.Summary(), summary)
			}
			if !strings.Contains(d.Detail(), v.Description(t.Context())) || !strings.Contains(d.Detail(), "attr_under_test") {
				t.Errorf("detail %q does not name the attribute and what it expects", d.Detail())
			}
		})
	}
}

// TestSchemaValidators_validRegex checks the RE2 regex validator.
func TestSchemaValidators_validRegex(t *testing.T) {
	runStringValidator(t, validRegex(), "Invalid Regular Expression", []validatorCase{
		{types.StringValue("^Ubuntu"), true},
		{types.StringValue("(?i)centos\\s+7\\.\\d+$"), true},
		{types.StringValue(""), true},
		{types.StringValue("("), false},
		{types.StringValue("[a-"), false},
		{types.StringValue("(?<=a)b"), false}, // lookbehind is not RE2
		{types.StringValue("a{1001}"), false}, // RE2 repetition limit
		{types.StringNull(), true},
		{types.StringUnknown(), true},
	})
}

// TestSchemaValidators_durationUpTo checks the request_timeout validator.
func TestSchemaValidators_durationUpTo(t *testing.T) {
	runStringValidator(t, durationUpTo(time.Hour), "Invalid Duration", []validatorCase{
		{types.StringValue("30s"), true},
		{types.StringValue("1h"), true},
		{types.StringValue("1h0m1s"), false},
		{types.StringValue("2562047h"), false},
		{types.StringValue("99999999999h"), false}, // overflows a Duration
		{types.StringValue("18446744074s"), false},
		{types.StringValue("1m30s"), true},
		{types.StringValue("500ms"), true},
		{types.StringValue("soon"), false},
		{types.StringValue("30"), false},
		{types.StringValue(""), true}, // "" means unset
		{types.StringValue("0s"), false},
		{types.StringValue("-5s"), false},
		{types.StringNull(), true},
		{types.StringUnknown(), true},
	})
}

// TestSchemaValidators_absoluteHTTPURL checks the base_url validator.
func TestSchemaValidators_absoluteHTTPURL(t *testing.T) {
	runStringValidator(t, absoluteHTTPURL(), "Invalid URL", []validatorCase{
		{types.StringValue("https://api.ucloud.cn"), true},
		{types.StringValue("http://api.service.ucloud.cn"), true},
		{types.StringValue("http://127.0.0.1:8080/"), true},
		{types.StringValue("ftp://x"), false},
		{types.StringValue("not a url"), false},
		{types.StringValue("api.ucloud.cn"), false},
		{types.StringValue("https://"), false},
		{types.StringValue("://missing-scheme"), false},
		{types.StringValue("http://user:hunter2@127.0.0.1:8080/"), false},
		{types.StringValue("https://token@api.ucloud.cn"), false},
		{types.StringValue(""), true}, // "" means unset
		{types.StringNull(), true},
		{types.StringUnknown(), true},
	})
}

// TestSchemaValidators_ignoreEmpty runs a library validator on everything
// but "".
func TestSchemaValidators_ignoreEmpty(t *testing.T) {
	runStringValidator(t, ignoreEmpty(stringvalidator.OneOf("Base", "Custom")), "Invalid Attribute Value Match", []validatorCase{
		{types.StringValue("Base"), true},
		{types.StringValue(""), true},
		{types.StringValue("base"), false},
		{types.StringValue("Private"), false},
		{types.StringNull(), true},
		{types.StringUnknown(), true},
	})
}
