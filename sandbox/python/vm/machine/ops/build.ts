/**
 * Building containers and strings: BUILD_TUPLE/LIST/SET/MAP/CONST_KEY_MAP/STRING, the
 * comprehension appends (LIST_APPEND, SET_ADD, MAP_ADD), the display extenders
 * (LIST_EXTEND, SET_UPDATE, DICT_UPDATE, DICT_MERGE, LIST_TO_TUPLE), unpacking
 * (UNPACK_SEQUENCE, UNPACK_EX) and FORMAT_VALUE. Item references move from the value stack
 * into the new container, as the C instructions steal them.
 */
import {
  dictReserve, dictSetItem, listAppend, setAdd, setMergePresize,
} from '../../../../containers.js';
import { newNumberStr } from '../../../../factory.js';
import { PyDict, PyList, PyNative, PyObject, PySet, PyStr, PyTuple, PyType, strType } from '../../../../objects.js';
import { PyFunction } from '../../../pyobjects.js';
import { isNumber } from '../../../builtins.js';
import type { Machine } from '../machine.js';
import type { VMFrame } from '../frame.js';

/** The top n values, in stack order, taken off the stack (their references move to the caller). */
export function popN(f: VMFrame, n: number): PyObject[] {
  const vs = f.vs;
  // Copied and popped rather than spliced: splice is a slow generic builtin in V8, and a
  // display's few items are the common case.
  const base = vs.length - n;
  const out: PyObject[] = [];
  for (let i = base; i < vs.length; i++) out.push(vs[i]!);
  while (vs.length > base) vs.pop();
  return out;
}

export function buildTuple(m: Machine, f: VMFrame, n: number): void {
  f.vs.push(m.I.tupleOwned(popN(f, n)));
}

export function buildList(m: Machine, f: VMFrame, n: number): void {
  const heap = m.heap;
  f.vs.push(heap.track(heap.register(new PyList(popN(f, n)))));
}

export function buildSet(m: Machine, f: VMFrame, n: number): void {
  const heap = m.heap;
  const items = popN(f, n);
  const s = heap.track(heap.register(new PySet()));
  try {
    for (const i of items) setAdd(heap, s, i);
  } catch (e) {
    heap.decref(s);
    throw e;
  } finally {
    for (const i of items) heap.decref(i);
  }
  f.vs.push(s);
}

/** BUILD_MAP n: n key/value pairs, inserted in order (a display of more than 5 presizes). */
export function buildMap(m: Machine, f: VMFrame, n: number): void {
  const heap = m.heap;
  const kv = popN(f, 2 * n);
  const d = heap.register(new PyDict());
  try {
    if (n > 5) dictReserve(heap, d, n, kv.every((x, i) => i % 2 === 1 || x instanceof PyStr));
    for (let i = 0; i < kv.length; i += 2) dictSetItem(heap, d, kv[i]!, kv[i + 1]!);
  } catch (e) {
    heap.decref(d);
    throw e;
  } finally {
    for (const x of kv) heap.decref(x);
  }
  f.vs.push(d);
}

/** BUILD_CONST_KEY_MAP n: the keys are one constant tuple on top, the values below it. */
export function buildConstKeyMap(m: Machine, f: VMFrame, n: number): void {
  const heap = m.heap;
  const keys = f.vs.pop() as PyTuple;
  const vals = popN(f, n);
  const d = heap.register(new PyDict());
  try {
    if (n > 5) dictReserve(heap, d, n, keys.items.every((k) => k instanceof PyStr));
    for (let i = 0; i < n; i++) dictSetItem(heap, d, keys.items[i]!, vals[i]!);
  } catch (e) {
    heap.decref(d);
    throw e;
  } finally {
    for (const x of vals) heap.decref(x);
    heap.decref(keys);
  }
  f.vs.push(d);
}

export function buildString(m: Machine, f: VMFrame, n: number): void {
  const parts = popN(f, n);
  let s = '';
  for (const p of parts) s += (p as PyStr).value;
  for (const p of parts) m.heap.decref(p);
  f.vs.push(m.I.newStr(s));
}

/** LIST_APPEND i: TOS appended to the list i deep (below it); the reference moves. */
export function listAppendOp(m: Machine, f: VMFrame, i: number): void {
  const v = f.vs.pop()!;
  const l = f.vs[f.vs.length - i] as PyList;
  try {
    listAppend(m.heap, l, v);
  } finally {
    m.heap.decref(v);
  }
}

export function setAddOp(m: Machine, f: VMFrame, i: number): void {
  const v = f.vs.pop()!;
  const s = f.vs[f.vs.length - i] as PySet;
  try {
    setAdd(m.heap, s, v);
  } finally {
    m.heap.decref(v);
  }
}

/** MAP_ADD i: TOS1: TOS into the dict i deep. */
export function mapAdd(m: Machine, f: VMFrame, i: number): void {
  const v = f.vs.pop()!;
  const k = f.vs.pop()!;
  const d = f.vs[f.vs.length - i] as PyDict;
  try {
    dictSetItem(m.heap, d, k, v);
  } finally {
    m.heap.decref(k);
    m.heap.decref(v);
  }
}

export function listExtend(m: Machine, f: VMFrame, i: number): void {
  const src = f.vs.pop()!;
  const l = f.vs[f.vs.length - i] as PyList;
  try {
    m.I.b.listExtendFrom(l, src);
  } catch (e) {
    if (e instanceof Error) throw e;
    throw e;
  } finally {
    m.heap.decref(src);
  }
}

export function setUpdate(m: Machine, f: VMFrame, i: number): void {
  const src = f.vs.pop()!;
  const s = f.vs[f.vs.length - i] as PySet;
  try {
    const items = m.I.toArray(src);
    // set_merge: another set's items go in after one resize for all of them.
    if (src instanceof PySet) setMergePresize(s, items.length);
    try {
      for (const x of items) setAdd(m.heap, s, x);
    } finally {
      for (const x of items) m.heap.decref(x);
    }
  } finally {
    m.heap.decref(src);
  }
}

export function dictUpdate(m: Machine, f: VMFrame, i: number): void {
  const src = f.vs.pop()!;
  const d = f.vs[f.vs.length - i] as PyDict;
  try {
    m.I.dictUpdate(d, src);
  } finally {
    m.heap.decref(src);
  }
}

/** DICT_MERGE i: a call's **mapping into its keyword dict; a repeated key is a TypeError. */
export function dictMerge(m: Machine, f: VMFrame, i: number): void {
  const src = f.vs.pop()!;
  const d = f.vs[f.vs.length - i] as PyDict;
  const fn = f.vs[f.vs.length - i - 2];
  try {
    if (!(src instanceof PyDict)) {
      throw m.I.error('TypeError', `${fn ? funcName(m, fn) : 'function'} argument after ** must be a mapping, not ${src.type.name}`);
    }
    for (const [k, v] of [...src.entries()]) {
      if (d.getStr((k as PyStr).value) !== undefined) {
        throw m.I.error('TypeError', `${fn ? funcName(m, fn) : 'function'} got multiple values for keyword argument '${(k as PyStr).value}'`);
      }
      dictSetItem(m.heap, d, k, v);
    }
  } finally {
    m.heap.decref(src);
  }
}

/** _PyObject_FunctionStr: `module.qualname()`, without the module for builtins. */
function funcName(m: Machine, fn: PyObject): string {
  if (fn instanceof PyFunction) return `__main__.${fn.qualname?.value ?? ''}()`;
  if (fn instanceof PyType) return fn.isHeapType ? `__main__.${fn.name}()` : `${fn.name}()`;
  if (fn instanceof PyNative) return `${fn.name}()`;
  return `${fn.type.name} object`;
}

export function listToTuple(m: Machine, f: VMFrame): void {
  const l = f.vs.pop() as PyList;
  const items = l.items.slice();
  for (const x of items) m.heap.incref(x);
  m.heap.decref(l);
  f.vs.push(m.I.tupleOwned(items));
}

/** UNPACK_SEQUENCE n: the items pushed last first, so the first target is stored first. */
export function unpackSequence(m: Machine, f: VMFrame, n: number): void {
  const items = m.I.unpackValues(f.vs.pop()!, n, -1);
  for (let i = n - 1; i >= 0; i--) f.vs.push(items[i]!);
}

/** UNPACK_EX: `before` items, a list of the rest, `after` items (arg = before | after << 8). */
export function unpackEx(m: Machine, f: VMFrame, arg: number): void {
  const before = arg & 0xff;
  const after = arg >> 8;
  const out = m.I.unpackValues(f.vs.pop()!, before + after + 1, before);
  for (let i = out.length - 1; i >= 0; i--) f.vs.push(out[i]!);
}

/**
 * FORMAT_VALUE: flags & 3 is the conversion (1 str, 2 repr, 3 ascii), flags & 4 a format
 * spec on top. An exact str with no spec and no conversion is its own result.
 */
export function formatValue(m: Machine, f: VMFrame, flags: number): void {
  const I = m.I;
  const spec = flags & 4 ? (f.vs.pop() as PyStr) : null;
  const o = f.vs.pop()!;
  const conv = flags & 3;
  // PyObject_Format's shortcut: an empty spec is no spec for an exact str (or int).
  const noSpec = !spec || spec.value === '';
  try {
    if (noSpec && (conv === 0 || conv === 1) && o.type === strType) {
      I.heap.incref(o);
      f.vs.push(o);
      return;
    }
    const s = spec ? spec.value : '';
    let text: string;
    if (conv === 2) text = I.format(I.reprObj(o), s, true);
    else if (conv === 3) text = I.format(I.reprObj(o, true), s, true);
    else if (conv === 1) text = spec ? I.format(I.strObjTmp(o), s, true) : I.str(o);
    else text = I.format(o, s, false);
    f.vs.push(noSpec && conv === 0 && isNumber(o) ? newNumberStr(m.heap, text) : I.newStr(text));
  } finally {
    m.heap.decref(o);
    if (spec) m.heap.decref(spec);
  }
}
