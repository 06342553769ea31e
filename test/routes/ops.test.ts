import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpsResponse } from '../../src/schemas.js';
import { expectProblem, expectSchema, makeApp, newSandbox, ops, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp({ limits: { maxOpsPerRequest: 50 } });
});
afterAll(() => t.close());

describe('POST /v1/sandboxes/{id}/ops', () => {
  it('replays the seed lesson: getrefcount 2 then 3, gc on/off, a collected cycle with finalizers', async () => {
    const id = await newSandbox(t);
    // In [1]: a = []; print(sys.getrefcount(a))  → 2
    let r: { results: Record<string, unknown>[]; events: { seq: number; type: string }[] } = expectSchema(OpsResponse, await ops(t, id, [{ op: 'alloc', type: 'list', name: 'a' }, { op: 'getrefcount', target: 'a' }]));
    expect(r.results[0]).toMatchObject({ type: 'list', refcount: expect.any(Number) });
    expect(r.results[0]!.id).toMatch(/^0x[0-9a-f]+$/);
    expect(r.results[1]).toEqual({ refcount: 2 });
    // In [2]: b = a; print(sys.getrefcount(b))  → 3
    r = await ops(t, id, [{ op: 'ref', name: 'b', to: 'a' }, { op: 'getrefcount', target: 'b' }]);
    expect(r.results[1]).toEqual({ refcount: 3 });
    // In [3]-[5]: gc.enable(); gc.disable(); gc.collect()
    r = await ops(t, id, [{ op: 'gc', call: 'enable' }, { op: 'gc', call: 'disable' }, { op: 'collect' }]);
    expect(r.results[2]).toMatchObject({ unreachable: expect.any(Number), collected: expect.any(Number), uncollectable: 0 });
    // In [8]: two MyObjects in a cycle, deleted, then gc.collect() runs both finalizers.
    r = await ops(t, id, [
      { op: 'class', name: 'MyObject', finalizer: { print: 'Object {name} deleted' } },
      { op: 'alloc', type: 'instance', class: 'MyObject', name: 'obj1' },
      { op: 'ref', from: 'obj1', attr: 'name', value: 'obj1' },
      { op: 'alloc', type: 'instance', class: 'MyObject', name: 'obj2' },
      { op: 'ref', from: 'obj2', attr: 'name', value: 'Obj2' },
      { op: 'ref', from: 'obj1', attr: 'ref', to: 'obj2' },
      { op: 'ref', from: 'obj2', attr: 'ref', to: 'obj1' },
      { op: 'del', name: 'obj1' },
      { op: 'del', name: 'obj2' },
      { op: 'collect' },
    ]);
    expect(r.results).toHaveLength(10);
    expect(r.results[9]).toMatchObject({ unreachable: 2, collected: 2, uncollectable: 0 });
    const finalizers = r.events.filter((e) => e.type === 'finalizer') as unknown as { printed: string }[];
    expect(finalizers.map((e) => e.printed)).toEqual(['Object obj1 deleted\n', 'Object Obj2 deleted\n']);
    const types = r.events.map((e) => e.type);
    expect(types.indexOf('gc.start')).toBeLessThan(types.indexOf('finalizer'));
    expect(types.at(-1)).toBe('gc.stop');
    const seqs = r.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it('answers 422 with index and pythonError; ops before the failure stay applied', async () => {
    const id = await newSandbox(t);
    const res = await t.http.post(`/v1/sandboxes/${id}/ops`).send({
      ops: [{ op: 'alloc', type: 'list', name: 'kept' }, { op: 'getrefcount', target: 'missing' }, { op: 'alloc', type: 'list', name: 'never' }],
    });
    const p = expectProblem(res, 422);
    expect(p.type).toBe('urn:heaplab:problem:python-error');
    expect(p.index).toBe(1);
    expect(p.pythonError).toEqual({ type: 'NameError', message: "name 'missing' is not defined" });
    expect(p.detail).toBe("NameError: name 'missing' is not defined");
    expect(p.results).toHaveLength(1);
    const names = (await t.http.get(`/v1/sandboxes/${id}/names`)).body.frames[0].names;
    expect(names).toHaveProperty('kept');
    expect(names).not.toHaveProperty('never');
  });

  it('with atomic: true leaves the sandbox exactly as it was', async () => {
    const id = await newSandbox(t);
    await ops(t, id, [{ op: 'alloc', type: 'list', name: 'a' }, { op: 'alloc', type: 'dict', name: 'd' }]);
    const snapshot = async () => Promise.all(['stats', 'names', 'graph', 'log', ''].map(async (p) => (await t.http.get(`/v1/sandboxes/${id}/${p}`)).body));
    const before = await snapshot();
    const p = expectProblem(await t.http.post(`/v1/sandboxes/${id}/ops`).send({
      atomic: true,
      ops: [{ op: 'alloc', type: 'list', name: 'b' }, { op: 'del', name: 'a' }, { op: 'collect' }, { op: 'del', from: 'd', key: 'nope' }],
    }), 422);
    expect(p.index).toBe(3);
    expect(p.pythonError?.type).toBe('KeyError');
    const after = await snapshot();
    for (const x of [before, after]) delete (x[4] as { lastUsedAt?: string; expiresAt?: string }).lastUsedAt;
    for (const x of [before, after]) delete (x[4] as { lastUsedAt?: string; expiresAt?: string }).expiresAt;
    expect(after).toEqual(before);
    // And a successful atomic batch applies normally.
    const r = await ops(t, id, [{ op: 'alloc', type: 'list', name: 'b' }, { op: 'getrefcount', target: 'b' }], true);
    expect(r.results[1]).toEqual({ refcount: 2 });
  });

  it('answers 400 naming the field for invalid ops, and changes nothing', async () => {
    const id = await newSandbox(t);
    const cases: [unknown, string][] = [
      [{}, 'body.ops'],
      [{ ops: [] }, 'body.ops'],
      [{ ops: 'alloc' }, 'body.ops'],
      [{ ops: [{ op: 'alloc', type: 'list', name: '1abc' }] }, 'body.ops[0].name'],
      [{ ops: [{ op: 'stats' }, { op: 'getrefcount' }] }, 'body.ops[1].target'],
      [{ ops: [{ op: 'getrefcount', target: { id: 'zz' } }] }, 'body.ops[0].target.id'],
      [{ ops: [{ op: 'stats' }], atomic: 'yes' }, 'body.atomic'],
      [{ ops: [{ op: 'stats' }], extra: 1 }, 'body.extra'],
    ];
    for (const [body, field] of cases) {
      const p = expectProblem(await t.http.post(`/v1/sandboxes/${id}/ops`).send(body as object), 400);
      expect(p.errors?.map((e) => e.field), JSON.stringify(body)).toContain(field);
    }
    expect((await t.http.get(`/v1/sandboxes/${id}/log`)).body.entries).toEqual([]);
  });

  it('answers 422 past maxOpsPerRequest', async () => {
    const id = await newSandbox(t);
    const p = expectProblem(await t.http.post(`/v1/sandboxes/${id}/ops`).send({ ops: Array(51).fill({ op: 'stats' }) }), 422);
    expect(p.type).toBe('urn:heaplab:problem:limit-exceeded');
    expect(p.detail).toMatch(/at most 50/);
    await ops(t, id, Array(50).fill({ op: 'stats' }));
  });

  it('answers 422 once a sandbox log would pass maxLogEntries (failed atomic batches and reads do not count)', async () => {
    const s = await makeApp({ limits: { maxLogEntries: 10 } });
    const write = { op: 'gc', call: 'enable' };
    try {
      const id = await newSandbox(s);
      await ops(s, id, Array(8).fill(write));
      // Reads are not logged: any number of them fits.
      await ops(s, id, Array(20).fill({ op: 'stats' }));
      expect((await s.http.get(`/v1/sandboxes/${id}`)).body.logEntries).toBe(8);
      const p = expectProblem(await s.http.post(`/v1/sandboxes/${id}/ops`).send({ ops: Array(3).fill(write) }), 422);
      expect(p).toMatchObject({ type: 'urn:heaplab:problem:limit-exceeded', limit: 'maxLogEntries' });
      expect(p.detail).toMatch(/10-op limit/);
      expect(p.detail).toMatch(/start a new sandbox/);
      expect(p.detail).not.toMatch(/compact/);
      expectProblem(await s.http.post(`/v1/sandboxes/${id}/ops`).send({ atomic: true, ops: [write, { op: 'del', name: 'nope' }] }), 422);
      expect((await s.http.get(`/v1/sandboxes/${id}`)).body.logEntries).toBe(8);
      expectProblem(await s.http.post(`/v1/sandboxes/${id}/ops`).send({ ops: [write, { op: 'del', name: 'nope' }] }), 422);
      const fork = (await s.http.post(`/v1/sandboxes/${id}/fork`)).body.id as string;
      expect((await s.http.get(`/v1/sandboxes/${fork}`)).body.logEntries).toBe(10);
      expectProblem(await s.http.post(`/v1/sandboxes/${fork}/exec`).send({ code: 'x = 1' }), 422);
      // A full log still answers reads.
      expect((await ops(s, fork, [{ op: 'stats' }])).results).toHaveLength(1);
      const log = (await s.http.get(`/v1/sandboxes/${id}/log`)).body;
      expect(log.entries).toHaveLength(10);
      log.entries.push({ op: write });
      expect(expectProblem(await s.http.post('/v1/sandboxes').send({ replay: log }), 422).limit).toBe('maxLogEntries');
    } finally {
      await s.close();
    }
  });

  it('reports running out of objects as a Python MemoryError (422)', async () => {
    const id = await newSandbox(t, { limits: { maxObjects: 30 } });
    const res = await t.http.post(`/v1/sandboxes/${id}/ops`).send({
      ops: Array.from({ length: 50 }, (_, i) => ({ op: 'alloc', type: 'list', name: `x${i}` })),
    });
    const p = expectProblem(res, 422);
    expect(p.pythonError?.type).toBe('MemoryError');
  });

  it('answers 404 for an unknown sandbox and 400 for malformed JSON', async () => {
    expectProblem(await t.http.post('/v1/sandboxes/AAAAAAAAAAAAAAAAAAAAAA/ops').send({ ops: [{ op: 'stats' }] }), 404);
    const id = await newSandbox(t);
    expectProblem(await t.http.post(`/v1/sandboxes/${id}/ops`).set('content-type', 'application/json').send('{"ops": [}'), 400);
    expectProblem(await t.http.post(`/v1/sandboxes/${id}/ops`).set('content-type', 'application/json').send('{"__proto__": {"x": 1}}'), 400);
    expectProblem(await t.http.post(`/v1/sandboxes/${id}/ops`).set('content-type', 'text/plain').send('alloc a'), 400);
  });
});
