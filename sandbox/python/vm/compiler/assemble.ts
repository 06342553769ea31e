/**
 * The assembler (compile.c's assemble()): from a unit's control-flow graph to a code object.
 * The steps, in CPython 3.11's order: implicit `return None`, block normalisation, the
 * frame-setup prefix (COPY_FREE_VARS, MAKE_CELL, RETURN_GENERATOR), cell offsets, the
 * peephole optimizer, exit duplication, line propagation, stack depth, exception labels,
 * jump directions and offsets (with EXTENDED_ARG to a fixed point), then co_code, the
 * line ranges and the exception table.
 */
import { CO, type CodeObject, type CodePosition, type ExceptionEntry, type LineRange } from '../code.js';
import { JREL, Op } from '../opcodes.js';
import { type Block, type Instr, type Loc, NO_LOC, V, instrAt, instrSize, isJump, writeInstr } from './instr.js';
import {
  cleanBasicBlock, convertExceptionHandlersToNops, duplicateExitsWithoutLineno, extendBlock, guaranteeLinenoForExits,
  labelExceptionTargets, normalizeBasicBlock, optimizeCfg, propagateLineNumbers, stackdepth, trimUnusedConsts,
} from './cfg.js';
import type { Unit } from './unit.js';

function* layout(entry: Block): IterableIterator<Block> {
  for (let b: Block | null = entry; b !== null; b = b.next) yield b;
}

/** compute_code_flags. */
function codeFlags(u: Unit): number {
  let flags = 0;
  if (u.scopeType === 'function' || u.scopeType === 'lambda' || u.scopeType === 'comprehension') {
    flags |= CO.NEWLOCALS | CO.OPTIMIZED;
    if (u.nested) flags |= CO.NESTED;
    if (u.isGenerator) flags |= CO.GENERATOR;
  }
  return flags | u.flags;
}

/** build_cellfixedoffsets: where each cell/free slot ends up (arguments keep their own slot). */
function cellFixedOffsets(u: Unit): number[] {
  const nlocals = u.varnames.length;
  const fixed: number[] = [];
  for (let i = 0; i < u.cellvars.length + u.freevars.length; i++) fixed.push(nlocals + i);
  u.cellvars.forEach((name, i) => {
    if (u.hasVar(name)) fixed[i] = u.varIndexOf(name);
  });
  return fixed;
}

function prefix(op: number, arg: number, loc: Readonly<Loc> = NO_LOC): Instr {
  return instrAt(op, arg, null, loc);
}

/** co_cellvars as the frame lays cells out: argument cells at their argument's slot first. */
function cellvarsInFrameOrder(u: Unit, fixed: number[]): string[] {
  return u.cellvars.map((name, i) => ({ name, at: fixed[i]! })).sort((a, b) => a.at - b.at).map((x) => x.name);
}

/** insert_prefix_instructions. */
function insertPrefix(u: Unit, entry: Block, fixed: number[], flags: number): void {
  if (flags & (CO.GENERATOR | CO.COROUTINE | CO.ASYNC_GENERATOR)) {
    const first = { line: u.firstlineno, endLine: u.firstlineno, col: -1, endCol: -1 };
    entry.instrs.splice(0, 0, prefix(Op.RETURN_GENERATOR, 0, first), prefix(Op.POP_TOP, 0));
  }
  const ncells = u.cellvars.length;
  if (ncells) {
    const sorted: number[] = new Array(ncells + u.varnames.length).fill(0);
    for (let i = 0; i < ncells; i++) sorted[fixed[i]!] = i + 1;
    let used = 0;
    for (let i = 0; used < ncells; i++) {
      const old = sorted[i]! - 1;
      if (old === -1) continue;
      entry.instrs.splice(used, 0, prefix(Op.MAKE_CELL, old));
      used++;
    }
  }
  if (u.freevars.length) entry.instrs.splice(0, 0, prefix(Op.COPY_FREE_VARS, u.freevars.length));
}

const DEREF_OPS: ReadonlySet<number> = new Set([Op.MAKE_CELL, Op.LOAD_CLOSURE, Op.LOAD_DEREF, Op.STORE_DEREF, Op.DELETE_DEREF, Op.LOAD_CLASSDEREF]);

/** fix_cell_offsets: deref arguments become localsplus indexes. */
function fixCellOffsets(u: Unit, entry: Block, fixed: number[]): void {
  const nlocals = u.varnames.length;
  let dropped = 0;
  for (let i = 0; i < fixed.length; i++) {
    if (fixed[i] === i + nlocals) fixed[i]! -= dropped;
    else dropped++;
  }
  for (const b of layout(entry)) {
    for (const ins of b.instrs) if (DEREF_OPS.has(ins.op)) ins.arg = fixed[ins.arg]!;
  }
}

/** normalize_jumps: virtual jumps take their direction now that the layout is final. */
function normalizeJumps(entry: Block): void {
  for (const b of layout(entry)) b.visited = false;
  for (const b of layout(entry)) {
    b.visited = true;
    const last = b.instrs[b.instrs.length - 1];
    if (!last || !isJump(last)) continue;
    const fwd = !last.target!.visited;
    switch (last.op) {
      case V.JUMP: last.op = fwd ? Op.JUMP_FORWARD : Op.JUMP_BACKWARD; break;
      case V.JUMP_NO_INTERRUPT: last.op = fwd ? Op.JUMP_FORWARD : Op.JUMP_BACKWARD_NO_INTERRUPT; break;
      case V.POP_JUMP_IF_NOT_NONE: last.op = fwd ? Op.POP_JUMP_FORWARD_IF_NOT_NONE : Op.POP_JUMP_BACKWARD_IF_NOT_NONE; break;
      case V.POP_JUMP_IF_NONE: last.op = fwd ? Op.POP_JUMP_FORWARD_IF_NONE : Op.POP_JUMP_BACKWARD_IF_NONE; break;
      case V.POP_JUMP_IF_FALSE: last.op = fwd ? Op.POP_JUMP_FORWARD_IF_FALSE : Op.POP_JUMP_BACKWARD_IF_FALSE; break;
      case V.POP_JUMP_IF_TRUE: last.op = fwd ? Op.POP_JUMP_FORWARD_IF_TRUE : Op.POP_JUMP_BACKWARD_IF_TRUE; break;
      case Op.JUMP_IF_TRUE_OR_POP: case Op.JUMP_IF_FALSE_OR_POP:
        if (!fwd) throw new Error('compiler: JUMP_IF_*_OR_POP jumping backwards');
        break;
      default:
    }
  }
}

/** assemble_jump_offsets: relative jump arguments, repeated until EXTENDED_ARGs settle. */
function assembleJumpOffsets(u: Unit, entry: Block): void {
  for (;;) {
    let tot = 0;
    for (const b of layout(entry)) {
      b.offset = tot;
      for (const i of b.instrs) tot += instrSize(i);
    }
    let again = false;
    for (let k = u.blocks.length - 1; k >= 0; k--) {
      const b = u.blocks[k]!;
      let off = b.offset;
      for (const ins of b.instrs) {
        const size = instrSize(ins);
        off += size;
        if (isJump(ins)) {
          const t = ins.target!.offset;
          if (!JREL.has(ins.op)) throw new Error('compiler: a virtual jump survived normalize_jumps');
          ins.arg = t < off ? off - t : t - off;
          if (instrSize(ins) !== size) again = true;
        }
      }
    }
    if (!again) return;
  }
}

/** co_lines(): each instruction's line (null without one), adjacent equal lines merged. */
function lineRanges(entry: Block): LineRange[] {
  const out: { start: number; end: number; line: number | null }[] = [];
  let off = 0;
  for (const b of layout(entry)) {
    for (const i of b.instrs) {
      const size = instrSize(i);
      const line = i.line < 0 ? null : i.line;
      const last = out[out.length - 1];
      if (last && last.line === line) last.end = off + size;
      else out.push({ start: off, end: off + size, line });
      off += size;
    }
  }
  return out;
}

/**
 * What co_positions() yields for an instruction at `i` (write_location_info_entry's forms
 * read back): nothing without a line; a line without columns when a column is missing
 * (its end line then the line itself, unless it spans lines); else all four.
 */
function position(i: Readonly<Loc>): CodePosition {
  if (i.line < 0) return [null, null, null, null];
  if (i.col < 0 || i.endCol < 0) {
    if (i.endLine === i.line || i.endLine === -1) return [i.line, i.line, null, null];
    return [i.line, i.endLine, i.col < 0 ? null : i.col, i.endCol < 0 ? null : i.endCol];
  }
  return [i.line, i.endLine, i.col, i.endCol];
}

/** co_positions(): one position per code unit (an instruction's prefixes and caches share its). */
function positions(entry: Block): CodePosition[] {
  const out: CodePosition[] = [];
  for (const b of layout(entry)) {
    for (const i of b.instrs) {
      const p = position(i);
      for (let k = instrSize(i); k > 0; k--) out.push(p);
    }
  }
  return out;
}

/** assemble_exception_table: one entry per run of instructions with the same handler. */
function exceptionTable(entry: Block): ExceptionEntry[] {
  const out: ExceptionEntry[] = [];
  let handler: Block | null = null;
  let start = -1;
  let off = 0;
  const emit = (end: number): void => {
    const h = handler!;
    const depth = h.startdepth - 1 - (h.preserveLasti ? 1 : 0);
    out.push({ start, end, target: h.offset, depth, lasti: h.preserveLasti });
  };
  for (const b of layout(entry)) {
    off = b.offset;
    for (const i of b.instrs) {
      if (i.except !== handler) {
        if (handler !== null) emit(off);
        start = off;
        handler = i.except;
      }
      off += instrSize(i);
    }
  }
  if (handler !== null) emit(off);
  return out;
}

/** assemble(): the code object of a fully generated unit. */
export function assemble(u: Unit, addNone: boolean, filename: string): CodeObject {
  if (!u.endsWithReturn) {
    u.unsetLoc();
    if (addNone) u.loadNone();
    u.op(Op.RETURN_VALUE);
  }
  for (let k = u.blocks.length - 1; k >= 0; k--) normalizeBasicBlock(u.blocks[k]!);
  for (let k = u.blocks.length - 1; k >= 0; k--) extendBlock(u.blocks[k]!);
  const entry = u.blocks[0]!;
  const fixed = cellFixedOffsets(u);
  if (!u.firstlineno) u.firstlineno = entry.instrs[0]?.line || 1;
  const flags = codeFlags(u);
  insertPrefix(u, entry, fixed, flags);
  fixCellOffsets(u, entry, fixed);
  optimizeCfg(u, entry);
  duplicateExitsWithoutLineno(u);
  trimUnusedConsts(u, entry);
  propagateLineNumbers(entry);
  guaranteeLinenoForExits(entry, u.firstlineno);
  const maxdepth = stackdepth(u);
  labelExceptionTargets(entry);
  convertExceptionHandlersToNops(entry);
  for (const b of layout(entry)) cleanBasicBlock(b);
  normalizeJumps(entry);
  assembleJumpOffsets(u, entry);
  const code: number[] = [];
  for (const b of layout(entry)) for (const i of b.instrs) writeInstr(code, i);
  const co_lines = lineRanges(entry);
  const co_positions = positions(entry);
  const co_exceptiontable = exceptionTable(entry);
  return {
    co_name: u.name,
    co_qualname: u.qualname,
    co_filename: filename,
    co_firstlineno: u.firstlineno,
    co_argcount: u.argcount + u.posonlyargcount,
    co_posonlyargcount: u.posonlyargcount,
    co_kwonlyargcount: u.kwonlyargcount,
    co_flags: flags,
    co_code: code,
    co_consts: u.consts.slice(),
    co_names: u.names.slice(),
    co_varnames: u.varnames.slice(),
    co_cellvars: cellvarsInFrameOrder(u, fixed),
    co_freevars: u.freevars.slice(),
    co_stacksize: maxdepth,
    co_lines,
    co_positions,
    co_exceptiontable,
  };
}
