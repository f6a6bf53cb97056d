"""The cost of entente.model_function against the same runs in the CLI.

Both sides run the same thing on one thread: P design points of R replicates
(run keys (seed, 0, r)), one outcome in one year. The CLI side is
`entente sweep --design mc --samples P --replicates R --threads 1` (the wall
time it records in the database's sessions table, which includes loading
the scenario and writing the database); the Python side calls f(**point)
for the same P points. Prints seconds per point of each and the overhead.

    PYTHONPATH=build/release/python python3 python/bench/model_function_overhead.py \
        build/release/cli/entente scenarios/sino_russia_2035.yaml 200 100
"""
import os
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
    t0 = time.perf_counter()
    subprocess.run(args, check=True)
    cli_wall = time.perf_counter() - t0
    sweep = entente.read_sweep(db)
    import sqlite3
    con = sqlite3.connect(db)
    cli_engine = con.execute("SELECT sum(wall_seconds) FROM sessions").fetchone()[0]  # the sweep's own clock
    con.close()

f = entente.model_function(scenario, [outcome], [year], replicates=replicates)
rows = [sweep.design.loc[i].to_dict() for i in sweep.design.index]
f(**rows[0])  # warm
t0 = time.perf_counter()
for x in rows:
    f(**x)
py_wall = time.perf_counter() - t0

per_cli = cli_engine / points
per_py = py_wall / points
print(f"{points} points x {replicates} replicates, 1 thread")
print(f"CLI sweep, its own wall clock (load, design, database included): {per_cli * 1e3:.3f} ms per point")
print(f"CLI sweep, the whole process:                                   {cli_wall / points * 1e3:.3f} ms per point")
print(f"model_function call:                                            {per_py * 1e3:.3f} ms per point")
print(f"overhead of a call against the CLI's point:                     {100 * (per_py / per_cli - 1):+.1f}%")
