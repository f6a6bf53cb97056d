#!/usr/bin/env bash
# Fuzz the scenario loader with libFuzzer (docs in fuzz/README.md).
#   scripts/fuzz.sh [SECONDS_PER_TARGET]      (default 60)
# Installs clang and libFuzzer from Debian if missing, builds build/fuzz
# (ENTENTE_FUZZ=ON: clang, ASan, UBSan), runs each target in turn on its
# corpus (tests/fuzz/corpus/<target>/) with its dictionary, then merges the
# inputs that found new coverage back into the corpus. Crashes, hangs and
# sanitizer reports are left in build/fuzz/artifacts/<target>/ and make the
# script exit with 1: fix the bug, then copy the input into the corpus under a
# name that says what it found (e.g. crash-deep-nesting.yaml).
# Environment: FUZZ_BUILD_DIR (build/fuzz), FUZZ_TARGETS ("scenario set"),
# JOBS (2, build parallelism).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
build=${FUZZ_BUILD_DIR:-build/fuzz}
targets=${FUZZ_TARGETS:-scenario set}

# clang 14 and its libFuzzer/sanitizer runtimes, as install-deps.sh does for the
# normal build: only what is missing, so a second run touches nothing.
packages=(clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "fuzz: installing ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# -O1 with assertions kept (no NDEBUG): faster than Debug, still checks.
CXX=clang++ cmake -S . -B "$build" -DENTENTE_FUZZ=ON -DENTENTE_BUILD_TESTS=OFF -DENTENTE_BUILD_BENCH=OFF \
  -DENTENTE_WITH_MPI=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" >/dev/null
cmake --build "$build" -j"${JOBS:-2}" --target $(printf 'entente_fuzz_%s ' $targets)

failed=0
for t in $targets; do
  corpus=tests/fuzz/corpus/$t
  found=$build/found/$t          # inputs with new coverage from this session
  artifacts=$build/artifacts/$t  # crashes, hangs, leaks
  mkdir -p "$corpus" "$found" "$artifacts"
  echo "== fuzz $t: ${seconds}s on $corpus"
  # -timeout: an input that takes 10 s is a hang; -rss_limit_mb: 2 GiB of
  # memory for one input is an allocation the limits should have stopped.
  status=0
  nice -n 10 "$build/fuzz/entente_fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -dict="tests/fuzz/$t.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    "$found" "$corpus" >"$build/fuzz-$t.log" 2>&1 || status=$?
  grep -E '^#[0-9]+.*(INITED|DONE)|ERROR|SUMMARY|^stat::' "$build/fuzz-$t.log" || true
  if [ "$status" -ne 0 ]; then
    echo "fuzz $t: found a problem (exit $status); see $build/fuzz-$t.log and $artifacts/"
    failed=1
  fi
  # Keep only inputs that add coverage to what the corpus already has; the
  # named regression inputs in the corpus stay as they are.
  before=$(ls "$corpus" | wc -l)
  # -use_counters=0: judge by edges, not hit counts, so the corpus stays at
  # a few hundred files.
  "$build/fuzz/entente_fuzz_$t" -merge=1 -use_counters=0 -timeout=10 -rss_limit_mb=2048 "$corpus" "$found" \
    >/dev/null 2>&1 || true
  echo "fuzz $t: corpus $before -> $(ls "$corpus" | wc -l) files"
done
exit $failed
