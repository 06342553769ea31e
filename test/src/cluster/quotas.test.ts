/**
 * Quotas and listings are the cluster's, not a node's: two apps (two nodes) on one real
 * redis-server. A key's sandboxes count against maxSandboxesPerKey wherever they were made,
 * concurrent creations on both nodes cannot pass it together, a deletion on either node
 * frees a place at once, the cluster's maxSandboxes binds over every key, and
 * GET /v1/sandboxes on either node lists the key's sandboxes held by both.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys, type RedisStore } from '../../../src/store/redis.js';
import { openStore } from '../../../src/store/open.js';
import { expectProblem, makeApp, type TestApp } from '../../routes/helpers.js';
import { startRedis, type RedisServer } from './redis-server.js';

const ALICE = 'alice-key-0123456789';
const BOB = 'bob-key-0123456789ab';
const CAROL = 'carol-key-0123456789';
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

let redis: RedisServer;
let client: Redis;
const nodes: Array<{ t: TestApp; store: RedisStore }> = [];

async function node(): Promise<TestApp> {
  const store = openStore({
    kind: 'redis', dataDir: '',
    redis: { url: redis.url, nodeUrl: null, leaseMs: 60_000, idleTtlMs: 600_000, eventsRetained: 100 },
  }) as RedisStore;
  const t = await makeApp({ apiKeys: [ALICE, BOB, CAROL], limits: { maxSandboxesPerKey: 3, maxSandboxes: 5 } }, { store });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  nodes.push({ t, store });
  return t;
}

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
});
afterAll(async () => {
  for (const n of nodes) {
    await n.t.close();
    await n.store.shutdown();
  }
  client?.disconnect();
  await redis?.stop();
});

describe('quotas and listings over two nodes', () => {
  it("count a key's sandboxes on every node, and list them from either", async () => {
    const a = await node();
    const b = await node();
    const made = async (t: TestApp, key: string) => t.http.post('/v1/sandboxes').set(bearer(key));
    const ids: string[] = [];
    for (const t of [a, b, a]) {
      const r = await made(t, ALICE);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids.push(r.body.id as string);
    }
    // Each node alone holds one or two: the fourth is refused on either, with the cluster's count.
    const refused = expectProblem(await made(b, ALICE), 429);
    expect(refused).toMatchObject({ limit: 'maxSandboxesPerKey', detail: expect.stringContaining('You hold 3 sandboxes') });
    expect(await client.zcard(keys.quota('key:0'))).toBe(3);
    // /v1/limits tells the caller the cluster's count, on either node.
    for (const t of [a, b]) expect((await t.http.get('/v1/limits').set(bearer(ALICE))).body.caller.sandboxes).toBe(3);

    // Listed from either node: the sandboxes both hold, with the holder's summaries.
    for (const t of [a, b]) {
      const list = await t.http.get('/v1/sandboxes').set(bearer(ALICE));
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      expect((list.body.items as Array<{ id: string; objects: number }>).map((i) => i.id)).toEqual(ids);
    }
    const other = await b.http.get('/v1/sandboxes').set(bearer(BOB));
    expect(other.body.items).toEqual([]);

    // A deletion on the node that does not hold it (forwarded) frees the place at once.
    expect((await b.http.delete(`/v1/sandboxes/${ids[0]}`).set(bearer(ALICE))).status).toBe(204);
    expect(await client.zcard(keys.quota('key:0'))).toBe(2);
    expect((await made(b, ALICE)).status).toBe(201);
  });

  it('let concurrent creations on both nodes take exactly the places left, and bind maxSandboxes over every key', async () => {
    const [a, b] = [nodes[0]!.t, nodes[1]!.t];
    // Alice holds 3 of 5; Bob and Carol race for the 2 places left in the cluster.
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      (i % 2 ? a : b).http.post('/v1/sandboxes').set(bearer(i % 4 < 2 ? BOB : CAROL))));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    for (const r of replies.filter((x) => x.status === 429)) expect(r.body.limit).toBe('maxSandboxes');
    expect(await client.zcard(keys.quotaAll)).toBe(5);
    // A creation refused by its route after its place was reserved gives the place back.
    const bad = await a.http.post('/v1/sandboxes').set(bearer(BOB)).send({ limits: { maxObjects: 10 ** 12 } });
    expect(bad.status).toBe(429); // still full
    const ids = ((await a.http.get('/v1/sandboxes').set(bearer(ALICE))).body.items as Array<{ id: string }>).map((i) => i.id);
    expect((await a.http.delete(`/v1/sandboxes/${ids[0]}`).set(bearer(ALICE))).status).toBe(204);
    const invalid = await b.http.post('/v1/sandboxes').set(bearer(BOB)).send({ limits: { maxObjects: 10 ** 12 } });
    expect(invalid.status).toBe(400);
    expect(await client.zcard(keys.quotaAll)).toBe(4);
    expect((await b.http.post('/v1/sandboxes').set(bearer(BOB))).status).toBe(201);
  });
});
