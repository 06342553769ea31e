/**
 * The result tuple some iterators keep and reuse — dictiter's di_result (items iterators),
 * enumerate's en_result, zip's result — the one home for that speed trick of CPython 3.11.
 *
 * The tuple is allocated with the iterator, filled with None, and traversed by it (so a
 * collection that frees the iterator in a cycle counts it, and gc.get_referents shows it).
 * Each `next` refills it in place when the iterator holds the only reference to it — the
 * caller released the previous result — re-tracking it, because a collection may have
 * untracked it meanwhile (bpo-42536); otherwise a new tuple is built, as CPython does.
 */
import type { Heap } from '../../heap.js';
import { EMPTY_TUPLE, None, type PyObject, PyTuple } from '../../objects.js';
import { newTuple } from '../../factory.js';

/** A new result tuple of `n` Nones (the shared empty tuple for n = 0, as PyTuple_New(0) gives). */
export function newResultTuple(heap: Heap, n: number): PyTuple {
  return newTuple(heap, new Array<PyObject>(n).fill(None));
}

/** Whether `result` can be refilled in place: only its iterator refers to it. */
export function resultReusable(result: PyTuple): boolean {
  return result !== EMPTY_TUPLE && result.refcnt === 1;
}

/**
 * The next result from `items` (owned references, one per slot): the reused tuple, refilled
 * slot by slot — the old items released after the new ones are in, as dictiter_iternextitem
 * and enum_next do — or a new tuple when `result` is shared. A new reference.
 */
export function nextResult(heap: Heap, result: PyTuple, items: PyObject[]): PyTuple {
  if (!resultReusable(result) || result.items.length !== items.length) {
    const t = heap.register(new PyTuple(items));
    return items.length === 0 ? t : heap.track(t);
  }
  heap.incref(result);
  const old = result.items.splice(0, items.length, ...items);
  for (const o of old) heap.decref(o);
  return heap.track(result);
}

/**
 * zip_next's in-place refill: each slot takes its iterator's next item and releases the old
 * one before the following iterator is advanced. On exhaustion (next gives null) the slots
 * filled so far keep their new items, as in CPython, and null is returned.
 */
export function refillInPlace(heap: Heap, result: PyTuple, nextOf: (i: number) => PyObject | null): PyTuple | null {
  heap.incref(result);
  for (let i = 0; i < result.items.length; i++) {
    let v: PyObject | null;
    try {
      v = nextOf(i);
    } catch (e) {
      heap.decref(result);
      throw e;
    }
    if (v === null) {
      heap.decref(result);
      return null;
    }
    const old = result.items[i]!;
    result.items[i] = v;
    heap.decref(old);
  }
  return heap.track(result);
}
