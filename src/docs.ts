/**
 * `/docs`: a small self-contained API browser over `/openapi.json` (no CDN, no build step,
 * works offline). Lists every operation with its parameters, bodies and responses.
 *
 * Its one inline script is allowed by the Content-Security-Policy through its hash
 * ({@link DOCS_SCRIPT_HASH}), so no other script can run on the page.
 */
import { createHash } from 'node:crypto';

const DOCS_SCRIPT = `const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
const pre = (v) => '<pre>' + esc(JSON.stringify(v, null, 2)) + '</pre>';
fetch('/openapi.json').then((r) => r.json()).then((doc) => {
  const resolve = (s) => s && s.$ref ? s.$ref.split('/').slice(1).reduce((o, k) => o[k], doc) : s;
  let html = '<p>' + esc(doc.info.description || '') + '</p>';
  for (const tag of doc.tags) {
    html += '<h2>' + esc(tag.name) + '</h2><p>' + esc(tag.description) + '</p>';
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!op.tags.includes(tag.name)) continue;
        html += '<details><summary><span class="m ' + method + '">' + method + '</span> <code>' + esc(path) +
          '</code> — ' + esc(op.summary) + '</summary><div class="body">';
        if (op.description) html += '<p>' + esc(op.description) + '</p>';
        if (op.parameters) html += '<h3>Parameters</h3>' + op.parameters.map((p) =>
          '<div><code>' + esc(p.name) + '</code> (' + p.in + (p.required ? ', required' : '') + ') ' + esc(p.description || '') + '</div>').join('');
        if (op.requestBody) for (const [type, c] of Object.entries(op.requestBody.content))
          html += '<h3>Request body: ' + esc(type) + '</h3>' + (c.schema ? pre(c.schema.$ref ? { ...resolve(c.schema), $ref: c.schema.$ref } : c.schema) : '');
        html += '<h3>Responses</h3>';
        for (const [status, r0] of Object.entries(op.responses)) {
          const r = resolve(r0);
          html += '<div><b>' + status + '</b> ' + esc(r.description) + '</div>';
          for (const [type, c] of Object.entries(r.content || {})) if (c.schema && c.schema.$ref)
            html += '<div><code>' + esc(type) + '</code>: <code>' + esc(c.schema.$ref.split('/').pop()) + '</code></div>';
        }
        html += '</div></details>';
      }
    }
  }
  html += '<h2>Schemas</h2>';
  for (const [name, s] of Object.entries(doc.components.schemas))
    html += '<details><summary><code>' + esc(name) + '</code></summary><div class="body">' + pre(s) + '</div></details>';
  document.getElementById('root').innerHTML = html;
}).catch((e) => { document.getElementById('root').textContent = 'Could not load /openapi.json: ' + e; });
`;

/**
 * CSP source expression for {@link DOCS_SCRIPT}: `sha256-<base64 of its UTF-8 bytes>`. The
 * hash covers exactly the text between `<script>` and `</script>`, so the page puts the
 * script there with nothing around it.
 */
export const DOCS_SCRIPT_HASH = `sha256-${createHash('sha256').update(DOCS_SCRIPT, 'utf8').digest('base64')}`;

export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>heaplab API</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem; color: #1d232a; }
  h1 { margin-bottom: 0 } .sub { color: #555; margin-top: .2rem }
  details { border: 1px solid #d4d9de; border-radius: 6px; margin: .5rem 0; }
  summary { cursor: pointer; padding: .5rem .75rem; }
  .m { display: inline-block; min-width: 4.5rem; font: bold 12px monospace; text-transform: uppercase; }
  .get { color: #1565c0 } .post { color: #2e7d32 } .delete { color: #c62828 }
  code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
  pre { background: #f5f7f9; padding: .6rem; overflow: auto; max-height: 24rem; margin: .3rem 0; }
  .body { padding: 0 .75rem .75rem; } h3 { font-size: 14px; margin: .8rem 0 .2rem; }
</style>
</head>
<body>
<h1>heaplab API</h1>
<p class="sub">Raw contract: <a href="/openapi.yaml">openapi.yaml</a> · <a href="/openapi.json">openapi.json</a></p>
<div id="root">Loading…</div>
<script>${DOCS_SCRIPT}</script>
</body>
</html>
`;
