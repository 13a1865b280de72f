#!/usr/bin/env bash
# Runs examples/demo against the local fake UCloud API with the provider built
# from this checkout (see scripts/fake-terraform.sh for the set-up).
# Usage: make demo   (or: bash scripts/demo.sh)
set -euo pipefail

FAKE_TERRAFORM_NAME=demo
# shellcheck source=scripts/fake-terraform.sh
source "$(dirname "${BASH_SOURCE[0]}")/fake-terraform.sh"

echo "==> Starting the fake UCloud API"
start_fake
echo "    listening on $url"

cp -R examples/demo "$tmp/work"

# Colour only on a terminal, so logs stay readable.
color=()
[[ -t 1 ]] || color=(-no-color)

echo "==> terraform apply"
fake_terraform "$tmp/work" apply -auto-approve -input=false "${color[@]}"

echo "==> terraform output"
fake_terraform "$tmp/work" output "${color[@]}"
