import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecResponse } from '../../src/schemas.js';
import { expectProblem, expectSchema, makeApp, newSandbox, pythonAvailable, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp({ limits: { bodyLimitBytes: 2048 } });
});
afterAll(() => t.close());

const cell1 = 'import sys\n\na=[]\nprint(sys.getrefcount(a))\n';

describe('POST /v1/sandboxes/{id}/exec (transport)', () => {
  it('takes JSON {"code"} and answers {stdout, stderr, error, events}', async () => {
    const id = await newSandbox(t);
    const res = await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: cell1 });
    expect(res.status).toBe(200);
    expectSchema(ExecResponse, res.body);
  });

  it('takes a raw text/x-python body, and curl --data-binary (form-encoded) too', async () => {
    const id = await newSandbox(t);
    for (const type of ['text/x-python', 'text/plain', 'application/x-www-form-urlencoded']) {
      const res = await t.http.post(`/v1/sandboxes/${id}/exec`).set('content-type', type).send(cell1);
      expect(res.status, type).toBe(200);
      expectSchema(ExecResponse, res.body);
    }
  });

  it('answers text/plain when asked', async () => {
    const id = await newSandbox(t);
    const res = await t.http.post(`/v1/sandboxes/${id}/exec`).set('accept', 'text/plain').set('content-type', 'text/x-python').send(cell1);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const json = await t.http.post(`/v1/sandboxes/${id}/exec`).set('accept', 'application/json, text/plain;q=0.5').send({ code: '' });
    expect(json.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers 400/404/413 for bad requests', async () => {
    const id = await newSandbox(t);
    expect(expectProblem(await t.http.post(`/v1/sandboxes/${id}/exec`).send({}), 400).errors?.[0]?.field).toBe('body.code');
    expect(expectProblem(await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 5 }), 400).errors?.[0]?.field).toBe('body.code');
    expectProblem(await t.http.post(`/v1/sandboxes/${id}/exec`), 400);
    expectProblem(await t.http.post('/v1/sandboxes/AAAAAAAAAAAAAAAAAAAAAA/exec').send({ code: 'x=1' }), 404);
    expectProblem(await t.http.post(`/v1/sandboxes/${id}/exec`).set('content-type', 'text/x-python').send('#'.repeat(3000)), 413);
  });
});

describe.skipIf(!pythonAvailable)('POST /v1/sandboxes/{id}/exec (Python semantics)', () => {
  it('runs the seed lesson cells and prints what CPython prints', async () => {
    const id = await newSandbox(t);
    const run = async (code: string) => expectSchema(ExecResponse, (await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code })).body);
    expect((await run(cell1)).stdout).toBe('2\n');
    expect((await run('b=a\nprint(sys.getrefcount(b))\n')).stdout).toBe('3\n');
    const r = await run('import gc\nclass MyObject:\n    def __init__(self, name):\n        self.name=name\n        print(f"object {self.name} created")\n\n    def __del__(self):\n        print(f"Object {self.name} deleted")\n\nobj1=MyObject("obj1")\nobj2=MyObject("Obj2")\nobj1.ref=obj2\nobj2.ref=obj1\n\ndel obj1\ndel obj2\nprint(gc.collect())\n');
    expect(r.stdout).toBe('object obj1 created\nobject Obj2 created\nObject obj1 deleted\nObject Obj2 deleted\n2\n');
    expect(r.events.some((e) => e.type === 'finalizer')).toBe(true);
  });

  it('reports an exception in the result, with a CPython traceback on stderr', async () => {
    const id = await newSandbox(t);
    const res = await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'x = 1\nprint(y)\n' });
    expect(res.status).toBe(200);
    const r = expectSchema(ExecResponse, res.body);
    expect(r.error).toMatchObject({ type: 'NameError', message: "name 'y' is not defined", line: 2 });
    expect(r.stderr).toContain("NameError: name 'y' is not defined");
    const text = await t.http.post(`/v1/sandboxes/${id}/exec`).set('accept', 'text/plain').send({ code: 'print(1)\nprint(zz)\n' });
    expect(text.text).toMatch(/^1\nTraceback \(most recent call last\):\n[\s\S]*NameError: name 'zz' is not defined\n$/);
  });

  it('stops a runaway loop at the step budget', async () => {
    const id = await newSandbox(t, { limits: { maxSteps: 100_000 } });
    const r = expectSchema(ExecResponse, (await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'while True:\n    pass\n' })).body);
    expect(r.error).toMatchObject({ type: 'TimeoutError', message: expect.stringMatching(/step budget exhausted \(100000 steps\)/) });
  });

  it('stops a runaway loop at the request time limit, and the log still replays', async () => {
    const timed = await makeApp({ limits: { maxRequestMs: 30, maxStepsPerRequest: 1_000_000_000 } });
    try {
      const id = await newSandbox(timed);
      const res = await timed.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'n = 0\nwhile True:\n    n += 1\n' });
      const r = expectSchema(ExecResponse, res.body);
      expect(r.error).toMatchObject({ type: 'TimeoutError', message: expect.stringMatching(/time budget exhausted/) });
      const n = (await timed.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'print(n)' })).body.stdout;
      const log = (await timed.http.get(`/v1/sandboxes/${id}/log`)).body;
      // Replaying the loop takes about as long as running it did, and a replay gets one
      // request's time too; replay it where the clock is not the binding limit — it stops
      // at the recorded step, whatever the clock says.
      const roomy = await makeApp({ limits: { maxRequestMs: 60_000, maxStepsPerRequest: 1_000_000_000 } });
      try {
        const copy = await roomy.http.post('/v1/sandboxes').send({ replay: log });
        expect(copy.status).toBe(201);
        const m = (await roomy.http.post(`/v1/sandboxes/${copy.body.id}/exec`).send({ code: 'print(n)' })).body.stdout;
        expect(m).toBe(n);
      } finally {
        await roomy.close();
      }
    } finally {
      await timed.close();
    }
  });
});
