#!/bin/sh
# `entente play serve` in a real browser (Debian's Chromium, headless): plays
# two turns of the sample game of docs/wargaming.md with the command line,
# serves it, forks from turn 2 through the facilitator's API, checks what each
# screen shows once its script has run (the facilitator sees every team, the
# inject's note and the fork's downloads; team blue sees its own levers only,
# neither another team's levers, the note nor the fork), and writes the
# screenshots docs/wargaming.md shows (1366 px and 390 px wide). Not part of
# `make test` (the game played through the pages is: tests/browser/); run it
# after a build:
#   scripts/play_serve_browser.sh
# Environment: ENTENTE (default build/release/cli/entente), CHROMIUM (default
# chromium), OUT (work folder, default out/play_serve_browser), SHOTS (where
# the PNGs go, default docs/images).
set -eu
ENTENTE=${ENTENTE:-build/release/cli/entente}
CHROMIUM=${CHROMIUM:-chromium}
OUT=${OUT:-out/play_serve_browser}
SHOTS=${SHOTS:-docs/images}
PORT=${PORT:-18480}
rm -rf "$OUT"
mkdir -p "$OUT" "$SHOTS"
S="$OUT/game.sqlite"
"$ENTENTE" play new scenarios/sino_russia_2035.yaml --session "$S" --seed 7 --runs-per-turn 500 \
  --team blue=us_sanctions_russia,secondary_sanctions_russia,tariffs_china,us_engagement_russia \
  --team white=western_sanctions_russia,western_export_controls_russia,nato_defence_spending \
  --team yellow=sino_russian_partnership >/dev/null
"$ENTENTE" play move "$S" --team blue --set secondary_sanctions_russia=0.6 >/dev/null
"$ENTENTE" play move "$S" --team yellow --set sino_russian_partnership=0.9 >/dev/null
"$ENTENTE" play adjudicate "$S" --quiet
"$ENTENTE" play move "$S" --team white --set nato_defence_spending=0.8 >/dev/null
"$ENTENTE" play adjudicate "$S" --quiet
"$ENTENTE" play inject "$S" --event taiwan_crisis --note "PLA exercise turns into a quarantine of Taiwan" >/dev/null
"$ENTENTE" play move "$S" --team blue --set tariffs_china=0.7 >/dev/null
"$ENTENTE" play move "$S" --team white --set western_sanctions_russia=0.9 >/dev/null

"$ENTENTE" play serve "$S" --listen "127.0.0.1:$PORT" >"$OUT/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
i=0
until grep -q 'Ctrl-C' "$OUT/serve.out" 2>/dev/null; do
  i=$((i + 1)); [ $i -lt 100 ] || { cat "$OUT/serve.out"; exit 1; }
  sleep 0.1
done
link() { grep "  $1 " "$OUT/serve.out" | sed 's/.* //'; }
FAC=$(link facilitator)
BLUE=$(link team:blue)

# A 10-minute deadline for turn 3's moves, set as the facilitator's page sets it.
URL="http://127.0.0.1:$PORT"
TOKEN=${FAC#*#}
CSRF=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/view" | sed 's/.*"csrf":"\([0-9a-f]*\)".*/\1/')
curl -s -f -o /dev/null -H "Authorization: Bearer $TOKEN" -H "X-CSRF-Token: $CSRF" \
  -H "Content-Type: application/json" -d '{"minutes": 10}' "$URL/api/deadline"

# A fork from turn 2 (500 futures), as the facilitator's page starts it; the
# screenshots show it done, with its downloads.
curl -s -f -o /dev/null -H "Authorization: Bearer $TOKEN" -H "X-CSRF-Token: $CSRF" \
  -H "Content-Type: application/json" -d '{"turn": 2, "runs": 500}' "$URL/api/fork"
i=0
until curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/view" | grep -q '"fork":{[^}]*"state":"done"'; do
  i=$((i + 1)); [ $i -lt 600 ] || { echo "play_serve_browser: the fork did not finish" >&2; exit 1; }
  sleep 0.1
done

browser() {
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=4000 "$@" 2>/dev/null
}
fail() { echo "play_serve_browser: $1" >&2; exit 1; }

browser --dump-dom "$FAC" >"$OUT/facilitator.html"
browser --dump-dom "$BLUE" >"$OUT/blue.html"
grep -q 'Facilitator' "$OUT/facilitator.html" || fail "the facilitator's screen did not render"
grep -q 'western_sanctions_russia' "$OUT/facilitator.html" || fail "the facilitator does not see team white's levers"
grep -q 'quarantine of Taiwan' "$OUT/facilitator.html" || fail "the facilitator does not see the inject's note"
grep -q 'Fork report (download)' "$OUT/facilitator.html" || fail "the facilitator's screen does not offer the fork's report"
if grep -q 'Fork report' "$OUT/blue.html"; then fail "team blue sees the facilitator's fork"; fi
grep -q 'Team blue' "$OUT/blue.html" || fail "team blue's screen did not render"
grep -q 'blue: tariffs_china 0.4' "$OUT/blue.html" || fail "team blue does not see its own pending move"
if grep -q 'western_sanctions_russia' "$OUT/blue.html"; then fail "team blue sees team white's lever or move"; fi
if grep -q 'quarantine of Taiwan' "$OUT/blue.html"; then fail "team blue sees the facilitator's note"; fi
grep -q 'moves due in' "$OUT/blue.html" || fail "team blue does not see the turn's deadline"

browser --window-size=1366,2500 --screenshot="$SHOTS/play_serve_facilitator_1366.png" "$FAC" >/dev/null
browser --window-size=1366,1500 --screenshot="$SHOTS/play_serve_team_1366.png" "$BLUE" >/dev/null
browser --window-size=390,2400 --screenshot="$SHOTS/play_serve_facilitator_390.png" "$FAC" >/dev/null
browser --window-size=390,2400 --screenshot="$SHOTS/play_serve_team_390.png" "$BLUE" >/dev/null
echo "play_serve_browser: both screens render in $("$CHROMIUM" --version 2>/dev/null | head -1); screenshots in $SHOTS"
