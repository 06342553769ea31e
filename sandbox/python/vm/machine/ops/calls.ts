/**
 * Functions and calls: MAKE_FUNCTION, PRECALL / KW_NAMES / CALL, CALL_FUNCTION_EX, and
 * the frame a machine function gets when called. A call of a machine function pushes its
 * frame into the same loop (the callable's stack reference moves into the frame, as
 * _PyEvalFramePushAndInit steals it); anything else is the engine's `call`, which consumes
 * the arguments and returns a new reference.
 */
import { dictSetItem } from '../../../../containers.js';
import { None, PyDict, PyNative, PyObject, PyStr, PyTuple, PyType, compilerStaticStr, objectType } from '../../../../objects.js';
import { newInstance } from '../../../../factory.js';
import type { Kw } from '../../../interpreter.js';
import { PyFunction, PyMethod, PyWrapper, staticmethodType } from '../../../pyobjects.js';
import { infoOfCode } from '../consts.js';
import { type CodeInfo, type MachineCode, VMFrame } from '../frame.js';
import type { Machine } from '../machine.js';
import { QUICKENING_WARMUP_DELAY, callEntersRecursion } from '../ccall.js';

/** cfunction_vectorcall's and _PyObject_MakeTpCall's Py_EnterRecursiveCall `where`. */
const CALLING = ' while calling a Python object';

/** Whether the code `f` runs is quickened (its call sites specialized), as 3.11's co_warmup says. */
function quickened(f: VMFrame): boolean {
  return f.info.warmup >= QUICKENING_WARMUP_DELAY;
}

/** The CodeInfo of a function the machine made (undefined for any other). */
export function infoOfFunction(fn: PyFunction): CodeInfo | undefined {
  return (fn.code as MachineCode).vmInfo;
}

/**
 * MAKE_FUNCTION flags: the code object on top; below it, as the flags say, the closure
 * tuple (8), annotations (4), keyword-only defaults dict (2), positional defaults tuple (1).
 */
export function makeFunction(m: Machine, f: VMFrame, flags: number): void {
  const heap = m.heap;
  const vs = f.vs;
  const codeObj = vs.pop()!;
  const info = infoOfCode(codeObj)!;
  const closure = flags & 8 ? (vs.pop() as PyTuple) : null;
  if (flags & 4) heap.decref(vs.pop()!);
  const kwdefaults = flags & 2 ? (vs.pop() as PyDict) : null;
  const defaults = flags & 1 ? (vs.pop() as PyTuple) : null;
  heap.incref(f.globals);
  // The names are the code object's: interned, or one of the compiler's static strs.
  const nm = compilerStaticStr(info.co.co_name) ?? m.I.rt.intern(info.co.co_name);
  const qn = compilerStaticStr(info.co.co_qualname) ?? m.I.rt.intern(info.co.co_qualname);
  heap.incref(nm);
  heap.incref(qn);
  const fn = heap.track(heap.register(new PyFunction(info.code, f.globals, nm, qn, defaults, kwdefaults, closure)));
  // func_doc (PyFunction_New): co_consts[0] when it is a str. The compiler puts a docstring
  // there, or None (a lambda always None), so a str there is the docstring.
  const first = info.consts[0];
  fn.doc = first instanceof PyStr ? first : None;
  heap.incref(fn.doc);
  heap.decref(codeObj);
  vs.push(fn);
}

/**
 * A frame for calling `fn` with `args` / `kw` (consumed): arguments bound by the engine's
 * bindArgs, then moved into CPython's localsplus order. `f.func` is set to `fn` without a
 * new reference: the caller gives the frame the one it holds.
 */
export function newFunctionFrame(m: Machine, fn: PyFunction, info: CodeInfo, args: PyObject[], kw: Kw): VMFrame {
  const f = new VMFrame(info, fn.globals!, null, fn);
  if (kw === null && info.simpleArgs && args.length === info.co.co_argcount) {
    // Exactly its positional parameters: bindArgs would only copy them (no defaults taken,
    // nothing to complain about).
    const fast = f.fast;
    for (let i = 0; i < args.length; i++) fast[i] = args[i]!;
    return f;
  }
  try {
    m.I.bindArgs(fn, f, args, kw);
  } catch (e) {
    m.I.clearFrame(f);
    f.func = null;
    throw e;
  }
  const code = info.code;
  if (code.vararg !== null && code.kwonly.length > 0) {
    // bindArgs lays out *args before the keyword-only arguments; CPython after them.
    const np = code.posargs.length;
    const nk = code.kwonly.length;
    const star = f.fast[np]!;
    for (let i = 0; i < nk; i++) f.fast[np + i] = f.fast[np + 1 + i]!;
    f.fast[np + nk] = star;
  }
  return f;
}

/** PRECALL: a bound method in the callable slot is split into its function and self. */
export function precall(m: Machine, f: VMFrame, n: number): void {
  const vs = f.vs;
  const at = vs.length - n - 2;
  if (vs[at] !== null) return;
  const callable = vs[at + 1]!;
  if (!(callable instanceof PyMethod) || !callable.func || !callable.self) return;
  m.heap.incref(callable.func);
  m.heap.incref(callable.self);
  vs[at] = callable.func;
  vs[at + 1] = callable.self;
  m.heap.decref(callable);
}

/** KW_NAMES: the names of the next call's last arguments (a constant tuple, borrowed). */
export function kwNames(m: Machine, f: VMFrame, i: number): void {
  f.kwnames = f.info.consts[i]!;
  void m;
}

/**
 * CALL n: [NULL, callable, args...] or [method, self, args...]. Returns the callee's new
 * frame for a machine function (already pushed); otherwise the result is pushed.
 */
export function call(m: Machine, f: VMFrame, n: number): VMFrame | undefined {
  const vs = f.vs;
  const top = vs.length;
  const isMeth = vs[top - n - 2] !== null;
  if (f.kwnames === null) {
    // The common case first: positional arguments to a machine function that takes exactly
    // them move straight from the value stack into the new frame's fast locals.
    const nargs = isMeth ? n + 1 : n;
    const callable = vs[top - nargs - 1];
    if (callable instanceof PyFunction) {
      const info = (callable.code as MachineCode).vmInfo;
      if (info && info.simpleArgs && info.co.co_argcount === nargs) return callSimple(m, f, callable, info, nargs, top - n - 2);
    } else if (isMeth && n <= 2 && callable instanceof PyNative && callable.method !== null && callable.self === null) {
      callMethodNative(m, f, callable, n);
      return undefined;
    }
  }
  // The arguments (self first for a method) are copied out, then the call's slots popped.
  const slot = top - n - 2;
  const callable = vs[isMeth ? slot : slot + 1]!;
  const first = isMeth ? slot + 1 : slot + 2;
  const args = new Array<PyObject>(top - first);
  for (let i = first; i < top; i++) args[i - first] = vs[i]!;
  while (vs.length > slot) vs.pop();
  const names = f.kwnames as PyTuple | null;
  f.kwnames = null;
  let kw: Kw = null;
  if (names) {
    const k = names.items.length;
    const vals = args.splice(args.length - k, k);
    kw = names.items.map((name, i) => [(name as PyStr).value, vals[i]!]);
  }
  return callWith(m, f, callable, args, kw, quickened(f));
}

/**
 * CALL n (at most 2) of a builtin type's method found by LOAD_METHOD: [method, self,
 * args...] on the stack. The same call as the engine's (Interpreter.call of the PyNative,
 * whose `impl` splits self from the arguments), with self and the arguments handed over
 * apart in a new array (the method may keep or change it); then self, the arguments and
 * the method are released in the engine's order.
 */
function callMethodNative(m: Machine, f: VMFrame, fn: PyNative, n: number): void {
  const vs = f.vs;
  const a1 = n === 2 ? vs.pop()! : null;
  const a0 = n >= 1 ? vs.pop()! : null;
  const self = vs.pop()!;
  vs.pop();
  const args = a1 ? [a0!, a1] : a0 ? [a0] : [];
  const heap = m.heap;
  const enters = callEntersRecursion(fn, self, n, false, quickened(f));
  let r: PyObject;
  try {
    if (enters) m.I.enterRecursiveCall(CALLING);
    try {
      r = fn.method!(self, args, null);
    } finally {
      if (enters) m.I.leaveRecursiveCall();
    }
  } finally {
    heap.decref(self);
    if (a0) heap.decref(a0);
    if (a1) heap.decref(a1);
    heap.decref(fn);
  }
  vs.push(r);
}

/**
 * Push the frame of `fn` for a call whose `nargs` arguments (exactly its positional
 * parameters) are the top of the caller's stack, above the call's first slot `base`. The
 * references move: the arguments into the fast locals, the callable into the frame.
 */
function callSimple(m: Machine, f: VMFrame, fn: PyFunction, info: CodeInfo, nargs: number, base: number): VMFrame {
  const vs = f.vs;
  const nf = new VMFrame(info, fn.globals!, null, fn);
  const fast = nf.fast;
  const first = vs.length - nargs;
  for (let i = 0; i < nargs; i++) fast[i] = vs[first + i]!;
  // Pops, not `length = base`: shrinking an array by its length is a runtime call in V8.
  while (vs.length > base) vs.pop();
  try {
    m.pushFrame(nf);
  } catch (e) {
    m.releaseFrame(nf);
    throw e;
  }
  return nf;
}

/**
 * A class defined in the sandbox whose instances are plain objects made by object.__new__
 * and whose `__init__` is a machine function: the `__init__` the call runs in the loop
 * (borrowed), else null for the engine's callType.
 */
function loopInit(m: Machine, t: PyType): PyFunction | null {
  if (!t.isHeapType || t.mro.find((b) => !b.isHeapType) !== objectType) return null;
  const methods = m.I.b.methods;
  const newm = t.lookup('__new__', methods);
  if (newm instanceof PyFunction || (newm instanceof PyWrapper && newm.type === staticmethodType)) return null;
  const init = t.lookup('__init__', methods);
  return init instanceof PyFunction && (init.code as MachineCode).vmInfo ? init : null;
}

/**
 * Call class `t` (its reference consumed) with args and kw (consumed) by running its
 * `__init__` in the loop on a new instance. The class call is a recursion level of its own
 * (type_call's Py_EnterRecursiveCall), as is the `__init__` frame.
 */
function callClassInLoop(m: Machine, t: PyType, init: PyFunction, args: PyObject[], kw: Kw): VMFrame {
  const I = m.I;
  const heap = m.heap;
  if (I.depth >= I.recursionLimit) {
    heap.decref(t);
    for (const a of args) heap.decref(a);
    if (kw) for (const [, v] of kw) heap.decref(v);
    throw I.error('RecursionError', 'maximum recursion depth exceeded while calling a Python object');
  }
  const inst = newInstance(heap, t);
  heap.decref(t);
  heap.incref(inst);
  // self first: a new array rather than args.unshift, which V8 runs as a slow runtime call.
  const withSelf: PyObject[] = [inst];
  for (let i = 0; i < args.length; i++) withSelf.push(args[i]!);
  heap.incref(init);
  let nf: VMFrame;
  try {
    nf = newFunctionFrame(m, init, (init.code as MachineCode).vmInfo!, withSelf, kw);
  } catch (e) {
    heap.decref(init);
    heap.decref(inst);
    throw e;
  }
  nf.initOf = inst;
  I.depth++;
  try {
    m.pushFrame(nf);
  } catch (e) {
    I.depth--;
    nf.initOf = null;
    m.releaseFrame(nf);
    heap.decref(inst);
    throw e;
  }
  return nf;
}

/** Call `callable` (its reference is consumed) with args and kw (consumed). */
function callWith(m: Machine, f: VMFrame, callable: PyObject, args: PyObject[], kw: Kw, specialized: boolean): VMFrame | undefined {
  if (callable instanceof PyType) {
    const init = loopInit(m, callable);
    if (init) return callClassInLoop(m, callable, init, args, kw);
  }
  if (callable instanceof PyFunction) {
    const info = (callable.code as MachineCode).vmInfo;
    if (info) {
      let nf: VMFrame;
      try {
        nf = newFunctionFrame(m, callable, info, args, kw);
      } catch (e) {
        m.heap.decref(callable);
        throw e;
      }
      try {
        m.pushFrame(nf);
      } catch (e) {
        m.releaseFrame(nf);
        throw e;
      }
      return nf;
    }
  }
  // A method found by LOAD_METHOD on a builtin type has its object first among the arguments.
  const owner = callable instanceof PyNative && callable.method !== null && callable.self === null ? (args[0] ?? null) : null;
  const enters = callEntersRecursion(callable, owner, owner ? args.length - 1 : args.length, kw !== null, specialized);
  let r: PyObject;
  try {
    if (enters) {
      try {
        m.I.enterRecursiveCall(CALLING);
      } catch (e) {
        for (const a of args) m.heap.decref(a);
        if (kw) for (const [, v] of kw) m.heap.decref(v);
        throw e;
      }
    }
    try {
      r = m.I.call(callable, args, kw);
    } finally {
      if (enters) m.I.leaveRecursiveCall();
    }
  } finally {
    m.heap.decref(callable);
  }
  f.vs.push(r);
  return undefined;
}

/** CALL_FUNCTION_EX flags: [NULL, callable, args tuple, kwargs dict if flags & 1]. */
export function callFunctionEx(m: Machine, f: VMFrame, flags: number): VMFrame | undefined {
  const heap = m.heap;
  const vs = f.vs;
  const kwargs = flags & 1 ? (vs.pop() as PyObject) : null;
  const callargs = vs.pop()!;
  const callable = vs.pop()!;
  const nul = vs.pop();
  if (nul) heap.decref(nul);
  let args: PyObject[];
  let kw: Kw = null;
  try {
    args = callargs instanceof PyTuple ? callargs.items.slice() : m.I.toArray(callargs);
    if (callargs instanceof PyTuple) for (const a of args) heap.incref(a);
    if (kwargs) {
      kw = [];
      for (const [k, v] of (kwargs as PyDict).entries()) {
        heap.incref(v);
        kw.push([(k as PyStr).value, v]);
      }
    }
  } catch (e) {
    heap.decref(callable);
    throw e;
  } finally {
    heap.decref(callargs);
    if (kwargs) heap.decref(kwargs);
  }
  // PyObject_Call: never specialized.
  return callWith(m, f, callable, args, kw, false);
}

/** A str-keyed dict entry (used by the class builder for `__classcell__`). */
export function setStr(m: Machine, d: PyDict, name: string, v: PyObject): void {
  dictSetItem(m.heap, d, m.I.rt.intern(name), v);
}
