/**
 * Time travel: GET /v1/sandboxes/{id}/steps/{n}. The heap at step n is the one the traced
 * run had then (deterministic replay): at the step for line 4 of PROGRAM, b's list exists
 * and `a` is not yet deleted; at the step for line 5, `del a` has run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecResponse, StepState } from '../../src/schemas.js';
import { expectProblem, expectSchema, makeApp, newSandbox, type TestApp } from './helpers.js';

const PROGRAM = 'a = [1, 2]\nb = [a]\nc = 3\ndel a\nd = 4\n';

let t: TestApp;
let id: string;
let steps: NonNullable<ReturnType<typeof ExecResponse.parse>['steps']>;
beforeAll(async () => {
  t = await makeApp();
  id = await newSandbox(t);
  await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'x = "before"\n' });
  const r = expectSchema(ExecResponse, (await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: PROGRAM, trace: true })).body);
  steps = r.steps!;
  await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'e = 5\n' });
});
afterAll(() => t.close());

const at = (line: number) => steps.findIndex((s) => s.event === 'line' && s.line === line);

describe('GET /v1/sandboxes/{id}/steps/{n}', () => {
  it('gives the step and the heap as it was then', async () => {
    const n = at(4);
    const res = await t.http.get(`/v1/sandboxes/${id}/steps/${n}`);
    expect(res.status).toBe(200);
    const s = expectSchema(StepState, res.body);
    expect(s.step).toEqual(steps[n]);
    const names = s.graph.roots.map((r) => r.name);
    expect(names).toEqual(['x', 'a', 'b', 'c']);
    const a = s.graph.roots.find((r) => r.name === 'a')!.id;
    // a's list: held by a and by b[0] (refcount 2, as sys.getrefcount(a) - 1 says in CPython).
    expect(s.graph.nodes.find((x) => x.id === a)).toMatchObject({ type: 'list', refcount: 2 });
    const later = expectSchema(StepState, (await t.http.get(`/v1/sandboxes/${id}/steps/${at(5)}`)).body);
    expect(later.graph.roots.map((r) => r.name)).toEqual(['x', 'b', 'c']);
    expect(later.graph.nodes.find((x) => x.id === a)).toMatchObject({ refcount: 1 });
  });

  it('draws the heap of the step with ?format=svg (and gives its Graphviz source with ?format=dot)', async () => {
    const before = await t.http.get(`/v1/sandboxes/${id}/steps/${at(4)}?format=svg`).buffer(true);
    expect(before.status).toBe(200);
    expect(before.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    const svg = (r: { body: unknown; text?: string }) => (Buffer.isBuffer(r.body) ? r.body.toString('utf8') : r.text ?? '');
    expect(svg(before)).toContain('<title>name:&lt;module&gt;:a</title>');
    const after = await t.http.get(`/v1/sandboxes/${id}/steps/${at(5)}?format=svg`).buffer(true);
    expect(svg(after)).not.toContain('<title>name:&lt;module&gt;:a</title>');
    expect(svg(after)).toContain('<title>name:&lt;module&gt;:b</title>');
    const dot = await t.http.get(`/v1/sandboxes/${id}/steps/${at(4)}?format=dot`);
    expect(dot.headers['content-type']).toBe('text/vnd.graphviz; charset=utf-8');
    expect(dot.text).toContain('"name:<module>:a" ->');
    expectProblem(await t.http.get(`/v1/sandboxes/${id}/steps/${at(4)}?format=png`), 400);
  });

  it('leaves the sandbox as it was', async () => {
    const names = await t.http.get(`/v1/sandboxes/${id}/names`);
    expect(Object.keys(names.body.frames[0].names)).toEqual(['x', 'b', 'c', 'd', 'e']);
  });

  it('404s for a step the run does not have, or a sandbox without a traced run', async () => {
    expectProblem(await t.http.get(`/v1/sandboxes/${id}/steps/${steps.length}`), 404);
    const other = await newSandbox(t);
    expectProblem(await t.http.get(`/v1/sandboxes/${other}/steps/0`), 404);
    expectProblem(await t.http.get(`/v1/sandboxes/${id}/steps/-1`), 400);
  });
});
