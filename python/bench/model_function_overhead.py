"""The cost of entente.model_function against the same runs in the CLI.

Both sides run the same thing on one thread: P design points of R replicates
(run keys (seed, 0, r)), one outcome in one year. The CLI side is
`entente sweep --design mc --samples P --replicates R --threads 1` (the wall
time it records in the database's sessions table, which includes loading
the scenario and writing the database); the Python side calls f(**point)
for the same P points. Prints milliseconds per point of each and the
overhead, in wall time and in CPU time (all threads: the CLI process's
user+system time, including its loading and database; the Python process's
over the calls, including its worker thread's). On a shared machine the CPU
figures are the steadier: other processes' load stretches wall time, not CPU.

    PYTHONPATH=build/release/python python3 python/bench/model_function_overhead.py \
        build/release/cli/entente scenarios/sino_russia_2035.yaml 200 100
"""
import os
import resource
import subprocess
import sys
import tempfile
import time

import entente

cli, scenario = sys.argv[1], sys.argv[2]
points = int(sys.argv[3]) if len(sys.argv) > 3 else 200
replicates = int(sys.argv[4]) if len(sys.argv) > 4 else 100
params = ["sanctions_bite", "energy_rerouting"]
outcome, year = "russia_dependence_on_china", 2035

with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "mc.sqlite")
    args = [cli, "sweep", scenario, "--design", "mc", "--samples", str(points), "--replicates", str(replicates),
            "--threads", "1", "--years", str(year), "--db", db, "--quiet"]
    for p in params:
        args += ["--param", p]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(args, check=True)
    cli_wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cli_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    sweep = entente.read_sweep(db)
    import sqlite3
    con = sqlite3.connect(db)
    cli_engine = con.execute("SELECT sum(wall_seconds) FROM sessions").fetchone()[0]  # the sweep's own clock
    con.close()

f = entente.model_function(scenario, [outcome], [year], replicates=replicates)
rows = [sweep.design.loc[i].to_dict() for i in sweep.design.index]
f(**rows[0])  # warm
c0, t0 = time.process_time(), time.perf_counter()
for x in rows:
    f(**x)
py_wall = time.perf_counter() - t0
py_cpu = time.process_time() - c0

per_cli = cli_engine / points
per_py = py_wall / points
print(f"{points} points x {replicates} replicates, 1 thread")
print(f"CLI sweep, its own wall clock (load, design, database included): {per_cli * 1e3:.3f} ms per point")
print(f"CLI sweep, the whole process:                                   {cli_wall / points * 1e3:.3f} ms per point")
print(f"model_function call:                                            {per_py * 1e3:.3f} ms per point")
print(f"overhead of a call against the CLI's point:                     {100 * (per_py / per_cli - 1):+.1f}%")
print(f"CPU time, CLI process (all of it):                              {cli_cpu / points * 1e3:.3f} ms per point")
print(f"CPU time, model_function calls:                                 {py_cpu / points * 1e3:.3f} ms per point")
print(f"overhead in CPU time:                                           {100 * (py_cpu / cli_cpu - 1):+.1f}%")
