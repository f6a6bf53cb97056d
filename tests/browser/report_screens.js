// The report of an eight-policy comparison as a planner sees it, in headless
// Chromium (Debian's), registered in CTest (tests/CMakeLists.txt):
//
//   node tests/browser/report_screens.js ENTENTE SOURCE_DIR [--shots DIR]
//
// Runs `entente compare` on the shipped scenario (its eight policies, 200
// runs), opens report.html and checks, issue by issue of what a planner
// reads first:
//   - laptop (1366 x 900): the first screen holds the whole verdict matrix
//     ("The answer at a glance"): a column for every headline outcome of
//     compare.json, a row for every policy but the reference, by its label,
//     and in every cell a verdict word; the page does not scroll sideways;
//   - phone (390 x 844): the page does not scroll sideways and the matrix
//     fits the width; every cell still shows its verdict mark; the charts'
//     text is at least 7 px high (they pan inside their figure);
//   - laptop and print (A4, the report's @page margins): no table is wider
//     than the screen or the printable width, and Chromium prints to PDF.
// With --shots DIR it also writes the screenshots docs/reports.md shows:
// report_1366.png, report_390.png and report_print.png (the first A4 page
// in print media). scripts/report_screenshots.sh calls it that way.
// Exit status: 0 passed, 1 failed, 77 skipped (no chromium).
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { findChromium, startBrowser, openTab, evaluate, removeWorkFolder } = require('./cdp');

const args = process.argv.slice(2);
const shotsAt = args.indexOf('--shots');
const shots = shotsAt >= 0 ? path.resolve(args.splice(shotsAt, 2)[1] || '') : null;
const [enteRel, sourceDir] = args;
if (!enteRel || !sourceDir) {
  console.error('usage: node report_screens.js ENTENTE SOURCE_DIR [--shots DIR]');
  process.exit(2);
}
const chromiumPath = findChromium();
if (!chromiumPath) {
  console.log('SKIP: chromium is not installed (Debian package chromium; scripts/install-deps.sh installs it)');
  process.exit(77);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'entente_report_screens_'));
let browser = null;
let finished = false;
function fail(message) {
  console.error('report_screens: FAILED: ' + message);
  console.error('work folder kept: ' + work);
  if (browser && browser.exitCode === null) browser.kill('SIGKILL');
  process.exit(1);
}
process.on('unhandledRejection', (e) => fail(e && e.stack ? e.stack : String(e)));

// The printable area of an A4 page at CSS 96 px per inch, less the report's
// @page margins (analysis/report/report_css.cpp: 14 mm top and bottom, 12 mm
// a side): 186 x 269 mm.
const A4 = { width: Math.floor(186 / 25.4 * 96), height: Math.floor(269 / 25.4 * 96) };

// The report names the scenario by the path it was given. A CI runner's
// checkout path is long and unbroken, and once widened the phone page by
// 1-90 px: the scenario is run from a copy under a path at least that long.
function longPathCopy() {
  const dir = path.join(work, 'a-checkout-path-as-long-and-unbroken-as-a-ci-runners-builds-0123456789', 'scenarios');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'sino_russia_2035.yaml');
  fs.copyFileSync(path.join(path.resolve(sourceDir), 'scenarios', 'sino_russia_2035.yaml'), file);
  return file;
}

function compare() {
  const out = path.join(work, 'cmp');
  try {
    execFileSync(path.resolve(enteRel),
                 ['compare', longPathCopy(), '--runs', '200',
                  '--seed', '7', '--out', out, '--quiet'],
                 { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    fail('entente compare: ' + (e.stderr || e.message));
  }
  return out;
}

// What the first screen shows of the verdict matrix: its box, its column and
// row labels and each cell's verdict word and mark.
const READ_MATRIX = `(() => {
  const t = document.querySelector('#summary table.glance');
  if (!t) return null;
  const r = t.getBoundingClientRect();
  return {
    box: { top: r.top, bottom: r.bottom, left: r.left, right: r.right },
    columns: [...t.querySelectorAll('thead th:not(.label)')].map((th) => th.textContent.trim()),
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => ({
      label: tr.querySelector('th').textContent.trim(),
      cells: [...tr.querySelectorAll('td')].map((td) => ({
        word: (td.querySelector('.verdict .word') || {}).textContent || '',
        glyph: (td.querySelector('.verdict .glyph') || {}).textContent || '',
        glyphVisible: !!td.querySelector('.verdict .glyph') &&
                      td.querySelector('.verdict .glyph').getBoundingClientRect().width > 0,
      })),
    })),
    pageWidth: document.documentElement.scrollWidth,
  };
})()`;

// The median height of the text of the first charts, in CSS px as shown.
const CHART_TEXT = `(() => {
  const heights = [];
  for (const svg of [...document.querySelectorAll('svg.chart')].slice(0, 4))
    for (const t of svg.querySelectorAll('text')) {
      const h = t.getBoundingClientRect().height;
      if (h > 0) heights.push(h);
    }
  heights.sort((a, b) => a - b);
  return heights.length ? heights[heights.length >> 1] : null;
})()`;
// A phone's smallest readable text, in CSS px (the report's own smallest type
// is 0.66rem, about 10.6 px; chart labels may be smaller, not illegible).
const MIN_CHART_TEXT_PX = 7;

// The widest table, by its right edge, and the page's width.
const WIDEST_TABLE = `(() => {
  let widest = { right: 0, what: '' };
  for (const t of document.querySelectorAll('table')) {
    const r = t.getBoundingClientRect();
    if (r.right > widest.right) widest = { right: r.right, what: (t.className || 'table') + ' ' + (t.id || '') };
  }
  return { widest: widest, pageWidth: document.documentElement.scrollWidth };
})()`;

const VERDICT_WORDS = ['better', 'worse', 'negligible', 'unclear', 'higher', 'lower'];

function checkMatrix(m, expect, screen, view) {
  if (!m) fail(screen + ': the report has no verdict matrix (#summary table.glance)');
  if (m.pageWidth > view.width) fail(screen + ': the page scrolls sideways (' + m.pageWidth + ' px > ' + view.width + ')');
  if (m.box.right > view.width) fail(screen + ': the matrix is cut off at the right (' + m.box.right + ' px)');
  const missing = expect.outcomes.filter((o) => !m.columns.includes(o));
  if (missing.length) fail(screen + ': headline outcomes missing from the matrix: ' + missing.join(', '));
  const labels = m.rows.map((r) => r.label);
  if (JSON.stringify(labels) !== JSON.stringify(expect.policies))
    fail(screen + ': matrix rows ' + JSON.stringify(labels) + ', expected ' + JSON.stringify(expect.policies));
  for (const r of m.rows) {
    if (r.cells.length !== m.columns.length) fail(screen + ': row ' + r.label + ' has ' + r.cells.length + ' cells');
    for (const c of r.cells) {
      if (!VERDICT_WORDS.includes(c.word.trim())) fail(screen + ': row ' + r.label + ': no verdict word (' + c.word + ')');
      if (!c.glyph.trim() || !c.glyphVisible) fail(screen + ': row ' + r.label + ': the verdict mark is not shown');
    }
  }
}

async function main() {
  const dir = compare();
  const cmp = JSON.parse(fs.readFileSync(path.join(dir, 'compare.json'), 'utf8'));
  const headline = cmp.outcomes.filter((o) => o.headline);
  const expect = {
    outcomes: (headline.length ? headline : cmp.outcomes).map((o) => o.label || o.id),
    policies: cmp.policies.filter((p) => p.id !== cmp.reference).map((p) => p.label || p.id),
  };
  if (expect.policies.length < 7) fail('expected the shipped scenario\'s eight policies, got ' + (expect.policies.length + 1));

  const b = startBrowser(chromiumPath, path.join(work, 'profile'), (code, stderr) => {
    if (!finished) fail('chromium exited (' + code + '): ' + stderr);
  });
  browser = b.process;
  const send = b.send;
  const tab = await openTab(send, 'about:blank');
  const url = 'file://' + path.join(dir, 'report.html');
  async function show(view, media) {
    await send('Emulation.setDeviceMetricsOverride',
               { width: view.width, height: view.height, deviceScaleFactor: 1, mobile: !!view.mobile }, tab);
    await send('Emulation.setEmulatedMedia', { media: media || '' }, tab);
    // Page.navigate returns before the new document replaces the old one: an
    // evaluation right away may still see the last page (the same URL, or
    // about:blank), complete. So the old document is marked first, and the
    // wait is for an unmarked document of this URL, loaded, with its fonts.
    await evaluate(send, tab, 'window.__replaced = true');
    await send('Page.navigate', { url: url }, tab);
    const loaded = `!window.__replaced && location.href === ${JSON.stringify(url)} && document.readyState === 'complete'`;
    for (const t0 = Date.now(); !(await evaluate(send, tab, loaded).catch(() => false));) {
      if (Date.now() - t0 > 60000) fail('the report did not load within 60 s: ' + url);
      await new Promise((r) => setTimeout(r, 50));
    }
    await evaluate(send, tab, 'document.fonts ? document.fonts.ready.then(() => true) : true');
  }
  async function shot(name, view) {
    if (!shots) return;
    fs.mkdirSync(shots, { recursive: true });
    const { data } = await send('Page.captureScreenshot',
                                { format: 'png', clip: { x: 0, y: 0, width: view.width, height: view.height, scale: 1 } },
                                tab);
    fs.writeFileSync(path.join(shots, name), Buffer.from(data, 'base64'));
  }

  const laptop = { width: 1366, height: 900 };
  await show(laptop);
  const m = await evaluate(send, tab, READ_MATRIX);
  checkMatrix(m, expect, '1366 x 900', laptop);
  if (m.box.bottom > laptop.height)
    fail('1366 x 900: the verdict matrix ends at ' + Math.round(m.box.bottom) + ' px, below the first screen');
  const wide = await evaluate(send, tab, WIDEST_TABLE);
  if (wide.widest.right > laptop.width)
    fail('1366 x 900: table ' + wide.widest.what + ' is wider than the screen (' + Math.round(wide.widest.right) + ' px)');
  await shot('report_1366.png', laptop);

  const phone = { width: 390, height: 844, mobile: true };
  await show(phone);
  checkMatrix(await evaluate(send, tab, READ_MATRIX), expect, '390 x 844', phone);
  const text = await evaluate(send, tab, CHART_TEXT);
  if (text === null) fail('390 x 844: the report has no chart text');
  if (text < MIN_CHART_TEXT_PX) fail('390 x 844: chart text is ' + text.toFixed(1) + ' px high (at least ' + MIN_CHART_TEXT_PX + ')');
  await shot('report_390.png', phone);

  const page = { width: A4.width, height: A4.height };
  await show(page, 'print');
  const p = await evaluate(send, tab, WIDEST_TABLE);
  if (p.pageWidth > page.width) fail('print: the page is ' + p.pageWidth + ' px wide, more than A4\'s ' + page.width);
  if (p.widest.right > page.width)
    fail('print: table ' + p.widest.what + ' is cut off (' + Math.round(p.widest.right) + ' px > ' + page.width + ')');
  await shot('report_print.png', page);
  const pdf = await send('Page.printToPDF', { paperWidth: 8.27, paperHeight: 11.69, printBackground: true }, tab);
  if (!pdf.data || Buffer.from(pdf.data, 'base64').subarray(0, 5).toString() !== '%PDF-')
    fail('print: Chromium did not print the report to PDF');

  finished = true;
  if (browser.exitCode === null && browser.signalCode === null)
    await new Promise((r) => { browser.once('exit', r); browser.kill('SIGKILL'); });
  removeWorkFolder(work, 'report_screens');
  console.log('report_screens: passed (' + expect.policies.length + ' policies x ' + expect.outcomes.length +
              ' headline outcomes at 1366 x 900, 390 x 844 and A4' + (shots ? '; screenshots in ' + shots : '') + ')');
}
main();
