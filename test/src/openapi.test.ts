import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openApiOf } from '../../src/app.js';
import { toYaml } from '../../src/openapi.js';
import { fastifyPath } from '../../src/route.js';
import { makeApp, type TestApp } from '../routes/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(() => t.close());

describe('openapi.yaml', () => {
  it('is exactly what the server generates (run `npm run openapi` after changing routes or schemas)', () => {
    const committed = readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8');
    expect(committed).toBe(toYaml(openApiOf(t.app)));
  });

  it('is served as JSON and YAML', async () => {
    const doc = openApiOf(t.app);
    const json = await t.http.get('/openapi.json');
    expect(json.status).toBe(200);
    expect(json.body).toEqual(doc);
    const yaml = await t.http.get('/openapi.yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.headers['content-type']).toMatch(/yaml/);
    expect(parse(yaml.text)).toEqual(doc);
  });

  it('documents every route the server answers, and every $ref resolves', () => {
    const doc = openApiOf(t.app) as { paths: Record<string, Record<string, unknown>> };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) {
        expect(t.app.hasRoute({ method: method.toUpperCase() as 'GET', url: fastifyPath(path) }), `${method} ${path}`).toBe(true);
      }
    }
    const text = JSON.stringify(doc);
    for (const m of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
      const target = m[1]!.split('/').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc);
      expect(target, m[1]).toBeDefined();
    }
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/v1/sandboxes', '/v1/sandboxes/{id}', '/v1/sandboxes/{id}/ops', '/v1/sandboxes/{id}/exec', '/v1/sandboxes/{id}/stats',
      '/v1/sandboxes/{id}/objects', '/v1/sandboxes/{id}/objects/{oid}', '/v1/sandboxes/{id}/names', '/v1/sandboxes/{id}/graph',
      '/v1/sandboxes/{id}/log', '/v1/sandboxes/{id}/fork', '/v1/sandboxes/{id}/events', '/healthz', '/readyz', '/v1/limits',
      '/openapi.json', '/openapi.yaml', '/docs',
    ]));
  });

  it('reuses the engine op schemas rather than re-declaring them', () => {
    const doc = openApiOf(t.app) as { components: { schemas: Record<string, { oneOf?: unknown[] }> } };
    const op = doc.components.schemas.Op!;
    expect(op.oneOf).toHaveLength(13);
    expect(op.oneOf).toContainEqual({ $ref: '#/components/schemas/AllocOp' });
    expect(doc.components.schemas.Event).toBeDefined();
  });
});
