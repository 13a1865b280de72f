# shellcheck shell=bash
# Shared by scripts/demo.sh and scripts/bench-e2e.sh (source it, don't run
# it): builds the provider and the fake UCloud API into a temporary
# directory, starts and stops the fake, and runs terraform against it with
# dev_overrides. Everything lives in $tmp, removed on exit; ~/.terraformrc,
# ~/.ucloud and the work tree are never touched.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! command -v terraform >/dev/null 2>&1; then
  echo "error: terraform is not on PATH; install the Terraform CLI (>= 1.5.7) first" >&2
  exit 1
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ucloud-${FAKE_TERRAFORM_NAME:-run}.XXXXXX")"
fake_pid=""
url=""

# stop_fake closes the fake's stdin (it exits at end of file, writing its
# -count-file if given), and kills it if it has not gone within 10 seconds.
stop_fake() {
  [[ -n "$fake_pid" ]] || return 0
  exec 3>&- || true
  local i
  for i in $(seq 1 100); do
    kill -0 "$fake_pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$fake_pid" 2>/dev/null; then
    echo "warning: the fake UCloud API did not exit at end of input; killing it" >&2
    kill "$fake_pid" 2>/dev/null || true
  fi
  wait "$fake_pid" 2>/dev/null || true
  fake_pid=""
}

cleanup() {
  local status=$?
  stop_fake
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> Building the provider and the fake UCloud API into $tmp/bin"
mkdir -p "$tmp/bin" "$tmp/home"
go build -o "$tmp/bin/terraform-provider-ucloud" .
go build -o "$tmp/bin/fakeapi" ./internal/cmd/fakeapi

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

# The provider is configured only through the environment set in
# fake_terraform; inherited UCLOUD_* and TF_* variables are dropped.
while IFS= read -r name; do
  unset "$name"
done < <(compgen -e | grep -E '^(UCLOUD_|TF_)' || true)

# start_fake starts the fake with the given flags and sets fake_pid and url.
# NOTE: its stdin is a FIFO held open on fd 3 (terraform gets 3>&-), so it
# also exits if the script dies before the trap runs.
start_fake() {
  rm -f "$tmp/fake.stdin" "$tmp/fake.url"
  mkfifo "$tmp/fake.stdin"
  "$tmp/bin/fakeapi" -addr 127.0.0.1:0 "$@" <"$tmp/fake.stdin" >"$tmp/fake.url" 2>>"$tmp/fake.log" &
  fake_pid=$!
  exec 3>"$tmp/fake.stdin"
  local i
  for i in $(seq 1 100); do
    url="$(head -n 1 "$tmp/fake.url" 2>/dev/null || true)"
    [[ "$url" == http://* ]] && return 0
    url=""
    kill -0 "$fake_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "error: the fake UCloud API did not print its URL within 10 seconds" >&2
  cat "$tmp/fake.log" >&2 || true
  exit 1
}

# fake_terraform DIR ARGS... runs terraform ARGS in DIR against the fake at
# $url, with the fake's account, region cn-bj2 and zone cn-bj2-02, and an
# empty HOME so no UCloud CLI profile of the user is read. A non-empty
# $terraform_timeout (seconds) bounds the run.
fake_terraform() {
  local dir="$1"
  shift
  # shellcheck disable=SC2086 # The timeout prefix is meant to split.
  HOME="$tmp/home" \
    TF_CLI_CONFIG_FILE="$tmp/terraformrc" \
    TF_IN_AUTOMATION=1 \
    CHECKPOINT_DISABLE=1 \
    UCLOUD_PUBLIC_KEY=fake-public-key \
    UCLOUD_PRIVATE_KEY=fake-private-key \
    UCLOUD_REGION=cn-bj2 \
    UCLOUD_ZONE=cn-bj2-02 \
    UCLOUD_BASE_URL="$url" \
    ${terraform_timeout:+timeout $terraform_timeout} terraform -chdir="$dir" "$@" 3>&-
}
