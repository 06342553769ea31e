/**
 * The cyclic garbage collector: CPython 3.11's algorithm (Modules/gcmodule.c), phase by
 * phase, on the Heap's intrusive lists.
 *
 * Reference counting frees everything except cycles. To find cycles, the collector looks
 * at one generation (plus the younger ones) at a time and asks, for each object, "are all
 * the references to you coming from inside this set?" If so — for the object and
 * everything only it keeps alive — the set is garbage.
 *
 *   collect(generation)
 *     mergeYoungerGenerations    young := gen[generation] + gen[0..generation-1]
 *     deduceUnreachable          updateRefs → subtractRefs → moveUnreachable
 *       (untrackTuples)          fused into moveUnreachable's scan of the survivors: a
 *                                surviving tuple of atoms stops being tracked
 *     promoteSurvivors           young → gen[generation+1] by one splice (or, on a full
 *                                run, untrackDicts over the survivors' dicts the scan noted)
 *     handleWeakrefs             clear weakrefs to garbage; run callbacks of live weakrefs
 *                                (its walk also counts the objects with a finalizer to run)
 *     finalizeGarbage            PEP 442: each __del__ runs once (skipped when none has one)
 *     handleResurrectedObjects   objects a finalizer made reachable again are spared (when
 *                                no finalizer or callback ran, nothing can be: skipped)
 *     deleteGarbage              tp_clear each remaining object (or save it: DEBUG_SAVEALL)
 *     account                    per-generation stats; the return value is
 *                                collected + uncollectable
 *
 * The list order is CPython's (survivors keep their order, the unreachable list is built
 * in scan order), and that is what makes finalizer and weakref-callback order match.
 */
import {
  GC_COLLECTING, GC_FINALIZED, GC_TRACKED, GcHead, PyDict, PyList, PyObject,
  PyTuple, PyWeakref, listType,
} from './objects.js';
import {
  Heap, hexId, listAppend as gcListAppend, listIsEmpty, listMerge, listMove, listRemove, listSize,
} from './heap.js';
import { listAppend } from './containers.js';
import { maybeUntrackDict, mayBeTracked } from './tracking.js';

export const DEBUG_STATS = 1;
export const DEBUG_COLLECTABLE = 2;
export const DEBUG_UNCOLLECTABLE = 4;
export const DEBUG_SAVEALL = 32;
export const DEBUG_LEAK = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

const NUM_GENERATIONS = 3;

export interface CollectResult {
  /** What gc.collect() returns: collected + uncollectable. */
  unreachable: number;
  collected: number;
  uncollectable: number;
}

/**
 * gc.collect(generation): a manual collection, with gc.callbacks around it. Returns zeros
 * when a collection is already running (CPython does nothing then).
 */
export function collect(heap: Heap, generation: number): CollectResult {
  if (heap.collecting) return { unreachable: 0, collected: 0, uncollectable: 0 };
  heap.collecting = true;
  try {
    return collectWithCallbacks(heap, generation, 'manual');
  } finally {
    heap.collecting = false;
  }
}

/**
 * gc_collect_generations: an allocation pushed generation 0's count past its threshold.
 * Collect the oldest generation whose count exceeds its threshold — except that the
 * oldest generation is only collected once the objects awaiting their first full
 * collection exceed 25% of those that survived the last one (the long-lived ratio rule,
 * which keeps full collections from making allocation quadratic).
 */
export function collectGenerations(heap: Heap): void {
  heap.collecting = true;
  try {
    for (let i = NUM_GENERATIONS - 1; i >= 0; i--) {
      const g = heap.generations[i]!;
      if (g.count > g.threshold) {
        if (i === NUM_GENERATIONS - 1 && heap.longLivedPending < heap.longLivedTotal / 4) continue;
        collectWithCallbacks(heap, i, 'automatic');
        break;
      }
    }
  } finally {
    heap.collecting = false;
  }
}

/** Install automatic collection on a heap (called once when the heap is built). */
export function installCollector(heap: Heap): void {
  heap.autoCollect = () => collectGenerations(heap);
}

function collectWithCallbacks(heap: Heap, generation: number, trigger: 'manual' | 'automatic'): CollectResult {
  invokeCallbacks(heap, 'start', generation, 0, 0);
  heap.events.emit({ type: 'gc.start', generation, trigger });
  const before = heap.steps;
  const r = collectMain(heap, generation);
  heap.events.emit({
    type: 'gc.stop', generation, trigger, unreachable: r.unreachable, collected: r.collected,
    uncollectable: r.uncollectable, duration: heap.steps - before,
  });
  invokeCallbacks(heap, 'stop', generation, r.collected, r.uncollectable);
  return r;
}

function invokeCallbacks(heap: Heap, phase: 'start' | 'stop', generation: number, collected: number, uncollectable: number): void {
  if (heap.callbacks.items.length === 0 || !heap.runtime) return;
  heap.runtime.callGcCallbacks(phase, { generation, collected, uncollectable });
}

/** gc_collect_main: one collection of `generation` and everything younger. */
export function collectMain(heap: Heap, generation: number): CollectResult {
  updateCounters(heap, generation);
  const young = mergeYoungerGenerations(heap, generation);
  const old = generation < NUM_GENERATIONS - 1 ? heap.generations[generation + 1]!.head : young;

  const unreachable = new GcHead();
  const survivors = new Survivors();
  deduceUnreachable(heap, young, unreachable, survivors);
  promoteSurvivors(heap, generation, young, old, survivors);

  // Python classes implement __del__ as tp_finalize, never as a legacy tp_del, so no
  // object is ever "uncollectable" here; CPython's `finalizers` list stays empty.
  const uncollectable = 0;
  if (heap.debug & DEBUG_COLLECTABLE && heap.debugOutput) {
    for (let o = unreachable.gcNext!; o !== unreachable; o = o.gcNext!) {
      heap.debugOutput(`gc: collectable <${o.type.name} ${hexId(o.addr)}>\n`);
    }
  }

  const weakrefs = handleWeakrefs(heap, unreachable, old);
  let collected = weakrefs.freed;
  // finalize_garbage has work only when handle_weakrefs' walk met an object with a finalizer
  // to run, or a callback ran (Python code, which may have given a class a __del__).
  const finalized = weakrefs.called > 0 || weakrefs.finalizable > 0 ? finalizeGarbage(heap, unreachable) : [];
  const finalUnreachable = new GcHead();
  if (finalized.length === 0 && weakrefs.called === 0) {
    nothingResurrected(heap, unreachable, finalUnreachable, survivors.unreachable);
    collected += survivors.unreachable;
  } else {
    handleResurrectedObjects(heap, unreachable, finalUnreachable, old);
    reportFinalizers(heap, finalized, finalUnreachable);
    collected += listSize(finalUnreachable);
  }
  deleteGarbage(heap, finalUnreachable, old);
  // Only a collection of the oldest generation clears the free lists (clear_freelists).
  if (generation === NUM_GENERATIONS - 1) heap.allocTracer?.clearFreeLists();

  const g = heap.generations[generation]!;
  g.collections++;
  g.collected += collected;
  g.uncollectable += uncollectable;
  return { unreachable: collected + uncollectable, collected, uncollectable };
}

/**
 * Counters: the next older generation counts one more collection of this one; this
 * generation and the younger ones start counting afresh.
 */
function updateCounters(heap: Heap, generation: number): void {
  if (generation + 1 < NUM_GENERATIONS) heap.generations[generation + 1]!.count += 1;
  for (let i = 0; i <= generation; i++) heap.generations[i]!.count = 0;
}

/**
 * Merge each younger generation onto the end of `generation`'s list; the result ("young")
 * is the set being collected.
 */
function mergeYoungerGenerations(heap: Heap, generation: number): GcHead {
  const young = heap.generations[generation]!.head;
  for (let i = 0; i < generation; i++) listMerge(heap.generations[i]!.head, young);
  return young;
}

/**
 * What the scan of move_unreachable learns about the survivors on its way, so that no later
 * pass over them is needed: how many stay in `young`, and its exact dicts in list order
 * (the candidates of untrack_dicts).
 */
class Survivors {
  count = 0;
  readonly dicts: PyDict[] = [];
  /** How many objects the scan left in `unreachable` (moved there and never pulled back). */
  unreachable = 0;
}

/**
 * deduce_unreachable: split `young` into reachable (left in `young`) and unreachable
 * (moved to `unreachable`). Invariant afterwards: every object still in `young` is
 * reachable from outside the set; every object in `unreachable` is referenced only from
 * inside it. With `survivors` (the first analysis of a collection, not the one after the
 * finalizers), the surviving tuples of atoms are untracked on the way (untrack_tuples) and
 * the survivors counted.
 */
function deduceUnreachable(heap: Heap, young: GcHead, unreachable: GcHead, survivors: Survivors | null): void {
  updateRefs(heap, young);
  subtractRefs(heap, young);
  moveUnreachable(heap, young, unreachable, survivors);
}

/**
 * update_refs: gc_refs := refcount for every object in the set, and mark it as being
 * collected. Invariant: gc_refs counts every reference to the object, inside or outside.
 */
function updateRefs(heap: Heap, young: GcHead): void {
  let n = 0;
  for (let o = young.gcNext!; o !== young; o = o.gcNext!) {
    o.gcRefs = o.refcnt;
    o.gcFlags |= GC_COLLECTING;
    n++;
  }
  heap.steps += n;
}

/**
 * subtract_refs: for each reference from one object of the set to another, decrement the
 * target's gc_refs. Invariant afterwards: gc_refs counts only the references from outside
 * the set — an object with gc_refs > 0 is certainly reachable.
 */
function subtractRefs(heap: Heap, young: GcHead): void {
  const visit = (r: PyObject): void => {
    if (r.gcFlags & GC_COLLECTING) r.gcRefs--;
  };
  let n = 0;
  for (let o = young.gcNext!; o !== young; o = o.gcNext!) {
    if (o instanceof PyList && o.type === listType) {
      // The common container, inlined (order is irrelevant here).
      const it = o.items;
      for (let i = 0; i < it.length; i++) {
        const r = it[i]!;
        if (r.gcFlags & GC_COLLECTING) r.gcRefs--;
      }
    } else {
      o.traverse(visit);
    }
    n++;
  }
  heap.steps += n;
}

/**
 * gc_refs of an object move_unreachable put on the unreachable list (see there). No count
 * reaches it: it is far below zero, where gc_refs never goes.
 */
const UNREACHABLE_REFS = -(2 ** 30);

/**
 * move_unreachable: scan `young` in order. An object with gc_refs > 0 is reachable: walk
 * its references and mark each referent reachable (gc_refs := 1), pulling back to the end
 * of `young` any referent already moved to `unreachable`. An object with gc_refs == 0 is
 * moved to `unreachable` tentatively — a later reachable object may pull it back.
 * Invariant at the end: `young` holds exactly the objects reachable from outside the set,
 * `unreachable` the rest; the collecting mark is cleared on the reachable ones.
 *
 * A tentatively unreachable object is marked by gc_refs := UNREACHABLE_REFS, where CPython
 * sets a bit in its next pointer (NEXT_MASK_UNREACHABLE). Nothing reads gc_refs again until
 * the next analysis writes it (update_refs), so the mark needs no pass to clear it after the
 * scan, where a flag bit needed one over the whole unreachable list.
 *
 * The scan meets the survivors exactly once each, in their final list order (an object
 * pulled back is appended, and the scan reaches it later). So with `survivors` it also does
 * untrack_tuples' work — a reachable tuple, once traversed, is untracked when no item may be
 * tracked, which sees the same earlier tuples already untracked as CPython's pass over the
 * survivors does — and notes the exact dicts for untrack_dicts, and counts what stays.
 */
function moveUnreachable(heap: Heap, young: GcHead, unreachable: GcHead, survivors: Survivors | null): void {
  const visitReachable = (r: PyObject): void => {
    if (!(r.gcFlags & GC_COLLECTING)) return;
    if (r.gcRefs === UNREACHABLE_REFS) {
      // It had gc_refs == 0 when the scan met it, but it is reachable after all.
      listMove(r, young);
      r.gcRefs = 1;
      if (survivors !== null) survivors.unreachable--;
    } else if (r.gcRefs === 0) {
      // Not scanned yet: tell the scan it is reachable.
      r.gcRefs = 1;
    }
  };
  let o = young.gcNext!;
  let n = 0;
  while (o !== young) {
    const next = o.gcNext!;
    if (o.gcRefs > 0) {
      if (o instanceof PyList && o.type === listType) {
        // Inlined list_traverse: items last to first, as CPython visits them.
        const it = o.items;
        for (let i = it.length - 1; i >= 0; i--) visitReachable(it[i]!);
      } else {
        o.traverse(visitReachable);
      }
      o.gcFlags &= ~GC_COLLECTING;
      // `next` is read after the traversal: the traversal may have appended objects.
      const after = o.gcNext!;
      if (survivors !== null) noteSurvivor(o, survivors);
      o = after;
    } else {
      o.gcRefs = UNREACHABLE_REFS;
      listMove(o, unreachable);
      if (survivors !== null) survivors.unreachable++;
      o = next;
    }
    n++;
  }
  heap.steps += n;
}

/**
 * One survivor of the scan, after its traversal: untrack_tuples for a tuple (PyTuple_CheckExact)
 * none of whose items may be tracked; an exact dict is noted for untrack_dicts; whatever
 * stays tracked is counted.
 */
function noteSurvivor(o: PyObject, survivors: Survivors): void {
  if (o instanceof PyTuple) {
    if (!o.type.isHeapType && !o.items.some(mayBeTracked)) {
      o.gcFlags &= ~GC_TRACKED;
      listRemove(o);
      return;
    }
  } else if (o instanceof PyDict && !o.type.isHeapType) {
    survivors.dicts.push(o);
  }
  survivors.count++;
}

/**
 * Survivors move to the next older generation: one splice of the whole list. A full
 * collection instead untracks the dicts that hold only atoms (untrack_dicts, over the dicts
 * the scan noted — after every tuple was untracked, as in CPython's pass) and resets the
 * long-lived bookkeeping. Invariant: `survivors.count` is the length of `young` on entry.
 */
function promoteSurvivors(heap: Heap, generation: number, young: GcHead, old: GcHead, survivors: Survivors): void {
  if (young !== old) {
    if (generation === NUM_GENERATIONS - 2) heap.longLivedPending += survivors.count;
    listMerge(young, old);
  } else {
    let untracked = 0;
    for (const d of survivors.dicts) {
      maybeUntrackDict(d); // PyDict_CheckExact
      if (!(d.gcFlags & GC_TRACKED)) untracked++;
    }
    heap.longLivedPending = 0;
    heap.longLivedTotal = survivors.count - untracked;
  }
}

/**
 * handle_weakrefs: clear every weakref to an unreachable object (so no callback can reach
 * garbage), and every weakref that is itself garbage. Callbacks run only for weakrefs that
 * are still reachable, after all clearing is done. Returns how many callbacks ran, and
 * the number of those weakrefs freed by running them (CPython counts them as collected).
 *
 * Fused into the same walk over the garbage: how many objects have a finalizer still to run
 * (`finalizable`), the question finalize_garbage would otherwise walk the list again to ask.
 * The count holds as long as no callback ran.
 */
function handleWeakrefs(heap: Heap, unreachable: GcHead, old: GcHead): { freed: number; called: number; finalizable: number } {
  const toCall = new GcHead();
  let finalizable = 0;
  for (let o = unreachable.gcNext!; o !== unreachable; o = o.gcNext!) {
    if (!(o.gcFlags & GC_FINALIZED) && heap.hasFinalizer(o)) finalizable++;
    if (o instanceof PyWeakref) heap.unlinkWeakref(o);
    const list = o.weakrefs;
    if (!list) continue;
    o.weakrefs = null;
    for (const wr of list) {
      wr.referent = null;
      if (!wr.callback) continue;
      if (wr.gcFlags & GC_COLLECTING) continue; // the weakref is garbage too: no callback
      heap.incref(wr);
      if (wr.gcFlags & GC_TRACKED) listMove(wr, toCall);
      else {
        wr.gcFlags |= GC_TRACKED;
        gcListAppend(toCall, wr);
      }
    }
  }
  let freed = 0;
  let called = 0;
  while (!listIsEmpty(toCall)) {
    called++;
    const wr = toCall.gcNext as PyWeakref;
    const cb = wr.callback!;
    wr.callback = null;
    heap.callWeakrefCallback(cb, wr);
    heap.decref(cb);
    // Give up the reference taken above. If that kills the weakref (its callback dropped
    // the last other reference), it leaves toCall and counts as collected.
    heap.decref(wr);
    if (toCall.gcNext === wr) listMove(wr, old);
    else freed++;
  }
  return { freed, called, finalizable };
}

/**
 * finalize_garbage: call each unreachable object's finalizer once (PEP 442). Objects are
 * taken from the front of the list and moved to `seen`, because a finalizer may free or
 * resurrect anything.
 */
function finalizeGarbage(heap: Heap, collectable: GcHead): Array<[PyObject, string]> {
  const finalized: Array<[PyObject, string]> = [];
  const seen = new GcHead();
  while (!listIsEmpty(collectable)) {
    const o = collectable.gcNext!;
    listMove(o, seen);
    if (!(o.gcFlags & GC_FINALIZED) && heap.hasFinalizer(o)) {
      o.gcFlags |= GC_FINALIZED;
      heap.incref(o);
      finalized.push([o, heap.runFinalizer(o)]);
      heap.decref(o);
    }
  }
  listMerge(seen, collectable);
  return finalized;
}

/**
 * Report each finalizer that ran, now that resurrection is known (an object is
 * resurrected when it survived the second reachability analysis).
 */
function reportFinalizers(heap: Heap, finalized: Array<[PyObject, string]>, stillUnreachable: GcHead): void {
  if (finalized.length === 0) return;
  const dead = new Set<PyObject>();
  for (let o = stillUnreachable.gcNext!; o !== stillUnreachable; o = o.gcNext!) dead.add(o);
  for (const [o, printed] of finalized) {
    // An object freed meanwhile has a zero count; one still unreachable is not resurrected.
    const resurrected = o.refcnt > 0 && !dead.has(o);
    heap.events.emit({ type: 'finalizer', object: hexId(o.addr), class: o.type.name, printed, resurrected });
  }
}

/**
 * handle_resurrected_objects: run the reachability analysis again on what is left. Any
 * object a finalizer made reachable again (and everything it reaches) goes to the older
 * generation and is not counted; the rest is truly garbage.
 */
function handleResurrectedObjects(heap: Heap, unreachable: GcHead, stillUnreachable: GcHead, old: GcHead): void {
  for (let o = unreachable.gcNext!; o !== unreachable; o = o.gcNext!) o.gcFlags &= ~GC_COLLECTING;
  deduceUnreachable(heap, unreachable, stillUnreachable, null);
  listMerge(unreachable, old);
}

/**
 * handle_resurrected_objects when no code ran since the first analysis (no finalizer, no
 * weakref callback): no reference count changed, so the second analysis would find what
 * the first did — every object still unreachable, in the same order. It is skipped; its
 * steps (three passes over the `n` objects) are counted all the same, so budgets and
 * durations do not depend on the shortcut. Invariant: the same lists, flags and gc_refs as
 * handleResurrectedObjects leaves (COLLECTING set, gc_refs UNREACHABLE_REFS, `unreachable`
 * empty).
 */
function nothingResurrected(heap: Heap, unreachable: GcHead, stillUnreachable: GcHead, n: number): void {
  heap.steps += 3 * n;
  listMerge(unreachable, stillUnreachable);
}

/**
 * delete_garbage: break the cycles. Each object's tp_clear drops its references, which
 * lets reference counting free the whole cycle. With DEBUG_SAVEALL the objects are
 * appended to gc.garbage instead. An object still alive afterwards moves to `old`.
 */
function deleteGarbage(heap: Heap, collectable: GcHead, old: GcHead): void {
  const saveAll = (heap.debug & DEBUG_SAVEALL) !== 0;
  // One scratch array for every tp_clear: nothing in here runs another deleteGarbage.
  const refs: PyObject[] = [];
  while (!listIsEmpty(collectable)) {
    const o = collectable.gcNext!;
    heap.steps++;
    if (saveAll) {
      listAppend(heap, heap.garbage, o);
      heap.events.emit({ type: 'garbage', object: hexId(o.addr), objectType: o.type.name });
    } else {
      heap.incref(o);
      o.clearRefs(refs);
      for (let i = 0; i < refs.length; i++) heap.decref(refs[i]!);
      // Emptied by pops: setting `length` is a call into V8's runtime, a pop is not.
      while (refs.length > 0) refs.pop();
      heap.decref(o);
    }
    if (collectable.gcNext === o) {
      // Still alive (saved, or kept by something outside): it lives on in `old`.
      o.gcFlags &= ~GC_COLLECTING;
      listMove(o, old);
    }
  }
}

/** gc.freeze(): move everything tracked into the permanent generation. */
export function freeze(heap: Heap): void {
  for (const g of heap.generations) {
    listMerge(g.head, heap.permanent);
  }
  heap.generations[0]!.count = 0;
}

/** gc.unfreeze(): the permanent generation goes back into the oldest generation. */
export function unfreeze(heap: Heap): void {
  listMerge(heap.permanent, heap.generations[NUM_GENERATIONS - 1]!.head);
}

export function freezeCount(heap: Heap): number {
  return listSize(heap.permanent);
}

