import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Graph, Names, ObjectDetail, ObjectList, SandboxLog, Stats } from '../../src/schemas.js';
import { expectProblem, expectSchema, makeApp, newSandbox, ops, type TestApp } from './helpers.js';

let t: TestApp;
let id: string;
let listId: string;
beforeAll(async () => {
  t = await makeApp();
  id = await newSandbox(t);
  const r = await ops(t, id, [
    { op: 'alloc', type: 'list', name: 'a' },
    { op: 'ref', name: 'b', to: 'a' },
    { op: 'alloc', type: 'dict', name: 'd' },
    { op: 'ref', from: 'd', key: 'k', to: 'a' },
    { op: 'class', name: 'Node' },
    { op: 'alloc', type: 'instance', class: 'Node', name: 'n' },
    { op: 'ref', from: 'n', attr: 'items', to: 'a' },
    { op: 'collect', generation: 0 },
  ]);
  listId = r.results[0]!.id as string;
});
afterAll(() => t.close());

const get = (path: string) => t.http.get(`/v1/sandboxes/${id}${path}`);

describe('inspection routes', () => {
  it('GET .../stats', async () => {
    const s = expectSchema(Stats, (await get('/stats')).body);
    expect(s.stats).toHaveLength(3);
    expect(s.stats[0]!.collections).toBe(1);
    expect(s.threshold).toEqual([700, 10, 10]);
    expect(s).toMatchObject({ enabled: true, frozen: 0, garbage: 0 });
    expect(s.objects).toBeGreaterThan(0);
    expect(s.bytes).toBeGreaterThan(0);
  });

  it('GET .../objects filters by type, generation and tracked, and paginates', async () => {
    const all = expectSchema(ObjectList, (await get('/objects')).body);
    expect(all.total).toBe(all.items.length);
    expect(all).toMatchObject({ offset: 0, limit: 100 });
    const lists = expectSchema(ObjectList, (await get('/objects?type=list')).body);
    expect(lists.items.map((o) => o.id)).toContain(listId);
    expect(lists.items.every((o) => o.type === 'list')).toBe(true);
    const nodes = expectSchema(ObjectList, (await get('/objects?type=Node')).body);
    expect(nodes.total).toBe(1);
    const gen1 = expectSchema(ObjectList, (await get('/objects?generation=1')).body);
    expect(gen1.items.every((o) => o.generation === 1)).toBe(true);
    expect(gen1.items.map((o) => o.id)).toContain(listId); // survived a gen-0 collection
    const untracked = expectSchema(ObjectList, (await get('/objects?tracked=false')).body);
    expect(untracked.items.every((o) => o.tracked === false)).toBe(true);
    const page = expectSchema(ObjectList, (await get('/objects?offset=1&limit=2')).body);
    expect(page.items).toEqual(all.items.slice(1, 3));
    expect(page).toMatchObject({ total: all.total, offset: 1, limit: 2 });
    for (const bad of ['limit=0x10', 'limit=5000', 'offset=-1', 'generation=3', 'tracked=yes', 'colour=red', 'type=' + 'x'.repeat(200)]) {
      const p = expectProblem(await get(`/objects?${bad}`), 400);
      expect(p.errors?.[0]?.field, bad).toMatch(/^query\./);
    }
  });

  it('GET .../objects/{oid}', async () => {
    const o = expectSchema(ObjectDetail, (await get(`/objects/${listId}`)).body);
    expect(o).toMatchObject({ id: listId, type: 'list', tracked: true, finalized: false, repr: '[]', generation: 1 });
    expect(o.refcount).toBe(4); // a, b, d['k'], n.items
    expect(o.referrers.length).toBeGreaterThanOrEqual(2);
    expect(o.size).toBeGreaterThan(0);
    const p = expectProblem(await get('/objects/0xdeadbeef00'), 404);
    expect(p.detail).toMatch(/0xdeadbeef00/);
    expect(expectProblem(await get('/objects/nope'), 400).errors?.[0]?.field).toBe('path.oid');
  });

  it('GET .../names', async () => {
    const n = expectSchema(Names, (await get('/names')).body);
    expect(n.frames[0]!.frame).toBe('<module>');
    expect(n.frames[0]!.names).toMatchObject({ a: listId, b: listId });
  });

  it('GET .../graph as JSON and as Graphviz', async () => {
    const g = expectSchema(Graph, (await get('/graph')).body);
    expect(g.nodes.map((x) => x.id)).toContain(listId);
    expect(g.roots).toContainEqual({ name: 'a', frame: '<module>', id: listId });
    expect(g.edges.some((e) => e.to === listId)).toBe(true);
    const dot = await get('/graph?format=dot');
    expect(dot.status).toBe(200);
    expect(dot.headers['content-type']).toMatch(/^text\/vnd\.graphviz/);
    expect(dot.text).toMatch(/^digraph heap \{/);
    expect(dot.text).toContain(`"${listId}"`);
    expect((await get('/graph?format=json')).body).toEqual(g);
    expectProblem(await get('/graph?format=png'), 400);
  });

  it('GET .../log as JSON and as a Python program', async () => {
    const log = expectSchema(SandboxLog, (await get('/log')).body);
    expect(log.version).toBe(1);
    expect(log.entries).toHaveLength(8);
    expect(log.entries[0]).toEqual({ op: { op: 'alloc', type: 'list', name: 'a' } });
    const py = await get('/log?format=python');
    expect(py.headers['content-type']).toMatch(/^text\/x-python/);
    expect(py.text).toContain('a = []');
    expect(py.text).toContain('gc.collect(0)');
    expectProblem(await get('/log?format=pdf'), 400);
  });

  it('answers 404 on every inspection route for an unknown sandbox', async () => {
    for (const p of ['/stats', '/objects', '/objects/0x10', '/names', '/graph', '/graph?format=dot', '/log', '/log?format=python']) {
      expectProblem(await t.http.get(`/v1/sandboxes/AAAAAAAAAAAAAAAAAAAAAA${p}`), 404);
    }
  });
});
