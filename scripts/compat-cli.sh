#!/usr/bin/env bash
# Usage: scripts/compat-cli.sh <terraform|opentofu> <version> <how>
#
# Prints the path of that CLI, building it first when the cache does not hold
# it yet. <how> is one of
#   go-install  go install github.com/hashicorp/terraform@v<version>
#   go-build    go build ./cmd/tofu in a writable copy of the OpenTofu module
#               (go install refuses it: its go.mod has a replace directive)
#   installed   the terraform on PATH
# Each must report <version> in `version -json`.
#
# Built CLIs live outside the work tree, in
# ${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-ucloud/clis/<name>-<version>/,
# so fresh clones (CI) reuse them. Only the Go module proxy is used.
set -euo pipefail

name="$1" version="$2" how="$3"

# reports prints the version the CLI at $1 says it is.
reports() {
  { "$1" version -json 2>/dev/null || true; } | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p'
}

if [[ "$how" == installed ]]; then
  path="$(command -v terraform)" || { echo "error: terraform is not on PATH" >&2; exit 1; }
  got="$(reports "$path")"
  if [[ "$got" != "$version" ]]; then
    echo "error: $path is Terraform $got, but scripts/compat-clis.txt lists $version;" >&2
    echo "update the list, README.md and templates/index.md.tmpl to what is installed" >&2
    exit 1
  fi
  echo "$path"
  exit 0
fi

cache="${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-ucloud/clis"
dir="$cache/$name-$version"
case "$name" in
  terraform) exe="$dir/terraform" ;;
  opentofu) exe="$dir/tofu" ;;
  *) echo "error: unknown CLI $name" >&2; exit 1 ;;
esac
# A cached CLI that does not report its version (a -dev build, say) is
# rebuilt rather than trusted.
if [[ -x "$exe" && "$(reports "$exe")" == "$version" ]]; then
  echo "$exe"
  exit 0
fi

mkdir -p "$cache"
# Build into a scratch directory and rename it into place, so that an
# interrupted build never leaves a half-written CLI in the cache.
work="$(mktemp -d "$cache/.build-$name-$version.XXXXXX")"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
mkdir "$work/out"

echo "building $name $version into $dir (once; later runs reuse it)" >&2
start=$SECONDS
case "$how" in
  go-install)
    # Run outside any module so the provider's go.mod plays no part.
    (cd "$work" && GOBIN="$work/out" nice go install "github.com/hashicorp/terraform@v$version") >&2
    ;;
  go-build)
    src="$(cd "$work" && go mod download -json "github.com/opentofu/opentofu@v$version" |
      sed -n 's/^[[:space:]]*"Dir": *"\(.*\)",$/\1/p')"
    [[ -d "$src" ]] || { echo "error: go mod download gave no directory for opentofu $version" >&2; exit 1; }
    # The module cache is read-only; in a writable copy OpenTofu's go.mod is
    # the main module, so its replace directives apply.
    cp -R "$src" "$work/src"
    chmod -R u+w "$work/src"
    # dev=no is what OpenTofu's release builds set: without it the CLI calls
    # itself <version>-dev, to the user and to providers.
    (cd "$work/src" && nice go build -ldflags "-X github.com/opentofu/opentofu/version.dev=no" \
      -o "$work/out/tofu" ./cmd/tofu) >&2
    ;;
  *) echo "error: unknown way to get a CLI: $how" >&2; exit 1 ;;
esac
echo "built $name $version in $((SECONDS - start))s" >&2
got="$(reports "$work/out/${exe##*/}")"
if [[ "$got" != "$version" ]]; then
  echo "error: the $name built for $version reports itself as ${got:-nothing}" >&2
  exit 1
fi

rm -rf "$dir"
mv "$work/out" "$dir"
echo "$exe"
