import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_CSP } from '../../routes/docs.js';
import { Health, LimitsResponse } from '../../src/schemas.js';
import { expectProblem, expectSchema, makeApp, newSandbox, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp({ limits: { maxSandboxes: 77, idleTtlSeconds: 120 } });
});
afterAll(() => t.close());

describe('service routes', () => {
  it('GET /healthz and /readyz', async () => {
    expect(expectSchema(Health, (await t.http.get('/healthz')).body)).toEqual({ status: 'ok' });
    expect((await t.http.get('/readyz')).status).toBe(200);
    t.app.heaplab.state.shuttingDown = true;
    try {
      const res = await t.http.get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'shutting-down', store: 'memory' });
    } finally {
      t.app.heaplab.state.shuttingDown = false;
    }
  });

  it('GET /v1/limits reports the configured limits', async () => {
    await newSandbox(t);
    const l = expectSchema(LimitsResponse, (await t.http.get('/v1/limits')).body);
    expect(l).toMatchObject({ maxSandboxes: 77, idleTtlSeconds: 120, maxOpsPerRequest: 1000, bodyLimitBytes: 1_048_576, apiKeys: false });
    expect(l.caller).toEqual({ sandboxes: 1, maxSandboxes: 100 });
  });

  it('GET /docs serves Swagger UI over the same document, every asset from this server', async () => {
    const res = await t.http.get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(DOCS_CSP);
    expect(res.headers['content-security-policy']).toContain("script-src 'self';");
    const assets = [...res.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toContain('/docs/static/swagger-ui-bundle.js');
    for (const a of assets) {
      expect(a.startsWith('/docs/static/'), a).toBe(true);
      expect((await t.http.get(a)).status, a).toBe(200);
    }
    const init = await t.http.get('/docs/static/swagger-initializer.js');
    expect(init.text).toContain("resolveUrl('./json')");
    expect((await t.http.get('/docs/json')).body).toEqual((await t.http.get('/openapi.json')).body);
  });

  it('answers unknown routes and methods with a 404 problem', async () => {
    let p = expectProblem(await t.http.get('/nope'), 404);
    expect(p.detail).toBe('No route GET /nope.');
    p = expectProblem(await t.http.put('/v1/sandboxes'), 404);
    expectProblem(await t.http.get('/v2/sandboxes'), 404);
  });

  it('echoes a sane x-request-id, or makes one up, and puts it in problems', async () => {
    const mine = await t.http.get('/nope').set('x-request-id', 'trace-123');
    expect(mine.headers['x-request-id']).toBe('trace-123');
    expect(mine.body.requestId).toBe('trace-123');
    expect((await t.http.get('/healthz').set('x-request-id', 'trace-456')).headers['x-request-id']).toBe('trace-456');
    expect((await t.http.get('/healthz')).headers['x-request-id']).toBeUndefined();
    const made = await t.http.get('/nope').set('x-request-id', 'bad id with spaces');
    expect(made.headers['x-request-id']).toMatch(/^[A-Za-z0-9_-]{8}-[0-9a-z]+$/);
    expect(made.body.requestId).toBe(made.headers['x-request-id']);
    const again = await t.http.get('/nope');
    expect(again.body.requestId).not.toBe(made.body.requestId);
  });
});

describe('CORS', () => {
  it('is off by default', async () => {
    const res = await t.http.get('/healthz').set('origin', 'https://course.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows the configured origins only, including preflight', async () => {
    const c = await makeApp({ corsOrigins: ['https://course.example'] });
    try {
      const ok = await c.http.get('/healthz').set('origin', 'https://course.example');
      expect(ok.headers['access-control-allow-origin']).toBe('https://course.example');
      const other = await c.http.get('/healthz').set('origin', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const pre = await c.http.options('/v1/sandboxes').set('origin', 'https://course.example')
        .set('access-control-request-method', 'POST').set('access-control-request-headers', 'content-type,authorization');
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-methods']).toContain('POST');
      expect(pre.headers['access-control-allow-headers']).toContain('authorization');
    } finally {
      await c.close();
    }
    const any = await makeApp({ corsOrigins: ['*'] });
    try {
      expect((await any.http.get('/healthz').set('origin', 'https://x.example')).headers['access-control-allow-origin']).toBe('*');
    } finally {
      await any.close();
    }
  });
});
