/**
 * One instruction: the opcode switch. Returns the frame the loop continues in — `f` itself,
 * a callee's new frame (already pushed), or null when `f` returned or yielded (its value
 * on top of its stack). Plain stack shuffles and jumps are here; every family of
 * instructions with more to it has its own module under ops/.
 */
import { None } from '../../../objects.js';
import { Op } from '../opcodes.js';
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

export function dispatch(m: Machine, f: VMFrame, op: number, arg: number): VMFrame | null {
  const vs = f.vs;
  switch (op) {
    case Op.NOP: case Op.RESUME: return f;
    case Op.EXTENDED_ARG: {
      // The next instruction's argument gets this one's as its high bits.
      const at = f.ip;
      const unit = f.info.units[at]!;
      const nop = unit & 0xff;
      f.lasti = at;
      f.ip = at + 1 + cacheCount(nop);
      return dispatch(m, f, nop, (arg << 8) | (unit >> 8));
    }
    case Op.POP_TOP: {
      const v = vs.pop();
      if (v) m.heap.decref(v);
      return f;
    }
    case Op.PUSH_NULL: vs.push(null); return f;
    case Op.COPY: {
      const v = vs[vs.length - arg]!;
      if (v) m.heap.incref(v);
      vs.push(v);
      return f;
    }
    case Op.SWAP: {
      const i = vs.length - 1;
      const j = vs.length - arg;
      const t = vs[i]!;
      vs[i] = vs[j]!;
      vs[j] = t;
      return f;
    }
    case Op.LOAD_CONST: {
      const v = f.info.consts[arg]!;
      m.heap.incref(v);
      vs.push(v);
      return f;
    }
    case Op.LOAD_FAST: N.loadFast(m, f, arg); return f;
    case Op.STORE_FAST: N.storeFast(m, f, arg); return f;
    case Op.DELETE_FAST: N.deleteFast(m, f, arg); return f;
    case Op.LOAD_NAME: N.loadName(m, f, arg); return f;
    case Op.STORE_NAME: N.storeName(m, f, arg); return f;
    case Op.DELETE_NAME: N.deleteName(m, f, arg); return f;
    case Op.LOAD_GLOBAL: N.loadGlobal(m, f, arg); return f;
    case Op.STORE_GLOBAL: N.storeGlobal(m, f, arg); return f;
    case Op.DELETE_GLOBAL: N.deleteGlobal(m, f, arg); return f;
    case Op.MAKE_CELL: N.makeCell(m, f, arg); return f;
    case Op.COPY_FREE_VARS: N.copyFreeVars(m, f, arg); return f;
    case Op.LOAD_CLOSURE: N.loadClosure(m, f, arg); return f;
    case Op.LOAD_DEREF: N.loadDeref(m, f, arg); return f;
    case Op.STORE_DEREF: N.storeDeref(m, f, arg); return f;
    case Op.DELETE_DEREF: N.deleteDeref(m, f, arg); return f;
    case Op.LOAD_CLASSDEREF: N.loadClassDeref(m, f, arg); return f;
    case Op.LOAD_ATTR: N.loadAttr(m, f, arg); return f;
    case Op.STORE_ATTR: N.storeAttr(m, f, arg); return f;
    case Op.DELETE_ATTR: N.deleteAttr(m, f, arg); return f;
    case Op.LOAD_METHOD: N.loadMethod(m, f, arg); return f;

    case Op.BINARY_OP: O.binaryOp(m, f, arg); return f;
    case Op.COMPARE_OP: O.compareOp(m, f, arg); return f;
    case Op.IS_OP: O.isOp(m, f, arg); return f;
    case Op.CONTAINS_OP: O.containsOp(m, f, arg); return f;
    case Op.UNARY_NEGATIVE: O.unary(m, f, 'USub'); return f;
    case Op.UNARY_POSITIVE: O.unary(m, f, 'UAdd'); return f;
    case Op.UNARY_INVERT: O.unary(m, f, 'Invert'); return f;
    case Op.UNARY_NOT: O.unaryNot(m, f); return f;
    case Op.BINARY_SUBSCR: O.binarySubscr(m, f); return f;
    case Op.STORE_SUBSCR: O.storeSubscr(m, f); return f;
    case Op.DELETE_SUBSCR: O.deleteSubscr(m, f); return f;
    case Op.BUILD_SLICE: O.buildSlice(m, f, arg); return f;

    case Op.BUILD_TUPLE: B.buildTuple(m, f, arg); return f;
    case Op.BUILD_LIST: B.buildList(m, f, arg); return f;
    case Op.BUILD_SET: B.buildSet(m, f, arg); return f;
    case Op.BUILD_MAP: B.buildMap(m, f, arg); return f;
    case Op.BUILD_CONST_KEY_MAP: B.buildConstKeyMap(m, f, arg); return f;
    case Op.BUILD_STRING: B.buildString(m, f, arg); return f;
    case Op.LIST_APPEND: B.listAppendOp(m, f, arg); return f;
    case Op.SET_ADD: B.setAddOp(m, f, arg); return f;
    case Op.MAP_ADD: B.mapAdd(m, f, arg); return f;
    case Op.LIST_EXTEND: B.listExtend(m, f, arg); return f;
    case Op.SET_UPDATE: B.setUpdate(m, f, arg); return f;
    case Op.DICT_UPDATE: B.dictUpdate(m, f, arg); return f;
    case Op.DICT_MERGE: B.dictMerge(m, f, arg); return f;
    case Op.LIST_TO_TUPLE: B.listToTuple(m, f); return f;
    case Op.UNPACK_SEQUENCE: B.unpackSequence(m, f, arg); return f;
    case Op.UNPACK_EX: B.unpackEx(m, f, arg); return f;
    case Op.FORMAT_VALUE: B.formatValue(m, f, arg); return f;

    case Op.JUMP_FORWARD: f.ip += arg; return f;
    case Op.JUMP_BACKWARD: case Op.JUMP_BACKWARD_NO_INTERRUPT: f.ip -= arg; return f;
    case Op.POP_JUMP_FORWARD_IF_FALSE: if (!L.popTruth(m, f)) f.ip += arg; return f;
    case Op.POP_JUMP_FORWARD_IF_TRUE: if (L.popTruth(m, f)) f.ip += arg; return f;
    case Op.POP_JUMP_BACKWARD_IF_FALSE: if (!L.popTruth(m, f)) f.ip -= arg; return f;
    case Op.POP_JUMP_BACKWARD_IF_TRUE: if (L.popTruth(m, f)) f.ip -= arg; return f;
    case Op.POP_JUMP_FORWARD_IF_NONE: case Op.POP_JUMP_BACKWARD_IF_NONE:
    case Op.POP_JUMP_FORWARD_IF_NOT_NONE: case Op.POP_JUMP_BACKWARD_IF_NOT_NONE: {
      const v = vs.pop()!;
      const isNone = v === None;
      m.heap.decref(v);
      const want = op === Op.POP_JUMP_FORWARD_IF_NONE || op === Op.POP_JUMP_BACKWARD_IF_NONE;
      if (isNone === want) f.ip += op === Op.POP_JUMP_FORWARD_IF_NONE || op === Op.POP_JUMP_FORWARD_IF_NOT_NONE ? arg : -arg;
      return f;
    }
    case Op.JUMP_IF_FALSE_OR_POP: case Op.JUMP_IF_TRUE_OR_POP: {
      const t = L.peekTruth(m, f);
      if (t === (op === Op.JUMP_IF_TRUE_OR_POP)) f.ip += arg;
      else m.heap.decref(vs.pop()!);
      return f;
    }
    case Op.GET_ITER: L.getIter(m, f); return f;
    case Op.FOR_ITER: L.forIter(m, f, arg); return f;

    case Op.RETURN_VALUE: return null;
    case Op.PRECALL: C.precall(m, f, arg); return f;
    case Op.KW_NAMES: C.kwNames(m, f, arg); return f;
    case Op.CALL: return C.call(m, f, arg) ?? f;
    case Op.CALL_FUNCTION_EX: return C.callFunctionEx(m, f, arg) ?? f;
    case Op.MAKE_FUNCTION: C.makeFunction(m, f, arg); return f;
    case Op.LOAD_BUILD_CLASS: {
      const bc = m.I.b.names.get('__build_class__')!;
      m.heap.incref(bc);
      vs.push(bc);
      return f;
    }

    case Op.RAISE_VARARGS: E.raiseVarargs(m, f, arg); return f;
    case Op.RERAISE: E.reraise(m, f, arg); return f;
    case Op.PUSH_EXC_INFO: E.pushExcInfo(m, f); return f;
    case Op.POP_EXCEPT: E.popExcept(m, f); return f;
    case Op.CHECK_EXC_MATCH: E.checkExcMatch(m, f); return f;
    case Op.LOAD_ASSERTION_ERROR: E.loadAssertionError(m, f); return f;
    case Op.BEFORE_WITH: E.beforeWith(m, f); return f;
    case Op.WITH_EXCEPT_START: E.withExceptStart(m, f); return f;

    case Op.RETURN_GENERATOR: return G.returnGenerator(m, f);
    case Op.YIELD_VALUE: return G.yieldValue(m, f);
    case Op.GET_YIELD_FROM_ITER: G.getYieldFromIter(m, f); return f;
    case Op.SEND: G.send(m, f, arg); return f;

    case Op.IMPORT_NAME: M.importName(m, f, arg); return f;
    case Op.IMPORT_FROM: M.importFrom(m, f, arg); return f;

    default: return m.unsupported(op);
  }
}

/** Inline cache units after an instruction (only the ones EXTENDED_ARG can precede matter here). */
function cacheCount(op: number): number {
  switch (op) {
    case Op.BINARY_SUBSCR: return 4;
    case Op.STORE_SUBSCR: case Op.UNPACK_SEQUENCE: case Op.BINARY_OP: case Op.PRECALL: return 1;
    case Op.STORE_ATTR: case Op.LOAD_ATTR: case Op.CALL: return 4;
    case Op.COMPARE_OP: return 2;
    case Op.LOAD_GLOBAL: return 5;
    case Op.LOAD_METHOD: return 10;
    default: return 0;
  }
}
