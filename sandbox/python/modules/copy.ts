/**
 * The copy module: copy.copy and copy.deepcopy as Lib/copy.py (3.11) does them, step for step,
 * so what a lesson can observe matches: which objects are shared, which are new, when
 * `__copy__` / `__deepcopy__` / `__getstate__` / `__setstate__` run, and the memo — a real
 * dict from id(x) to its copy, with the keep-alive list at memo[id(memo)] — that a user's
 * `__deepcopy__(memo)` receives and passes on.
 *
 * Instances are copied the way object.__reduce_ex__(4) and copy._reconstruct do it: a new
 * instance from cls.__new__(cls) (no __init__), then its __dict__ updated with the state
 * (x.__dict__, materialised as CPython's __getstate__ materialises it). A class with its own
 * __reduce__/__reduce_ex__, instances of builtin subclasses and objects CPython cannot pickle
 * beyond those named below are refused or raise CPython's TypeError.
 *
 * Recursion: each Python frame Lib/copy.py would use (deepcopy, _deepcopy_list, ...) counts
 * against the interpreter's depth, so a deep nest raises RecursionError at the recursion
 * limit, as CPython does, before the JavaScript stack is at risk.
 */
import {
  Ellipsis, NotImplemented, None, PyBool, PyBytes, PyDict, PyFloat, PyInstance, PyInt, PyList, PyNative,
  PyObject, PySet, PyStr, PyTuple, PyType, PyWeakref, frozensetType,
} from '../../objects.js';
import { dictGet, dictSetItem, listAppend } from '../../containers.js';
import { materializeDict } from '../../attributes.js';
import { newInstance } from '../../factory.js';
import { PyFunction, PyMethod, PyRange, PySlice, PyWrapper, propertyType, staticmethodType } from '../pyobjects.js';
import { pyFunctionArgs, type Thrower } from '../argcheck.js';
import { weakKeyDictType, weakValueDictType } from './weakref-collections.js';
import { bytearrayType } from '../types/bytearray.js';
import type { ExtensionKit } from '../extension.js';
import type { Interpreter } from '../interpreter.js';

/** The recursion limit the interpreter enforces (sys.getrecursionlimit()). */
const RECURSION_LIMIT = 1000;

/** Objects copy.copy returns as they are (_copy_dispatch's _copy_immutable, plus classes). */
function copyIsAtomic(x: PyObject): boolean {
  return x === None || x === Ellipsis || x === NotImplemented || x instanceof PyInt || x instanceof PyFloat ||
    x instanceof PyBool || x instanceof PyStr || x instanceof PyBytes || x instanceof PyTuple ||
    (x instanceof PySet && x.type === frozensetType) || x instanceof PyType || x instanceof PyRange ||
    x instanceof PySlice || x instanceof PyFunction || x instanceof PyNative || x instanceof PyWeakref ||
    (x instanceof PyWrapper && x.type === propertyType);
}

/** Objects copy.deepcopy returns as they are (_deepcopy_atomic's table, plus classes). */
function deepcopyIsAtomic(x: PyObject): boolean {
  return x === None || x === Ellipsis || x === NotImplemented || x instanceof PyInt || x instanceof PyFloat ||
    x instanceof PyBool || x instanceof PyStr || x instanceof PyBytes || x instanceof PyType ||
    x instanceof PyRange || x instanceof PyFunction || x instanceof PyNative || x instanceof PyWeakref ||
    (x instanceof PyWrapper && x.type === propertyType);
}

export function installCopy(kit: ExtensionKit): void {
  const { b } = kit;
  const I: Interpreter = b.I;
  const heap = b.heap;
  const err: Thrower = (t, m) => b.err(t, m);

  /** Runs `body` as one more Python frame of Lib/copy.py: RecursionError past the limit. */
  const frame = <T>(body: () => T, message: string = 'maximum recursion depth exceeded while calling a Python object'): T => {
    if (I.depth >= RECURSION_LIMIT) throw err('RecursionError', message);
    I.depth++;
    try {
      return body();
    } finally {
      I.depth--;
    }
  };

  /** type(x).<name> defined by a class in the sandbox (not a builtin default), or undefined. */
  const classHook = (x: PyObject, name: string): PyObject | undefined => {
    if (!x.type.isHeapType) return undefined;
    for (const t of x.type.mro) {
      if (!t.isHeapType) return undefined;
      const v = t.dict?.getStr(name);
      if (v !== undefined) return v;
    }
    return undefined;
  };

  /** Calls a class attribute as a method of x (consumes nothing; returns a new reference). */
  const callHook = (hook: PyObject, x: PyObject, args: PyObject[]): PyObject => {
    const bound = I.bindDescriptor(hook, x, x.type);
    try {
      for (const a of args) heap.incref(a);
      return I.call(bound, args, null);
    } finally {
      heap.decref(bound);
    }
  };

  /** The TypeError CPython's pickling machinery gives for an object it cannot reduce. */
  const cannotPickle = (x: PyObject): unknown => err('TypeError', `cannot pickle '${x.type.name}' object`);

  /** Refuses, naming it, a way of copying that heaplab does not model. */
  const refuse = (what: string): unknown => err('NotImplementedError', `heaplab does not support copying ${what}`);

  /** Whether x is an instance heaplab copies through object.__reduce_ex__(4). */
  const isPlainInstance = (x: PyObject): x is PyInstance => {
    if (!(x instanceof PyInstance) || !x.type.isHeapType) return false;
    if (x.type.mro.some((t) => t.isHeapType && t.dict?.getStr('__slots__') !== undefined)) throw refuse(`instances of classes with __slots__ ('${x.type.name}')`);
    if (x.type.mro.some((t) => !t.isHeapType && t.name !== 'object')) throw refuse(`instances of '${x.type.name}' (a builtin subclass)`);
    // copy looks __reduce_ex__ up through the instance; a class's own __getattribute__ can hide it
    if (classHook(x, '__getattribute__')) throw refuse(`objects whose class defines __getattribute__ ('${x.type.name}')`);
    if (classHook(x, '__reduce_ex__') || classHook(x, '__reduce__')) throw refuse(`objects whose class defines __reduce__/__reduce_ex__ ('${x.type.name}')`);
    return true;
  };

  /**
   * object.__getstate__ (or the class's own): the instance's __dict__, materialised, or None
   * when it has no attributes. A new reference.
   */
  const getState = (x: PyInstance): PyObject => {
    const own = classHook(x, '__getstate__');
    if (own) return callHook(own, x, []);
    if (!x.dict && x.attrNames.length === 0) return b.none();
    if (x.dict && x.dict.size === 0) return b.none();
    const d = materializeDict(heap, x);
    heap.incref(d);
    return d;
  };

  /** cls.__new__(cls): the class's own __new__ if it has one, else a bare instance. */
  const newObj = (cls: PyType): PyObject => {
    const nw = cls.lookup('__new__', b.methods);
    if (nw instanceof PyFunction || (nw instanceof PyWrapper && nw.type === staticmethodType)) {
      const f = nw instanceof PyWrapper ? nw.items[0]! : nw;
      heap.incref(cls);
      return I.call(f, [cls], null);
    }
    return newInstance(heap, cls);
  };

  /**
   * The end of _reconstruct: y.__setstate__(state) if y has one, else y.__dict__.update(state)
   * (a (dict, slots) pair's dict part). Borrows y and state.
   */
  const setState = (y: PyObject, state: PyObject): void => {
    const setstate = classHook(y, '__setstate__');
    if (setstate) {
      heap.decref(callHook(setstate, y, [state]));
      return;
    }
    let dictState = state;
    if (state instanceof PyTuple && state.items.length === 2) {
      dictState = state.items[0]!;
      if (state.items[1] !== None) throw refuse('slot state');
    }
    if (!I.truth(dictState)) return;
    if (!(y instanceof PyInstance)) throw refuse(`state into a '${y.type.name}' object`);
    const target = materializeDict(heap, y);
    if (!(dictState instanceof PyDict)) throw refuse(`a state of type '${dictState.type.name}'`);
    for (const [k, v] of [...dictState.entries()]) dictSetItem(heap, target, k, v);
  };

  // ------------------------------------------------------------------ copy.copy

  /** copy.copy(x): a new reference. */
  /** An instance of a class derived from a builtin type: CPython copies it through __reduce_ex__. */
  const refuseBuiltinSubclass = (x: PyObject): void => {
    if (x.type.isHeapType && !(x instanceof PyInstance)) throw refuse(`instances of '${x.type.name}' (a builtin subclass)`);
  };

  const shallow = (x: PyObject): PyObject => {
    refuseBuiltinSubclass(x);
    if (copyIsAtomic(x)) {
      heap.incref(x);
      return x;
    }
    if (x instanceof PyList || x instanceof PyDict || x instanceof PySet) return b.nativeMethod(x, 'copy')!.impl([x], null);
    // WeakValueDictionary / WeakKeyDictionary: __copy__ = copy
    if (x.type === weakValueDictType || x.type === weakKeyDictType) return I.callMethod(x, 'copy', []);
    // bytearray through its __reduce_ex__: (bytearray, (bytes(x),)) rebuilt
    if (x.type === bytearrayType) {
      heap.incref(x);
      return I.call(bytearrayType, [x], null);
    }
    const copier = classHook(x, '__copy__');
    if (copier) return callHook(copier, x, []);
    if (x instanceof PyMethod) return I.getAttr(x.self!, methodName(x));
    if (!isPlainInstance(x)) throw cannotPickle(x);
    const state = getState(x);
    const y = newObj(x.type);
    try {
      if (state !== None) setState(y, state);
    } catch (e) {
      heap.decref(y);
      throw e;
    } finally {
      heap.decref(state);
    }
    return y;
  };

  const methodName = (m: PyMethod): string => {
    const f = m.func;
    if (f instanceof PyFunction && f.name) return f.name.value;
    throw refuse('this bound method');
  };

  // ------------------------------------------------------------------ copy.deepcopy

  const idOf = (o: PyObject): PyObject => I.int(o.addr);

  /** memo[key] (borrowed) or undefined. */
  const memoGet = (memo: PyObject, key: PyObject): PyObject | undefined => {
    if (memo instanceof PyDict) return dictGet(heap, memo, key);
    const get = I.getAttr(memo, 'get');
    try {
      heap.incref(key);
      const r = I.call(get, [key, None], null);
      heap.decref(r);
      return r === None ? undefined : r;
    } finally {
      heap.decref(get);
    }
  };

  /** memo[key] = value (borrows both). */
  const memoSet = (memo: PyObject, key: PyObject, value: PyObject): void => {
    heap.incref(value);
    I.setItem(memo, key, value);
  };

  /** _keep_alive: memo[id(memo)].append(x), creating the list on first use. */
  const keepAlive = (x: PyObject, memo: PyObject): void =>
    frame(() => {
      const k = idOf(memo);
      try {
        const l = memoGet(memo, k);
        if (l instanceof PyList) {
          listAppend(heap, l, x);
          return;
        }
        if (l !== undefined) {
          heap.incref(x);
          heap.decref(I.callMethod(l, 'append', [x]));
          return;
        }
        heap.incref(x);
        const fresh = b.list([x]);
        I.setItem(memo, k, fresh);
      } finally {
        heap.decref(k);
      }
    });

  /** copy.deepcopy(x, memo): a new reference; memo is borrowed (a dict the caller owns). */
  const deep = (x: PyObject, memo: PyObject): PyObject =>
    frame(() => {
      heap.step(); // one step per object visited: a deep copy's work grows with the structure
      const d = idOf(x);
      try {
        const seen = memoGet(memo, d);
        if (seen !== undefined) {
          heap.incref(seen);
          return seen;
        }
        const y = deepDispatch(x, memo);
        if (y !== x) {
          try {
            memoSet(memo, d, y);
            keepAlive(x, memo);
          } catch (e) {
            heap.decref(y);
            throw e;
          }
        }
        return y;
      } finally {
        heap.decref(d);
      }
    }, x instanceof PyTuple ? 'maximum recursion depth exceeded' : undefined);

  const deepDispatch = (x: PyObject, memo: PyObject): PyObject => {
    refuseBuiltinSubclass(x);
    if (deepcopyIsAtomic(x)) {
      heap.incref(x);
      return x;
    }
    if (x.type === weakValueDictType || x.type === weakKeyDictType) throw refuse(`a ${x.type.name}`);
    if (x.type === bytearrayType) throw refuse('a bytearray');
    if (x instanceof PyList) return frame(() => deepList(x, memo));
    if (x instanceof PyTuple) return frame(() => deepTuple(x, memo), 'maximum recursion depth exceeded');
    if (x instanceof PyDict) return frame(() => deepDict(x, memo));
    if (x instanceof PyMethod) {
      return frame(() => {
        const self = deep(x.self!, memo);
        heap.incref(x.func!);
        return heap.track(heap.register(new PyMethod(x.func!, self)));
      });
    }
    const copier = classHook(x, '__deepcopy__');
    if (copier) return callHook(copier, x, [memo]);
    if (x instanceof PySet) return frame(() => deepSet(x, memo));
    if (x instanceof PySlice) return frame(() => deepSlice(x, memo));
    if (!isPlainInstance(x)) throw cannotPickle(x);
    return frame(() => deepInstance(x, memo));
  };

  /** _deepcopy_list: the new list is in the memo before its items are copied (cycles). */
  const deepList = (x: PyList, memo: PyObject): PyObject => {
    const y = b.list([]);
    try {
      const k = idOf(x);
      try {
        memoSet(memo, k, y);
      } finally {
        heap.decref(k);
      }
      for (let i = 0; i < x.items.length; i++) {
        const c = deep(x.items[i]!, memo);
        listAppend(heap, y, c);
        heap.decref(c);
      }
    } catch (e) {
      heap.decref(y);
      throw e;
    }
    return y;
  };

  /**
   * _deepcopy_tuple: copies the items (in a list comprehension: one more frame), returns the
   * memo's entry if copying an item already made this tuple's copy, else x itself when every
   * item copied to itself, else a new tuple.
   */
  const deepTuple = (x: PyTuple, memo: PyObject): PyObject => {
    const items = frame(() => {
      const out: PyObject[] = [];
      try {
        for (const a of x.items) out.push(deep(a, memo));
      } catch (e) {
        for (const o of out) heap.decref(o);
        throw e;
      }
      return out;
    }, 'maximum recursion depth exceeded');
    const k = idOf(x);
    try {
      const made = memoGet(memo, k);
      if (made !== undefined) {
        for (const o of items) heap.decref(o);
        heap.incref(made);
        return made;
      }
    } finally {
      heap.decref(k);
    }
    if (items.every((o, i) => o === x.items[i])) {
      for (const o of items) heap.decref(o);
      heap.incref(x);
      return x;
    }
    return I.tupleOwned(items);
  };

  /** _deepcopy_dict: y = {}; memo[id(x)] = y; then key and value copies in order. */
  const deepDict = (x: PyDict, memo: PyObject): PyObject => {
    const y = heap.track(heap.register(new PyDict()));
    try {
      const k = idOf(x);
      try {
        memoSet(memo, k, y);
      } finally {
        heap.decref(k);
      }
      for (const [key, value] of [...x.entries()]) {
        const ck = deep(key, memo);
        try {
          const cv = deep(value, memo);
          heap.incref(cv);
          I.setItem(y, ck, cv);
          heap.decref(cv);
        } finally {
          heap.decref(ck);
        }
      }
    } catch (e) {
      heap.decref(y);
      throw e;
    }
    return y;
  };

  /**
   * set / frozenset through their __reduce__: (cls, (list(x),), None); _reconstruct deep-copies
   * the args tuple (the list, then the tuple, both memoised and kept alive) and calls cls(list).
   */
  const deepSet = (x: PySet, memo: PyObject): PyObject => {
    const lst = b.list([...x.items()]);
    for (const o of lst.items) heap.incref(o);
    const args = I.tupleOwned([lst]);
    try {
      const cargs = deep(args, memo);
      try {
        heap.incref((cargs as PyTuple).items[0]!);
        const ctor = x.type;
        heap.incref(ctor);
        return I.call(ctor, [(cargs as PyTuple).items[0]!], null);
      } finally {
        heap.decref(cargs);
      }
    } finally {
      heap.decref(args);
    }
  };

  /** slice through its __reduce__: slice(start, stop, step) of deep copies. */
  const deepSlice = (x: PySlice, memo: PyObject): PyObject => {
    const parts = [x.start, x.stop, x.step];
    for (const p of parts) heap.incref(p);
    const args = I.tupleOwned(parts);
    try {
      const cargs = deep(args, memo) as PyTuple;
      try {
        for (const p of cargs.items) heap.incref(p);
        const [a, c, s] = cargs.items;
        return heap.register(new PySlice(a!, c!, s!));
      } finally {
        heap.decref(cargs);
      }
    } finally {
      heap.decref(args);
    }
  };

  /** _reconstruct(x, memo, copyreg.__newobj__, (cls,), state): memoised before the state is copied. */
  const deepInstance = (x: PyInstance, memo: PyObject): PyObject => {
    const state = getState(x);
    try {
      const y = newObj(x.type);
      try {
        const k = idOf(x);
        try {
          memoSet(memo, k, y);
        } finally {
          heap.decref(k);
        }
        if (state !== None) {
          const cstate = deep(state, memo);
          try {
            setState(y, cstate);
          } finally {
            heap.decref(cstate);
          }
        }
      } catch (e) {
        heap.decref(y);
        throw e;
      }
      return y;
    } finally {
      heap.decref(state);
    }
  };

  kit.mod('copy', {
    copy: kit.fn('copy', (args, kw) => {
      const [x] = pyFunctionArgs(err, 'copy', ['x'], 1, args, kw);
      return shallow(x!);
    }),
    deepcopy: kit.fn('deepcopy', (args, kw) => {
      const [x, memoArg] = pyFunctionArgs(err, 'deepcopy', ['x', 'memo', '_nil'], 1, args, kw);
      const own = memoArg === undefined || memoArg === None;
      const memo = own ? heap.track(heap.register(new PyDict())) : memoArg!;
      try {
        return deep(x!, memo);
      } finally {
        if (own) heap.decref(memo);
      }
    }),
  });
}
