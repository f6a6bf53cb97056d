// The page draws everything with textContent and DOM calls: no text from the
// server is ever parsed as HTML. The only markup it inserts is the charts'
// SVG, which the server builds with every label escaped, parsed as XML.
#include "analysis/play_web/web_assets.hpp"

namespace entente::analysis::play_web {

namespace {

const char* kIndexHtml = R"HTML(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>entente wargame</title>
<link rel="stylesheet" href="/app.css">
</head>
<body>
<header>
  <h1 id="title">entente wargame</h1>
  <div id="where"></div>
  <div id="deadline" class="deadline"></div>
  <div id="busy" class="busy" aria-live="polite"></div>
</header>
<div id="flash" class="flash" aria-live="polite"></div>
<div id="fork-status" class="fork-status" aria-live="polite"></div>
<main id="main"><p>Loading&hellip;</p></main>
<script src="/app.js"></script>
</body>
</html>
)HTML";

const char* kAppCss = R"CSS(
body { font-family: system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #f6f6f4; }
header { background: #23395d; color: #fff; padding: 0.6em 1em; display: flex; flex-wrap: wrap; gap: 0.4em 1.5em; align-items: baseline; }
header h1 { font-size: 1.2em; margin: 0; }
.busy { color: #ffd479; font-weight: bold; }
.fork-status:empty { display: none; }
.fork-status { margin: 0.5em 1em; padding: 0.5em; background: #eef3fb; border: 1px solid #b9c8e4; }
.fork-status progress { width: 20em; max-width: 100%; }
.fork-status div { overflow-wrap: anywhere; }
.fork-status pre { overflow-x: auto; max-width: 100%; }
.deadline { font-weight: bold; }
.deadline.late { color: #ff8a80; }
main { padding: 0.5em 1em 2em; max-width: 1200px; margin: 0 auto; }
section { overflow-x: auto; background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 0.6em 1em; margin: 0.8em 0; }
h2 { font-size: 1.05em; margin: 0.2em 0 0.5em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.25em 0.5em; border-bottom: 1px solid #eee; vertical-align: middle; }
pre { overflow-x: auto; font-size: 0.8em; background: #fafafa; padding: 0.5em; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 0.6em; }
.charts svg { width: 100%; height: auto; background: #fff; }
.flash { padding: 0.4em 1em; min-height: 1.2em; color: #1a5e20; white-space: pre-wrap; }
.flash.bad { color: #a00; font-weight: bold; }
button { font-size: 1em; padding: 0.35em 0.9em; margin: 0.2em 0.4em 0.2em 0; cursor: pointer; }
input[type=range] { width: 100%; min-width: 8em; }
input[type=number] { width: 6em; }
input[type=text], select { font-size: 1em; max-width: 100%; }
.row select { flex: 1 1 14em; min-width: 0; }
.row input[type=text] { flex: 2 1 16em; min-width: 0; }
.row { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; margin: 0.3em 0; }
.muted { color: #666; font-size: 0.9em; }
@media (max-width: 600px) {
  main { padding: 0.3em; }
  /* Lever tables stack: one block per lever, each value beside its column's name. */
  table.levers tr.head { display: none; }
  table.levers tr { display: block; border-bottom: 1px solid #ddd; padding: 0.3em 0; }
  table.levers td { display: flex; justify-content: space-between; gap: 1em; border: none; }
  table.levers td::before { content: attr(data-label); color: #666; }
  table.levers td.lever-id { font-weight: bold; }
  section { padding: 0.5em; }
  th, td { padding: 0.2em; font-size: 0.9em; }
}
)CSS";

const char* kAppJs = R"JS('use strict';
(function () {
  // The access token comes in the link's fragment, which the browser never
  // sends to a server; it stays in this tab (sessionStorage) and leaves the
  // address bar at once.
  const KEY = 'entente_token';
  const fromLink = location.hash.slice(1);
  if (/^[0-9a-f]{64}$/.test(fromLink)) {
    sessionStorage.setItem(KEY, fromLink);
    history.replaceState(null, '', location.pathname);
  }
  const token = sessionStorage.getItem(KEY) || '';
  let csrf = '';
  let version = -1;
  let view = null;
  const edits = {};
  let dueAt = null;  // when the coming turn's moves are due (this browser's clock), or null  // a team's lever values not yet submitted: kept across refreshes

  const $ = (id) => document.getElementById(id);
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function section(title) {
    const s = el('section');
    s.appendChild(el('h2', title));
    return s;
  }
  function fmt(x) {
    if (typeof x !== 'number') return String(x);
    return String(Number(x.toPrecision(4)));
  }
  function flash(msg, bad) {
    const f = $('flash');
    f.textContent = msg;
    f.className = bad ? 'flash bad' : 'flash';
  }

  async function api(method, path, body) {
    const headers = { 'Authorization': 'Bearer ' + token };
    const opt = { method: method, headers: headers, cache: 'no-store' };
    if (method === 'POST') {
      headers['Content-Type'] = 'application/json';
      headers['X-CSRF-Token'] = csrf;
      opt.body = JSON.stringify(body || {});
    }
    const r = await fetch(path, opt);
    const j = await r.json().catch(() => ({ error: 'HTTP ' + r.status }));
    if (!r.ok) throw new Error(j.error || ('HTTP ' + r.status));
    return j;
  }

  async function refresh() {
    const j = await api('GET', '/api/view?since=' + version);
    csrf = j.csrf;
    $('busy').textContent = j.busy ? j.busy + '\u2026' : '';
    if (j.fork) showFork(j.fork);
    dueAt = j.deadline_seconds_left === null ? null : Date.now() + j.deadline_seconds_left * 1000;
    showDeadline();
    if (!j.unchanged) {
      version = j.version;
      view = j.view;
      render();
    }
  }
  function showDeadline() {
    const d = $('deadline');
    if (dueAt === null) {
      d.textContent = '';
      return;
    }
    const left = Math.round((dueAt - Date.now()) / 1000);
    const a = Math.abs(left);
    const mmss = Math.floor(a / 60) + ':' + String(a % 60).padStart(2, '0');
    d.textContent = left >= 0 ? 'moves due in ' + mmss : 'moves were due ' + mmss + ' ago';
    d.className = left >= 0 ? 'deadline' : 'deadline late';
  }
  setInterval(showDeadline, 1000);

  // A file the server sends only with the token: fetched, then saved.
  async function download(path, name, button) {
    if (button) button.disabled = true;
    try {
      const r = await fetch(path, { headers: { 'Authorization': 'Bearer ' + token }, cache: 'no-store' });
      if (!r.ok) throw new Error((await r.json().catch(() => ({}))).error || ('HTTP ' + r.status));
      const url = URL.createObjectURL(await r.blob());
      const a = el('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      flash(name + ' downloaded');
    } catch (e) {
      flash(e.message, true);
    } finally {
      if (button) button.disabled = false;
    }
  }

  // The facilitator's fork: its progress while it runs (every poll), then
  // its outcome and downloads. Redrawn only when it changes.
  let forkShown = '';
  function showFork(f) {
    const text = JSON.stringify(f);
    if (text === forkShown) return;
    forkShown = text;
    const box = $('fork-status');
    box.replaceChildren();
    if (f.state === 'idle') return;
    const what = 'Fork from turn ' + f.turn + (f.policy ? ' under policy ' + f.policy : '') + ': ';
    if (f.state === 'running') {
      box.appendChild(el('div', what + f.done + ' of ' + f.total + ' futures'));
      const p = el('progress');
      p.max = f.total;
      p.value = f.done;
      box.appendChild(p);
      box.dataset.state = 'running';
      return;
    }
    box.dataset.state = f.state;
    if (f.state === 'done') {
      box.appendChild(el('div', what + f.total + ' futures, journal entry ' + f.seq + ', written to ' + f.out));
      const row = el('div', null, 'row');
      const rb = el('button', 'Fork report (download)');
      rb.id = 'fork-report';
      rb.addEventListener('click', () => download(f.report, 'fork_' + f.seq + '_report.html', rb));
      const sb = el('button', 'Fork summary.csv (download)');
      sb.id = 'fork-summary';
      sb.addEventListener('click', () => download(f.summary, 'fork_' + f.seq + '_summary.csv', sb));
      row.appendChild(rb);
      row.appendChild(sb);
      box.appendChild(row);
      box.appendChild(el('pre', f.message));
    } else {
      box.appendChild(el('div', what + (f.state === 'stopped' ? '' : 'failed: ') + f.message, 'bad'));
    }
  }

  async function poll() {
    try {
      await refresh();
    } catch (e) {
      $('busy').textContent = e.message;
    }
    setTimeout(poll, 1000);
  }
  async function act(path, body, button) {
    if (button) button.disabled = true;
    try {
      const j = await api('POST', path, body);
      flash(j.message);
      return true;
    } catch (e) {
      flash(e.message, true);
      return false;
    } finally {
      if (button) button.disabled = false;
      refresh().catch(() => {});
    }
  }

  function charts(v) {
    const s = section('Headline outcomes: the path taken and each turn\'s futures (box 25-75%, whisker 5-95%)');
    const box = el('div', null, 'charts');
    for (const svg of v.charts) {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      if (doc.documentElement && doc.documentElement.nodeName === 'svg')
        box.appendChild(document.importNode(doc.documentElement, true));
    }
    s.appendChild(box);
    return s;
  }
  function situation(v, main) {
    const st = section('State after turn ' + v.turn);
    st.appendChild(el('pre', v.state_text));
    main.appendChild(st);
    main.appendChild(charts(v));
    const ev = section('Events of the futures taken');
    if (!v.events.length) ev.appendChild(el('p', 'none yet', 'muted'));
    const ul = el('ul');
    for (const e of v.events) ul.appendChild(el('li', 'turn ' + e.turn + ' (' + fmt(e.year) + '): ' + e.kind + ' ' + e.name));
    ev.appendChild(ul);
    main.appendChild(ev);
  }
  function leverTable(levers, editable) {
    const t = el('table', null, 'levers');
    const head = el('tr', null, 'head');
    for (const h of ['lever', 'setting', 'range', 'set by']) head.appendChild(el('th', h));
    if (editable) head.appendChild(el('th', 'your move'));
    t.appendChild(head);
    for (const l of levers) {
      const tr = el('tr');
      const cell = (label, text) => {
        const td = el('td', text);
        td.dataset.label = label;  // the column's name, shown beside the value on a phone
        tr.appendChild(td);
        return td;
      };
      cell('lever', l.id).className = 'lever-id';
      cell('setting', fmt(l.setting));
      cell('range', '[' + fmt(l.min) + ', ' + fmt(l.max) + ']');
      cell('set by', l.set_by);
      if (editable) {
        const td = cell('your move');
        const range = el('input');
        range.type = 'range';
        const num = el('input');
        num.type = 'number';
        for (const i of [range, num]) {
          i.min = l.min;
          i.max = l.max;
          i.step = 0.01;
          i.value = l.id in edits ? edits[l.id] : l.setting;
          i.setAttribute('aria-label', l.id);
          i.dataset.lever = l.id;
        }
        range.addEventListener('input', () => { num.value = range.value; edits[l.id] = range.value; });
        num.addEventListener('input', () => { range.value = num.value; edits[l.id] = num.value; });
        num.className = 'lever-value';
        td.appendChild(range);
        td.appendChild(num);
      }
      t.appendChild(tr);
    }
    return t;
  }
  function moveText(m) {
    return m.team + ': ' + m.set.map((s) => s.lever + ' ' + fmt(s.previous) + ' \u2192 ' + fmt(s.value)).join(', ');
  }

  function renderTeam(v, main) {
    const s = section('Team ' + v.team + ': your levers for turn ' + (v.turn + 1));
    s.appendChild(leverTable(v.levers, !v.over));
    const row = el('div', null, 'row');
    const submit = el('button', 'Submit move');
    submit.id = 'submit-move';
    submit.addEventListener('click', async () => {
      const set = [];
      for (const l of v.levers) {
        if (!(l.id in edits)) continue;
        const value = Number(edits[l.id]);
        if (value !== l.setting) set.push({ lever: l.id, value: value });
      }
      if (!set.length) return flash('nothing changed: move a lever first', true);
      if (await act('/api/move', { set: set }, submit)) for (const k of Object.keys(edits)) delete edits[k];
    });
    const withdraw = el('button', 'Withdraw move');
    withdraw.id = 'withdraw-move';
    withdraw.disabled = !v.my_pending.length;
    withdraw.addEventListener('click', () => act('/api/withdraw', {}, withdraw));
    if (!v.over) {
      row.appendChild(submit);
      row.appendChild(withdraw);
    }
    s.appendChild(row);
    const p = el('p', v.my_pending.length ? 'Submitted for this turn:' : 'Nothing submitted for this turn yet.', 'muted');
    s.appendChild(p);
    const ul = el('ul');
    for (const m of v.my_pending) ul.appendChild(el('li', moveText(m)));
    s.appendChild(ul);
    main.appendChild(s);
    situation(v, main);
  }

  function renderFacilitator(v, main) {
    const teams = section('Teams and levers');
    for (const t of v.teams) {
      teams.appendChild(el('h3', t.id));
      teams.appendChild(leverTable(t.levers, false));
    }
    main.appendChild(teams);

    const sub = section('Submitted for turn ' + (v.turn + 1));
    const ul = el('ul');
    for (const p of v.pending)
      ul.appendChild(el('li', p.kind === 'move' ? moveText(p.move)
                                                : 'inject ' + p.event + (p.note ? ' \u2014 note: ' + p.note : '')));
    if (!v.pending.length) sub.appendChild(el('p', 'nothing yet', 'muted'));
    sub.appendChild(ul);
    main.appendChild(sub);

    const ctl = section('Facilitator');
    if (!v.over) {
      const inj = el('div', null, 'row');
      const sel = el('select');
      sel.id = 'inject-event';
      sel.setAttribute('aria-label', 'event to inject');
      for (const e of v.scenario_events) {
        const o = el('option', e.id + (e.description ? ' \u2014 ' + e.description : ''));
        o.value = e.id;
        sel.appendChild(o);
      }
      const note = el('input');
      note.type = 'text';
      note.id = 'inject-note';
      note.placeholder = 'note (journalled; teams do not see it)';
      note.maxLength = 2000;
      const ib = el('button', 'Inject');
      ib.id = 'inject';
      ib.addEventListener('click', async () => {
        if (await act('/api/inject', { event: sel.value, note: note.value }, ib)) note.value = '';
      });
      inj.appendChild(sel);
      inj.appendChild(note);
      inj.appendChild(ib);
      ctl.appendChild(inj);
      const dl = el('div', null, 'row');
      const mins = el('input');
      mins.type = 'number';
      mins.min = 0;
      mins.max = 1440;
      mins.value = 10;
      mins.id = 'deadline-minutes';
      mins.setAttribute('aria-label', 'minutes until the moves are due');
      const db = el('button', 'Set deadline (minutes; 0 clears)');
      db.addEventListener('click', () => act('/api/deadline', { minutes: Number(mins.value) }, db));
      dl.appendChild(db);
      dl.appendChild(mins);
      ctl.appendChild(dl);
      const adj = el('button', 'Adjudicate turn ' + (v.turn + 1));
      adj.id = 'adjudicate';
      adj.addEventListener('click', () => act('/api/adjudicate', {}, adj));
      ctl.appendChild(adj);
    } else {
      ctl.appendChild(el('p', 'The game has reached the scenario\'s end year.'));
    }
    if (v.turn > 0) {
      const rw = el('div', null, 'row');
      const k = el('input');
      k.type = 'number';
      k.min = 0;
      k.max = v.turn - 1;
      k.value = v.turn - 1;
      k.id = 'rewind-turn';
      k.setAttribute('aria-label', 'turn to rewind to');
      const rb = el('button', 'Rewind to turn');
      rb.id = 'rewind';
      rb.addEventListener('click', () => act('/api/rewind', { turn: Number(k.value) }, rb));
      rw.appendChild(rb);
      rw.appendChild(k);
      ctl.appendChild(rw);
    }
    const fk = el('div', null, 'row');
    const ft = el('input');
    ft.type = 'number';
    ft.min = 0;
    ft.max = v.turn;
    ft.value = v.turn;
    ft.id = 'fork-turn';
    ft.setAttribute('aria-label', 'turn to fork from');
    const fm = el('input');
    fm.type = 'number';
    fm.min = 1;
    fm.max = 1000000;
    fm.value = 1000;
    fm.id = 'fork-runs';
    fm.setAttribute('aria-label', 'futures of the fork');
    const fp = el('select');
    fp.id = 'fork-policy';
    fp.setAttribute('aria-label', 'policy on top of the game\'s settings');
    const none = el('option', 'the game\'s settings');
    none.value = '';
    fp.appendChild(none);
    for (const p of v.policies) {
      const o = el('option', 'policy ' + p);
      o.value = p;
      fp.appendChild(o);
    }
    const fb = el('button', 'Fork into an ensemble from turn');
    fb.id = 'fork-start';
    fb.addEventListener('click', () => {
      const body = { turn: Number(ft.value), runs: Number(fm.value) };
      if (fp.value) body.policy = fp.value;
      act('/api/fork', body, fb);
    });
    fk.appendChild(fb);
    fk.appendChild(ft);
    fk.appendChild(el('span', 'futures'));
    fk.appendChild(fm);
    fk.appendChild(fp);
    ctl.appendChild(fk);
    const rep = el('button', 'After-action report (download)');
    rep.addEventListener('click', () => {
      flash('writing the after-action report\u2026');
      download('/api/report', 'after_action_report.html', rep);
    });
    ctl.appendChild(rep);
    main.appendChild(ctl);

    if (v.dashboard_text) {
      const d = section('Turn ' + v.turn + ': adjudication');
      d.appendChild(el('pre', v.dashboard_text));
      main.appendChild(d);
      main.appendChild(charts(v));
    } else {
      situation(v, main);
    }
    const log = section('Journal');
    log.appendChild(el('pre', v.log_text));
    main.appendChild(log);
  }

  function render() {
    const v = view;
    $('title').textContent = (v.role === 'facilitator' ? 'Facilitator' : 'Team ' + v.team) + ' \u2014 ' + v.scenario;
    $('where').textContent = 'turn ' + v.turn + ' of ' + v.n_turns + ' (' + fmt(v.year) + '), branch ' + v.branch +
                             (v.over ? ', game over' : '');
    const main = $('main');
    const scroll = window.scrollY;
    main.replaceChildren();
    if (v.role === 'facilitator') renderFacilitator(v, main);
    else renderTeam(v, main);
    window.scrollTo(0, scroll);
  }

  if (!token) {
    $('main').replaceChildren(el('p', 'Open the link you were given (it carries your access token).'));
  } else {
    poll();
  }
})();
)JS";

}  // namespace

const std::vector<WebAsset>& web_assets() {
  static const std::vector<WebAsset> assets = {
      {"/", "text/html; charset=utf-8", kIndexHtml},
      {"/app.js", "text/javascript; charset=utf-8", kAppJs},
      {"/app.css", "text/css; charset=utf-8", kAppCss},
  };
  return assets;
}

}  // namespace entente::analysis::play_web
