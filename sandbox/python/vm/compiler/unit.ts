/**
 * One code object being compiled (CPython's `compiler_unit`): its blocks, the current
 * block and line, its constants, names and variables, and the frame-block stack that
 * `break`, `continue` and `return` unwind. Emission follows compiler_addop*: an instruction
 * that ends a basic block (a jump, return or raise) makes the next instruction start a new
 * implicit block.
 */
import type * as A from '../../ast.js';
import type { CodeConst } from '../code.js';
import { Op } from '../opcodes.js';
import type { Code } from '../../scope.js';
import { type Block, type Instr, type Loc, NO_LOC, V, copyLoc, instrAt, isJump, newBlock } from './instr.js';
import { constKey } from './consts.js';

export type ScopeType = 'module' | 'class' | 'function' | 'lambda' | 'comprehension';

/** compiler's fblocktype. */
export type FBlockType =
  | 'WHILE_LOOP' | 'FOR_LOOP' | 'TRY_EXCEPT' | 'FINALLY_TRY' | 'FINALLY_END' | 'WITH' | 'ASYNC_WITH'
  | 'HANDLER_CLEANUP' | 'POP_VALUE' | 'EXCEPTION_HANDLER' | 'EXCEPTION_GROUP_HANDLER' | 'ASYNC_COMPREHENSION_GENERATOR';

export interface FBlock {
  type: FBlockType;
  block: Block | null;
  exit: Block | null;
  /** FINALLY_TRY: the finally body; WITH: the statement; HANDLER_CLEANUP: the bound name. */
  datum: unknown;
}

/** The most deeply nested frame blocks a code object may have (CO_MAXBLOCKS). */
export const CO_MAXBLOCKS = 20;

export class Unit implements Loc {
  readonly blocks: Block[] = [];
  cur: Block;
  private needNewBlock = false;
  /**
   * The location new instructions get (u_lineno, u_end_lineno, u_col_offset,
   * u_end_col_offset; line -1: artificial). compiler_enter_scope starts it at the first
   * line, columns 0.
   */
  line: number;
  endLine: number;
  col = 0;
  endCol = 0;
  readonly consts: CodeConst[] = [];
  private readonly constIndex = new Map<string, number>();
  readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();
  readonly varnames: string[] = [];
  private readonly varIndex = new Map<string, number>();
  readonly cellvars: string[];
  readonly freevars: string[];
  readonly fblocks: FBlock[] = [];
  argcount = 0;
  posonlyargcount = 0;
  kwonlyargcount = 0;
  firstlineno: number;
  /** CO_* flags known from the symbol table (VARARGS, ...). */
  flags = 0;
  /** ste_nested: a function-like scope inside a function-like scope (CO_NESTED). */
  nested = false;
  /** The class whose body this is, for private-name mangling (u_private). */
  privateName: string | null = null;

  constructor(
    readonly scopeType: ScopeType,
    readonly name: string,
    readonly qualname: string,
    readonly sym: Code,
    firstlineno: number,
    params: readonly string[],
    cellvars: readonly string[],
    freevars: readonly string[],
  ) {
    this.firstlineno = firstlineno;
    this.line = firstlineno;
    this.endLine = firstlineno;
    for (const p of params) this.varIndexOf(p);
    this.cellvars = [...cellvars];
    this.freevars = [...freevars];
    this.cur = this.newBlock();
  }

  get isGenerator(): boolean {
    return this.sym.isGenerator;
  }

  nextBlockId(): number {
    return this.blocks.length;
  }

  newBlock(): Block {
    const b = newBlock(this.blocks.length);
    this.blocks.push(b);
    return b;
  }

  /** compiler_use_next_block: `b` follows the current block in layout order. */
  useNextBlock(b: Block): Block {
    this.cur.next = b;
    this.cur = b;
    this.needNewBlock = false;
    return b;
  }

  private append(ins: Instr): void {
    if (this.needNewBlock) this.useNextBlock(this.newBlock());
    this.cur.instrs.push(ins);
    if (ins.op === Op.RETURN_VALUE) this.cur.isReturn = true;
    if (isJump(ins) || ins.op === Op.RETURN_VALUE || ins.op === Op.RAISE_VARARGS || ins.op === Op.RERAISE) this.needNewBlock = true;
  }

  /** SET_LOC: new instructions take `node`'s position. */
  setLoc(node: Readonly<A.Position>): void {
    this.line = node.lineno;
    this.endLine = node.end_lineno;
    this.col = node.col_offset;
    this.endCol = node.end_col_offset;
  }

  /** UNSET_LOC: new instructions are artificial (no line, no columns). */
  unsetLoc(): void {
    copyLoc(NO_LOC, this);
  }

  /** The current location, to restore after a nested construct set its own. */
  saveLoc(): Loc {
    return { line: this.line, endLine: this.endLine, col: this.col, endCol: this.endCol };
  }

  restoreLoc(l: Readonly<Loc>): void {
    copyLoc(l, this);
  }

  /**
   * update_start_location_to_match_attr: when an attribute access spans lines, its
   * instruction starts at the attribute name (on the attribute's last line). The name's
   * length is in code points while the offsets are in bytes, as in CPython.
   */
  matchAttr(attr: A.Attribute): void {
    if (this.line === attr.end_lineno) return;
    this.line = attr.end_lineno;
    const len = [...attr.attr].length;
    if (len <= attr.end_col_offset) this.col = attr.end_col_offset - len;
    else {
      this.col = -1;
      this.endCol = -1;
    }
    this.endLine = Math.max(this.line, this.endLine);
    if (this.line === this.endLine) this.endCol = Math.max(this.col, this.endCol);
  }

  /** ADDOP / ADDOP_I at the current location. */
  op(op: number, arg = 0): void {
    this.append(instrAt(op, arg, null, this));
  }

  /** ADDOP_NOLINE / ADDOP_I_NOLINE. */
  opNoLine(op: number, arg = 0): void {
    this.append(instrAt(op, arg, null, NO_LOC));
  }

  /** ADDOP_JUMP. */
  jump(op: number, target: Block): void {
    this.append(instrAt(op, 0, target, this));
  }

  /** ADDOP_JUMP_NOLINE. */
  jumpNoLine(op: number, target: Block): void {
    this.append(instrAt(op, 0, target, NO_LOC));
  }

  /** compiler_add_const: the index of a constant (equal constants share one). */
  constIndexOf(c: CodeConst): number {
    const k = constKey(c);
    let i = this.constIndex.get(k);
    if (i === undefined) {
      i = this.consts.length;
      this.consts.push(c);
      this.constIndex.set(k, i);
    }
    return i;
  }

  loadConst(c: CodeConst): void {
    this.op(Op.LOAD_CONST, this.constIndexOf(c));
  }

  loadNone(): void {
    this.loadConst({ kind: 'None' });
  }

  nameIndexOf(n: string): number {
    let i = this.nameIndex.get(n);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(n);
      this.nameIndex.set(n, i);
    }
    return i;
  }

  varIndexOf(n: string): number {
    let i = this.varIndex.get(n);
    if (i === undefined) {
      i = this.varnames.length;
      this.varnames.push(n);
      this.varIndex.set(n, i);
    }
    return i;
  }

  hasVar(n: string): boolean {
    return this.varIndex.has(n);
  }

  /** The pre-fix index of a cell or free variable (cells first, then frees). */
  derefIndex(n: string, free: boolean): number {
    if (!free) {
      const i = this.cellvars.indexOf(n);
      if (i >= 0) return i;
    }
    const j = this.freevars.indexOf(n);
    if (j < 0) throw new Error(`compiler: no cell or free variable '${n}' in ${this.qualname}`);
    return this.cellvars.length + j;
  }

  pushFBlock(type: FBlockType, block: Block | null, exit: Block | null, datum: unknown = null): void {
    this.fblocks.push({ type, block, exit, datum });
  }

  popFBlock(type: FBlockType): void {
    const f = this.fblocks.pop();
    if (!f || f.type !== type) throw new Error(`compiler: bad fblock pop (${type})`);
  }

  /** Whether the current block ended in a return (b_return of u_curblock). */
  get endsWithReturn(): boolean {
    return this.cur.isReturn;
  }
}

export { V };
