/**
 * Operators: BINARY_OP, COMPARE_OP, IS_OP, CONTAINS_OP, the unary operators, subscripts
 * and slices. The operation itself is the engine's (builtins.ts binop/compare/unary,
 * interpreter.ts getItem/setItem/delItem); these move the operands' references as the
 * value stack holds them: both operands stay referenced until the result exists.
 */
import type * as A from '../../../ast.js';
import type { PyObject } from '../../../../objects.js';
import { PySlice } from '../../../pyobjects.js';
import type { Machine } from '../machine.js';
import type { VMFrame } from '../frame.js';

/** BINARY_OP's argument (opcode._nb_ops order) as the engine's operator; 13 and up are in-place. */
const NB_OPERATORS: readonly A.Operator[] = [
  'Add', 'BitAnd', 'FloorDiv', 'LShift', 'MatMult', 'Mult', 'Mod', 'BitOr', 'Pow', 'RShift', 'Sub', 'Div', 'BitXor',
];

/** COMPARE_OP's argument (opcode.cmp_op order). */
const CMP_OPERATORS: readonly A.CmpOperator[] = ['Lt', 'LtE', 'Eq', 'NotEq', 'Gt', 'GtE'];

export function binaryOp(m: Machine, f: VMFrame, arg: number): void {
  const vs = f.vs;
  const b = vs.pop()!;
  const a = vs[vs.length - 1]!;
  let r: PyObject;
  try {
    r = m.I.binop(NB_OPERATORS[arg % 13]!, a, b, arg >= 13);
  } finally {
    m.heap.decref(b);
  }
  vs[vs.length - 1] = r;
  m.heap.decref(a);
}

export function compareOp(m: Machine, f: VMFrame, arg: number): void {
  const vs = f.vs;
  const b = vs.pop()!;
  const a = vs[vs.length - 1]!;
  let r: PyObject;
  try {
    r = m.I.richCompare(CMP_OPERATORS[arg]!, a, b);
  } finally {
    m.heap.decref(b);
  }
  vs[vs.length - 1] = r;
  m.heap.decref(a);
}

export function isOp(m: Machine, f: VMFrame, invert: number): void {
  const vs = f.vs;
  const b = vs.pop()!;
  const a = vs[vs.length - 1]!;
  vs[vs.length - 1] = m.I.bool((a === b) !== (invert === 1));
  m.heap.decref(a);
  m.heap.decref(b);
}

export function containsOp(m: Machine, f: VMFrame, invert: number): void {
  const vs = f.vs;
  const container = vs.pop()!;
  const v = vs[vs.length - 1]!;
  let r: boolean;
  try {
    r = m.I.contains(container, v);
  } finally {
    m.heap.decref(container);
  }
  vs[vs.length - 1] = m.I.bool(r !== (invert === 1));
  m.heap.decref(v);
}

export function unary(m: Machine, f: VMFrame, op: A.UnaryOperator): void {
  const vs = f.vs;
  const v = vs[vs.length - 1]!;
  const r = m.I.unary(op, v);
  vs[vs.length - 1] = r;
  m.heap.decref(v);
}

export function binarySubscr(m: Machine, f: VMFrame): void {
  const vs = f.vs;
  const k = vs.pop()!;
  const o = vs[vs.length - 1]!;
  let r: PyObject;
  try {
    r = m.I.getItem(o, k);
  } finally {
    m.heap.decref(k);
  }
  vs[vs.length - 1] = r;
  m.heap.decref(o);
}

/** STORE_SUBSCR: TOS1[TOS] = TOS2 (the value's reference moves into the container). */
export function storeSubscr(m: Machine, f: VMFrame): void {
  const vs = f.vs;
  const k = vs.pop()!;
  const o = vs.pop()!;
  const v = vs.pop()!;
  try {
    m.I.setItem(o, k, v);
  } finally {
    m.heap.decref(o);
    m.heap.decref(k);
  }
}

export function deleteSubscr(m: Machine, f: VMFrame): void {
  const vs = f.vs;
  const k = vs.pop()!;
  const o = vs.pop()!;
  try {
    m.I.delItem(o, k);
  } finally {
    m.heap.decref(o);
    m.heap.decref(k);
  }
}

/** BUILD_SLICE 2 or 3: the slice takes the bounds' references (a missing step is None). */
export function buildSlice(m: Machine, f: VMFrame, n: number): void {
  const vs = f.vs;
  const step = n === 3 ? vs.pop()! : m.none();
  const stop = vs.pop()!;
  const start = vs.pop()!;
  vs.push(m.heap.register(new PySlice(start, stop, step)));
}

/** UNARY_NOT's result without a call: the truth of TOS, inverted. */
export function unaryNot(m: Machine, f: VMFrame): void {
  const vs = f.vs;
  const v = vs[vs.length - 1]!;
  const t = m.I.truth(v);
  vs[vs.length - 1] = m.I.bool(!t);
  m.heap.decref(v);
}



/**
 * BINARY_OP on two exact ints held as JS numbers, as the engine's intOp computes it for
 * the operators that are plain arithmetic there (+, -, *, //, %, in place or not): the
 * result when it is a whole number within 2**53, else NaN — the caller then takes the
 * engine's path (big ints, a zero divisor, every other operator), which raises or widens.
 */
export function intArith(arg: number, av: number | bigint, bv: number | bigint): number {
  if (typeof av !== 'number' || typeof bv !== 'number') return NaN;
  let r: number;
  switch (arg >= 13 ? arg - 13 : arg) {
    case 0: r = av + bv; break; // Add
    case 10: r = av - bv; break; // Sub
    case 5: r = av * bv; break; // Mult
    case 2: // FloorDiv
      if (bv === 0) return NaN;
      r = Math.floor(av / bv);
      break;
    case 6: { // Mod
      if (bv === 0) return NaN;
      const m = av % bv;
      r = m !== 0 && (m < 0) !== (bv < 0) ? m + bv : m;
      break;
    }
    default: return NaN;
  }
  return Number.isSafeInteger(r) ? r : NaN;
}

/** COMPARE_OP (opcode.cmp_op order) on two ints held as JS numbers. */
export function compareNumbers(arg: number, a: number, b: number): boolean {
  switch (arg) {
    case 0: return a < b;
    case 1: return a <= b;
    case 2: return a === b;
    case 3: return a !== b;
    case 4: return a > b;
    default: return a >= b;
  }
}
