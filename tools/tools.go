//go:build generate

// Package tools pins and runs the code generators used by this repository.
//
// It is its own Go module so that the documentation generator and its
// dependencies never enter the provider's go.mod. Run it with
// `make generate` (or `go generate -tags generate ./...` from this folder).
package tools

import (
	// Documentation generation.
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
	// Vulnerability scanning (`make vuln`): govulncheck, and the command
	// that turns the OSV files of the golang.org/x/vulndb module into the
	// database layout govulncheck reads.
	_ "golang.org/x/vuln/cmd/govulncheck"
	_ "golang.org/x/vulndb/cmd/indexdb"
)

// Format the Terraform configuration under examples/ (terraform comes from PATH).
//go:generate terraform fmt -recursive ../examples/

// Generate the provider documentation under docs/ from the schema and examples.
// NOTE: the provider name is given because the checkout folder need not be named
// terraform-provider-ucloud.
//go:generate go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs generate --provider-dir .. --provider-name ucloud

// Check the generated documentation: front matter, file names and layout.
//go:generate go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs validate --provider-dir .. --provider-name ucloud
