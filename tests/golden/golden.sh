#!/usr/bin/env bash
# Golden outputs: the shipped scenarios through run, compare and backtest at small
# run counts with fixed seeds; their summary files must equal tests/golden/expected/
# byte for byte (after filter_manifest drops the fields that vary from machine to
# machine and from run to run). A refactor that is meant to change nothing proves
# it here; an intended model change refreshes the files (tests/golden/README.md).
#
#   tests/golden/golden.sh [check|update] [ENTENTE]
#
# check (the default) compares, update rewrites expected/. ENTENTE defaults to
# build/release/cli/entente. Run from anywhere; paths are relative to the repository
# root, so the manifests record the same relative file names on every machine.
set -euo pipefail

mode=${1:-check}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
entente=${2:-${ENTENTE:-$root/build/release/cli/entente}}
case $mode in check|update) ;; *) echo "usage: $0 [check|update] [ENTENTE]" >&2; exit 2 ;; esac
[[ $entente = /* ]] || entente=$PWD/$entente
[[ -x $entente ]] || { echo "golden.sh: no entente executable at $entente" >&2; exit 2; }

cd "$root"
expected=tests/golden/expected
work=$(mktemp -d "${TMPDIR:-/tmp}/entente-golden.XXXXXX")
trap 'rm -rf "$work"' EXIT
raw=$work/raw
got=$work/got
mkdir -p "$raw" "$got"

sino=scenarios/sino_russia_2035.yaml
backcast=scenarios/backcast_2000_2024.yaml
history=scenarios/data/history_2000_2021.csv
# Two threads: results do not depend on the thread count (docs/reproducibility.md),
# and the manifest's thread count is filtered out.
common=(--seed 7 --threads 2 --no-report --quiet)

# Each case writes one directory; its name is the folder under expected/.
case_dir() { echo "$raw/$1"; }
run_case() {
  local name=$1; shift
  if ! "$entente" "$@" --out "$(case_dir "$name")" "${common[@]}" >"$work/$name.stdout" 2>"$work/$name.stderr"; then
    echo "golden.sh: case $name failed: entente $*" >&2
    cat "$work/$name.stderr" >&2
    exit 1
  fi
}

run_case run_sino          run "$sino" --runs 200 --trace 3
run_case compare_sino      compare "$sino" --runs 100 --policy baseline --policy reduce_value --policy deter_taiwan
run_case run_backcast      run "$backcast" --runs 100
run_case run_conditioned   run "$backcast" --runs 100 --condition-on "$history" --origin 2018
run_case backtest_rolling  backtest "$backcast" --observed "$history" --runs 100 --origins 2010,2014,2018 --max-lead 3
run_case backtest_open     backtest "$backcast" --observed "$history" --runs 100 --until 2021

# What varies legitimately: build identity (git revision, version, library
# versions), the clock (created_utc, wall_seconds) and the thread count. The
# manifest is pretty-printed one key a line, so the filter works on lines and
# leaves every other byte as written.
filter_manifest() {
  sed -E -e '/^  "(git_revision|entente_version|created_utc|threads|wall_seconds)": /d' \
         -e '/^  "libraries": \{/,/^  \},?$/d' "$1"
}

# The summary files only: CSV and JSON (report.html and charts/ are drawings of them).
(cd "$raw" && find . -type f \( -name '*.csv' -o -name '*.json' \) | sort) | while read -r f; do
  mkdir -p "$got/$(dirname "$f")"
  if [[ $(basename "$f") == manifest.json ]]; then
    filter_manifest "$raw/$f" >"$got/$f"
  else
    cp "$raw/$f" "$got/$f"
  fi
done

if [[ $mode == update ]]; then
  rm -rf "$expected"
  mkdir -p "$expected"
  cp -R "$got"/. "$expected"/
  echo "golden.sh: rewrote $expected ($(find "$expected" -type f | wc -l) files); say so in the commit message"
  exit 0
fi

[[ -d $expected ]] || { echo "golden.sh: no $expected; run '$0 update' on the commit before the change" >&2; exit 1; }
if ! diff -rq "$expected" "$got" >"$work/diff.txt"; then
  echo "golden.sh: outputs differ from $expected:" >&2
  sed -e "s#$got#(this build)#g" "$work/diff.txt" >&2
  # The first differing lines of the first few files, to see what moved.
  grep '^Files ' "$work/diff.txt" | head -3 | while read -r _ a _ b _; do
    echo "--- ${a#"$root"/}" >&2
    diff "$a" "$b" | head -8 >&2 || true
  done
  echo "golden.sh: if the change is an intended model change, run '$0 update' and say so in the commit message (tests/golden/README.md)" >&2
  exit 1
fi
echo "golden.sh: $(find "$got" -type f | wc -l) files equal $expected"
