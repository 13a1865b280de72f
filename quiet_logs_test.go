package main

import (
	"fmt"
	"maps"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

func TestQuietUnlessAsked(t *testing.T) {
	off := map[string]string{}
	for _, name := range quietLoggers {
		off[name] = "OFF"
	}
	cases := []struct {
		name    string
		environ []string
		want    map[string]string
	}{
		{"nothing asked", []string{"HOME=/h", "PATH=/bin"}, off},
		{"TF_LOG", []string{"TF_LOG=TRACE"}, map[string]string{}},
		{"TF_LOG_PROVIDER", []string{"TF_LOG_PROVIDER=DEBUG"}, map[string]string{}},
		{"TF_LOG_PROVIDER_UCLOUD", []string{"TF_LOG_PROVIDER_UCLOUD=INFO"}, map[string]string{}},
		{"TF_LOG_SDK_FRAMEWORK", []string{"TF_LOG_SDK_FRAMEWORK=TRACE"}, map[string]string{}},
		{"TF_LOG_PATH", []string{"TF_LOG_PATH=/tmp/tf.log"}, map[string]string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]string{}
			err := quietUnlessAsked(tc.environ, func(k, v string) error { got[k] = v; return nil })
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, tc.want) {
				t.Errorf("set %v, want %v", got, tc.want)
			}
		})
	}
}

// TestQuietUnlessAsked_plan runs a real `terraform plan` of 20 blocks with
// the built binary (dev_overrides) and counts the lines the provider writes
// to stderr: next to none without TF_LOG, today's logs with TF_LOG=TRACE.
func TestQuietUnlessAsked_plan(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("TF_ACC not set: this test builds the provider and runs terraform")
	}
	t.Parallel()
	terraform, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.Mkdir(bin, 0o700); err != nil {
		t.Fatal(err)
	}
	// Terraform runs this wrapper, which keeps the provider's stderr in a file.
	stderrFile := filepath.Join(dir, "provider.stderr")
	wrapper := fmt.Sprintf("#!/bin/sh\nexec %q \"$@\" 2>>%q\n", providerBinary(t), stderrFile)
	if err := os.WriteFile(filepath.Join(bin, "terraform-provider-ucloud"), []byte(wrapper), 0o700); err != nil { //nolint:gosec // G306: Terraform must run it; only the owner can.
		t.Fatal(err)
	}
	cliConfig := filepath.Join(dir, "cli.tfrc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		"registry.terraform.io/ucloud-community/ucloud", bin)
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	profiles := filepath.Join(dir, "no-profiles.json")
	if err := os.WriteFile(profiles, []byte("[]"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(fakeapi.New())
	t.Cleanup(srv.Close)
	var config strings.Builder
	fmt.Fprintf(&config, `terraform {
  required_providers {
    ucloud = { source = "ucloud-community/ucloud" }
  }
}

provider "ucloud" {
  base_url                = %q
  public_key              = %q
  private_key             = %q
  region                  = %q
  zone                    = %q
  shared_config_file      = %q
  shared_credentials_file = %q
}
`, srv.URL, fakeapi.PublicKey, fakeapi.PrivateKey, fakeapi.Region, fakeapi.Zone, profiles, profiles)
	for i := range 20 {
		fmt.Fprintf(&config, "data \"ucloud_phost_images\" \"copy_%02d\" {}\n", i)
	}
	work := filepath.Join(dir, "work")
	if err := os.MkdirAll(work, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(config.String()), 0o600); err != nil {
		t.Fatal(err)
	}

	plan := func(t *testing.T, extraEnv ...string) int {
		t.Helper()
		_ = os.Remove(stderrFile)
		cmd := exec.CommandContext(t.Context(), terraform, "plan", "-input=false", "-lock=false", "-no-color")
		cmd.Dir = work
		cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool {
			return strings.HasPrefix(kv, "TF_LOG") || strings.HasPrefix(kv, "UCLOUD_")
		}), append([]string{"TF_CLI_CONFIG_FILE=" + cliConfig, "HOME=" + dir}, extraEnv...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("terraform plan: %v\n%s", err, out)
		}
		logs, err := os.ReadFile(stderrFile) //nolint:gosec // G304: this test's own temporary file.
		if err != nil {
			t.Fatal(err)
		}
		return strings.Count(string(logs), "\n")
	}
	quiet := plan(t)
	if quiet > 50 {
		t.Errorf("without TF_LOG the provider wrote %d stderr lines, want at most 50", quiet)
	}
	traced := plan(t, "TF_LOG=TRACE", "TF_LOG_PATH="+filepath.Join(dir, "terraform.log"))
	// NOTE: 20 identical blocks are validated and read once (shared
	// answers), so the framework logs one read, not twenty.
	if traced < 200 {
		t.Errorf("with TF_LOG=TRACE the provider wrote %d stderr lines, want its usual logs (over 200)", traced)
	}
	t.Logf("provider stderr lines: %d without TF_LOG, %d with TF_LOG=TRACE", quiet, traced)
}
