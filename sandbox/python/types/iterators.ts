/**
 * The list, tuple and range iterators as data: the position is in fields, and `next` and
 * `__length_hint__` are module-level functions (PyIter calls `it.next(it)` and `it.hint()`)
 * rather than closures over the position, so a snapshot can carry an iterator a program
 * holds (sandbox/snapshot). What they do is CPython's listiter_next, tupleiter_next and
 * rangeiter_next: the list iterator reads the list as it is now, drops it when exhausted.
 */
import type { Heap } from '../../heap.js';
import type { PyObject } from '../../objects.js';
import { PyIter, iterType } from '../pyobjects.js';

type Seq = PyObject & { items: PyObject[] };

/** list_iterator / tuple_iterator: holds the sequence until exhausted. */
export class SeqIter extends PyIter {
  constructor(name: string, seq: Seq, readonly heap: Heap) {
    super(iterType(name), seq, seqNext);
    this.hint = seqHint;
  }
}

/** The next item (a new reference), or null when exhausted (the sequence is released then). */
export function seqNext(self: PyIter): PyObject | null {
  const it = self as SeqIter;
  const s = it.seq as Seq | null;
  if (!s) return null;
  if (it.index < s.items.length) {
    const v = s.items[it.index++]!;
    it.heap.incref(v);
    return v;
  }
  it.seq = null;
  it.heap.decref(s);
  return null;
}

/** __length_hint__: the items left (0 once exhausted). */
export function seqHint(this: PyIter): number {
  return this.seq ? Math.max(0, (this.seq as Seq).items.length - this.index) : 0;
}

/** What makes the ints a range iterator yields (the sandbox's Builtins). */
export interface IntMaker {
  int(v: number): PyObject;
}

/** range_iterator: the next value and how many are left; holds nothing. */
export class RangeIter extends PyIter {
  constructor(public cur: number, readonly step: number, public left: number, readonly ints: IntMaker) {
    super(iterType('range_iterator'), null, rangeNext);
    this.hint = rangeHint;
  }
}

export function rangeNext(self: PyIter): PyObject | null {
  const it = self as RangeIter;
  if (it.left <= 0) return null;
  it.left--;
  const v = it.cur;
  it.cur += it.step;
  return it.ints.int(v);
}

export function rangeHint(this: PyIter): number {
  return Math.max(0, (this as RangeIter).left);
}
