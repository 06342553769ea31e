/**
 * Durable sandboxes in one process: an app on the SQLite store, closed and rebuilt on the
 * same data directory, brings every sandbox back — same id, heap, event sequence, log and
 * expiry — and a store that cannot be written answers 503 without acknowledging anything.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { testConfig } from '../../../src/config.js';
import { SqliteStore } from '../../../src/store/sqlite.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'heaplab-durable-'));
  dirs.push(d);
  return d;
}

async function open(dir: string, now?: () => number) {
  const app = await buildApp(testConfig({ store: { kind: 'sqlite', dataDir: dir } }), { logger: false, sweep: false, now });
  await app.ready();
  return { app, http: request(app.server), close: () => app.close() };
}

type T = Awaited<ReturnType<typeof open>>;

/** Everything a client can read about a sandbox's heap and history. */
async function view(t: T, id: string) {
  const get = async (path: string) => {
    const res = await t.http.get(`/v1/sandboxes/${id}${path}`);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body as unknown;
  };
  return {
    summary: await get(''),
    stats: await get('/stats'),
    names: await get('/names'),
    graph: await get('/graph?view=all'),
    objects: await get('/objects?limit=200'),
    log: await get('/log'),
  };
}

const PROGRAM = [
  'class Node:\n    def __init__(self, v):\n        self.v = v\n        self.next = None\n',
  'a = Node(1); b = Node(2); a.next = b; b.next = a\n',
  'xs = [i * i for i in range(50)]\nprint(sum(xs))\n',
  'del a, b\nimport gc\nprint(gc.collect())\n',
  'd = {str(i): i for i in range(20)}\n',
];

describe('the SQLite store (in process)', () => {
  it('brings sandboxes back after the app is closed and rebuilt: ids, heaps, seqs, logs, expiry', async () => {
    const dir = dataDir();
    // A clock that stands still: every read marks a sandbox used, and the times must match.
    const clock = () => 1_800_000_000_000;
    const t1 = await open(dir, clock);
    const ids: string[] = [];
    for (let k = 0; k < 3; k++) {
      const { id } = (await t1.http.post('/v1/sandboxes').send({ label: `s${k}` })).body as { id: string };
      ids.push(id);
      for (const code of PROGRAM.slice(0, 2 + k)) expect((await t1.http.post(`/v1/sandboxes/${id}/exec`).send({ code })).status).toBe(200);
      const ops = await t1.http.post(`/v1/sandboxes/${id}/ops`).send({ ops: [{ op: 'alloc', type: 'list', name: 'ys' }, { op: 'stats' }] });
      expect(ops.status, JSON.stringify(ops.body)).toBe(200);
    }
    // An atomic batch that succeeds (its entries are journaled) and one that fails (nothing is).
    const atomicOk = await t1.http.post(`/v1/sandboxes/${ids[1]}/ops`).send({ atomic: true, ops: [{ op: 'alloc', type: 'dict', name: 'z' }] });
    expect(atomicOk.status).toBe(200);
    const atomicBad = await t1.http.post(`/v1/sandboxes/${ids[1]}/ops`).send({ atomic: true, ops: [
      { op: 'alloc', type: 'list', name: 'w' }, { op: 'del', name: 'nope' },
    ] });
    expect(atomicBad.status).toBe(422);
    const fork = (await t1.http.post(`/v1/sandboxes/${ids[2]}/fork`)).body as { id: string };
    ids.push(fork.id);
    const log = (await t1.http.get(`/v1/sandboxes/${ids[1]}/log`)).body as { entries: unknown[] };
    const replayed = (await t1.http.post('/v1/sandboxes').send({ replay: log })).body as { id: string };
    ids.push(replayed.id);
    const before = await Promise.all(ids.map((id) => view(t1, id)));
    await t1.close();

    const t2 = await open(dir, clock);
    const after = await Promise.all(ids.map((id) => view(t2, id)));
    expect(after).toEqual(before);
    // And they keep working where they left off.
    const r = await t2.http.post(`/v1/sandboxes/${ids[0]}/exec`).send({ code: 'print(a.next.v, b.next is a)' });
    expect(r.body).toMatchObject({ stdout: '2 True\n', error: null });
    await t2.close();
  });

  it('reports a sandbox whose log no longer replays and brings the others back', async () => {
    const dir = dataDir();
    const t1 = await open(dir);
    const good = (await t1.http.post('/v1/sandboxes')).body as { id: string };
    const bad = (await t1.http.post('/v1/sandboxes')).body as { id: string };
    for (const id of [good.id, bad.id]) await t1.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'x = [1]' });
    await t1.close();
    // As if the engine had changed under the journal: the recorded success now fails.
    const db = new Database(join(dir, 'heaplab.db'));
    db.prepare('UPDATE ops SET entry = ? WHERE sandbox = ?').run(JSON.stringify({ op: { op: 'exec', code: 'x = undefined_name' } }), bad.id);
    db.close();
    const warnings: string[] = [];
    const app = await buildApp(testConfig({ store: { kind: 'sqlite', dataDir: dir } }), {
      logger: { level: 'warn', stream: { write: (line: string) => warnings.push(line) } }, sweep: false,
    });
    await app.ready();
    const http = request(app.server);
    expect((await http.get(`/v1/sandboxes/${good.id}`)).status).toBe(200);
    expect((await http.get(`/v1/sandboxes/${bad.id}`)).status).toBe(404);
    expect(warnings.join('')).toContain(bad.id);
    expect(warnings.join('')).toContain("op 0 failed on replay: NameError: name 'undefined_name' is not defined");
    await app.close();
    // Its data is kept, not deleted, for someone to look at.
    const store = new SqliteStore(dir);
    expect(store.load().map((k) => k.record.id).sort()).toEqual([good.id, bad.id].sort());
    store.close();
  });

  it('keeps the last events for since= across a restart', async () => {
    const dir = dataDir();
    const t1 = await open(dir);
    const { id } = (await t1.http.post('/v1/sandboxes')).body as { id: string };
    await t1.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'x = [1, 2]\nprint("hi")\n' });
    const summary = (await t1.http.get(`/v1/sandboxes/${id}`)).body as { lastSeq: number };
    await t1.close();
    const t2 = await open(dir);
    const ring = t2.app.heaplab.registry.get(id)!.channel;
    expect(ring.oldestRetainedSeq).toBe(1);
    expect(((await t2.http.get(`/v1/sandboxes/${id}`)).body as { lastSeq: number }).lastSeq).toBe(summary.lastSeq);
    await t2.close();
  });

  it('holds no committed log entry in memory: the log is read back from the store', async () => {
    const dir = dataDir();
    const t = await open(dir);
    const { id } = (await t.http.post('/v1/sandboxes')).body as { id: string };
    await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'x = 1' });
    const e = t.app.heaplab.registry.get(id)!;
    expect((e.log as unknown as { pending: unknown[] }).pending).toEqual([]);
    expect(e.log.length).toBe(1);
    expect(e.log.read()).toEqual([{ op: { op: 'exec', code: 'x = 1' } }]);
    await t.close();
  });

  it('deletes the data of deleted and expired sandboxes', async () => {
    const dir = dataDir();
    let clock = 1_000_000;
    const t1 = await open(dir, () => clock);
    const gone = (await t1.http.post('/v1/sandboxes')).body as { id: string };
    const idle = (await t1.http.post('/v1/sandboxes')).body as { id: string };
    await t1.http.post(`/v1/sandboxes/${idle.id}/exec`).send({ code: 'x = 1' });
    expect((await t1.http.delete(`/v1/sandboxes/${gone.id}`)).status).toBe(204);
    await t1.close();
    // The idle one expires while the server is down: it is deleted at start-up, not restored.
    clock += testConfig().limits.idleTtlSeconds * 1000;
    const t2 = await open(dir, () => clock);
    expect((await t2.http.get(`/v1/sandboxes/${gone.id}`)).status).toBe(404);
    expect((await t2.http.get(`/v1/sandboxes/${idle.id}`)).status).toBe(404);
    await t2.close();
    const store = new SqliteStore(dir);
    expect(store.load()).toEqual([]);
    store.close();
  });

  it('answers 503 to changing requests while the store cannot be written, acknowledging nothing; reads still work', async () => {
    const dir = dataDir();
    const store = new SqliteStore(dir);
    const app = await buildApp(testConfig({ store: { kind: 'sqlite', dataDir: dir } }), { logger: false, sweep: false, store });
    await app.ready();
    const http = request(app.server);
    const { id } = (await http.post('/v1/sandboxes')).body as { id: string };
    await http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'x = [1, 2, 3]' });
    const before = (await http.get(`/v1/sandboxes/${id}`)).body as Record<string, unknown>;

    store.setReadOnlyForTests(true);
    const refused = await http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'y = x * 1000' });
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    // The program ran, its commit failed, so the sandbox was put back as the store has it.
    const now = (await http.get(`/v1/sandboxes/${id}`)).body as Record<string, unknown>;
    expect({ ...now, lastUsedAt: 0, expiresAt: 0 }).toEqual({ ...before, lastUsedAt: 0, expiresAt: 0 });
    expect((await http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'print(x)' })).status).toBe(503);
    expect((await http.post('/v1/sandboxes')).status).toBe(503);
    expect((await http.get('/readyz')).body).toEqual({ status: 'store-unavailable', store: 'sqlite' });
    expect((await http.get(`/v1/sandboxes/${id}/stats`)).status).toBe(200);
    const names = (await http.get(`/v1/sandboxes/${id}/names`)).body as { frames: Array<{ names: Record<string, string> }> };
    expect(Object.keys(names.frames[0]!.names)).not.toContain('y');

    store.setReadOnlyForTests(false);
    await new Promise((r) => setTimeout(r, 1100)); // the store is probed again at most once a second
    expect((await http.get('/readyz')).status).toBe(200);
    const ok = await http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'print(len(x))' });
    expect(ok.body).toMatchObject({ stdout: '3\n', error: null });
    await app.close();
    store.close();
  });
});
