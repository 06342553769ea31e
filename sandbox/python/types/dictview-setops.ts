/**
 * The set behaviour of dict_keys and dict_items views (Objects/dictobject.c): comparisons
 * with sets and views (dictview_richcompare) and `| & - ^` with any iterable
 * (dictviews_or, _PyDictView_Intersect, dictviews_sub, dictviews_xor), each answering a new
 * set. Membership is the views' own (a keys view asks its dict: containers.ts finds the key),
 * so keys with a class's __hash__/__eq__ behave as in CPython.
 */
import { PyDict, PyObject, PySet, dictType, setType } from '../../objects.js';
import { PyIter } from '../pyobjects.js';
import { setAlgebra, setDiscard, setHashedItems } from '../../containers.js';
import type { Builtins } from '../builtins.js';

type Cmp = 'Eq' | 'NotEq' | 'Lt' | 'LtE' | 'Gt' | 'GtE';
type SetOp = 'BitOr' | 'BitAnd' | 'Sub' | 'BitXor';

/** A dict's keys or items view (PyDictViewSet_Check). */
export function isDictSetView(o: PyObject): o is PyIter {
  return o instanceof PyIter && o.seq instanceof PyDict && (o.type.name === 'dict_keys' || o.type.name === 'dict_items');
}

const SWAPPED: Record<Cmp, Cmp> = { Eq: 'Eq', NotEq: 'NotEq', Lt: 'Gt', LtE: 'GtE', Gt: 'Lt', GtE: 'LtE' };

function sizeOf(o: PyObject): number {
  return o instanceof PySet ? o.size : ((o as PyIter).seq as PyDict).size;
}

/** all_contained_in: every item `a` iterates is `in` b. */
function allContainedIn(b: Builtins, a: PyObject, c: PyObject): boolean {
  const heap = b.heap;
  const items = b.I.toArray(a);
  try {
    for (const x of items) {
      heap.step();
      if (!b.I.contains(c, x)) return false;
    }
    return true;
  } finally {
    for (const x of items) heap.decref(x);
  }
}

/**
 * `a op c` where one side is a keys/items view and the other a set or view (the reflected
 * case — a set on the left — swaps the operands and the ordering, as CPython's reflected
 * call does). null when the operands are not such a pair (NotImplemented).
 */
export function dictViewCompare(b: Builtins, op: Cmp, a: PyObject, c: PyObject): boolean | null {
  const setLike = (o: PyObject): boolean => o instanceof PySet || isDictSetView(o);
  if (!setLike(a) || !setLike(c) || (!isDictSetView(a) && !isDictSetView(c))) return null;
  if (!isDictSetView(a)) return dictViewCompare(b, SWAPPED[op], c, a);
  const ls = sizeOf(a);
  const lo = sizeOf(c);
  switch (op) {
    case 'Eq': return ls === lo && allContainedIn(b, a, c);
    case 'NotEq': return !(ls === lo && allContainedIn(b, a, c));
    case 'Lt': return ls < lo && allContainedIn(b, a, c);
    case 'LtE': return ls <= lo && allContainedIn(b, a, c);
    case 'Gt': return ls > lo && allContainedIn(b, c, a);
    case 'GtE': return ls >= lo && allContainedIn(b, c, a);
  }
}

/** dictviews_to_set: set(view) — from the dict itself for a keys view (its stored hashes). */
function toSet(b: Builtins, o: PyObject): PySet {
  const src = o instanceof PyIter && o.type.name === 'dict_keys' && o.seq instanceof PyDict && o.seq.type === dictType ? o.seq : o;
  return b.constructors.get(setType)!([src], null) as PySet;
}

/**
 * `a op c` for | & - ^ where either operand is a keys/items view: a new set, built as
 * CPython's dictviews_* functions build it. null when neither operand is a view.
 */
export function dictViewBinop(b: Builtins, op: SetOp, a: PyObject, c: PyObject): PyObject | null {
  if (!isDictSetView(a) && !isDictSetView(c)) return null;
  const heap = b.heap;
  if (op === 'BitAnd') return intersect(b, a, c);
  const result = toSet(b, a);
  try {
    if (op === 'BitOr') {
      heap.decref(b.I.callMethod(result, 'update', [b.same(c)]));
    } else {
      const other = c instanceof PySet ? b.same(c) : toSet(b, c);
      try {
        if (op === 'Sub') {
          for (const [x, h] of setHashedItems(other as PySet)) setDiscard(heap, result, x, h);
        } else {
          // set_symmetric_difference_update with a set: discard each of its items, or add it.
          const out = heap.track(heap.register(new PySet(setType)));
          try {
            setAlgebra(heap, 'BitXor', out, other as PySet, result);
          } catch (e) {
            heap.decref(out);
            throw e;
          }
          heap.decref(result);
          return out;
        }
      } finally {
        heap.decref(other);
      }
    }
    return result;
  } catch (e) {
    heap.decref(result);
    throw e;
  }
}

/**
 * _PyDictView_Intersect: the view is `self` (swapped in if it was on the right); a larger
 * exact set does the work as set.intersection(view); else the smaller of two views is
 * iterated and each item found in the other is kept.
 */
function intersect(b: Builtins, a: PyObject, c: PyObject): PyObject {
  const heap = b.heap;
  let self = a;
  let other = c;
  if (!isDictSetView(self)) [self, other] = [other, self];
  const lenSelf = sizeOf(self);
  if (other instanceof PySet && other.type === setType && lenSelf <= other.size) {
    return b.I.callMethod(other, 'intersection', [b.same(self)]);
  }
  if (isDictSetView(other) && sizeOf(other) > lenSelf) [self, other] = [other, self];
  const result = heap.track(heap.register(new PySet(setType)));
  try {
    const items = b.I.toArray(other);
    try {
      for (const x of items) {
        heap.step();
        if (b.I.contains(self, x)) heap.decref(b.I.callMethod(result, 'add', [b.same(x)]));
      }
    } finally {
      for (const x of items) heap.decref(x);
    }
    return result;
  } catch (e) {
    heap.decref(result);
    throw e;
  }
}
