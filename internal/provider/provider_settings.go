package provider

import (
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// Provider attribute names.
//
//nolint:gosec // These are attribute names, not credentials.
const (
	attrPublicKey             = "public_key"
	attrPrivateKey            = "private_key"
	attrRegion                = "region"
	attrZone                  = "zone"
	attrProjectID             = "project_id"
	attrBaseURL               = "base_url"
	attrProfile               = "profile"
	attrSharedConfigFile      = "shared_config_file"
	attrSharedCredentialsFile = "shared_credentials_file"
	attrMaxRetries            = "max_retries"
	attrRetryTimeout          = "retry_timeout"
	attrRequestTimeout        = "request_timeout"
)

// Environment variables, named as the UCloud CLI and SDK name them.
//
//nolint:gosec // These are variable names, not credentials.
const (
	envPublicKey             = "UCLOUD_PUBLIC_KEY"
	envPrivateKey            = "UCLOUD_PRIVATE_KEY"
	envRegion                = "UCLOUD_REGION"
	envZone                  = "UCLOUD_ZONE"
	envProjectID             = "UCLOUD_PROJECT_ID"
	envBaseURL               = "UCLOUD_BASE_URL"
	envAPIBaseURL            = "UCLOUD_API_BASE_URL"
	envTimeoutSecond         = "UCLOUD_TIMEOUT_SECOND"
	envProfile               = "UCLOUD_PROFILE"
	envSharedConfigFile      = "UCLOUD_SHARED_CONFIG_FILE"
	envSharedCredentialsFile = "UCLOUD_SHARED_CREDENTIAL_FILE"
)

// Defaults.
const (
	defaultProfileName    = "default"
	defaultMaxRetries     = 3
	maxMaxRetries         = 10
	defaultRequestTimeout = client.DefaultRequestTimeout
	defaultRetryTimeout   = client.DefaultRetryTimeout
	// maxRetryTimeout bounds retry_timeout, as client.MaxRequestTimeout bounds request_timeout.
	maxRetryTimeout = time.Hour
)

// providerSettings is the provider configuration after every source was
// consulted.
type providerSettings struct {
	publicKey, privateKey   string
	region, zone, projectID string
	baseURL                 string
	profile                 string
	maxRetries              int
	retryTimeout            time.Duration
	requestTimeout          time.Duration
}

// lookupEnvFunc reads an environment variable (os.LookupEnv in production).
type lookupEnvFunc func(string) (string, bool)

// rejectUnknownSettings refuses values not known until apply: the provider
// must be configured before any data source can be read.
func rejectUnknownSettings(cfg ucloudProviderModel, diags *diag.Diagnostics) {
	unknown := func(name, env string, isUnknown bool) {
		if !isUnknown {
			return
		}
		detail := fmt.Sprintf("The provider cannot be configured while %s is unknown. Set it to a value known at plan time", name)
		if env != "" {
			detail += fmt.Sprintf(", or remove it and use the %s environment variable", env)
		}
		diags.AddAttributeError(path.Root(name), "Unknown UCloud Provider Setting", detail+".")
	}
	unknown(attrPublicKey, envPublicKey, cfg.PublicKey.IsUnknown())
	unknown(attrPrivateKey, envPrivateKey, cfg.PrivateKey.IsUnknown())
	unknown(attrRegion, envRegion, cfg.Region.IsUnknown())
	unknown(attrZone, envZone, cfg.Zone.IsUnknown())
	unknown(attrProjectID, envProjectID, cfg.ProjectID.IsUnknown())
	unknown(attrBaseURL, envBaseURL, cfg.BaseURL.IsUnknown())
	unknown(attrProfile, envProfile, cfg.Profile.IsUnknown())
	unknown(attrSharedConfigFile, envSharedConfigFile, cfg.SharedConfigFile.IsUnknown())
	unknown(attrSharedCredentialsFile, envSharedCredentialsFile, cfg.SharedCredentialsFile.IsUnknown())
	unknown(attrMaxRetries, "", cfg.MaxRetries.IsUnknown())
	unknown(attrRetryTimeout, "", cfg.RetryTimeout.IsUnknown())
	unknown(attrRequestTimeout, envTimeoutSecond, cfg.RequestTimeout.IsUnknown())
}

// resolveSettings takes each value from the attribute, else its
// environment variable, else the selected CLI profile, else its default,
// and reports every missing required value in one diagnostic.
func resolveSettings(cfg ucloudProviderModel, lookupEnv lookupEnvFunc, diags *diag.Diagnostics) providerSettings {
	fromAttrOrEnv := func(attr types.String, env string) (string, string) {
		if v := attr.ValueString(); v != "" {
			return v, "the provider block"
		}
		if v, ok := lookupEnv(env); ok && v != "" {
			return v, "the " + env + " environment variable"
		}
		return "", ""
	}

	cliFile := func(attr types.String, attrName, env, defaultName string) profileFile {
		path, source := fromAttrOrEnv(attr, env)
		if source == "" {
			return profileFile{path: defaultCLIFile(defaultName, lookupEnv), attr: attrName}
		}
		return profileFile{path: expandHome(path, lookupEnv), attr: attrName, source: source}
	}
	configFile := cliFile(cfg.SharedConfigFile, attrSharedConfigFile, envSharedConfigFile, "config.json")
	credentialFile := cliFile(cfg.SharedCredentialsFile, attrSharedCredentialsFile, envSharedCredentialsFile, "credential.json")

	profiles, fileErr := loadCLIProfiles(configFile, credentialFile)
	if fileErr != nil {
		addProfileFileError(fileErr, diags)
		return providerSettings{}
	}

	profileName, profileSource := fromAttrOrEnv(cfg.Profile, envProfile)
	if profileName == "" {
		profileName = activeProfile(profiles, configFile.path, diags)
	}
	profile, found := profiles.find(profileName)
	if !found && profileSource != "" {
		diags.AddAttributeError(path.Root(attrProfile), "Unknown UCloud CLI Profile",
			fmt.Sprintf("Profile %q (from %s) is in neither %s nor %s. Check the profile name, or point shared_config_file and shared_credentials_file at the files that hold it.",
				profileName, profileSource, configFile.path, credentialFile.path))
		return providerSettings{}
	}

	pick := func(attr types.String, env, fromProfile string) string {
		if v, _ := fromAttrOrEnv(attr, env); v != "" {
			return v
		}
		return fromProfile
	}
	s := providerSettings{
		region:         pick(cfg.Region, envRegion, profile.Region),
		zone:           pick(cfg.Zone, envZone, profile.Zone),
		projectID:      pick(cfg.ProjectID, envProjectID, profile.ProjectID),
		baseURL:        pick(cfg.BaseURL, baseURLEnv(cfg.BaseURL, lookupEnv, diags), profile.BaseURL),
		profile:        profileName,
		maxRetries:     defaultMaxRetries,
		retryTimeout:   defaultRetryTimeout,
		requestTimeout: requestTimeout(cfg.RequestTimeout, lookupEnv, profile, fmt.Sprintf("profile %q of %s", profileName, configFile.path), diags),
	}
	s.publicKey, s.privateKey = resolveKeys(cfg, lookupEnv, profile, profileSource, diags)
	if s.baseURL == "" {
		s.baseURL = client.DefaultBaseURL
	}
	if !cfg.MaxRetries.IsNull() {
		s.maxRetries = int(cfg.MaxRetries.ValueInt64())
	}
	if d, err := parseTimeout(cfg.RetryTimeout.ValueString(), maxRetryTimeout); err == nil {
		s.retryTimeout = d
	}

	// The attribute is validated at plan time; the environment and the
	// profile are checked here.
	if err := checkAbsoluteHTTPURL(s.baseURL); err != nil {
		diags.AddAttributeError(path.Root(attrBaseURL), "Invalid UCloud API Base URL",
			fmt.Sprintf("base_url %q (from the provider block, %s, %s or profile %q): %v.", client.RedactedURL(s.baseURL), envBaseURL, envAPIBaseURL, profileName, err))
	}
	reportMissingSettings(s, profileName, credentialFile.path, configFile.path, diags)
	return s
}

// maxProfileTimeoutSec is client.MaxRequestTimeout in the profile's unit.
const maxProfileTimeoutSec = int64(client.MaxRequestTimeout / time.Second)

// profileTimeout converts a profile's timeout_sec, refusing values outside
// 1..maxProfileTimeoutSec before they are multiplied into a Duration, where
// a large one would overflow (18446744074 s wraps to 290 ms).
func profileTimeout(sec int64) (time.Duration, error) {
	if sec < 1 || sec > maxProfileTimeoutSec {
		return 0, fmt.Errorf("%d is outside 1 to %d", sec, maxProfileTimeoutSec)
	}
	return time.Duration(sec) * time.Second, nil
}

// addProfileFileError reports an unreadable profile file against the
// setting that named it.
func addProfileFileError(e *profileFileError, diags *diag.Diagnostics) {
	f := e.file
	source := "the default location"
	if f.named() {
		source = f.source
	}
	detail := fmt.Sprintf("%v.\n\nThe file was chosen by %s. Point %s at a readable UCloud CLI file (a JSON array of profiles), or remove the setting to use the default in ~/.ucloud/.",
		e.err, source, f.attr)
	if f.source == "the provider block" {
		diags.AddAttributeError(path.Root(f.attr), "Unable to Read UCloud CLI Profile File", detail)
		return
	}
	diags.AddError("Unable to Read UCloud CLI Profile File", detail)
}

// reportMissingSettings adds one diagnostic listing every required value
// that no source provided, each with all the places it can come from.
func reportMissingSettings(s providerSettings, profileName, credentialPath, configPath string, diags *diag.Diagnostics) {
	type required struct {
		attr, env, value, file, key string
	}
	var missing []string
	for _, r := range []required{
		{attrPublicKey, envPublicKey, s.publicKey, credentialPath, "public_key"},
		{attrPrivateKey, envPrivateKey, s.privateKey, credentialPath, "private_key"},
		{attrRegion, envRegion, s.region, configPath, "region"},
	} {
		if r.value == "" {
			missing = append(missing, fmt.Sprintf("- %s: set %s in the provider block, the %s environment variable, or %q in profile %q of %s.",
				r.attr, r.attr, r.env, r.key, profileName, r.file))
		}
	}
	if len(missing) == 0 {
		return
	}
	diags.AddError("Missing UCloud Provider Configuration",
		"The provider needs these settings to call the UCloud API, and none of their sources set them:\n\n"+
			strings.Join(missing, "\n")+
			"\n\nThe profile is chosen with profile or "+envProfile+"; by default it is the one marked \"active\" in the config file, else \"default\".")
}
