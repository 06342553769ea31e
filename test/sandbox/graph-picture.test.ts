/**
 * What the heap pictures say (graph states, DOT): labels cut between tokens, every edge's
 * endpoints declared, references named as Python names them, colours by state, big
 * containers cut. The program's facts (who is finalized, what is unreachable) are CPython's:
 * gc.is_finalized(keep) is True after the collection, and x, y wait for the collector.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox.js';
import { LABEL_CHARS, NODE_COLOURS, graphToDot, shorten } from '../../sandbox/queries.js';

const PROGRAM = `
import gc
class R:
    def __del__(self):
        global keep
        keep = self
r = R(); r.me = r
del r
gc.collect()
class N: pass
x = N(); y = N(); x.o = y; y.o = x
del x, y
n = None
i = 7
big = [[k] for k in range(30)]
d = {'k': [1]}
long = ['a fairly long string', 'another fairly long string', 12345]
`;

/** The DOT statements: node declarations (id → attributes) and edges. */
function parseDot(dot: string): { nodes: Map<string, string>; edges: Array<{ from: string; to: string; attrs: string }> } {
  const nodes = new Map<string, string>();
  const edges: Array<{ from: string; to: string; attrs: string }> = [];
  for (const line of dot.split('\n')) {
    const e = /^ {2}("(?:[^"\\]|\\.)*") -> ("(?:[^"\\]|\\.)*")(?: \[(.*)\])?;$/.exec(line);
    if (e) {
      edges.push({ from: JSON.parse(e[1]!) as string, to: JSON.parse(e[2]!) as string, attrs: e[3] ?? '' });
      continue;
    }
    const n = /^ {2}("(?:[^"\\]|\\.)*") \[(.*)\];$/.exec(line);
    if (n) nodes.set(JSON.parse(n[1]!) as string, n[2]!);
  }
  return { nodes, edges };
}

describe('labels', () => {
  it('end in … and are cut between tokens', () => {
    expect(shorten("['a fairly long string', 'another fairly long string', 12345]")).toBe("['a fairly long string'…");
    expect(shorten('[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]')).toBe('[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12…');
    expect(shorten('short')).toBe('short');
    for (const s of [shorten('x'.repeat(100)), shorten("'" + 'y'.repeat(100) + "'")]) {
      expect(s.length).toBe(LABEL_CHARS);
      expect(s.endsWith('…')).toBe(true);
    }
  });
});

describe('graph states and DOT', () => {
  const sb = new Sandbox();
  expect(sb.exec(PROGRAM).error).toBeNull();
  const g = sb.graph({ maxItems: 10 });
  const dot = graphToDot(g);
  const { nodes, edges } = parseDot(dot);

  it('declares every edge endpoint, including names bound to None and small ints', () => {
    expect(edges.length).toBeGreaterThan(0);
    for (const e of edges) {
      expect(nodes.has(e.from), e.from).toBe(true);
      expect(nodes.has(e.to), e.to).toBe(true);
    }
    const none = g.roots.find((r) => r.name === 'n')!;
    expect(none.label).toBe('None');
    expect(nodes.get(none.id)).toContain('label="None"');
    expect(g.roots.find((r) => r.name === 'i')!.label).toBe('7');
  });

  it('names references as Python does', () => {
    const labels = new Set(g.edges.map((e) => e.label));
    for (const l of ['[0]', "['k']", '.me', '.o', '.__class__']) expect(labels.has(l), l).toBe(true);
    expect(dot).toContain('[label="[\'k\']"]');
    // The picture leaves out .__class__ arrows (the label names the class) and says so.
    expect(edges.some((e) => e.attrs.includes('.__class__'))).toBe(false);
    expect(dot).toMatch(/\/\/ \d+ instance-to-class references \(\.__class__\) not drawn/);
  });

  it('colours reachable, unreachable (awaiting collection) and finalized objects', () => {
    const byLabel = (l: string) => g.nodes.filter((n) => n.label === l);
    const keep = byLabel('R instance');
    expect(keep).toHaveLength(1);
    expect(keep[0]).toMatchObject({ state: 'reachable', finalized: true });
    expect(nodes.get(keep[0]!.id)).toContain(`fillcolor="${NODE_COLOURS.finalized}"`);
    const cycle = byLabel('N instance');
    expect(cycle.map((n) => n.state)).toEqual(['unreachable', 'unreachable']);
    for (const n of cycle) expect(nodes.get(n.id)).toContain(`fillcolor="${NODE_COLOURS.unreachable}"`);
    const d = g.nodes.find((n) => n.id === g.roots.find((r) => r.name === 'd')!.id)!;
    expect(d.state).toBe('reachable');
    expect(nodes.get(d.id)).toContain(`fillcolor="${NODE_COLOURS.reachable}"`);
  });

  it('calls an object a cycle member holds reachable when another root (a compiled constant) holds it too', () => {
    const sb2 = new Sandbox();
    expect(sb2.exec('class N: pass\nx = N(); y = N(); x.o = y; y.o = x\nx.name = "held by the code too"\ndel x, y\n').error).toBeNull();
    const g2 = sb2.graph();
    expect(g2.nodes.filter((n) => n.type === 'N').map((n) => n.state)).toEqual(['unreachable', 'unreachable']);
    expect(g2.nodes.find((n) => n.type === 'str')!.state).toBe('reachable');
  });

  it('cuts a container after maxItems items with a "… N more" node', () => {
    const big = g.roots.find((r) => r.name === 'big')!.id;
    expect(g.cut).toEqual([{ from: big, shown: 10, more: 20 }]);
    expect(g.edges.filter((e) => e.from === big).map((e) => e.label)).toEqual([...Array(10).keys()].map((k) => `[${k}]`));
    expect(nodes.get(`more:${big}`)).toContain('label="… 20 more"');
    expect(edges.some((e) => e.from === big && e.to === `more:${big}`)).toBe(true);
  });

  it('labels nodes within LABEL_CHARS', () => {
    for (const n of g.nodes) expect(n.label.length).toBeLessThanOrEqual(LABEL_CHARS);
    const long = g.nodes.find((n) => n.id === g.roots.find((r) => r.name === 'long')!.id)!;
    expect(long.label).toBe("['a fairly long string'…");
  });

  it('a collection frees the cycle and the picture loses it', () => {
    const sb2 = new Sandbox();
    expect(sb2.exec(PROGRAM + 'gc.collect()\n').error).toBeNull();
    expect(sb2.graph().nodes.filter((n) => n.state === 'unreachable')).toEqual([]);
  });
});
