#include "analysis/report/report_css.hpp"

namespace entente::analysis::report {

const char* const kReportCss = R"css(
:root { --ink: #1c2328; --muted: #5d6871; --rule: #d8dde2; --strong-rule: #a9b2ba; --soft: #f4f6f8;
        --accent: #0072B2; --warn: #D55E00; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1120px; padding: 1.2rem 1.6rem 4rem; color: var(--ink); background: #fff;
       font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       overflow-wrap: break-word; }
/* A long unbroken word (the scenario's absolute path on a CI runner) wraps
   instead of widening the page: table cells keep white-space: nowrap. */
dl.facts dd { overflow-wrap: anywhere; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .3rem; letter-spacing: -.01em; }
h2 { font-size: 1.35rem; margin: 2.6rem 0 .8rem; padding-bottom: .35rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.08rem; margin: 1.8rem 0 .6rem; }
p { margin: .5rem 0 .8rem; max-width: 52rem; }
code, pre, .hash { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
.kind { color: var(--muted); font-size: .9rem; margin: 0 0 .5rem; text-transform: uppercase; letter-spacing: .06em; }
.description { font-size: 1.02rem; }
header .description { font-size: .95rem; margin: .3rem 0; }
#summary h2 { margin-top: 1.2rem; }
.muted, .note { color: var(--muted); }
.note { font-size: .84rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.4rem; margin: 1.2rem 0;
           padding: .9rem 1.1rem; background: var(--soft); border-radius: 6px; font-size: .88rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; min-width: 0; }
.hash { font-size: .85em; word-break: break-all; }
nav.toc { margin: 1.4rem 0; font-size: .9rem; }
nav.toc ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; }
nav.toc a { color: var(--accent); text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
dl.policies { margin: .6rem 0 1rem; }
dl.policies dt { font-weight: 600; margin-top: .7rem; }
dl.policies dd { margin: .1rem 0 0 1.35rem; max-width: 52rem; }
.policy-id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .95em; }
.source { display: block; color: var(--muted); font-size: .84rem; }
.badge { display: inline-block; font-size: .72rem; font-weight: 600; text-transform: uppercase; letter-spacing: .05em;
         color: var(--accent); border: 1px solid var(--accent); border-radius: 3px; padding: 0 .35rem;
         vertical-align: .1em; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .4em;
          vertical-align: -.05em; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.table-wrap { overflow-x: auto; margin: .6rem 0 .4rem; }
table { border-collapse: collapse; font-size: .85rem; font-variant-numeric: tabular-nums; }
th, td { padding: .36rem .65rem; text-align: right; vertical-align: top; white-space: nowrap;
         border-bottom: 1px solid var(--rule); }
thead th { background: var(--soft); font-weight: 600; border-bottom: 1px solid var(--strong-rule); vertical-align: bottom; }
thead th.group { text-align: center; border-bottom: 1px solid var(--rule); }
tbody { border-top: 1px solid var(--strong-rule); }
th.label, td.label { text-align: left; white-space: normal; min-width: 9rem; max-width: 22rem; }
tbody th { font-weight: 600; }
.meta { display: block; font-weight: 400; font-size: .78rem; color: var(--muted); }
.interval { color: var(--muted); }
td.best { font-weight: 700; color: var(--accent); }
td.wide { text-align: left; white-space: normal; overflow-wrap: anywhere; }
.callout { padding: .7rem 1rem; background: #eef5fa; border-left: 4px solid var(--accent); border-radius: 0 4px 4px 0; }
.warning { padding: .7rem 1rem; background: #fcf1e8; border-left: 4px solid var(--warn); border-radius: 0 4px 4px 0; }
.warning ul { margin: .3rem 0 0; padding-left: 1.2rem; }
figure { margin: 1.2rem 0 2.2rem; }
svg.chart g.gp { fill: none; color: black; stroke: currentColor; stroke-width: 1px; }
svg.chart { font-family: sans-serif; }
figure svg.chart { display: block; width: 100%; max-width: 900px; height: auto; }
figcaption { font-size: .84rem; color: var(--muted); margin-top: .35rem; max-width: 900px; }
details { margin: .8rem 0; }
summary { cursor: pointer; font-weight: 600; }
details pre { max-height: 36rem; overflow: auto; padding: 1rem; background: var(--soft); border-radius: 6px;
              font-size: .76rem; line-height: 1.45; }
footer { margin-top: 3rem; padding-top: .8rem; border-top: 1px solid var(--rule); font-size: .8rem; color: var(--muted); }
caption { caption-side: top; text-align: left; font-weight: 600; padding: .2rem 0 .4rem; }
caption .meta { display: inline; margin-left: .6rem; }
/* Verdicts: a mark and a word, so that colour is never the only cue. */
.verdict { white-space: nowrap; font-weight: 600; }
.verdict .glyph { display: inline-block; min-width: 1em; text-align: center; }
.v-better .verdict, .verdict.v-better { color: #00704f; }
.v-worse .verdict, .verdict.v-worse { color: #b34700; }
.v-none .verdict, .verdict.v-none { color: #4a545c; }
.v-unclear .verdict, .verdict.v-unclear { color: #7a6200; }
.v-higher .verdict, .verdict.v-higher, .v-lower .verdict, .verdict.v-lower { color: #005a8c; }
table.glance { width: 100%; table-layout: fixed; font-size: .8rem; }
table.glance caption { font-size: .95rem; }
table.glance th, table.glance td { white-space: normal; text-align: center; padding: .3rem .25rem; vertical-align: middle; }
table.glance thead th { font-size: .74rem; line-height: 1.25; hyphens: auto; overflow-wrap: break-word; }
table.glance th.label { text-align: left; width: 12rem; min-width: 0; }
table.glance td .verdict { display: block; white-space: normal; font-size: .74rem; line-height: 1.2; }
table.glance td .num { display: block; color: var(--muted); font-size: .76rem; }
table.glance td { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
td.v-better { background: #e3f4ec; } td.v-worse { background: #fbe7da; } td.v-none { background: #f1f3f5; }
td.v-unclear { background: #fbf4d4; } td.v-higher, td.v-lower { background: #e4f0f8; }
.legend .verdict { margin-right: .9rem; }
table.scorecard { margin-top: .8rem; width: 100%; }
/* Two report years of three columns each fit 1366 px (and A4) only when the
   headers and the verdicts may wrap; tests/browser/report_screens.js checks. */
table.scorecard th, table.scorecard td, table.scorecard .verdict { white-space: normal; }
table.scorecard thead th { font-size: .78rem; }
nav.outcomes ul { columns: 3 14rem; margin: .4rem 0 1rem; padding-left: 1.1rem; font-size: .88rem; }
nav.outcomes a, section.outcome a { color: var(--accent); }
section.outcome { border-top: 1px solid var(--rule); margin-top: 1.2rem; }
/* Phones: tables become one block per row, each number under its column's name. */
@media (max-width: 700px) {
  body { padding: 1rem .8rem 3rem; font-size: 15px; }
  h1 { font-size: 1.5rem; }
  dl.facts { grid-template-columns: 1fr; }
  table.stack, table.stack tbody, table.stack tr, table.stack td, table.stack th { display: block; width: 100%; }
  table.stack thead { display: none; }
  table.stack tr { border-bottom: 1px solid var(--strong-rule); padding: .3rem 0; }
  table.stack th, table.stack td { text-align: left; border: none; white-space: normal; padding: .12rem .2rem; max-width: none; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: .8rem; }
  /* The matrix keeps its grid: marks only, outcome names read upwards. */
  table.glance { font-size: .72rem; }
  table.glance th.label { width: 6.5rem; }
  table.glance thead th:not(.label) { writing-mode: vertical-rl; transform: rotate(180deg); text-align: left;
                                      font-size: .66rem; height: 9.5rem; padding: .3rem .1rem; }
  table.glance td .num, table.glance td .word { display: none; }
  table.glance td .verdict { font-size: 1rem; }
  /* A chart squeezed to a phone's width would print its text 5 px high: it
     keeps 640 px (text about 8.5 px) and pans sideways inside its figure. */
  figure { overflow-x: auto; }
  figure svg.chart { min-width: 640px; max-width: none; }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; line-height: 1.4; }
  nav.toc { display: none; }
  h2 { margin-top: 1.6rem; break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  figure, tr, .callout, .warning, dl.facts, dl.policies dd, table.glance, table.scorecard { break-inside: avoid; page-break-inside: avoid; }
  nav.outcomes, section.outcome > p.note { display: none; }
  /* Nine outcome columns share 186 mm: small type, tight cells. */
  table.glance { font-size: 7pt; }
  table.glance th.label { width: 7.5rem; }
  table.glance th, table.glance td { padding: .15rem .1rem; }
  table.glance thead th, table.glance td .verdict, table.glance td .num { font-size: 6.5pt; }
  figure svg.chart { max-width: 100%; }
  .table-wrap { overflow: visible; }
  table { font-size: 8pt; }
  th, td { padding: .2rem .4rem; white-space: normal; }
  th.label, td.label { min-width: 0; }
  thead { display: table-header-group; }
  dl.facts, thead th, details pre { background: none; }
  details pre { max-height: none; overflow: visible; white-space: pre-wrap; word-break: break-all; font-size: 7pt; }
  a { color: inherit; text-decoration: none; }
}
)css";

}  // namespace entente::analysis::report
