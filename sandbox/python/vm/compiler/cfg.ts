/**
 * CPython 3.11's passes over the control-flow graph (compile.c, after code generation):
 * the peephole optimizer (optimize_cfg), the exit-block duplication that gives every return
 * a line (duplicate_exits_without_lineno), line propagation, stack-depth analysis and the
 * labelling of exception handlers. Each follows its C namesake step for step: the block
 * order, which NOPs survive and which jumps are threaded are what make co_code and the
 * line events equal CPython's.
 *
 * Iteration order matters and is kept: CPython walks `b_next` (layout order) in some passes
 * and `b_list` (the reverse of creation order: `blocks` read backwards here) in others.
 * All passes are loops over blocks and instructions; none recurses.
 */
import { Op } from '../opcodes.js';
import type { CodeConst } from '../code.js';
import { type Block, type Instr, type Loc, NO_LOC, V, copyLoc, instrAt, isBlockPush, isJump, newBlock, stackEffect } from './instr.js';
import { constKey, constTruth } from './consts.js';

/** What the passes need from the unit being assembled. */
export interface CfgUnit {
  /** Every block, in creation order (b_list is this reversed); blocks[0] is the entry. */
  blocks: Block[];
  /** co_consts while still a list (the optimizer appends folded tuples). */
  consts: CodeConst[];
  /** The compilation's constant cache key of each const (to find an equal one). */
  nextBlockId(): number;
  isGenerator: boolean;
}

/** b_list order: most recently created block first. */
function* blist(u: CfgUnit): IterableIterator<Block> {
  for (let k = u.blocks.length - 1; k >= 0; k--) yield u.blocks[k]!;
}

function* layout(entry: Block): IterableIterator<Block> {
  for (let b: Block | null = entry; b !== null; b = b.next) yield b;
}

/** normalize_basic_block: mark exit / nofallthrough blocks; skip empty targets. */
export function normalizeBasicBlock(b: Block): void {
  for (let i = 0; i < b.instrs.length; i++) {
    const ins = b.instrs[i]!;
    switch (ins.op) {
      case Op.RETURN_VALUE: case Op.RAISE_VARARGS: case Op.RERAISE:
        b.exit = true;
        b.nofallthrough = true;
        break;
      case V.JUMP: case V.JUMP_NO_INTERRUPT: case V.POP_JUMP_IF_NOT_NONE: case V.POP_JUMP_IF_NONE: case V.POP_JUMP_IF_FALSE: case V.POP_JUMP_IF_TRUE:
      case Op.JUMP_IF_FALSE_OR_POP: case Op.JUMP_IF_TRUE_OR_POP: case Op.FOR_ITER:
        if (ins.op === V.JUMP || ins.op === V.JUMP_NO_INTERRUPT) b.nofallthrough = true;
        if (i !== b.instrs.length - 1) throw new Error('malformed control flow graph.');
        while (ins.target!.instrs.length === 0) ins.target = ins.target!.next;
        break;
      default:
    }
  }
}

function hasLineno(b: Block): boolean {
  return b.instrs.some((i) => i.line > 0);
}

/** Blocks copied by the optimizer are at most this long (MAX_COPY_SIZE). */
const MAX_COPY_SIZE = 4;

/** extend_block: a jump to a short exit block without line numbers becomes a copy of it. */
export function extendBlock(b: Block): void {
  const last = b.instrs[b.instrs.length - 1];
  if (!last) return;
  if (last.op !== V.JUMP && last.op !== Op.JUMP_FORWARD && last.op !== Op.JUMP_BACKWARD) return;
  const t = last.target!;
  if (t.exit && t.instrs.length <= MAX_COPY_SIZE) {
    if (hasLineno(t)) return;
    last.op = Op.NOP;
    for (const i of t.instrs) b.instrs.push({ ...i });
    b.exit = true;
  }
}

/** clean_basic_block: remove NOPs that carry no line event of their own. */
export function cleanBasicBlock(b: Block): void {
  const ins = b.instrs;
  let dest = 0;
  let prevLine = -1;
  for (let src = 0; src < ins.length; src++) {
    const line = ins[src]!.line;
    if (ins[src]!.op === Op.NOP) {
      if (line < 0) continue;
      if (prevLine === line) continue;
      if (src < ins.length - 1) {
        const nextLine = ins[src + 1]!.line;
        if (nextLine === line) continue;
        if (nextLine < 0) {
          copyLoc(ins[src]!, ins[src + 1]!);
          continue;
        }
      } else {
        let next = b.next;
        while (next && next.instrs.length === 0) next = next.next;
        if (next && line === next.instrs[0]!.line) continue;
      }
    }
    if (dest !== src) ins[dest] = ins[src]!;
    dest++;
    prevLine = line;
  }
  ins.length = dest;
}

/** jump_thread: retarget `inst` past the jump it lands on (same line only). */
function jumpThread(inst: Instr, target: Instr, op: number): boolean {
  if (inst.line === target.line && inst.target !== target.target) {
    inst.target = target.target;
    inst.op = op;
    return true;
  }
  return false;
}

/** fold_tuple_on_constants: LOAD_CONST x n + BUILD_TUPLE n becomes one LOAD_CONST. */
function foldTupleOnConstants(u: CfgUnit, ins: Instr[], start: number, n: number): void {
  for (let i = 0; i < n; i++) if (ins[start + i]!.op !== Op.LOAD_CONST) return;
  const items = ins.slice(start, start + n).map((i) => u.consts[i.arg]!);
  const t: CodeConst = { kind: 'tuple', items };
  const key = constKey(t);
  let index = u.consts.findIndex((c) => constKey(c) === key);
  if (index < 0) {
    index = u.consts.length;
    u.consts.push(t);
  }
  for (let i = 0; i < n; i++) ins[start + i]!.op = Op.NOP;
  ins[start + n]!.op = Op.LOAD_CONST;
  ins[start + n]!.arg = index;
}

/** swaptimize: a run of SWAPs and NOPs becomes the shortest equivalent run. */
function swaptimize(b: Block, ix: number): number {
  const ins = b.instrs;
  let depth = ins[ix]!.arg;
  let len = 0;
  let more = false;
  const limit = ins.length - ix;
  while (++len < limit) {
    const op = ins[ix + len]!.op;
    if (op === Op.SWAP) {
      depth = Math.max(depth, ins[ix + len]!.arg);
      more = true;
    } else if (op !== Op.NOP) break;
  }
  if (!more) return ix;
  const VISITED = -1;
  const stack: number[] = [];
  for (let i = 0; i < depth; i++) stack.push(i);
  for (let i = 0; i < len; i++) {
    if (ins[ix + i]!.op === Op.SWAP) {
      const a = ins[ix + i]!.arg;
      const top = stack[0]!;
      stack[0] = stack[a - 1]!;
      stack[a - 1] = top;
    }
  }
  let current = len - 1;
  for (let i = 0; i < depth; i++) {
    if (stack[i] === VISITED || stack[i] === i) continue;
    let j = i;
    for (;;) {
      if (j) {
        ins[ix + current]!.op = Op.SWAP;
        ins[ix + current]!.arg = j + 1;
        current--;
      }
      if (stack[j] === VISITED) break;
      const nj = stack[j]!;
      stack[j] = VISITED;
      j = nj;
    }
  }
  while (current >= 0) ins[ix + current--]!.op = Op.NOP;
  return ix + len - 1;
}

function swappable(op: number): boolean {
  return op === Op.STORE_FAST || op === Op.POP_TOP;
}

function nextSwappable(b: Block, i: number, line: number): number {
  while (++i < b.instrs.length) {
    const ins = b.instrs[i]!;
    if (line >= 0 && ins.line !== line) return -1;
    if (ins.op === Op.NOP) continue;
    if (swappable(ins.op)) return i;
    return -1;
  }
  return -1;
}

/** apply_static_swaps: swap the instructions instead of the stack items where possible. */
function applyStaticSwaps(b: Block, i: number): void {
  for (; i >= 0; i--) {
    const swap = b.instrs[i]!;
    if (swap.op !== Op.SWAP) {
      if (swap.op === Op.NOP || swappable(swap.op)) continue;
      return;
    }
    const j = nextSwappable(b, i, -1);
    if (j < 0) return;
    let k = j;
    const line = b.instrs[j]!.line;
    for (let count = swap.arg - 1; count > 0; count--) {
      k = nextSwappable(b, k, line);
      if (k < 0) return;
    }
    swap.op = Op.NOP;
    const tmp = b.instrs[j]!;
    b.instrs[j] = b.instrs[k]!;
    b.instrs[k] = tmp;
  }
}

const NOP_INSTR: Instr = instrAt(Op.NOP, 0, null, NO_LOC);

/** optimize_basic_block: the peephole rules of 3.11, in its order. */
function optimizeBasicBlock(u: CfgUnit, b: Block): void {
  const ins = b.instrs;
  for (let i = 0; i < ins.length; i++) {
    const inst = ins[i]!;
    const arg = inst.arg;
    const nextop = i + 1 < ins.length ? ins[i + 1]!.op : 0;
    let target: Instr;
    if (isJump(inst) || isBlockPush(inst)) {
      while (inst.target!.instrs.length === 0) inst.target = inst.target!.next;
      target = inst.target!.instrs[0]!;
    } else target = NOP_INSTR;
    switch (inst.op) {
      case Op.LOAD_CONST: {
        switch (nextop) {
          case V.POP_JUMP_IF_FALSE: case V.POP_JUMP_IF_TRUE: {
            const isTrue = constTruth(u.consts[arg]!);
            inst.op = Op.NOP;
            if (isTrue === (nextop === V.POP_JUMP_IF_TRUE)) {
              ins[i + 1]!.op = V.JUMP;
              b.nofallthrough = true;
            } else ins[i + 1]!.op = Op.NOP;
            break;
          }
          case Op.JUMP_IF_FALSE_OR_POP: case Op.JUMP_IF_TRUE_OR_POP: {
            const isTrue = constTruth(u.consts[arg]!);
            if (isTrue === (nextop === Op.JUMP_IF_TRUE_OR_POP)) {
              ins[i + 1]!.op = V.JUMP;
              b.nofallthrough = true;
            } else {
              inst.op = Op.NOP;
              ins[i + 1]!.op = Op.NOP;
            }
            break;
          }
          case Op.IS_OP: {
            const jumpOp = i + 2 < ins.length ? ins[i + 2]!.op : 0;
            if (u.consts[arg]!.kind === 'None' && (jumpOp === V.POP_JUMP_IF_FALSE || jumpOp === V.POP_JUMP_IF_TRUE)) {
              const nextarg = ins[i + 1]!.arg & 0xff;
              inst.op = Op.NOP;
              ins[i + 1]!.op = Op.NOP;
              ins[i + 2]!.op = (nextarg ^ (jumpOp === V.POP_JUMP_IF_FALSE ? 1 : 0)) ? V.POP_JUMP_IF_NOT_NONE : V.POP_JUMP_IF_NONE;
            }
            break;
          }
          default:
        }
        break;
      }
      case Op.BUILD_TUPLE:
        if (nextop === Op.UNPACK_SEQUENCE && arg === ins[i + 1]!.arg) {
          if (arg === 1) {
            inst.op = Op.NOP;
            ins[i + 1]!.op = Op.NOP;
            continue;
          }
          if (arg === 2 || arg === 3) {
            inst.op = Op.NOP;
            ins[i + 1]!.op = Op.SWAP;
            continue;
          }
        }
        if (i >= arg) foldTupleOnConstants(u, ins, i - arg, arg);
        break;
      case Op.JUMP_IF_FALSE_OR_POP:
        switch (target.op) {
          case V.POP_JUMP_IF_FALSE: i -= jumpThread(inst, target, V.POP_JUMP_IF_FALSE) ? 1 : 0; break;
          case V.JUMP: case Op.JUMP_IF_FALSE_OR_POP: i -= jumpThread(inst, target, Op.JUMP_IF_FALSE_OR_POP) ? 1 : 0; break;
          case Op.JUMP_IF_TRUE_OR_POP: case V.POP_JUMP_IF_TRUE:
            if (inst.line === target.line) {
              inst.op = V.POP_JUMP_IF_FALSE;
              inst.target = inst.target!.next;
              --i;
            }
            break;
          default:
        }
        break;
      case Op.JUMP_IF_TRUE_OR_POP:
        switch (target.op) {
          case V.POP_JUMP_IF_TRUE: i -= jumpThread(inst, target, V.POP_JUMP_IF_TRUE) ? 1 : 0; break;
          case V.JUMP: case Op.JUMP_IF_TRUE_OR_POP: i -= jumpThread(inst, target, Op.JUMP_IF_TRUE_OR_POP) ? 1 : 0; break;
          case Op.JUMP_IF_FALSE_OR_POP: case V.POP_JUMP_IF_FALSE:
            if (inst.line === target.line) {
              inst.op = V.POP_JUMP_IF_TRUE;
              inst.target = inst.target!.next;
              --i;
            }
            break;
          default:
        }
        break;
      case V.POP_JUMP_IF_NOT_NONE: case V.POP_JUMP_IF_NONE:
        if (target.op === V.JUMP) i -= jumpThread(inst, target, inst.op) ? 1 : 0;
        break;
      case V.POP_JUMP_IF_FALSE:
        if (target.op === V.JUMP) i -= jumpThread(inst, target, V.POP_JUMP_IF_FALSE) ? 1 : 0;
        break;
      case V.POP_JUMP_IF_TRUE:
        if (target.op === V.JUMP) i -= jumpThread(inst, target, V.POP_JUMP_IF_TRUE) ? 1 : 0;
        break;
      case V.JUMP:
        if (target.op === V.JUMP) i -= jumpThread(inst, target, V.JUMP) ? 1 : 0;
        break;
      case Op.SWAP:
        if (arg === 1) {
          inst.op = Op.NOP;
          break;
        }
        i = swaptimize(b, i);
        applyStaticSwaps(b, i);
        break;
      case Op.PUSH_NULL:
        if (nextop === Op.LOAD_GLOBAL && (ins[i + 1]!.op & 1) === 0) {
          // (sic: 3.11 tests the opcode's low bit, which for LOAD_GLOBAL (116) is 0)
          inst.op = Op.NOP;
          inst.arg = 0;
          ins[i + 1]!.arg |= 1;
        }
        break;
      default:
    }
  }
}

/** mark_reachable: count predecessors from the entry (fall-through and jumps). */
function markReachable(entry: Block): void {
  const stack: Block[] = [entry];
  entry.predecessors = 1;
  while (stack.length > 0) {
    const b = stack.pop()!;
    if (b.next && !b.nofallthrough) {
      if (b.next.predecessors === 0) stack.push(b.next);
      b.next.predecessors++;
    }
    for (const ins of b.instrs) {
      if (isJump(ins) || isBlockPush(ins)) {
        const t = ins.target!;
        if (t.predecessors === 0) stack.push(t);
        t.predecessors++;
      }
    }
  }
}

function eliminateEmptyBasicBlocks(entry: Block): void {
  for (const b of layout(entry)) {
    let next = b.next;
    if (next) {
      while (next.instrs.length === 0 && next.next) next = next.next;
      b.next = next;
    }
  }
  for (const b of layout(entry)) {
    const last = b.instrs[b.instrs.length - 1];
    if (!last || !isJump(last)) continue;
    let t = last.target!;
    while (t.instrs.length === 0) t = t.next!;
    last.target = t;
  }
}

/** optimize_cfg. */
export function optimizeCfg(u: CfgUnit, entry: Block): void {
  for (const b of layout(entry)) {
    optimizeBasicBlock(u, b);
    cleanBasicBlock(b);
  }
  for (const b of blist(u)) extendBlock(b);
  markReachable(entry);
  for (const b of layout(entry)) {
    if (b.predecessors === 0) {
      b.instrs.length = 0;
      b.nofallthrough = false;
    }
  }
  eliminateEmptyBasicBlocks(entry);
  for (const b of layout(entry)) cleanBasicBlock(b);
  let maybeEmpty = false;
  for (const b of layout(entry)) {
    const last = b.instrs[b.instrs.length - 1];
    if (last && (last.op === V.JUMP || last.op === V.JUMP_NO_INTERRUPT) && last.target === b.next) {
      b.nofallthrough = false;
      last.op = Op.NOP;
      maybeEmpty = true;
    }
  }
  if (maybeEmpty) eliminateEmptyBasicBlocks(entry);
}

/** trim_unused_consts: drop trailing constants nothing loads (the first always stays). */
export function trimUnusedConsts(u: CfgUnit, entry: Block): void {
  let max = 0;
  for (const b of layout(entry)) {
    for (const i of b.instrs) if ((i.op === Op.LOAD_CONST || i.op === Op.KW_NAMES) && i.arg > max) max = i.arg;
  }
  if (max + 1 < u.consts.length) u.consts.length = max + 1;
}

function isExitWithoutLineno(b: Block): boolean {
  return b.exit && b.instrs.every((i) => i.line < 0);
}

/** duplicate_exits_without_lineno: no exit block without a line has two predecessors. */
export function duplicateExitsWithoutLineno(u: CfgUnit): void {
  for (const b of [...blist(u)]) {
    const last = b.instrs[b.instrs.length - 1];
    if (!last || !isJump(last)) continue;
    const t = last.target!;
    if (isExitWithoutLineno(t) && t.predecessors > 1) {
      const copy = newBlock(u.nextBlockId());
      u.blocks.push(copy);
      copy.instrs = t.instrs.map((i) => ({ ...i }));
      copy.exit = t.exit;
      copy.nofallthrough = true;
      copyLoc(last, copy.instrs[0]!);
      last.target = copy;
      t.predecessors--;
      copy.predecessors = 1;
      copy.next = t.next;
      t.next = copy;
    }
  }
  for (const b of blist(u)) {
    while (b.next && b.next.instrs.length === 0) b.next = b.next.next;
  }
  for (const b of blist(u)) {
    if (!b.nofallthrough && b.next && b.instrs.length > 0 && isExitWithoutLineno(b.next)) {
      copyLoc(b.instrs[b.instrs.length - 1]!, b.next.instrs[0]!);
    }
  }
}

/** propagate_line_numbers: an instruction without a line takes the whole location before it. */
export function propagateLineNumbers(entry: Block): void {
  for (const b of layout(entry)) {
    if (b.instrs.length === 0) continue;
    const prev: Loc = { ...NO_LOC };
    for (const i of b.instrs) {
      if (i.line < 0) copyLoc(prev, i);
      else copyLoc(i, prev);
    }
    if (!b.nofallthrough && b.next!.predecessors === 1 && b.next!.instrs[0]!.line < 0) copyLoc(prev, b.next!.instrs[0]!);
    const last = b.instrs[b.instrs.length - 1]!;
    if (isJump(last)) {
      const t = last.target!;
      if (t.predecessors === 1 && t.instrs[0]!.line < 0) copyLoc(prev, t.instrs[0]!);
    }
  }
}

/** guarantee_lineno_for_exits: a return still without a line takes the previous block's. */
export function guaranteeLinenoForExits(entry: Block, firstlineno: number): void {
  let line = firstlineno;
  for (const b of layout(entry)) {
    const last = b.instrs[b.instrs.length - 1];
    if (!last) continue;
    if (last.line < 0) {
      if (last.op === Op.RETURN_VALUE) for (const i of b.instrs) i.line = line;
    } else line = last.line;
  }
}

/** stackdepth: the deepest stack any path needs (a block's start depth is set once). */
export function stackdepth(u: CfgUnit): number {
  for (const b of u.blocks) b.startdepth = Number.MIN_SAFE_INTEGER;
  const entry = u.blocks[0]!;
  const stack: Block[] = [];
  let max = 0;
  const push = (b: Block, depth: number): void => {
    if (b.startdepth < depth && b.startdepth < 100) {
      b.startdepth = depth;
      stack.push(b);
    }
  };
  push(entry, u.isGenerator ? 1 : 0);
  while (stack.length > 0) {
    const b = stack.pop()!;
    let depth = b.startdepth;
    let next = b.next;
    for (const ins of b.instrs) {
      const nd = depth + stackEffect(ins.op, ins.arg, false);
      if (nd > max) max = nd;
      if (isJump(ins) || isBlockPush(ins)) {
        const td = depth + stackEffect(ins.op, ins.arg, true);
        if (td > max) max = td;
        push(ins.target!, td);
      }
      depth = nd;
      if (ins.op === V.JUMP_NO_INTERRUPT || ins.op === V.JUMP || ins.op === Op.RETURN_VALUE ||
          ins.op === Op.RAISE_VARARGS || ins.op === Op.RERAISE) {
        next = null;
        break;
      }
    }
    if (next !== null) push(next, depth);
  }
  return max;
}

/** label_exception_targets: which handler covers each instruction. */
export function labelExceptionTargets(entry: Block): void {
  for (const b of layout(entry)) b.visited = false;
  const todo: Block[] = [entry];
  entry.visited = true;
  entry.exceptStack = [];
  while (todo.length > 0) {
    const b = todo.pop()!;
    let stack = b.exceptStack!;
    b.exceptStack = null;
    let handler: Block | null = stack.length > 0 ? stack[stack.length - 1]! : null;
    for (let i = 0; i < b.instrs.length; i++) {
      const ins = b.instrs[i]!;
      if (isBlockPush(ins)) {
        const t = ins.target!;
        if (!t.visited) {
          t.exceptStack = stack.slice();
          todo.push(t);
          t.visited = true;
        }
        if (ins.op === V.SETUP_WITH || ins.op === V.SETUP_CLEANUP) t.preserveLasti = true;
        stack.push(t);
        handler = t;
      } else if (ins.op === V.POP_BLOCK) {
        stack.pop();
        handler = stack.length > 0 ? stack[stack.length - 1]! : null;
      } else if (isJump(ins)) {
        ins.except = handler;
        const t = ins.target!;
        if (!t.visited) {
          if (!b.nofallthrough) t.exceptStack = stack.slice();
          else {
            t.exceptStack = stack;
            stack = null as unknown as Block[];
          }
          todo.push(t);
          t.visited = true;
        }
      } else ins.except = handler;
    }
    if (!b.nofallthrough && !b.next!.visited) {
      b.next!.exceptStack = stack;
      todo.push(b.next!);
      b.next!.visited = true;
    }
  }
}

/** convert_exception_handlers_to_nops. */
export function convertExceptionHandlersToNops(entry: Block): void {
  for (const b of layout(entry)) {
    for (const i of b.instrs) if (isBlockPush(i) || i.op === V.POP_BLOCK) i.op = Op.NOP;
  }
}
