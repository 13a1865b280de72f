package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"
)

// builtProvider is the provider binary the tests of this package run
// through the Terraform CLI, built once for all of them: linking it costs
// seconds of CPU.
var builtProvider struct {
	once sync.Once
	dir  string
	path string
	err  error
	out  []byte
}

// TestMain removes the shared build when the tests are done.
func TestMain(m *testing.M) {
	code := m.Run()
	if builtProvider.dir != "" {
		_ = os.RemoveAll(builtProvider.dir) //nolint:errcheck // A temporary directory.
	}
	os.Exit(code)
}

// providerBinary returns the path of the provider built from this checkout.
func providerBinary(t *testing.T) string {
	t.Helper()
	b := &builtProvider
	b.once.Do(func() {
		// NOTE: not t.TempDir, which goes with the first test to ask.
		if b.dir, b.err = os.MkdirTemp("", "ucloud-provider-build-"); b.err != nil { //nolint:usetesting // Shared by the package's tests; TestMain removes it.
			return
		}
		b.path = filepath.Join(b.dir, "terraform-provider-ucloud")
		if runtime.GOOS == "windows" {
			b.path += ".exe"
		}
		start := time.Now()
		build := exec.Command("go", "build", "-o", b.path, ".") //nolint:gosec,noctx // G204: the output path is this test run's own temporary directory; shared by tests, so on no one test's context.
		b.out, b.err = build.CombinedOutput()
		t.Logf("built the provider in %s", time.Since(start).Round(time.Millisecond))
	})
	if b.err != nil {
		t.Fatalf("building the provider: %v\n%s", b.err, b.out)
	}
	return b.path
}
