/**
 * Which objects the collector tracks — CPython's rules, which `gc.is_tracked` exposes:
 *
 * - atoms (int, float, str, bytes, None, bools) are never tracked;
 * - lists, sets, instances, classes, functions, weakrefs are tracked from creation;
 * - a tuple is tracked from creation, and a collection that finds it alive untracks it
 *   when none of its items can ever be tracked (untrack_tuples);
 * - a dict starts untracked and becomes tracked when a key or value that may be tracked is
 *   stored in it (MAINTAIN_TRACKING); a full collection untracks dicts that hold atoms only.
 */
import { GC_TRACKED, PyDict, PyObject, PyTuple, PyType, dictType, objectType } from './objects.js';

/** _PyObject_GC_MAY_BE_TRACKED: a container that is, or may yet become, tracked. */
export function mayBeTracked(o: PyObject): boolean {
  if (!o.type.isGc) return false;
  // PyBaseObject_Type has no Py_TPFLAGS_HAVE_GC: a bare object() never is, nor makes its holder.
  if (o.type === objectType) return false;
  // type_is_gc: only heap types take part in collection; static types like `object` don't.
  if (o instanceof PyType && !o.isHeapType) return false;
  if (o instanceof PyTuple && o.type.layout === 'tuple' && !o.type.isHeapType) return (o.gcFlags & GC_TRACKED) !== 0;
  return true;
}

/**
 * _PyDict_MaybeUntrack: untrack a dict none of whose keys or values may be tracked. Only
 * exact dicts (the collector checks PyDict_CheckExact): a subtype such as defaultdict stays.
 */
export function maybeUntrackDict(d: PyDict): void {
  if (!(d.gcFlags & GC_TRACKED) || d.type !== dictType) return;
  for (let i = 0; i < d.keys.length; i++) {
    const k = d.keys[i];
    if (!k) continue;
    if (mayBeTracked(k) || mayBeTracked(d.values[i]!)) return;
  }
  d.gcFlags &= ~GC_TRACKED;
  d.gcPrev!.gcNext = d.gcNext;
  d.gcNext!.gcPrev = d.gcPrev;
  d.gcPrev = null;
  d.gcNext = null;
}
