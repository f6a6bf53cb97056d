#!/usr/bin/env bash
# make bench: micro-benchmarks plus end-to-end figures for docs/performance.md.
#   scripts/bench.sh BUILD_DIR
# Prints: runs/s at 1 and 2 threads and the speedup; peak memory of 10^4 and
# 10^6 runs and their ratio; the engine's overhead over a bare loop.
set -euo pipefail
build=${1:-build/release}
entente=$build/cli/entente
scenario=scenarios/sino_russia_2035.yaml
runs_e2e=${RUNS_E2E:-40000}
runs_big=${RUNS_BIG:-1000000}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== micro-benchmarks ($build/bench/entente_bench)"
"$build/bench/entente_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_format=console | tee /tmp/entente_bench_micro.txt

# Wall time and peak RSS of one CLI run, measured by the parent with getrusage.
measure() {
  python3 - "$@" <<'PY'
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
wall = time.perf_counter() - t
rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{wall:.3f} {rss_kib}")
PY
}

echo "== end to end: $entente run $scenario --runs $runs_e2e"
read -r t1 _ < <(measure "$entente" run "$scenario" --runs "$runs_e2e" --threads 1 --quiet)
read -r t2 _ < <(measure "$entente" run "$scenario" --runs "$runs_e2e" --threads 2 --quiet)
python3 - "$runs_e2e" "$t1" "$t2" <<'PY'
import sys
n, t1, t2 = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"threads 1: {t1:.2f} s, {n/t1:,.0f} runs/s")
print(f"threads 2: {t2:.2f} s, {n/t2:,.0f} runs/s")
print(f"speedup 2 vs 1 thread: {t1/t2:.2f}")
PY

echo "== peak memory: 10^4 versus $runs_big runs (2 threads)"
read -r ts ms < <(measure "$entente" run "$scenario" --runs 10000 --threads 2 --quiet)
read -r tb mb < <(measure "$entente" run "$scenario" --runs "$runs_big" --threads 2 --quiet)
python3 - "$ms" "$mb" "$ts" "$tb" "$runs_big" <<'PY'
import sys
ms, mb, ts, tb, nb = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
print(f"10^4 runs: peak RSS {ms/1024:.1f} MiB ({ts:.1f} s)")
print(f"{nb:,} runs: peak RSS {mb/1024:.1f} MiB ({tb:.1f} s)")
print(f"ratio: {mb/ms:.2f}")
PY

echo "== engine overhead (1 thread): BM_Ensemble/1 versus BM_BareLoop, mean real time"
python3 - <<'PY'
import re
text = open('/tmp/entente_bench_micro.txt').read()
def mean(name):
    m = re.search(rf"^{re.escape(name)}_mean\s+([0-9.]+) ms", text, re.M)
    return float(m.group(1)) if m else None
e, b = mean('BM_Ensemble/1/real_time'), mean('BM_BareLoop/real_time')
if e and b:
    print(f"engine {e:.1f} ms, bare loop {b:.1f} ms, overhead {100*(e/b-1):.1f}%")
else:
    print("could not parse the micro-benchmark output")
PY

echo "== sweep throughput and memory: lhs over the scenario's uncertainties, 16 replicates (2 threads)"
tmp=$(mktemp -d)
for points in 250 1000 4000 16000; do
  read -r tw mw < <(measure "$entente" sweep "$scenario" --design lhs --samples "$points" --replicates 16 \
    --threads 2 --quiet --db "$tmp/s$points.sqlite")
  python3 - "$points" "$tw" "$mw" <<'PY'
import sys
p, t, m = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
print(f"{p:5d} points: {t:.2f} s, {p*16/t:,.0f} point-replicates/s, peak RSS {m/1024:.1f} MiB")
PY
done
rm -rf "$tmp"

# MPI strong scaling (1 and 2 ranks; RANKS="1 2 4 8 16" on a larger machine), when built with MPI.
if ldd "$entente" | grep -q libmpi && command -v mpirun >/dev/null; then
  bench/mpi_scaling.sh "$build"
fi
