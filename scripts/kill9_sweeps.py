#!/usr/bin/env python3
"""kill -9 check of parameter studies (docs/reliability.md, "kill -9 check").

Runs a reference sweep to the end, then N trials: the same sweep started
afresh, killed with SIGKILL after a random delay (uniform over the reference's
wall time, so kills land in start-up, in computing and in commits), then
resumed with --resume until it completes. Each trial's database must equal
the reference: every table but the session log, every column, compared as
SQLite's quote() of each value (byte-exact doubles). The delays are
deterministic for a seed.

Usage: scripts/kill9_sweeps.py ENTENTE SCENARIO [TRIALS] [SEED]
Prints one line per trial and a summary; exit 1 on any difference, a failed
resume, or a database that could not be opened.
"""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time


def sweep_args(entente, scenario, db):
    return [entente, "sweep", scenario, "--design", "lhs", "--samples", "300", "--replicates", "2",
            "--years", "2030,2035", "--seed", "4", "--threads", "2", "--quiet", "--db", db]


def dump(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out = []
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    for t in tables:
        if t in ("sessions", "sqlite_sequence"):
            continue
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})")]
        sel = ", ".join(f"quote({c})" for c in cols)
        order = ", ".join(str(i + 1) for i in range(len(cols)))
        out.append(f"[{t}]")
        out.extend("|".join(row) for row in con.execute(f"SELECT {sel} FROM {t} ORDER BY {order}"))
    con.close()
    return "\n".join(out)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    entente, scenario = sys.argv[1], sys.argv[2]
    trials = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    rng = random.Random(seed)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        ref = os.path.join(tmp, "ref.sqlite")
        t0 = time.monotonic()
        subprocess.run(sweep_args(entente, scenario, ref), check=True)
        wall = time.monotonic() - t0
        reference = dump(ref)
        for k in range(trials):
            db = os.path.join(tmp, f"trial_{k}.sqlite")
            delay = rng.uniform(0.0, wall)
            p = subprocess.Popen(sweep_args(entente, scenario, db), stderr=subprocess.DEVNULL)
            time.sleep(delay)
            finished_before = p.poll() is not None
            if not finished_before:
                p.send_signal(signal.SIGKILL)
            p.wait()
            resumes = 0
            if os.path.exists(db):
                while True:
                    r = subprocess.run(sweep_args(entente, scenario, db) + ["--resume"], capture_output=True, text=True)
                    resumes += 1
                    if r.returncode == 0 or resumes >= 3:
                        break
                ok = r.returncode == 0 and dump(db) == reference
                what = "identical" if ok else f"DIFFERENT (resume exit {r.returncode}: {r.stderr.strip()[:200]})"
            else:
                # Killed before the database was created: a fresh start is the resume.
                r = subprocess.run(sweep_args(entente, scenario, db), capture_output=True, text=True)
                ok = r.returncode == 0 and dump(db) == reference
                what = "no database yet; fresh start " + ("identical" if ok else "DIFFERENT")
            failures += 0 if ok else 1
            state = "finished before the kill" if finished_before else f"killed at {delay:.2f} s"
            print(f"trial {k}: {state}, {what}", flush=True)
    print(f"{trials} trials (reference {wall:.2f} s): {trials - failures} identical to the uninterrupted sweep, "
          f"{failures} different")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
