/**
 * Bounded reads: what the inspection routes send when a heap is bigger than one reply
 * should be. The engine answers in full; these cut its answer to `maxNodes` and say so,
 * in fields a client can test (`truncated`) and counts it can show ("5,000 of 49,002").
 */
import type { Sandbox } from './engine.js';
import { graphToDot } from './engine.js';

type Graph = ReturnType<Sandbox['graph']>;
type Detail = NonNullable<ReturnType<Sandbox['object']>>;

export interface BoundedGraph extends Graph {
  /** True when nodes, edges or roots were left out. */
  truncated: boolean;
  /** The cap this reply was cut to. */
  maxNodes: number;
  /** How many the whole graph has. */
  totals: { nodes: number; edges: number; roots: number };
}

/**
 * The first `maxNodes` nodes in the engine's order (breadth-first from the roots, so the
 * nearest are kept), the edges between kept nodes, and at most `maxNodes` roots.
 * Invariant: every edge and root of the reply points at a node of the reply.
 */
export function boundGraph(g: Graph, maxNodes: number): BoundedGraph {
  const totals = { nodes: g.nodes.length, edges: g.edges.length, roots: g.roots.length };
  if (g.nodes.length <= maxNodes && g.roots.length <= maxNodes) return { ...g, truncated: false, maxNodes, totals };
  const nodes = g.nodes.slice(0, maxNodes);
  const kept = new Set(nodes.map((n) => n.id));
  const edges = g.edges.filter((e) => kept.has(e.from) && kept.has(e.to));
  const roots = g.roots.filter((r) => kept.has(r.id)).slice(0, maxNodes);
  return { nodes, edges, roots, truncated: true, maxNodes, totals };
}

/**
 * Graphviz source for a bounded graph. A truncated graph says so twice: a comment for whoever
 * reads the source, and a note node for whoever looks at the picture.
 */
export function toDot(g: BoundedGraph): string {
  if (!g.truncated) return graphToDot(g);
  const what = `${g.nodes.length} of ${g.totals.nodes} objects (maxNodes=${g.maxNodes})`;
  return graphToDot(g, {
    id: 'truncated',
    comment: `truncated: showing ${what}, ${g.edges.length} of ${g.totals.edges} references`,
    label: `truncated: showing ${what}`,
  });
}

/** A repr longer than this is cut (it would otherwise grow with the object: a 1M-item list). */
export const MAX_REPR_CHARS = 65_536;

/**
 * One object's detail with `referents` and `referrers` cut to `maxNodes` ids each and `repr`
 * to {@link MAX_REPR_CHARS}; `truncated` lists the full sizes of whatever was cut (absent: nothing was).
 */
export function boundDetail(d: Detail, maxNodes: number): Detail & { truncated?: Record<string, number> } {
  const truncated: Record<string, number> = {};
  const out = { ...d };
  if (d.referents.length > maxNodes) {
    truncated.referents = d.referents.length;
    out.referents = d.referents.slice(0, maxNodes);
  }
  if (d.referrers.length > maxNodes) {
    truncated.referrers = d.referrers.length;
    out.referrers = d.referrers.slice(0, maxNodes);
  }
  if (d.repr.length > MAX_REPR_CHARS) {
    truncated.repr = d.repr.length;
    out.repr = d.repr.slice(0, MAX_REPR_CHARS - 1) + '…';
  }
  return Object.keys(truncated).length > 0 ? { ...out, truncated } : out;
}
