#!/usr/bin/env bash
# Runs the acceptance tests (internal/provider, where all of them live) once
# under each CLI of scripts/compat-clis.txt (`make test-compat`). CLIs are
# built on first use and cached outside the work tree by scripts/compat-cli.sh.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

names=() versions=() paths=()
while read -r name version how; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  names+=("$name") versions+=("$version")
  # Build everything first, so a failing build stops the run before any
  # suite has spent minutes.
  paths+=("$(scripts/compat-cli.sh "$name" "$version" "$how")")
done < scripts/compat-clis.txt

# NOTE: the harness parses `version`, and OpenTofu 1.12 prints warnings about
# the CLI configuration there, before the version (for a TF_CLI_CONFIG_FILE
# that names a missing file, say). An empty configuration of our own keeps
# every CLI quiet and the runs independent of the user's settings.
cli_config="$(mktemp "${TMPDIR:-/tmp}/ucloud-compat-cli-config.XXXXXX")"
trap 'rm -f "$cli_config"' EXIT

summary=""
for i in "${!names[@]}"; do
  name="${names[$i]}" version="${versions[$i]}" path="${paths[$i]}"
  # Each CLI resolves "ucloud-community/ucloud" in its own registry; the
  # harness must name the provider the same way.
  host=registry.terraform.io
  [[ "$name" == opentofu ]] && host=registry.opentofu.org
  echo "== acceptance tests under $name $version ($path)"
  start=$SECONDS
  # NOTE: no -race here: `make test` runs the same tests with it, and this
  # run is about the CLIs. GOGC and -parallel as in `make test` (GNUmakefile).
  TF_ACC=1 TF_ACC_TERRAFORM_PATH="$path" TF_ACC_PROVIDER_HOST="$host" TF_CLI_CONFIG_FILE="$cli_config" GOGC=400 \
    go test -count=1 -parallel 4 -timeout 15m ./internal/provider/...
  summary+="$name $version: passed in $((SECONDS - start))s"$'\n'
done
echo "== every CLI passed"
printf '%s' "$summary"
# The list is meant to hold, last, the newest OpenTofu 1.x: say when the module
# proxy has a newer one (asked outside this module, which does not need it).
tofu_listed=""
for i in "${!names[@]}"; do
  if [[ "${names[$i]}" == opentofu ]]; then tofu_listed="${versions[$i]}"; fi
done
tofu_newest="$(cd "${TMPDIR:-/tmp}" && go list -m -versions github.com/opentofu/opentofu 2>/dev/null |
  tr ' ' '\n' | sed -n 's/^v\(1\.[0-9]*\.[0-9]*\)$/\1/p' | sort -V | tail -n 1)" || true
if [[ -n "$tofu_newest" && "$tofu_newest" != "$tofu_listed" ]]; then
  echo "note: the module proxy lists OpenTofu $tofu_newest; scripts/compat-clis.txt tests $tofu_listed" >&2
fi
