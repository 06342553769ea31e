/**
 * POST /v1/sandboxes/{id}/fork {"atStep": n}: a new sandbox at step n of the last traced
 * exec — the heap GET .../steps/{n} shows (step n's line about to run) — that runs further
 * code, and whose log replays to the same heap. Numbers printed in forks come from python3
 * running the program's lines before step n (see each case).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecResponse, StepState } from '../../src/schemas.js';
import { expectProblem, expectSchema, makeApp, newSandbox, type TestApp } from './helpers.js';

const PROGRAM = 'a = [1, 2]\nb = [a]\nc = 3\ndel a\nd = 4\n';
const CALLS = 'def f(p):\n    q = [p]\n    return q\nr = f([7])\n';

let t: TestApp;
let id: string;
let steps: NonNullable<ReturnType<typeof ExecResponse.parse>['steps']>;
beforeAll(async () => {
  t = await makeApp();
  id = await newSandbox(t);
  await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'x = "before"\n' });
  steps = expectSchema(ExecResponse, (await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: PROGRAM, trace: true })).body).steps!;
  await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'e = 5\n' });
});
afterAll(() => t.close());

const at = (line: number) => steps.findIndex((s) => s.event === 'line' && s.line === line);

async function forkAt(src: string, n: unknown) {
  return t.http.post(`/v1/sandboxes/${src}/fork`).send({ atStep: n });
}

async function run(sb: string, code: string): Promise<string> {
  const r = await t.http.post(`/v1/sandboxes/${sb}/exec`).send({ code });
  expect(r.status).toBe(200);
  expect(r.body.error).toBeNull();
  return r.body.stdout as string;
}

describe('POST /v1/sandboxes/{id}/fork with atStep', () => {
  it('makes a sandbox holding the heap of that step: its names, ids and refcounts', async () => {
    const n = at(4);
    const res = await forkAt(id, n);
    expect(res.status).toBe(201);
    const fork = res.body.id as string;
    const step = expectSchema(StepState, (await t.http.get(`/v1/sandboxes/${id}/steps/${n}`)).body);
    const names = (await t.http.get(`/v1/sandboxes/${fork}/names`)).body.frames[0].names;
    expect(names).toEqual(step.step.stack[0]!.names);
    const graph = (await t.http.get(`/v1/sandboxes/${fork}/graph`)).body;
    const refcounts = (g: { nodes: Array<{ id: string; refcount: number }> }) => Object.fromEntries(g.nodes.map((x) => [x.id, x.refcount]));
    expect(refcounts(graph)).toEqual(refcounts(step.graph));
    // python3 running lines 1-3 then this cell prints "3 1" (a, b[0] and the argument).
    expect(await run(fork, 'import sys\nprint(sys.getrefcount(a), len(b))\n')).toBe('3 1\n');
  });

  it('leaves the source as it was, and the fork runs on independently', async () => {
    const fork = (await forkAt(id, at(2))).body.id as string;
    expect(await run(fork, 'a.append(3)\nprint(a, "b" in globals())\n')).toBe('[1, 2, 3] False\n');
    expect(Object.keys((await t.http.get(`/v1/sandboxes/${id}/names`)).body.frames[0].names)).toEqual(['x', 'b', 'c', 'd', 'e']);
    // The fork's own last traced run stops before the forked step: its earlier steps are still there.
    expect((await t.http.get(`/v1/sandboxes/${fork}/steps/${at(1)}`)).status).toBe(200);
  });

  it('logs the traced exec stopped at the step, so a replay of its log rebuilds it', async () => {
    const fork = (await forkAt(id, at(5))).body.id as string;
    const log = (await t.http.get(`/v1/sandboxes/${fork}/log`)).body;
    expect(log.entries).toHaveLength(2);
    expect(log.entries[1]).toMatchObject({ failed: true, op: { op: 'exec', code: PROGRAM, trace: true } });
    expect(log.entries[1].stoppedAfterSteps).toBeGreaterThan(0);
    const replayed = await newSandbox(t, { replay: log });
    expect((await t.http.get(`/v1/sandboxes/${replayed}/names`)).body).toEqual((await t.http.get(`/v1/sandboxes/${fork}/names`)).body);
  });

  it('abandons the calls open at a step inside a function; the module names are the step\'s', async () => {
    const src = await newSandbox(t);
    const traced = (await t.http.post(`/v1/sandboxes/${src}/exec`).send({ code: CALLS, trace: true })).body.steps as typeof steps;
    const n = traced.findIndex((s) => s.event === 'line' && s.line === 3);
    expect(traced[n]!.stack).toHaveLength(2);
    const fork = (await forkAt(src, n)).body.id as string;
    const frames = (await t.http.get(`/v1/sandboxes/${fork}/names`)).body.frames;
    expect(frames).toHaveLength(1);
    expect(frames[0].names).toEqual(traced[n]!.stack[0]!.names);
    expect(await run(fork, 'print("r" in globals(), f(1))\n')).toBe('False [1]\n');
  });

  it('refuses, naming body.atStep: no traced run, no such step, a step that is not a line, a bad value', async () => {
    const plain = await newSandbox(t);
    const none = expectProblem(await forkAt(plain, 0), 404);
    expect(none.detail).toMatch(/^body\.atStep: /);
    const past = expectProblem(await forkAt(id, steps.length), 404);
    expect(past.detail).toContain(`recorded ${steps.length}`);
    const call = expectProblem(await forkAt(id, 0), 422);
    expect(call.detail).toMatch(/body\.atStep: step 0 is a 'call' event/);
    for (const bad of [-1, 1.5, 'x']) expectProblem(await forkAt(id, bad), 400);
    // Without a body a fork is still the plain copy.
    expect((await t.http.post(`/v1/sandboxes/${id}/fork`)).status).toBe(201);
  });

  it('refuses with 422 naming the limit when replaying the log would cost more than one request may', async () => {
    const small = await makeApp({ limits: { maxStepsPerRequest: 300 } });
    try {
      const src = await newSandbox(small);
      const loop = 'n = 0\nfor i in range(60):\n    n += i\n';
      for (const trace of [false, true]) {
        const r = await small.http.post(`/v1/sandboxes/${src}/exec`).send({ code: loop, trace });
        expect(r.body.error).toBeNull();
      }
      const res = await small.http.post(`/v1/sandboxes/${src}/fork`).send({ atStep: 2 });
      const p = expectProblem(res, 422);
      expect(p.limit).toBe('maxStepsPerRequest');
      expect(p.detail).toMatch(/^Forking this sandbox \(which replays its log\) costs \d+ steps/);
    } finally {
      await small.close();
    }
  });
});
