import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Event } from '../../sandbox/events.js';
import { CloseCode } from '../../src/fanout.js';
import { Event as EventSchema } from '../../src/schemas.js';
import { expectProblem, makeApp, newSandbox, ops, type Overrides, type TestApp } from './helpers.js';

interface Client {
  ws: WebSocket;
  messages: Event[];
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves once at least n messages arrived. */
  waitFor(n: number): Promise<Event[]>;
}

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

function connect(url: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const messages: Event[] = [];
    let waiters: (() => void)[] = [];
    const closed = new Promise<{ code: number; reason: string }>((res) =>
      ws.on('close', (code, reason) => res({ code, reason: reason.toString() })));
    ws.on('message', (data) => {
      messages.push(EventSchema.parse(JSON.parse(data.toString())));
      for (const w of waiters) w();
    });
    const waitFor = (n: number) =>
      new Promise<Event[]>((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`timed out with ${messages.length}/${n} messages`)), 5000);
        const check = () => {
          if (messages.length >= n) {
            clearTimeout(timer);
            waiters = waiters.filter((w) => w !== check);
            res(messages.slice());
          }
        };
        waiters.push(check);
        check();
      });
    ws.once('open', () => resolve({ ws, messages, closed, waitFor }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { statusCode: res.statusCode, body })));
    });
    ws.once('error', reject);
  });
}

/** Ops that produce a finalizer, stdout, dealloc and a collection. */
const noisy = [
  { op: 'class', name: 'C', finalizer: { print: 'bye' } },
  { op: 'alloc', type: 'instance', class: 'C', name: 'x' },
  { op: 'del', name: 'x' },
  { op: 'collect' },
];

let t: TestApp;
let base: string;
let now = Date.now();
const overrides: Overrides = { limits: { eventsRetained: 5, wsMaxBufferedBytes: 64 * 1024, idleTtlSeconds: 60 } };
beforeAll(async () => {
  t = await makeApp(overrides, { now: () => now });
  base = await listen(t);
});
afterAll(() => t.close());

describe('WebSocket /v1/sandboxes/{id}/events', () => {
  it('streams live events, one JSON message each, identical to the HTTP reply', async () => {
    const id = await newSandbox(t);
    const c = await connect(`${base}/v1/sandboxes/${id}/events`);
    const r = await ops(t, id, noisy);
    expect(r.events.length).toBeGreaterThan(3);
    const got = await c.waitFor(r.events.length);
    expect(got).toEqual(r.events);
    expect(got.map((e) => e.type)).toEqual(expect.arrayContaining(['finalizer', 'stdout', 'dealloc', 'gc.start', 'gc.stop']));
    c.ws.close();
  });

  it('?since=N replays retained events after N, then goes live', async () => {
    const id = await newSandbox(t);
    const first = (await ops(t, id, [...noisy, { op: 'collect' }])).events;
    expect(first.length).toBeGreaterThan(5); // more than the 5 retained
    const last = first.at(-1)!.seq;
    const c = await connect(`${base}/v1/sandboxes/${id}/events?since=${last - 3}`);
    expect((await c.waitFor(3)).map((e) => e.seq)).toEqual([last - 2, last - 1, last]);
    const old = await connect(`${base}/v1/sandboxes/${id}/events?since=0`);
    expect((await old.waitFor(5)).map((e) => e.seq)).toEqual([last - 4, last - 3, last - 2, last - 1, last]);
    const more = (await ops(t, id, [{ op: 'collect' }])).events;
    expect((await c.waitFor(3 + more.length)).slice(3)).toEqual(more);
    const future = await connect(`${base}/v1/sandboxes/${id}/events?since=${last + 1000}`);
    await ops(t, id, [{ op: 'collect' }]);
    expect((await future.waitFor(2)).map((e) => e.type)).toEqual(['gc.start', 'gc.stop']);
    for (const x of [c, old, future]) x.ws.close();
  });

  it('?types= filters events', async () => {
    const id = await newSandbox(t);
    const c = await connect(`${base}/v1/sandboxes/${id}/events?types=finalizer,gc.stop`);
    const r = await ops(t, id, noisy);
    const want = r.events.filter((e) => e.type === 'finalizer' || e.type === 'gc.stop');
    expect(want.length).toBe(2);
    expect(await c.waitFor(2)).toEqual(want);
    await ops(t, id, [{ op: 'collect' }]);
    expect((await c.waitFor(3))[2]!.type).toBe('gc.stop');
    c.ws.close();
  });

  it('refuses the upgrade for an unknown sandbox (404) or a bad query (400)', async () => {
    await expect(connect(`${base}/v1/sandboxes/AAAAAAAAAAAAAAAAAAAAAA/events`)).rejects.toMatchObject({ statusCode: 404 });
    const id = await newSandbox(t);
    const bad = await connect(`${base}/v1/sandboxes/${id}/events?types=finalizer,bogus`).catch((e: { statusCode: number; body: string }) => e);
    expect(bad).toMatchObject({ statusCode: 400 });
    expect(JSON.parse((bad as { body: string }).body).detail).toMatch(/unknown event type "bogus"/);
    await expect(connect(`${base}/v1/sandboxes/${id}/events?since=-1`)).rejects.toMatchObject({ statusCode: 400 });
  });

  it('answers a plain GET with 426 Upgrade Required', async () => {
    const id = await newSandbox(t);
    expectProblem(await t.http.get(`/v1/sandboxes/${id}/events`), 426);
    expectProblem(await t.http.get('/v1/sandboxes/AAAAAAAAAAAAAAAAAAAAAA/events'), 404);
  });

  it('never shows one sandbox the events of another', async () => {
    const a = await newSandbox(t);
    const b = await newSandbox(t);
    const ca = await connect(`${base}/v1/sandboxes/${a}/events`);
    const cb = await connect(`${base}/v1/sandboxes/${b}/events`);
    const ra = await ops(t, a, noisy);
    await ca.waitFor(ra.events.length);
    const rb = await ops(t, b, [{ op: 'collect', generation: 1 }]);
    expect(await cb.waitFor(rb.events.length)).toEqual(rb.events);
    await ops(t, a, [{ op: 'collect' }]);
    await ca.waitFor(ra.events.length + 2);
    expect(cb.messages).toEqual(rb.events);
    expect(cb.messages.every((e) => e.type !== 'finalizer')).toBe(true);
    ca.ws.close();
    cb.ws.close();
  });

  it('closes a slow subscriber with 4429 once its buffer passes the cap; memory stays bounded', async () => {
    const id = await newSandbox(t);
    const slow = await connect(`${base}/v1/sandboxes/${id}/events`);
    const fast = await connect(`${base}/v1/sandboxes/${id}/events?types=gc.stop`);
    slow.ws.pause(); // stop reading: the kernel buffers fill, then the server's
    const entry = t.app.heaplab.registry.get(id)!;
    expect(entry.channel.subscriberCount).toBe(2);
    const big = 'x'.repeat(16 * 1024);
    let seq = entry.sandbox.lastSeq;
    for (let i = 0; i < 2000 && entry.channel.subscriberCount === 2; i++) {
      t.app.heaplab.registry.publish(entry, [{ seq: ++seq, type: 'stdout', text: big }]);
      await new Promise((r) => setImmediate(r));
    }
    expect(entry.channel.subscriberCount).toBe(1); // the slow one was dropped
    expect(seq - entry.sandbox.lastSeq).toBeGreaterThan(4); // ... after the socket's own buffers filled
    slow.ws.resume();
    expect(await slow.closed).toEqual({ code: CloseCode.SlowConsumer, reason: expect.stringMatching(/slow consumer/) });
    // The fast subscriber is unaffected.
    const r = await ops(t, id, [{ op: 'collect' }]);
    expect((await fast.waitFor(1))[0]).toEqual(r.events.at(-1));
    fast.ws.close();
  });

  it('closes subscribers with 4410 when their sandbox is deleted or expires', async () => {
    const deleted = await newSandbox(t);
    const c1 = await connect(`${base}/v1/sandboxes/${deleted}/events`);
    await t.http.delete(`/v1/sandboxes/${deleted}`);
    expect(await c1.closed).toEqual({ code: CloseCode.SandboxGone, reason: 'sandbox deleted' });

    const idle = await newSandbox(t);
    const c2 = await connect(`${base}/v1/sandboxes/${idle}/events`);
    now += 61_000;
    expect(t.app.heaplab.registry.sweep()).toBeGreaterThanOrEqual(1);
    expect(await c2.closed).toEqual({ code: CloseCode.SandboxGone, reason: 'sandbox expired' });
    expectProblem(await t.http.get(`/v1/sandboxes/${idle}`), 404);
  });

  it('closes subscribers with 1001 when the server shuts down', async () => {
    const s = await makeApp();
    const url = await listen(s);
    const id = await newSandbox(s);
    const c = await connect(`${url}/v1/sandboxes/${id}/events`);
    await s.close();
    expect((await c.closed).code).toBe(CloseCode.GoingAway);
  });
});
