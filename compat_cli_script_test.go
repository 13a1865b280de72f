package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompatCLIScript checks how scripts/compat-cli.sh picks a CLI without
// building one: each case gets fake CLIs that only answer `version -json`.
func TestCompatCLIScript(t *testing.T) {
	tests := []struct {
		name string
		// installed is the version of the terraform on PATH, cached that
		// of the opentofu-1.2.3 in the cache; "" for none.
		installed, cached string
		args              []string
		// want is where the printed path must end, or "" for a failure
		// whose message holds wantErr.
		want, wantErr string
	}{
		{
			name: "installed Terraform of the listed version", installed: "1.2.3",
			args: []string{"terraform", "1.2.3", "installed"}, want: "/path/terraform",
		},
		{
			name: "installed Terraform of another version", installed: "1.2.4",
			args: []string{"terraform", "1.2.3", "installed"}, wantErr: "is Terraform 1.2.4, but scripts/compat-clis.txt lists 1.2.3",
		},
		{
			name: "cached CLI is reused", cached: "1.2.3",
			args: []string{"opentofu", "1.2.3", "go-build"}, want: "/terraform-provider-ucloud/clis/opentofu-1.2.3/tofu",
		},
		{
			// The unknown recipe shows a build was attempted, without one.
			name: "cached dev build is not trusted", cached: "1.2.3-dev",
			args: []string{"opentofu", "1.2.3", "no-such-recipe"}, wantErr: "unknown way to get a CLI: no-such-recipe",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			path := filepath.Join(home, "path")
			cache := filepath.Join(home, "cache")
			if tt.installed != "" {
				writeFakeCLI(t, filepath.Join(path, "terraform"), tt.installed)
			}
			if tt.cached != "" {
				writeFakeCLI(t, filepath.Join(cache, "terraform-provider-ucloud", "clis", "opentofu-1.2.3", "tofu"), tt.cached)
			}

			cmd := exec.CommandContext(t.Context(), "bash", append([]string{"scripts/compat-cli.sh"}, tt.args...)...) //nolint:gosec // This repository's script with the test's arguments.
			cmd.Env = append(os.Environ(), "PATH="+path+string(os.PathListSeparator)+os.Getenv("PATH"), "XDG_CACHE_HOME="+cache)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()

			if tt.want != "" {
				if err != nil || !strings.HasSuffix(strings.TrimSpace(stdout.String()), tt.want) {
					t.Fatalf("got %q, %v (%s); want a path ending in %s", stdout.String(), err, stderr.String(), tt.want)
				}
				return
			}
			if err == nil || !strings.Contains(stderr.String(), tt.wantErr) {
				t.Fatalf("got %q, %v (%s); want a failure saying %q", stdout.String(), err, stderr.String(), tt.wantErr)
			}
		})
	}
}

// writeFakeCLI writes an executable at path whose `version -json` reports version.
func writeFakeCLI(t *testing.T, path, version string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/sh\nprintf '{\\n  \"terraform_version\": \"" + version + "\"\\n}\\n'\n"
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil { //nolint:gosec // G306: an executable in the test's own directory.
		t.Fatal(err)
	}
}
