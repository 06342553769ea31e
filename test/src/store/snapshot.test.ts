/**
 * Heap snapshots in the SQLite store and the registry: a sandbox rebuilt from its latest
 * snapshot and the log after it is the sandbox a full replay rebuilds — heap, ids, event
 * seq and the events retained for `since=` — and a snapshot that cannot be used (bytes
 * that do not decode, another format) falls back to full replay with a warning. A file of
 * the previous release (schema version 1) opens and is migrated in place; deleting a
 * sandbox deletes its snapshot; a snapshot that cannot be written never fails a request.
 */
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { testConfig } from '../../../src/config.js';
import type { SandboxSnapshot } from '../../../src/engine.js';
import { SandboxRegistry, type RegistryHooks, type SandboxEntry } from '../../../src/registry.js';
import { DB_FILE, SqliteStore } from '../../../src/store/sqlite.js';
import type { JournalLog } from '../../../src/store/store.js';
import type { Event } from '../../../sandbox/events.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'heaplab-snap-'));
  dirs.push(d);
  return d;
}

/** Few retained events, so the trim across the snapshot's boundary is exercised. */
const EVENTS_RETAINED = 7;
const clock = () => 1_800_000_000_000;

async function open(dir: string, snapshotEvery: number, warnings: string[] = []) {
  const config = testConfig({ store: { kind: 'sqlite', dataDir: dir, snapshotEvery }, limits: { ...testConfig().limits, eventsRetained: EVENTS_RETAINED } });
  const app = await buildApp(config, {
    logger: { level: 'warn', stream: { write: (line: string) => warnings.push(line) } }, sweep: false, now: clock,
  });
  await app.ready();
  return { app, http: request(app.server), close: () => app.close() };
}
type T = Awaited<ReturnType<typeof open>>;

/** Everything a client can read of a sandbox, and the messages `since=0` would replay. */
async function view(t: T, id: string) {
  const get = async (path: string) => {
    const res = await t.http.get(`/v1/sandboxes/${id}${path}`);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body as unknown;
  };
  const summary = await get('');
  const ring = (t.app.heaplab.registry.get(id)!.channel as unknown as { ring: { after(s: number): Iterable<{ data: Buffer }> } | null }).ring;
  return {
    summary,
    stats: await get('/stats'),
    names: await get('/names'),
    graph: await get('/graph?view=all'),
    objects: await get('/objects?limit=500'),
    log: await get('/log'),
    since: ring === null ? [] : [...ring.after(0)].map((m) => JSON.parse(m.data.toString('utf8')) as unknown),
  };
}

/** Requests with every kind of event (stdout, finalizers, deallocs, collections, weakref callbacks). */
const PROGRAM = [
  'class Node:\n    def __init__(self, v):\n        self.v = v\n    def __del__(self):\n        print("del", self.v)\n',
  'a = Node(1); b = Node(2); a.o = b; b.o = a\nprint("made")\n',
  'del a, b\nimport gc\nprint(gc.collect())\n',
  'xs = [Node(i) for i in range(4)]\n',
  'import weakref\nw = weakref.ref(xs[0], lambda r: print("cb"))\ndel xs[0]\n',
  'for i in range(40):\n    print(i, end=" ")\n',
  'ys = [[i] for i in range(30)]\nxs.clear()\n',
  'c = Node(9); c.me = c\ndel c\nprint(gc.collect(), len(ys))\n',
];

/**
 * Tens of thousands of engine steps on a handful of objects: a request past any snapshot
 * threshold the tests set (HEAPLAB_SNAPSHOT_EVERY, and the heap-size bound, which is far
 * lower for so few objects). The requests of PROGRAM cost a few hundred steps in all.
 */
const BURN = 'for i in range(200):\n    for j in range(200):\n        pass\n';
const EVERY = 20_000;

const metric = async (t: T, from: string) => {
  const text = (await t.http.get('/metrics')).text;
  return Number(new RegExp(`heaplab_restores_total\\{from="${from}"\\} (\\d+)`).exec(text)?.[1]);
};

describe('snapshots in the SQLite store', () => {
  it('a restore from the latest snapshot and the log after it equals a full replay: heap, ids, seqs, since= events', async () => {
    const dir = dataDir();
    const t1 = await open(dir, EVERY);
    const { id } = (await t1.http.post('/v1/sandboxes')).body as { id: string };
    // A snapshot after the burn (entry 5), then a tail of 4 cheap entries. The last events
    // before it are the print loop's 40 stdout events, published as one coalesced message.
    for (const code of [...PROGRAM.slice(0, 5), BURN + PROGRAM[5]!, ...PROGRAM.slice(6)]) {
      expect((await t1.http.post(`/v1/sandboxes/${id}/exec`).send({ code })).status).toBe(200);
    }
    await t1.http.post(`/v1/sandboxes/${id}/ops`).send({ ops: [{ op: 'alloc', type: 'list', name: 'z' }, { op: 'collect' }] });
    const live = await view(t1, id);
    const written = (await t1.http.get('/metrics')).text;
    await t1.close();
    expect(written).toMatch(/heaplab_snapshots_total\{outcome="written"\} [1-9]/);

    // The kept snapshot stands for a prefix of the log: the restore below replays a tail.
    const db = new Database(join(dir, DB_FILE), { readonly: true });
    const snap = db.prepare('SELECT at_entry, events FROM snapshots WHERE sandbox = ?').get(id) as { at_entry: number; events: string };
    db.close();
    expect(snap.at_entry).toBe(6);
    // The loop's last prints ("34 " to "39 ", one stdout event each), then its range iterator freed.
    const saved = JSON.parse(snap.events) as Array<{ type: string; text?: string; objectType?: string }>;
    expect(saved.map((e) => e.text ?? e.objectType)).toEqual(['34 ', '35 ', '36 ', '37 ', '38 ', '39 ', 'range_iterator']);

    // The same data directory without its snapshots: restored by full replay.
    const bare = dataDir();
    cpSync(dir, bare, { recursive: true });
    const bdb = new Database(join(bare, DB_FILE));
    bdb.prepare('DELETE FROM snapshots').run();
    bdb.close();

    const fromSnap = await open(dir, EVERY);
    const fromLog = await open(bare, 0);
    const a = await view(fromSnap, id);
    const b = await view(fromLog, id);
    expect(a).toEqual(b);
    expect(await metric(fromSnap, 'snapshot')).toBe(1);
    expect(await metric(fromLog, 'replay')).toBe(1);
    // What a client reads of the heap is what it read before the restart; since= replays the last events.
    expect({ ...a, since: null }).toEqual({ ...live, since: null });
    expect(a.since.length).toBeGreaterThan(0);
    // And both carry on identically.
    const next = 'q = Node(5)\ndel q\nprint(len(gc.get_objects()) > 0)\n';
    const ra = (await fromSnap.http.post(`/v1/sandboxes/${id}/exec`).send({ code: next })).body as unknown;
    const rb = (await fromLog.http.post(`/v1/sandboxes/${id}/exec`).send({ code: next })).body as unknown;
    expect(ra).toEqual(rb);
    await fromSnap.close();
    await fromLog.close();
  });

  it.each([
    ['bytes that do not decode', 'UPDATE snapshots SET data = ?', () => Buffer.from('\u0000\u00ff\u0013 not a heap \u0000'.repeat(9), 'latin1')],
    ['a snapshot of another format', 'UPDATE snapshots SET format = ?', () => 987_654],
  ])('falls back to full replay on %s, restores the sandbox exactly and logs a warning', async (_what, sql, value) => {
    const dir = dataDir();
    const t1 = await open(dir, EVERY);
    const { id } = (await t1.http.post('/v1/sandboxes')).body as { id: string };
    for (const code of [...PROGRAM.slice(0, 3), BURN, ...PROGRAM.slice(3)]) await t1.http.post(`/v1/sandboxes/${id}/exec`).send({ code });
    const before = await view(t1, id);
    await t1.close();
    const db = new Database(join(dir, DB_FILE));
    expect(db.prepare(sql).run(value()).changes).toBe(1);
    db.close();

    const warnings: string[] = [];
    const t2 = await open(dir, EVERY, warnings);
    const after = await view(t2, id);
    expect({ ...after, since: null }).toEqual({ ...before, since: null });
    expect(await metric(t2, 'replay')).toBe(1);
    expect(await metric(t2, 'snapshot')).toBe(0);
    const warned = warnings.map((l) => JSON.parse(l) as { msg: string; sandbox?: string });
    expect(warned).toContainEqual(expect.objectContaining({ msg: 'snapshot not used: rebuilding the sandbox by replaying its whole log', sandbox: id }));
    await t2.close();
    // Rebuilt by full replay and due a snapshot, it took a new one at once: the next start uses it.
    const t3 = await open(dir, EVERY);
    expect({ ...(await view(t3, id)), since: null }).toEqual({ ...before, since: null });
    expect(await metric(t3, 'snapshot')).toBe(1);
    await t3.close();
  });

  it('deleting a sandbox deletes its snapshot', async () => {
    const dir = dataDir();
    const t = await open(dir, EVERY);
    const { id } = (await t.http.post('/v1/sandboxes')).body as { id: string };
    await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: BURN });
    const store = t.app.heaplab.registry.store as SqliteStore;
    expect(store.snapshotOf(id)?.snapshot.atEntry).toBe(1);
    expect((await t.http.delete(`/v1/sandboxes/${id}`)).status).toBe(204);
    expect(store.snapshotOf(id)).toBeNull();
    await t.close();
  });
});

describe('a schema version 1 file (the previous release)', () => {
  // test/src/store/fixtures/heaplab-v1.db was written by the release before snapshots (commit
  // fa90418's SqliteStore and registry): sandbox "v1-a" ran a Node class with a finalizer, a
  // collected cycle, `xs = [i * i for i in range(30)]` and an alloc of dict `d`; "v1-b"
  // (gc disabled) ran `s = {"k": [1, 2, 3]}`.
  it('opens, is migrated to version 2 in place, and its sandboxes restore and take snapshots', async () => {
    const dir = dataDir();
    copyFileSync(new URL('./fixtures/heaplab-v1.db', import.meta.url), join(dir, DB_FILE));
    const t = await open(dir, EVERY);
    const list = t.app.heaplab.registry;
    const ids = ['O8_LY5OUzRsa_iC8afMqxg', '0vy4bDhuAbSE6CX9dRJv3Q'];
    const [a, b] = ids.map((id) => list.get(id)!);
    expect([a!.label, b!.label]).toEqual(['v1-a', 'v1-b']);
    expect([a!.logEntries, b!.logEntries]).toEqual([4, 1]);
    // CPython: len(xs) is 30 and d is an empty dict; s["k"] is [1, 2, 3].
    expect((await t.http.post(`/v1/sandboxes/${ids[0]}/exec`).send({ code: 'print(len(xs), d)' })).body).toMatchObject({ stdout: '30 {}\n', error: null });
    expect((await t.http.post(`/v1/sandboxes/${ids[1]}/exec`).send({ code: 'print(s)' })).body).toMatchObject({ stdout: "{'k': [1, 2, 3]}\n", error: null });
    expect((await t.http.post(`/v1/sandboxes/${ids[0]}/exec`).send({ code: BURN })).status).toBe(200);
    // The restored heap is the one its log rebuilds in a fresh sandbox.
    const log = (await t.http.get(`/v1/sandboxes/${ids[0]}/log`)).body as unknown;
    const replayed = (await t.http.post('/v1/sandboxes').send({ replay: log })).body as { id: string };
    const strip = (v: Awaited<ReturnType<typeof view>>) => ({ ...v, summary: { ...(v.summary as object), id: 0, label: 0, createdAt: 0 }, since: null });
    expect(strip(await view(t, replayed.id))).toEqual(strip(await view(t, ids[0]!)));
    // The migrated file keeps snapshots.
    const store = list.store as SqliteStore;
    expect(store.snapshotOf(ids[0]!)?.snapshot.atEntry).toBe(6);
    await t.close();
    const db = new Database(join(dir, DB_FILE), { readonly: true, fileMustExist: true });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe('2');
    expect(db.prepare('SELECT count(*) FROM snapshots').pluck().get()).toBe(1);
    db.close();
  });
});

describe('the registry taking snapshots', () => {
  const limits = testConfig({ limits: { eventsRetained: EVENTS_RETAINED } }).limits;

  /** A SQLite store whose snapshot writes fail as a full disk would. */
  class FailingSnapshots extends SqliteStore {
    override saveSnapshot(_id: string, _log: JournalLog, _snap: SandboxSnapshot, _events: readonly Event[], _takenAt: number): void {
      throw new Error('SQLITE_FULL: database or disk is full');
    }
  }

  it('a snapshot that cannot be written never fails the request; it is counted, and tried again only after another threshold', async () => {
    const store = new FailingSnapshots(dataDir());
    const outcomes: string[] = [];
    const warned: string[] = [];
    const hooks: RegistryHooks = { snapshot: (o) => outcomes.push(o), warn: (m) => warned.push(m) };
    const every = 200_000;
    const r = new SandboxRegistry(limits, clock, store, hooks, undefined, { every });
    const e: SandboxEntry = r.create({ options: {} });
    // Tens of thousands of steps each (cost1), on a heap of a few dozen objects: the first passes no threshold.
    const code = 'for i in range(200):\n    for j in range(100):\n        pass\n';
    const res = await r.exec(e, code);
    expect(res.error).toBeNull();
    const cost1 = e.sandbox.replayCost;
    expect(cost1).toBeLessThan(every / 2);
    expect(outcomes).toEqual([]);
    while (e.sandbox.replayCost < every) expect((await r.exec(e, code)).error).toBeNull();
    expect(outcomes).toEqual(['failed']);
    expect(warned).toEqual(['snapshot not kept (the journal still holds everything)']);
    const triedAt = e.snapshotCost;
    expect(triedAt).toBe(e.sandbox.replayCost);
    // Not again until another threshold's worth of steps has passed.
    while (e.sandbox.replayCost + cost1 < triedAt + every) await r.exec(e, code);
    expect(outcomes).toEqual(['failed']);
    while (e.sandbox.replayCost < triedAt + every) await r.exec(e, code);
    expect(outcomes).toEqual(['failed', 'failed']);
    // Everything was journaled all the same.
    expect(store.load()[0]!.log.length).toBe(e.logEntries);
    r.close();
    store.close();
  });

  it('takes none with HEAPLAB_SNAPSHOT_EVERY=0', async () => {
    const store = new SqliteStore(dataDir());
    const outcomes: string[] = [];
    const r = new SandboxRegistry(limits, clock, store, { snapshot: (o) => outcomes.push(o) }, undefined, { every: 0 });
    const e = r.create({ options: {} });
    for (const code of PROGRAM) await r.exec(e, code);
    expect(outcomes).toEqual([]);
    expect(store.snapshotOf(e.id)).toBeNull();
    r.close();
    store.close();
  });

  it('a failed commit rebuilds the sandbox from its snapshot and the log after it', async () => {
    const store = new SqliteStore(dataDir());
    const restoredBy: string[] = [];
    const r = new SandboxRegistry(limits, clock, store, { restored: (from) => restoredBy.push(from) }, undefined, { every: EVERY });
    const e = r.create({ options: {} });
    for (const code of [PROGRAM[0]!, PROGRAM[1]!, BURN, PROGRAM[2]!]) expect((await r.exec(e, code)).error).toBeNull();
    expect(store.snapshotOf(e.id)?.snapshot.atEntry).toBe(3);
    const before = { seq: e.sandbox.lastSeq, cost: e.sandbox.replayCost, objects: e.sandbox.objectCount, log: e.sandbox.log() };
    store.setReadOnlyForTests(true);
    await expect(r.exec(e, 'zs = [Node(7)]\n')).rejects.toMatchObject({ status: 503 });
    expect(restoredBy).toEqual(['snapshot']);
    expect({ seq: e.sandbox.lastSeq, cost: e.sandbox.replayCost, objects: e.sandbox.objectCount, log: e.sandbox.log() }).toEqual(before);
    store.setReadOnlyForTests(false);
    r.close();
    store.close();
  });

  it('a snapshot the engine refuses is counted, never fails the request, and is tried again only a threshold later', async () => {
    const store = new SqliteStore(dataDir());
    const outcomes: string[] = [];
    const r = new SandboxRegistry(limits, clock, store, { snapshot: (o) => outcomes.push(o) }, undefined, { every: EVERY });
    const e = r.create({ options: {} });
    // JSON ops first, Python after: the engine refuses such a sandbox's snapshots (its interpreter
    // was not part of how it was built), naming why.
    r.apply(e, [{ op: 'alloc', type: 'list', name: 'a' }], false);
    const first = await r.exec(e, `b = [a]\n${BURN}`);
    expect(first.error).toBeNull();
    expect(outcomes).toEqual(['refused']);
    expect(store.snapshotOf(e.id)).toBeNull();
    // Cheap requests after the refusal: not a threshold's worth since it, so not tried.
    expect((await r.exec(e, 'import sys\nprint(sys.getrefcount(a))')).stdout).toBe('3\n'); // CPython: a, b[0], the argument
    expect(outcomes).toEqual(['refused']);
    // Another threshold's worth: tried (and refused) again.
    expect((await r.exec(e, BURN)).error).toBeNull();
    expect(outcomes).toEqual(['refused', 'refused']);
    expect(store.load()[0]!.log.length).toBe(4);
    r.close();
    store.close();
  });

  it('skips a heap too big to snapshot within one request\'s time, and says so', async () => {
    const store = new SqliteStore(dataDir());
    const outcomes: string[] = [];
    // 1 ms for a request: at 5 µs an object, heaps of up to 200 objects are snapshotted.
    // The programs run on the sandbox directly (a 1 ms request would stop them); the registry's
    // next request commits their entries and checks whether a snapshot is due.
    const r = new SandboxRegistry({ ...limits, maxRequestMs: 1 }, clock, store, { snapshot: (o) => outcomes.push(o) }, undefined, { every: 1 });
    const e = r.create({ options: {} });
    const big = 'for i in range(400):\n    for j in range(400):\n        pass\n';
    e.sandbox.exec(`xs = [[i] for i in range(50)]\n${big}`);
    await r.exec(e, 'pass');
    expect(e.sandbox.objectCount).toBeLessThan(200);
    expect(outcomes).toEqual(['written']);
    e.sandbox.exec(`ys = [[i] for i in range(300)]\n${big}`);
    await r.exec(e, 'pass');
    expect(e.sandbox.objectCount).toBeGreaterThan(200);
    expect(outcomes).toEqual(['written', 'skipped']);
    expect(store.snapshotOf(e.id)?.snapshot.atEntry).toBe(2);
    r.close();
    store.close();
  });
});
