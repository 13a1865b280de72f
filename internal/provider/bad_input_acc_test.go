package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// This file is the bad-input matrix: each case is a configuration the real
// Terraform CLI must refuse before the provider calls the API, with exactly
// one error diagnostic that names what to fix. Most cases are caught by the
// schema's validators or ValidateConfig (their phrases are the validators'
// own words, so a case that only Read caught would fail), configure-time
// cases by the provider's Configure, and a bare-metal block with no zone
// anywhere by Read, before any request.

// badInputCase is one refused configuration.
type badInputCase struct {
	name string
	// config is the Terraform configuration. In config, env and phrases,
	// {{dir}} stands for a directory that holds config.json and
	// credential.json (profile "default", the fake's account), broken.json
	// (not JSON), overflow.json (a timeout_sec too large), huge.json (past
	// 1 MiB) and adir (a directory); {{dir}}/missing.json does not exist.
	config string
	// env is set after newEnvTestAPI's environment; "" unsets a variable.
	// Cases without env configure the provider in HCL (testAccRun).
	env map[string]string
	// summary is the only error diagnostic's summary.
	summary string
	// phrases must follow the summary, in order.
	phrases []string
}

// Data sources with a value the schema refuses, or (no zone for bare metal)
// that Read refuses before any request.
func TestAccBadInput_dataSourceArguments(t *testing.T) {
	testAccBadInputCases(t, []badInputCase{
		{
			name:    "phost name_regex",
			config:  `data "ucloud_phost_images" "test" { name_regex = "(" }`,
			summary: "Invalid Regular Expression",
			phrases: []string{`name_regex = "("`, "name_regex: error parsing regexp: missing closing )", "Expected a valid RE2 regular expression"},
		},
		{
			name:    "uk8s name_regex",
			config:  `data "ucloud_uk8s_images" "test" { name_regex = "[a-" }`,
			summary: "Invalid Regular Expression",
			phrases: []string{`name_regex = "[a-"`, "name_regex: error parsing regexp: missing closing ]"},
		},
		{
			name:    "image_type outside Base and Custom",
			config:  `data "ucloud_phost_images" "test" { image_type = "Private" }`,
			summary: "Invalid Attribute Value Match",
			phrases: []string{`Attribute image_type value must be one of: ["Base" "Custom"], got: "Private"`},
		},
		{
			name:    "image_type in the wrong case",
			config:  `data "ucloud_phost_images" "test" { image_type = "base" }`,
			summary: "Invalid Attribute Value Match",
			phrases: []string{`Attribute image_type value must be one of:`, `got: "base"`},
		},
		{
			name:    "cluster without machine_type",
			config:  `data "ucloud_phost_images" "test" { cluster = "25G" }`,
			summary: "Invalid Attribute Combination",
			phrases: []string{`Attribute "machine_type" must be specified when "cluster" is specified`},
		},
		{
			name:    "product_type outside uhost and uphost",
			config:  `data "ucloud_uk8s_images" "test" { product_type = "vm" }`,
			summary: "Invalid Attribute Value Match",
			phrases: []string{`Attribute product_type value must be one of: ["uhost" "uphost"], got: "vm"`},
		},
		{
			name:    "machine_type G without gpu_type",
			config:  `data "ucloud_uk8s_images" "test" { machine_type = "G" }`,
			summary: "Missing GPU Type",
			phrases: []string{`machine_type = "G" selects GPU machines, and the API then needs gpu_type`},
		},
		{
			name:    "machine_type g, in lower case, without gpu_type",
			config:  `data "ucloud_uk8s_images" "test" { machine_type = "g" }`,
			summary: "Missing GPU Type",
			phrases: []string{`machine_type = "g" selects GPU machines, and the API then needs gpu_type`},
		},
		{
			name:    "image_ids empty",
			config:  `data "ucloud_phost_images" "test" { image_ids = [] }`,
			summary: "Invalid Attribute Value",
			phrases: []string{"Attribute image_ids list must contain at least 1 elements, got: 0"},
		},
		{
			name:    "image_ids with a null element",
			config:  `data "ucloud_phost_images" "test" { image_ids = ["pimg-1", null] }`,
			summary: "Null List Value",
			phrases: []string{"This attribute contains a null value."},
		},
		{
			name:    "states empty",
			config:  `data "ucloud_phost_images" "test" { states = [] }`,
			summary: "Invalid Attribute Value",
			phrases: []string{"Attribute states list must contain at least 1 elements, got: 0"},
		},
		{
			name:    "states with a null element",
			config:  `data "ucloud_phost_images" "test" { states = [null] }`,
			summary: "Null List Value",
			phrases: []string{"This attribute contains a null value."},
		},
		{
			name:    "states with an empty element",
			config:  `data "ucloud_phost_images" "test" { states = ["Available", ""] }`,
			summary: "Invalid Attribute Value Length",
			phrases: []string{"Attribute states[1] string length must be at least 1, got: 0"},
		},
		{
			name:    "phost zone empty",
			config:  `data "ucloud_phost_images" "test" { zone = "" }`,
			summary: "Invalid Attribute Value Length",
			phrases: []string{"Attribute zone string length must be at least 1, got: 0"},
		},
		{
			name:    "sort_by outside the keys",
			config:  `data "ucloud_uk8s_images" "test" { sort_by = "version" }`,
			summary: "Invalid Attribute Value Match",
			phrases: []string{`Attribute sort_by value must be one of: ["name"], got: "version"`},
		},
		{
			name: "most_recent with another sort_by",
			config: `data "ucloud_phost_images" "test" {
  most_recent = true
  sort_by     = "name"
}`,
			summary: "Conflicting Image Order",
			phrases: []string{`most_recent picks the newest image by create_time, but sort_by is "name"`},
		},
		{
			name: "most_recent with sort_ascending",
			config: `data "ucloud_phost_images" "test" {
  most_recent    = true
  sort_ascending = true
}`,
			summary: "Conflicting Image Order",
			phrases: []string{"most_recent picks the newest image, but sort_ascending = true puts the oldest first"},
		},
		{
			name: "machine_type G with an empty gpu_type",
			config: `data "ucloud_uk8s_images" "test" {
  machine_type = "G"
  gpu_type     = ""
}`,
			summary: "Missing GPU Type",
			phrases: []string{`gpu_type = ""`, "the API then needs gpu_type"},
		},
		{
			name:    "phost with no zone anywhere",
			config:  providerBlock(`zone = ""`) + `data "ucloud_phost_images" "test" {}`,
			summary: "Missing Zone",
			phrases: []string{"DescribePHostImage needs an availability zone. Set zone in this data source, or zone in the provider block,",
				envZone, "UCloud CLI profile"},
		},
	})
}

// The provider block with a value the schema refuses.
func TestAccBadInput_providerArguments(t *testing.T) {
	withProvider := func(settings ...string) string {
		return providerBlock(settings...) + `data "ucloud_phost_images" "test" {}`
	}
	testAccBadInputCases(t, []badInputCase{
		{
			name:    "max_retries above 10",
			config:  withProvider(`max_retries = 11`),
			summary: "Invalid Attribute Value",
			phrases: []string{"Attribute max_retries value must be between 0 and 10, got: 11"},
		},
		{
			name:    "max_retries below 0",
			config:  withProvider(`max_retries = -1`),
			summary: "Invalid Attribute Value",
			phrases: []string{"Attribute max_retries value must be between 0 and 10, got: -1"},
		},
		{
			name:    "request_timeout not a duration",
			config:  withProvider(`request_timeout = "soon"`),
			summary: "Invalid Duration",
			phrases: []string{`request_timeout: "soon" is not a duration`, `Expected a positive duration up to 1h, such as "30s"`},
		},
		{
			name:    "request_timeout without a unit",
			config:  withProvider(`request_timeout = "30"`),
			summary: "Invalid Duration",
			phrases: []string{`request_timeout: "30" is not a duration`},
		},
		{
			name:    "request_timeout zero",
			config:  withProvider(`request_timeout = "0s"`),
			summary: "Invalid Duration",
			phrases: []string{`request_timeout: "0s" is not positive`},
		},
		{
			name:    "request_timeout longer than an hour",
			config:  withProvider(`request_timeout = "1000000h"`),
			summary: "Invalid Duration",
			phrases: []string{`request_timeout: "1000000h" is longer than 1h`, "Expected a positive duration up to 1h"},
		},
		{
			name:    "request_timeout that overflows a duration",
			config:  withProvider(`request_timeout = "18446744074s"`),
			summary: "Invalid Duration",
			phrases: []string{`request_timeout: "18446744074s" is not a duration`},
		},
		{
			name:    "retry_timeout not a duration",
			config:  withProvider(`retry_timeout = "forever"`),
			summary: "Invalid Duration",
			phrases: []string{`retry_timeout: "forever" is not a duration`},
		},
		{
			name:    "retry_timeout negative",
			config:  withProvider(`retry_timeout = "-1m"`),
			summary: "Invalid Duration",
			phrases: []string{`retry_timeout: "-1m" is not positive`},
		},
		{
			name:    "profile with public_key",
			config:  withProvider(`profile = "ci"`, `public_key = "k"`),
			summary: "Invalid Attribute Combination",
			phrases: []string{`Attribute "public_key" cannot be specified when "profile" is specified`},
		},
		{
			name:    "profile with private_key",
			config:  withProvider(`profile = "ci"`, `private_key = "k"`),
			summary: "Invalid Attribute Combination",
			phrases: []string{`Attribute "private_key" cannot be specified when "profile" is specified`},
		},
		{
			name:    "base_url without a scheme",
			config:  withProvider(`base_url = "api.ucloud.cn"`),
			summary: "Invalid URL",
			phrases: []string{`base_url: "api.ucloud.cn" does not start with http:// or https://`},
		},
		{
			name:    "base_url with another scheme",
			config:  withProvider(`base_url = "ftp://api.ucloud.cn"`),
			summary: "Invalid URL",
			phrases: []string{`base_url: "ftp://api.ucloud.cn" does not start with http:// or https://`},
		},
		{
			name:    "base_url without a host",
			config:  withProvider(`base_url = "https:///v1"`),
			summary: "Invalid URL",
			phrases: []string{"base_url: the URL has no host"},
		},
		{
			name:    "base_url that does not parse",
			config:  withProvider(`base_url = "https://api.ucloud.cn:port"`),
			summary: "Invalid URL",
			phrases: []string{`base_url: "https://api.ucloud.cn:port" is not a URL`},
		},
	})
}

// Settings that only Configure can judge: missing values, profile files and
// the environment.
func TestAccBadInput_configure(t *testing.T) {
	// NOTE: every case has a provider block, even an empty one: without it
	// Terraform adds its own "Invalid provider configuration" error to the
	// provider's, and each case must show the provider's diagnostic alone.
	const dataSource = `data "ucloud_phost_images" "test" {}`
	emptyProvider := providerBlock()
	testAccBadInputCases(t, []badInputCase{
		{
			name:    "no credentials and no region",
			config:  providerBlock(`public_key = ""`, `private_key = ""`, `region = ""`) + dataSource,
			summary: "Missing UCloud Provider Configuration",
			phrases: []string{
				`- public_key: set public_key in the provider block, the UCLOUD_PUBLIC_KEY environment variable, or "public_key" in profile "default"`,
				`- private_key: set private_key in the provider block, the UCLOUD_PRIVATE_KEY environment variable, or "private_key" in profile "default"`,
				`- region: set region in the provider block, the UCLOUD_REGION environment variable, or "region" in profile "default"`,
				"The profile is chosen with profile or UCLOUD_PROFILE",
			},
		},
		{
			name:    "no region",
			config:  providerBlock(`region = ""`) + dataSource,
			summary: "Missing UCloud Provider Configuration",
			phrases: []string{`- region: set region in the provider block, the UCLOUD_REGION environment variable, or "region" in profile "default"`},
		},
		{
			name:    "no private key",
			config:  providerBlock(`private_key = ""`) + dataSource,
			summary: "Missing UCloud Provider Configuration",
			phrases: []string{`- private_key: set private_key in the provider block, the UCLOUD_PRIVATE_KEY environment variable`},
		},
		{
			name:    "named credential file is a directory",
			config:  providerBlock(`shared_credentials_file = "{{dir}}/adir"`) + dataSource,
			summary: "Unable to Read UCloud CLI Profile File",
			phrases: []string{`shared_credentials_file = "{{dir}}/adir"`, "reading {{dir}}/adir:", "is a directory",
				"The file was chosen by the provider block. Point shared_credentials_file at a readable UCloud CLI file"},
		},
		{
			name:    "named credential file is a device",
			config:  providerBlock(`shared_credentials_file = "/dev/zero"`) + dataSource,
			summary: "Unable to Read UCloud CLI Profile File",
			phrases: []string{`shared_credentials_file = "/dev/zero"`, "reading /dev/zero: it is not a regular file",
				"Point shared_credentials_file at a readable UCloud CLI file"},
		},
		{
			name:    "named config file larger than 1 MiB",
			config:  providerBlock(`shared_config_file = "{{dir}}/huge.json"`) + dataSource,
			summary: "Unable to Read UCloud CLI Profile File",
			phrases: []string{"reading {{dir}}/huge.json: it is 1048577 bytes, more than the 1 MiB a profile file may hold"},
		},
		{
			name: "timeout_sec that would overflow",
			config: providerBlock(`shared_config_file = "{{dir}}/overflow.json"`,
				`shared_credentials_file = "{{dir}}/credential.json"`) + dataSource,
			env:     map[string]string{envRegion: ""},
			summary: "Invalid UCloud CLI Profile Setting",
			phrases: []string{`timeout_sec in profile "default" of {{dir}}/overflow.json: 18446744074 is outside 1 to 3600`,
				"or set request_timeout in the provider block"},
		},
		{
			name:    "named config file does not exist",
			config:  emptyProvider + dataSource,
			env:     map[string]string{envSharedConfigFile: "{{dir}}/missing.json"},
			summary: "Unable to Read UCloud CLI Profile File",
			phrases: []string{"reading {{dir}}/missing.json:", "no such file or directory",
				"The file was chosen by the UCLOUD_SHARED_CONFIG_FILE environment variable"},
		},
		{
			name:    "named config file is not JSON",
			config:  providerBlock(`shared_config_file = "{{dir}}/broken.json"`) + dataSource,
			summary: "Unable to Read UCloud CLI Profile File",
			phrases: []string{"parsing {{dir}}/broken.json (expected a JSON array of profiles)", "Point shared_config_file at"},
		},
		{
			name: "profile not in the files",
			config: providerBlock(`profile = "staging"`, `shared_config_file = "{{dir}}/config.json"`,
				`shared_credentials_file = "{{dir}}/credential.json"`) + dataSource,
			summary: "Unknown UCloud CLI Profile",
			phrases: []string{`Profile "staging" (from the provider block) is in neither {{dir}}/config.json nor {{dir}}/credential.json`},
		},
		{
			name:   "profile from the environment not in the files",
			config: emptyProvider + dataSource,
			env: map[string]string{ //nolint:gosec // Variable names and file paths, not credentials.
				envProfile: "staging", envSharedConfigFile: "{{dir}}/config.json", envSharedCredentialsFile: "{{dir}}/credential.json",
			},
			summary: "Unknown UCloud CLI Profile",
			phrases: []string{`Profile "staging" (from the UCLOUD_PROFILE environment variable) is in neither`},
		},
		{
			name:    "base_url from the environment",
			config:  emptyProvider + dataSource,
			env:     map[string]string{envBaseURL: "api.ucloud.cn"},
			summary: "Invalid UCloud API Base URL",
			phrases: []string{`base_url "api.ucloud.cn" (from the provider block, UCLOUD_BASE_URL, UCLOUD_API_BASE_URL or profile "default"): "api.ucloud.cn" does not start with http:// or https://`},
		},
		{
			name:    "base_url from the SDK's variable",
			config:  emptyProvider + dataSource,
			env:     map[string]string{envBaseURL: "", envAPIBaseURL: "api.ucloud.cn"},
			summary: "Invalid UCloud API Base URL",
			phrases: []string{`base_url "api.ucloud.cn"`, `"api.ucloud.cn" does not start with http:// or https://`},
		},
		{
			name:    "UCLOUD_TIMEOUT_SECOND not a number of seconds",
			config:  emptyProvider + dataSource,
			env:     map[string]string{envTimeoutSecond: "30s"},
			summary: "Invalid UCloud Request Timeout",
			phrases: []string{`UCLOUD_TIMEOUT_SECOND is "30s"; it must be a whole number of seconds from 1 to 3600`},
		},
	})
}

// testAccBadInputCases requires Terraform to refuse every case, and the
// fake API to receive no request at all. The cases configured in HCL are
// the steps of one test, a plan each, which saves each its own Terraform
// working directory; a case about the environment configures the provider
// through it and runs alone.
func testAccBadInputCases(t *testing.T, cases []badInputCase) {
	t.Helper()
	// step is tc's step, with {{dir}} expanded as expand does.
	step := func(tc badInputCase, expand func(string) string) resource.TestStep {
		phrases := make([]string, len(tc.phrases))
		for i, p := range tc.phrases {
			phrases[i] = expand(p)
		}
		return resource.TestStep{Config: expand(tc.config), ExpectError: onlyErrorRegexp(tc.summary, phrases...)}
	}
	expander := func(t *testing.T) func(string) string {
		dir := writeBadInputFiles(t)
		return func(s string) string { return strings.ReplaceAll(s, "{{dir}}", dir) }
	}

	var inHCL []badInputCase
	for _, tc := range cases {
		if len(tc.env) == 0 {
			inHCL = append(inHCL, tc)
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			fake := newEnvTestAPI(t)
			expand := expander(t)
			for name, value := range tc.env {
				setProviderEnv(t, name, expand(value))
			}
			testAccRunWithEnv(t, resource.TestCase{Steps: []resource.TestStep{step(tc, expand)}})
			expectNoRequests(t, fake)
		})
	}
	if len(inHCL) == 0 {
		return
	}
	t.Run("in HCL", func(t *testing.T) {
		fake := newTestAPI(t)
		expand := expander(t)
		steps := make([]resource.TestStep, len(inHCL))
		for i, tc := range inHCL {
			steps[i] = step(tc, expand)
		}
		t.Cleanup(func() {
			if t.Failed() {
				for i, tc := range inHCL {
					t.Logf("step %d is the case %q", i+1, tc.name)
				}
			}
		})
		testAccRun(t, fake, resource.TestCase{Steps: steps})
		expectNoRequests(t, fake)
	})
}

// writeBadInputFiles creates the directory that {{dir}} stands for.
func writeBadInputFiles(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"config.json": fmt.Sprintf(`[{"profile": "default", "region": %q, "zone": %q, "active": true}]`,
			fakeapi.Region, fakeapi.Zone),
		"credential.json": fmt.Sprintf(`[{"profile": "default", "public_key": %q, "private_key": %q}]`,
			fakeapi.PublicKey, fakeapi.PrivateKey),
		"broken.json": `[{"profile": "default", "region": `,
		// 18446744074 s wrapped to 290 ms before timeout_sec was range-checked.
		"overflow.json": fmt.Sprintf(`[{"profile": "default", "region": %q, "timeout_sec": 18446744074, "active": true}]`, fakeapi.Region),
		"huge.json":     "[]" + strings.Repeat(" ", maxProfileFileBytes-1),
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "adir"), 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}

// onlyErrorRegexp matches Terraform output holding exactly one error
// diagnostic, summary, followed by the phrases in order. Terraform starts
// each error diagnostic with "Error: " at the start of a line, so no other
// line may start that way (the CLI's own first line, "Error running …",
// does not). As in errorRegexp, words may be separated by any white space,
// because Terraform wraps long lines.
func onlyErrorRegexp(summary string, phrases ...string) *regexp.Regexp {
	// Text in which no line starts with "Error:".
	const noOtherError = `(?:[^\n]|\n+(?:[^E\n]|E[^r\n]|Er[^r\n]|Err[^o\n]|Erro[^r\n]|Error[^:\n]))*?`
	parts := make([]string, 0, len(phrases)+1)
	for _, phrase := range append([]string{"Error: " + summary}, phrases...) {
		words := strings.Fields(phrase)
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		parts = append(parts, strings.Join(words, `\s+`))
	}
	sep := noOtherError + `\s*`
	return regexp.MustCompile(`\A` + noOtherError + `\n\s*` + strings.Join(parts, sep) + sep + `\z`)
}
