/**
 * Frames as data: what one activation of a code object holds while the machine runs it —
 * its code, instruction pointer, value stack and localsplus — and nothing on the JS stack.
 *
 * A VMFrame is the engine's Frame (interpreter.ts) with a code object's view added, so
 * the engine's owners of frame-level behaviour work on machine frames:
 * traceback entries and frame objects (PyFrameObj), `locals()` / `sys._getframe()`
 * (introspect.ts), the collector's view of a suspended generator, and exitFrame's
 * take-over of the locals by a frame object a traceback still holds.
 *
 * `fast` is 3.11's localsplus in CPython's order: co_varnames (positional arguments,
 * keyword-only arguments, *args, **kwargs, other locals), then the cell variables that
 * are not arguments, then the free variables — so LOAD_FAST / LOAD_DEREF / MAKE_CELL
 * arguments index it directly, as in CPython.
 */
import type { PyDict, PyObject } from '../../../objects.js';
import type { Position } from '../../ast.js';
import { Frame, type Code } from '../../interpreter.js';
import { knownStackSize } from '../../stacksize.js';
import type { PyFunction } from '../../pyobjects.js';
import { CO, type CodeObject } from '../code.js';
import { Op } from '../opcodes.js';


/**
 * What the machine precomputes once per code object: the engine-facing Code view, each
 * code unit's line (from co_lines), the frame's localsplus layout, and the heap constants
 * (filled in by consts.ts when the program is loaded).
 */
export interface CodeInfo {
  readonly co: CodeObject;
  /** The view of the code the engine's frame-level owners read (names, slots, lines). */
  readonly code: Code;
  /** co_code as a typed array (opcode | arg << 8 per unit). */
  readonly units: Uint16Array;
  /** Line of each code unit (0: no line). */
  readonly lineOf: Int32Array;
  /** co_consts as heap objects (held for the program's life; borrowed by LOAD_CONST). */
  consts: PyObject[];
  /** Interned co_names (borrowed). */
  names: string[];
  /** Each co_names entry's key in a str-keyed dict ('s' + name, see PyDict.getByKey), made once. */
  readonly nameKeys: string[];
  /** Each co_names entry's index in the namespace dict where it was found last (PyDict.getByKeyHinted). */
  readonly nameHints: Int32Array;
  /** Localsplus index where the free variables start. */
  readonly freeStart: number;
  readonly isGenerator: boolean;
  /** The first RESUME: the instructions before it are the frame's prologue, never traced. */
  readonly firstTraceable: number;
  /** Positional parameters only (no *args, **kwargs or keyword-only): a call may bind them directly. */
  readonly simpleArgs: boolean;
  /**
   * RESUMEs and JUMP_BACKWARDs run so far (3.11's co_warmup): the code object is quickened,
   * and its call sites specialize, from the QUICKENING_WARMUP_DELAY'th (see ccall.ts).
   */
  warmup: number;
}

/**
 * A frame of the machine. Invariants: `vs` holds owned references (null for CPython's
 * NULL); `fast` holds owned references (cells after MAKE_CELL / COPY_FREE_VARS);
 * `ip` is the code unit of the next instruction, `lasti` the one executing (or last
 * executed); `func` is an owned reference to the function being run (null for the module
 * and for class bodies called without one).
 */
export class VMFrame extends Frame {
  ip = 0;
  lasti = -1;
  vs: (PyObject | null)[] = [];
  /** The line of the previous instruction (line events), and its unit. */
  prevLine = -1;
  prevLasti = -1;
  /** Keyword names of the next CALL (KW_NAMES), borrowed from co_consts. */
  kwnames: PyObject | null = null;
  /** How many entries of the interpreter's exc_info stack this frame pushed (a generator takes them along). */
  excDepth = 0;
  /** exc_info entries a suspended generator frame took off the shared stack (null: none). */
  savedExc: { exc: PyObject }[] | null = null;
  /** Whether this frame was pushed by a nested run (a builtin calling back): leaving it returns from that run. */
  isEntry = false;
  /** Set by YIELD_VALUE: the frame left the loop suspended, not finished. */
  yielded = false;
  /**
   * An `__init__` frame of a class call run in the loop: the new instance (owned), which the
   * call returns when `__init__` returns None (type_call's slot_tp_init, without JS recursion).
   */
  initOf: PyObject | null = null;
  /** Generator frames: the generator object (borrowed; it owns the frame). */
  gen: PyObject | null = null;
  constructor(
    readonly info: CodeInfo,
    globals: PyDict,
    locals: PyDict | null,
    func: PyFunction | null,
  ) {
    super(info.code, globals, locals, func);
  }
}

/** The Code view of a code object (see scope.ts); `lines` is the program's source split in lines. */
export function codeView(co: CodeObject, lines: string[]): Code {
  const names = [...co.co_varnames];
  for (const c of co.co_cellvars) if (!co.co_varnames.includes(c)) names.push(c);
  const freeStart = names.length;
  names.push(...co.co_freevars);
  const slots = new Map<string, number>();
  names.forEach((n, i) => slots.set(n, i));
  const np = co.co_argcount;
  const nk = co.co_kwonlyargcount;
  let at = np + nk;
  const vararg = co.co_flags & CO.VARARGS ? co.co_varnames[at++]! : null;
  const kwarg = co.co_flags & CO.VARKEYWORDS ? co.co_varnames[at++]! : null;
  const optimized = (co.co_flags & CO.OPTIMIZED) !== 0;
  const kind = co.co_name === '<module>' && !optimized ? 'module'
    : !optimized ? 'class'
      : /^<(listcomp|setcomp|dictcomp|genexpr)>$/.test(co.co_name) ? 'comp' : 'function';
  return {
    kind,
    name: co.co_name,
    qualname: co.co_qualname,
    filename: co.co_filename,
    lines,
    firstlineno: co.co_firstlineno,
    posargs: co.co_varnames.slice(0, np),
    posonly: co.co_posonlyargcount,
    vararg,
    kwonly: co.co_varnames.slice(np, np + nk),
    kwarg,
    names,
    cellSlots: co.co_cellvars.map((c) => slots.get(c)!),
    freeSlots: co.co_freevars.map((_, i) => freeStart + i),
    freeNames: [...co.co_freevars],
    isGenerator: (co.co_flags & CO.GENERATOR) !== 0,
    body: [],
    node: null,
    res: new Map(),
    children: new Map(),
    usesSuper: co.co_freevars.includes('__class__'),
  };
}

/** Precompute a code object's CodeInfo (constants are filled in later by consts.ts). */
/** The Code view of a machine code object carries its CodeInfo (how a call finds it fast). */
export type MachineCode = Code & { vmInfo?: CodeInfo };

export function codeInfo(co: CodeObject, lines: string[]): CodeInfo {
  const code: MachineCode = codeView(co, lines);
  knownStackSize(code, co.co_stacksize);
  const units = Uint16Array.from(co.co_code);
  const lineOf = new Int32Array(units.length);
  for (const r of co.co_lines) {
    for (let i = r.start; i < r.end && i < units.length; i++) lineOf[i] = r.line ?? 0;
  }
  const info: CodeInfo = {
    co,
    code,
    units,
    lineOf,
    consts: [],
    names: [...co.co_names],
    nameKeys: co.co_names.map((n) => 's' + n),
    nameHints: new Int32Array(co.co_names.length),
    freeStart: code.names.length - co.co_freevars.length,
    isGenerator: (co.co_flags & CO.GENERATOR) !== 0,
    firstTraceable: Math.max(0, co.co_code.findIndex((u) => (u & 0xff) === Op.RESUME)),
    simpleArgs: (co.co_flags & (CO.VARARGS | CO.VARKEYWORDS)) === 0 && co.co_kwonlyargcount === 0,
    warmup: 0,
  };
  code.vmInfo = info;
  return info;
}

/**
 * The source position of the instruction at code unit `lasti` (co_positions), as a traceback
 * entry holds it: null when the instruction has no line, columns -1 where CPython has None.
 */
export function instrPosition(co: CodeObject, lasti: number): Position | null {
  const p = co.co_positions[lasti];
  if (!p || p[0] === null) return null;
  return { lineno: p[0], end_lineno: p[1] ?? p[0], col_offset: p[2] ?? -1, end_col_offset: p[3] ?? -1 };
}

/** The exception table entry covering code unit `lasti` (innermost: the table is ordered), or null. */
export function handlerFor(co: CodeObject, lasti: number): CodeObject['co_exceptiontable'][number] | null {
  for (const e of co.co_exceptiontable) if (lasti >= e.start && lasti < e.end) return e;
  return null;
}

export { Op };
