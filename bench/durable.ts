/**
 * `npm run bench -- durable`: what keeping sandboxes durable costs, measured against the
 * memory store in the same run, through the service's registry (what a request does,
 * minus HTTP):
 *  - journal cost per changing request (one cheap op per request, and 100 per request);
 *  - restore time at start-up: one sandbox with 100,000 logged ops, and 100 sandboxes
 *    with 1,000 ops each, from their heap snapshots (taken as a server takes them, every
 *    HEAPLAB_SNAPSHOT_EVERY's default steps) and, on the same data less its snapshots, by
 *    replaying every log in full;
 *  - what a heap snapshot costs against the replay it saves: taking one of a heap of
 *    ~200,000 objects, its size, and rebuilding from it, per object and in replay steps of
 *    the same time (the measurement behind the registry's SNAPSHOT_STEPS_PER_OBJECT);
 *  - JS heap held by 100 sandboxes × 1,000 logged ops (the memory store keeps every log
 *    entry in the heap; the SQLite store keeps none once committed);
 *  - with Debian's redis-server on PATH: the Redis journal's cost per request (each
 *    request waits for Redis, as a reply does) and a takeover of 100,000 logged ops, from
 *    the snapshot and by full replay.
 * Benchmarks, not tests: nothing here asserts a time.
 */
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { DEFAULT_SNAPSHOT_EVERY, testConfig } from '../src/config.js';
import { Sandbox, restoreFromSnapshot, takeSnapshot, type LogEntry, type SandboxSnapshot } from '../src/engine.js';
import { MemoryLog } from '../sandbox/oplog.js';
import { SandboxRegistry } from '../src/registry.js';
import { keys, RedisStore, requestWrites, type RequestWrites } from '../src/store/redis.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { startRedis } from '../test/src/cluster/redis-server.js';
import { MemoryStore, type Store } from '../src/store/store.js';
import type { Op } from '../sandbox/ops.js';
import { collector, settledHeap } from './sandboxes.js';

/** A cheap logged op; a fresh object each time, as each parsed request body is. */
const op = (): Op => ({ op: 'alloc', type: 'list', name: 'x' });

const limits = testConfig({ limits: { maxSandboxes: 1_000, maxSandboxesPerKey: 1_000, maxLogEntries: 200_000 } }).limits;

/** A registry as a server runs one: snapshots every HEAPLAB_SNAPSHOT_EVERY's default steps; `onSnapshot` sees each written. */
function registryOn(store: Store, onSnapshot?: () => void): SandboxRegistry {
  return new SandboxRegistry(limits, Date.now, store, { snapshot: (o) => o === 'written' && onSnapshot?.() }, undefined,
    { every: DEFAULT_SNAPSHOT_EVERY });
}

/** Microseconds per request of `perRequest` ops, over `requests` requests. */
function journalCost(store: Store, requests: number, perRequest: number): number {
  const r = registryOn(store);
  const e = r.create({ options: {} });
  const ops = () => Array.from({ length: perRequest }, op);
  for (let i = 0; i < 200; i++) r.apply(e, ops(), false); // warm up
  const t0 = performance.now();
  for (let i = 0; i < requests; i++) r.apply(e, ops(), false);
  return ((performance.now() - t0) * 1000) / requests;
}

interface RestoreTimes {
  fillMs: number;
  /** From the snapshots (and the log after them), and by full replay of the same data. */
  snapshotMs: number;
  replayMs: number;
  fromSnapshot: number;
  /** Log entries replayed after the snapshots, in all. */
  tail: number;
  entries: number;
  fileMiB: number;
}

/** Time restoring every sandbox of `dir` (restoreAll, as a start-up does). */
function timeRestore(dir: string): ReturnType<SandboxRegistry['restoreAll']> {
  const again = new SqliteStore(dir);
  const restored = registryOn(again);
  restored.load();
  const report = restored.restoreAll();
  again.close();
  return report;
}

/**
 * Fill a store with `sandboxes` × `ops` logged ops (in requests of 100), then time a
 * restore from the snapshots the fill took, and one of a copy of the data without them.
 */
function restoreTime(dir: string, bare: string, sandboxes: number, ops: number): RestoreTimes {
  const store = new SqliteStore(dir);
  const r = registryOn(store);
  const t0 = performance.now();
  for (let s = 0; s < sandboxes; s++) {
    const e = r.create({ options: {} });
    for (let n = 0; n < ops; n += 100) r.apply(e, Array.from({ length: Math.min(100, ops - n) }, op), false);
  }
  const fillMs = performance.now() - t0;
  r.close();
  store.close();
  const db = new Database(join(dir, 'heaplab.db'), { readonly: true });
  const tail = db.prepare('SELECT (SELECT count(*) FROM ops) - (SELECT coalesce(sum(at_entry), 0) FROM snapshots)').pluck().get() as number;
  db.close();
  cpSync(dir, bare, { recursive: true });
  const noSnapshots = new Database(join(bare, 'heaplab.db'));
  noSnapshots.prepare('DELETE FROM snapshots').run();
  noSnapshots.close();
  const fromSnapshots = timeRestore(dir);
  const byReplay = timeRestore(bare);
  if (byReplay.fromSnapshot !== 0) throw new Error('a snapshot was left');
  return {
    fillMs, snapshotMs: fromSnapshots.ms, replayMs: byReplay.ms, fromSnapshot: fromSnapshots.fromSnapshot, tail,
    entries: byReplay.entries, fileMiB: statSync(join(dir, 'heaplab.db')).size / 2 ** 20,
  };
}

/** The median of `runs` timings of `f` (ms). */
function medianMs(runs: number, f: () => void): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/**
 * A snapshot's cost against the replay it saves, for heaps built by `code`: replay time per
 * step of the log, snapshot and rebuild time per object, and so how many replay steps one
 * object's snapshot costs.
 */
function snapshotCost(code: string) {
  const sb = new Sandbox({});
  if (sb.exec(code).error !== null) throw new Error('the heap program failed');
  const objects = sb.objectCount;
  const replayMs = medianMs(3, () => Sandbox.replay(sb.log()));
  let snap: SandboxSnapshot | null = null;
  const takeMs = medianMs(3, () => {
    const r = takeSnapshot(sb);
    if ('refused' in r) throw new Error(`snapshot refused: ${r.refused}`);
    snap = r.snapshot;
  });
  const log = new MemoryLog<LogEntry>();
  for (const e of sb.log().entries) log.append(e);
  const restoreMs = medianMs(3, () => restoreFromSnapshot({}, snap!, log));
  const msPerStep = replayMs / sb.replayCost;
  return {
    objects, cost: sb.replayCost, replayMs, takeMs, restoreMs, bytes: snap!.data.byteLength,
    takeSteps: takeMs / objects / msPerStep, restoreSteps: restoreMs / objects / msPerStep,
  };
}

/** Heap bytes held by `sandboxes` × `ops` logged ops on a store. */
function heldBytes(store: Store, sandboxes: number, ops: number): number {
  const gc = collector();
  const before = settledHeap(gc);
  const r = registryOn(store);
  for (let s = 0; s < sandboxes; s++) {
    const e = r.create({ options: {} });
    for (let n = 0; n < ops; n += 100) r.apply(e, Array.from({ length: 100 }, op), false);
  }
  const after = settledHeap(gc);
  if (r.size !== sandboxes) throw new Error('lost a sandbox');
  return after - before;
}

/** A Redis store as a node would open it (a lease far longer than the run). */
async function redisStore(url: string): Promise<RedisStore> {
  const store = new RedisStore({ url, nodeUrl: 'http://bench.invalid', leaseMs: 600_000, idleTtlMs: limits.idleTtlSeconds * 1000, eventsRetained: limits.eventsRetained });
  if (!(await store.ready(5_000))) throw new Error('Redis did not answer');
  return store;
}

/** Run `work` as a request does on a Redis store: its reply waits for Redis to confirm its writes. */
async function asRequest<T>(work: () => T): Promise<T> {
  const writes: RequestWrites = { promises: [] };
  const out = requestWrites.run(writes, work);
  await Promise.all(writes.promises);
  return out;
}

/** Microseconds per request of `perRequest` ops on Redis, one request after another (each waits for its write). */
async function redisJournalCost(store: RedisStore, requests: number, perRequest: number): Promise<number> {
  const r = registryOn(store);
  const e = await asRequest(() => r.create({ options: {} }));
  const ops = () => Array.from({ length: perRequest }, op);
  for (let i = 0; i < 200; i++) await asRequest(() => r.apply(e, ops(), false));
  const t0 = performance.now();
  for (let i = 0; i < requests; i++) await asRequest(() => r.apply(e, ops(), false));
  return ((performance.now() - t0) * 1000) / requests;
}

/** One takeover: another node reads `id` back from Redis and rebuilds it; gives the lease up after. */
async function takeOverOnce(url: string, id: string): Promise<{ readMs: number; rebuildMs: number; from: string }> {
  const two = await redisStore(url);
  const t0 = performance.now();
  const kept = await two.takeOver(id);
  const t1 = performance.now();
  if (kept === null || kept === 'held') throw new Error('takeover failed');
  let from = '';
  const again = new SandboxRegistry(limits, Date.now, two, { restored: (f) => (from = f) });
  again.adopt(kept);
  again.require(id);
  const t2 = performance.now();
  await two.shutdown();
  return { readMs: t1 - t0, rebuildMs: t2 - t1, from };
}

/**
 * A takeover on Redis: one sandbox's `ops` logged ops read back by another node and rebuilt
 * from its snapshot; then, the snapshot deleted, by a third node replaying the whole log.
 */
async function redisTakeover(url: string, ops: number) {
  const one = await redisStore(url);
  let written = 0;
  const r = registryOn(one, () => written++);
  const e = await asRequest(() => r.create({ options: {} }));
  for (let n = 0; n < ops; n += 100) await asRequest(() => r.apply(e, Array.from({ length: 100 }, op), false));
  for (let i = 0; i < 500 && written === 0; i++) await new Promise((res) => setTimeout(res, 10)); // snapshots go on after the reply
  await one.shutdown(); // gives the lease up, as a clean stop does
  const fromSnapshot = await takeOverOnce(url, e.id);
  const client = new Redis(url);
  await client.del(keys.snapshot(e.id));
  client.disconnect();
  const byReplay = await takeOverOnce(url, e.id);
  if (fromSnapshot.from !== 'snapshot' || byReplay.from !== 'replay') throw new Error(`rebuilt from ${fromSnapshot.from}, then ${byReplay.from}`);
  return { fromSnapshot, byReplay };
}

/** The Redis rows, when Debian's redis-server can be started here. */
async function redisRows(): Promise<void> {
  let server;
  try {
    server = await startRedis();
  } catch (err) {
    console.log(`redis: skipped (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    return;
  }
  try {
    for (const perRequest of [1, 100]) {
      const requests = perRequest === 1 ? 3_000 : 300;
      const mem = journalCost(new MemoryStore(), requests, perRequest);
      const store = await redisStore(server.url);
      const red = await redisJournalCost(store, requests, perRequest);
      await store.shutdown();
      console.log(`request of ${perRequest} op(s): memory ${mem.toFixed(1)} µs, redis ${red.toFixed(1)} µs, one request at a time ` +
        `(journal +${(red - mem).toFixed(1)} µs per request, +${((red - mem) / perRequest).toFixed(2)} µs per op; AOF fsync always)`);
    }
    const t = await redisTakeover(server.url, 100_000);
    console.log(`takeover of 1 sandbox × 100000 ops from Redis: from its snapshot read back ${t.fromSnapshot.readMs.toFixed(0)} ms, ` +
      `rebuild ${t.fromSnapshot.rebuildMs.toFixed(0)} ms; by full replay read back ${t.byReplay.readMs.toFixed(0)} ms, ` +
      `replay ${t.byReplay.rebuildMs.toFixed(0)} ms`);
  } finally {
    await server.stop();
  }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'heaplab-bench-durable-'));
}

export async function runDurableBench(): Promise<void> {
  console.log('\n## Durable store (SQLite, WAL, synchronous=NORMAL) against memory, same run');
  const dirs: string[] = [];
  const dir = () => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };
  try {
    for (const perRequest of [1, 100]) {
      const requests = perRequest === 1 ? 5_000 : 500;
      const mem = journalCost(new MemoryStore(), requests, perRequest);
      const sq = new SqliteStore(dir());
      const dur = journalCost(sq, requests, perRequest);
      sq.close();
      console.log(`request of ${perRequest} op(s): memory ${mem.toFixed(1)} µs, sqlite ${dur.toFixed(1)} µs ` +
        `(journal +${(dur - mem).toFixed(1)} µs per request, +${((dur - mem) / perRequest).toFixed(2)} µs per op)`);
    }
    for (const [n, m] of [[1, 100_000], [100, 1_000]] as const) {
      const r = restoreTime(dir(), dir(), n, m);
      console.log(`restore ${n} sandbox(es) × ${m} ops: from snapshots ${r.snapshotMs.toFixed(0)} ms ` +
        `(${r.fromSnapshot} of ${n} had one; ${r.tail} entries replayed after them), by full replay ${r.replayMs.toFixed(0)} ms ` +
        `(${((r.replayMs * 1000) / r.entries).toFixed(1)} µs per entry); writing them took ${r.fillMs.toFixed(0)} ms; file ${r.fileMiB.toFixed(1)} MiB`);
    }
    for (const [what, code] of [
      ['100,000 one-item lists', 'xs = [[i] for i in range(100000)]\n'],
      ['50,000 instances with a dict each', 'class P:\n    def __init__(self, i):\n        self.i = i\n        self.n = None\nps = [P(i) for i in range(50000)]\n'],
    ] as const) {
      const c = snapshotCost(code);
      console.log(`snapshot of ${what} (${c.objects} objects, a ${c.cost}-step log replayed in ${c.replayMs.toFixed(0)} ms): ` +
        `take ${c.takeMs.toFixed(0)} ms (${c.takeSteps.toFixed(1)} replay steps per object), ${(c.bytes / 2 ** 20).toFixed(1)} MiB ` +
        `(${(c.bytes / c.objects).toFixed(0)} B per object), rebuild from it ${c.restoreMs.toFixed(0)} ms (${c.restoreSteps.toFixed(1)} steps per object)`);
    }
    const memHeld = heldBytes(new MemoryStore(), 100, 1_000);
    const sq = new SqliteStore(dir());
    const sqHeld = heldBytes(sq, 100, 1_000);
    sq.close();
    console.log(`JS heap held by 100 sandboxes × 1,000 logged ops: memory ${(memHeld / 2 ** 20).toFixed(1)} MiB, ` +
      `sqlite ${(sqHeld / 2 ** 20).toFixed(1)} MiB`);
    console.log('\n## Shared store (Redis, Lua-fenced appends, replies wait for Redis) against memory, same run');
    await redisRows();
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
