/**
 * The cluster hook in one app on a real redis-server: a change Redis refuses (another
 * node took the lease) is answered 503 and never acknowledged; a request for a sandbox
 * whose holder cannot be reached waits for the lease to lapse and is then served here,
 * with the heap rebuilt from the journal.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys, type RedisStore } from '../../../src/store/redis.js';
import { openStore } from '../../../src/store/open.js';
import { expectProblem, makeApp, newSandbox, type TestApp } from '../../routes/helpers.js';
import { freePort, startRedis, type RedisServer } from './redis-server.js';

let redis: RedisServer;
let client: Redis;
let t: TestApp;
let store: RedisStore;

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
  store = openStore({ kind: 'redis', dataDir: '', redis: { url: redis.url, nodeUrl: 'http://127.0.0.1:9', leaseMs: 60_000, idleTtlMs: 600_000, eventsRetained: 100 } }) as RedisStore;
  t = await makeApp({}, { store });
});
afterAll(async () => {
  await t?.close();
  await store?.shutdown();
  client?.disconnect();
  await redis?.stop();
});

describe('the cluster hook', () => {
  it('answers 503 to a change Redis refuses, and a request for a sandbox whose holder is unreachable waits out its lease', async () => {
    const id = await newSandbox(t);
    const first = await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'a = []\nb = a\n' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(await client.llen(keys.log(id))).toBe(1);

    // Another node (unreachable: nothing listens on its port) takes the lease.
    await client.set(keys.lease(id), `other-node http://127.0.0.1:${await freePort()}`, 'PX', 60_000);
    const refused = await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'c = a\n' });
    expectProblem(refused, 503);
    expect(await client.llen(keys.log(id))).toBe(1);

    // The other node is gone: its lease runs out in 300 ms, then this node takes over.
    await client.pexpire(keys.lease(id), 300);
    const read = await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'import sys\nprint(sys.getrefcount(a))\n' });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    // a and b: CPython prints 3 (c = a was never applied).
    expect(read.body.stdout).toBe('3\n');
    expect((await client.get(keys.lease(id)))?.endsWith(' http://127.0.0.1:9')).toBe(true);
    expect(await client.llen(keys.log(id))).toBe(2);

    // /metrics: the takeover, the confirmed writes (create, two execs) and the one refused, the lease held.
    const text = (await t.http.get('/metrics')).text;
    expect(text).toMatch(/^heaplab_takeovers_total 1$/m);
    expect(text).toMatch(/^heaplab_redis_write_duration_seconds_count 3$/m);
    expect(text).toMatch(/^heaplab_leases_held 1$/m);
    expect(text).toMatch(/^heaplab_store_up\{store="redis"\} 1$/m);
  });
});
