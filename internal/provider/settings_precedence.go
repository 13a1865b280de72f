package provider

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// The rules in this file follow UCloud's official provider and SDK, so that
// files and variables users already have mean the same here. README.md and
// templates/index.md.tmpl show them as one table.

// resolveKeys picks the key pair. A key in the provider block wins. A
// profile named by the profile attribute or UCLOUD_PROFILE (profileSource
// is not empty) supplies its keys even when UCLOUD_PUBLIC_KEY and
// UCLOUD_PRIVATE_KEY are set, with a warning naming what it overrode;
// otherwise the environment comes before the active profile.
func resolveKeys(cfg ucloudProviderModel, lookupEnv lookupEnvFunc, profile cliProfile, profileSource string, diags *diag.Diagnostics) (string, string) {
	var ignored []string
	pick := func(attr types.String, env, fromProfile string) string {
		if v := attr.ValueString(); v != "" {
			return v
		}
		fromEnv, _ := lookupEnv(env)
		if profileSource != "" && fromProfile != "" {
			if fromEnv != "" && fromEnv != fromProfile {
				ignored = append(ignored, env)
			}
			return fromProfile
		}
		if fromEnv != "" {
			return fromEnv
		}
		return fromProfile
	}
	publicKey := pick(cfg.PublicKey, envPublicKey, profile.PublicKey)
	privateKey := pick(cfg.PrivateKey, envPrivateKey, profile.PrivateKey)
	if len(ignored) > 0 {
		diags.AddWarning("UCloud Keys Taken From the Named Profile",
			fmt.Sprintf("Profile %q was named by %s, so its keys are used and %s ignored, as UCloud's official provider does. "+
				"Unset %s, or stop naming the profile, to silence this warning.",
				profile.Name, profileSource, strings.Join(ignored, " and "), strings.Join(ignored, " and ")))
	}
	return publicKey, privateKey
}

// activeProfile is the profile marked active in the config file; of
// several, the last one, with a warning naming them all.
func activeProfile(profiles cliProfiles, configPath string, diags *diag.Diagnostics) string {
	name, active := profiles.activeName()
	if len(active) > 1 {
		diags.AddWarning("Several Active UCloud CLI Profiles",
			fmt.Sprintf("Profiles %s are all marked \"active\" in %s; the last one, %q, is used, as UCloud's SDK does. "+
				"Mark only one active, or choose one with profile or %s.", quoteAll(active), configPath, name, envProfile))
	}
	return name
}

// baseURLEnv names the environment variable that supplies the endpoint
// when the attribute does not: UCLOUD_BASE_URL, else the SDK's
// UCLOUD_API_BASE_URL. Both set to different values draws a warning.
func baseURLEnv(attr types.String, lookupEnv lookupEnvFunc, diags *diag.Diagnostics) string {
	if attr.ValueString() != "" {
		return envBaseURL
	}
	ours, _ := lookupEnv(envBaseURL)
	sdk, _ := lookupEnv(envAPIBaseURL)
	switch {
	case ours == "" && sdk != "":
		return envAPIBaseURL
	case ours != "" && sdk != "" && ours != sdk:
		diags.AddAttributeWarning(path.Root(attrBaseURL), "Two UCloud Endpoint Variables Disagree",
			fmt.Sprintf("%s is %q and %s is %q; %s is used. Unset one of them to silence this warning.",
				envBaseURL, ours, envAPIBaseURL, sdk, envBaseURL))
	}
	return envBaseURL
}

// requestTimeout is request_timeout, else UCLOUD_TIMEOUT_SECOND (the SDK's
// variable, in seconds), else the profile's timeout_sec, else the default.
// The attribute is validated at plan time; the variable and the profile
// (named by where) are range-checked here before any conversion.
func requestTimeout(attr types.String, lookupEnv lookupEnvFunc, profile cliProfile, where string, diags *diag.Diagnostics) time.Duration {
	if d, err := parseTimeout(attr.ValueString(), client.MaxRequestTimeout); err == nil {
		return d
	}
	if v, ok := lookupEnv(envTimeoutSecond); ok && v != "" {
		secs, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err == nil && secs > 0 && secs <= maxProfileTimeoutSec {
			return time.Duration(secs) * time.Second
		}
		diags.AddAttributeError(path.Root(attrRequestTimeout), "Invalid UCloud Request Timeout",
			fmt.Sprintf("%s is %q; it must be a whole number of seconds from 1 to %d, such as 60. "+
				"Fix or unset it, or set request_timeout in the provider block.", envTimeoutSecond, v, maxProfileTimeoutSec))
		return 0
	}
	if profile.TimeoutSec != 0 {
		d, err := profileTimeout(profile.TimeoutSec)
		if err != nil {
			diags.AddError("Invalid UCloud CLI Profile Setting",
				fmt.Sprintf("timeout_sec in %s: %v. Set it to whole seconds from 1 to %d, or set request_timeout in the provider block.",
					where, err, maxProfileTimeoutSec))
		}
		return d
	}
	return defaultRequestTimeout
}

// quoteAll renders names as a quoted, comma-separated list.
func quoteAll(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	return strings.Join(quoted, ", ")
}
