#!/usr/bin/env bash
# Run CTest under a sanitizer test preset (asan or tsan, CMakePresets.json) and
# fail on any sanitizer report, wherever it came from.
#
#   tests/sanitizers/run-ctest.sh asan [ctest args...]
#   tests/sanitizers/run-ctest.sh tsan --tags '[ensemble],[sweep]' [ctest args...]
#
# Why the log files: many tests run the `entente` CLI as a subprocess and keep
# its stderr in a scratch file, so a report printed there would never be seen
# (and a test that ignores the exit code would pass). The presets send every
# report, from the test binary and from every CLI process, to
# build/<preset>/sanitizer-logs/<sanitizer>.<pid>; this script empties that
# folder first and prints and fails on whatever is there afterwards.
#
# --tags SPEC runs only the tests a Catch2 test spec selects (e.g. tags):
# catch_discover_tests registers each TEST_CASE under its name, so the names
# the spec selects are turned into an anchored ctest -R regex.
set -euo pipefail

preset=${1:?usage: run-ctest.sh asan|tsan [--tags SPEC] [ctest args...]}
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build/$preset
logs=$build/sanitizer-logs

select=()
if [ "${1:-}" = "--tags" ]; then
  spec=${2:?--tags needs a Catch2 test spec}
  shift 2
  # (Catch2 v2 exits with the number of tests it listed, hence the || true.)
  names=$({ "$build/tests/entente_tests" --list-test-names-only "$spec" || true; } | sed '/^$/d')
  if [ -z "$names" ]; then
    echo "run-ctest.sh: no test matches $spec" >&2
    exit 2
  fi
  # Escape the regex metacharacters of each name, then ^(a|b|...)$.
  regex=$(printf '%s\n' "$names" | sed -e 's/[][\\.*^$()+?{}|]/\\&/g' | paste -sd'|')
  select=(-R "^($regex)\$")
  echo "run-ctest.sh: $(printf '%s\n' "$names" | wc -l) tests selected by $spec"
fi

rm -rf "$logs"
mkdir -p "$logs"
status=0
(cd "$root" && ctest --preset "$preset" "${select[@]}" "$@") || status=$?

reports=("$logs"/*)
if [ -e "${reports[0]}" ]; then
  for f in "${reports[@]}"; do
    echo "==== $preset report: $f"
    cat "$f"
  done
  echo "run-ctest.sh: ${#reports[@]} sanitizer report(s) in $logs" >&2
  status=1
fi
exit $status
