/**
 * collections.OrderedDict (Objects/odictobject.c): a dict subtype that keeps its own order
 * in a linked list of nodes, can move a key to either end and pop from either end, and
 * compares order-sensitively with another OrderedDict.
 *
 * The sandbox keeps the order in the dict's own entry arrays (move_to_end moves the entry
 * without using a new slot, so the table grows exactly when CPython's does). What a lesson
 * can see follows odictobject.c:
 * - sys.getsizeof (odict_sizeof): the dict's size with the larger struct (+64), the
 *   od_fast_nodes array (8 bytes per slot of the current table once a key went in; freed by
 *   clear()) and a 32-byte node per item;
 * - tracked from creation; tp_traverse visits each node's key and then the dict's entries;
 * - weakly referenceable, unhashable.
 *
 * keys()/values()/items() are odict_keys/odict_values/odict_items views; iterating one (or the
 * OrderedDict) uses the dict's iterators.
 */
import { PyDict, PyObject, PyType, dictType, typeType, type Visit } from '../../objects.js';
import { PyIter, iterType } from '../pyobjects.js';
import type { ExtensionKit } from '../extension.js';
import { dictSize } from '../../sizes.js';
import { dictFind, dictPop, dictSetItem, registerUnhashable } from '../../containers.js';
import { weakrefableLikeAClass } from '../../weakrefable.js';

export const orderedDictType = new PyType(typeType, 'OrderedDict', 'dict', dictType, false, 'collections');
weakrefableLikeAClass(orderedDictType);
registerUnhashable(orderedDictType, 'collections.OrderedDict');

/** PyODictObject's fields past the dict's (od_first ... od_weakreflist). */
const ODICT_EXTRA = 64;
const NODE_BYTES = 32;

export class PyOrderedDict extends PyDict {
  constructor() {
    super(orderedDictType);
  }
  override sizeofHint(): number {
    const fast = this.log2Size === 0 ? 0 : 8 * (1 << this.log2Size);
    return dictSize(this) + ODICT_EXTRA + fast + NODE_BYTES * this.size;
  }
  override traverse(visit: Visit): void {
    for (const k of this.keys) if (k) visit(k);
    super.traverse(visit);
  }
}

/** Move the entry at position i of d's entry arrays to the front or the back (no new slot). */
function moveEntry(d: PyDict, i: number, last: boolean): void {
  const k = d.keys[i]!;
  const v = d.values[i]!;
  const id = d.ids[i]!;
  for (const arr of [d.keys, d.values, d.ids] as unknown[][]) arr.splice(i, 1);
  if (last) {
    // Keep the array length: the entry takes the last live position, the holes stay before it.
    d.keys.push(k);
    d.values.push(v);
    d.ids.push(id);
  } else {
    d.keys.unshift(k);
    d.values.unshift(v);
    d.ids.unshift(id);
  }
  d.index.clear();
  d.ids.forEach((x, j) => {
    if (x !== null) d.index.set(x, j);
  });
}

export function installOrderedDict(kit: ExtensionKit): void {
  const { b } = kit;
  const I = b.I;
  const heap = b.heap;
  const t = orderedDictType;
  b.slotTypes.add(t);
  b.tpNames.set(t, 'collections.OrderedDict');
  const self = (o: PyObject): PyOrderedDict => o as PyOrderedDict;
  /** A new OrderedDict filled one key at a time (MutableMapping.update), as odict_init does. */
  const make = (args: PyObject[], kw: Map<string, PyObject> | null): PyOrderedDict => {
    if (args.length > 1) throw b.err('TypeError', `expected at most 1 arguments, got ${args.length}`);
    const d = heap.track(heap.register(new PyOrderedDict()));
    try {
      if (args.length) I.dictUpdate(d, args[0]!);
      if (kw) for (const [k, v] of kw) dictSetItem(heap, d, I.rt.intern(k), v);
    } catch (e) {
      heap.decref(d);
      throw e;
    }
    return d;
  };
  b.constructors.set(t, (args, kw) => make(args, kw ? new Map(kw) : null));
  const liveIndex = (d: PyDict, last: boolean): number => {
    if (last) {
      for (let i = d.keys.length - 1; i >= 0; i--) if (d.keys[i]) return i;
    } else {
      for (let i = 0; i < d.keys.length; i++) if (d.keys[i]) return i;
    }
    return -1;
  };
  const lastArg = (args: PyObject[], kw: Map<string, PyObject> | null, at: number): boolean => {
    const v = args[at] ?? kw?.get('last');
    return v === undefined ? true : I.truth(v);
  };
  b.method(t, 'move_to_end', (s, args, kw) => {
    const d = self(s);
    const key = args[0] ?? kw?.get('key');
    if (!key) throw b.err('TypeError', "move_to_end() missing required argument 'key' (pos 1)");
    const i = I.keyOp(() => dictFind(heap, d, key));
    if (i < 0) {
      heap.incref(key);
      throw I.keyError(key);
    }
    heap.step(d.keys.length);
    moveEntry(d, i, lastArg(args, kw, 1));
    return b.none();
  });
  b.method(t, 'popitem', (s, args, kw) => {
    const d = self(s);
    const i = liveIndex(d, lastArg(args, kw, 0));
    if (i < 0) throw b.err('KeyError', 'dictionary is empty');
    const k = d.keys[i]!;
    heap.incref(k);
    const v = dictPop(heap, d, k)!;
    return I.tupleOwned([k, v]);
  });
  /** odict_copy: a new OrderedDict, then od_copy[key] = value in order. */
  const copy = (s: PyObject): PyObject => {
    const d = self(s);
    heap.step(d.size);
    const c = make([], null);
    for (const [k, v] of [...d.entries()]) dictSetItem(heap, c, k, v);
    return c;
  };
  b.method(t, 'copy', copy);
  // An OrderedDict has an instance __dict__ in CPython; heaplab keeps none.
  b.setAttrOf.set(t, (_o, name) => {
    throw b.err('NotImplementedError', `heaplab does not support setting attributes ('${name}') on an OrderedDict`);
  });
  for (const kind of ['keys', 'values', 'items']) {
    b.method(t, kind, (s) => {
      heap.incref(s);
      return heap.track(heap.register(new PyIter(iterType('odict_' + kind), s, () => null)));
    });
  }
  b.method(t, '__reversed__', (s) => {
    const d = self(s);
    const keys = [...d.entries()].map(([k]) => k).reverse();
    const size = d.size;
    let i = 0;
    heap.incref(d);
    return b.jsIter('odict_iterator', [d], () => {
      if (d.size !== size) throw b.err('RuntimeError', 'OrderedDict changed size during iteration');
      if (i >= keys.length) return null;
      const k = keys[i++]!;
      heap.incref(k);
      return k;
    });
  });
  /** odict_richcompare: between two OrderedDicts, equal items in the same order. */
  const orderedEq = (a: PyOrderedDict, o: PyObject): boolean | null => {
    if (!(o instanceof PyOrderedDict)) return null;
    if (!b.eqBuiltin(a, o)) return false;
    const x = [...a.entries()].map(([k]) => k);
    const y = [...o.entries()].map(([k]) => k);
    for (let i = 0; i < x.length; i++) {
      heap.step();
      if (x[i] !== y[i] && !I.eq(x[i]!, y[i]!)) return false;
    }
    return true;
  };
  b.method(t, '__eq__', (s, [o]) => {
    if (!(o instanceof PyOrderedDict)) return b.notImplemented();
    return b.bool(orderedEq(self(s), o)!);
  });
  b.method(t, '__ne__', (s, [o]) => {
    if (!(o instanceof PyOrderedDict)) return b.notImplemented();
    return b.bool(!orderedEq(self(s), o)!);
  });
  // odict_or: type(od)(left), updated with right; odict_inplace_or updates in place.
  const or = (left: PyObject, right: PyObject): PyObject => {
    const d = make([left], null);
    try {
      I.dictUpdate(d, right);
    } catch (e) {
      heap.decref(d);
      throw e;
    }
    return d;
  };
  b.method(t, '__or__', (s, [o]) => (o instanceof PyDict ? or(s, o) : b.notImplemented()));
  b.method(t, '__ror__', (s, [o]) => (o instanceof PyDict ? or(o, s) : b.notImplemented()));
  b.method(t, '__ior__', (s, [o]) => {
    I.dictUpdate(self(s), o!);
    heap.incref(s);
    return s;
  });
  b.method(t, '__hash__', () => {
    throw b.err('TypeError', "unhashable type: 'collections.OrderedDict'");
  });
  // odict_repr: OrderedDict([(k, v), ...]); '...' while the same OrderedDict is being printed.
  b.reprOf.set(t, (o, active) => {
    const d = self(o);
    if (d.size === 0) return 'OrderedDict()';
    if (active.has(d)) return '...';
    heap.step(1 + d.size);
    active.add(d);
    try {
      return 'OrderedDict([' + [...d.entries()].map(([k, v]) => `(${b.repr(k, active)}, ${b.repr(v, active)})`).join(', ') + '])';
    } finally {
      active.delete(d);
    }
  });
}
