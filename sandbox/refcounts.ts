/**
 * What `sys.getrefcount(o)` answers — one owner for the Python front end and the JSON
 * `getrefcount` op.
 *
 * Nothing is immortal in CPython 3.11: every object is counted. A sandbox's own objects
 * carry their count in `refcnt`. The objects every sandbox shares (None, True, False,
 * Ellipsis, NotImplemented, the small ints, the empty tuple/str/bytes, the one-character
 * latin-1 strs, the builtin types) answer the baseline recorded from CPython (baselines.ts:
 * what CPython's own interpreter holds under the oracle) plus the references this sandbox
 * holds now (Heap.sharedCounts) — so the baseline is CPython's and every change a lesson
 * makes (`x = 7` adds one, `[None] * 10` ten, `del x` takes one) is exact.
 */
import type { Heap } from './heap.js';
import { BASELINES } from './baselines.js';
import { PyObject, SHARED, sharedKeys, sharedSlot } from './objects.js';

/**
 * The count a builtin that is not counted (a builtin function or module of the sandbox)
 * answers: its references are not modelled, so a recorded baseline cannot be matched.
 */
const UNCOUNTED_REFCOUNT = 4294967295;

/** ob_refcnt of `o` as CPython would show it (the caller's own references included). */
export function refcountOf(heap: Heap, o: PyObject): number {
  if (!(o.gcFlags & SHARED)) return o.refcnt;
  const slot = sharedSlot(o);
  if (slot === 0) return UNCOUNTED_REFCOUNT;
  return baselineOf(slot) + heap.sharedCounts[slot]!;
}

/** The recorded baseline of the shared object in `slot` (0 when none was recorded). */
function baselineOf(slot: number): number {
  return BASELINES.get(sharedKeys[slot]!) ?? 0;
}
