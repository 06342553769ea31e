// The playground page: a CodeMirror 6 editor, Run (exec with "trace": true in one sandbox),
// the output, a step slider (the step's line highlighted, its names and delta), the heap as
// SVG, and "why is this alive" on an object of the picture. Plain DOM, no framework; every
// request goes to this same server's documented API.
import { basicSetup } from 'codemirror';
import { python } from '@codemirror/lang-python';
import { EditorView, Decoration, keymap } from '@codemirror/view';
import { StateEffect, StateField } from '@codemirror/state';

const SEED = `class Node:
    def __init__(self, name):
        self.name = name
        self.next = None

a = Node("a")
b = Node("b")
a.next = b
b.next = a
print("cycle built")
del b
`;

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
  doc: SEED,
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
  if (body !== undefined) { init.headers['content-type'] = 'application/json'; init.body = JSON.stringify(body); }
  const res = await fetch(path, init);
  const type = res.headers.get('content-type') || '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw new Error(typeof data === 'object' && data ? `${data.title}: ${data.detail ?? ''}` : String(data));
  return data;
}

async function ensureSandbox() {
  if (sandbox === null) sandbox = (await api('POST', '/v1/sandboxes')).id;
  return sandbox;
}

async function run() {
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

// The heap after the run, as Graphviz drew it; each object node answers "why is it alive".
async function showGraph(id) {
  const svg = await api('GET', `/v1/sandboxes/${id}/graph?format=svg`);
  const box = $('graph');
  box.innerHTML = svg;
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
  sandbox = null; steps = [];
  $('stdout').textContent = ''; $('stderr').textContent = ''; $('graph').innerHTML = ''; $('why').textContent = '';
  $('step').max = '0'; $('step').value = '0'; $('step').disabled = true; showStep();
  status('The next Run creates a new sandbox.');
});
$('step').addEventListener('input', showStep);
