#!/bin/sh
# The sample game of docs/wargaming.md: three teams play six turns of the
# default scenario with one inject, then fork, replay and report. Run it from
# the repository root after a build; it prints every command and what the
# facilitator sees, which is what docs/wargaming.md shows. Regenerate the
# page's transcript with:
#   scripts/wargame_demo.sh > /tmp/demo.txt
# Environment: ENTENTE (the executable, default build/release/cli/entente),
# OUT (the folder for the session and outputs, default out/wargame_demo).
set -eu
ENTENTE=${ENTENTE:-build/release/cli/entente}
OUT=${OUT:-out/wargame_demo}
SCENARIO=scenarios/sino_russia_2035.yaml
rm -rf "$OUT"
mkdir -p "$OUT"
S="$OUT/game.sqlite"

step() {
  # Echo the command as typed: arguments with spaces in quotes.
  line='$ entente'
  for a in "$@"; do
    case $a in *' '*) line="$line \"$a\"" ;; *) line="$line $a" ;; esac
  done
  echo "$line"
  "$ENTENTE" "$@"
  echo
}

step play new "$SCENARIO" --session "$S" --seed 7 --runs-per-turn 500 \
  --team blue=us_sanctions_russia,secondary_sanctions_russia,tariffs_china,us_engagement_russia \
  --team white=western_sanctions_russia,western_export_controls_russia,nato_defence_spending \
  --team yellow=sino_russian_partnership
# Turn 1 (2022): the West tightens, China deepens the partnership.
step play move "$S" --team blue --set secondary_sanctions_russia=0.6
step play move "$S" --team yellow --set sino_russian_partnership=0.9
step play adjudicate "$S"
# Turn 2 (2023)
step play move "$S" --team white --set western_export_controls_russia=0.9 --set nato_defence_spending=0.8
step play adjudicate "$S"
# Turn 3 (2024): an invalid move is rejected and changes nothing.
step play move "$S" --team yellow --set western_sanctions_russia=0 || true
step play move "$S" --team blue --set tariffs_china=0.7
step play adjudicate "$S"
# Turn 4 (2025): the facilitator injects a Taiwan Strait crisis.
step play inject "$S" --event taiwan_crisis --note "PLA exercise turns into a quarantine of Taiwan"
step play move "$S" --team yellow --set sino_russian_partnership=1
step play adjudicate "$S"
# Turns 5 and 6 (2026, 2027)
step play move "$S" --team blue --set us_engagement_russia=0.5 --set secondary_sanctions_russia=0.3
step play adjudicate "$S"
step play adjudicate "$S"
step play status "$S"
step play log "$S"
# From turn 3: 2,000 futures to 2035, as they stood and under maximum_pressure on top.
step play fork "$S" --turn 3 --runs 2000 --out "$OUT/fork_turn3" --quiet
step play fork "$S" --turn 3 --runs 2000 --policy maximum_pressure --out "$OUT/fork_turn3_pressure" --no-report
step play replay "$S"
step play report "$S" --out "$OUT/aar"
