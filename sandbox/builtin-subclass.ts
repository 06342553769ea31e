/**
 * Instances of classes defined in Python whose base is a builtin type with its own storage:
 * `class L(list)`, `class D(dict)`, `class T(tuple)`, `class I(int)`, `class S(str)`,
 * `class F(float)`, `class R(weakref.ref)`.
 *
 * Such an instance IS the builtin object (a PyList, PyDict, ... whose `type` is the class),
 * so every operation the builtin owns (containers.ts, the front end's list/dict/... methods)
 * accepts it unchanged; what the subclass adds is what CPython's subtype adds:
 * - a `__dict__` (unless `__slots__` leaves it out), made on first use. For bases whose
 *   instances have no variable-size part (list, dict, float, weakref) 3.11 keeps it in the
 *   managed pre-header and makes it a split table over the class's cached keys; for int,
 *   tuple and str it is an ordinary dict at tp_dictoffset;
 * - a reference to the class (a heap type) and, as for every heap type, a GC header.
 *
 * The object graph follows subtype_traverse / subtype_clear / subtype_dealloc: traverse
 * visits the `__dict__`, then the class, then the base's references (a list's items, last
 * to first); clear drops the `__dict__` then runs the base's tp_clear; dealloc drops the
 * `__dict__`, then the base's references, then the class.
 */
import {
  PyDict, PyFloat, PyInstance, PyInt, PyList, PyObject, PyStr, PyTuple, PyType, PyWeakref, Visit,
  dictType, floatType, intType, listType, strType, tupleType, weakrefType,
} from './objects.js';
import { slotOrder } from './slots.js';

/** What a builtin-subclass instance has besides its base's storage. */
export interface SubInstance extends PyObject {
  /** The instance `__dict__`, null until first needed. */
  dict: PyDict | null;
  /** `__slots__` members (see slots.ts), null when the class has none. */
  slots: (PyObject | null)[] | null;
}

/** The builtin types a Python class may derive from here, each with its own storage. */
export const SUBCLASSABLE: ReadonlySet<PyType> = new Set([listType, dictType, tupleType, intType, strType, floatType, weakrefType]);

/**
 * Bases whose instances keep their `__dict__` in 3.11's managed pre-header (tp_itemsize 0,
 * str included): the dict is split over the class's cached keys, and the instance is weakly
 * referenceable. For int and tuple (variable-size) the dict is ordinary, at tp_dictoffset,
 * and no `__weakref__` is added.
 */
export function managedDictBase(base: PyType): boolean {
  return base === listType || base === dictType || base === floatType || base === weakrefType || base === strType;
}

/** _PyType_PreHeaderSize's managed-dict part: the two pointers before the object (0 or 16). */
export function managedDictPreHeader(o: PyObject): number {
  return isBuiltinSub(o) && o.type.instHasDict && managedDictBase(storageBase(o.type)) ? 16 : 0;
}

function visitSub(o: SubInstance, visit: Visit): void {
  const slots = o.slots;
  if (slots) {
    for (const i of slotOrder(o.type, slots.length)) {
      const v = slots[i];
      if (v) visit(v);
    }
  }
  if (o.dict) visit(o.dict);
  visit(o.type);
}

/** subtype_clear / subtype_dealloc's part: the slots (most derived class first), then the dict. */
function clearDict(o: SubInstance, out: PyObject[]): void {
  const slots = o.slots;
  if (slots) {
    for (const i of slotOrder(o.type, slots.length)) {
      const v = slots[i];
      if (!v) continue;
      slots[i] = null;
      out.push(v);
    }
  }
  if (o.dict) out.push(o.dict);
  o.dict = null;
}

export class PyListSub extends PyList implements SubInstance {
  dict: PyDict | null = null;
  slots: (PyObject | null)[] | null = null;
  override traverse(visit: Visit): void {
    visitSub(this, visit);
    super.traverse(visit);
  }
  override clearRefs(out: PyObject[]): void {
    clearDict(this, out);
    super.clearRefs(out);
  }
  override releaseRefs(out: PyObject[]): void {
    clearDict(this, out);
    super.releaseRefs(out);
    out.push(this.type);
  }
}

export class PyDictSub extends PyDict implements SubInstance {
  dict: PyDict | null = null;
  slots: (PyObject | null)[] | null = null;
  override traverse(visit: Visit): void {
    visitSub(this, visit);
    super.traverse(visit);
  }
  override clearRefs(out: PyObject[]): void {
    clearDict(this, out);
    super.clearRefs(out);
  }
  override releaseRefs(out: PyObject[]): void {
    clearDict(this, out);
    super.releaseRefs(out);
    out.push(this.type);
  }
}

export class PyTupleSub extends PyTuple implements SubInstance {
  dict: PyDict | null = null;
  slots: (PyObject | null)[] | null = null;
  constructor(items: PyObject[], type: PyType) {
    super(items);
    this.type = type;
  }
  override traverse(visit: Visit): void {
    visitSub(this, visit);
    super.traverse(visit);
  }
  // tuple has no tp_clear; subtype_clear still clears the instance dict.
  override clearRefs(out: PyObject[]): void {
    clearDict(this, out);
  }
  override releaseRefs(out: PyObject[]): void {
    clearDict(this, out);
    super.releaseRefs(out);
    out.push(this.type);
  }
}

/** Atoms (int, str, float): only the dict and the class are references. */
function atomTraverse(o: SubInstance, visit: Visit): void {
  visitSub(o, visit);
}
function atomRelease(o: SubInstance, out: PyObject[]): void {
  clearDict(o, out);
  out.push(o.type);
}

export class PyIntSub extends PyInt implements SubInstance {
  dict: PyDict | null = null;
  slots: (PyObject | null)[] | null = null;
  constructor(value: number | bigint, type: PyType) {
    super(value);
    this.type = type;
  }
  override traverse(visit: Visit): void {
    atomTraverse(this, visit);
  }
  override clearRefs(out: PyObject[]): void {
    clearDict(this, out);
  }
  override releaseRefs(out: PyObject[]): void {
    atomRelease(this, out);
  }
}

export class PyStrSub extends PyStr implements SubInstance {
  dict: PyDict | null = null;
  slots: (PyObject | null)[] | null = null;
  constructor(value: string, type: PyType) {
    super(value);
    this.type = type;
  }
  override traverse(visit: Visit): void {
    atomTraverse(this, visit);
  }
  override clearRefs(out: PyObject[]): void {
    clearDict(this, out);
  }
  override releaseRefs(out: PyObject[]): void {
    atomRelease(this, out);
  }
}

export class PyFloatSub extends PyFloat implements SubInstance {
  dict: PyDict | null = null;
  slots: (PyObject | null)[] | null = null;
  constructor(value: number, type: PyType) {
    super(value);
    this.type = type;
  }
  override traverse(visit: Visit): void {
    atomTraverse(this, visit);
  }
  override clearRefs(out: PyObject[]): void {
    clearDict(this, out);
  }
  override releaseRefs(out: PyObject[]): void {
    atomRelease(this, out);
  }
}

/** A weakref.ref subclass instance: the callback stays the base's reference. */
export class PyWeakrefSub extends PyWeakref implements SubInstance {
  dict: PyDict | null = null;
  slots: (PyObject | null)[] | null = null;
  constructor(referent: PyObject | null, callback: PyObject | null, type: PyType) {
    super(referent, callback);
    this.type = type;
  }
  override traverse(visit: Visit): void {
    visitSub(this, visit);
    super.traverse(visit);
  }
  override clearRefs(out: PyObject[]): void {
    clearDict(this, out);
    super.clearRefs(out);
  }
  override releaseRefs(out: PyObject[]): void {
    clearDict(this, out);
    super.releaseRefs(out);
    out.push(this.type);
  }
}

/** Whether `o` is an instance of a Python class derived from list, dict, tuple, int, str, float or weakref.ref. */
export function isBuiltinSub(o: PyObject): o is SubInstance {
  return (
    o.type.isHeapType && !(o instanceof PyInstance) &&
    (o instanceof PyListSub || o instanceof PyDictSub || o instanceof PyTupleSub || o instanceof PyIntSub ||
      o instanceof PyStrSub || o instanceof PyFloatSub || o instanceof PyWeakrefSub)
  );
}

/** The builtin base whose storage a class's instances have (list for `class C(B)` with `class B(list)`). */
export function storageBase(t: PyType): PyType {
  for (const b of t.mro) if (!b.isHeapType) return b;
  return t;
}

/**
 * The bytes sys.getsizeof adds for a subclass instance over its base's own size
 * (measured in CPython 3.11.7): the GC header every heap type has (int, str and float
 * have none of their own); the managed-dict pre-header (16) and the `__weakref__` slot
 * (8) for list, dict, float and weakref; tuple's tp_basicsize grows by the dict pointer
 * (8); int's and str's `__sizeof__` do not count tp_basicsize (str is sized apart, see
 * sizes.ts).
 */
export function subclassExtraBytes(o: PyObject): number {
  const t = o.type;
  const base = storageBase(t);
  let extra = base === intType || base === strType || base === floatType ? 16 : 0;
  if (managedDictBase(base)) {
    if (t.instHasDict) extra += 16;
    if (t.instHasWeakref) extra += 8;
    extra += 8 * t.slotNames.length;
  } else if (base === tupleType && t.instHasDict) {
    extra += 8;
  }
  return extra;
}
