/**
 * One code object being compiled (CPython's `compiler_unit`): its blocks, the current
 * block and line, its constants, names and variables, and the frame-block stack that
 * `break`, `continue` and `return` unwind. Emission follows compiler_addop*: an instruction
 * that ends a basic block (a jump, return or raise) makes the next instruction start a new
 * implicit block.
 */
import type { CodeConst } from '../code.js';
import { Op } from '../opcodes.js';
import type { Code } from '../../scope.js';
import { type Block, type Instr, V, isJump, newBlock } from './instr.js';
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

export class Unit {
  readonly blocks: Block[] = [];
  cur: Block;
  private needNewBlock = false;
  /** u_lineno: the line new instructions get (-1: artificial). */
  line = -1;
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

  /** ADDOP / ADDOP_I at the current line. */
  op(op: number, arg = 0): void {
    this.append({ op, arg, target: null, line: this.line, except: null });
  }

  /** ADDOP_NOLINE / ADDOP_I_NOLINE. */
  opNoLine(op: number, arg = 0): void {
    this.append({ op, arg, target: null, line: -1, except: null });
  }

  /** ADDOP_JUMP. */
  jump(op: number, target: Block): void {
    this.append({ op, arg: 0, target, line: this.line, except: null });
  }

  /** ADDOP_JUMP_NOLINE. */
  jumpNoLine(op: number, target: Block): void {
    this.append({ op, arg: 0, target, line: -1, except: null });
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
