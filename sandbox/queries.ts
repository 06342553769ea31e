/**
 * Read-only views of a heap: gc statistics, object details, the reference graph. None of
 * them changes a refcount or an event sequence.
 */
import type { Heap } from './heap.js';
import { hexId } from './heap.js';
import { GC_FINALIZED, SHARED, PyDict, PyInstance, PyList, PyObject, PySet, PyStr, PyTuple, PyType } from './objects.js';
import type { SandboxRuntime } from './runtime.js';
import { freezeCount } from './collector.js';
import { getsizeof } from './sizes.js';
import { reprOf } from './repr.js';
import { namedTraverse } from './references.js';

export interface GcStats {
  stats: Array<{ collections: number; collected: number; uncollectable: number }>;
  count: number[];
  threshold: number[];
  enabled: boolean;
  debug: number;
  frozen: number;
  garbage: number;
  objects: number;
  tracked: number;
  bytes: number;
  [k: string]: unknown;
}

export function gcStats(heap: Heap): GcStats {
  let tracked = 0;
  for (let g = 0; g < 3; g++) {
    const head = heap.generations[g]!.head;
    for (let o = head.gcNext!; o !== head; o = o.gcNext!) tracked++;
  }
  for (let o = heap.permanent.gcNext!; o !== heap.permanent; o = o.gcNext!) tracked++;
  // The heap keeps the byte total as objects come and go: a read adds nothing up.
  const bytes = heap.bytes;
  return {
    stats: heap.generations.map((g) => ({ collections: g.collections, collected: g.collected, uncollectable: g.uncollectable })),
    count: heap.generations.map((g) => g.count),
    threshold: heap.generations.map((g) => g.threshold),
    enabled: heap.enabled,
    debug: heap.debug,
    frozen: freezeCount(heap),
    garbage: heap.garbage.items.length,
    objects: heap.objects.size,
    tracked,
    bytes,
  };
}

export interface ObjectSummary {
  id: string;
  type: string;
  refcount: number;
  size: number;
  tracked: boolean;
  generation: number | 'permanent' | null;
}

export function summarize(heap: Heap, o: PyObject, gens?: Map<PyObject, number | 'permanent'>): ObjectSummary {
  return {
    id: hexId(o.addr),
    type: o.type.name,
    refcount: o.refcnt,
    size: getsizeof(o),
    tracked: o.isTracked,
    generation: gens ? (gens.get(o) ?? null) : heap.generationOf(o),
  };
}

/** The objects of one of the collector's lists, in list order, as the reader asks for them. */
export function* gcListOf(heap: Heap, generation: 0 | 1 | 2 | 'permanent'): Generator<PyObject, void, undefined> {
  const head = generation === 'permanent' ? heap.permanent : heap.generations[generation]!.head;
  for (let o = head.gcNext!; o !== head; o = o.gcNext!) yield o;
}

export interface ObjectDetail extends ObjectSummary {
  referents: string[];
  referrers: string[];
  finalized: boolean;
  repr: string;
}

export function detail(heap: Heap, o: PyObject): ObjectDetail {
  const referents: string[] = [];
  o.traverse((r) => referents.push(hexId(r.addr)));
  return {
    ...summarize(heap, o),
    referents,
    referrers: heap.referrersOf(o).map((r) => hexId(r.addr)),
    finalized: (o.gcFlags & GC_FINALIZED) !== 0,
    repr: reprOf(o),
  };
}

/** A short label for a graph node. */
export function label(o: PyObject): string {
  if (o instanceof PyType) return `class ${o.name}`;
  if (o instanceof PyInstance) return `${o.type.name} instance`;
  if (o instanceof PyStr) return reprOf(o.value.length > 40 ? new PyStr(o.value.slice(0, 40)) : o).slice(0, 40);
  if (o instanceof PyDict) return `dict (${o.size})`;
  return reprOf(o).slice(0, 40);
}

export interface Graph {
  nodes: Array<{ id: string; type: string; refcount: number; generation: number | 'permanent' | null; tracked: boolean; label: string }>;
  edges: Array<{ from: string; to: string; label: string }>;
  roots: Array<{ name: string; frame: string; id: string }>;
}

/** Kinds drawn as leaves in the names view: their references are interpreter plumbing. */
const LEAF_LAYOUTS = new Set(['type', 'function', 'module', 'builtin', 'code']);

/** The references of `o` with labels a reader recognises: `[0]`, `['k']`, `.attr`. */
export function labelledEdges(o: PyObject): Array<[string, PyObject]> {
  return [...labelledReferences(o)];
}

/**
 * {@link labelledEdges}, one at a time, so a reader with a budget stops inside a million-item
 * container instead of after it. Same references, same order, same labels.
 */
export function* labelledReferences(o: PyObject): Generator<[string, PyObject], void, undefined> {
  if (o instanceof PyList || o instanceof PyTuple) {
    for (let i = 0; i < o.items.length; i++) yield [`[${i}]`, o.items[i]!];
    return;
  }
  if (o instanceof PyDict) {
    for (const [k, v] of o.entries()) {
      // Atom keys are part of the label; a container or instance key gets its own edge.
      if (k.type.isGc) yield [`key ${label(k)}`, k];
      yield [`[${label(k)}]`, v];
    }
    return;
  }
  let n = 0;
  if (o instanceof PySet && o.traverse === PySet.prototype.traverse) {
    for (const r of o.items()) yield [String(n++), r];
    return;
  }
  // Everything else: traverse's references, named where the kind is known (.attr, .__class__, ...).
  yield* namedTraverse(o);
}

/** A graph cut to a budget: `truncated` says something was left out, `found` what the walk had seen. */
export interface BoundedGraph extends Graph {
  truncated: boolean;
  /**
   * Exact sizes of the whole graph when not truncated; when truncated, what the walk had
   * found when it stopped (lower bounds).
   */
  found: { nodes: number; edges: number; roots: number };
}

/**
 * What one graph read may cost, in objects and references. `maxNodes` nodes and roots;
 * `maxReferences` references examined (kept, hidden or shared alike); `maxSweep` objects
 * visited looking for cycles no name reaches. Each is checked before the work it counts.
 */
export interface GraphBudget {
  maxNodes: number;
  maxReferences: number;
  maxSweep: number;
}

const UNBOUNDED: GraphBudget = { maxNodes: Infinity, maxReferences: Infinity, maxSweep: Infinity };

/** Budgets derived from a node cap: the multipliers the service documents. */
export function graphBudget(maxNodes: number): GraphBudget {
  return { maxNodes, maxReferences: REFERENCES_PER_NODE * maxNodes, maxSweep: SWEEP_PER_NODE * maxNodes };
}
export const REFERENCES_PER_NODE = 8;
export const SWEEP_PER_NODE = 16;

/**
 * The name bindings (globals first, then each frame's locals), at most `max` of them;
 * `objects` maps each listed id to its object. `truncated`: more names exist than were listed.
 */
export function nameBindings(rt: SandboxRuntime, max = Infinity): {
  frames: Array<{ frame: string; names: Record<string, string> }>;
  objects: Map<string, PyObject>;
  truncated: boolean;
} {
  let left = max;
  let truncated = false;
  const room = (): boolean => {
    if (left > 0) {
      left--;
      return true;
    }
    truncated = true;
    return false;
  };
  const objects = new Map<string, PyObject>();
  const bind = (names: Record<string, string>, name: string, o: PyObject): void => {
    const id = hexId(o.addr);
    names[name] = id;
    objects.set(id, o);
  };
  const globals: Record<string, string> = {};
  for (const [k, v] of rt.globals.entries()) {
    if (k.type.name !== 'str') continue;
    if (!room()) break;
    bind(globals, (k as PyStr).value, v);
  }
  const frames = [{ frame: '<module>', names: globals }];
  for (const f of rt.frames) {
    if (truncated) break;
    const names: Record<string, string> = {};
    for (const [k, v] of f.locals) {
      if (!room()) break;
      bind(names, k, v);
    }
    frames.push({ frame: f.name, names });
  }
  return { frames, objects, truncated };
}

/** How many names {@link nameBindings} would list without a cap (a count: nothing is built). */
function countNames(rt: SandboxRuntime): number {
  let n = 0;
  for (const [k] of rt.globals.entries()) if (k.type.name === 'str') n++;
  for (const f of rt.frames) n += f.locals.size;
  return n;
}

/**
 * Generations of the tracked objects in `want`, walking the collector's lists only until all
 * are found (a pointer walk: no object is visited twice, nothing is allocated per step).
 */
export function generationsOf(heap: Heap, want: Iterable<PyObject>): Map<PyObject, number | 'permanent'> {
  const pending = new Set<PyObject>();
  for (const o of want) if (o.isTracked) pending.add(o);
  const gens = new Map<PyObject, number | 'permanent'>();
  const lists: Array<[PyObject, number | 'permanent']> = heap.generations.map((g, i) => [g.head, i]);
  lists.push([heap.permanent, 'permanent']);
  for (const [head, gen] of lists) {
    for (let o = head.gcNext!; o !== head && pending.size > 0; o = o.gcNext!) {
      if (pending.delete(o)) gens.set(o, gen);
    }
  }
  return gens;
}

/**
 * Tracked objects no root reaches (cycles awaiting collection), in the collector's list
 * order (generation 0 first, the permanent generation last), at most `max` of them; null when
 * finding what the roots reach would visit more than `maxSweep` objects.
 */
function unreachableTracked(heap: Heap, maxSweep: number, max: number): PyObject[] | null {
  const reachable = heap.objects.reachableFromRoots(maxSweep);
  if (reachable === null) return null;
  const out: PyObject[] = [];
  const heads: PyObject[] = [...heap.generations.map((g) => g.head), heap.permanent];
  for (const head of heads) {
    for (let o = head.gcNext!; o !== head; o = o.gcNext!) {
      if (reachable.has(o)) continue;
      if (out.length >= max) return out;
      out.push(o);
    }
  }
  return out;
}

/**
 * Build the graph (see Sandbox.graph) within `budget`. Nodes are taken breadth first from the
 * seeds — the named objects, then (view 'names') the tracked objects no name reaches, or
 * (view 'all') every live object in LiveObjects order — and the walk stops before a budget
 * would be crossed, so a read costs what its reply holds, not what the heap holds.
 * The names view first walks from the names alone; only when that fits does it look for
 * unreachable cycles (that search visits what the names reach, up to `maxSweep`), and walks
 * again with them as seeds if there are any.
 * Invariants: when `truncated` is false the reply is the whole graph, exactly as an unbounded
 * walk gives it; when true, the nodes are the first of a walk from the names (view 'names')
 * or of the unbounded walk (view 'all'); every edge, and every root of a truncated reply,
 * points at a node of the reply.
 */
export function heapGraph(rt: SandboxRuntime, view: 'names' | 'all', budget: GraphBudget = UNBOUNDED): BoundedGraph {
  const heap = rt.heap;
  const hidden = new Set<PyObject>([rt.globals, heap.garbage, heap.callbacks]);
  const named = nameBindings(rt, budget.maxNodes);
  const roots = named.frames.flatMap((f) => Object.entries(f.names).map(([name, id]) => ({ name, frame: f.frame, id })));
  const walk = (seeds: Iterable<PyObject>): GraphWalk => walkGraph(seeds, view, hidden, budget);

  let w: GraphWalk;
  let truncated = named.truncated;
  if (view === 'all') {
    w = walk(heap.objects.inOrder(true));
  } else {
    const bound = roots.map((r) => named.objects.get(r.id)!);
    w = walk(bound);
    if (!w.truncated) {
      const cycles = unreachableTracked(heap, budget.maxSweep, budget.maxNodes + 1);
      if (cycles === null) truncated = true;
      else if (cycles.length > 0) w = walk(bound.concat(cycles));
    }
  }
  truncated ||= w.truncated;

  const { queue } = w;
  const gens = generationsOf(heap, queue);
  const nodes: Graph['nodes'] = queue.map((o) => ({
    id: hexId(o.addr), type: o.type.name, refcount: o.refcnt, generation: gens.get(o) ?? null, tracked: o.isTracked, label: label(o),
  }));
  const keptIds = new Set(nodes.map((n) => n.id));
  return {
    nodes,
    edges: w.edges,
    roots: truncated ? roots.filter((r) => keptIds.has(r.id)) : roots,
    truncated,
    found: { nodes: queue.length + w.refused, edges: w.foundEdges, roots: named.truncated ? countNames(rt) : roots.length },
  };
}

interface GraphWalk {
  /** The objects kept, distinct, in the order they become nodes. */
  queue: PyObject[];
  edges: Graph['edges'];
  truncated: boolean;
  /** Distinct objects found but left out (no room). */
  refused: number;
  /** References to shown objects examined (kept or not). */
  foundEdges: number;
}

/**
 * One breadth-first walk from `seeds` within `budget`: at most `maxNodes` objects kept, at most
 * `maxReferences` references examined. Invariant: `queue` is always a prefix of the unbounded
 * walk's order; once the reference budget is spent the rest of the queue is kept without its
 * references (and the walk says truncated).
 */
function walkGraph(seeds: Iterable<PyObject>, view: 'names' | 'all', hidden: Set<PyObject>, budget: GraphBudget): GraphWalk {
  const expand = (o: PyObject): boolean => view === 'all' || !LEAF_LAYOUTS.has(o.type.layout);
  const shown = (o: PyObject): boolean => !hidden.has(o) && !(o.gcFlags & SHARED);
  const queue: PyObject[] = [];
  const index = new Map<PyObject, number>();
  const refused = new Set<PyObject>();
  let truncated = false;
  /** Keep `o` if there is room: its place, or -1 when it is left out. */
  const keep = (o: PyObject): number => {
    const at = index.get(o);
    if (at !== undefined) return at;
    if (queue.length >= budget.maxNodes) {
      truncated = true;
      refused.add(o);
      return -1;
    }
    index.set(o, queue.length);
    queue.push(o);
    return queue.length - 1;
  };
  for (const o of seeds) if (shown(o) && keep(o) < 0) break;

  const edges: Graph['edges'] = [];
  let examined = 0;
  let foundEdges = 0;
  for (let qi = 0; qi < queue.length && examined <= budget.maxReferences; qi++) {
    const o = queue[qi]!;
    if (!expand(o)) continue;
    for (const [l, r] of labelledReferences(o)) {
      if (++examined > budget.maxReferences) {
        truncated = true;
        break;
      }
      if (!shown(r)) continue;
      foundEdges++;
      if (keep(r) >= 0) edges.push({ from: hexId(o.addr), to: hexId(r.addr), label: l });
    }
  }
  return { queue, edges, truncated, refused: refused.size, foundEdges };
}

/**
 * Graphviz source for a graph: a box per object (label, refcount, generation), a plain
 * label per name pointing at what it binds, and a labelled arrow per reference. `note`,
 * when given, is said twice — as a comment for whoever reads the source and as a note node
 * (named `note.id`) for whoever looks at the picture; the service uses it to say a graph was cut.
 */
export function graphToDot(g: Graph, note: { id: string; comment: string; label: string } | null = null): string {
  const q = (s: string): string => JSON.stringify(s);
  const lines = ['digraph heap {', '  node [shape=box, fontname="monospace"];'];
  if (note !== null) {
    lines.push(`  // ${note.comment}`);
    lines.push(`  ${q(note.id)} [shape=note, label=${q(note.label)}];`);
  }
  for (const n of g.nodes) lines.push(`  ${q(n.id)} [label=${q(`${n.label}\nrefcount=${n.refcount} gen=${n.generation ?? '-'}`)}];`);
  for (const r of g.roots) {
    lines.push(`  ${q('name:' + r.frame + ':' + r.name)} [label=${q(r.name)}, shape=plaintext];`);
    lines.push(`  ${q('name:' + r.frame + ':' + r.name)} -> ${q(r.id)};`);
  }
  for (const e of g.edges) lines.push(`  ${q(e.from)} -> ${q(e.to)} [label=${q(e.label)}];`);
  lines.push('}');
  return lines.join('\n') + '\n';
}
