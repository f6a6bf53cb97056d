#!/usr/bin/env bash
# Headline outcomes of a scenario in two years under each of its policies:
# median and 90% interval, as a Markdown table (docs/scenarios.md).
#   scripts/scenario_table.sh [ENTENTE] [SCENARIO] [RUNS] [SEED]
set -euo pipefail
ENTENTE=${1:-build/release/cli/entente}
SCENARIO=${2:-scenarios/sino_russia_2035.yaml}
RUNS=${3:-2000}
SEED=${4:-20240101}
YEARS="2030 2035"
OUTCOMES="russia_dependence_on_china sino_russian_alignment alliance_cohesion sanctions_coalition_share_russia rub_cny_settlement_share russia_gdp russia_china_trade crisis_probability_us_china taiwan_crisis_by"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
policies=$("$ENTENTE" validate "$SCENARIO" | sed -n 's/.*policies: [0-9]* (\(.*\))/\1/p' | tr -d ',')
for p in $policies; do
  "$ENTENTE" run "$SCENARIO" --policy "$p" --runs "$RUNS" --seed "$SEED" --out "$work/$p" --quiet >/dev/null
done
python3 - "$work" "$YEARS" "$OUTCOMES" $policies <<'PY'
import csv, sys
work, years, outcomes, policies = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), sys.argv[4:]
def fmt(x):
    a = abs(x)
    return f"{x:.0f}" if a >= 100 else f"{x:.1f}" if a >= 10 else f"{x:.2f}"
data = {}
for p in policies:
    for r in csv.DictReader(open(f"{work}/{p}/summary.csv")):
        data[(p, r["outcome"], r["year"])] = r
for y in years:
    print(f"\n**{y}** (median [5%, 95%])\n")
    print("| outcome | " + " | ".join(policies) + " |")
    print("| --- |" + " --- |" * len(policies))
    for o in outcomes:
        cells = []
        for p in policies:
            r = data[(p, o, y)]
            cells.append(f"{fmt(float(r['p50']))} [{fmt(float(r['p05']))}, {fmt(float(r['p95']))}]")
        print(f"| `{o}` | " + " | ".join(cells) + " |")
PY
