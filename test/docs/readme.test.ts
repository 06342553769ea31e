/**
 * The README's picture and short trace are what the server produces, never drawn by hand:
 * docs/heap.svg is GET .../graph?format=svg of PICTURE's sandbox, and the trace table between
 * the README's `trace:begin`/`trace:end` markers is rendered from the steps of
 * POST .../exec {"trace": true} for TRACE. This test fails when either drifts; regenerate with
 * `UPDATE_DOCS=1 npx vitest run test/docs/readme.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, newSandbox, type TestApp } from '../routes/helpers.js';

const root = new URL('../../', import.meta.url);
const update = process.env.UPDATE_DOCS === '1';

/** The seed lesson's cycle, left for the collector (gc disabled), next to some kept data. */
export const PICTURE = `import gc
gc.disable()

class MyObject:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print(f"Object {self.name} deleted")

obj1 = MyObject("obj1")
obj2 = MyObject("obj2")
obj1.ref = obj2
obj2.ref = obj1
del obj1, obj2
kept = [{"k": (1, 2)}, [3.5]]
nothing = None
`;

export const TRACE = 'a = [1, 2]\nb = a\ndel a\nb = None\n';

interface Step {
  index: number; event: string; line: number; function: string;
  stack: Array<{ names: Record<string, string> }>;
  delta: {
    created: Array<{ id: string; type: string }>; freed: Array<{ id: string; type: string }>;
    refcounts: Array<{ id: string; from: number; to: number }>;
  };
}

/** One row per step: what a reader of the README needs to follow the heap line by line. */
function traceTable(steps: Step[]): string {
  const rows = steps.map((s) => {
    const names = Object.entries(s.stack[0]?.names ?? {}).map(([k, v]) => `\`${k}\` → ${v}`).join(', ') || '—';
    const d = s.delta;
    const changed = [
      ...d.created.map((o) => `created ${o.type} ${o.id}`),
      ...d.refcounts.map((r) => `refcount of ${r.id} ${r.from} → ${r.to}`),
      ...d.freed.map((o) => `freed ${o.type} ${o.id}`),
    ].join('; ') || '—';
    return `| ${s.index} | ${s.event} | ${s.line} | ${names} | ${changed} |`;
  });
  return ['| step | event | line | module names | what the previous line changed |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(() => t.close());

describe('the README shows what the server renders', () => {
  it('docs/heap.svg is the picture of the seed cycle awaiting collection', async () => {
    const id = await newSandbox(t);
    const run = await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: PICTURE });
    expect(run.body.error).toBeNull();
    const res = await t.http.get(`/v1/sandboxes/${id}/graph?format=svg`).buffer(true).parse((r, cb) => {
      let s = '';
      r.on('data', (c: Buffer) => (s += c.toString('utf8')));
      r.on('end', () => cb(null, s));
    });
    expect(res.status).toBe(200);
    const svg = res.body as string;
    // The cycle is drawn as garbage-in-waiting: amber, as the README says.
    expect(svg).toContain('fill="#fde68a"');
    const file = new URL('docs/heap.svg', root);
    if (update) writeFileSync(file, svg);
    expect(readFileSync(file, 'utf8')).toBe(svg);
  });

  it('the README\'s short trace is the steps of TRACE', async () => {
    const id = await newSandbox(t);
    const run = await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: TRACE, trace: true });
    const steps = run.body.steps as Step[];
    // python3's sys.settrace reports call, lines 1-4, return for TRACE.
    expect(steps.map((s) => `${s.event}:${s.line}`)).toEqual(['call:0', 'line:1', 'line:2', 'line:3', 'line:4', 'return:4']);
    const block = `<!-- trace:begin -->\n${traceTable(steps)}\n<!-- trace:end -->`;
    const file = new URL('README.md', root);
    const readme = readFileSync(file, 'utf8');
    const current = /<!-- trace:begin -->[\s\S]*?<!-- trace:end -->/.exec(readme)?.[0];
    if (update && current !== undefined) writeFileSync(file, readme.replace(current, block));
    expect(update ? block : current).toBe(block);
    expect(current).toBeDefined();
  });
});
