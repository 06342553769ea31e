/**
 * What `sys.getrefcount(o)` answers — one owner for the Python front end and the JSON
 * `getrefcount` op.
 *
 * Nothing is immortal in CPython 3.11: every object is counted. A sandbox's own objects
 * carry their count in `refcnt`. The objects every sandbox shares (None, True, False,
 * Ellipsis, NotImplemented, the small ints, the empty tuple/str/bytes, the one-character
 * latin-1 strs, the strs CPython interned at start-up, the builtin types) answer the
 * baseline recorded from CPython (baselines.ts: what CPython's own interpreter holds under
 * the oracle) plus the references this sandbox
 * holds now (Heap.sharedCounts) — so the baseline is CPython's and every change a lesson
 * makes (`x = 7` adds one, `[None] * 10` ten, `del x` takes one) is exact.
 */
import type { Heap } from './heap.js';
import { BASELINES, FIRST_IMPORT } from './baselines.js';
import { PyObject, SHARED, sharedKeys, sharedSlot, startupStrBaseline, staticStrBaseline } from './objects.js';
import { PyError } from './containers.js';

/** ob_refcnt of `o` as CPython would show it (the caller's own references included). */
export function refcountOf(heap: Heap, o: PyObject): number {
  if (!(o.gcFlags & SHARED)) return o.refcnt;
  const slot = sharedSlot(o);
  // A builtin function or module: its references are not modelled, so no number would be
  // CPython's (len shows 12 under the oracle). Refused rather than guessed.
  if (slot === 0) throw new PyError('NotImplementedError', `heaplab does not model the reference count of the builtin '${nameOf(o)}'`);
  // A start-up str this heap never counted lies past its table: it holds none.
  return baselineOf(slot) + (heap.sharedCounts[slot] ?? 0);
}

/** The recorded baseline of the shared object in `slot` (0 when none was recorded). */
function baselineOf(slot: number): number {
  const key = sharedKeys[slot]!;
  return BASELINES.get(key) ?? startupStrBaseline(key) ?? staticStrBaseline(key) ?? 0;
}

/** Slots by baseline key, for the few look-ups by name (first imports). */
let slotsByKey: Map<string, number> | null = null;

/**
 * A program imported `name` for the first time. Modules CPython has not loaded yet under
 * the oracle (gc) build state that holds shared objects (gc: None, False, 1, 2, ...); the
 * sandbox's module exists already, so its first import adds what CPython's import adds
 * (recorded in baselines.ts). Other modules change nothing.
 */
export function countFirstImport(heap: Heap, name: string): void {
  const deltas = FIRST_IMPORT.get(name);
  if (!deltas) return;
  if (!slotsByKey) slotsByKey = new Map(sharedKeys.map((k, i) => [k, i]));
  for (const [key, d] of deltas) {
    const slot = slotsByKey.get(key);
    if (slot !== undefined) heap.sharedCounts[slot]! += d;
  }
}

/** A builtin's name for a refusal: its __name__ when it has one, else its type's. */
function nameOf(o: PyObject): string {
  const n = (o as { name?: unknown }).name;
  return typeof n === 'string' ? n : o.type.name;
}
