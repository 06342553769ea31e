/**
 * Behind a proxy (HEAPLAB_TRUST_PROXY): who a request is charged to. Off by default, so a
 * client cannot pick its own address with X-Forwarded-For; on, the forwarded client address
 * keys the per-address rate limit and quotas. With API keys, everything is per key.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { expectProblem, makeApp, type Overrides, type TestApp } from './helpers.js';

const apps: TestApp[] = [];
async function app(o: Overrides = {}): Promise<TestApp> {
  const t = await makeApp(o);
  apps.push(t);
  return t;
}
afterEach(async () => {
  for (const t of apps.splice(0)) await t.close();
});

/** Statuses of GET /v1/limits, one request per forwarded address. */
async function statuses(t: TestApp, forwardedFor: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const xff of forwardedFor) out.push((await t.http.get('/v1/limits').set('x-forwarded-for', xff)).status);
  return out;
}

const FOUR_CLIENTS = ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'];

describe('per-address rate limit (no API keys)', () => {
  it('ignores X-Forwarded-For by default: four "clients" on one socket address share one budget', async () => {
    const t = await app({ limits: { rateLimitPerSecond: 3 } });
    expect(await statuses(t, FOUR_CLIENTS)).toEqual([200, 200, 200, 429]);
  });

  it('honours X-Forwarded-For from a trusted proxy: each client has its own budget', async () => {
    for (const trustProxy of [true, 1, ['127.0.0.1/8'], ['loopback']] as const) {
      const t = await app({ trustProxy: trustProxy as Overrides['trustProxy'], limits: { rateLimitPerSecond: 3 } });
      expect(await statuses(t, FOUR_CLIENTS)).toEqual([200, 200, 200, 200]);
      expect(await statuses(t, ['203.0.113.9', '203.0.113.9', '203.0.113.9', '203.0.113.9'])).toEqual([200, 200, 200, 429]);
    }
  });

  it('does not trust a proxy the list does not name', async () => {
    const t = await app({ trustProxy: ['10.0.0.0/8'], limits: { rateLimitPerSecond: 3 } });
    expect(await statuses(t, FOUR_CLIENTS)).toEqual([200, 200, 200, 429]);
  });
});

describe('/v1/limits reports the caller its own usage', () => {
  it('per forwarded address behind a trusted proxy, per socket address otherwise', async () => {
    for (const [trustProxy, other] of [[true, 0], [false, 2]] as const) {
      const t = await app({ trustProxy });
      for (let i = 0; i < 2; i++) expect((await t.http.post('/v1/sandboxes').set('x-forwarded-for', '203.0.113.1')).status).toBe(201);
      const mine = await t.http.get('/v1/limits').set('x-forwarded-for', '203.0.113.1');
      const theirs = await t.http.get('/v1/limits').set('x-forwarded-for', '203.0.113.2');
      expect(mine.body.caller.sandboxes).toBe(2);
      expect(theirs.body.caller.sandboxes).toBe(other);
    }
  });

  it('per API key, whatever the address; the rate limit too', async () => {
    const keys = ['alice-key-0123456789', 'bob-key-0123456789'];
    const t = await app({ apiKeys: keys, trustProxy: true, limits: { rateLimitPerSecond: 3 } });
    const as = (key: string, xff: string) => ({ authorization: `Bearer ${key}`, 'x-forwarded-for': xff });
    expect((await t.http.post('/v1/sandboxes').set(as(keys[0]!, '203.0.113.1'))).status).toBe(201);
    // Alice from another address still sees her sandbox and shares her rate with herself.
    expect((await t.http.get('/v1/limits').set(as(keys[0]!, '203.0.113.2'))).body.caller.sandboxes).toBe(1);
    expect((await t.http.get('/v1/limits').set(as(keys[1]!, '203.0.113.1'))).body.caller.sandboxes).toBe(0);
    expect((await t.http.get('/v1/limits').set(as(keys[0]!, '203.0.113.3'))).status).toBe(200);
    expectProblem(await t.http.get('/v1/limits').set(as(keys[0]!, '203.0.113.4')), 429);
    expect((await t.http.get('/v1/limits').set(as(keys[1]!, '203.0.113.4'))).status).toBe(200);
  });
});
