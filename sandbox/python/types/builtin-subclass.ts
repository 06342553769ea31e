/**
 * Classes defined in Python on top of list, dict, tuple, int, str, float and weakref.ref:
 * creating their instances (type.__call__ → the builtin's tp_new for the subtype → __init__)
 * and the `__new__` / `__init__` methods of those builtins that subclasses reach through
 * `int.__new__(cls, v)`, `super().__new__(cls, v)`, `super().__init__(...)`,
 * `dict.__init__(self)`.
 *
 * The instances are the builtin objects themselves with the class as their type (see
 * sandbox/builtin-subclass.ts); every builtin operation accepts them unchanged. As in
 * CPython, the builtin methods do not call methods a subclass overrides (dict.update does
 * not call an overridden __setitem__); Python syntax (`x[k]`, `len(x)`, `x.append(v)`)
 * does, through the interpreter's protocol dispatch.
 */
import {
  None, PyDict, PyFloat, PyInt, PyList, PyNative, PyObject, PyStr, PyTuple, PyType,
  dictType, floatType, intType, listType, strType, tupleType, weakrefType,
} from '../../objects.js';
import {
  PyDictSub, PyFloatSub, PyIntSub, PyListSub, PyStrSub, PyTupleSub, PyWeakrefSub, SUBCLASSABLE, type SubInstance, storageBase,
} from '../../builtin-subclass.js';
import { canWeakref } from '../../weakrefable.js';
import { PyFunction, PyWrapper, staticmethodType } from '../pyobjects.js';
import type { Builtins } from '../builtins.js';
import type { Interpreter, Kw } from '../interpreter.js';
import type * as A from '../ast.js';

/** Builtin types without Py_TPFLAGS_BASETYPE: no class may derive from them. */
const FINAL_BUILTINS = new Set([
  'bool', 'NoneType', 'range', 'slice', 'ellipsis', 'NotImplementedType', 'function',
  'builtin_function_or_method', 'method', 'generator', 'cell', 'code', 'frame',
]);

/** Whether `t` is a builtin type CPython refuses as a base ("not an acceptable base type"). */
export function isFinalBuiltin(t: PyType): boolean {
  return !t.isHeapType && t.module === 'builtins' && FINAL_BUILTINS.has(t.name);
}

/**
 * The builtin base's tp_new for `cls`, a subtype of it: a new instance (a new reference,
 * tracked: every heap type is a GC type) holding a reference to its class. list and dict
 * start empty (their __init__ fills them); int, str, float and tuple convert the arguments
 * as the builtin would, then copy the value into the subtype's object (int_subtype_new
 * and friends); weakref.ref makes a new reference object that is never the shared basic one.
 * Borrows args.
 */
export function newBuiltinSub(b: Builtins, cls: PyType, args: PyObject[], kw: Kw): PyObject {
  const heap = b.heap;
  const base = storageBase(cls);
  let o: PyObject;
  if (base === listType) o = new PyListSub([], cls);
  else if (base === dictType) o = new PyDictSub(cls);
  else if (base === weakrefType) {
    const target = args[0];
    if (!target) throw b.err('TypeError', '__new__ expected at least 1 argument, got 0');
    if (args.length > 2) throw b.err('TypeError', `__new__ expected at most 2 arguments, got ${args.length}`);
    if (!canWeakref(target)) throw b.err('TypeError', `cannot create weak reference to '${target.type.name}' object`);
    const cb = args[1] && args[1] !== None ? args[1] : null;
    const wr = heap.newWeakref(target, cb, (r, c) => withSlots(new PyWeakrefSub(r, c, cls)));
    heap.incref(cls);
    return wr;
  } else {
    const v = b.constructors.get(base)!(args, kw);
    try {
      if (v instanceof PyInt && base === intType) o = new PyIntSub(v.value, cls);
      else if (v instanceof PyFloat) o = new PyFloatSub(v.value, cls);
      else if (v instanceof PyStr) o = new PyStrSub(v.value, cls);
      else if (v instanceof PyTuple) {
        for (const x of v.items) heap.incref(x);
        o = new PyTupleSub(v.items.slice(), cls);
      } else throw b.err('TypeError', `${base.name}.__new__ returned non-${base.name} (type ${v.type.name})`);
    } finally {
      heap.decref(v);
    }
  }
  heap.register(withSlots(o as SubInstance));
  heap.incref(cls);
  return heap.track(o);
}

/** An instance of a class with `__slots__` gets its (empty) slot array. */
function withSlots<T extends SubInstance>(o: T): T {
  const n = o.type.slotNames.length;
  if (n > 0) o.slots = new Array<PyObject | null>(n).fill(null);
  return o;
}

/**
 * type.__call__ for a class with a builtin's storage: its __new__ (the user's, or the
 * builtin's tp_new), then — when that returned an instance of the class — its __init__ (the
 * user's; list.__init__ / dict.__init__ fill the container; the immutables' object.__init__
 * accepts the arguments because tp_new is overridden). Consumes args and kw values.
 */
export function callBuiltinSubclass(I: Interpreter, t: PyType, args: PyObject[], kw: Kw): PyObject {
  const heap = I.heap;
  const b = I.b;
  const own = (): Kw => (kw ? kw.map(([k, v]) => { heap.incref(v); return [k, v] as [string, PyObject]; }) : null);
  try {
    const newm = t.lookup('__new__', b.methods);
    let o: PyObject;
    if (newm instanceof PyFunction || (newm instanceof PyWrapper && newm.type === staticmethodType)) {
      const fnew = newm instanceof PyWrapper ? newm.items[0]! : newm;
      heap.incref(t);
      for (const a of args) heap.incref(a);
      o = I.call(fnew, [t, ...args], own());
      if (!o.type.isSubtypeOf(t)) return o;
    } else {
      o = newBuiltinSub(b, t, args, kw);
    }
    try {
      const init = t.lookup('__init__', b.methods);
      if (init instanceof PyFunction) {
        heap.incref(o);
        for (const a of args) heap.incref(a);
        const r = I.callFunction(init, [o, ...args], own());
        heap.decref(r);
        if (r !== None) throw I.error('TypeError', `__init__() should return None, not '${r.type.name}'`);
      } else if (init instanceof PyNative && (o instanceof PyList || o instanceof PyDict)) {
        heap.decref(init.impl([o, ...args], kw ? new Map(kw) : null));
      }
    } catch (e) {
      heap.decref(o);
      throw e;
    }
    return o;
  } finally {
    for (const a of args) heap.decref(a);
    if (kw) for (const [, v] of kw) heap.decref(v);
  }
}

/** `X.__new__(cls, ...)` for builtin X: a plain X when cls is X, else the subtype's instance. */
function builtinNew(b: Builtins, base: PyType) {
  return (cls: PyObject, args: PyObject[], kw: Map<string, PyObject> | null): PyObject => {
    if (!(cls instanceof PyType)) throw b.err('TypeError', `${base.name}.__new__(X): X is not a type object (${cls.type.name})`);
    if (!cls.isSubtypeOf(base)) throw b.err('TypeError', `${base.name}.__new__(${cls.name}): ${cls.name} is not a subtype of ${base.name}`);
    const kwl: Kw = kw && kw.size ? [...kw] : null;
    if (cls === base) {
      if (base === listType) return b.list([]);
      if (base === dictType) return b.heap.register(new PyDict());
      return b.constructors.get(base)!(args, kwl);
    }
    return newBuiltinSub(b, cls, args, kwl);
  };
}

export function installBuiltinSubclasses(b: Builtins): void {
  for (const t of SUBCLASSABLE) b.method(t, '__new__', builtinNew(b, t));
  const native = (t: PyType, name: string): PyNative => b.methods.get(t)!.get(name)!;
  // X.__repr__(o) for the builtins with their own repr: the builtin's repr of o, even when
  // o's class overrides __repr__ (`list.__repr__(self)` inside an override).
  for (const t of [listType, dictType, tupleType, intType, strType, floatType]) {
    b.method(t, '__repr__', (s) => {
      if (!s.type.isSubtypeOf(t)) throw b.err('TypeError', `descriptor '__repr__' requires a '${t.name}' object but received a '${s.type.name}'`);
      return b.str(b.I.asBuiltin(s, () => b.repr(s)));
    });
  }
  // list___init___impl: empty the list, then extend it from the iterable.
  b.method(listType, '__init__', (s, a, kw) => {
    b.noKw(kw, 'list');
    if (a.length > 1) throw b.err('TypeError', `list expected at most 1 argument, got ${a.length}`);
    if (!(s instanceof PyList)) throw b.err('TypeError', `descriptor '__init__' requires a 'list' object but received a '${s.type.name}'`);
    if (s.items.length) b.heap.decref(native(listType, 'clear').impl([s], null));
    if (a.length) b.heap.decref(native(listType, 'extend').impl([s, a[0]!], null));
    return b.none();
  });
  // dict___init__: dict_update_common (the arguments are merged; nothing is cleared).
  b.method(dictType, '__init__', (s, a, kw) => {
    if (a.length > 1) throw b.err('TypeError', `dict expected at most 1 argument, got ${a.length}`);
    if (!(s instanceof PyDict)) throw b.err('TypeError', `descriptor '__init__' requires a 'dict' object but received a '${s.type.name}'`);
    return native(dictType, 'update').impl([s, ...a], kw);
  });
}

/**
 * `super().__getitem__` and the other protocol methods of the builtin base, reached from a
 * subclass's own override: a method bound to `o` performing the builtin's operation with
 * o's overrides skipped (a new reference), or null for another name.
 */
export function builtinProtocolMethod(I: Interpreter, o: PyObject, name: string): PyObject | null {
  const b = I.b;
  const argn = (a: PyObject[], n: number): PyObject[] => {
    if (a.length !== n + 1) throw b.err('TypeError', `expected ${n} argument${n === 1 ? '' : 's'}, got ${a.length - 1}`);
    return a.slice(1);
  };
  const cmp = CMP_NAMES[name];
  let impl: ((a: PyObject[]) => PyObject) | null = null;
  switch (name) {
    case '__getitem__': impl = (a) => I.asBuiltin(o, () => I.getItem(o, argn(a, 1)[0]!)); break;
    case '__setitem__': impl = (a) => {
      const [k, v] = argn(a, 2);
      b.heap.incref(v!);
      I.asBuiltin(o, () => I.setItem(o, k!, v!));
      return b.none();
    }; break;
    case '__delitem__': impl = (a) => {
      I.asBuiltin(o, () => I.delItem(o, argn(a, 1)[0]!));
      return b.none();
    }; break;
    case '__len__': impl = (a) => { argn(a, 0); return b.int(I.asBuiltin(o, () => I.len(o))); }; break;
    case '__contains__': impl = (a) => b.bool(I.asBuiltin(o, () => I.contains(o, argn(a, 1)[0]!))); break;
    case '__iter__': impl = (a) => { argn(a, 0); return I.asBuiltin(o, () => b.getIter(o)); }; break;
    case '__repr__': impl = (a) => { argn(a, 0); return b.str(I.asBuiltin(o, () => b.repr(o))); }; break;
    case '__str__': impl = (a) => { argn(a, 0); return b.str(I.asBuiltin(o, () => I.str(o))); }; break;
    case '__hash__': impl = (a) => { argn(a, 0); return I.asBuiltin(o, () => b.hash(o)); }; break;
    default:
      if (cmp) impl = (a) => I.asBuiltin(o, () => b.compare(cmp, o, argn(a, 1)[0]!));
  }
  if (!impl) return null;
  const f = impl;
  b.heap.incref(o);
  return b.heap.register(new PyNative(name, (args) => f(args), o));
}

const CMP_NAMES: Record<string, A.CmpOperator> = {
  __eq__: 'Eq', __ne__: 'NotEq', __lt__: 'Lt', __le__: 'LtE', __gt__: 'Gt', __ge__: 'GtE',
};
