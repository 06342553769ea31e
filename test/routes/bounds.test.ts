/** Reads are bounded: graph, object pages and object details cap their size and say so. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Graph, Names, ObjectDetail, ObjectList } from '../../src/schemas.js';
import { expectProblem, expectSchema, makeApp, newSandbox, ops, pythonAvailable, type TestApp } from './helpers.js';

let t: TestApp;
let id: string;
let bigList: string;
const MAX = 5;
beforeAll(async () => {
  t = await makeApp({ limits: { maxGraphNodes: MAX, maxReplyBytes: 4096 } });
  id = await newSandbox(t);
  // big = [[], [], ..., []] (10 inner lists)
  const r = await ops(t, id, [
    { op: 'alloc', type: 'list', name: 'big' },
    ...Array.from({ length: 10 }, () => ({ op: 'alloc', type: 'list' })).map((o, i) => ({ ...o, name: `l${i}` })),
    ...Array.from({ length: 10 }, (_, i) => ({ op: 'ref', from: 'big', append: true, to: `l${i}` })),
  ]);
  bigList = r.results[0]!.id as string;
});
afterAll(() => t.close());

const get = (path: string) => t.http.get(`/v1/sandboxes/${id}${path}`);

describe('GET .../graph past maxGraphNodes', () => {
  it('keeps the nearest maxGraphNodes nodes, only edges and roots between them, and says truncated', async () => {
    for (const view of ['names', 'all']) {
      const g = expectSchema(Graph, (await get(`/graph?view=${view}`)).body);
      expect(g.truncated).toBe(true);
      expect(g.maxNodes).toBe(MAX);
      expect(g.nodes).toHaveLength(MAX);
      // The walk stops at the cap: it found at least one node more than it kept, and counted every name.
      expect(g.totals.nodes).toBeGreaterThan(MAX);
      expect(g.totals.roots).toBe(11);
      const kept = new Set(g.nodes.map((n) => n.id));
      for (const e of g.edges) expect(kept.has(e.from) && kept.has(e.to)).toBe(true);
      for (const r of g.roots) expect(kept.has(r.id)).toBe(true);
    }
  });

  it('says so in DOT as a comment and a note node', async () => {
    const res = await get('/graph?format=dot');
    expect(res.headers['content-type']).toMatch(/^text\/vnd\.graphviz/);
    expect(res.text).toMatch(/\/\/ truncated: showing 5 of at least \d+ objects \(maxNodes=5\)/);
    expect(res.text).toContain('"truncated" [shape=note');
  });

  it('is whole and not truncated when small, and never stale after a change', async () => {
    const small = await newSandbox(t);
    await ops(t, small, [{ op: 'alloc', type: 'list', name: 'a' }]);
    let g = expectSchema(Graph, (await t.http.get(`/v1/sandboxes/${small}/graph`)).body);
    expect(g).toMatchObject({ truncated: false, totals: { nodes: 1, edges: 0, roots: 1 } });
    await ops(t, small, [{ op: 'alloc', type: 'dict', name: 'd' }]);
    g = expectSchema(Graph, (await t.http.get(`/v1/sandboxes/${small}/graph`)).body);
    expect(g.totals).toEqual({ nodes: 2, edges: 0, roots: 2 });
    expect(g.nodes.map((n) => n.type).sort()).toEqual(['dict', 'list']);
  });
});

describe('GET .../objects past maxGraphNodes', () => {
  it('caps the page at maxGraphNodes and says more match', async () => {
    const page = expectSchema(ObjectList, (await get('/objects?type=list&limit=100')).body);
    expect(page.total).toBeGreaterThanOrEqual(11); // ours, and the interpreter's own lists
    expect(page).toMatchObject({ limit: MAX, truncated: true });
    expect(page.items).toHaveLength(MAX);
    const last = expectSchema(ObjectList, (await get(`/objects?type=list&offset=${page.total - 1}`)).body);
    expect(last).toMatchObject({ total: page.total, truncated: false });
    expect(last.items).toHaveLength(1);
  });
});

describe('GET .../names past maxGraphNodes', () => {
  it('lists the first maxGraphNodes names and says truncated; a small sandbox reads as before', async () => {
    const n = expectSchema(Names, (await get('/names')).body);
    expect(n.truncated).toBe(true);
    expect(Object.keys(n.frames[0]!.names)).toEqual(['big', 'l0', 'l1', 'l2', 'l3']);
    const small = await newSandbox(t);
    await ops(t, small, [{ op: 'alloc', type: 'list', name: 'a' }]);
    const whole = (await t.http.get(`/v1/sandboxes/${small}/names`)).body;
    expect(Object.keys(whole)).toEqual(['frames']);
    expect(Object.keys(whole.frames[0].names)).toEqual(['a']);
  });
});

describe('GET .../objects/{oid} past maxGraphNodes', () => {
  it('caps referents and says how many there are', async () => {
    const d = expectSchema(ObjectDetail, (await get(`/objects/${bigList}`)).body);
    expect(d.referents).toHaveLength(MAX);
    expect(d.truncated).toEqual({ referents: 10 });
  });
});

describe('replies past maxReplyBytes', () => {
  it('a read answers 422 naming the limit, and says nothing was applied', async () => {
    const sb = await newSandbox(t);
    await ops(t, sb, [{ op: 'alloc', type: 'str', name: 's', value: 'y'.repeat(5000) }]);
    const p = expectProblem(await t.http.get(`/v1/sandboxes/${sb}/log`), 422);
    expect(p).toMatchObject({ limit: 'maxReplyBytes', applied: false });
    expect(p.detail).toMatch(/at most 4096 \(maxReplyBytes\)/);
  });

  it.skipIf(!pythonAvailable)('a change answers 422 saying it WAS applied, and it was', async () => {
    const sb = await newSandbox(t);
    const res = await t.http.post(`/v1/sandboxes/${sb}/exec`).send({ code: "x = 'y' * 5000\nprint(x)\n" });
    const p = expectProblem(res, 422);
    expect(p).toMatchObject({ limit: 'maxReplyBytes', applied: true });
    const names = (await t.http.get(`/v1/sandboxes/${sb}/names`)).body.frames[0].names as Record<string, string>;
    expect(Object.keys(names)).toContain('x');
  });
});
