package main

import "strings"

// quietLoggers are the level variables of the loggers terraform-plugin-go,
// the framework and this provider create. Unset, each falls back to the
// sink's level, which in a served provider is TRACE.
var quietLoggers = []string{
	"TF_LOG_SDK",
	"TF_LOG_SDK_PROTO",
	"TF_LOG_SDK_FRAMEWORK",
	"TF_LOG_PROVIDER_UCLOUD",
}

// quietUnlessAsked turns the SDK, framework and provider loggers off when no
// TF_LOG* variable is set, so the provider writes next to nothing to stderr.
//
// NOTE: terraform-plugin-log defaults unset levels to TRACE and Terraform
// parses every line the plugin writes, only to drop them when TF_LOG is unset:
// a 20-block plan wrote 2,033 JSON lines. Any TF_LOG* variable (TF_LOG,
// TF_LOG_PROVIDER, TF_LOG_SDK…, even TF_LOG_PATH) means someone may read the
// logs, and then nothing is changed. It must run before providerserver.Serve,
// which reads the levels once at start.
func quietUnlessAsked(environ []string, setenv func(key, value string) error) error {
	for _, kv := range environ {
		if strings.HasPrefix(kv, "TF_LOG") {
			return nil
		}
	}
	for _, name := range quietLoggers {
		if err := setenv(name, "OFF"); err != nil {
			return err
		}
	}
	return nil
}
