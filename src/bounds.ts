/**
 * Bounded reads: what the inspection routes send when a heap is bigger than one reply
 * should be. The engine's walks stop at the caps (so a read costs what its reply holds);
 * these shape what they found into fields a client can test (`truncated`) and counts it can
 * show ("5,000 of at least 5,001").
 */
import type { Sandbox } from './engine.js';
import { graphToDot } from './engine.js';

type EngineGraph = ReturnType<Sandbox['graph']>;
type Detail = NonNullable<ReturnType<Sandbox['object']>>;

export interface BoundedGraph extends Omit<EngineGraph, 'found'> {
  /** True when nodes, edges or roots were left out. */
  truncated: boolean;
  /** The cap this reply was cut to. */
  maxNodes: number;
  /** How big the whole graph is; when truncated, what the walk had found (lower bounds). */
  totals: { nodes: number; edges: number; roots: number };
}

/** The reply for a graph the engine built with `maxNodes` (see Sandbox.graph). */
export function graphReply(g: EngineGraph, maxNodes: number): BoundedGraph {
  const { found, ...rest } = g;
  return { ...rest, maxNodes, totals: found };
}

/**
 * Graphviz source for a bounded graph. A truncated graph says so twice: a comment for whoever
 * reads the source, and a note node for whoever looks at the picture.
 */
export function toDot(g: BoundedGraph): string {
  if (!g.truncated) return graphToDot(g);
  const what = `${g.nodes.length} of at least ${g.totals.nodes} objects (maxNodes=${g.maxNodes})`;
  return graphToDot(g, {
    id: 'truncated',
    comment: `truncated: showing ${what}, ${g.edges.length} of at least ${g.totals.edges} references`,
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
