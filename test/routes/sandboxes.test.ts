import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreatedSandbox, SandboxList, SandboxSummary } from '../../src/schemas.js';
import { expectProblem, expectSchema, makeApp, newSandbox, ops, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp({ limits: { maxObjectsPerSandbox: 1000, bodyLimitBytes: 4096 } });
});
afterAll(() => t.close());

describe('POST /v1/sandboxes', () => {
  it('creates a sandbox with no body, answering 201 {id} and a Location', async () => {
    const res = await t.http.post('/v1/sandboxes');
    expect(res.status).toBe(201);
    const { id } = expectSchema(CreatedSandbox, res.body);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(res.headers.location).toBe(`/v1/sandboxes/${id}`);
  });

  it('accepts gc options, limits within the maxima and a label', async () => {
    const id = await newSandbox(t, { gc: { enabled: false, threshold: [5, 2, 2] }, limits: { maxObjects: 50 }, label: 'ada / lesson 1' });
    const s = expectSchema(SandboxSummary, (await t.http.get(`/v1/sandboxes/${id}`)).body);
    expect(s.label).toBe('ada / lesson 1');
    expect(s.options.gc).toEqual({ enabled: false, threshold: [5, 2, 2] });
    expect(s.options.limits?.maxObjects).toBe(50);
    const stats = (await t.http.get(`/v1/sandboxes/${id}/stats`)).body;
    expect(stats.enabled).toBe(false);
    expect(stats.threshold).toEqual([5, 2, 2]);
  });

  it('refuses limits above the server maxima, naming the field', async () => {
    const p = expectProblem(await t.http.post('/v1/sandboxes').send({ limits: { maxObjects: 1001 } }), 400);
    expect(p.errors).toEqual([{ field: 'body.limits.maxObjects', message: expect.stringContaining('1000') }]);
  });

  it('answers 400 for invalid fields and unknown fields', async () => {
    let p = expectProblem(await t.http.post('/v1/sandboxes').send({ gc: { enabled: 'yes' } }), 400);
    expect(p.errors?.[0]?.field).toBe('body.gc.enabled');
    p = expectProblem(await t.http.post('/v1/sandboxes').send({ colour: 'red' }), 400);
    expect(p.errors).toEqual([{ field: 'body.colour', message: 'unknown field' }]);
    p = expectProblem(await t.http.post('/v1/sandboxes').send([1, 2]), 400);
    expect(p.errors?.[0]?.field).toBe('body');
  });

  it('answers 400 for malformed JSON', async () => {
    const p = expectProblem(await t.http.post('/v1/sandboxes').set('content-type', 'application/json').send('{"gc": '), 400);
    expect(p.type).toBe('urn:heaplab:problem:malformed-request');
    expect(p.errors?.[0]?.field).toBe('body');
  });

  it('answers 413 for a body over the limit', async () => {
    const p = expectProblem(await t.http.post('/v1/sandboxes').send({ label: 'x'.repeat(5000) }), 413);
    expect(p.type).toBe('urn:heaplab:problem:body-too-large');
  });

  it('answers 415 for a media type it does not take', async () => {
    expectProblem(await t.http.post('/v1/sandboxes').set('content-type', 'image/png').send(Buffer.from([1, 2, 3])), 415);
  });
});

describe('GET/DELETE /v1/sandboxes/{id}', () => {
  it('summarises a sandbox', async () => {
    const id = await newSandbox(t);
    await ops(t, id, [{ op: 'alloc', type: 'list', name: 'a' }, { op: 'collect' }]);
    const s = expectSchema(SandboxSummary, (await t.http.get(`/v1/sandboxes/${id}`)).body);
    expect(s.id).toBe(id);
    expect(s.label).toBeNull();
    expect(s.objects).toBeGreaterThan(0);
    expect(s.lastSeq).toBeGreaterThan(0);
    expect(Date.parse(s.expiresAt)).toBeGreaterThan(Date.parse(s.lastUsedAt));
  });

  it('deletes a sandbox: 204, then 404 everywhere', async () => {
    const id = await newSandbox(t);
    expect((await t.http.delete(`/v1/sandboxes/${id}`)).status).toBe(204);
    expectProblem(await t.http.get(`/v1/sandboxes/${id}`), 404);
    expectProblem(await t.http.delete(`/v1/sandboxes/${id}`), 404);
    expectProblem(await t.http.post(`/v1/sandboxes/${id}/ops`).send({ ops: [{ op: 'stats' }] }), 404);
  });

  it('answers 404 for unknown and absurd ids', async () => {
    expectProblem(await t.http.get('/v1/sandboxes/AAAAAAAAAAAAAAAAAAAAAA'), 404);
    expectProblem(await t.http.get('/v1/sandboxes/%00%ff'), 400);
    expectProblem(await t.http.get('/v1/sandboxes/%E2%98%83'), 404);
    expectProblem(await t.http.get(`/v1/sandboxes/${'x'.repeat(150)}`), 400);
  });

  it('does not list sandboxes without API keys', async () => {
    expectProblem(await t.http.get('/v1/sandboxes'), 404);
  });
});

describe('fork and replay', () => {
  const lesson = [
    { op: 'alloc', type: 'list', name: 'a' },
    { op: 'ref', name: 'b', to: 'a' },
    { op: 'class', name: 'MyObject', finalizer: { print: 'Object {name} deleted' } },
    { op: 'alloc', type: 'instance', class: 'MyObject', name: 'obj1' },
    { op: 'ref', from: 'obj1', attr: 'name', value: 'obj1' },
  ];

  it('forks into an independent copy', async () => {
    const id = await newSandbox(t);
    await ops(t, id, lesson);
    const res = await t.http.post(`/v1/sandboxes/${id}/fork`);
    const { id: copy } = expectSchema(CreatedSandbox, res.body);
    expect(res.status).toBe(201);
    expect(copy).not.toBe(id);
    await ops(t, copy, [{ op: 'del', name: 'obj1' }]);
    const names = async (x: string) => Object.keys((await t.http.get(`/v1/sandboxes/${x}/names`)).body.frames[0].names);
    expect(await names(id)).toContain('obj1');
    expect(await names(copy)).not.toContain('obj1');
    expectProblem(await t.http.post('/v1/sandboxes/AAAAAAAAAAAAAAAAAAAAAA/fork'), 404);
  });

  it('replays a log into an identical sandbox', async () => {
    const id = await newSandbox(t, { gc: { threshold: [100, 10, 10] } });
    await ops(t, id, lesson);
    const log = (await t.http.get(`/v1/sandboxes/${id}/log`)).body;
    const copy = await newSandbox(t, { replay: log, label: 'replayed' });
    for (const path of ['stats', 'names', 'graph', 'log']) {
      const [a, b] = await Promise.all([t.http.get(`/v1/sandboxes/${id}/${path}`), t.http.get(`/v1/sandboxes/${copy}/${path}`)]);
      expect(b.body, path).toEqual(a.body);
    }
  });

  it('answers 422 naming the entry when a log does not replay as recorded', async () => {
    const log = { version: 1, options: {}, entries: [{ op: { op: 'alloc', type: 'list', name: 'a' } }, { op: { op: 'del', name: 'zzz' } }] };
    const p = expectProblem(await t.http.post('/v1/sandboxes').send({ replay: log }), 422);
    expect(p.index).toBe(1);
    expect(p.errors?.[0]?.field).toBe('body.replay.entries[1]');
  });

  it('answers 400 for a malformed log, and for options given twice', async () => {
    let p = expectProblem(await t.http.post('/v1/sandboxes').send({ replay: { version: 2, options: {}, entries: [] } }), 400);
    expect(p.errors?.[0]?.field).toBe('body.replay.version');
    p = expectProblem(await t.http.post('/v1/sandboxes').send({ replay: { version: 1, options: {}, entries: [] }, gc: { enabled: false } }), 400);
    expect(p.errors?.[0]?.field).toBe('body.replay');
    p = expectProblem(await t.http.post('/v1/sandboxes').send({ replay: { version: 1, options: { limits: { maxObjects: 10 ** 6 } }, entries: [] } }), 400);
    expect(p.errors?.[0]?.field).toBe('body.replay.options.limits.maxObjects');
  });
});

describe('capacity', () => {
  it('answers 429 once maxSandboxes exist, for create and fork', async () => {
    const small = await makeApp({ limits: { maxSandboxes: 2 } });
    try {
      const a = await newSandbox(small);
      await newSandbox(small);
      let p = expectProblem(await small.http.post('/v1/sandboxes'), 429);
      expect(p.detail).toMatch(/at most 2 sandboxes/);
      p = expectProblem(await small.http.post(`/v1/sandboxes/${a}/fork`), 429);
      await small.http.delete(`/v1/sandboxes/${a}`);
      await newSandbox(small);
    } finally {
      await small.close();
    }
  });
});

describe('API keys', () => {
  let k: TestApp;
  beforeAll(async () => {
    k = await makeApp({ apiKeys: ['alice-key', 'bob-key'] });
  });
  afterAll(() => k.close());

  it('needs a valid bearer key to create, fork and list', async () => {
    let p = expectProblem(await k.http.post('/v1/sandboxes'), 401);
    expect(p.type).toBe('urn:heaplab:problem:unauthorized');
    p = expectProblem(await k.http.post('/v1/sandboxes').set('authorization', 'Bearer nope'), 401);
    expect(p.detail).toMatch(/not valid/);
    expectProblem(await k.http.post('/v1/sandboxes').set('authorization', 'Basic YWxpY2Uta2V5'), 401);
    expectProblem(await k.http.get('/v1/sandboxes'), 401);
    const res = await k.http.post('/v1/sandboxes').set('authorization', 'Bearer alice-key');
    expect(res.status).toBe(201);
    expect(res.headers['www-authenticate']).toBeUndefined();
    expect((await k.http.post('/v1/sandboxes')).headers['www-authenticate']).toBe('Bearer');
    expectProblem(await k.http.post(`/v1/sandboxes/${res.body.id}/fork`), 401);
  });

  it("lists only the caller's own sandboxes, never another key's ids", async () => {
    const create = async (key: string) => (await k.http.post('/v1/sandboxes').set('authorization', `Bearer ${key}`).send({ label: key })).body.id as string;
    const a1 = await create('alice-key');
    const a2 = await create('alice-key');
    const b1 = await create('bob-key');
    const forked = (await k.http.post(`/v1/sandboxes/${a1}/fork`).set('authorization', 'Bearer alice-key')).body.id as string;
    const list = async (key: string) => {
      const res = await k.http.get('/v1/sandboxes').set('authorization', `Bearer ${key}`);
      expect(res.status).toBe(200);
      return expectSchema(SandboxList, res.body).items.map((s) => s.id);
    };
    const alice = await list('alice-key');
    expect(alice).toEqual(expect.arrayContaining([a1, a2, forked]));
    expect(alice).not.toContain(b1);
    const bob = await list('bob-key');
    expect(bob).toContain(b1);
    expect(bob).not.toContain(a1);
    expect(JSON.stringify(bob)).not.toContain(forked);
  });

  it("keeps a sandbox to its creator's key: another key gets 404, as for a missing id; none gets 401", async () => {
    const bob = 'Bearer bob-key';
    const alice = 'Bearer alice-key';
    const id = (await k.http.post('/v1/sandboxes').set('authorization', bob)).body.id as string;
    const missing = 'AAAAAAAAAAAAAAAAAAAAAA';
    const routes: [string, string, object?][] = [
      ['get', ''], ['post', '/ops', { ops: [{ op: 'stats' }] }], ['post', '/exec', { code: 'x = 1' }], ['get', '/stats'],
      ['get', '/objects'], ['get', '/names'], ['get', '/graph'], ['get', '/log'], ['post', '/fork'], ['get', '/events'],
      ['delete', ''],
    ];
    for (const [method, path, body] of routes) {
      const call = (sid: string, auth?: string) => {
        const r = (k.http as unknown as Record<string, (u: string) => import('supertest').Test>)[method]!(`/v1/sandboxes/${sid}${path}`);
        if (auth) r.set('authorization', auth);
        return body ? r.send(body) : r;
      };
      const other = expectProblem(await call(id, alice), 404);
      const none = expectProblem(await call(missing, alice), 404);
      expect(other.detail, `${method} ${path}`).toBe(none.detail);
      expectProblem(await call(id), 401);
    }
    // Bob still has it: nothing above touched it.
    expect((await k.http.get(`/v1/sandboxes/${id}/log`).set('authorization', bob)).body.entries).toEqual([]);
    expect((await k.http.delete(`/v1/sandboxes/${id}`).set('authorization', bob)).status).toBe(204);
  });
});
