#!/usr/bin/env bash
# MPI strong scaling (docs/performance.md, "MPI strong scaling"): the same
# run and the same sweep with 1, 2, ... ranks of one thread each, timed end to
# end (mpirun start-up included), with a check that every rank count wrote the
# same files.
#   bench/mpi_scaling.sh [BUILD_DIR]        (scripts/bench.sh calls it when built with MPI)
# RANKS="1 2 4 8 16" for a larger machine; RUNS, POINTS, REPLICATES to size it.
set -euo pipefail
build=${1:-build/release}
entente=$build/cli/entente
scenario=scenarios/sino_russia_2035.yaml
ranks_list=${RANKS:-"1 2"}
runs=${RUNS:-40000}
points=${POINTS:-1000}
replicates=${REPLICATES:-16}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpirun=(mpirun --allow-run-as-root --oversubscribe --bind-to none --mca btl self,vader
        --mca btl_vader_single_copy_mechanism none)

if ! ldd "$entente" | grep -q libmpi; then
  echo "mpi_scaling: $entente is built without MPI; skipped"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

seconds() {  # wall time of a command, in seconds
  python3 - "$@" <<'PY'
import subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(f"{time.perf_counter() - t:.3f}")
PY
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(mpirun --version | head -1)"
echo "== MPI strong scaling: 1 thread per rank; run --runs $runs; sweep lhs $points points x $replicates replicates"
printf "%-6s %-24s %-30s\n" ranks "run (runs/s, speedup)" "sweep (points/s, speedup)"
t_run1=""; t_sweep1=""
for k in $ranks_list; do
  t_run=$(seconds "${mpirun[@]}" -np "$k" "$entente" run "$scenario" --runs "$runs" --seed 1 --threads 1 --quiet \
    --no-report --out "$tmp/run$k")
  t_sweep=$(seconds "${mpirun[@]}" -np "$k" "$entente" sweep "$scenario" --design lhs --samples "$points" \
    --replicates "$replicates" --seed 1 --threads 1 --quiet --db "$tmp/sweep$k.sqlite")
  t_run1=${t_run1:-$t_run}; t_sweep1=${t_sweep1:-$t_sweep}
  python3 - "$k" "$runs" "$points" "$t_run" "$t_sweep" "$t_run1" "$t_sweep1" <<'PY'
import sys
k, runs, points = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
tr, ts, tr1, ts1 = map(float, sys.argv[4:8])
print(f"{k:<6d} {runs/tr:9,.0f} ({tr:6.2f} s) x{tr1/tr:4.2f}  {points/ts:9,.1f} ({ts:6.2f} s) x{ts1/ts:4.2f}")
PY
  for f in summary.csv thresholds.csv summary.json; do
    cmp -s "$tmp/run1/$f" "$tmp/run$k/$f" || { echo "mpi_scaling: $f differs between 1 and $k ranks"; exit 1; }
  done
done
echo "(every rank count wrote byte-identical summary.csv, thresholds.csv and summary.json)"
