/**
 * Read-only views of a heap: gc statistics, object details, the reference graph. None of
 * them changes a refcount or an event sequence.
 */
import type { Heap } from './heap.js';
import { hexId } from './heap.js';
import { GC_FINALIZED, SHARED, PyDict, PyInstance, PyList, PyObject, PyStr, PyTuple, PyType } from './objects.js';
import type { SandboxRuntime } from './runtime.js';
import { freezeCount } from './collector.js';
import { getsizeof } from './sizes.js';
import { reprOf } from './repr.js';

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

/** Every tracked object's generation, from one walk of the lists (for bulk queries). */
export function generationMap(heap: Heap): Map<PyObject, number | 'permanent'> {
  const gens = new Map<PyObject, number | 'permanent'>();
  heap.generations.forEach((g, i) => {
    for (let o = g.head.gcNext!; o !== g.head; o = o.gcNext!) gens.set(o, i);
  });
  for (let o = heap.permanent.gcNext!; o !== heap.permanent; o = o.gcNext!) gens.set(o, 'permanent');
  return gens;
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
  const out: Array<[string, PyObject]> = [];
  if (o instanceof PyList || o instanceof PyTuple) {
    o.items.forEach((r, i) => out.push([`[${i}]`, r]));
    return out;
  }
  if (o instanceof PyDict) {
    for (const [k, v] of o.entries()) {
      // Atom keys are part of the label; a container or instance key gets its own edge.
      if (k.type.isGc) out.push([`key ${label(k)}`, k]);
      out.push([`[${label(k)}]`, v]);
    }
    return out;
  }
  if (o instanceof PyInstance && !o.dict) {
    const names = o.attrNames;
    o.attrValues.forEach((v, i) => out.push([`.${names[i]}`, v]));
    if (o.type.isHeapType) out.push(['__class__', o.type]);
    return out;
  }
  let n = 0;
  o.traverse((r) => out.push([String(n++), r]));
  return out;
}

/** Build the graph (see Sandbox.graph). Generations are looked up once, not per node. */
export function heapGraph(
  rt: SandboxRuntime,
  frames: Array<{ frame: string; names: Record<string, string> }>,
  view: 'names' | 'all',
): Graph {
  const heap = rt.heap;
  const hidden = new Set<PyObject>([rt.globals, heap.garbage, heap.callbacks]);
  const gens = generationMap(heap);
  const byAddr = new Map<string, PyObject>();
  for (const o of heap.objects.values()) byAddr.set(hexId(o.addr), o);
  const roots = frames.flatMap((f) => Object.entries(f.names).map(([name, id]) => ({ name, frame: f.frame, id })));

  let seeds: PyObject[];
  const expand = (o: PyObject): boolean => view === 'all' || !LEAF_LAYOUTS.has(o.type.layout);
  if (view === 'all') {
    seeds = [...byAddr.values()].filter((o) => !hidden.has(o));
  } else {
    seeds = roots.map((r) => byAddr.get(r.id)).filter((o): o is PyObject => o !== undefined);
    // Objects kept alive only by cycles: tracked, yet unreachable from every root.
    const reachable = heap.objects.reachableFromRoots();
    for (const o of gens.keys()) if (!reachable.has(o)) seeds.push(o);
  }

  const nodes: Graph['nodes'] = [];
  const edges: Graph['edges'] = [];
  const seen = new Set<PyObject>();
  const queue = seeds.slice();
  for (let qi = 0; qi < queue.length; qi++) {
    const o = queue[qi]!;
    if (seen.has(o) || hidden.has(o) || o.gcFlags & SHARED) continue;
    seen.add(o);
    nodes.push({ id: hexId(o.addr), type: o.type.name, refcount: o.refcnt, generation: gens.get(o) ?? null, tracked: o.isTracked, label: label(o) });
    if (!expand(o)) continue;
    for (const [l, r] of labelledEdges(o)) {
      if (hidden.has(r) || r.gcFlags & SHARED) continue;
      edges.push({ from: hexId(o.addr), to: hexId(r.addr), label: l });
      queue.push(r);
    }
  }
  return { nodes, edges, roots };
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
