#!/usr/bin/env bash
# End-to-end benchmark: times `terraform plan` with the provider built from
# this checkout against the local fake UCloud API (internal/cmd/fakeapi),
# which adds a fixed latency to every answer, and counts the requests each
# plan sends. Scenarios:
#   empty   an empty configuration (no provider started): the baseline
#   startup a provider block and no data source: Terraform starts the
#           provider only to read its schema (with nothing to read it does
#           not configure it); what the provider process adds to any plan
#   one     1 ucloud_phost_images block (137 images: 2 pages; 134 in the default states)
#   twenty  20 identical ucloud_phost_images blocks
#   paged   1 block over 1,000 images served in pages of 50
#   hundred 100 identical ucloud_phost_images blocks
#   large   1 block over 10,000 images
# For each it prints the median wall time of BENCH_RUNS plans (after one
# untimed warm-up plan), the requests one plan sent, the ratio of the
# median to the empty plan's median, measured in the same run, the lines
# the provider's processes wrote to stderr in one plan and the largest peak
# RSS of one provider process (Terraform starts several per plan), both
# seen through a wrapper Terraform runs in the provider's place.
#
# Then the rate-limited scenarios, each a plan of distinct UK8S look-ups
# (one request each) against a fake that refuses with RetCode 153, run
# BENCH_THROTTLE_RUNS times (default 1: they take minutes) without warm-up:
#   distinct 200 look-ups, no limit: the healthy reference
#   window   200 look-ups through 20 s of RetCode 153 from the first request
#   bucket   200 look-ups against a token bucket of 20 requests/s
#   minute   1 look-up through 60 s of RetCode 153, default settings
#   slow     1 look-up whose answer takes 40 s, default settings
# For each it prints the wall time, the requests sent and those refused.
# BENCH_THROTTLED=0 skips them.
#
# Set-up is shared with the demo (scripts/fake-terraform.sh): everything
# lives in a temporary directory removed on exit. Needs only bash, coreutils,
# go and terraform. Figures are wall-clock times on a possibly busy machine:
# compare ratios within one run, not absolute times across machines.
#
# Usage: bash scripts/bench-e2e.sh      (also run by `make bench`)
#   BENCH_RUNS=5        timed plans per scenario (odd numbers give a true median)
#   BENCH_LATENCY=100ms latency the fake adds to every answer
#   BENCH_PLAN_TIMEOUT=120  seconds one plan may take before the script gives up
#   BENCH_THROTTLE_RUNS=1   plans per rate-limited scenario
#   BENCH_THROTTLED=1       0 skips the rate-limited scenarios
#   BENCH_PROVIDER=path     a provider binary to time instead of this checkout's
#                           (to compare builds in one batch)
#   BENCH_SCENARIOS="..."   only these of the timed scenarios, e.g. "large"
#                           (empty always runs: it is the baseline of the ratios)
set -euo pipefail

runs="${BENCH_RUNS:-5}"
latency="${BENCH_LATENCY:-100ms}"
plan_timeout="${BENCH_PLAN_TIMEOUT:-120}"
throttle_runs="${BENCH_THROTTLE_RUNS:-1}"
throttled="${BENCH_THROTTLED:-1}"
scenarios="${BENCH_SCENARIOS:-}"

if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "error: BENCH_RUNS must be a positive integer, got '$runs'" >&2
  exit 2
fi
if ! [[ "$throttle_runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "error: BENCH_THROTTLE_RUNS must be a positive integer, got '$throttle_runs'" >&2
  exit 2
fi
if ! [[ "$plan_timeout" =~ ^[1-9][0-9]*$ ]]; then
  echo "error: BENCH_PLAN_TIMEOUT must be a positive number of seconds, got '$plan_timeout'" >&2
  exit 2
fi

terraform_timeout="$plan_timeout"
FAKE_TERRAFORM_NAME=bench
# shellcheck source=scripts/fake-terraform.sh
source "$(dirname "${BASH_SOURCE[0]}")/fake-terraform.sh"

# Terraform runs this wrapper as the provider: it keeps the provider's
# stderr and peak RSS (KiB) in files, one line per process for the RSS.
mv "$tmp/bin/terraform-provider-ucloud" "$tmp/bin/provider-under-test"
[[ -n "${BENCH_PROVIDER:-}" ]] && cp "$BENCH_PROVIDER" "$tmp/bin/provider-under-test"
cat >"$tmp/bin/terraform-provider-ucloud" <<SH
#!/bin/sh
exec /usr/bin/time -f %M -a -o "$tmp/provider.rss" "$tmp/bin/provider-under-test" "\$@" 2>>"$tmp/provider.stderr"
SH
chmod +x "$tmp/bin/terraform-provider-ucloud"

# run_plan runs one `terraform plan` of scenario directory $1 against $url.
run_plan() {
  fake_terraform "$1" plan -input=false -lock=false -no-color
}

# write_scenario creates scenario directory $1 holding $2 identical blocks
# and an output with the first block's count. Zero blocks is an empty
# configuration, unless $1 is "startup": then a provider block alone.
write_scenario() {
  local dir="$tmp/scenarios/$1" blocks="$2" i
  mkdir -p "$dir"
  if [[ "$blocks" -eq 0 && "$1" != startup ]]; then
    echo "# An empty configuration: the baseline cost of terraform plan." >"$dir/main.tf"
    return
  fi
  {
    printf 'terraform {\n  required_providers {\n    ucloud = {\n      source = "ucloud-community/ucloud"\n    }\n  }\n}\n\n'
    printf 'provider "ucloud" {}\n\n'
    for ((i = 0; i < blocks; i++)); do
      printf 'data "ucloud_phost_images" "copy_%02d" {}\n' "$i"
    done
    if ((blocks > 0)); then
      printf '\noutput "total_count" {\n  value = data.ucloud_phost_images.copy_00.total_count\n}\n'
    fi
  } >"$dir/main.tf"
}

# median prints the middle of its arguments (the lower middle for an even count).
median() {
  printf '%s\n' "$@" | sort -n | sed -n "$(((${#} + 1) / 2))p"
}

# ms formats nanoseconds as milliseconds.
ms() {
  echo "$(($1 / 1000000))"
}

# ratio prints $1/$2 with two decimals.
ratio() {
  local r=$((($1 * 100 + $2 / 2) / $2))
  printf '%d.%02d' $((r / 100)) $((r % 100))
}

# bench_scenario NAME BLOCKS EXPECTED_TOTAL [FAKE FLAGS...] runs one warm-up
# and $runs timed plans, each against a freshly started fake so that its
# request count belongs to that plan alone. It appends a result line.
results=()
bench_scenario() {
  local name="$1" blocks="$2" expected="$3"
  shift 3
  if [[ -n "$scenarios" && "$name" != empty && " $scenarios " != *" $name "* ]]; then
    return
  fi
  write_scenario "$name" "$blocks"
  local dir="$tmp/scenarios/$name" times=() counts=() i start end count lines rss
  echo "==> $name: $blocks block(s), $runs timed plans${*:+, fake flags: $*}"
  for ((i = 0; i <= runs; i++)); do
    rm -f "$tmp/fake.count" "$tmp/provider.stderr" "$tmp/provider.rss"
    start_fake -latency "$latency" -count-file "$tmp/fake.count" "$@"
    start=$(date +%s%N)
    if ! run_plan "$dir" >"$tmp/plan.log" 2>&1; then
      echo "error: terraform plan failed in scenario $name:" >&2
      cat "$tmp/plan.log" >&2
      exit 1
    fi
    end=$(date +%s%N)
    stop_fake
    count="$(cat "$tmp/fake.count" 2>/dev/null || echo "?")"
    if [[ "$blocks" -gt 0 ]] && ! grep -q "total_count = $expected\$" "$tmp/plan.log"; then
      echo "error: scenario $name: the plan does not show total_count = $expected:" >&2
      cat "$tmp/plan.log" >&2
      exit 1
    fi
    if ((i == 0)); then
      continue # warm-up: page cache, first start of the binaries
    fi
    times+=($((end - start)))
    counts+=("$count")
    lines=0 rss=0
    [[ -f "$tmp/provider.stderr" ]] && lines=$(wc -l <"$tmp/provider.stderr")
    [[ -f "$tmp/provider.rss" ]] && rss=$(sort -n "$tmp/provider.rss" | tail -n 1)
  done
  local med lo hi
  med="$(median "${times[@]}")"
  lo="$(printf '%s\n' "${counts[@]}" | sort -n | head -n 1)"
  hi="$(printf '%s\n' "${counts[@]}" | sort -n | tail -n 1)"
  if [[ "$lo" == "$hi" ]]; then
    count="$lo"
  else
    count="$lo-$hi"
  fi
  results+=("$name|$blocks|$med|$count|$lines|$((rss / 1024))|$(printf '%s ' "${times[@]}")")
}

bench_scenario empty 0 0
bench_scenario startup 0 0
bench_scenario one 1 134
bench_scenario twenty 20 134
bench_scenario paged 1 970 -phost-images 1000 -max-page-size 50
bench_scenario hundred 100 134
bench_scenario large 1 9688 -phost-images 10000

base="${results[0]}"
base="${base#*|*|}"
base="${base%%|*}"

echo
echo "terraform plan, median of $runs runs, fake latency $latency per answer"
echo "($(nproc) CPUs, $(terraform version | head -n 1), $(go version | cut -d' ' -f3)); load:$(uptime | sed 's/.*load average//')"
echo
printf '%-8s %7s %12s %14s %10s %13s %8s   %s\n' scenario blocks "median ms" "requests/plan" "vs empty" "stderr lines" "RSS MB" "all runs (ms)"
for line in "${results[@]}"; do
  IFS='|' read -r name blocks med count lines rss all <<<"$line"
  all_ms=""
  for t in $all; do
    all_ms+="$(ms "$t") "
  done
  printf '%-8s %7s %12s %14s %9sx %13s %8s   %s\n' "$name" "$blocks" "$(ms "$med")" "$count" "$(ratio "$med" "$base")" "$lines" "$rss" "$all_ms"
done

[[ "$throttled" == 0 ]] && exit 0

# write_lookups creates scenario directory $1 holding $2 UK8S look-ups that
# differ in project (so none shares another's request), and an output with
# the last one's image count.
write_lookups() {
  local dir="$tmp/scenarios/$1"
  mkdir -p "$dir"
  cat >"$dir/main.tf" <<TF
terraform {
  required_providers {
    ucloud = {
      source = "ucloud-community/ucloud"
    }
  }
}

provider "ucloud" {}

data "ucloud_uk8s_images" "test" {
  count      = $2
  project_id = "org-\${count.index}"
}

output "total_count" {
  value = length(data.ucloud_uk8s_images.test[$2 - 1].images)
}
TF
}

# bench_throttled NAME LOOKUPS [FAKE FLAGS...] runs $throttle_runs plans
# of LOOKUPS look-ups, each against a fresh fake with the given flags, and
# prints one line per plan: wall time, requests sent, requests refused.
throttled_results=()
bench_throttled() {
  local name="$1" lookups="$2" i start end
  shift 2
  write_lookups "$name" "$lookups"
  echo "==> $name: $lookups look-up(s), $throttle_runs plan(s), fake flags: $*"
  for ((i = 0; i < throttle_runs; i++)); do
    rm -f "$tmp/fake.count" "$tmp/fake.refused"
    start_fake -count-file "$tmp/fake.count" -refused-file "$tmp/fake.refused" "$@"
    start=$(date +%s%N)
    if ! run_plan "$tmp/scenarios/$name" >"$tmp/plan.log" 2>&1; then
      echo "error: terraform plan failed in scenario $name:" >&2
      cat "$tmp/plan.log" >&2
      exit 1
    fi
    end=$(date +%s%N)
    stop_fake
    if ! grep -q "total_count = 3\$" "$tmp/plan.log"; then
      echo "error: scenario $name: the plan does not show total_count = 3:" >&2
      cat "$tmp/plan.log" >&2
      exit 1
    fi
    throttled_results+=("$name|$lookups|$(ms $((end - start)))|$(cat "$tmp/fake.count")|$(cat "$tmp/fake.refused")|$*")
  done
}

bench_throttled distinct 200 -latency "$latency"
bench_throttled window 200 -latency "$latency" -throttle-for 20s
bench_throttled bucket 200 -latency "$latency" -rate-limit 20
bench_throttled minute 1 -latency "$latency" -throttle-for 60s
bench_throttled slow 1 -latency 40s

echo
echo "rate-limited plans (fake latency $latency per accepted answer unless the flags say otherwise)"
echo
printf '%-9s %8s %9s %9s %8s   %s\n' scenario look-ups "wall ms" requests refused "fake flags"
for line in "${throttled_results[@]}"; do
  IFS='|' read -r name lookups wall count refused flags <<<"$line"
  printf '%-9s %8s %9s %9s %8s   %s\n' "$name" "$lookups" "$wall" "$count" "$refused" "$flags"
done
