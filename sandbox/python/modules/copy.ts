/**
 * The copy module: copy.copy and copy.deepcopy as Lib/copy.py (3.11) does them, step for step,
 * so what a lesson can observe matches: which objects are shared, which are new, when
 * `__copy__` / `__deepcopy__` / `__getstate__` / `__setstate__` run, and the memo — a real
 * dict from id(x) to its copy, with the keep-alive list at memo[id(memo)] — that a user's
 * `__deepcopy__(memo)` receives and passes on.
 *
 * Instances are copied the way object.__reduce_ex__(4) and copy._reconstruct do it: a new
 * instance from cls.__new__(cls) (no __init__), then its __dict__ updated with the state
 * (x.__dict__, materialised as CPython's __getstate__ materialises it). A reducer registered
 * with copyreg.pickle, or a class's own __reduce_ex__(4) / __reduce__(), is called instead and
 * its value rebuilt by _reconstruct (a str: x itself; else func(*args), then state, list items
 * and dict items). Instances of builtin subclasses and objects CPython cannot pickle beyond
 * those named below are refused or raise CPython's TypeError; an object whose reducers its own
 * __getattribute__ hides raises copy.Error.
 *
 * Recursion: each Python frame Lib/copy.py would use (deepcopy, _deepcopy_list, ...) counts
 * against the interpreter's depth, so a deep nest raises RecursionError at the recursion
 * limit, as CPython does, before the JavaScript stack is at risk.
 */
import { PyComplex } from '../../complex.js';
import {
  Ellipsis, NotImplemented, None, PyBool, typeType, PyBytes, PyDict, PyFloat, PyInstance, PyInt, PyList, PyNative,
  PyObject, PySet, PyStr, PyTuple, PyType, PyWeakref, floatType, frozensetType, intType, strType, tupleType,
} from '../../objects.js';
import { dictGet, dictSetItem, listAppend } from '../../containers.js';
import { materializeDict, subInstanceDict } from '../../attributes.js';
import { type SubInstance, isBuiltinSub } from '../../builtin-subclass.js';
import { newBuiltinSub } from '../types/builtin-subclass.js';
import { newInstance } from '../../factory.js';
import { PyFunction, PyMethod, PyRange, PySlice, PyWrapper, propertyType, staticmethodType } from '../pyobjects.js';
import { pyFunctionArgs, type Thrower } from '../argcheck.js';
import { weakKeyDictType, weakValueDictType } from './weakref-collections.js';
import { bytearrayType } from '../types/bytearray.js';
import { dispatchReducer } from './copyreg.js';
import { PyDeque } from '../types/deque.js';
import { PyDefaultDict } from '../types/defaultdict.js';
import { PyOrderedDict } from '../types/ordereddict.js';
import { PyCounter } from '../types/counter.js';
import type { ExtensionKit } from '../extension.js';
import type { Interpreter } from '../interpreter.js';


/** Objects copy.copy returns as they are (_copy_dispatch's _copy_immutable, plus classes). */
function copyIsAtomic(x: PyObject): boolean {
  return x === None || x === Ellipsis || x === NotImplemented || x instanceof PyInt || x instanceof PyFloat || x instanceof PyComplex ||
    x instanceof PyBool || x instanceof PyStr || x instanceof PyBytes || x instanceof PyTuple ||
    (x instanceof PySet && x.type === frozensetType) || x instanceof PyType || x instanceof PyRange ||
    x instanceof PySlice || x instanceof PyFunction || x instanceof PyNative || x instanceof PyWeakref ||
    (x instanceof PyWrapper && x.type === propertyType);
}

/** Objects copy.deepcopy returns as they are (_deepcopy_atomic's table, plus classes). */
function deepcopyIsAtomic(x: PyObject): boolean {
  return x === None || x === Ellipsis || x === NotImplemented || x instanceof PyInt || x instanceof PyFloat || x instanceof PyComplex ||
    x instanceof PyBool || x instanceof PyStr || x instanceof PyBytes || x instanceof PyType ||
    x instanceof PyRange || x instanceof PyFunction || x instanceof PyNative || x instanceof PyWeakref ||
    (x instanceof PyWrapper && x.type === propertyType);
}

/**
 * copy.Error (also copy.error): Lib/copy.py's `class Error(Exception)`. One type for the
 * process, like the builtin types every sandbox shares; made by the first sandbox that
 * installs copy, since Exception lives with the interpreter.
 */
let copyErrorType: PyType | null = null;

export function installCopy(kit: ExtensionKit): void {
  const { b } = kit;
  const I: Interpreter = b.I;
  const heap = b.heap;
  const err: Thrower = (t, m) => b.err(t, m);
  const errorType = (copyErrorType ??= new PyType(typeType, 'Error', 'exception', b.exceptionType('Exception'), false, 'copy'));

  /** Raises copy.Error("un(shallow)copyable object of type <class '...'>"). */
  const uncopyable = (x: PyObject, deep: boolean): unknown => {
    const msg = b.str(`un(${deep ? 'deep' : 'shallow'})copyable object of type ${b.repr(x.type)}`);
    return b.raiseOf(I.newException(errorType, [msg]));
  };

  /** Runs `body` as one more Python frame of Lib/copy.py: RecursionError past the limit. */
  const frame = <T>(body: () => T, message: string = 'maximum recursion depth exceeded while calling a Python object'): T => {
    if (I.depth >= I.recursionLimit) throw err('RecursionError', message);
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
    if (x.type.mro.some((t) => !t.isHeapType && t.name !== 'object')) throw refuse(`instances of '${x.type.name}' (a builtin subclass)`);
    return true;
  };

  /** Whether a raise is an AttributeError (what getattr(x, name, None) swallows). */
  const isAttributeError = (e: unknown): boolean =>
    b.isRaise(e) && e.exc.type.isSubtypeOf(b.exceptionType('AttributeError'));

  /**
   * The reductor step of copy.copy / copy.deepcopy: copyreg's dispatch_table[cls](x), else
   * getattr(x, '__reduce_ex__')(4), else getattr(x, '__reduce__')(). 'default' when what
   * would run is object's own __reduce_ex__ on a plain instance (modelled by the callers as
   * copyreg.__newobj__ plus the state). A new reference otherwise.
   */
  const reduceValue = (x: PyObject, deep: boolean): PyObject | 'default' => {
    const reducer = dispatchReducer(b, x.type);
    if (reducer) {
      heap.incref(reducer);
      heap.incref(x);
      try {
        return I.call(reducer, [x], null);
      } finally {
        heap.decref(reducer);
      }
    }
    if (classHook(x, '__getattribute__')) return reduceThroughGetattribute(x, deep);
    const ex = classHook(x, '__reduce_ex__');
    if (ex) return callHook(ex, x, [b.int(4)]);
    const rd = classHook(x, '__reduce__');
    if (rd) return callHook(rd, x, []);
    return 'default';
  };

  /**
   * A class with its own __getattribute__ decides what getattr(x, '__reduce_ex__') finds:
   * an AttributeError skips to __reduce__, and to copy.Error when that is hidden too.
   */
  const reduceThroughGetattribute = (x: PyObject, deep: boolean): PyObject | 'default' => {
    for (const name of ['__reduce_ex__', '__reduce__']) {
      let m: PyObject;
      try {
        m = I.getAttr(x, name);
      } catch (e) {
        if (!isAttributeError(e)) throw e;
        I.releaseRaise(e as Parameters<Interpreter['releaseRaise']>[0]);
        continue;
      }
      const own = classHook(x, name);
      if (!own) {
        heap.decref(m); // object's own reducer: the plain-instance path
        return 'default';
      }
      try {
        return I.call(m, name === '__reduce_ex__' ? [b.int(4)] : [], null);
      } finally {
        heap.decref(m);
      }
    }
    throw uncopyable(x, deep);
  };

  /**
   * copy._reconstruct(x, memo, *rv), or x itself for a str rv (a global name: x is its own
   * copy). memo null: a shallow copy. Consumes rv; returns a new reference.
   */
  const reconstruct = (x: PyObject, memo: PyObject | null, rv: PyObject): PyObject => {
    try {
      if (rv instanceof PyStr) {
        heap.incref(x);
        return x;
      }
      if (!(rv instanceof PyTuple)) throw refuse(`with a __reduce__ value of type '${rv.type.name}'`);
      const n = rv.items.length + 2;
      if (n > 7) throw err('TypeError', `_reconstruct() takes from 4 to 7 positional arguments but ${n} were given`);
      if (n === 2) throw err('TypeError', "_reconstruct() missing 2 required positional arguments: 'func' and 'args'");
      if (n === 3) throw err('TypeError', "_reconstruct() missing 1 required positional argument: 'args'");
      const [func, args, state, listiter, dictiter] = rv.items;
      return memo ? frame(() => rebuild(x, memo, func!, args!, state, listiter, dictiter)) : rebuild(x, null, func!, args!, state, listiter, dictiter);
    } finally {
      heap.decref(rv);
    }
  };

  /** _reconstruct's body: y = func(*args); memo[id(x)] = y; then state, list items, dict items. */
  const rebuild = (
    x: PyObject, memo: PyObject | null, func: PyObject, args: PyObject,
    state: PyObject | undefined, listiter: PyObject | undefined, dictiter: PyObject | undefined,
  ): PyObject => {
    if (!(args instanceof PyTuple)) throw refuse(`with __reduce__ arguments of type '${args.type.name}'`);
    const cargs = memo && args.items.length > 0 ? (deep(args, memo) as PyTuple) : (heap.incref(args), args);
    let y: PyObject;
    try {
      for (const a of cargs.items) heap.incref(a);
      heap.incref(func);
      try {
        y = I.call(func, [...cargs.items], null);
      } finally {
        heap.decref(func);
      }
    } finally {
      heap.decref(cargs);
    }
    try {
      if (memo) {
        const k = idOf(x);
        try {
          memoSet(memo, k, y);
        } finally {
          heap.decref(k);
        }
      }
      if (state !== undefined && state !== None) {
        const s = memo ? deep(state, memo) : (heap.incref(state), state);
        try {
          setState(y, s);
        } finally {
          heap.decref(s);
        }
      }
      if (listiter !== undefined && listiter !== None) I.forEach(listiter, (item) => {
        const c = memo ? deep(item, memo) : (heap.incref(item), item);
        heap.decref(I.callMethod(y, 'append', [c]));
      });
      if (dictiter !== undefined && dictiter !== None) I.forEach(dictiter, (pair) => {
        if (!(pair instanceof PyTuple) || pair.items.length !== 2) throw refuse(`dict items that are not pairs`);
        const k = memo ? deep(pair.items[0]!, memo) : (heap.incref(pair.items[0]!), pair.items[0]!);
        try {
          const v = memo ? deep(pair.items[1]!, memo) : (heap.incref(pair.items[1]!), pair.items[1]!);
          I.setItem(y, k, v);
        } finally {
          heap.decref(k);
        }
      });
    } catch (e) {
      heap.decref(y);
      throw e;
    }
    return y;
  };


  /**
   * copyreg._slotnames(cls): the slot names of the class and its bases (MRO order, each
   * class's as declared, private ones mangled, __dict__ and __weakref__ left out), cached
   * as `cls.__slotnames__` — a list every class whose instances are copied gets, [] for a
   * class without __slots__, as CPython's _PyType_GetSlotNames stores it. Borrowed.
   */
  const slotNames = (cls: PyType): PyObject => {
    const cached = cls.dict?.getStr('__slotnames__');
    if (cached !== undefined && cached !== None) return cached;
    const names: PyObject[] = [];
    for (const c of cls.mro) {
      const slots = c.isHeapType ? c.dict?.getStr('__slots__') : undefined;
      if (slots === undefined) continue;
      const items = slots instanceof PyStr ? [slots] : slots instanceof PyTuple || slots instanceof PyList ? slots.items : null;
      if (!items) throw refuse(`a class whose __slots__ is a '${slots.type.name}'`);
      for (const n of items) {
        const name = (n as PyStr).value;
        if (name === '__dict__' || name === '__weakref__') continue;
        names.push(b.str(name.startsWith('__') && !name.endsWith('__') && c.name.replace(/^_+/, '') ? `_${c.name.replace(/^_+/, '')}${name}` : name));
      }
    }
    const list = b.list(names);
    I.setAttr(cls, '__slotnames__', list); // consumes our reference: the class dict holds it
    return list;
  };

  /**
   * object.__getstate__ (or the class's own), as object_getstate_default builds it: the
   * instance's __dict__ (materialised) or None when it has no attributes; and when slots
   * of the class hold values, the pair (that, {slot: value}). A new reference.
   */
  const getState = (x: PyInstance): PyObject => {
    const own = classHook(x, '__getstate__');
    if (own) return callHook(own, x, []);
    let state: PyObject;
    if ((!x.dict && x.attrNames.length === 0) || (x.dict && x.dict.size === 0) || !x.type.instHasDict) state = b.none();
    else {
      state = materializeDict(heap, x);
      heap.incref(state);
    }
    const names = slotNames(x.type) as PyList;
    if (names.items.length === 0) return state;
    const slots = heap.track(heap.register(new PyDict()));
    try {
      for (const n of names.items) {
        let v: PyObject;
        try {
          v = I.getAttr(x, (n as PyStr).value);
        } catch (e) {
          if (!isAttributeError(e)) throw e;
          I.releaseRaise(e as Parameters<Interpreter['releaseRaise']>[0]);
          continue;
        }
        I.setItem(slots, n, v);
      }
    } catch (e) {
      heap.decref(slots);
      heap.decref(state);
      throw e;
    }
    if (slots.size === 0) {
      heap.decref(slots);
      return state;
    }
    return I.tupleOwned([state, slots]);
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
    let slotState: PyObject = None;
    if (state instanceof PyTuple && state.items.length === 2) [dictState, slotState] = state.items as [PyObject, PyObject];
    if (dictState !== None && I.truth(dictState)) {
      const sub = y.type.isHeapType && isBuiltinSub(y) && y.type.instHasDict;
      if (!(y instanceof PyInstance) && !sub) throw refuse(`state into a '${y.type.name}' object`);
      const target = y instanceof PyInstance ? materializeDict(heap, y) : subInstanceDict(heap, y as SubInstance);
      if (!(dictState instanceof PyDict)) throw refuse(`a state of type '${dictState.type.name}'`);
      for (const [k, v] of [...dictState.entries()]) dictSetItem(heap, target, k, v);
    }
    if (slotState !== None) {
      // for key, value in slotstate.items(): setattr(y, key, value)
      if (!(slotState instanceof PyDict)) throw refuse(`a slot state of type '${slotState.type.name}'`);
      for (const [k, v] of [...slotState.entries()]) {
        if (!(k instanceof PyStr)) throw err('TypeError', `attribute name must be string, not '${k.type.name}'`);
        heap.incref(v);
        I.setAttr(y, k.value, v);
      }
    }
  };

  // ------------------------------------------------------------------ copy.copy

  /** copy.copy(x): a new reference. */
  /** An instance of a class derived from a builtin type heaplab does not copy. */
  const refuseBuiltinSubclass = (x: PyObject): void => {
    if (x.type.isHeapType && !(x instanceof PyInstance) && !isBuiltinSub(x)) throw refuse(`instances of '${x.type.name}' (a builtin subclass)`);
  };

  const shallow = (x: PyObject): PyObject => {
    refuseBuiltinSubclass(x);
    if (x.type.isHeapType && isBuiltinSub(x)) {
      const copier = classHook(x, '__copy__');
      if (copier) return callHook(copier, x, []);
      const rv = reduceValue(x, false);
      if (rv !== 'default') return reconstruct(x, null, rv);
      return frame(() => reconstructSub(x, null));
    }
    if (copyIsAtomic(x)) {
      heap.incref(x);
      return x;
    }
    // (dict subtypes and deque: their own copy, which is what __copy__ / __reduce__ rebuild)
    if (x instanceof PyList || x instanceof PyDict || x instanceof PySet || x instanceof PyDeque) return b.nativeMethod(x, 'copy')!.impl([x], null);
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
    const rv = reduceValue(x, false);
    if (rv !== 'default') return reconstruct(x, null, rv);
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
    if (x.type.isHeapType && isBuiltinSub(x)) {
      const copier = classHook(x, '__deepcopy__');
      if (copier) return callHook(copier, x, [memo]);
      const rv = reduceValue(x, true);
      if (rv !== 'default') return reconstruct(x, memo, rv);
      return frame(() => reconstructSub(x, memo));
    }
    if (deepcopyIsAtomic(x)) {
      heap.incref(x);
      return x;
    }
    if (x.type === weakValueDictType) return frame(() => deepWeakDict(x, memo, 'key'));
    if (x.type === weakKeyDictType) return frame(() => deepWeakDict(x, memo, 'value'));
    if (x.type === bytearrayType) throw refuse('a bytearray');
    if (x instanceof PyList) return frame(() => deepList(x, memo));
    if (x instanceof PyTuple) return frame(() => deepTuple(x, memo), 'maximum recursion depth exceeded');
    if (x instanceof PyDeque || x instanceof PyDefaultDict || x instanceof PyOrderedDict || x instanceof PyCounter) {
      return frame(() => deepCollection(x, memo));
    }
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
    const rv = x.type.isHeapType ? reduceValue(x, true) : 'default';
    if (rv !== 'default') return reconstruct(x, memo, rv);
    if (x instanceof PySet) return frame(() => deepSet(x, memo));
    if (x instanceof PySlice) return frame(() => deepSlice(x, memo));
    if (!isPlainInstance(x)) throw cannotPickle(x);
    return frame(() => deepInstance(x, memo));
  };

  /**
   * WeakValueDictionary.__deepcopy__ / WeakKeyDictionary.__deepcopy__ (Lib/weakref.py): a new
   * one of the same class, filled from the live items — the keys deep-copied (the values
   * stay: they are held weakly), or the values deep-copied (the keys stay).
   */
  const deepWeakDict = (x: PyObject, memo: PyObject, copied: 'key' | 'value'): PyObject => {
    heap.incref(x.type);
    const y = I.call(x.type, [], null);
    try {
      const items = I.callMethod(x, 'items', []);
      try {
        I.forEach(items, (pair) => {
          const [k, v] = (pair as PyTuple).items as [PyObject, PyObject];
          const ck = copied === 'key' ? deep(k, memo) : (heap.incref(k), k);
          try {
            const cv = copied === 'value' ? deep(v, memo) : (heap.incref(v), v);
            I.setItem(y, ck, cv);
          } finally {
            heap.decref(ck);
          }
        });
      } finally {
        heap.decref(items);
      }
    } catch (e) {
      heap.decref(y);
      throw e;
    }
    return y;
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
   * _reconstruct(x, memo, cls, args, state=None, listiter, dictiter) for the collections
   * types' __reduce__: the args tuple is deep-copied (memoised only if it changes), y =
   * cls(*args), memo[id(x)] = y, then each item (deque) or key and value (dict) is
   * deep-copied in order and appended / stored. Counter's __reduce__ is (Counter,
   * (dict(self),)): the whole count dict travels in the args and nothing follows.
   */
  const deepCollection = (x: PyDeque | PyDefaultDict | PyOrderedDict | PyCounter, memo: PyObject): PyObject => {
    let argItems: PyObject[];
    if (x instanceof PyDeque) argItems = x.maxlen < 0 ? [] : [I.tupleOwned([]), I.int(x.maxlen)];
    else if (x instanceof PyDefaultDict) argItems = x.factory ? [x.factory] : [];
    else if (x instanceof PyCounter) {
      heap.incref(x);
      argItems = [I.call(b.names.get('dict')!, [x], null)];
    } else argItems = [];
    if (x instanceof PyDefaultDict) for (const a of argItems) heap.incref(a);
    const items = x instanceof PyDeque ? x.items.toArray() : [];
    const entries = x instanceof PyDict && !(x instanceof PyCounter) ? [...x.entries()] : [];
    // the items _reconstruct will walk are held by its iterator from here on
    for (const o of items) heap.incref(o);
    for (const [k, v] of entries) {
      heap.incref(k);
      heap.incref(v);
    }
    try {
      const args = I.tupleOwned(argItems);
      let y: PyObject;
      try {
        const cargs = deep(args, memo) as PyTuple;
        try {
          for (const a of cargs.items) heap.incref(a);
          y = I.call(x.type, cargs.items.slice(), null);
        } finally {
          heap.decref(cargs);
        }
      } finally {
        heap.decref(args);
      }
      try {
        const k = idOf(x);
        try {
          memoSet(memo, k, y);
        } finally {
          heap.decref(k);
        }
        for (const o of items) {
          const c = deep(o, memo);
          heap.decref(I.callMethod(y, 'append', [c]));
        }
        for (const [key, value] of entries) {
          const ck = deep(key, memo);
          try {
            const cv = deep(value, memo);
            I.setItem(y, ck, cv);
          } finally {
            heap.decref(ck);
          }
        }
      } catch (e) {
        heap.decref(y);
        throw e;
      }
      return y;
    } finally {
      for (const o of items) heap.decref(o);
      for (const [k, v] of entries) {
        heap.decref(k);
        heap.decref(v);
      }
    }
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

  /**
   * The arguments object.__reduce_ex__(4) passes to cls.__new__ for a builtin subclass
   * instance: the class's __getnewargs_ex__ (args, kwargs) or __getnewargs__, else the
   * builtin's own __getnewargs__ (int(x),) / (str(x),) / (float(x),) / (tuple(x),); list
   * and dict have none. New references.
   */
  const newArgs = (x: SubInstance): { args: PyObject[]; kw: PyDict | null } => {
    const ex = classHook(x, '__getnewargs_ex__');
    if (ex) {
      const r = callHook(ex, x, []);
      try {
        if (!(r instanceof PyTuple) || r.items.length !== 2) throw err('TypeError', `__getnewargs_ex__ should return a tuple of length 2, not '${r.type.name}'`);
        const [a, k] = r.items;
        if (!(a instanceof PyTuple)) throw err('TypeError', `first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '${a!.type.name}'`);
        if (!(k instanceof PyDict)) throw err('TypeError', `second item of the tuple returned by __getnewargs_ex__ must be a dict, not '${k!.type.name}'`);
        for (const o of a.items) heap.incref(o);
        heap.incref(k);
        return { args: a.items.slice(), kw: k };
      } finally {
        heap.decref(r);
      }
    }
    const nw = classHook(x, '__getnewargs__');
    if (nw) {
      const r = callHook(nw, x, []);
      try {
        if (!(r instanceof PyTuple)) throw err('TypeError', `__getnewargs__ should return a tuple, not '${r.type.name}'`);
        for (const o of r.items) heap.incref(o);
        return { args: r.items.slice(), kw: null };
      } finally {
        heap.decref(r);
      }
    }
    if (x instanceof PyList || x instanceof PyDict) return { args: [], kw: null };
    if (x instanceof PyWeakref) throw cannotPickle(x);
    const base = x instanceof PyInt ? intType : x instanceof PyStr ? strType : x instanceof PyFloat ? floatType : tupleType;
    heap.incref(x);
    return { args: [I.call(base, [x], null)], kw: null };
  };

  /**
   * copy._reconstruct for a builtin subclass instance (memo null: copy.copy): y from
   * cls.__new__(cls, *args, **kwargs) (the args deep-copied first when deep), memoised, then
   * the state (x.__dict__ when not empty, deep-copied when deep) into y.__dict__, then each
   * list item through y.append(item) or each dict entry through y[key] = value — the
   * subclass's own append / __setitem__ when it overrides them. A new reference.
   */
  const reconstructSub = (x: SubInstance, memo: PyObject | null): PyObject => {
    if (classHook(x, '__getattribute__')) throw refuse(`objects whose class defines __getattribute__ ('${x.type.name}')`);
    if (classHook(x, '__reduce_ex__') || classHook(x, '__reduce__')) throw refuse(`objects whose class defines __reduce__/__reduce_ex__ ('${x.type.name}')`);
    const cls = x.type;
    const na = newArgs(x);
    // The __reduce_ex__ args: (cls, *args) for __newobj__, (cls, args, kwargs) for __newobj_ex__.
    heap.incref(cls);
    let argsTuple: PyObject = na.kw ? I.tupleOwned([cls, I.tupleOwned(na.args), na.kw]) : I.tupleOwned([cls, ...na.args]);
    let y: PyObject;
    try {
      if (memo && (argsTuple as PyTuple).items.length > 0) {
        const c = deep(argsTuple, memo);
        heap.decref(argsTuple);
        argsTuple = c;
      }
      const items = (argsTuple as PyTuple).items;
      const args = na.kw ? [...(items[1] as PyTuple).items] : items.slice(1);
      const kw = na.kw ? [...(items[2] as PyDict).entries()].map(([k, v]) => [(k as PyStr).value, v] as [string, PyObject]) : null;
      y = newSub(cls, args, kw);
    } finally {
      heap.decref(argsTuple);
    }
    try {
      if (memo) {
        const k = idOf(x);
        try {
          memoSet(memo, k, y);
        } finally {
          heap.decref(k);
        }
      }
      const state = getSubState(x);
      try {
        if (state !== None) {
          const cstate = memo ? deep(state, memo) : (heap.incref(state), state);
          try {
            setState(y, cstate);
          } finally {
            heap.decref(cstate);
          }
        }
      } finally {
        heap.decref(state);
      }
      if (x instanceof PyList) {
        for (const item of x.items.slice()) {
          const c = memo ? deep(item, memo) : (heap.incref(item), item);
          heap.decref(I.callMethod(y, 'append', [c]));
        }
      } else if (x instanceof PyDict) {
        for (const [k, v] of [...x.entries()]) {
          const ck = memo ? deep(k, memo) : (heap.incref(k), k);
          try {
            const cv = memo ? deep(v, memo) : (heap.incref(v), v);
            I.setItem(y, ck, cv);
          } finally {
            heap.decref(ck);
          }
        }
      }
    } catch (e) {
      heap.decref(y);
      throw e;
    }
    return y;
  };

  /** copyreg.__newobj__: cls.__new__(cls, *args, **kwargs), consuming nothing. A new reference. */
  const newSub = (cls: PyType, args: PyObject[], kw: [string, PyObject][] | null): PyObject => {
    const nw = cls.lookup('__new__', b.methods);
    if (nw instanceof PyFunction || (nw instanceof PyWrapper && nw.type === staticmethodType)) {
      const f = nw instanceof PyWrapper ? nw.items[0]! : nw;
      heap.incref(cls);
      for (const a of args) heap.incref(a);
      return I.call(f, [cls, ...args], kw ? kw.map(([k, v]) => { heap.incref(v); return [k, v] as [string, PyObject]; }) : null);
    }
    return newBuiltinSub(b, cls, args, kw);
  };

  /** object.__getstate__ for a builtin subclass instance: its __dict__ when not empty, else None. */
  const getSubState = (x: SubInstance): PyObject => {
    const own = classHook(x, '__getstate__');
    if (own) return callHook(own, x, []);
    if (!x.dict || x.dict.size === 0) return b.none();
    heap.incref(x.dict);
    return x.dict;
  };

  kit.mod('copy', {
    Error: errorType,
    error: errorType,
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
