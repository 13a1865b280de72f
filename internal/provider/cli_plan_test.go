package provider

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// planWithCLI runs `terraform init` and `terraform plan` with the real CLI
// on config, with the provider configured for fake (testAccProviderConfig)
// and served in-process, in parallel with other tests, and returns what
// the plan printed. It exists for what terraform-plugin-testing cannot check:
// the warnings a plan prints.
//
// NOTE: the provider is attached the way terraform-plugin-testing attaches
// it (go-plugin's test mode and TF_REATTACH_PROVIDERS), so it reads this
// process's environment, as in every acceptance test here.
func planWithCLI(t *testing.T, fake *fakeapi.Server, config string) (string, error) {
	t.Helper()
	t.Parallel()
	testAccPreCheck(t)
	config = testAccProviderConfig(t, fake, config)
	terraform := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if terraform == "" {
		var err error
		if terraform, err = exec.LookPath("terraform"); err != nil {
			t.Fatal(err)
		}
	}
	host := os.Getenv("TF_ACC_PROVIDER_HOST")
	if host == "" {
		host = "registry.terraform.io"
	}

	reattach := serveProviderForCLI(t)
	reattachJSON, err := json.Marshal(map[string]any{host + "/ucloud-community/ucloud": reattach})
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	const required = `terraform {
  required_providers {
    ucloud = { source = "ucloud-community/ucloud" }
  }
}
`
	cliConfig := filepath.Join(dir, "cli.tfrc")
	for name, text := range map[string]string{"main.tf": required + config, "cli.tfrc": ""} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{
		"TF_REATTACH_PROVIDERS=" + string(reattachJSON),
		"TF_CLI_CONFIG_FILE=" + cliConfig,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
	}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_") {
			env = append(env, kv)
		}
	}
	run := func(args ...string) (string, error) {
		cmd := exec.CommandContext(t.Context(), terraform, args...) //nolint:gosec // G204: the Terraform CLI the tests are set up to run.
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("init", "-input=false", "-no-color"); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}
	return run("plan", "-input=false", "-no-color", "-refresh=true")
}

// reattachConfig is one entry of TF_REATTACH_PROVIDERS.
type reattachConfig struct {
	Protocol        string
	ProtocolVersion int
	Pid             int
	Test            bool
	Addr            struct{ Network, String string }
}

// serveProviderForCLI serves the provider over go-plugin in test mode until
// the test ends, and returns how Terraform reaches it.
func serveProviderForCLI(t *testing.T) reattachConfig {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	configCh := make(chan *plugin.ReattachConfig, 1)
	closeCh := make(chan struct{})
	serveErr := make(chan error, 1)
	go func() {
		serveErr <- tf6server.Serve("registry.terraform.io/ucloud-community/ucloud",
			NewProtocol6Server("test"),
			tf6server.WithDebug(ctx, configCh, closeCh),
			tf6server.WithoutLogStderrOverride(),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t),
		)
	}()
	t.Cleanup(func() {
		cancel()
		<-closeCh
	})
	select {
	case c := <-configCh:
		var r reattachConfig
		r.Protocol, r.ProtocolVersion, r.Pid, r.Test = string(c.Protocol), c.ProtocolVersion, c.Pid, c.Test
		r.Addr.Network, r.Addr.String = c.Addr.Network(), c.Addr.String()
		return r
	case err := <-serveErr:
		t.Fatalf("serving the provider: %v", err)
	}
	return reattachConfig{}
}
