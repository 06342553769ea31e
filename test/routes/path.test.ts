import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlivePath } from '../../src/schemas.js';
import { expectProblem, expectSchema, makeApp, newSandbox, type TestApp } from './helpers.js';

let t: TestApp;
let id: string;
let ids: Record<string, string>;
beforeAll(async () => {
  t = await makeApp({ limits: { maxGraphNodes: 50 } });
  id = await newSandbox(t);
  const r = await t.http.post(`/v1/sandboxes/${id}/exec`).send({
    code: "class Node: pass\na = Node()\na.items = [Node()]\nc = Node(); c.me = c\n" +
      "print(hex(id(a.items[0])), hex(id(c)))\ndel c\n",
  });
  const [item, cyc] = (r.body.stdout as string).trim().split(' ');
  ids = { item: item!, cyc: cyc! };
});
afterAll(() => t.close());

describe('GET /v1/sandboxes/{id}/objects/{oid}/path', () => {
  it('answers the chain from a name', async () => {
    const res = await t.http.get(`/v1/sandboxes/${id}/objects/${ids.item}/path`);
    expect(res.status).toBe(200);
    const p = expectSchema(AlivePath, res.body);
    expect(p).toMatchObject({ status: 'reachable', expression: 'a.items[0]', root: { kind: 'global', name: 'a' } });
  });

  it('says a cycle no name reaches waits for the collector', async () => {
    const p = expectSchema(AlivePath, (await t.http.get(`/v1/sandboxes/${id}/objects/${ids.cyc}/path`)).body);
    expect(p.status).toBe('unreachable');
    expect(p.referrers).toEqual([{ id: ids.cyc, type: 'Node', via: '.me' }]);
  });

  it('stops at 16 × maxGraphNodes references examined', async () => {
    const big = await newSandbox(t);
    const r = await t.http.post(`/v1/sandboxes/${big}/exec`).send({ code: 'class Node: pass\nbig = list(range(1000)) + [Node()]\nprint(hex(id(big[-1])))\n' });
    const far = (r.body.stdout as string).trim();
    const p = expectSchema(AlivePath, (await t.http.get(`/v1/sandboxes/${big}/objects/${far}/path`)).body);
    expect(p.status).toBe('unknown');
    expect(p.examined).toBe(800);
  });

  it('404s for an object that is not alive', async () => {
    expectProblem(await t.http.get(`/v1/sandboxes/${id}/objects/0x10/path`), 404);
  });
});
