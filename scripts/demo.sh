#!/usr/bin/env bash
# Runs examples/demo against the local fake UCloud API with the provider built
# from this checkout. Everything lives in a temporary directory that is removed
# on exit; ~/.terraformrc, ~/.ucloud and the work tree are never touched.
# Usage: make demo   (or: bash scripts/demo.sh)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! command -v terraform >/dev/null 2>&1; then
  echo "error: terraform is not on PATH; install the Terraform CLI (>= 1.0) to run the demo" >&2
  exit 1
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ucloud-demo.XXXXXX")"
fake_pid=""

cleanup() {
  local status=$?
  if [[ -n "$fake_pid" ]]; then
    kill "$fake_pid" 2>/dev/null || true
    wait "$fake_pid" 2>/dev/null || true
  fi
  exec 3>&- || true
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> Building the provider and the fake UCloud API into $tmp/bin"
mkdir -p "$tmp/bin"
go build -o "$tmp/bin/terraform-provider-ucloud" .
go build -o "$tmp/bin/fakeapi" ./internal/cmd/fakeapi

echo "==> Starting the fake UCloud API"
# NOTE: the fake exits when its standard input reaches EOF. Its stdin is a FIFO
# held open only by this shell on fd 3 (terraform gets 3>&-), so the fake also
# goes away if this script is killed before the trap can run.
mkfifo "$tmp/fake.stdin"
"$tmp/bin/fakeapi" -addr 127.0.0.1:0 <"$tmp/fake.stdin" >"$tmp/fake.url" 2>"$tmp/fake.log" &
fake_pid=$!
exec 3>"$tmp/fake.stdin"

url=""
for _ in $(seq 1 100); do
  url="$(head -n 1 "$tmp/fake.url" 2>/dev/null || true)"
  [[ "$url" == http://* ]] && break
  url=""
  if ! kill -0 "$fake_pid" 2>/dev/null; then
    break
  fi
  sleep 0.1
done
if [[ -z "$url" ]]; then
  echo "error: the fake UCloud API did not print its URL within 10 seconds" >&2
  cat "$tmp/fake.log" >&2 || true
  exit 1
fi
echo "    listening on $url"

# dev_overrides make Terraform use the provider just built, with no init and
# no registry access. TF_CLI_CONFIG_FILE replaces any inherited setting.
cat >"$tmp/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "ucloud-community/ucloud" = "$tmp/bin"
  }
  direct {}
}
RC

cp -R examples/demo "$tmp/work"
mkdir -p "$tmp/home"

# The provider is configured only through the environment below. HOME points at
# an empty directory so that no UCloud CLI profile of the user is picked up, and
# inherited UCLOUD_* variables are dropped.
while IFS= read -r name; do
  unset "$name"
done < <(compgen -e | grep '^UCLOUD_' || true)

# Colour only on a terminal, so logs stay readable.
color=()
[[ -t 1 ]] || color=(-no-color)

run_terraform() {
  HOME="$tmp/home" \
    TF_CLI_CONFIG_FILE="$tmp/terraformrc" \
    TF_IN_AUTOMATION=1 \
    CHECKPOINT_DISABLE=1 \
    UCLOUD_PUBLIC_KEY=fake-public-key \
    UCLOUD_PRIVATE_KEY=fake-private-key \
    UCLOUD_REGION=cn-bj2 \
    UCLOUD_ZONE=cn-bj2-02 \
    UCLOUD_BASE_URL="$url" \
    terraform -chdir="$tmp/work" "$@" 3>&-
}

echo "==> terraform apply"
run_terraform apply -auto-approve -input=false "${color[@]}"

echo "==> terraform output"
run_terraform output "${color[@]}"
