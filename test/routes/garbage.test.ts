/**
 * Nothing a client sends may crash the server or earn a 500: every documented route gets
 * random JSON, random bytes, random queries and random path segments.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiOf } from '../../src/app.js';
import { makeApp, newSandbox, ops, type TestApp } from './helpers.js';

let t: TestApp;
let id: string;
let oid: string;
beforeAll(async () => {
  t = await makeApp({ limits: { maxOpsPerRequest: 20, bodyLimitBytes: 64 * 1024, maxStepsPerRequest: 100_000 } });
  id = await newSandbox(t);
  const r = await ops(t, id, [{ op: 'alloc', type: 'list', name: 'a' }, { op: 'class', name: 'C' }]);
  oid = r.results[0]!.id as string;
});
afterAll(() => t.close());

function routes(): { method: string; path: string }[] {
  const doc = openApiOf(t.app) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => ({ method: m.toUpperCase(), path })));
}

const fill = (path: string, sandbox: string, object: string) => path.replace('{id}', sandbox).replace('{oid}', object);

/** The route's URL on the shared sandbox — or, for DELETE, on a fresh one each time. */
async function target(r: { method: string; path: string }): Promise<string> {
  return fill(r.path, r.method === 'DELETE' ? await newSandbox(t) : id, oid);
}

async function check(method: string, url: string, payload?: string | Buffer, contentType?: string) {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    payload,
    headers: contentType ? { 'content-type': contentType } : {},
  });
  expect(res.statusCode, `${method} ${url} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) expect(res.headers['content-type'], `${method} ${url}`).toMatch(/^application\/problem\+json/);
  return res;
}

// Ops that look plausible: right op names, random fields — these reach the engine.
const plausibleOp = fc.record({
  op: fc.constantFrom('alloc', 'class', 'ref', 'del', 'collect', 'stats', 'getrefcount', 'getsizeof', 'gc', 'weakref', 'call', 'return'),
  type: fc.constantFrom('list', 'dict', 'tuple', 'set', 'str', 'int', 'float', 'bytes', 'instance'),
  name: fc.constantFrom('a', 'b', 'C', 'x'),
  class: fc.constantFrom('C', 'D'),
  to: fc.oneof(fc.constantFrom('a', 'b', 'C'), fc.constant({ id: '0x10' })),
  target: fc.oneof(fc.constantFrom('a', 'b', 'nope'), fc.record({ id: fc.constantFrom('0x10', '0x7f3a00000000') })),
  from: fc.constantFrom('a', 'b', 'C'),
  attr: fc.constantFrom('x', 'y'),
  index: fc.integer({ min: -3, max: 3 }),
  key: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
  append: fc.constant(true),
  value: fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
  items: fc.array(fc.oneof(fc.constantFrom('a', 'b'), fc.record({ value: fc.integer() })), { maxLength: 4 }),
  generation: fc.constantFrom(0, 1, 2),
  call: fc.constantFrom('enable', 'disable', 'set_threshold', 'set_debug', 'freeze', 'unfreeze'),
  threshold: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }),
  flags: fc.integer({ min: 0, max: 63 }),
}, { requiredKeys: ['op'] });

describe('garbage in, 4xx out', () => {
  it('random JSON bodies on every route', async () => {
    for (const r of routes()) {
      await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (v) => {
        await check(r.method, await target(r), JSON.stringify(v), 'application/json');
      }), { numRuns: 15 });
    }
  });

  it('random bytes and strings with assorted media types', async () => {
    const types = ['application/json', 'text/x-python', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'multipart/form-data', 'application/json; charset=latin1'];
    for (const r of routes().filter((x) => x.method !== 'GET')) {
      await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(...types), async (bytes, type) => {
        await check(r.method, await target(r), Buffer.from(bytes), type);
      }), { numRuns: 20 });
    }
  });

  it('random query strings and path segments', async () => {
    const seg = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('%', '%zz', '..', '%00', '0x', '0xZZ', 'a'.repeat(300)));
    for (const r of routes()) {
      await fc.assert(fc.asyncProperty(seg, seg, fc.dictionary(fc.constantFrom('since', 'types', 'format', 'limit', 'offset', 'type', 'generation', 'tracked', 'x'), fc.string({ maxLength: 10 })),
        async (s1, s2, q) => {
          const url = fill(r.path, encodeURIComponent(s1), encodeURIComponent(s2)) + '?' + new URLSearchParams(q).toString();
          await check(r.method, url);
          await check(r.method, (await target(r)) + '?' + new URLSearchParams(q).toString());
        }), { numRuns: 15 });
    }
  });

  it('plausible but wrong op batches reach the engine and still never 500', async () => {
    expect((await t.app.inject({ url: `/v1/sandboxes/${id}` })).statusCode).toBe(200);
    await fc.assert(fc.asyncProperty(fc.array(plausibleOp, { minLength: 1, maxLength: 8 }), fc.boolean(), async (list, atomic) => {
      const res = await check('POST', `/v1/sandboxes/${id}/ops`, JSON.stringify({ ops: list, atomic }), 'application/json');
      expect([200, 400, 422]).toContain(res.statusCode);
    }), { numRuns: 200 });
    // The sandbox is still usable and its log still replays.
    const log = (await t.app.inject({ url: `/v1/sandboxes/${id}/log` })).json();
    const replayed = await t.app.inject({ method: 'POST', url: '/v1/sandboxes', payload: { replay: log } });
    expect(replayed.statusCode, replayed.body).toBe(201);
  });

  // Names that are also properties of every JavaScript object must stay plain Python names.
  const JS_PROTO = Object.getOwnPropertyNames(Object.prototype);

  it('exec of names that are Object.prototype properties answers without a 500', async () => {
    for (const name of JS_PROTO) {
      await check('POST', `/v1/sandboxes/${id}/exec`, name, 'text/x-python');
      await check('POST', `/v1/sandboxes/${id}/exec`, `${name} = 1\nprint(${name})\ndel ${name}`, 'text/x-python');
    }
  });

  it('random Python source to exec never 500s', async () => {
    const src = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('while True:\n  pass', 'def f(:', 'x = [' + '['.repeat(500), 'import gc\ngc.collect()', '\u0000', 'a = []\nprint(a)'));
    await fc.assert(fc.asyncProperty(src, async (code) => {
      await check('POST', `/v1/sandboxes/${id}/exec`, code, 'text/x-python');
    }), { numRuns: 50 });
  });
});
