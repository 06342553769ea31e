/**
 * What keeps one client from hurting the others: per-key quotas and rates, load shedding,
 * security headers, and caps on WebSocket subscribers.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LimitsResponse } from '../../src/schemas.js';
import { expectProblem, expectSchema, makeApp, newSandbox, type Overrides, type TestApp } from './helpers.js';

const ALICE = 'Bearer alice-key-0123456789';
const BOB = 'Bearer bob-key-0123456789';
const KEYS = ['alice-key-0123456789', 'bob-key-0123456789'];

const apps: TestApp[] = [];
async function app(o: Overrides = {}): Promise<TestApp> {
  const t = await makeApp(o);
  apps.push(t);
  return t;
}
afterEach(async () => {
  for (const t of apps.splice(0)) await t.close();
});

describe('sandboxes per key (maxSandboxesPerKey)', () => {
  it('refuses the next sandbox with 429 + Retry-After, per key, until one is deleted', async () => {
    const t = await app({ apiKeys: KEYS, limits: { maxSandboxesPerKey: 2 } });
    const create = (auth: string) => t.http.post('/v1/sandboxes').set('authorization', auth);
    const a1 = (await create(ALICE)).body.id as string;
    expect((await create(ALICE)).status).toBe(201);
    const refused = await create(ALICE);
    const p = expectProblem(refused, 429);
    expect(p.limit).toBe('maxSandboxesPerKey');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expectProblem(await t.http.post(`/v1/sandboxes/${a1}/fork`).set('authorization', ALICE), 429);
    expect((await create(BOB)).status).toBe(201); // another key's quota is its own
    expect((await t.http.delete(`/v1/sandboxes/${a1}`).set('authorization', ALICE)).status).toBe(204);
    expect((await create(ALICE)).status).toBe(201);
  });

  it('counts per address when keys are off', async () => {
    const t = await app({ limits: { maxSandboxesPerKey: 1 } });
    await newSandbox(t);
    expect(expectProblem(await t.http.post('/v1/sandboxes'), 429).limit).toBe('maxSandboxesPerKey');
  });
});

describe('GET /v1/limits', () => {
  it("shows the caller's own usage, not the process's", async () => {
    const t = await app({ apiKeys: KEYS });
    for (let i = 0; i < 3; i++) await t.http.post('/v1/sandboxes').set('authorization', BOB);
    await t.http.post('/v1/sandboxes').set('authorization', ALICE);
    const mine = expectSchema(LimitsResponse, (await t.http.get('/v1/limits').set('authorization', ALICE)).body);
    expect(mine.caller).toEqual({ sandboxes: 1, maxSandboxes: 100 });
    expect(mine).not.toHaveProperty('sandboxes');
    // The configured time slice is part of the contract (it was stripped once).
    expect(mine.sliceInstructions).toBe(20_000);
    expect(expectSchema(LimitsResponse, (await t.http.get('/v1/limits')).body).caller).toBeNull();
    expectProblem(await t.http.get('/v1/limits').set('authorization', 'Bearer not-a-key-0123456789'), 401);
  });
});

describe('requests per second (rateLimitPerSecond)', () => {
  it('answers 429 + Retry-After past the rate, per key; probes are exempt', async () => {
    const t = await app({ apiKeys: KEYS, limits: { rateLimitPerSecond: 3 } });
    const get = (auth?: string) => {
      const r = t.http.get('/v1/limits');
      return auth ? r.set('authorization', auth) : r;
    };
    for (let i = 0; i < 3; i++) expect((await get(ALICE)).status).toBe(200);
    const refused = await get(ALICE);
    const p = expectProblem(refused, 429);
    expect(p.limit).toBe('rateLimitPerSecond');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await get(BOB)).status).toBe(200); // Bob's budget is his own
    for (let i = 0; i < 5; i++) expect((await t.http.get('/healthz')).status).toBe(200);
  });

  it('charges a made-up key to its address, so rotating keys buys nothing', async () => {
    const t = await app({ apiKeys: KEYS, limits: { rateLimitPerSecond: 2 } });
    const codes = [];
    for (let i = 0; i < 4; i++) {
      codes.push((await t.http.get('/v1/limits').set('authorization', `Bearer made-up-${i}-0123456789`)).status);
    }
    expect(codes).toEqual([401, 401, 429, 429]);
  });
});

describe('load shedding (@fastify/under-pressure)', () => {
  it('answers 503 + Retry-After while over a bound; /healthz stays 200, /readyz says overloaded', async () => {
    // 1 MiB of RSS is always exceeded: the first sample (after ~1 s) turns pressure on.
    const t = await app({ limits: { maxRssMiB: 1 } });
    let res = await t.http.get('/v1/limits');
    for (let i = 0; i < 40 && res.status !== 503; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await t.http.get('/v1/limits');
    }
    const p = expectProblem(res, 503);
    expect(p.type).toBe('urn:heaplab:problem:overloaded');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expectProblem(await t.http.post('/v1/sandboxes'), 503);
    expect((await t.http.get('/healthz')).status).toBe(200);
    const ready = await t.http.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'overloaded', store: 'memory' });
  });
});

describe('security headers (helmet)', () => {
  it('sends them on API replies, problems included', async () => {
    const t = await app();
    for (const res of [await t.http.get('/healthz'), await t.http.get('/v1/sandboxes/AAAAAAAAAAAAAAAAAAAAAA')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe("default-src 'none';style-src 'unsafe-inline';connect-src 'self';" +
        "img-src 'self' data:;base-uri 'none';form-action 'none';frame-ancestors 'none'");
      // helmet 8's defaults, with the resource policy opened for cross-origin API calls.
      expect(res.headers).toMatchObject({
        'cross-origin-opener-policy': 'same-origin', 'cross-origin-resource-policy': 'cross-origin',
        'origin-agent-cluster': '?1', 'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=31536000; includeSubDomains', 'x-dns-prefetch-control': 'off',
        'x-download-options': 'noopen', 'x-frame-options': 'SAMEORIGIN', 'x-permitted-cross-domain-policies': 'none',
        'x-xss-protection': '0',
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('lets /docs run scripts from this server only, and no inline script', async () => {
    const t = await app();
    const res = await t.http.get('/docs');
    expect(res.text).not.toMatch(/<script>/); // every script has a src
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("connect-src 'self'"); // its fetch of the document, and "Try it out"
    expect(csp).toContain("frame-ancestors 'none'");
    expect((await t.http.get('/docs/json')).status).toBe(200);
  });
});

describe('WebSocket subscriber caps', () => {
  const sockets: WebSocket[] = [];
  afterAll(() => {
    for (const s of sockets) s.terminate();
  });

  /** Open a subscriber; resolves with the socket, or the HTTP status and body of a refused upgrade. */
  function subscribe(url: string): Promise<WebSocket | { status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => {
        sockets.push(ws);
        resolve(ws);
      });
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      ws.once('error', reject);
    });
  }

  it('refuses past maxSubscribersPerSandbox and maxSubscribers with 429, and frees slots on close', async () => {
    const t = await app({ limits: { maxSubscribersPerSandbox: 2, maxSubscribers: 3 } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const a = await newSandbox(t);
    const b = await newSandbox(t);
    const a1 = await subscribe(`${base}/v1/sandboxes/${a}/events`);
    expect(a1).toBeInstanceOf(WebSocket);
    expect(await subscribe(`${base}/v1/sandboxes/${a}/events`)).toBeInstanceOf(WebSocket);
    let refused = await subscribe(`${base}/v1/sandboxes/${a}/events`) as { status: number; body: string };
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).limit).toBe('maxSubscribersPerSandbox');
    expect(await subscribe(`${base}/v1/sandboxes/${b}/events`)).toBeInstanceOf(WebSocket);
    refused = await subscribe(`${base}/v1/sandboxes/${b}/events`) as { status: number; body: string };
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).limit).toBe('maxSubscribers');
    await new Promise<void>((r) => {
      (a1 as WebSocket).once('close', () => r());
      (a1 as WebSocket).close();
    });
    for (let i = 0; i < 50 && t.app.heaplab.subscribers.count > 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(t.app.heaplab.subscribers.count).toBe(2);
    expect(await subscribe(`${base}/v1/sandboxes/${b}/events`)).toBeInstanceOf(WebSocket);
  });
});
