/**
 * Instance and class attributes: `x.attr`, `x.attr = v`, `del x.attr` on the objects the
 * engine models. An instance keeps its attributes inline (CPython 3.11's managed dict)
 * until its `__dict__` is materialised; a class keeps them in its namespace dict.
 */
import { PyDict, PyInstance, PyObject, PyType, objectType, typeEpoch } from './objects.js';
import { PyError, dictDelItem, dictReplaceStr, dictSetItem } from './containers.js';
import { newStr } from './factory.js';
import { dictSize } from './sizes.js';
import type { SandboxRuntime } from './runtime.js';
import type { Heap } from './heap.js';
import { PyMember, PySlotted } from './slots.js';
import { type SubInstance, isBuiltinSub, managedDictBase, storageBase } from './builtin-subclass.js';

function noAttr(o: PyObject, name: string): PyError {
  if (o instanceof PyType) return new PyError('AttributeError', `type object '${o.name}' has no attribute '${name}'`);
  return new PyError('AttributeError', `'${o.type.name}' object has no attribute '${name}'`);
}

/** The instance's own attribute (not the class's), or undefined. Borrowed reference. */
export function getAttr(_rt: SandboxRuntime, o: PyObject, name: string): PyObject | undefined {
  if (o instanceof PyInstance) return o.getAttr(name);
  if (isBuiltinSub(o)) return o.dict?.getStr(name);
  if (o instanceof PyType) return o.lookup(name, null);
  return undefined;
}

/** `o.name = v`: takes a reference to v and releases the old value after storing. */
export function setAttr(rt: SandboxRuntime, o: PyObject, name: string, v: PyObject): void {
  setAttrOnHeap(rt.heap, o, name, v);
}

/**
 * The shared-key slot for `name` on `cls`, adding the name while the shared keys have room
 * (insert_into_dictkeys); without room the instance gets a real dict. Only heap types
 * share keys (CPython's ht_cached_keys): a builtin type is shared by every sandbox in the
 * process and never changes, so an instance of one gets a real dict.
 */
function sharedSlot(cls: PyType, name: string): number | undefined {
  if (!cls.isHeapType) return undefined;
  let i = cls.sharedIndex.get(name);
  if (i === undefined && cls.sharedUsable > 0) {
    i = cls.sharedKeys.length;
    cls.sharedKeys.push(name);
    cls.sharedIndex.set(name, i);
    cls.sharedUsable--;
  }
  return i;
}

export function setAttrOnHeap(heap: Heap, o: PyObject, name: string, v: PyObject): void {
  if (o instanceof PyInstance) {
    if (o instanceof PySlotted || !o.type.instHasDict) {
      const m = o.type.lookup(name, null);
      if (m instanceof PyMember && o instanceof PySlotted) {
        heap.incref(v);
        const old = o.slots[m.index];
        o.slots[m.index] = v;
        if (old) heap.decref(old);
        return;
      }
      if (!o.type.instHasDict) throw noAttr(o, name);
    }
    // `object` instances have no __dict__ (the base of everything has no tp_dictoffset).
    if (o.type === objectType) throw noAttr(o, name);
    if (o.dict) return setInDict(heap, o.dict, name, v);
    const i = sharedSlot(o.type, name);
    if (i === undefined) return setInDict(heap, materializeDict(heap, o), name, v);
    heap.incref(v);
    while (o.values.length <= i) o.values.push(null);
    const old = o.values[i];
    o.values[i] = v;
    if (old) heap.decref(old);
    return;
  }
  if (o instanceof PyType && o.isHeapType && o.dict) {
    typeEpoch.value++; // caches derived from class dicts (how instances hash) are stale
    return setInDict(heap, o.dict, name, v);
  }
  if (isBuiltinSub(o)) {
    const m = o.slots ? o.type.lookup(name, null) : undefined;
    if (m instanceof PyMember) {
      heap.incref(v);
      const old = o.slots![m.index];
      o.slots![m.index] = v;
      if (old) heap.decref(old);
      return;
    }
    if (!o.type.instHasDict) throw noAttr(o, name);
    return setInDict(heap, subInstanceDict(heap, o), name, v);
  }
  if (o instanceof PyType) throw new PyError('TypeError', `cannot set '${name}' attribute of immutable type '${o.name}'`);
  throw noAttr(o, name);
}

/** A dict's attribute set: an existing entry is updated in place; a new one gets a str key. */
function setInDict(heap: Heap, d: PyDict, name: string, v: PyObject): void {
  if (dictReplaceStr(heap, d, name, v)) return;
  const key = newStr(heap, name);
  try {
    dictSetItem(heap, d, key, v);
  } finally {
    heap.decref(key);
  }
}

/** `del o.name`. */
export function delAttr(rt: SandboxRuntime, o: PyObject, name: string): void {
  delAttrOnHeap(rt.heap, o, name);
}

export function delAttrOnHeap(heap: Heap, o: PyObject, name: string): void {
  let d: PyDict | null = null;
  if (o instanceof PySlotted) {
    const m = o.type.lookup(name, null);
    if (m instanceof PyMember) {
      const old = o.slots[m.index];
      // member_set with NULL on an empty slot: the message is the bare name.
      if (!old) throw new PyError('AttributeError', name);
      o.slots[m.index] = null;
      heap.decref(old);
      return;
    }
    if (!o.type.instHasDict) throw noAttr(o, name);
  }
  if (o instanceof PyInstance) {
    if (!o.dict) {
      const i = o.type.sharedIndex.get(name);
      const old = i === undefined ? null : o.values[i];
      if (!old) throw noAttr(o, name);
      o.values[i!] = null;
      heap.decref(old);
      return;
    }
    d = o.dict;
  } else if (o instanceof PyType && o.isHeapType) {
    d = o.dict;
    typeEpoch.value++; // caches derived from class dicts (how instances hash) are stale
  } else if (isBuiltinSub(o)) {
    const m = o.slots ? o.type.lookup(name, null) : undefined;
    if (m instanceof PyMember) {
      const old = o.slots![m.index];
      if (!old) throw new PyError('AttributeError', name);
      o.slots![m.index] = null;
      heap.decref(old);
      return;
    }
    d = o.dict;
  }
  if (!d || d.getStr(name) === undefined) throw noAttr(o, name);
  const key = newStr(heap, name);
  try {
    dictDelItem(heap, d, key);
  } finally {
    heap.decref(key);
  }
}

/**
 * `o.__dict__` on an instance: from now on the attributes live in a real dict object the
 * instance owns (as in CPython once the dict is materialised).
 */
export function materializeDict(heap: Heap, o: PyInstance): PyDict {
  if (o.dict) return o.dict;
  const d = heap.register(new PyDict());
  const names = o.attrNames;
  const values = o.attrValues;
  o.values = [];
  for (let i = 0; i < names.length; i++) {
    setInDict(heap, d, names[i]!, values[i]!);
    heap.decref(values[i]!);
  }
  d.splitOwner = o.type;
  o.dict = d;
  return d;
}

/**
 * The `__dict__` of a list/dict/tuple/int/str/float/weakref subclass instance, made on first
 * use. Managed (list, dict, float, weakref bases): a split table over the class's cached
 * keys, as _PyObjectDict_SetItem makes it (no inline values: the base's tp_new never sets
 * them up). int, tuple, str: an ordinary dict, as PyDict_New makes it.
 */
export function subInstanceDict(heap: Heap, o: SubInstance): PyDict {
  if (o.dict) return o.dict;
  const d = heap.register(new PyDict());
  if (managedDictBase(storageBase(o.type))) {
    d.splitOwner = o.type;
    heap.resized(d, dictSize(d));
  }
  o.dict = d;
  return d;
}
