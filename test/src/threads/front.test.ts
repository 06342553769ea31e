/**
 * A server on two engine threads (src/threads/front.ts) over real sockets: requests reach the
 * thread holding their sandbox, the server-wide limits bind across threads exactly, listings
 * and metrics cover every thread, events WebSockets are relayed, and SQLite-kept sandboxes
 * come back on whichever thread owns them after a restart — with any number of threads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../../../src/app.js';
import { testConfig, type Config } from '../../../src/config.js';
import { threadOf } from '../../../src/threads/placement.js';
import { startFront, type FrontServer } from '../../../src/threads/front.js';

async function serve(config: Config): Promise<{ front: FrontServer; base: string }> {
  const front = await startFront(config);
  await new Promise<void>((r) => front.server.listen(0, '127.0.0.1', r));
  const a = front.server.address() as { port: number };
  return { front, base: `http://127.0.0.1:${a.port}` };
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function create(base: string, key: string): Promise<Response> {
  return fetch(`${base}/v1/sandboxes`, { method: 'POST', headers: auth(key) });
}

async function exec(base: string, id: string, key: string, code: string): Promise<{ stdout: string }> {
  const r = await fetch(`${base}/v1/sandboxes/${id}/exec`, {
    method: 'POST', headers: { ...auth(key), 'content-type': 'text/x-python' }, body: code,
  });
  expect(r.status).toBe(200);
  return (await r.json()) as { stdout: string };
}

describe('two engine threads behind the front (memory store)', () => {
  let front: FrontServer;
  let base: string;
  beforeAll(async () => {
    ({ front, base } = await serve(testConfig({
      threads: 2, apiKeys: ['key-one', 'key-two', 'key-three'],
      limits: { ...testConfig().limits, maxSandboxesPerKey: 3, maxSandboxes: 5, maxSubscribers: 2, rateLimitPerSecond: 1000 },
    })));
  }, 60_000);
  afterAll(async () => front.close());

  const ids: string[] = [];

  it('spreads new sandboxes over both threads and routes each request to its holder', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await create(base, 'key-one');
      expect(r.status).toBe(201);
      ids.push(((await r.json()) as { id: string }).id);
    }
    expect(new Set(ids.map((id) => threadOf(id, 2))).size).toBe(2);
    for (const [i, id] of ids.entries()) {
      expect((await exec(base, id, 'key-one', `x = [${i}]\nimport sys\nprint(sys.getrefcount(x))`)).stdout).toBe('2\n');
      // The heap is where the first request left it: the same thread answered.
      expect((await exec(base, id, 'key-one', 'print(x)')).stdout).toBe(`[${i}]\n`);
    }
  });

  it("counts a key's sandboxes across threads (maxSandboxesPerKey) and lists them all", async () => {
    const r = await create(base, 'key-one');
    expect(r.status).toBe(429);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(await r.json()).toMatchObject({ limit: 'maxSandboxesPerKey', detail: expect.stringContaining('You hold 3 sandboxes') });
    const list = (await (await fetch(`${base}/v1/sandboxes`, { headers: auth('key-one') })).json()) as { items: { id: string }[] };
    expect(list.items.map((i) => i.id).sort()).toEqual([...ids].sort());
    const slash = (await (await fetch(`${base}/v1/sandboxes/`, { headers: auth('key-one') })).json()) as { items: { id: string }[] };
    expect(slash.items.map((i) => i.id).sort()).toEqual([...ids].sort());
    const head = await fetch(`${base}/v1/sandboxes`, { method: 'HEAD', headers: auth('key-one') });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(JSON.stringify(list).length);
    const limits = (await (await fetch(`${base}/v1/limits`, { headers: auth('key-one') })).json()) as { caller: { sandboxes: number } };
    expect(limits.caller.sandboxes).toBe(3);
  });

  it('counts every sandbox of the server across threads (maxSandboxes)', async () => {
    expect((await create(base, 'key-two')).status).toBe(201);
    expect((await create(base, 'key-two')).status).toBe(201);
    const r = await create(base, 'key-three');
    expect(r.status).toBe(429);
    expect(await r.json()).toMatchObject({ limit: 'maxSandboxes' });
    // A deletion on either thread frees a slot for every thread.
    expect((await fetch(`${base}/v1/sandboxes/${ids.pop()!}`, { method: 'DELETE', headers: auth('key-one') })).status).toBe(204);
    expect((await create(base, 'key-three')).status).toBe(201);
  });

  it("counts a client's request rate once, whichever thread answers", async () => {
    const [a, b] = ids as [string, string];
    const remaining: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await fetch(`${base}/v1/sandboxes/${i % 2 ? a : b}`, { headers: auth('key-one') });
      expect(r.status).toBe(200);
      remaining.push(Number(r.headers.get('x-ratelimit-remaining')));
    }
    // Counted per thread, the two threads would answer 999, 999, 998, 998, ...; shared, each
    // request counts once (a window ending in between makes the count jump up, never repeat).
    for (let i = 1; i < remaining.length; i++) expect(remaining[i]).not.toBe(remaining[i - 1]);
  });

  it('answers problems for unknown sandboxes, bad bodies and bodies past the limit', async () => {
    const missing = await fetch(`${base}/v1/sandboxes/AAAAAAAAAAAAAAAAAAAAAA`, { headers: auth('key-one') });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const bad = await fetch(`${base}/v1/sandboxes/${ids[0]}/ops`, {
      method: 'POST', headers: { ...auth('key-one'), 'content-type': 'application/json' }, body: '{"ops": [',
    });
    expect(bad.status).toBe(400);
    const big = await fetch(`${base}/v1/sandboxes/${ids[0]}/exec`, {
      method: 'POST', headers: { ...auth('key-one'), 'content-type': 'text/x-python' }, body: 'x = 1\n'.repeat(200_000),
    });
    expect(big.status).toBe(413);
  });

  it('relays events WebSockets, counting subscribers across threads (maxSubscribers)', async () => {
    const [a, b] = ids as [string, string];
    expect(threadOf(a, 2)).not.toBe(threadOf(b, 2));
    const open = (id: string) => new WebSocket(`${base.replace('http', 'ws')}/v1/sandboxes/${id}/events?since=0`,
      ['heaplab.events', 'heaplab.key.key-one']);
    const wsA = open(a);
    const got: Array<{ type: string; text?: string }> = [];
    wsA.on('message', (d) => got.push(JSON.parse(String(d)) as { type: string }));
    await new Promise((r, j) => wsA.once('open', r).once('error', j));
    expect(wsA.protocol).toBe('heaplab.events');
    const wsB = open(b);
    // A subscriber holds its slot once its thread has subscribed it, which it does before
    // replaying: its first (replayed) message says so.
    await new Promise((r, j) => wsB.once('message', r).once('error', j));
    await expect.poll(() => got.length).toBeGreaterThan(0);
    // Two subscribers on two threads fill maxSubscribers = 2: a third upgrade is refused.
    const third = open(a);
    const refused = await new Promise<number>((r) => third.once('unexpected-response', (_req, res) => r(res.statusCode ?? 0)));
    expect(refused).toBe(429);
    await exec(base, a, 'key-one', 'print("hello from a")');
    await expect.poll(() => got.some((e) => e.type === 'stdout' && e.text === 'hello from a\n')).toBe(true);
    // since=0 first replayed the earlier output of this sandbox.
    expect(got.find((e) => e.type === 'stdout')?.text).toBe('2\n');
    const closed = new Promise<number>((r) => wsA.once('close', (code) => r(code)));
    expect((await fetch(`${base}/v1/sandboxes/${a}`, { method: 'DELETE', headers: auth('key-one') })).status).toBe(204);
    expect(await closed).toBe(4410);
    wsB.close();
  });

  it('answers a request that is not HTTP with problem+json, as the one-thread server does', async () => {
    const { port } = new URL(base);
    const one = await buildApp(testConfig());
    await one.listen({ port: 0, host: '127.0.0.1' });
    try {
      const raw = (p: number) => new Promise<string>((resolve) => {
        const sock = connect(p, '127.0.0.1', () => sock.end('GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n'));
        let out = '';
        sock.on('data', (d) => (out += d.toString()));
        sock.on('close', () => resolve(out));
      });
      for (const reply of [await raw(Number(port)), await raw((one.server.address() as AddressInfo).port)]) {
        expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
        expect(reply).toContain('content-type: application/problem+json');
        expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toMatchObject({
          type: 'urn:heaplab:problem:malformed-request', status: 400,
        });
      }
    } finally {
      await one.close();
    }
  });

  it('sums metrics over the threads and is ready when every thread is', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const held = Number(/^heaplab_sandboxes (\d+)$/m.exec(text)?.[1]);
    expect(held).toBe(4);
    expect(text.match(/^heaplab_process_resident_memory_bytes /gm)).toHaveLength(1);
    expect(text).toMatch(/^heaplab_store_up\{store="memory"\} 1$/m);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});

describe('two engine threads on one SQLite file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keeps sandboxes across a restart, on any number of threads, and holds its data directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heaplab-front-'));
    dirs.push(dir);
    const config = testConfig({ threads: 2, store: { kind: 'sqlite', dataDir: dir } });
    let { front, base } = await serve(config);
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { id } = (await (await fetch(`${base}/v1/sandboxes`, { method: 'POST' })).json()) as { id: string };
      await exec(base, id, '', `class Node:\n    pass\nn = Node()\nn.me = n\nv = ${i}`);
      made.push(id);
    }
    expect(new Set(made.map((id) => threadOf(id, 2))).size).toBe(2);
    // The directory is this server's: another refuses to start, naming the lock.
    await expect(startFront(config)).rejects.toThrow(/heaplab\.lock.*another heaplab process/);
    await front.close();

    ({ front, base } = await serve(config));
    for (const [i, id] of made.entries()) {
      expect((await exec(base, id, '', 'import gc\nprint(v, n.me is n, gc.collect())')).stdout).toBe(`${i} True 0\n`);
    }
    await front.close();

    // What two threads wrote, one thread serves.
    const app = await buildApp(testConfig({ store: { kind: 'sqlite', dataDir: dir } }));
    for (const [i, id] of made.entries()) {
      const r = await app.inject({ method: 'POST', url: `/v1/sandboxes/${id}/exec`, headers: { 'content-type': 'text/x-python' }, payload: 'print(v)' });
      expect(r.json()).toMatchObject({ stdout: `${i}\n` });
    }
    await app.close();
  }, 120_000);
});

describe('creations racing on two threads', () => {
  it('take exactly the quota between them', async () => {
    const { front, base } = await serve(testConfig({
      threads: 2, apiKeys: ['racing-key-00001'], limits: { ...testConfig().limits, maxSandboxesPerKey: 7 },
    }));
    try {
      const replies = await Promise.all(Array.from({ length: 40 }, () => create(base, 'racing-key-00001')));
      const codes = replies.map((r) => r.status);
      expect(codes.filter((c) => c === 201)).toHaveLength(7);
      expect(codes.filter((c) => c === 429)).toHaveLength(33);
      const list = (await (await fetch(`${base}/v1/sandboxes`, { headers: auth('racing-key-00001') })).json()) as { items: unknown[] };
      expect(list.items).toHaveLength(7);
    } finally {
      await front.close();
    }
  }, 60_000);
});

describe('an engine thread lost', () => {
  it('is reported, and its requests answer 503 while the other thread serves on', async () => {
    const lost: number[] = [];
    const front = await startFront(testConfig({ threads: 2 }), { onThreadLost: (i) => lost.push(i) });
    try {
      await new Promise<void>((r) => front.server.listen(0, '127.0.0.1', r));
      const base = `http://127.0.0.1:${(front.server.address() as { port: number }).port}`;
      const ids: string[] = [];
      while (new Set(ids.map((id) => threadOf(id, 2))).size < 2) {
        ids.push(((await (await fetch(`${base}/v1/sandboxes`, { method: 'POST' })).json()) as { id: string }).id);
      }
      await front.workers[1]!.terminate();
      await expect.poll(() => lost).toEqual([1]);
      for (const id of ids) {
        const r = await fetch(`${base}/v1/sandboxes/${id}`);
        expect(r.status).toBe(threadOf(id, 2) === 1 ? 503 : 200);
        if (r.status === 503) expect(r.headers.get('content-type')).toBe('application/problem+json');
      }
    } finally {
      await front.close();
    }
  }, 60_000);
});
