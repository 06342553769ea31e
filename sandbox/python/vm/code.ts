/**
 * Code objects as CPython 3.11 lays them out — the contract between the compiler (which
 * builds them from the AST) and the machine (which runs them).
 *
 * Everything here is plain data: no heap objects, no functions. A code object compiled by
 * heaplab and one dumped from CPython 3.11 itself (test/sandbox/python/vm/dump-code.py)
 * have the same shape, so each side is checked against CPython on its own:
 *   - the compiler: its code objects must equal what CPython's compiler builds for the same
 *     source (co_code unit for unit, co_consts, names, line table, positions, exception
 *     table, co_stacksize);
 *   - the machine: it must run CPython's own code objects to CPython's output.
 *
 * Field names follow CPython's `co_*` attributes so a reader can hold `dis` beside them.
 */

/**
 * A constant in co_consts. Ints are bigint (3.11 ints are unbounded); floats are numbers
 * (with `-0` kept); strs are JS strings of code points as CPython holds them.
 */
export type CodeConst =
  | { readonly kind: 'None' }
  | { readonly kind: 'Ellipsis' }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'complex'; readonly real: number; readonly imag: number }
  | { readonly kind: 'str'; readonly value: string }
  | { readonly kind: 'bytes'; readonly value: readonly number[] }
  | { readonly kind: 'tuple'; readonly items: readonly CodeConst[] }
  | { readonly kind: 'frozenset'; readonly items: readonly CodeConst[] }
  | { readonly kind: 'code'; readonly code: CodeObject };

/** One entry of co_exceptiontable, as `dis._parse_exception_table` reads it (offsets in code units). */
export interface ExceptionEntry {
  /** First code unit covered. */
  readonly start: number;
  /** One past the last code unit covered. */
  readonly end: number;
  /** Code unit of the handler. */
  readonly target: number;
  /** Stack depth the handler starts from (values above it are popped). */
  readonly depth: number;
  /** Whether the offset of the raising instruction is pushed before the exception. */
  readonly lasti: boolean;
}

/** One range of `co_lines()`: code units [start, end) belong to `line` (null: no line). */
export interface LineRange {
  readonly start: number;
  readonly end: number;
  readonly line: number | null;
}

/**
 * One entry of `co_positions()`: the source span of the instruction a code unit belongs to,
 * as (line, end line, column, end column) — lines 1-based, columns 0-based UTF-8 byte
 * offsets into their line, null where CPython yields None (an artificial instruction has no
 * line; some have a line but no columns). A traceback's carets are drawn from it.
 */
export type CodePosition = readonly [line: number | null, endLine: number | null, col: number | null, endCol: number | null];

/** co_flags bits (Include/cpython/code.h). */
export const CO = {
  OPTIMIZED: 0x1,
  NEWLOCALS: 0x2,
  VARARGS: 0x4,
  VARKEYWORDS: 0x8,
  NESTED: 0x10,
  GENERATOR: 0x20,
  NOFREE: 0x40,
  COROUTINE: 0x80,
  ITERABLE_COROUTINE: 0x100,
  ASYNC_GENERATOR: 0x200,
} as const;

export interface CodeObject {
  readonly co_name: string;
  readonly co_qualname: string;
  readonly co_filename: string;
  readonly co_firstlineno: number;
  readonly co_argcount: number;
  readonly co_posonlyargcount: number;
  readonly co_kwonlyargcount: number;
  readonly co_flags: number;
  /**
   * The instructions as 16-bit code units, exactly CPython's co_code read two bytes at a
   * time: `opcode | (arg << 8)`, EXTENDED_ARG prefixes and the zeroed inline CACHE units
   * included, so jump arguments and exception-table offsets mean what they mean in CPython.
   */
  readonly co_code: readonly number[];
  readonly co_consts: readonly CodeConst[];
  readonly co_names: readonly string[];
  /** Arguments first, then the other locals (co_varnames). */
  readonly co_varnames: readonly string[];
  readonly co_cellvars: readonly string[];
  readonly co_freevars: readonly string[];
  readonly co_stacksize: number;
  /** co_lines(), merged as CPython yields it. */
  readonly co_lines: readonly LineRange[];
  /**
   * co_positions(): one entry per code unit of co_code (EXTENDED_ARG prefixes and caches
   * repeat their instruction's), as 3.11's location table (co_linetable) holds them.
   */
  readonly co_positions: readonly CodePosition[];
  readonly co_exceptiontable: readonly ExceptionEntry[];
}

/** co_nlocalsplus: the frame's slots for locals, cells and free variables (3.11's localsplus). */
export function nlocalsplus(code: CodeObject): number {
  const cellsNotArgs = code.co_cellvars.filter((c) => !code.co_varnames.includes(c)).length;
  return code.co_varnames.length + cellsNotArgs + code.co_freevars.length;
}
