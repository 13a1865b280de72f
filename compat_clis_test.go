package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// compatCLIsFile lists the CLIs `make test-compat` runs the acceptance
// tests under; the documentation must claim exactly these.
const compatCLIsFile = "scripts/compat-clis.txt"

// compatCLIDocs are the documents that hold the compatibility table.
var compatCLIDocs = []string{"README.md", "templates/index.md.tmpl"}

// compatCLINames maps a name in compatCLIsFile to the name users know.
var compatCLINames = map[string]string{"terraform": "Terraform", "opentofu": "OpenTofu"}

// compatTableRow matches a row of a compatibility table, "| Terraform | 1.5.7 |".
var compatTableRow = regexp.MustCompile(`(?m)^\| (Terraform|OpenTofu) \| (\S+) \|$`)

// compatCLI is one CLI release.
type compatCLI struct{ name, version string }

// TestCompatCLIsDocumented checks that the README and the docs index list
// the CLIs `make test-compat` tests, in its order, and state as the minimum
// the oldest release of each CLI it tests.
func TestCompatCLIsDocumented(t *testing.T) {
	tested := readCompatCLIs(t)
	for _, doc := range compatCLIDocs {
		t.Run(doc, func(t *testing.T) {
			data, err := os.ReadFile(doc) //nolint:gosec // G304: a fixed document of this repository.
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			// Prose wraps anywhere: compare it with its spaces normalised.
			prose := strings.Join(strings.Fields(text), " ")
			var documented []compatCLI
			for _, m := range compatTableRow.FindAllStringSubmatch(text, -1) {
				documented = append(documented, compatCLI{m[1], m[2]})
			}
			if !slices.Equal(documented, tested) {
				t.Errorf("%s lists the CLIs %v; %s tests %v", doc, documented, compatCLIsFile, tested)
			}
			for _, name := range []string{"Terraform", "OpenTofu"} {
				want := fmt.Sprintf("%s %s or later", name, oldestCompatCLI(t, tested, name))
				if !strings.Contains(prose, want) {
					t.Errorf("%s does not state the minimum as %q", doc, want)
				}
			}
		})
	}
}

// readCompatCLIs parses compatCLIsFile: "<name> <version> <how>" a line,
// with # comments and blank lines.
func readCompatCLIs(t *testing.T) []compatCLI {
	t.Helper()
	f, err := os.Open(compatCLIsFile)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	var clis []compatCLI
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		name, ok := compatCLINames[fields[0]]
		if len(fields) != 3 || !ok {
			t.Fatalf("%s: %q is not \"<terraform|opentofu> <version> <how>\"", compatCLIsFile, sc.Text())
		}
		clis = append(clis, compatCLI{name, fields[1]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return clis
}

// oldestCompatCLI returns the oldest tested version of the named CLI.
func oldestCompatCLI(t *testing.T, clis []compatCLI, name string) string {
	t.Helper()
	oldest := ""
	for _, c := range clis {
		if c.name == name && (oldest == "" || slices.Compare(versionNumbers(t, c.version), versionNumbers(t, oldest)) < 0) {
			oldest = c.version
		}
	}
	if oldest == "" {
		t.Fatalf("%s tests no %s release", compatCLIsFile, name)
	}
	return oldest
}

// versionNumbers splits "1.10.10" into [1 10 10], so that versions compare
// as numbers ("1.10" is newer than "1.5").
func versionNumbers(t *testing.T, v string) []int {
	t.Helper()
	var n []int
	for part := range strings.SplitSeq(v, ".") {
		var i int
		if _, err := fmt.Sscanf(part, "%d", &i); err != nil {
			t.Fatalf("%s: version %q is not numeric", compatCLIsFile, v)
		}
		n = append(n, i)
	}
	return n
}
