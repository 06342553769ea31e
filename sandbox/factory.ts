/**
 * Making objects. Every constructor registers the object on the heap (giving it an
 * address and counting it toward generation 0), takes references to what it holds, and
 * tracks it if CPython tracks that kind from birth. The returned object carries the one
 * reference its creator owns.
 */
import type { Heap } from './heap.js';
import {
  EMPTY_BYTES, EMPTY_TUPLE, None, PyBytes, PyDict, PyFloat, PyInstance, PyInt, PyList, PyObject, PySet, PyStr, PyTuple, PyType,
  dictType, frozensetType, listType, objectType, sharedStr, smallInt, typeType,
} from './objects.js';
import { SUBCLASSABLE, managedDictBase, storageBase } from './builtin-subclass.js';
import { dictPresize, dictSetItem, setAdd } from './containers.js';
import { PyMember, allocInstance } from './slots.js';

export function newInt(heap: Heap, v: number | bigint): PyInt {
  if (typeof v === 'bigint' && v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)) v = Number(v);
  if (typeof v === 'number') {
    const s = smallInt(v);
    if (s) {
      heap.incref(s);
      return s;
    }
  }
  return heap.register(new PyInt(v));
}

export function newFloat(heap: Heap, v: number): PyFloat {
  return heap.register(new PyFloat(v));
}

/** A str: CPython's shared one for '' and a single latin-1 character, else a new one. */
export function newStr(heap: Heap, v: string): PyStr {
  const s = sharedStr(v);
  if (s) {
    heap.incref(s);
    return s;
  }
  return heap.register(new PyStr(v));
}

/**
 * The str of an int or a float as str(), repr(), format() and an f-string make it
 * (long_to_decimal_string, float_repr): always a new object — CPython hands back its
 * shared one-character strs only where a result passes through unicode_result, and
 * these do not (`str(2) is '2'` is False).
 */
export function newNumberStr(heap: Heap, v: string): PyStr {
  return heap.register(new PyStr(v));
}

/** A bytes object: the shared empty bytes for b'', else a new one. */
export function newBytes(heap: Heap, v: Uint8Array): PyBytes {
  if (v.length === 0) {
    heap.incref(EMPTY_BYTES);
    return EMPTY_BYTES;
  }
  return heap.register(new PyBytes(v));
}

/** A list holding new references to `items`, allocated exactly (as a display or list(x) does). */
export function newList(heap: Heap, items: PyObject[]): PyList {
  const l = heap.register(new PyList(items.slice()));
  for (const i of items) heap.incref(i);
  return heap.track(l);
}

/** A tuple holding new references to `items`; tracked from birth (untracked by a collection). */
export function newTuple(heap: Heap, items: PyObject[]): PyTuple {
  if (items.length === 0) {
    // The empty tuple is one shared untracked singleton in CPython.
    heap.incref(EMPTY_TUPLE);
    return EMPTY_TUPLE;
  }
  const t = heap.register(new PyTuple(items.slice()));
  for (const i of items) heap.incref(i);
  return heap.track(t);
}

/** A dict from key/value pairs (references taken), presized like a `{...}` display. */
export function newDict(heap: Heap, pairs: [PyObject, PyObject][] = []): PyDict {
  const d = heap.register(new PyDict());
  dictPresize(heap, d, pairs.length, pairs.every(([k]) => k instanceof PyStr));
  for (const [k, v] of pairs) dictSetItem(heap, d, k, v);
  return d;
}

export function newSet(heap: Heap, items: PyObject[] = [], frozen = false): PySet {
  const s = heap.track(heap.register(new PySet(frozen ? frozensetType : undefined)));
  for (const i of items) setAdd(heap, s, i);
  return s;
}

/** An instance of a heap class: it owns a reference to its class. */
export function newInstance(heap: Heap, cls: PyType): PyInstance {
  const o = heap.register(allocInstance(cls));
  heap.incref(cls);
  return heap.track(o);
}

/**
 * A class defined in the sandbox, laid out as CPython 3.11 lays out a heap type: the type
 * object, its namespace dict, `__mro__` and `__bases__` tuples, and — for a class whose
 * bases don't already provide them — the `__dict__` and `__weakref__` descriptors, which
 * point back at the class. These references form cycles, so `del C` alone never frees a
 * class; the collector does (6 objects for an empty class, as gc.collect() reports).
 */
export function newClass(
  heap: Heap, name: string, base: PyType | null, namespace: [string, PyObject][] = [], slots: string[] | null = null,
  /** With several bases: all of them, and the C3 MRO (see mro.ts); `base` is the best base. */
  multiple: { bases: PyType[]; mro: PyType[] } | null = null,
): PyType {
  const b = base ?? objectType;
  const cls = new PyType(typeType, name, b.layout === 'object' || b.isHeapType ? b.layout : b.layout, b, true, '__main__');
  heap.register(cls);
  const dict = heap.register(new PyDict());
  cls.dict = dict;
  const set = (k: string, v: PyObject): void => {
    const key = newStr(heap, k);
    dictSetItem(heap, dict, key, v);
    heap.decref(key);
  };
  const module = newStr(heap, '__main__');
  set('__module__', module);
  heap.decref(module);
  for (const [k, v] of namespace) set(k, v);
  layOutSlots(heap, cls, b, slots, set, multiple?.bases ?? []);
  // A builtin base with a variable-size part (int, tuple, str) leaves no room for __weakref__.
  if (!managedDictBase(storageBase(b)) && SUBCLASSABLE.has(storageBase(b))) cls.instHasWeakref = false;
  // __dict__ and __weakref__ getset descriptors (each referencing the class: a cycle), for
  // what instances have that the base's instances don't.
  const inherit = b.isHeapType;
  // BaseException's instances have a dict of their own (tp_dictoffset), so an exception
  // class's instances get theirs from it, with no `__dict__` descriptor of its own.
  const builtinDict = storageBase(b).layout === 'exception';
  for (const [name, has, baseHas] of [
    ['__dict__', cls.instHasDict, (inherit && b.instHasDict) || builtinDict],
    ['__weakref__', cls.instHasWeakref, inherit && b.instHasWeakref],
  ] as const) {
    if (!has || baseHas) continue;
    const d = newDescriptor(heap, cls, name);
    set(name, d);
    heap.decref(d);
  }
  if (!namespace.some(([k]) => k === '__doc__')) set('__doc__', None);
  // The MRO tuple holds the class itself (another cycle) and its bases.
  if (multiple) cls.mro = [cls, ...multiple.mro.slice(1)];
  cls.mroTuple = newTuple(heap, cls.mro);
  cls.basesTuple = newTuple(heap, multiple ? multiple.bases : [b]);
  // list and dict set tp_hash to PyObject_HashNotImplemented; a subclass inherits it unless
  // a class on the way defines __hash__.
  const storage = storageBase(cls);
  if ((storage === listType || storage === dictType) && cls.lookup('__hash__', null) === undefined) cls.unhashable = true;
  heap.incref(b); // tp_base: a strong reference (to a builtin base too: nothing is immortal)
  heap.track(cls);
  // type_ready → add_subclass: the base registers the class through a plain weakref.
  const ref = heap.newWeakref(cls, null);
  cls.subclassRef = ref;
  // Only a class's own list is kept: builtin types are shared by every sandbox.
  if (b.isHeapType) b.subclassRefs.push(ref);
  return cls;
}

/**
 * The instance layout `__slots__` gives (see slots.ts): inherited slots, then the class's
 * own sorted by name, each a member descriptor in the namespace; `__dict__` / `__weakref__`
 * only when listed or inherited. No `__slots__` at all: both, as for any class.
 */
function layOutSlots(
  heap: Heap, cls: PyType, b: PyType, slots: string[] | null, set: (k: string, v: PyObject) => void, bases: PyType[],
): void {
  const inherit = b.isHeapType;
  cls.slotNames = inherit ? b.slotNames.slice() : [];
  if (slots === null) return;
  // type_new_slots_impl: with several bases, a secondary base may provide __dict__ or __weakref__.
  const secondary = (has: (t: PyType) => boolean): boolean => bases.length > 1 && bases.some((t) => t.isHeapType && has(t));
  cls.instHasDict = (inherit && b.instHasDict) || slots.includes('__dict__') || secondary((t) => t.instHasDict);
  cls.instHasWeakref = (inherit && b.instHasWeakref) || slots.includes('__weakref__') || secondary((t) => t.instHasWeakref);
  const own = slots.filter((n) => n !== '__dict__' && n !== '__weakref__').sort();
  for (const n of own) {
    heap.incref(cls);
    const m = heap.track(heap.register(new PyMember(cls, n, cls.slotNames.length)));
    cls.slotNames.push(n);
    set(n, m);
    heap.decref(m);
  }
}

/** A getset descriptor object (`C.__dict__['__weakref__']`): it references its class. */
export const getsetDescriptorType = new PyType(typeType, 'getset_descriptor', 'property', objectType);
export class PyDescriptor extends PyObject {
  constructor(public owner: PyType, public name: string) {
    super(getsetDescriptorType);
  }
  override traverse(visit: (o: PyObject) => void): void {
    visit(this.owner);
  }
  // Like CPython's descriptors, no tp_clear: the class's own tp_clear breaks the cycle, and
  // the owner is released only when the descriptor is deallocated.
  override releaseRefs(out: PyObject[]): void {
    out.push(this.owner);
    this.owner = null as unknown as PyType;
  }
}
function newDescriptor(heap: Heap, cls: PyType, name: string): PyObject {
  heap.incref(cls);
  return heap.track(heap.register(new PyDescriptor(cls, name)));
}

