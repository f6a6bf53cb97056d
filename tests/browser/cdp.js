// Headless Chromium driven over the DevTools protocol on a pipe
// (--remote-debugging-pipe: NUL-separated JSON on file descriptors 3 and 4),
// with node's built-in modules only, nothing from npm. Shared by the browser
// tests (play_serve_e2e.js, report_screens.js) and the screenshot scripts.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

// $CHROMIUM, else chromium or chromium-browser on PATH; null when none.
function findChromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const dir of (process.env.PATH || '').split(':'))
    for (const name of ['chromium', 'chromium-browser']) {
      const p = path.join(dir, name);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        return p;
      } catch (e) { /* not here */ }
    }
  return null;
}

// Starts Chromium with its profile in `userDataDir`. `onExit(code, stderr)`
// is called if it exits. Returns { process, send }, where
// send(method, params, sessionId) resolves to the command's result.
function startBrowser(chromiumPath, userDataDir, onExit) {
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--remote-debugging-pipe', '--no-first-run',
                '--no-default-browser-check', '--disable-extensions', '--disable-background-networking',
                '--hide-scrollbars',
                // Several tabs, all in the background but one: without these a
                // background tab's timers fire at most once a second.
                '--disable-background-timer-throttling', '--disable-renderer-backgrounding',
                '--disable-backgrounding-occluded-windows',
                '--user-data-dir=' + userDataDir, 'about:blank'];
  const child = spawn(chromiumPath, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stdio[2].on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  child.on('exit', (code) => onExit(code, stderr));
  const toBrowser = child.stdio[3];
  const fromBrowser = child.stdio[4];
  let nextId = 1;
  const waiting = new Map();
  let buf = Buffer.alloc(0);
  fromBrowser.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (let i; (i = buf.indexOf(0)) >= 0;) {
      const msg = JSON.parse(buf.subarray(0, i).toString('utf8'));
      buf = buf.subarray(i + 1);
      if (msg.id && waiting.has(msg.id)) {
        const w = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (msg.error) w.reject(new Error(w.method + ': ' + JSON.stringify(msg.error)));
        else w.resolve(msg.result);
      }
    }
  });
  function send(method, params, sessionId) {
    const id = nextId++;
    const msg = { id: id, method: method, params: params || {} };
    if (sessionId) msg.sessionId = sessionId;
    toBrowser.write(JSON.stringify(msg) + '\0');
    return new Promise((resolve, reject) => waiting.set(id, { resolve, reject, method }));
  }
  return { process: child, send: send };
}

// A new tab at `url`, attached; resolves to its session id once it has loaded.
async function openTab(send, url) {
  const { targetId } = await send('Target.createTarget', { url: url });
  const { sessionId } = await send('Target.attachToTarget', { targetId: targetId, flatten: true });
  await evaluate(send, sessionId, 'document.readyState === "complete" || new Promise((r) => addEventListener("load", r))');
  return sessionId;
}

// The value of `expression` in the tab (awaited when it is a promise); a
// thrown exception rejects with its description.
async function evaluate(send, sessionId, expression) {
  const r = await send('Runtime.evaluate', { expression: expression, awaitPromise: true, returnByValue: true },
                       sessionId);
  if (r.exceptionDetails) {
    const e = r.exceptionDetails.exception;
    throw new Error(e && e.description ? e.description : JSON.stringify(r.exceptionDetails));
  }
  return r.result.value;
}

// Removes a test's work folder. Chromium's helper processes may still write to
// its profile for a moment after the browser is killed, so this retries, and
// a folder that still cannot go is left with a note: the checks have passed.
function removeWorkFolder(dir, name) {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  } catch (e) {
    console.log(name + ': note: could not remove ' + dir + ' (' + e.code + ')');
  }
}

module.exports = { findChromium, startBrowser, openTab, evaluate, removeWorkFolder };
