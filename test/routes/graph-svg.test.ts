import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Graph } from '../../src/schemas.js';
import { expectProblem, expectSchema, makeApp, newSandbox, type TestApp } from './helpers.js';

let t: TestApp;
let id: string;
beforeAll(async () => {
  t = await makeApp();
  id = await newSandbox(t);
  const r = await t.http.post(`/v1/sandboxes/${id}/exec`).send({
    code: "class N: pass\nx = N(); y = N(); x.o = y; y.o = x\ndel y\na = N(); b = N(); a.o = b; b.o = a\ndel a, b\nd = {'k': [1]}\nn = None\nbig = [[k] for k in range(8)]\n",
  });
  expect(r.body.error).toBeNull();
});
afterAll(() => t.close());

/** The SVG's node and edge groups, by their <title> (Graphviz writes the DOT node id there). */
function parseSvg(svg: string): { nodes: Map<string, string>; edges: string[]; texts: string[] } {
  const unescape = (s: string) => s.replace(/&#45;/g, '-').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const nodes = new Map<string, string>();
  const edges: string[] = [];
  for (const m of svg.matchAll(/<g id="(node|edge)\d+" class="(?:node|edge)">\s*<title>([^<]*)<\/title>([^]*?)<\/g>\s*(?=<!--|<\/g>)/g)) {
    if (m[1] === 'node') nodes.set(unescape(m[2]!), m[3]!);
    else edges.push(unescape(m[2]!));
  }
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]!));
  return { nodes, edges, texts };
}

describe('GET /v1/sandboxes/{id}/graph?format=svg', () => {
  it('draws every node, name and reference of the graph, labelled', async () => {
    const json = expectSchema(Graph, (await t.http.get(`/v1/sandboxes/${id}/graph?items=5`)).body);
    const res = await t.http.get(`/v1/sandboxes/${id}/graph?format=svg&items=5`).buffer(true).parse((r, cb) => {
      let s = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (s += c));
      r.on('end', () => cb(null, s));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = parseSvg(res.body as string);
    // One SVG node per object, per name, per shared object a name binds (None) and per cut container.
    const shared = new Set(json.roots.filter((r) => r.label !== undefined).map((r) => r.id));
    expect(svg.nodes.size).toBe(json.nodes.length + json.roots.length + shared.size + json.cut.length);
    // An instance's .__class__ is not drawn: its label names the class.
    const drawn = json.edges.filter((e) => e.label !== '.__class__');
    expect(drawn.length).toBeLessThan(json.edges.length);
    expect(svg.edges.length).toBe(drawn.length + json.roots.length + json.cut.length);
    for (const n of json.nodes) expect(svg.nodes.has(n.id), n.id).toBe(true);
    for (const e of drawn) expect(svg.edges).toContain(`${e.from}->${e.to}`);
    expect(json.cut).toEqual([{ from: json.roots.find((r) => r.name === 'big')!.id, shown: 5, more: 3 }]);
    for (const label of ['x', 'd', 'n', 'None', '.o', "['k']", '[4]', '… 3 more', 'N instance']) expect(svg.texts, label).toContain(label);
    // The cycle member no name reaches is filled as awaiting collection.
    const y = json.nodes.find((n) => n.state === 'unreachable')!;
    expect(svg.nodes.get(y.id)).toContain('fill="#fde68a"');
  });

  it('refuses an unknown format and a bad items count', async () => {
    expectProblem(await t.http.get(`/v1/sandboxes/${id}/graph?format=png`), 400);
    expectProblem(await t.http.get(`/v1/sandboxes/${id}/graph?items=0`), 400);
  });
});
