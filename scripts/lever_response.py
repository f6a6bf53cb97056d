#!/usr/bin/env python3
"""Lever-response table: every lever x every headline outcome, the effect in
one year of holding the lever at intensity 1 instead of 0 (from the start
year, no schedule, no triggers), paired on the same seed (run r of both
variants shares its draws), as Markdown (docs/levers.md).

    scripts/lever_response.py [ENTENTE] [SCENARIO] [RUNS] [SEED] [YEAR] > table.md

Each cell: mean effect [5%, 95% of the per-run effect], from `entente
compare` on two policies written to an overlay file (lever_at_0, lever_at_1).
A lever's baseline_intensity stays what the scenario says, so intensity 1
and 0 are both measured from the level the start-year data reflect.
"""
import csv
import os
import subprocess
import sys
import tempfile

import yaml

OUTCOMES = ["russia_dependence_on_china", "sino_russian_alignment", "alliance_cohesion",
            "rub_cny_settlement_share", "russia_china_trade"]
# The second table: military balance and burden sharing (the defence-spending
# lever), the dual-use channel (export controls, screening, secondary
# sanctions, China's support), Russia's capability (which the dual-use supply
# feeds) and the Taiwan crisis (military pressure).
OTHER = ["military_balance", "nato_burden_sharing", "china_dual_use_to_russia", "russia_capability",
         "taiwan_crisis_by"]
MONEY = {"russia_china_trade", "china_dual_use_to_russia", "russia_capability"}


def main():
    entente = sys.argv[1] if len(sys.argv) > 1 else "build/release/cli/entente"
    scenario = sys.argv[2] if len(sys.argv) > 2 else "scenarios/sino_russia_2035.yaml"
    runs = sys.argv[3] if len(sys.argv) > 3 else "200"
    seed = sys.argv[4] if len(sys.argv) > 4 else "7"
    year = sys.argv[5] if len(sys.argv) > 5 else "2035"
    with open(scenario) as f:
        levers = list(yaml.safe_load(f)["levers"])
    print(f"Effect in {year} of lever intensity 1 against 0 (mean [5%, 95% of the paired per-run effect]); "
          f"{runs} runs, seed {seed}, `scripts/lever_response.py {entente} {scenario} {runs} {seed} {year}`\n")
    tables = {name: [] for name in ("main", "other")}
    with tempfile.TemporaryDirectory() as work:
        for lever in levers:
            overlay = os.path.join(work, "overlay.yaml")
            at = lambda x: {"description": f"{lever} held at {x}", "assumption": "lever-response table",
                            "levers": {lever: {"intensity": x, "schedule": [], "triggers": []}}}
            with open(overlay, "w") as f:
                yaml.safe_dump({"policies": {"lever_at_0": at(0.0), "lever_at_1": at(1.0)}}, f)
            out = os.path.join(work, lever)
            subprocess.run([entente, "compare", scenario, "--overlay", overlay, "--policy", "lever_at_0",
                            "--policy", "lever_at_1", "--years", year, "--runs", runs, "--seed", seed,
                            "--out", out, "--no-report", "--quiet"], check=True)
            rows = {r["outcome"]: r for r in csv.DictReader(open(os.path.join(out, "compare.csv")))
                    if r["year"] == year and r["policy"] == "lever_at_1"}
            for name, outcomes in (("main", OUTCOMES), ("other", OTHER)):
                cells = []
                for o in outcomes:
                    r = rows[o]
                    fmt = (lambda x: f"{x:+.1f}") if o in MONEY else (lambda x: f"{x:+.4f}")
                    cells.append(f"{fmt(float(r['mean']))} [{fmt(float(r['p05']))}, {fmt(float(r['p95']))}]")
                tables[name].append(f"| `{lever}` | " + " | ".join(cells) + " |")
    for name, outcomes in (("main", OUTCOMES), ("other", OTHER)):
        if name == "other":
            print("\nMilitary balance, burden sharing, the dual-use channel, Russia's capability and the Taiwan crisis (same runs):\n")
        print("| lever | " + " | ".join(f"`{o}`" for o in outcomes) + " |")
        print("| --- |" + " --- |" * len(outcomes))
        print("\n".join(tables[name]))


if __name__ == "__main__":
    main()
