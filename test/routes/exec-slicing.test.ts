/**
 * /exec runs a program in slices on the bytecode machine and yields between them: a long
 * program in one sandbox does not hold requests for other sandboxes, requests for its own
 * sandbox wait their turn, and slicing changes nothing the program does. Ordering only —
 * no timing bounds here (the latency figure is the hostile suite's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox.js';
import { makeApp, newSandbox, type TestApp } from './helpers.js';

// About 1.5M instructions: many slices of 2,000.
const LONG = 'n = 0\nfor i in range(150_000):\n    n += i % 7\nprint(n)\n';

describe('time-sliced exec', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ limits: { sliceInstructions: 2_000, maxRequestMs: 60_000 } });
  });
  afterAll(() => t.close());

  it("answers another sandbox's requests while a long program runs, and the program's own output is unchanged", async () => {
    const a = await newSandbox(t);
    const b = await newSandbox(t);
    const order: string[] = [];
    const long = t.http.post(`/v1/sandboxes/${a}/exec`).send({ code: LONG }).then((r) => {
      order.push('long');
      return r;
    });
    // Give the long program time to start, then ask the other sandbox for work.
    await new Promise((r) => setTimeout(r, 20));
    const short = await t.http.post(`/v1/sandboxes/${b}/exec`).send({ code: 'print(6 * 7)' });
    order.push('short');
    const health = await t.http.get('/healthz');
    order.push('healthz');
    const l = await long;
    expect(short.body).toMatchObject({ stdout: '42\n', error: null });
    expect(health.status).toBe(200);
    expect(order).toEqual(['short', 'healthz', 'long']);
    const whole = new Sandbox().exec(LONG);
    expect(l.body.stdout).toBe(whole.stdout);
    expect(l.body.error).toBeNull();
  });

  it('makes requests for the running sandbox wait for the program: none sees the heap between two slices', async () => {
    const a = await newSandbox(t);
    const long = t.http.post(`/v1/sandboxes/${a}/exec`).send({ code: 'started = True\n' + LONG + 'done = True\n' });
    const seen: string[] = [];
    let finished = false;
    const run = long.then((r) => {
      finished = true;
      return r;
    });
    // Read the sandbox's names again and again while the program may be running.
    while (!finished) {
      const names = JSON.stringify((await t.http.get(`/v1/sandboxes/${a}/names`)).body);
      const has = (n: string) => names.includes(`"${n}"`);
      seen.push(has('started') ? (has('done') ? 'after' : 'between slices') : 'before');
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await run).body.error).toBeNull();
    expect(seen).not.toContain('between slices');
    const after = JSON.stringify((await t.http.get(`/v1/sandboxes/${a}/names`)).body);
    expect(after).toContain('"done"');
  });

  it('stops a runaway loop by the step budget with the same TimeoutError as an unsliced run', async () => {
    const limits = { maxStepsPerRequest: 50_000 };
    const t2 = await makeApp({ limits: { ...limits, sliceInstructions: 1_000 } });
    try {
      const a = await newSandbox(t2);
      const loop = 'i = 0\nwhile True:\n    i += 1\n';
      const r = await t2.http.post(`/v1/sandboxes/${a}/exec`).send({ code: loop });
      const n = await t2.http.post(`/v1/sandboxes/${a}/exec`).send({ code: 'print(i)' });
      // The same program unsliced, in a sandbox with the same step budget.
      const whole = new Sandbox({ limits: { maxSteps: 50_000 } });
      const w = whole.exec(loop);
      expect(r.body.error.type).toBe('TimeoutError');
      expect(r.body.stderr).toBe(w.stderr);
      expect(n.body.stdout).toBe(whole.exec('print(i)').stdout);
      expect(Number(n.body.stdout)).toBeGreaterThan(1_000);
    } finally {
      await t2.close();
    }
  });
});
