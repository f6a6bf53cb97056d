#!/bin/sh
# The screenshots of docs/reports.md: the report of the shipped scenario's
# eight-policy comparison (200 runs, seed 7) in headless Chromium at 1366 x 900
# (a laptop's first screen), 390 x 844 (a phone) and the first printed A4
# page. The same run checks what tests/browser/report_screens.js checks (CTest
# report.browser_screens). Run from the repository root after a build:
#   scripts/report_screenshots.sh
# Environment: ENTENTE (default build/release/cli/entente), CHROMIUM (default:
# chromium on PATH), SHOTS (where the PNGs go, default docs/images).
set -eu
ENTENTE=${ENTENTE:-build/release/cli/entente}
SHOTS=${SHOTS:-docs/images}
exec node tests/browser/report_screens.js "$ENTENTE" . --shots "$SHOTS"
