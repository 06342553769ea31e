/**
 * The Redis store against a real redis-server: what a commit writes, fencing (a node
 * whose lease another node took cannot append, and drops the sandbox), takeover by
 * replay (the same heap), expiry (keys expire with the sandbox's lifetime; deletion ends
 * the event stream).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../src/config.js';
import { SandboxRegistry, type RegistryHooks } from '../../../src/registry.js';
import { keys, RedisStore, requestWrites, type RequestWrites } from '../../../src/store/redis.js';
import { startRedis, type RedisServer } from '../cluster/redis-server.js';

let redis: RedisServer;
let client: Redis;
const stores: RedisStore[] = [];
const limits = testConfig().limits;

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
});
afterAll(async () => {
  for (const s of stores.splice(0)) await s.shutdown();
  client?.disconnect();
  await redis?.stop();
});

async function node(url: string, hooks: RegistryHooks = {}, snapshotEvery = 0): Promise<{ store: RedisStore; registry: SandboxRegistry }> {
  const store = new RedisStore({ url: redis.url, nodeUrl: url, leaseMs: 60_000, idleTtlMs: limits.idleTtlSeconds * 1000, eventsRetained: 100 });
  stores.push(store);
  expect(await store.ready(5_000)).toBe(true);
  return { store, registry: new SandboxRegistry(limits, Date.now, store, hooks, undefined, { every: snapshotEvery }) };
}

/** Wait (at most 5 s) until `check` holds. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(await check()).toBe(true);
}

/** Run `work` as a request would, then wait for the writes it made (rejects if one failed). */
async function request<T>(work: () => T): Promise<T> {
  const writes: RequestWrites = { promises: [] };
  const out = requestWrites.run(writes, work);
  await Promise.all(writes.promises);
  return out;
}

describe('RedisStore', () => {
  it('journals each request, fences a node whose lease was taken, and a takeover replays the same heap', async () => {
    const one = await node('http://one.invalid');
    const two = await node('http://two.invalid');
    const e = await request(() => one.registry.create({ options: {} }));
    const r = await request(() => one.registry.apply(e, [{ op: 'alloc', type: 'list', name: 'a' }, { op: 'ref', name: 'b', to: 'a' }], false));
    expect(r.error).toBeNull();
    expect(await client.llen(keys.log(e.id))).toBe(2);
    expect(await client.get(keys.lease(e.id))).toBe(`${one.store.nodeId} http://one.invalid`);
    expect(await client.xlen(keys.events(e.id))).toBe(0); // alloc and ref emit no events

    // While one holds it, two cannot take it.
    expect(await two.store.takeOver(e.id)).toBe('held');
    // The lease lapses (one stalled); two takes over and rebuilds the heap by replay.
    await client.del(keys.lease(e.id));
    const kept = await two.store.takeOver(e.id);
    expect(kept).not.toBe('held');
    expect(kept).not.toBeNull();
    expect(two.registry.adopt(kept as Exclude<typeof kept, 'held' | null>)).toBe(true);
    const moved = two.registry.require(e.id);
    const refcount = (reg: SandboxRegistry, entry: typeof e) =>
      reg.apply(entry, [{ op: 'getrefcount', target: 'a' }], false).results[0];
    // CPython: a list bound to a and b → sys.getrefcount(a) is 3.
    expect(refcount(two.registry, moved)).toEqual(refcount(one.registry, e));
    expect((refcount(two.registry, moved) as { refcount: number }).refcount).toBe(3);

    // one still believes it holds the sandbox: its next change is refused by Redis, not journaled.
    const lost: string[] = [];
    one.store.onLost = (id) => {
      lost.push(id);
      one.registry.release(id, 'moved');
    };
    await expect(request(() => one.registry.apply(e, [{ op: 'del', name: 'b' }], false))).rejects.toThrow(/^LEASE /);
    expect(lost).toEqual([e.id]);
    expect(one.registry.holds(e.id)).toBe(false);
    expect(await client.llen(keys.log(e.id))).toBe(2);

    // two's change is journaled on top.
    await request(() => two.registry.apply(moved, [{ op: 'del', name: 'b' }], false));
    expect(await client.llen(keys.log(e.id))).toBe(3);
  });

  it('keys expire with the sandbox\'s idle lifetime; deleting ends its event stream', async () => {
    const one = await node('http://one.invalid');
    const e = await request(() => one.registry.create({ options: {} }));
    await request(() => one.registry.exec(e, 'print("hi")\n'));
    const left = await client.pttl(keys.record(e.id));
    // idle lifetime plus a minute of slack, less the time since the write
    expect(left).toBeGreaterThan(limits.idleTtlSeconds * 1000);
    expect(left).toBeLessThanOrEqual(limits.idleTtlSeconds * 1000 + 60_000);
    expect(await client.pttl(keys.log(e.id))).toBeGreaterThan(limits.idleTtlSeconds * 1000);
    const stream = await client.xrange(keys.events(e.id), '-', '+');
    expect(stream.map(([, f]) => JSON.parse(f[1]!) as { type: string; text: string })).toEqual([
      expect.objectContaining({ type: 'stdout', text: 'hi\n' }),
    ]);

    await request(() => one.registry.delete(e.id));
    expect(await client.exists(keys.record(e.id), keys.log(e.id), keys.lease(e.id))).toBe(0);
    const [last] = await client.xrevrange(keys.events(e.id), '+', '-', 'COUNT', 1);
    expect(last![1]).toEqual(['gone', '1']);
  });

  it('keeps a snapshot after a commit; a takeover rebuilds from it and the log after it; deleting removes it', async () => {
    const snaps: string[] = [];
    const one = await node('http://one.invalid', { snapshot: (o) => snaps.push(o) }, 20_000);
    const restoredBy: string[] = [];
    const two = await node('http://two.invalid', { restored: (from) => restoredBy.push(from) }, 20_000);
    const e = await request(() => one.registry.create({ options: {} }));
    await request(() => one.registry.exec(e, 'class A:\n    def __del__(self):\n        print("bye")\n'));
    // Tens of thousands of steps: past the threshold, so a snapshot follows this commit.
    await request(() => one.registry.exec(e, 'a = A(); a.me = a\nfor i in range(20000):\n    pass\n'));
    await until(async () => snaps.length > 0);
    expect(snaps).toEqual(['written']);
    const meta = JSON.parse((await client.hget(keys.snapshot(e.id), 'meta'))!) as { atEntry: number };
    expect(meta.atEntry).toBe(2);
    expect(await client.pttl(keys.snapshot(e.id))).toBeGreaterThan(limits.idleTtlSeconds * 1000);
    // A cheap tail after it.
    await request(() => one.registry.exec(e, 'del a\nimport gc\nprint(gc.collect())\n'));
    expect(await client.llen(keys.log(e.id))).toBe(3);

    await client.del(keys.lease(e.id));
    const kept = await two.store.takeOver(e.id);
    expect(two.registry.adopt(kept as Exclude<typeof kept, 'held' | null>)).toBe(true);
    const moved = two.registry.require(e.id);
    expect(restoredBy).toEqual(['snapshot']);
    expect(moved.sandbox.lastSeq).toBe(e.sandbox.lastSeq);
    expect(moved.sandbox.replayCost).toBe(e.sandbox.replayCost);
    const probe = 'import sys\nprint(len(gc.get_objects()), sys.getrefcount(A), gc.get_count())\n';
    const there = await request(() => two.registry.exec(moved, probe));
    // The heap two rebuilt answers as a full replay of the same log does.
    const reference = new SandboxRegistry(limits).create({ options: {}, replay: e.sandbox.log().entries });
    expect(there).toEqual(reference.sandbox.exec(probe));

    await request(() => two.registry.delete(e.id));
    expect(await client.exists(keys.snapshot(e.id))).toBe(0);
  });
});
