#!/usr/bin/env python3
"""Paired policy effects in one year from a compare.csv, as a Markdown table.

    entente compare scenarios/sino_russia_2035.yaml --runs 500 --seed 7 --out DIR
    scripts/policy_effects.py DIR/compare.csv 2035 [OUTCOME ...]

Each cell: the mean difference of the policy from the reference (run r of
every policy shares its draws) with its 95% confidence interval, then the 5%
and 95% quantiles of the per-run difference.
"""
import csv
import sys

DEFAULT = ["russia_dependence_on_china", "rub_cny_settlement_share", "sino_russian_alignment",
           "alliance_cohesion", "russia_china_trade"]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    path, year = sys.argv[1], sys.argv[2]
    outcomes = sys.argv[3:] or DEFAULT
    rows = {}
    policies = []
    for r in csv.DictReader(open(path, newline="")):
        if r["year"] != year:
            continue
        rows[(r["outcome"], r["policy"])] = r
        if r["policy"] not in policies:
            policies.append(r["policy"])
    reference = next(iter(rows.values()))["reference"] if rows else "?"
    print(f"{year}: policy minus `{reference}`, mean [95% CI] (per-run 5%..95%)\n")
    print("| policy | " + " | ".join(f"`{o}`" for o in outcomes) + " |")
    print("| --- |" + " --- |" * len(outcomes))
    for p in policies:
        cells = []
        for o in outcomes:
            r = rows.get((o, p))
            if r is None:
                cells.append("n/a")
                continue
            f = lambda k: float(r[k])
            cells.append(f"{f('mean'):+.4f} [{f('ci95_lo'):+.4f}, {f('ci95_hi'):+.4f}] ({f('p05'):+.3f}..{f('p95'):+.3f})")
        print(f"| {p} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
