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

/** How long a node label may be, in characters (the `…` included). */
export const LABEL_CHARS = 40;

/**
 * One token of a repr: a quoted string, an angle-bracketed repr (`<function f at 0x…>`),
 * a run of word characters (names, numbers), a run of blanks, or one other character.
 */
const REPR_TOKEN = /'(?:[^'\\]|\\.)*'?|"(?:[^"\\]|\\.)*"?|<[^<>]*>?|[\w.+-]+|\s+|[^]/gu;

/**
 * `text` cut to at most `max` characters, ending in `…` when cut. It is cut between tokens
 * (never inside a name, number or quoted string), dropping blanks and commas left at the
 * end; only a first token longer than the whole label is itself cut.
 */
export function shorten(text: string, max = LABEL_CHARS): string {
  if (text.length <= max) return text;
  let out = '';
  for (const m of text.matchAll(REPR_TOKEN)) {
    if (out.length + m[0].length > max - 1) break;
    out += m[0];
  }
  out = out.replace(/[\s,:]+$/u, '');
  if (out.length === 0) out = text.slice(0, max - 1);
  return out + '…';
}

/** A short label for a graph node. */
export function label(o: PyObject): string {
  if (o instanceof PyType) return shorten(`class ${o.name}`);
  if (o instanceof PyInstance) return shorten(`${o.type.name} instance`);
  // A long str is cut before its repr is made (the repr of a million-character str is not built).
  if (o instanceof PyStr) return shorten(o.value.length > 2 * LABEL_CHARS ? reprOf(new PyStr(o.value.slice(0, 2 * LABEL_CHARS))) : reprOf(o));
  if (o instanceof PyDict) return `dict (${o.size})`;
  return shorten(reprOf(o));
}

/**
 * Where a node stands: reachable from a root; unreachable (only the collector can still free
 * it: a cycle awaiting collection); unknown when finding out would cost more than the read's budget.
 */
export type NodeState = 'reachable' | 'unreachable' | 'unknown';

export interface Graph {
  nodes: Array<{
    id: string; type: string; refcount: number; generation: number | 'permanent' | null; tracked: boolean; label: string;
    state: NodeState; finalized: boolean;
  }>;
  edges: Array<{ from: string; to: string; label: string }>;
  /** Names; `label` is set when the object is shared by the interpreter (None, small ints) and so not a node. */
  roots: Array<{ name: string; frame: string; id: string; label?: string }>;
  /** Containers drawn with only their first items: `more` items were left out. */
  cut: Array<{ from: string; shown: number; more: number }>;
}

/** Kinds drawn as leaves in the names view: their references are interpreter plumbing. */
export const LEAF_LAYOUTS = new Set(['type', 'function', 'module', 'builtin', 'code']);

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
  /** Items of one container (list, tuple, dict, set) drawn; the rest become one "… N more". */
  maxItems?: number;
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
 * The tracked objects a full collection would find unreachable, in the collector's list
 * order (generation 0 first, the permanent generation last): of the tracked objects the
 * roots' walk did not reach (`reachable`), those no reference from outside their own set
 * holds — the collector's update_refs / subtract_refs / move_unreachable, read-only (a map
 * instead of gc_refs). An object the interpreter holds where the roots' walk does not look
 * (a weakref in a builtin type's subclass list) keeps a count from outside, so it and what
 * it reaches are not called unreachable. Null when there are more than `maxSweep` candidates.
 */
function awaitingCollection(heap: Heap, reachable: Set<PyObject>, maxSweep: number): { awaiting: PyObject[]; heldOutside: Set<PyObject> } | null {
  const candidates: PyObject[] = [];
  const heads: PyObject[] = [...heap.generations.map((g) => g.head), heap.permanent];
  for (const head of heads) {
    for (let o = head.gcNext!; o !== head; o = o.gcNext!) {
      if (reachable.has(o)) continue;
      if (candidates.length >= maxSweep) return null;
      candidates.push(o);
    }
  }
  const gcRefs = new Map<PyObject, number>(candidates.map((o) => [o, o.refcnt]));
  for (const o of candidates) {
    o.traverse((r) => {
      const n = gcRefs.get(r);
      if (n !== undefined) gcRefs.set(r, n - 1);
    });
  }
  // Held from outside: reachable, with everything it reaches that the roots' walk did not.
  const held = candidates.filter((o) => gcRefs.get(o)! > 0);
  const heldOutside = new Set<PyObject>(held);
  for (let i = 0; i < held.length && i < maxSweep; i++) {
    held[i]!.traverse((r) => {
      if (!reachable.has(r) && !(r.gcFlags & SHARED) && !heldOutside.has(r)) {
        heldOutside.add(r);
        held.push(r);
      }
    });
  }
  return { awaiting: candidates.filter((o) => !heldOutside.has(o)), heldOutside };
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
  // What the roots keep alive, when finding out fits the sweep budget (null: it does not).
  let stateOf: (o: PyObject) => NodeState;
  const sweep = (): { reachable: Set<PyObject>; held: Set<PyObject>; awaiting: PyObject[] } | null => {
    const reachable = heap.objects.reachableFromRoots(budget.maxSweep);
    const a = reachable === null ? null : awaitingCollection(heap, reachable, budget.maxSweep);
    return a === null ? null : { reachable: reachable!, held: a.heldOutside, awaiting: a.awaiting };
  };
  if (view === 'all') {
    w = walk(heap.objects.inOrder(true));
    const sw = sweep();
    stateOf = (o) => (sw === null ? 'unknown' : sw.reachable.has(o) || sw.held.has(o) ? 'reachable' : 'unreachable');
  } else {
    const bound = roots.map((r) => named.objects.get(r.id)!);
    w = walk(bound);
    // Everything the names reach is reachable; of what only the cycles add, what is held from outside too.
    // A cycle member's str may also be a compiled constant: what any root reaches is reachable.
    const fromNames = new Set(w.queue);
    let alive: (o: PyObject) => boolean = () => false;
    stateOf = (o) => (fromNames.has(o) || alive(o) ? 'reachable' : 'unreachable');
    if (!w.truncated) {
      const sw = sweep();
      if (sw === null) truncated = true;
      else if (sw.awaiting.length > 0) {
        alive = (o) => sw.reachable.has(o) || sw.held.has(o);
        w = walk(bound.concat(sw.awaiting));
      }
    }
  }
  truncated ||= w.truncated;

  const { queue } = w;
  const gens = generationsOf(heap, queue);
  const nodes: Graph['nodes'] = queue.map((o) => ({
    id: hexId(o.addr), type: o.type.name, refcount: o.refcnt, generation: gens.get(o) ?? null, tracked: o.isTracked, label: label(o),
    state: stateOf(o), finalized: (o.gcFlags & GC_FINALIZED) !== 0,
  }));
  const keptIds = new Set(nodes.map((n) => n.id));
  // A name bound to an object the interpreter shares (None, 1) is not a node: it carries the object's label.
  const named2 = (truncated ? roots.filter((r) => keptIds.has(r.id) || isSharedRoot(r.id)) : roots).map((r) =>
    keptIds.has(r.id) ? r : { ...r, label: label(named.objects.get(r.id)!) });
  return {
    nodes,
    edges: w.edges,
    roots: named2,
    cut: w.cut,
    truncated,
    found: { nodes: queue.length + w.refused, edges: w.foundEdges, roots: named.truncated ? countNames(rt) : roots.length },
  };

  function isSharedRoot(id: string): boolean {
    const o = named.objects.get(id);
    return o !== undefined && (o.gcFlags & SHARED) !== 0;
  }
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
  /** Containers whose items were cut at `maxItems`. */
  cut: Graph['cut'];
}

/** How many items a container holds (what a "… N more" counts), or null for other objects. */
function itemCount(o: PyObject): number | null {
  if (o instanceof PyList || o instanceof PyTuple) return o.items.length;
  if (o instanceof PyDict || o instanceof PySet) return o.size;
  return null;
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
  const cut: Graph['cut'] = [];
  const maxItems = budget.maxItems ?? Infinity;
  let examined = 0;
  let foundEdges = 0;
  for (let qi = 0; qi < queue.length && examined <= budget.maxReferences; qi++) {
    const o = queue[qi]!;
    if (!expand(o)) continue;
    const items = itemCount(o);
    let shownItems = 0;
    for (const [l, r] of labelledReferences(o)) {
      // A dict's container key has its own edge; it belongs to the item that follows it.
      if (items !== null && !l.startsWith('key ') && shownItems++ >= maxItems) {
        cut.push({ from: hexId(o.addr), shown: maxItems, more: items - maxItems });
        break;
      }
      if (++examined > budget.maxReferences) {
        truncated = true;
        break;
      }
      if (!shown(r)) continue;
      foundEdges++;
      if (keep(r) >= 0) edges.push({ from: hexId(o.addr), to: hexId(r.addr), label: l });
    }
  }
  return { queue, edges, truncated, refused: refused.size, foundEdges, cut };
}

/** Node fill colours by state (documented in the README's picture section). */
export const NODE_COLOURS = {
  reachable: '#dbeafe',
  unreachable: '#fde68a',
  finalized: '#fecaca',
  unknown: '#e5e7eb',
  shared: '#f3f4f6',
} as const;

/**
 * Graphviz source for a graph: a box per object (label, refcount, generation) filled by its
 * state — reachable, unreachable (awaiting the collector) or finalized, see NODE_COLOURS — a
 * plain label per name pointing at what it binds (a name bound to a shared object such as
 * None points at an ellipse for it), a labelled arrow per reference (but an instance's
 * `.__class__`, which its label already names), and a "… N more" per
 * container cut at its item limit. `note`, when given, is said twice — as a comment for whoever
 * reads the source and as a note node (named `note.id`) for whoever looks at the picture; the
 * service uses it to say a graph was cut.
 * Invariant: every edge's endpoints are declared as nodes before the edge.
 */
export function graphToDot(g: Graph, note: { id: string; comment: string; label: string } | null = null): string {
  const q = (s: string): string => JSON.stringify(s);
  // Courier: a face Graphviz has metrics for, so boxes are as wide as the text a browser
  // draws in it (with "monospace" Graphviz guesses narrower glyphs and labels overflow).
  const lines = [
    'digraph heap {',
    '  rankdir=LR;',
    '  node [shape=box, style="rounded,filled", fontname="Courier", fontsize=11];',
    '  edge [fontname="Courier", fontsize=10];',
  ];
  if (note !== null) {
    lines.push(`  // ${note.comment}`);
    lines.push(`  ${q(note.id)} [shape=note, style=filled, fillcolor="#ffffff", label=${q(note.label)}];`);
  }
  const declared = new Set<string>();
  for (const n of g.nodes) {
    const colour = n.finalized ? NODE_COLOURS.finalized : NODE_COLOURS[n.state];
    const state = n.finalized ? `${n.state}, finalized` : n.state;
    declared.add(n.id);
    lines.push(`  ${q(n.id)} [label=${q(`${n.label}\nrefcount=${n.refcount} gen=${n.generation ?? '-'}`)}, ` +
      `fillcolor=${q(colour)}, tooltip=${q(`${n.type} ${n.id} (${state})`)}];`);
  }
  for (const r of g.roots) {
    if (declared.has(r.id)) continue;
    declared.add(r.id);
    lines.push(`  ${q(r.id)} [label=${q(r.label ?? r.id)}, shape=ellipse, fillcolor=${q(NODE_COLOURS.shared)}];`);
  }
  for (const r of g.roots) {
    const nameNode = q('name:' + r.frame + ':' + r.name);
    const shown = r.frame === '<module>' ? r.name : `${r.frame}: ${r.name}`;
    lines.push(`  ${nameNode} [label=${q(shown)}, shape=plaintext, style=""];`);
    lines.push(`  ${nameNode} -> ${q(r.id)};`);
  }
  // An instance's arrow to its class is left out of the picture (the node's label names the
  // class): dozens of arrows into one node cost Graphviz's layout seconds and say nothing new.
  let classArrows = 0;
  for (const e of g.edges) {
    if (e.label === '.__class__') classArrows++;
    else lines.push(`  ${q(e.from)} -> ${q(e.to)} [label=${q(e.label)}];`);
  }
  if (classArrows > 0) lines.push(`  // ${classArrows} instance-to-class reference${classArrows > 1 ? 's' : ''} (.__class__) not drawn`);
  for (const c of g.cut) {
    const more = q('more:' + c.from);
    lines.push(`  ${more} [label=${q(`… ${c.more} more`)}, shape=plaintext, style=""];`);
    lines.push(`  ${q(c.from)} -> ${more} [style=dashed];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
