// The playground page: the seed lesson's cells (lesson.json, served by this server), a
// CodeMirror 6 editor, Run (exec with "trace": true in one sandbox), the output, the live event
// log (the sandbox's WebSocket), a step slider (the step's line highlighted, its names and
// delta, and the heap picture at that step), the heap as SVG, and "why is this alive" on an
// object of the present heap. Plain DOM, no framework; every request goes to this same
// server's documented API, with the API key of the key field when one is given.
import { basicSetup } from 'codemirror';
import { python } from '@codemirror/lang-python';
import { EditorView, Decoration, keymap } from '@codemirror/view';
import { StateEffect, StateField } from '@codemirror/state';

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

// ---- the highlighted line: one effect sets it (0 clears), one field holds its decoration
const setStepLine = StateEffect.define();
const stepLine = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) {
      if (!e.is(setStepLine)) continue;
      if (e.value < 1 || e.value > tr.state.doc.lines) return Decoration.none;
      const line = tr.state.doc.line(e.value);
      return Decoration.set([Decoration.line({ class: 'cm-step-line' }).range(line.from)]);
    }
    return deco.map(tr.changes);
  },
  provide: (f) => EditorView.decorations.from(f),
});

const view = new EditorView({
  doc: '',
  parent: $('editor'),
  extensions: [
    keymap.of([{ key: 'Mod-Enter', run: () => { void run(); return true; } }]),
    basicSetup, python(), stepLine,
    EditorView.contentAttributes.of({ 'aria-label': 'Python code' }),
  ],
});

let sandbox = null;
let steps = [];

function status(text) { $('status').textContent = text; }

// A request to the API; a problem+json reply becomes an Error naming its detail.
async function api(method, path, body) {
  const init = { method, headers: {} };
  const key = apiKey();
  if (key) init.headers.authorization = `Bearer ${key}`;
  if (body !== undefined) { init.headers['content-type'] = 'application/json'; init.body = JSON.stringify(body); }
  const res = await fetch(path, init);
  const type = res.headers.get('content-type') || '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw new Error(typeof data === 'object' && data ? `${data.title}: ${data.detail ?? ''}` : String(data));
  return data;
}

function apiKey() { return $('apikey').value.trim(); }

async function ensureSandbox() {
  if (sandbox === null) {
    sandbox = (await api('POST', '/v1/sandboxes')).id;
    connectEvents(sandbox);
  }
  return sandbox;
}

// ---- the live event log: the sandbox's WebSocket, the events a lesson talks about
const EVENT_TYPES = 'gc.start,gc.stop,finalizer,weakref.callback,garbage,truncated';
let socket = null;
let lastSeq = 0;

function describeEvent(e) {
  switch (e.type) {
    case 'gc.start': return ['gc', `collection of generation ${e.generation} starts (${e.trigger})`];
    case 'gc.stop': return ['gc', `collection of generation ${e.generation} done (${e.trigger}): ${e.unreachable} unreachable, ` +
      `${e.collected} collected, ${e.uncollectable} uncollectable`];
    case 'finalizer': return ['finalizer', `finalizer of ${e.class} ${e.object} ran` + (e.printed ? `, printed ${JSON.stringify(e.printed)}` : '') +
      (e.resurrected ? ' (resurrected)' : '')];
    case 'weakref.callback': return ['finalizer', `weakref callback for ${e.object ?? ''}`];
    case 'garbage': return ['gc', `${e.object ?? 'an object'} went to gc.garbage`];
    default: return ['', `${e.type}`];
  }
}

function logEvent(e) {
  if (typeof e.seq === 'number') lastSeq = Math.max(lastSeq, e.seq);
  const [kind, text] = describeEvent(e);
  const li = document.createElement('li');
  li.className = kind;
  li.textContent = `#${e.seq} ${text}`;
  const list = $('events');
  list.append(li);
  while (list.children.length > 500) list.firstElementChild.remove();
  list.scrollTop = list.scrollHeight;
}

// Browsers cannot set headers on a WebSocket: the key travels as a subprotocol (src/auth.ts).
function connectEvents(id) {
  if (socket) socket.close(1000);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const since = lastSeq > 0 ? `&since=${lastSeq}` : '';
  const url = `${scheme}://${location.host}/v1/sandboxes/${encodeURIComponent(id)}/events?types=${EVENT_TYPES}${since}`;
  const key = apiKey();
  const ws = new WebSocket(url, key ? ['heaplab.events', `heaplab.key.${key}`] : ['heaplab.events']);
  socket = ws;
  $('ws-state').textContent = '(connecting)';
  ws.addEventListener('open', () => { if (socket === ws) $('ws-state').textContent = '(live)'; });
  ws.addEventListener('message', (m) => { try { logEvent(JSON.parse(m.data)); } catch { /* not an event */ } });
  ws.addEventListener('close', (c) => {
    if (socket !== ws) return;
    socket = null;
    $('ws-state').textContent = `(closed: ${c.code}${c.reason ? ' ' + c.reason : ''})`;
    // Fell behind (4429): catch up from the last event seen.
    if (c.code === 4429 && sandbox === id) connectEvents(id);
  });
}

async function run() {
  if ($('run').disabled) return; // one run at a time
  clearTimeout(pictureTimer);
  status('Running…');
  $('run').disabled = true;
  try {
    const id = await ensureSandbox();
    const r = await api('POST', `/v1/sandboxes/${id}/exec`, { code: view.state.doc.toString(), trace: true });
    $('stdout').textContent = r.stdout;
    $('stderr').textContent = r.stderr;
    steps = r.steps ?? [];
    const slider = $('step');
    slider.max = String(Math.max(steps.length - 1, 0));
    slider.value = slider.max;
    slider.disabled = steps.length === 0;
    showStep();
    await showGraph(id);
    if (r.error === null) markRan();
    status(`Ran in sandbox ${id}: ${steps.length} steps` + (r.truncated ? ` (trace cut: ${r.truncated.reason})` : '') + '.');
  } catch (e) {
    status(`Failed: ${e.message}`);
  } finally {
    $('run').disabled = false;
  }
}

function list(items, fmt) {
  return items.length === 0 ? '' : '<ul>' + items.map((x) => '<li>' + esc(fmt(x)) + '</li>').join('') + '</ul>';
}

// The chosen step: its line in the editor, its frames' names → ids, and what it changed.
function showStep() {
  const n = Number($('step').value);
  const s = steps[n];
  $('step-label').textContent = steps.length === 0 ? '0 / 0' : `${n + 1} / ${steps.length}`;
  if (s === undefined) { $('step-info').innerHTML = ''; view.dispatch({ effects: setStepLine.of(0) }); return; }
  view.dispatch({ effects: setStepLine.of(s.line) });
  let html = `<p><b>${esc(s.event)}</b> at line ${s.line} in <code>${esc(s.function)}</code></p>`;
  for (const f of s.stack) {
    const rows = Object.entries(f.names).map(([k, v]) => `<tr><td><code>${esc(k)}</code></td><td><code>${esc(v)}</code></td></tr>`).join('');
    html += `<table><caption>${esc(f.function)} (line ${f.line})</caption><tr><th>name</th><th>object id</th></tr>${rows}</table>`;
  }
  const d = s.delta;
  html += '<h3>Changed by the previous line</h3>';
  html += list(d.created, (o) => `created ${o.type} ${o.id}`);
  html += list(d.freed, (o) => `freed ${o.type} ${o.id}`);
  html += list(d.refcounts, (o) => `refcount of ${o.id}: ${o.from} → ${o.to}`);
  html += list(d.refsAdded, (r) => `reference added ${r.from} ${r.label} → ${r.to}`);
  html += list(d.refsRemoved, (r) => `reference removed ${r.from} ${r.label} → ${r.to}`);
  html += list(d.collections, (c) => `collection of generation ${c.generation} (${c.trigger}): ${c.collected} collected`);
  html += list(d.finalizers, (f) => `finalizer of ${f.class} ${f.object}`);
  if (d.stdout) html += `<p>printed: <code>${esc(d.stdout)}</code></p>`;
  $('step-info').innerHTML = html;
}

// The heap now, as Graphviz drew it; each object node answers "why is it alive".
async function showGraph(id) {
  const svg = await api('GET', `/v1/sandboxes/${id}/graph?format=svg`);
  pictureToken++;
  const box = $('graph');
  box.innerHTML = svg;
  box.dataset.at = 'now';
  $('graph-caption').textContent = 'The heap now.';
  $('heap-now').disabled = true;
  $('why').textContent = '';
  for (const g of box.querySelectorAll('g.node')) {
    const oid = g.querySelector('title')?.textContent ?? '';
    if (oid.startsWith('name:') || oid === '') continue;
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.setAttribute('aria-label', `Why is ${oid} alive?`);
    g.dataset.oid = oid;
    g.addEventListener('click', () => void why(id, oid));
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); void why(id, oid); } });
  }
}

async function why(id, oid) {
  try {
    const p = await api('GET', `/v1/sandboxes/${id}/objects/${encodeURIComponent(oid)}/path`);
    let html = `<h3>Why is ${esc(oid)} alive?</h3><p>${esc(p.reason)}</p>`;
    if (p.status === 'reachable') {
      html += `<p>From ${esc(p.root.kind)} <code>${esc(p.root.name)}</code>` + (p.expression ? `: <code>${esc(p.expression)}</code>` : '') + '</p>';
      html += '<ol>' + p.chain.map((l) => `<li>${l.via ? `<code>${esc(l.via)}</code> → ` : ''}${esc(l.type)} ${esc(l.id)}</li>`).join('') + '</ol>';
    } else if (p.referrers.length > 0) {
      html += list(p.referrers, (r) => `held by ${r.type} ${r.id} via ${r.via}`);
    }
    $('why').innerHTML = html;
  } catch (e) {
    $('why').textContent = `Failed: ${e.message}`;
  }
}

$('run').addEventListener('click', () => void run());
$('reset').addEventListener('click', () => {
  if (socket) { const ws = socket; socket = null; ws.close(1000); }
  $('ws-state').textContent = '(not connected)'; $('events').textContent = ''; lastSeq = 0;
  $('graph-caption').textContent = ''; $('heap-now').disabled = true;
  sandbox = null; steps = [];
  $('stdout').textContent = ''; $('stderr').textContent = ''; $('graph').innerHTML = ''; $('why').textContent = '';
  $('step').max = '0'; $('step').value = '0'; $('step').disabled = true; showStep();
  status('The next Run creates a new sandbox.');
});
$('step').addEventListener('input', () => { showStep(); scheduleStepPicture(); });
$('heap-now').addEventListener('click', () => { if (sandbox) void showGraph(sandbox); });
$('apikey').addEventListener('change', () => {
  try { sessionStorage.setItem('heaplab.key', apiKey()); } catch { /* storage off */ }
  if (sandbox) connectEvents(sandbox);
});


// ---- the heap at the chosen step: GET .../steps/{n}?format=svg, the latest request wins
let pictureToken = 0;
let pictureTimer = null;

function scheduleStepPicture() {
  clearTimeout(pictureTimer);
  pictureTimer = setTimeout(() => void showStepPicture(), 120);
}

async function showStepPicture() {
  const n = Number($('step').value);
  const s = steps[n];
  if (sandbox === null || s === undefined) return;
  const token = ++pictureToken;
  try {
    const svg = await api('GET', `/v1/sandboxes/${sandbox}/steps/${n}?format=svg`);
    if (token !== pictureToken) return;
    const box = $('graph');
    box.innerHTML = svg;
    box.dataset.at = String(n);
    $('graph-caption').textContent = `The heap at step ${n + 1} (${s.event} at line ${s.line}, before it runs).`;
    $('heap-now').disabled = false;
    $('why').textContent = '';
  } catch (e) {
    if (token === pictureToken) $('graph-caption').textContent = `No picture of step ${n + 1}: ${e.message}`;
  }
}

// ---- the lesson: its cells, each loaded into the editor or run at once
let cells = [];
let current = -1;

function load(i) {
  current = i;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: cells[i].code }, effects: setStepLine.of(0) });
  for (const [j, li] of [...$('cells').children].entries()) li.classList.toggle('current', j === i);
}

// After a lesson cell ran as it was loaded, the next one is ready in the editor.
function markRan() {
  if (current < 0 || current + 1 >= cells.length) return;
  if (view.state.doc.toString() === cells[current].code) load(current + 1);
}

async function start() {
  try { $('apikey').value = sessionStorage.getItem('heaplab.key') ?? ''; } catch { /* storage off */ }
  const fragmentKey = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fragmentKey) {
    $('apikey').value = fragmentKey;
    // Out of the address bar (and of anything that copies it) once read.
    history.replaceState(null, '', location.pathname + location.search);
  }
  try {
    cells = (await (await fetch('/play/assets/lesson.json')).json()).cells;
  } catch {
    cells = [];
  }
  const list = $('cells');
  for (const [i, c] of cells.entries()) {
    const li = document.createElement('li');
    li.append(c.title);
    const loadBtn = document.createElement('button');
    loadBtn.type = 'button';
    loadBtn.textContent = 'Load';
    loadBtn.setAttribute('aria-label', `Load ${c.title}`);
    loadBtn.addEventListener('click', () => load(i));
    const runBtn = document.createElement('button');
    runBtn.type = 'button';
    runBtn.textContent = 'Run cell';
    runBtn.setAttribute('aria-label', `Run cell ${c.title}`);
    runBtn.addEventListener('click', () => { load(i); void run(); });
    li.append(loadBtn, runBtn);
    list.append(li);
  }
  if (cells.length > 0) load(0);
  const given = new URLSearchParams(location.search).get('sandbox');
  if (given) {
    sandbox = given;
    connectEvents(given);
    try {
      await showGraph(given);
      status(`Working in sandbox ${given}.`);
    } catch (e) {
      status(`Sandbox ${given}: ${e.message}`);
    }
  }
}

void start();
