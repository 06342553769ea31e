/**
 * The cluster hook in one app on a real redis-server: a change Redis refuses (another
 * node took the lease) is answered 503 and never acknowledged; a request for a sandbox
 * whose holder cannot be reached waits for the lease to lapse and is then served here,
 * with the heap rebuilt from the journal. An events WebSocket for a sandbox another node
 * holds is checked against the record in Redis (its owner's key) and relayed from the
 * sandbox's stream: `since=`, then live, then 4410 at its end.
 */
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys, type RedisStore } from '../../../src/store/redis.js';
import { openStore } from '../../../src/store/open.js';
import { expectProblem, makeApp, type TestApp } from '../../routes/helpers.js';
import { freePort, startRedis, type RedisServer } from './redis-server.js';

let redis: RedisServer;
let client: Redis;
let t: TestApp;
let store: RedisStore;
const ALICE = 'alice-key-0123456789';
const BOB = 'bob-key-0123456789ab';

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
  store = openStore({ kind: 'redis', dataDir: '', redis: { url: redis.url, nodeUrl: 'http://127.0.0.1:9', leaseMs: 60_000, idleTtlMs: 600_000, eventsRetained: 100 } }) as RedisStore;
  t = await makeApp({ apiKeys: [ALICE, BOB] }, { store });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await t?.close();
  await store?.shutdown();
  client?.disconnect();
  await redis?.stop();
});

describe('the cluster hook', () => {
  it('answers 503 to a change Redis refuses, and a request for a sandbox whose holder is unreachable waits out its lease', async () => {
    const id = (await t.http.post('/v1/sandboxes').set(bearer(ALICE))).body.id as string;
    const first = await t.http.post(`/v1/sandboxes/${id}/exec`).set(bearer(ALICE)).send({ code: 'a = []\nb = a\n' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(await client.llen(keys.log(id))).toBe(1);

    // Another node (unreachable: nothing listens on its port) takes the lease.
    await client.set(keys.lease(id), `other-node http://127.0.0.1:${await freePort()}`, 'PX', 60_000);
    const refused = await t.http.post(`/v1/sandboxes/${id}/exec`).set(bearer(ALICE)).send({ code: 'c = a\n' });
    expectProblem(refused, 503);
    expect(await client.llen(keys.log(id))).toBe(1);

    // The other node is gone: its lease runs out in 300 ms, then this node takes over.
    await client.pexpire(keys.lease(id), 300);
    const read = await t.http.post(`/v1/sandboxes/${id}/exec`).set(bearer(ALICE)).send({ code: 'import sys\nprint(sys.getrefcount(a))\n' });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    // a and b: CPython prints 3 (c = a was never applied).
    expect(read.body.stdout).toBe('3\n');
    expect((await client.get(keys.lease(id)))?.endsWith(' http://127.0.0.1:9')).toBe(true);
    expect(await client.llen(keys.log(id))).toBe(2);

    // /metrics: the takeover, the confirmed writes (create, two execs) and the one refused, the lease held.
    const text = (await t.http.get('/metrics').set(bearer(ALICE))).text;
    expect(text).toMatch(/^heaplab_takeovers_total 1$/m);
    expect(text).toMatch(/^heaplab_redis_write_duration_seconds_count 3$/m);
    expect(text).toMatch(/^heaplab_leases_held 1$/m);
    expect(text).toMatch(/^heaplab_store_up\{store="redis"\} 1$/m);
  });

  it('relays the events of a sandbox another node holds: owner checked, since= replayed, then live, 4410 at the end', async () => {
    const id = (await t.http.post('/v1/sandboxes').set(bearer(ALICE))).body.id as string;
    const ran = await t.http.post(`/v1/sandboxes/${id}/exec`).set(bearer(ALICE)).send({ code: 'print("one")\n' });
    expect(ran.status).toBe(200);
    const [stdout] = ran.body.events as Array<{ seq: number; type: string; text: string }>;
    expect(stdout).toMatchObject({ type: 'stdout', text: 'one\n' });

    // Another node holds it now (this one forgets it; the other is alive for Redis).
    await client.set(keys.lease(id), `other-node http://127.0.0.1:${await freePort()}`, 'PX', 60_000);
    t.app.heaplab.registry.release(id, 'moved');

    const path = `/v1/sandboxes/${id}/events?since=0`;
    const bob = await connect(path, BOB);
    expect(bob.open ? 0 : bob.status).toBe(404);
    const alice = await connect(path, ALICE);
    if (!alice.open) throw new Error(`refused: ${alice.status} ${alice.body}`);
    await until(() => alice.messages.length === 1);
    expect(alice.messages).toEqual([stdout]);

    // What the holder writes next arrives live, then the end of the stream closes with 4410.
    const next = { seq: stdout!.seq + 1, type: 'stdout', text: 'two\n' };
    await client.xadd(keys.events(id), `${next.seq}-1`, 'm', JSON.stringify(next));
    await until(() => alice.messages.length === 2);
    expect(alice.messages[1]).toEqual(next);
    const closed = new Promise<number>((r) => alice.ws.once('close', (code) => r(code)));
    await client.xadd(keys.events(id), `${next.seq + 1}-0`, 'gone', '1');
    expect(await closed).toBe(4410);
  });
});

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
}

type Outcome = { open: true; ws: WebSocket; messages: unknown[] } | { open: false; status: number; body: string };

/** Connect to the events route with `key`: open (messages collected), or refused (status, body). */
function connect(path: string, key: string): Promise<Outcome> {
  const base = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base}${path}`, { headers: bearer(key) });
    const messages: unknown[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d))));
    ws.once('open', () => resolve({ open: true, ws, messages }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () => resolve({ open: false, status: res.statusCode ?? 0, body }));
    });
    ws.once('error', reject);
  });
}
