/**
 * The instruction table: one handler per opcode, each `(machine, frame, oparg)`. A handler
 * returns nothing to continue in the same frame, a callee's new frame (already pushed) to
 * continue there, or null when the frame returned or yielded (its value on top of its
 * stack). Plain stack shuffles and jumps are here; every family of instructions with more
 * to it has its own module under ops/. (A table, not a switch: the loop indexes it by
 * opcode, so no instruction pays for comparing against the others.)
 */
import { None } from '../../../objects.js';
import { CACHE_ENTRIES, Op } from '../opcodes.js';
import type { VMFrame } from './frame.js';
import type { Machine } from './machine.js';
import * as B from './ops/build.js';
import * as C from './ops/calls.js';
import * as E from './ops/exceptions.js';
import * as L from './ops/flow.js';
import * as G from './ops/generators.js';
import * as M from './ops/imports.js';
import * as N from './ops/names.js';
import * as O from './ops/operators.js';

export type Handler = (m: Machine, f: VMFrame, arg: number) => VMFrame | null | void;

/** An opcode the machine lacks: NotImplementedError naming it. */
function unsupported(op: number): Handler {
  return (m) => m.unsupported(op);
}

/** Inline cache units after each opcode. */
export const CACHES: Int32Array = (() => {
  const t = new Int32Array(256);
  for (const [op, n] of Object.entries(CACHE_ENTRIES)) t[Number(op)] = n;
  return t;
})();

/** EXTENDED_ARG: the next instruction runs with this argument as its high bits. */
function extendedArg(m: Machine, f: VMFrame, arg: number): VMFrame | null | void {
  const at = f.ip;
  const unit = f.info.units[at]!;
  const op = unit & 0xff;
  f.lasti = at;
  f.ip = at + 1 + CACHES[op]!;
  return TABLE[op]!(m, f, (arg << 8) | (unit >> 8));
}

function popTop(m: Machine, f: VMFrame): void {
  const v = f.vs.pop();
  if (v) m.heap.decref(v);
}

function copy(m: Machine, f: VMFrame, n: number): void {
  const vs = f.vs;
  const v = vs[vs.length - n]!;
  if (v) m.heap.incref(v);
  vs.push(v);
}

function swap(_m: Machine, f: VMFrame, n: number): void {
  const vs = f.vs;
  const i = vs.length - 1;
  const j = vs.length - n;
  const t = vs[i]!;
  vs[i] = vs[j]!;
  vs[j] = t;
}

function loadConst(m: Machine, f: VMFrame, i: number): void {
  const v = f.info.consts[i]!;
  m.heap.incref(v);
  f.vs.push(v);
}

function popJumpIfNone(want: boolean, dir: 1 | -1): Handler {
  return (m, f, arg) => {
    const v = f.vs.pop()!;
    const isNone = v === None;
    m.heap.decref(v);
    if (isNone === want) f.ip += dir * arg;
  };
}

function jumpOrPop(when: boolean): Handler {
  return (m, f, arg) => {
    if (L.peekTruth(m, f) === when) f.ip += arg;
    else m.heap.decref(f.vs.pop()!);
  };
}

function loadBuildClass(m: Machine, f: VMFrame): void {
  const bc = m.I.b.names.get('__build_class__')!;
  m.heap.incref(bc);
  f.vs.push(bc);
}

const nothing = (): void => {};

/** The handlers, indexed by opcode. */
export const TABLE: Handler[] = (() => {
  const T: Handler[] = Array.from({ length: 256 }, (_, op) => unsupported(op));
  T[Op.NOP] = nothing;
  T[Op.RESUME] = (_m, f) => {
    f.info.warmup++;
  };
  T[Op.EXTENDED_ARG] = extendedArg;
  T[Op.POP_TOP] = popTop;
  T[Op.PUSH_NULL] = (_m, f) => {
    f.vs.push(null);
  };
  T[Op.COPY] = copy;
  T[Op.SWAP] = swap;
  T[Op.LOAD_CONST] = loadConst;
  T[Op.JUMP_FORWARD] = (_m, f, arg) => {
    f.ip += arg;
  };
  T[Op.JUMP_BACKWARD] = (_m, f, arg) => {
    f.info.warmup++;
    f.ip -= arg;
  };
  T[Op.JUMP_BACKWARD_NO_INTERRUPT] = (_m, f, arg) => {
    f.ip -= arg;
  };
  const popTruth = L.popTruth;
  T[Op.POP_JUMP_FORWARD_IF_FALSE] = (m, f, arg) => {
    if (!popTruth(m, f)) f.ip += arg;
  };
  T[Op.POP_JUMP_FORWARD_IF_TRUE] = (m, f, arg) => {
    if (popTruth(m, f)) f.ip += arg;
  };
  T[Op.POP_JUMP_BACKWARD_IF_FALSE] = (m, f, arg) => {
    if (!popTruth(m, f)) f.ip -= arg;
  };
  T[Op.POP_JUMP_BACKWARD_IF_TRUE] = (m, f, arg) => {
    if (popTruth(m, f)) f.ip -= arg;
  };
  T[Op.POP_JUMP_FORWARD_IF_NONE] = popJumpIfNone(true, 1);
  T[Op.POP_JUMP_BACKWARD_IF_NONE] = popJumpIfNone(true, -1);
  T[Op.POP_JUMP_FORWARD_IF_NOT_NONE] = popJumpIfNone(false, 1);
  T[Op.POP_JUMP_BACKWARD_IF_NOT_NONE] = popJumpIfNone(false, -1);
  T[Op.JUMP_IF_FALSE_OR_POP] = jumpOrPop(false);
  T[Op.JUMP_IF_TRUE_OR_POP] = jumpOrPop(true);
  T[Op.RETURN_VALUE] = () => null;
  T[Op.LOAD_BUILD_CLASS] = loadBuildClass;
  T[Op.SETUP_ANNOTATIONS] = N.setupAnnotations;
  T[Op.LOAD_FAST] = N.loadFast;
  T[Op.STORE_FAST] = N.storeFast;
  T[Op.DELETE_FAST] = N.deleteFast;
  T[Op.LOAD_NAME] = N.loadName;
  T[Op.STORE_NAME] = N.storeName;
  T[Op.DELETE_NAME] = N.deleteName;
  T[Op.LOAD_GLOBAL] = N.loadGlobal;
  T[Op.STORE_GLOBAL] = N.storeGlobal;
  T[Op.DELETE_GLOBAL] = N.deleteGlobal;
  T[Op.MAKE_CELL] = N.makeCell;
  T[Op.COPY_FREE_VARS] = N.copyFreeVars;
  T[Op.LOAD_CLOSURE] = N.loadClosure;
  T[Op.LOAD_DEREF] = N.loadDeref;
  T[Op.STORE_DEREF] = N.storeDeref;
  T[Op.DELETE_DEREF] = N.deleteDeref;
  T[Op.LOAD_CLASSDEREF] = N.loadClassDeref;
  T[Op.LOAD_ATTR] = N.loadAttr;
  T[Op.STORE_ATTR] = N.storeAttr;
  T[Op.DELETE_ATTR] = N.deleteAttr;
  T[Op.LOAD_METHOD] = N.loadMethod;
  T[Op.BINARY_OP] = O.binaryOp;
  T[Op.COMPARE_OP] = O.compareOp;
  T[Op.IS_OP] = O.isOp;
  T[Op.CONTAINS_OP] = O.containsOp;
  T[Op.UNARY_NEGATIVE] = (m, f) => O.unary(m, f, 'USub');
  T[Op.UNARY_POSITIVE] = (m, f) => O.unary(m, f, 'UAdd');
  T[Op.UNARY_INVERT] = (m, f) => O.unary(m, f, 'Invert');
  T[Op.UNARY_NOT] = O.unaryNot;
  T[Op.BINARY_SUBSCR] = O.binarySubscr;
  T[Op.STORE_SUBSCR] = O.storeSubscr;
  T[Op.DELETE_SUBSCR] = O.deleteSubscr;
  T[Op.BUILD_SLICE] = O.buildSlice;
  T[Op.BUILD_TUPLE] = B.buildTuple;
  T[Op.BUILD_LIST] = B.buildList;
  T[Op.BUILD_SET] = B.buildSet;
  T[Op.BUILD_MAP] = B.buildMap;
  T[Op.BUILD_CONST_KEY_MAP] = B.buildConstKeyMap;
  T[Op.BUILD_STRING] = B.buildString;
  T[Op.LIST_APPEND] = B.listAppendOp;
  T[Op.SET_ADD] = B.setAddOp;
  T[Op.MAP_ADD] = B.mapAdd;
  T[Op.LIST_EXTEND] = B.listExtend;
  T[Op.SET_UPDATE] = B.setUpdate;
  T[Op.DICT_UPDATE] = B.dictUpdate;
  T[Op.DICT_MERGE] = B.dictMerge;
  T[Op.LIST_TO_TUPLE] = B.listToTuple;
  T[Op.UNPACK_SEQUENCE] = B.unpackSequence;
  T[Op.UNPACK_EX] = B.unpackEx;
  T[Op.FORMAT_VALUE] = B.formatValue;
  T[Op.GET_ITER] = L.getIter;
  T[Op.FOR_ITER] = L.forIter;
  T[Op.PRECALL] = C.precall;
  T[Op.KW_NAMES] = C.kwNames;
  T[Op.CALL] = C.call;
  T[Op.CALL_FUNCTION_EX] = C.callFunctionEx;
  T[Op.MAKE_FUNCTION] = C.makeFunction;
  T[Op.RAISE_VARARGS] = E.raiseVarargs;
  T[Op.RERAISE] = E.reraise;
  T[Op.PUSH_EXC_INFO] = E.pushExcInfo;
  T[Op.POP_EXCEPT] = E.popExcept;
  T[Op.CHECK_EXC_MATCH] = E.checkExcMatch;
  T[Op.LOAD_ASSERTION_ERROR] = E.loadAssertionError;
  T[Op.BEFORE_WITH] = E.beforeWith;
  T[Op.WITH_EXCEPT_START] = E.withExceptStart;
  T[Op.RETURN_GENERATOR] = G.returnGenerator;
  T[Op.YIELD_VALUE] = G.yieldValue;
  T[Op.GET_YIELD_FROM_ITER] = G.getYieldFromIter;
  T[Op.SEND] = G.send;
  T[Op.IMPORT_NAME] = M.importName;
  T[Op.IMPORT_FROM] = M.importFrom;
  return T;
})();
