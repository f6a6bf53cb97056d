// End-to-end test of `entente play serve` in a real browser (Debian's
// Chromium, headless), registered in CTest (tests/CMakeLists.txt):
//
//   node tests/browser/play_serve_e2e.js ENTENTE SOURCE_DIR
//
// Plays a three-team, three-turn game through the pages only, each team from
// its own link in its own tab: moves typed into the lever inputs and
// submitted, an inject with a note, a rewind, a fork into an ensemble
// (waited for through its progress, its report downloaded), then plays the
// same game with `entente play` commands and checks that the two journals
// (`entente play log`, less the clock times), the final states (`entente
// play status`) and the forks' summary.csv are equal.
//
// Chromium is driven over the DevTools protocol on a pipe
// (--remote-debugging-pipe: NUL-separated JSON on file descriptors 3 and 4),
// so the test needs node's built-in modules only, nothing from npm.
// Exit status: 0 passed, 1 failed, 77 skipped (no chromium: CTest's
// SKIP_RETURN_CODE; scripts/install-deps.sh installs it).
'use strict';
const { spawn, execFileSync } = require('child_process');
const { findChromium, startBrowser: launchChromium, openTab, evaluate, removeWorkFolder } = require('./cdp');
const fs = require('fs');
const os = require('os');
const path = require('path');

const t0 = Date.now();
const [enteRel, sourceDir] = process.argv.slice(2);
const entente = enteRel && path.resolve(enteRel);
if (!entente || !sourceDir) {
  console.error('usage: node play_serve_e2e.js ENTENTE SOURCE_DIR');
  process.exit(2);
}

const chromiumPath = findChromium();
if (!chromiumPath) {
  console.log('SKIP: chromium is not installed (Debian package chromium; scripts/install-deps.sh installs it)');
  process.exit(77);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'entente_e2e_'));
const webDir = path.join(work, 'web');
const cliDir = path.join(work, 'cli');
const downloads = path.join(work, 'downloads');
for (const d of [webDir, cliDir, downloads]) fs.mkdirSync(d);
const scenario = path.join(path.resolve(sourceDir), 'scenarios', 'sino_russia_2035.yaml');
const FORK_RUNS = 200;
const NOTE = 'PLA exercise turns into a quarantine of Taiwan';

let server = null;
let browser = null;
function cleanup() {
  for (const p of [browser, server]) if (p && p.exitCode === null) p.kill('SIGKILL');
}
function fail(message) {
  console.error('play_serve_e2e: FAILED: ' + message);
  console.error('work folder kept: ' + work);
  cleanup();
  process.exit(1);
}
process.on('unhandledRejection', (e) => fail(e && e.stack ? e.stack : String(e)));

// `entente ARGS...` in `cwd`: its stdout; a non-zero exit fails the test.
function cli(cwd, args) {
  try {
    return execFileSync(entente, args, { cwd: cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    fail('entente ' + args.join(' ') + ' (in ' + cwd + '): ' + (e.stderr || e.message));
  }
}

// Both games start with the same command, each in its own folder, on a
// session named alike: the fork's output folder (relative to the session)
// is then the same text in both journals.
const newGame = ['play', 'new', scenario, '--session', 'game.sqlite', '--seed', '7', '--runs-per-turn', '200',
                 '--team', 'blue=us_sanctions_russia,secondary_sanctions_russia,tariffs_china,us_engagement_russia',
                 '--team', 'white=western_sanctions_russia,western_export_controls_russia,nato_defence_spending',
                 '--team', 'yellow=sino_russian_partnership'];
cli(webDir, newGame);
cli(cliDir, newGame);

// ---- the DevTools protocol over a pipe (cdp.js) ----
function startBrowser() {
  const b = launchChromium(chromiumPath, path.join(work, 'profile'), (code, stderr) => {
    if (!finished) fail('chromium exited (' + code + '): ' + stderr);
  });
  browser = b.process;
  return b.send;
}
let finished = false;

// In every page: wait for a condition, set an input as a person would, click
// a button and read the answer the page flashes.
const HELPERS = `window.__e2e = {
  async until(pred, what, ms) {
    const t0 = Date.now();
    for (;;) {
      let v = null;
      try { v = pred(); } catch (e) { v = null; }
      if (v) return v;
      if (Date.now() - t0 > (ms || 20000))
        throw new Error('timed out waiting for ' + what + ' (flash: ' + document.getElementById('flash').textContent + ')');
      await new Promise((r) => setTimeout(r, 25));
    }
  },
  set(el, value) {
    el.value = String(value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  },
  async click(id) {
    const f = document.getElementById('flash');
    f.textContent = '';
    const b = await this.until(() => { const e = document.getElementById(id); return e && !e.disabled && e; }, '#' + id);
    b.click();
    await this.until(() => f.textContent, 'the answer to #' + id);
    if (f.className.includes('bad')) throw new Error('#' + id + ' refused: ' + f.textContent);
    return f.textContent;
  },
};`;

class Page {
  constructor(send, sessionId, name) {
    this.send = send;
    this.sessionId = sessionId;
    this.name = name;
  }
  static async open(send, url, name) {
    return new Page(send, await openTab(send, url), name);
  }
  // Runs `body` (an async function body) in the page; returns its value.
  async run(body) {
    const expression = '(async () => { if (!window.__e2e) ' + HELPERS + '\n' + body + '\n})()';
    let value;
    try {
      value = await evaluate(this.send, this.sessionId, expression);
    } catch (e) {
      throw new Error(this.name + ': ' + e.message);
    }
    step(this.name + ': ' + body.replace(/\s+/g, ' ').slice(0, 60));
    return value;
  }
  eval(expression) { return this.run('return ' + expression + ';'); }
  // The page shows turn `turn` of branch `branch`.
  waitTurn(turn, branch) {
    const want = 'turn ' + turn + ' of ';
    const br = 'branch ' + branch;
    return this.run(`await __e2e.until(() => { const w = document.getElementById('where').textContent;
                       return w.startsWith(${JSON.stringify(want)}) && w.includes(${JSON.stringify(br)}); },
                       ${JSON.stringify(this.name + ' at turn ' + turn + ', ' + br)});`);
  }
  // A team's move: each lever's number typed in, then "Submit move".
  move(settings) {
    let body = '';
    for (const [lever, value] of Object.entries(settings))
      body += `__e2e.set(await __e2e.until(() => document.querySelector('input.lever-value[data-lever=${JSON.stringify(lever)}]'),
                 'the input of ${lever}'), ${JSON.stringify(String(value))});\n`;
    return this.run(body + `return await __e2e.click('submit-move');`);
  }
  click(id) { return this.run(`return await __e2e.click(${JSON.stringify(id)});`); }
  set(id, value) {
    return this.run(`__e2e.set(await __e2e.until(() => document.getElementById(${JSON.stringify(id)}), '#${id}'),
                     ${JSON.stringify(String(value))});`);
  }
}

// E2E_VERBOSE=1: the time each step ends at.
const step = (what) => { if (process.env.E2E_VERBOSE) console.log(((Date.now() - t0) / 1000).toFixed(2) + ' s ' + what); };

async function main() {
  // ---- the server ----
  server = spawn(entente, ['play', 'serve', 'game.sqlite', '--listen', '127.0.0.1:0', '--threads', '2'],
                 { cwd: webDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let serverOut = '';
  server.stdout.on('data', (d) => { serverOut += d; });
  server.stderr.on('data', (d) => { serverOut += d; });
  const started = Date.now();
  while (!serverOut.includes('Ctrl-C')) {
    if (server.exitCode !== null || Date.now() - started > 10000) fail('entente play serve did not start: ' + serverOut);
    await new Promise((r) => setTimeout(r, 25));
  }
  const link = (role) => {
    const m = serverOut.match(new RegExp('^  ' + role + ' +(http://\\S+)$', 'm'));
    if (!m) fail('no link for ' + role + ' in: ' + serverOut);
    return m[1];
  };

  step('const send = startBrowser();');
  const send = startBrowser();
  await send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  const fac = await Page.open(send, link('facilitator'), 'facilitator');
  const blue = await Page.open(send, link('team:blue'), 'team blue');
  const white = await Page.open(send, link('team:white'), 'team white');
  const yellow = await Page.open(send, link('team:yellow'), 'team yellow');
  const all = [fac, blue, white, yellow];
  for (const p of all) await p.waitTurn(0, 0);
  step('for (const p of all) await p.w');
  const turnEverywhere = async (turn, branch) => { for (const p of all) await p.waitTurn(turn, branch); };

  // Turn 1: two moves, adjudicated.
  await blue.move({ secondary_sanctions_russia: 0.6 });
  await yellow.move({ sino_russian_partnership: 0.9 });
  await fac.click('adjudicate');
  await turnEverywhere(1, 0);
  step('await turnEverywhere(1, 0);');
  // Turn 2: a move and an inject with a note.
  await white.move({ nato_defence_spending: 0.8 });
  await fac.run(`__e2e.set(document.getElementById('inject-event'), 'taiwan_crisis');
                 __e2e.set(document.getElementById('inject-note'), ${JSON.stringify(NOTE)});`);
  await fac.click('inject');
  if (await blue.eval(`document.body.textContent.includes(${JSON.stringify(NOTE)})`))
    fail('team blue sees the facilitator\'s note');
  await fac.click('adjudicate');
  await turnEverywhere(2, 0);
  step('await turnEverywhere(2, 0);');
  // Rewind to turn 1 (branch 1), and turn 2 played again with another move.
  await fac.set('rewind-turn', 1);
  await fac.click('rewind');
  await turnEverywhere(1, 1);
  step('await turnEverywhere(1, 1);');
  await blue.move({ tariffs_china: 0.7 });
  await fac.click('adjudicate');
  await turnEverywhere(2, 1);
  step('await turnEverywhere(2, 1);');

  // A fork from turn 2: progress polled on the page, then its report downloaded.
  await fac.set('fork-turn', 2);
  await fac.set('fork-runs', FORK_RUNS);
  await fac.click('fork-start');
  await fac.run(`await __e2e.until(() => document.getElementById('fork-status').dataset.state === 'done' ||
                                         document.getElementById('fork-status').dataset.state === 'failed',
                                   'the fork to finish', 60000);
                 if (document.getElementById('fork-status').dataset.state !== 'done')
                   throw new Error('fork: ' + document.getElementById('fork-status').textContent);`);
  step('const forkText');
  const forkText = await fac.eval(`document.getElementById('fork-status').textContent`);
  if (!forkText.includes(FORK_RUNS + ' futures')) fail('the fork\'s status does not say its futures: ' + forkText);
  await fac.click('fork-report');
  await fac.click('fork-summary');
  const forks = fs.readdirSync(path.join(webDir, 'game_forks'));
  if (forks.length !== 1 || !/^turn2_branch1_seq\d+$/.test(forks[0])) fail('game_forks holds ' + forks.join(', '));
  const seq = forks[0].replace(/.*_seq/, '');
  const reportFile = path.join(downloads, 'fork_' + seq + '_report.html');
  const summaryFile = path.join(downloads, 'fork_' + seq + '_summary.csv');
  for (let i = 0; !(fs.existsSync(reportFile) && fs.existsSync(summaryFile)); ++i) {
    if (i > 400) fail('the fork\'s downloads did not arrive in ' + downloads + ': ' + fs.readdirSync(downloads));
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!fs.readFileSync(reportFile, 'utf8').includes('<html')) fail('the downloaded fork report is not HTML');
  if (fs.readFileSync(summaryFile, 'utf8') !== fs.readFileSync(path.join(webDir, 'game_forks', forks[0], 'summary.csv'), 'utf8'))
    fail('the downloaded summary.csv differs from the fork\'s');

  // Turn 3.
  await yellow.move({ sino_russian_partnership: 0.5 });
  await white.move({ western_sanctions_russia: 0.9 });
  await fac.click('adjudicate');
  await turnEverywhere(3, 1);
  step('await turnEverywhere(3, 1);');
  const browserSeconds = (Date.now() - t0) / 1000;
  finished = true;
  browser.kill('SIGTERM');
  server.kill('SIGINT');
  await new Promise((r) => (server.exitCode !== null ? r() : server.on('exit', r)));

  // ---- the same game with the command line ----
  const c = (args) => cli(cliDir, ['play'].concat(args));
  c(['move', 'game.sqlite', '--team', 'blue', '--set', 'secondary_sanctions_russia=0.6']);
  c(['move', 'game.sqlite', '--team', 'yellow', '--set', 'sino_russian_partnership=0.9']);
  c(['adjudicate', 'game.sqlite', '--quiet']);
  c(['move', 'game.sqlite', '--team', 'white', '--set', 'nato_defence_spending=0.8']);
  c(['inject', 'game.sqlite', '--event', 'taiwan_crisis', '--note', NOTE]);
  c(['adjudicate', 'game.sqlite', '--quiet']);
  c(['rewind', 'game.sqlite', '--turn', '1']);
  c(['move', 'game.sqlite', '--team', 'blue', '--set', 'tariffs_china=0.7']);
  c(['adjudicate', 'game.sqlite', '--quiet']);
  c(['fork', 'game.sqlite', '--turn', '2', '--runs', String(FORK_RUNS), '--out', 'game_forks/' + forks[0], '--quiet']);
  c(['move', 'game.sqlite', '--team', 'yellow', '--set', 'sino_russian_partnership=0.5']);
  c(['move', 'game.sqlite', '--team', 'white', '--set', 'western_sanctions_russia=0.9']);
  c(['adjudicate', 'game.sqlite', '--quiet']);

  step('const noClock');
  const noClock = (text) => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, 'TIME');
  const webLog = noClock(cli(webDir, ['play', 'log', 'game.sqlite']));
  const cliLog = noClock(cli(cliDir, ['play', 'log', 'game.sqlite']));
  if (webLog !== cliLog) fail('the journals differ.\n--- browser:\n' + webLog + '\n--- command line:\n' + cliLog);
  for (const kind of ['move', 'inject', 'adjudicate', 'rewind', 'fork'])
    if (!new RegExp(' ' + kind + ' ').test(webLog)) fail('the journal has no ' + kind + ' entry:\n' + webLog);
  const webStatus = cli(webDir, ['play', 'status', 'game.sqlite']);
  if (webStatus !== cli(cliDir, ['play', 'status', 'game.sqlite'])) fail('the final states differ');
  if (!webStatus.includes('turn 3 of')) fail('the game is not at turn 3:\n' + webStatus);
  for (const f of ['summary.csv', 'thresholds.csv'])
    if (fs.readFileSync(path.join(webDir, 'game_forks', forks[0], f), 'utf8') !==
        fs.readFileSync(path.join(cliDir, 'game_forks', forks[0], f), 'utf8'))
      fail('the forks\' ' + f + ' differ');
  cli(webDir, ['play', 'replay', 'game.sqlite']);

  removeWorkFolder(work, 'play_serve_e2e');
  console.log('play_serve_e2e: passed in ' + ((Date.now() - t0) / 1000).toFixed(1) + ' s (browser part ' +
              browserSeconds.toFixed(1) + ' s; ' + (webLog.trim().split('\n').length - 1) + ' journal entries equal)');
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
