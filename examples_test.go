package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// providerSource is the provider's registry address as examples spell it.
const providerSource = "ucloud-community/ucloud"

// devOverridesWarning is the warning Terraform always prints when
// dev_overrides are in effect; it is expected here and says nothing about
// the configuration under test.
const devOverridesWarning = "Provider development overrides are in effect"

// requiredProvidersRE finds a required_providers block in a configuration.
var requiredProvidersRE = regexp.MustCompile(`(?m)^\s*required_providers\s*\{`)

// TestExamples checks every Terraform configuration users are shown:
//   - each directory under examples/ that holds .tf files, and
//   - each ```terraform block in the documentation templates under templates/
//     (blocks fenced as ```hcl are illustrations that may use resources of
//     other providers, and are not checked).
//
// Each must be formatted as `terraform fmt` would, and `terraform validate`
// must accept it against the schema of the provider built from this checkout.
//
// NOTE: Terraform finds the provider through a dev_overrides CLI configuration
// written to a temporary directory, so nothing is downloaded, no
// `terraform init` is needed, and neither ~/.terraformrc nor the work tree
// is touched: validate runs on a copy of each example.
func TestExamples(t *testing.T) {
	tf := newExampleTerraform(t)

	dirs := exampleDirs(t, "examples")
	if len(dirs) == 0 {
		t.Fatal("no directory under examples/ holds a .tf file")
	}
	for _, dir := range dirs {
		t.Run(filepath.ToSlash(dir), func(t *testing.T) {
			t.Parallel()
			tf.fmtCheck(t, dir, "-recursive")

			if !holdsVariants("examples", dir) {
				work := t.TempDir()
				copyExample(t, dir, work)
				addRequiredProviders(t, work)
				tf.validate(t, work)
				return
			}
			// Each file is an example of its own: validate it alone.
			dirFS := os.DirFS(dir)
			files, err := fs.Glob(dirFS, "*.tf")
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range files {
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					data, err := fs.ReadFile(dirFS, name)
					if err != nil {
						t.Fatal(err)
					}
					work := t.TempDir()
					writeFile(t, filepath.Join(work, name), string(data))
					addRequiredProviders(t, work)
					tf.validate(t, work)
				})
			}
		})
	}

	for _, snippet := range docSnippets(t, "templates") {
		t.Run(snippet.name, func(t *testing.T) {
			t.Parallel()
			t.Cleanup(func() {
				if t.Failed() {
					t.Logf("line n of main.tf above is line %d+n of the template", snippet.line)
				}
			})
			work := t.TempDir()
			writeFile(t, filepath.Join(work, "main.tf"), snippet.text)
			tf.fmtCheck(t, work)
			addRequiredProviders(t, work)
			tf.validate(t, work)
		})
	}
}

// exampleTerraform runs the terraform CLI from PATH with a CLI configuration
// that points at a freshly built provider.
type exampleTerraform struct {
	path string
	env  []string
}

// newExampleTerraform builds the provider and writes the CLI configuration.
// A missing terraform is a failure, not a skip: the examples must be checked.
func newExampleTerraform(t *testing.T) *exampleTerraform {
	t.Helper()

	tfPath, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatalf("the terraform CLI is required to check the examples and is not on PATH: %v", err)
	}

	dir := t.TempDir()
	pluginDir := filepath.Dir(providerBinary(t))

	cliConfig := filepath.Join(dir, "terraform.rc")
	writeFile(t, cliConfig, fmt.Sprintf(`disable_checkpoint = true

provider_installation {
  dev_overrides {
    %q = %q
  }
  direct {}
}
`, providerSource, filepath.ToSlash(pluginDir)))

	// Drop every TF_* variable of the caller (a CLI config, TF_CLI_ARGS,
	// TF_LOG, TF_DATA_DIR…) so that only this configuration applies.
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "TF_") })
	env = append(env,
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
	)
	return &exampleTerraform{path: tfPath, env: env}
}

// fmtCheck runs `terraform fmt -check -diff` in dir and reports what is not
// formatted; it does not stop the test, so validation still runs.
func (tf *exampleTerraform) fmtCheck(t *testing.T, dir string, args ...string) {
	t.Helper()
	args = append([]string{"fmt", "-check", "-diff", "-no-color"}, args...)
	stdout, stderr, err := tf.terraform(t, dir, args...)
	if err != nil {
		t.Errorf("terraform %s in %s: %v (format it with terraform fmt)\n%s%s",
			strings.Join(args, " "), dir, err, stdout, stderr)
	}
}

// terraform runs terraform in dir.
func (tf *exampleTerraform) terraform(t *testing.T, dir string, args ...string) (stdout, stderr []byte, err error) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), tf.path, args...) //nolint:gosec // terraform from PATH, with arguments this test wrote.
	cmd.Dir = dir
	cmd.Env = tf.env
	// NOTE: terraform starts provider plugins; should the test be cancelled,
	// do not wait forever for a child that keeps the output pipes open.
	cmd.WaitDelay = 10 * time.Second
	var outBuf, errBuf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &outBuf, &errBuf
	err = cmd.Run()
	return outBuf.Bytes(), errBuf.Bytes(), err
}

// validateOutput is the part of `terraform validate -json` the test reads.
type validateOutput struct {
	Valid       bool `json:"valid"`
	Diagnostics []struct {
		Severity string `json:"severity"`
		Summary  string `json:"summary"`
		Detail   string `json:"detail"`
		Range    *struct {
			Filename string `json:"filename"`
			Start    struct {
				Line int `json:"line"`
			} `json:"start"`
		} `json:"range"`
	} `json:"diagnostics"`
}

// validate runs `terraform validate` in dir and fails on any error or
// warning other than the one dev_overrides always cause.
func (tf *exampleTerraform) validate(t *testing.T, dir string) {
	t.Helper()
	// validate exits 1 for an invalid configuration; the JSON says why.
	stdout, stderr, runErr := tf.terraform(t, dir, "validate", "-json", "-no-color")

	var out validateOutput
	if err := json.Unmarshal(stdout, &out); err != nil {
		t.Fatalf("terraform validate in %s: %v; output is not JSON (%v)\n%s%s", dir, runErr, err, stdout, stderr)
	}
	var problems []string
	for _, d := range out.Diagnostics {
		if d.Severity == "warning" && d.Summary == devOverridesWarning {
			continue
		}
		where := ""
		if d.Range != nil {
			where = fmt.Sprintf(" (%s line %d)", d.Range.Filename, d.Range.Start.Line)
		}
		problems = append(problems, fmt.Sprintf("%s: %s%s\n  %s", d.Severity, d.Summary, where, strings.ReplaceAll(d.Detail, "\n", "\n  ")))
	}
	if !out.Valid || runErr != nil || len(problems) > 0 {
		t.Fatalf("terraform validate in %s (valid=%t, %v):\n%s\n%s", dir, out.Valid, runErr, strings.Join(problems, "\n"), stderr)
	}
}

// exampleDirs lists, relative to the working directory and sorted, every
// directory under root that holds at least one .tf file.
func exampleDirs(t *testing.T, root string) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".terraform" {
			return filepath.SkipDir
		}
		if !d.IsDir() && filepath.Ext(path) == ".tf" {
			if dir := filepath.Dir(path); !slices.Contains(dirs, dir) {
				dirs = append(dirs, dir)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("listing %s: %v", root, err)
	}
	slices.Sort(dirs)
	return dirs
}

// variantKinds are the folders under examples/ whose subfolders hold one
// example per .tf file, as tfplugindocs lays them out
// (examples/data-sources/<name>/data-source<*>.tf and so on).
var variantKinds = []string{"actions", "data-sources", "ephemeral-resources", "functions", "list-resources", "resources", "state-stores"}

// holdsVariants reports whether dir holds alternative examples that are
// each a configuration of their own (examples/provider/provider<*>.tf and
// the tfplugindocs folders of variantKinds) rather than one configuration
// spread over several files, like examples/demo.
func holdsVariants(root, dir string) bool {
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		return false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	switch len(parts) {
	case 1:
		return parts[0] == "provider"
	case 2:
		return slices.Contains(variantKinds, parts[0])
	}
	return false
}

// copyExample copies the files of src into dst, leaving out whatever
// Terraform itself may have left in a work tree (.terraform, lock files,
// state).
func copyExample(t *testing.T, src, dst string) {
	t.Helper()
	srcFS := os.DirFS(src)
	err := fs.WalkDir(srcFS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		switch {
		case d.IsDir() && name == ".terraform":
			return fs.SkipDir
		case d.IsDir():
			return os.MkdirAll(filepath.Join(dst, filepath.FromSlash(path)), 0o750)
		case !d.Type().IsRegular(), name == ".terraform.lock.hcl", strings.Contains(name, ".tfstate"):
			return nil
		}
		data, err := fs.ReadFile(srcFS, path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, filepath.FromSlash(path)), data, 0o600)
	})
	if err != nil {
		t.Fatalf("copying %s: %v", src, err)
	}
}

// addRequiredProviders declares the provider's source in dir when no .tf
// file there does. Without it Terraform would look for hashicorp/ucloud.
// Provider examples leave the block out because the registry page shows it
// separately.
func addRequiredProviders(t *testing.T, dir string) {
	t.Helper()
	dirFS := os.DirFS(dir)
	files, err := fs.Glob(dirFS, "*.tf")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := fs.ReadFile(dirFS, f)
		if err != nil {
			t.Fatal(err)
		}
		if requiredProvidersRE.Match(data) {
			return
		}
	}
	writeFile(t, filepath.Join(dir, "_test_providers.tf"), fmt.Sprintf(`terraform {
  required_providers {
    ucloud = {
      source = %q
    }
  }
}
`, providerSource))
}

// docSnippet is one ```terraform block of a documentation template.
type docSnippet struct {
	name string // template path and line, e.g. templates/guides/x.md.tmpl:42
	line int    // line of the opening fence
	text string
}

// docSnippets returns the ```terraform blocks of every template under root.
func docSnippets(t *testing.T, root string) []docSnippet {
	t.Helper()
	var snippets []docSnippet
	fsys := os.DirFS(".")
	err := fs.WalkDir(fsys, root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md.tmpl") {
			return err
		}
		found, err := fencedTerraform(fsys, path)
		snippets = append(snippets, found...)
		return err
	})
	if err != nil {
		t.Fatalf("reading the templates under %s: %v", root, err)
	}
	return snippets
}

// fencedTerraform extracts the ```terraform blocks of one Markdown file.
func fencedTerraform(fsys fs.FS, path string) ([]docSnippet, error) {
	data, err := fs.ReadFile(fsys, path)
	if err != nil {
		return nil, err
	}

	var (
		snippets []docSnippet
		body     strings.Builder
		start    int // line of the open fence; 0 outside a block
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		switch {
		case start == 0 && strings.TrimSpace(text) == "```terraform":
			start = line
			body.Reset()
		case start != 0 && strings.TrimSpace(text) == "```":
			snippets = append(snippets, docSnippet{
				name: fmt.Sprintf("%s:%d", path, start),
				line: start,
				text: body.String(),
			})
			start = 0
		case start != 0:
			body.WriteString(text)
			body.WriteByte('\n')
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if start != 0 {
		return nil, fmt.Errorf("%s:%d: ```terraform block is never closed", path, start)
	}
	return snippets, nil
}

// writeFile writes data to path or fails the test.
func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}
