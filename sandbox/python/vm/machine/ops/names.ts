/**
 * Loads and stores: fast locals, cells, names (class and module namespaces), globals and
 * attributes. Each moves references as CPython 3.11's instructions do: a load pushes a new
 * reference, a store moves the popped one into its slot and releases what was there.
 */
import { NameKind } from '../../../scope.js';
import { PyCell } from '../../../pyobjects.js';
import { PyDict } from '../../../../objects.js';
import type { Machine } from '../machine.js';
import type { VMFrame } from '../frame.js';

export function unboundLocal(m: Machine, f: VMFrame, i: number): never {
  throw m.I.error('UnboundLocalError', `cannot access local variable '${f.code.names[i]}' where it is not associated with a value`);
}

function unboundFree(m: Machine, f: VMFrame, i: number): never {
  throw m.I.error('NameError', `cannot access free variable '${f.code.names[i]}' where it is not associated with a value in enclosing scope`);
}

export function loadFast(m: Machine, f: VMFrame, i: number): void {
  const v = f.fast[i];
  if (!v) unboundLocal(m, f, i);
  m.heap.incref(v);
  f.vs.push(v);
}

export function storeFast(m: Machine, f: VMFrame, i: number): void {
  const old = f.fast[i];
  f.fast[i] = f.vs.pop()!;
  if (old) m.heap.decref(old);
}

export function deleteFast(m: Machine, f: VMFrame, i: number): void {
  const old = f.fast[i];
  if (!old) unboundLocal(m, f, i);
  f.fast[i] = null;
  m.heap.decref(old);
}

/** MAKE_CELL: the slot's value (an argument, or nothing) moves into a new cell. */
export function makeCell(m: Machine, f: VMFrame, i: number): void {
  const heap = m.heap;
  f.fast[i] = heap.track(heap.register(new PyCell(f.fast[i] ?? null)));
}

/** COPY_FREE_VARS: the function's closure cells into the last n slots. */
export function copyFreeVars(m: Machine, f: VMFrame, n: number): void {
  const closure = f.func!.closure!;
  const start = f.fast.length - n;
  for (let j = 0; j < n; j++) {
    const c = closure.items[j]!;
    m.heap.incref(c);
    f.fast[start + j] = c;
  }
}

export function loadClosure(m: Machine, f: VMFrame, i: number): void {
  const c = f.fast[i]!;
  m.heap.incref(c);
  f.vs.push(c);
}

export function loadDeref(m: Machine, f: VMFrame, i: number): void {
  const v = (f.fast[i] as PyCell).ref;
  if (!v) {
    if (i >= f.info.freeStart) unboundFree(m, f, i);
    unboundLocal(m, f, i);
  }
  m.heap.incref(v);
  f.vs.push(v);
}

export function storeDeref(m: Machine, f: VMFrame, i: number): void {
  const cell = f.fast[i] as PyCell;
  const old = cell.ref;
  cell.ref = f.vs.pop()!;
  if (old) m.heap.decref(old);
}

export function deleteDeref(m: Machine, f: VMFrame, i: number): void {
  const cell = f.fast[i] as PyCell;
  const old = cell.ref;
  if (!old) {
    if (i >= f.info.freeStart) unboundFree(m, f, i);
    unboundLocal(m, f, i);
  }
  cell.ref = null;
  m.heap.decref(old);
}

/** LOAD_CLASSDEREF: a class body's name: its namespace first, then the enclosing function's cell. */
export function loadClassDeref(m: Machine, f: VMFrame, i: number): void {
  const name = f.code.names[i]!;
  const v = f.locals?.getStr(name) ?? (f.fast[i] as PyCell).ref;
  if (!v) unboundFree(m, f, i);
  m.heap.incref(v);
  f.vs.push(v);
}

/** LOAD_NAME: the frame's namespace, then globals, then builtins. */
export function loadName(m: Machine, f: VMFrame, ni: number): void {
  const key = f.info.nameKeys[ni]!;
  const locals = f.locals;
  if (locals && locals !== f.globals) {
    const v = locals.getByKey(key);
    if (v) {
      m.heap.incref(v);
      f.vs.push(v);
      return;
    }
  }
  const v = f.globals.getByKeyHinted(key, f.info.nameHints, ni);
  if (v) {
    m.heap.incref(v);
    f.vs.push(v);
    return;
  }
  f.vs.push(m.I.loadBuiltin(f.info.names[ni]!));
}

export function storeName(m: Machine, f: VMFrame, ni: number): void {
  m.I.dictStoreStr(f.locals ?? f.globals, f.info.names[ni]!, f.vs.pop()!);
}

export function deleteName(m: Machine, f: VMFrame, ni: number): void {
  m.I.deleteName(f.info.names[ni]!, f, { kind: NameKind.Name, slot: -1 });
}

/**
 * LOAD_GLOBAL: with the low bit set, a NULL goes below the value (the call's self slot).
 * A name bound in the module is found by its prepared key; anything else (a builtin, an
 * unbound name) is the engine's loadGlobal.
 */
export function loadGlobal(m: Machine, f: VMFrame, arg: number): void {
  const ni = arg >> 1;
  let v = f.globals.getByKeyHinted(f.info.nameKeys[ni]!, f.info.nameHints, ni);
  if (v) m.heap.incref(v);
  else v = m.I.loadBuiltin(f.info.names[ni]!);
  if (arg & 1) f.vs.push(null);
  f.vs.push(v);
}

export function storeGlobal(m: Machine, f: VMFrame, ni: number): void {
  m.I.dictStoreStr(f.globals, f.info.names[ni]!, f.vs.pop()!);
}

export function deleteGlobal(m: Machine, f: VMFrame, ni: number): void {
  m.I.deleteName(f.info.names[ni]!, f, { kind: NameKind.Global, slot: -1 });
}

export function loadAttr(m: Machine, f: VMFrame, ni: number): void {
  const vs = f.vs;
  const o = vs[vs.length - 1]!;
  const v = m.I.getAttr(o, f.info.names[ni]!);
  vs[vs.length - 1] = v;
  m.heap.decref(o);
}

/** STORE_ATTR: TOS.name = TOS1 (the value's reference moves into the object). */
export function storeAttr(m: Machine, f: VMFrame, ni: number): void {
  const o = f.vs.pop()!;
  const v = f.vs.pop()!;
  try {
    m.I.setAttr(o, f.info.names[ni]!, v);
  } finally {
    m.heap.decref(o);
  }
}

export function deleteAttr(m: Machine, f: VMFrame, ni: number): void {
  const o = f.vs.pop()!;
  try {
    m.I.delAttr(o, f.info.names[ni]!);
  } finally {
    m.heap.decref(o);
  }
}

/**
 * LOAD_METHOD: [meth, self] when the attribute is a plain function (or a builtin's method)
 * found on the type, so the call passes the object first with no bound method between;
 * otherwise [NULL, attribute].
 */
export function loadMethod(m: Machine, f: VMFrame, ni: number): void {
  const vs = f.vs;
  const o = vs[vs.length - 1]!;
  const name = f.info.names[ni]!;
  const meth = m.I.lookupMethod(o, name);
  if (meth) {
    m.heap.incref(meth);
    vs[vs.length - 1] = meth;
    vs.push(o);
    return;
  }
  const v = m.I.getAttr(o, name);
  vs[vs.length - 1] = null;
  vs.push(v);
  m.heap.decref(o);
}

/** SETUP_ANNOTATIONS: a module or class body with annotations gets its `__annotations__` dict. */
export function setupAnnotations(m: Machine, f: VMFrame): void {
  const ns = f.locals ?? f.globals;
  if (ns.getStr('__annotations__') !== undefined) return;
  m.I.dictStoreStr(ns, '__annotations__', m.heap.register(new PyDict()));
}
