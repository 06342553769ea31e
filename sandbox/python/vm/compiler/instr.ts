/**
 * Instructions and basic blocks of the control-flow graph, as CPython 3.11's compile.c holds
 * them between code generation and assembly (`struct instr`, `basicblock`).
 *
 * Code generation emits real 3.11 opcodes plus CPython's virtual ones (numbered from 256
 * here, never in co_code): direction-free jumps that normalize_jumps turns into FORWARD or
 * BACKWARD forms once the block order is final, and the exception-block markers that
 * label_exception_targets turns into exception-table entries before they become NOPs.
 */
import { CACHE_ENTRIES, HAVE_ARGUMENT, JREL, Op } from '../opcodes.js';

/** CPython 3.11's virtual opcodes (IS_VIRTUAL_OPCODE). */
export const V = {
  SETUP_FINALLY: 256,
  SETUP_CLEANUP: 257,
  SETUP_WITH: 258,
  POP_BLOCK: 259,
  JUMP: 260,
  JUMP_NO_INTERRUPT: 261,
  POP_JUMP_IF_FALSE: 262,
  POP_JUMP_IF_TRUE: 263,
  POP_JUMP_IF_NONE: 264,
  POP_JUMP_IF_NOT_NONE: 265,
} as const;

/**
 * A source location as 3.11's compile.c carries it on each instruction (i_lineno,
 * i_end_lineno, i_col_offset, i_end_col_offset): lines 1-based, columns 0-based UTF-8 byte
 * offsets, -1 for "none". An artificial instruction has line -1 (and, from UNSET_LOC,
 * every field -1).
 */
export interface Loc {
  line: number;
  endLine: number;
  col: number;
  endCol: number;
}

/** UNSET_LOC's location: no line, no columns. */
export const NO_LOC: Readonly<Loc> = { line: -1, endLine: -1, col: -1, endCol: -1 };

/** COPY_INSTR_LOC: `to` takes all four fields of `from`'s location. */
export function copyLoc(from: Readonly<Loc>, to: Loc): void {
  to.line = from.line;
  to.endLine = from.endLine;
  to.col = from.col;
  to.endCol = from.endCol;
}

/** One instruction at its location (line -1: an artificial instruction, no line number). */
export interface Instr extends Loc {
  op: number;
  arg: number;
  target: Block | null;
  /** The handler covering this instruction (set by label_exception_targets). */
  except: Block | null;
}

/** An instruction at `loc`. */
export function instrAt(op: number, arg: number, target: Block | null, loc: Readonly<Loc>): Instr {
  return { op, arg, target, line: loc.line, endLine: loc.endLine, col: loc.col, endCol: loc.endCol, except: null };
}

/** A basic block; `next` is layout order, the unit's `blocks` array creation order (b_list reversed). */
export interface Block {
  readonly id: number;
  instrs: Instr[];
  next: Block | null;
  exit: boolean;
  nofallthrough: boolean;
  isReturn: boolean;
  predecessors: number;
  startdepth: number;
  offset: number;
  visited: boolean;
  preserveLasti: boolean;
  exceptStack: Block[] | null;
}

export function newBlock(id: number): Block {
  return {
    id, instrs: [], next: null, exit: false, nofallthrough: false, isReturn: false, predecessors: 0,
    startdepth: Number.MIN_SAFE_INTEGER, offset: 0, visited: false, preserveLasti: false, exceptStack: null,
  };
}

export function copyInstr(i: Instr): Instr {
  return { ...i };
}

const VIRTUAL_JUMPS: ReadonlySet<number> = new Set([
  V.JUMP, V.JUMP_NO_INTERRUPT, V.POP_JUMP_IF_FALSE, V.POP_JUMP_IF_TRUE, V.POP_JUMP_IF_NONE, V.POP_JUMP_IF_NOT_NONE,
]);

/** is_jump: a virtual jump or a real one (opcode.hasjrel; 3.11 has no absolute jumps). */
export function isJump(i: Instr): boolean {
  return VIRTUAL_JUMPS.has(i.op) || JREL.has(i.op);
}

/** is_block_push: SETUP_FINALLY, SETUP_WITH, SETUP_CLEANUP. */
export function isBlockPush(i: Instr): boolean {
  return i.op === V.SETUP_FINALLY || i.op === V.SETUP_WITH || i.op === V.SETUP_CLEANUP;
}

export function hasArg(op: number): boolean {
  return op >= HAVE_ARGUMENT;
}

/** instr_size: code units including EXTENDED_ARG prefixes and inline caches. */
export function instrSize(i: Instr): number {
  const arg = hasArg(i.op) ? i.arg : 0;
  const ext = (arg > 0xffffff ? 1 : 0) + (arg > 0xffff ? 1 : 0) + (arg > 0xff ? 1 : 0);
  return ext + 1 + (CACHE_ENTRIES[i.op] ?? 0);
}

/** write_instr: the code units of one instruction. */
export function writeInstr(out: number[], i: Instr): void {
  const arg = hasArg(i.op) ? i.arg : 0;
  const caches = CACHE_ENTRIES[i.op] ?? 0;
  const n = instrSize(i) - caches;
  if (n >= 4) out.push(Op.EXTENDED_ARG | (((arg >>> 24) & 0xff) << 8));
  if (n >= 3) out.push(Op.EXTENDED_ARG | (((arg >>> 16) & 0xff) << 8));
  if (n >= 2) out.push(Op.EXTENDED_ARG | (((arg >>> 8) & 0xff) << 8));
  out.push(i.op | ((arg & 0xff) << 8));
  for (let k = 0; k < caches; k++) out.push(Op.CACHE);
}

/** FVS_MASK / FVS_HAVE_SPEC of FORMAT_VALUE's argument. */
const FVS_HAVE_SPEC = 0x4;

/**
 * stack_effect(opcode, oparg, jump): the change in stack depth; `jump` says which branch
 * (true: the jump is taken, false: it falls through). Throws on an opcode it does not know.
 */
export function stackEffect(op: number, arg: number, jump: boolean): number {
  switch (op) {
    case Op.NOP: case Op.EXTENDED_ARG: case Op.RESUME: case Op.CACHE: return 0;
    case Op.POP_TOP: return -1;
    case Op.SWAP: return 0;
    case Op.UNARY_POSITIVE: case Op.UNARY_NEGATIVE: case Op.UNARY_NOT: case Op.UNARY_INVERT: return 0;
    case Op.SET_ADD: case Op.LIST_APPEND: return -1;
    case Op.MAP_ADD: return -2;
    case Op.BINARY_SUBSCR: return -1;
    case Op.STORE_SUBSCR: return -3;
    case Op.DELETE_SUBSCR: return -2;
    case Op.GET_ITER: return 0;
    case Op.PRINT_EXPR: return -1;
    case Op.LOAD_BUILD_CLASS: return 1;
    case Op.RETURN_VALUE: return -1;
    case Op.IMPORT_STAR: return -1;
    case Op.SETUP_ANNOTATIONS: return 0;
    case Op.ASYNC_GEN_WRAP: case Op.YIELD_VALUE: return 0;
    case V.POP_BLOCK: return 0;
    case Op.POP_EXCEPT: return -1;
    case Op.STORE_NAME: return -1;
    case Op.DELETE_NAME: return 0;
    case Op.UNPACK_SEQUENCE: return arg - 1;
    case Op.UNPACK_EX: return (arg & 0xff) + (arg >> 8);
    case Op.FOR_ITER: return jump ? -1 : 1;
    case Op.SEND: return jump ? -1 : 0;
    case Op.STORE_ATTR: return -2;
    case Op.DELETE_ATTR: return -1;
    case Op.STORE_GLOBAL: return -1;
    case Op.DELETE_GLOBAL: return 0;
    case Op.LOAD_CONST: case Op.LOAD_NAME: return 1;
    case Op.BUILD_TUPLE: case Op.BUILD_LIST: case Op.BUILD_SET: case Op.BUILD_STRING: return 1 - arg;
    case Op.BUILD_MAP: return 1 - 2 * arg;
    case Op.BUILD_CONST_KEY_MAP: return -arg;
    case Op.LOAD_ATTR: return 0;
    case Op.COMPARE_OP: case Op.IS_OP: case Op.CONTAINS_OP: return -1;
    case Op.CHECK_EXC_MATCH: case Op.CHECK_EG_MATCH: return 0;
    case Op.IMPORT_NAME: return -1;
    case Op.IMPORT_FROM: return 1;
    case Op.JUMP_FORWARD: case Op.JUMP_BACKWARD: case V.JUMP: case Op.JUMP_BACKWARD_NO_INTERRUPT: case V.JUMP_NO_INTERRUPT: return 0;
    case Op.JUMP_IF_TRUE_OR_POP: case Op.JUMP_IF_FALSE_OR_POP: return jump ? 0 : -1;
    case Op.POP_JUMP_BACKWARD_IF_NONE: case Op.POP_JUMP_FORWARD_IF_NONE: case V.POP_JUMP_IF_NONE:
    case Op.POP_JUMP_BACKWARD_IF_NOT_NONE: case Op.POP_JUMP_FORWARD_IF_NOT_NONE: case V.POP_JUMP_IF_NOT_NONE:
    case Op.POP_JUMP_FORWARD_IF_FALSE: case Op.POP_JUMP_BACKWARD_IF_FALSE: case V.POP_JUMP_IF_FALSE:
    case Op.POP_JUMP_FORWARD_IF_TRUE: case Op.POP_JUMP_BACKWARD_IF_TRUE: case V.POP_JUMP_IF_TRUE:
      return -1;
    case Op.LOAD_GLOBAL: return (arg & 1) + 1;
    case V.SETUP_FINALLY: return jump ? 1 : 0;
    case V.SETUP_CLEANUP: return jump ? 2 : 0;
    case V.SETUP_WITH: return jump ? 1 : 0;
    case Op.PREP_RERAISE_STAR: return -1;
    case Op.RERAISE: return -1;
    case Op.PUSH_EXC_INFO: return 1;
    case Op.WITH_EXCEPT_START: return 1;
    case Op.LOAD_FAST: return 1;
    case Op.STORE_FAST: return -1;
    case Op.DELETE_FAST: return 0;
    case Op.RETURN_GENERATOR: return 0;
    case Op.RAISE_VARARGS: return -arg;
    case Op.PRECALL: return -arg;
    case Op.KW_NAMES: return 0;
    case Op.CALL: return -1;
    case Op.CALL_FUNCTION_EX: return -2 - ((arg & 1) !== 0 ? 1 : 0);
    case Op.MAKE_FUNCTION: return -((arg & 1 ? 1 : 0) + (arg & 2 ? 1 : 0) + (arg & 4 ? 1 : 0) + (arg & 8 ? 1 : 0));
    case Op.BUILD_SLICE: return arg === 3 ? -2 : -1;
    case Op.MAKE_CELL: case Op.COPY_FREE_VARS: return 0;
    case Op.LOAD_CLOSURE: return 1;
    case Op.LOAD_DEREF: case Op.LOAD_CLASSDEREF: return 1;
    case Op.STORE_DEREF: return -1;
    case Op.DELETE_DEREF: return 0;
    case Op.GET_AWAITABLE: return 0;
    case Op.BEFORE_ASYNC_WITH: case Op.BEFORE_WITH: return 1;
    case Op.GET_AITER: return 0;
    case Op.GET_ANEXT: return 1;
    case Op.GET_YIELD_FROM_ITER: return 0;
    case Op.END_ASYNC_FOR: return -2;
    case Op.FORMAT_VALUE: return (arg & FVS_HAVE_SPEC) === FVS_HAVE_SPEC ? -1 : 0;
    case Op.LOAD_METHOD: return 1;
    case Op.LOAD_ASSERTION_ERROR: return 1;
    case Op.LIST_TO_TUPLE: return 0;
    case Op.LIST_EXTEND: case Op.SET_UPDATE: case Op.DICT_MERGE: case Op.DICT_UPDATE: return -1;
    case Op.MATCH_CLASS: return -2;
    case Op.GET_LEN: case Op.MATCH_MAPPING: case Op.MATCH_SEQUENCE: case Op.MATCH_KEYS: return 1;
    case Op.COPY: case Op.PUSH_NULL: return 1;
    case Op.BINARY_OP: return -1;
    default: throw new Error(`compiler stack_effect(opcode=${op}, arg=${arg}) failed`);
  }
}
