/**
 * Whether an object can be weakly referenced — the one owner for `weakref.ref`,
 * `weakref.proxy`, `weakref.finalize` (the Python front end) and the JSON `weakref` op.
 *
 * CPython's rule is structural: an object can be weakly referenced when its type has a
 * weak-reference list (tp_weaklistoffset != 0). Among the builtin types that is type,
 * function, builtin function/method, bound method, generator, set, frozenset, module and
 * code — not int, str, tuple, list, dict, bytes, bytearray, range, slice, iterators,
 * descriptors, frames, builtin exceptions or a bare object(). A class defined in Python has
 * one unless its `__slots__` leaves `__weakref__` out. The types CPython itself writes in
 * Python (weakref.WeakValueDictionary, WeakSet, ...) are such classes; the sandbox builds
 * them natively and registers them here.
 */
import type { Layout, PyObject, PyType } from './objects.js';

const WEAKREFABLE_LAYOUTS: ReadonlySet<Layout> = new Set<Layout>([
  'type', 'function', 'builtin', 'method', 'generator', 'set', 'frozenset', 'module', 'code',
]);

/** Natively built types that are Python classes (with `__weakref__`) in CPython. */
const pythonClasses = new Set<PyType>();

/** Register a natively built type whose CPython counterpart is a Python class with `__weakref__`. */
export function weakrefableLikeAClass(t: PyType): void {
  pythonClasses.add(t);
}

export function canWeakref(o: PyObject): boolean {
  const t = o.type;
  if (t.isHeapType) return t.instHasWeakref;
  if (pythonClasses.has(t)) return true;
  return WEAKREFABLE_LAYOUTS.has(t.layout);
}

/**
 * `o.__weakref__` on an instance whose class has the slot (subtype_getweakref): the head of the
 * object's weak-reference list — the shared callback-less ref when there is one — or None when
 * nothing refers to it weakly. A borrowed reference; the caller increfs what it returns.
 */
export function weakrefSlotValue(weakrefs: readonly PyObject[] | null, none: PyObject): PyObject {
  return weakrefs?.[0] ?? none;
}
