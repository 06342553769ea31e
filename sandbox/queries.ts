/**
 * Read-only views of a heap: gc statistics, object details, the reference graph. None of
 * them changes a refcount or an event sequence.
 */
import type { Heap } from './heap.js';
import { hexId } from './heap.js';
import { GC_FINALIZED, PyDict, PyInstance, PyObject, PyStr, PyType } from './objects.js';
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
  let bytes = 0;
  for (const o of heap.objects.values()) {
    if (o.isTracked) tracked++;
    bytes += getsizeof(o);
  }
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

export function summarize(heap: Heap, o: PyObject): ObjectSummary {
  return {
    id: hexId(o.addr),
    type: o.type.name,
    refcount: o.refcnt,
    size: getsizeof(o),
    tracked: o.isTracked,
    generation: heap.generationOf(o),
  };
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
  if (o instanceof PyStr) return reprOf(o).slice(0, 40);
  if (o instanceof PyDict) return `dict (${o.size})`;
  return reprOf(o).slice(0, 40);
}

export { hexId };
