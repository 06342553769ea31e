/**
 * Applying one op to a runtime: the semantics of the JSON vocabulary, each op doing what
 * its Python statement does (see ops.ts for the table). A Python-level failure throws
 * PyError with CPython's exception type and message, leaving the heap as CPython would.
 */
import type {
  AllocOp, ClassOp, CollectOp, DelOp, GcOp, Op, RefOp, Scalar, Target, WeakrefOp, CallOp, ReturnOp,
} from './ops.js';
import {
  False, None, PyDict, PyList, PyObject, PySet, PyType, True,
} from './objects.js';
import {
  PyError, dictDelItem, dictSetItem, listAppend, listDelItem, listSetItem, setAdd,
} from './containers.js';
import { listPreallocateExact } from './containers.js';
import {
  newBytes, newClass, newDict, newFloat, newInstance, newInt, newList, newSet, newStr, newTuple,
} from './factory.js';
import { collect, freeze, unfreeze } from './collector.js';
import { hexId } from './heap.js';
import { getsizeof } from './sizes.js';
import { canWeakref } from './weakrefable.js';
import { refcountOf } from './refcounts.js';
import { SandboxRuntime, opsFinalizer, opsWeakrefCallback } from './runtime.js';
import { gcStats } from './queries.js';
import { setAttr, delAttr } from './attributes.js';

export type OpResult = Record<string, unknown>;

/**
 * The hook that runs Python source (the `exec` op). Set by the Python front end; the engine
 * itself has no parser.
 */
export type ExecHook = (rt: SandboxRuntime, code: string, trace?: { maxSteps?: number }) => OpResult;

export function applyOp(rt: SandboxRuntime, op: Op, exec: ExecHook | null): OpResult {
  switch (op.op) {
    case 'alloc': return alloc(rt, op);
    case 'class': return defineClass(rt, op);
    case 'ref': return ref(rt, op);
    case 'del': return del(rt, op);
    case 'collect': return doCollect(rt, op);
    case 'stats': return gcStats(rt.heap);
    case 'getrefcount': return withTarget(rt, op.target, (o) => ({ refcount: refcountOf(rt.heap, o) }));
    case 'getsizeof': return withTarget(rt, op.target, (o) => ({ size: getsizeof(o) }));
    case 'gc': return gcCall(rt, op);
    case 'weakref': return weakref(rt, op);
    case 'call': return call(rt, op);
    case 'return': return ret(rt, op);
    case 'exec': {
      if (!exec) throw new PyError('RuntimeError', 'the Python front end is not available');
      return op.trace ? exec(rt, op.code, { maxSteps: op.maxTraceSteps }) : exec(rt, op.code);
    }
  }
}

// ---------------------------------------------------------------- targets and values

/**
 * Resolve a target to an object and hold a temporary reference to it for the duration of
 * `fn` — exactly like the evaluation stack holding a loaded name (so getrefcount sees +1).
 */
function withTarget<T>(rt: SandboxRuntime, t: Target, fn: (o: PyObject) => T): T {
  const o = resolve(rt, t);
  rt.heap.incref(o);
  try {
    return fn(o);
  } finally {
    rt.heap.decref(o);
  }
}

export function resolve(rt: SandboxRuntime, t: Target): PyObject {
  if (typeof t === 'string') {
    const v = rt.lookup(t);
    if (v === undefined) throw new PyError('NameError', `name '${t}' is not defined`);
    return v;
  }
  const o = rt.heap.objects.get(parseInt(t.id.slice(2), 16));
  if (!o) throw new PyError('LookupError', `no live object with id ${t.id}`);
  return o;
}

/** A new reference to the Python constant a JSON scalar stands for. */
export function constant(rt: SandboxRuntime, v: Scalar): PyObject {
  if (v === null || v === true || v === false) {
    const o = v === null ? None : v ? True : False;
    rt.heap.incref(o);
    return o;
  }
  if (typeof v === 'string') return newStr(rt.heap, v);
  if (Number.isInteger(v)) return newInt(rt.heap, v);
  return newFloat(rt.heap, v);
}

/** A new reference to `to` (an object) or `value` (a constant). */
function source(rt: SandboxRuntime, to: Target | undefined, value: Scalar | undefined, field = 'to'): PyObject {
  if (to !== undefined) {
    const o = resolve(rt, to);
    rt.heap.incref(o);
    return o;
  }
  if (value !== undefined) return constant(rt, value);
  throw new PyError('TypeError', `ref needs "${field}" or "value"`);
}

/** An object as op results show it; `held` temporary references are not counted. */
function describe(o: PyObject, held = 0): OpResult {
  return { id: hexId(o.addr), type: o.type.name, refcount: o.refcnt - held };
}

// ---------------------------------------------------------------- ops

/** `name = []`, `name = MyObject()`, ... */
function alloc(rt: SandboxRuntime, op: AllocOp): OpResult {
  const heap = rt.heap;
  const items = (op.items ?? []).map((i) =>
    typeof i === 'object' && i !== null && 'value' in i ? constant(rt, i.value) : source(rt, i, undefined));
  let o: PyObject;
  try {
    switch (op.type) {
      case 'list': {
        const l = newList(heap, items);
        // CPython compiles a display of more than two constants to LIST_EXTEND of a constant
        // tuple, which preallocates an even number of slots (list_preallocate_exact).
        if (items.length > 2 && (op.items ?? []).every((i) => typeof i === 'object' && i !== null && 'value' in i)) {
          listPreallocateExact(heap, l, items.length);
        }
        o = l;
        break;
      }
      case 'tuple': o = newTuple(heap, items); break;
      case 'set': o = newSet(heap, items); break;
      case 'dict': {
        if (items.length % 2 !== 0) throw new PyError('TypeError', 'dict items must alternate keys and values');
        const pairs: [PyObject, PyObject][] = [];
        for (let i = 0; i < items.length; i += 2) pairs.push([items[i]!, items[i + 1]!]);
        o = newDict(heap, pairs);
        break;
      }
      case 'str': o = newStr(heap, String(op.value ?? '')); break;
      case 'int': o = newInt(heap, typeof op.value === 'number' ? Math.trunc(op.value) : Number(op.value ?? 0)); break;
      case 'float': o = newFloat(heap, Number(op.value ?? 0)); break;
      case 'bytes': o = newBytes(heap, Uint8Array.from(String(op.value ?? ''), (c) => c.charCodeAt(0) & 0xff)); break;
      case 'instance': {
        if (!op.class) throw new PyError('TypeError', 'alloc of an instance needs "class"');
        const cls = rt.lookup(op.class);
        if (cls === undefined) throw new PyError('NameError', `name '${op.class}' is not defined`);
        if (!(cls instanceof PyType)) throw new PyError('TypeError', `'${cls.type.name}' object is not callable`);
        if (!cls.isHeapType) throw new PyError('TypeError', `'${op.class}' is not a class defined in this sandbox`);
        o = newInstance(heap, cls);
        break;
      }
    }
  } finally {
    for (const i of items) heap.decref(i);
  }
  if (op.name) rt.bind(op.name, o);
  const result = describe(o, 1);
  heap.decref(o); // the expression's temporary reference
  return result;
}

/** `class Name(Base): def __del__(self): ...` */
function defineClass(rt: SandboxRuntime, op: ClassOp): OpResult {
  let base: PyType | null = null;
  if (op.base) {
    const b = rt.lookup(op.base);
    if (b === undefined) throw new PyError('NameError', `name '${op.base}' is not defined`);
    if (!(b instanceof PyType)) throw new PyError('TypeError', `${op.base} is not a class`);
    base = b;
  }
  const ns: [string, PyObject][] = [];
  const fin = op.finalizer ? opsFinalizer(rt, op.finalizer) : null;
  if (fin) ns.push(['__del__', rt.heap.track(rt.heap.register(fin))]);
  const cls = newClass(rt.heap, op.name, base, ns);
  if (fin) rt.heap.decref(fin);
  rt.bind(op.name, cls);
  const result = describe(cls, 1);
  rt.heap.decref(cls);
  return result;
}

/** `name = to`, `from.attr = to`, `from[index] = to`, `from[key] = to`, `from.append(to)`. */
function ref(rt: SandboxRuntime, op: RefOp): OpResult {
  const heap = rt.heap;
  if (op.from === undefined) {
    if (!op.name) throw new PyError('TypeError', 'ref needs "name" or "from"');
    const v = source(rt, op.to, op.value);
    rt.bind(op.name, v);
    heap.decref(v);
    return describe(v);
  }
  return withTarget(rt, op.from, (container) => {
    const v = source(rt, op.to, op.value);
    try {
      if (op.attr !== undefined) {
        setAttr(rt, container, op.attr, v);
      } else if (op.append) {
        if (container instanceof PyList) listAppend(heap, container, v);
        else if (container instanceof PySet && container.type.layout === 'set') setAdd(heap, container, v);
        else throw new PyError('AttributeError', `'${container.type.name}' object has no attribute 'append'`);
      } else if (op.index !== undefined || op.key !== undefined) {
        const sub = (op.index ?? op.key)!;
        if (container instanceof PyList) {
          listSubscript(container, sub, (i) => listSetItem(heap, container, i, v));
        } else {
          if (!(container instanceof PyDict)) throw new PyError('TypeError', `'${container.type.name}' object does not support item assignment`);
          const k = constant(rt, sub);
          try {
            dictSetItem(heap, container, k, v);
          } finally {
            heap.decref(k);
          }
        }
      } else {
        throw new PyError('TypeError', 'ref from an object needs "attr", "index", "key" or "append"');
      }
      return { container: describe(container, 1), value: describe(v, 1) };
    } finally {
      heap.decref(v);
    }
  });
}

/** `del name`, `del from.attr`, `del from[index]`, `del from[key]`. */
function del(rt: SandboxRuntime, op: DelOp): OpResult {
  const heap = rt.heap;
  const before = heap.objects.size;
  if (op.from === undefined) {
    if (!op.name) throw new PyError('TypeError', 'del needs "name" or "from"');
    rt.unbind(op.name);
    return { freed: Math.max(0, before - heap.objects.size) };
  }
  withTarget(rt, op.from, (container) => {
    if (op.attr !== undefined) delAttr(rt, container, op.attr);
    else if (op.index !== undefined || op.key !== undefined) {
      const sub = (op.index ?? op.key)!;
      if (container instanceof PyList) return listSubscript(container, sub, (i) => listDelItem(heap, container, i));
      if (!(container instanceof PyDict)) throw new PyError('TypeError', `'${container.type.name}' object doesn't support item deletion`);
      const k = constant(rt, sub);
      try {
        dictDelItem(heap, container, k);
      } finally {
        heap.decref(k);
      }
    } else throw new PyError('TypeError', 'del from an object needs "attr", "index" or "key"');
  });
  return { freed: Math.max(0, before - heap.objects.size) };
}

/**
 * `l[sub]` on a list: `index` and `key` both spell a subscript in Python, so an int (or
 * bool) subscript indexes and anything else is CPython's TypeError.
 */
function listSubscript(_l: PyList, sub: Scalar, fn: (i: number) => void): void {
  if (typeof sub === 'boolean') return fn(sub ? 1 : 0);
  if (typeof sub === 'number' && Number.isInteger(sub)) return fn(sub);
  const t = sub === null ? 'NoneType' : typeof sub === 'string' ? 'str' : 'float';
  throw new PyError('TypeError', `list indices must be integers or slices, not ${t}`);
}

function doCollect(rt: SandboxRuntime, op: CollectOp): OpResult {
  const r = collect(rt.heap, op.generation ?? 2);
  return { ...r };
}

function gcCall(rt: SandboxRuntime, op: GcOp): OpResult {
  const heap = rt.heap;
  switch (op.call) {
    case 'enable': heap.enabled = true; break;
    case 'disable': heap.enabled = false; break;
    case 'set_threshold': {
      const t = op.threshold;
      if (!t) throw new PyError('TypeError', 'set_threshold needs "threshold"');
      t.forEach((v, i) => (heap.generations[i]!.threshold = v));
      break;
    }
    case 'set_debug': heap.debug = op.flags ?? 0; break;
    case 'freeze': freeze(heap); break;
    case 'unfreeze': unfreeze(heap); break;
  }
  return {
    enabled: heap.enabled,
    threshold: heap.generations.map((g) => g.threshold),
    debug: heap.debug,
  };
}

/** `name = weakref.ref(target, callback)`. */
function weakref(rt: SandboxRuntime, op: WeakrefOp): OpResult {
  return withTarget(rt, op.target, (o) => {
    if (!canWeakref(o)) throw new PyError('TypeError', `cannot create weak reference to '${o.type.name}' object`);
    const cb = op.callback ? rt.heap.track(rt.heap.register(opsWeakrefCallback(rt, op.callback.print))) : null;
    const wr = rt.heap.newWeakref(o, cb);
    if (cb) rt.heap.decref(cb);
    rt.bind(op.name, wr);
    const result = describe(wr, 1);
    rt.heap.decref(wr);
    return result;
  });
}

/** Enter a function: a fresh frame; `args` are its parameters. */
function call(rt: SandboxRuntime, op: CallOp): OpResult {
  if (rt.frames.length >= 1000) throw new PyError('RecursionError', 'maximum recursion depth exceeded');
  const args = Object.entries(op.args ?? {}).map(([k, t]) => [k, resolve(rt, t)] as const);
  const locals = new Map<string, PyObject>();
  for (const [k, v] of args) {
    rt.heap.incref(v);
    locals.set(k, v);
  }
  rt.frames.push({ name: op.function ?? 'f', locals, slots: [...locals.keys()] });
  return { depth: rt.frames.length };
}

/** Leave the function: the returned object is bound in the caller first, then locals die. */
function ret(rt: SandboxRuntime, op: ReturnOp): OpResult {
  if (rt.frames.length === 0) throw new PyError('SyntaxError', "'return' outside function");
  let value: PyObject | null = null;
  if (op.value !== undefined) {
    value = resolve(rt, op.value);
    rt.heap.incref(value);
  }
  const before = rt.heap.objects.size;
  rt.popFrame();
  let result: OpResult = { depth: rt.frames.length };
  if (value) {
    if (op.name) rt.bind(op.name, value);
    result = { ...result, value: describe(value) };
    rt.heap.decref(value);
  }
  return { ...result, freed: Math.max(0, before - rt.heap.objects.size) };
}

