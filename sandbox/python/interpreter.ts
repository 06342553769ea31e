/**
 * The Python engine: the object-level behaviour of the memory-lesson subset of Python 3.11
 * — attribute lookup, calls and argument binding, comparisons and operators, iteration,
 * item access, class creation, exceptions and their tracebacks, generators' send / throw /
 * close — with every value a PyObject on the sandbox heap and every reference held the way
 * CPython's evaluation loop holds it. Programs run on the bytecode machine (vm/compile.ts
 * compiles them, vm/exec.ts runs them on vm/machine/), which calls in here for everything
 * above the instruction level; builtins and modules call the same owners.
 *
 * Reference discipline (the heart of it):
 * - What an operation returns is a NEW reference (the value "on the stack"); whoever
 *   consumes it either stores it (moving the reference) or releases it.
 * - Calls consume their argument references: a Python function moves them into its frame's
 *   fast locals (as 3.11 does), a native borrows them and the caller releases them after
 *   the call returns.
 * - Frames are not heap objects (3.11 frames are not materialised), so what they hold are
 *   external roots for the collector. Locals die in localsplus order when a frame ends.
 */
import type { RootProvider } from '../heap.js';
import { BUILTIN_MODULES, CPYTHON_ITERATOR_NAMES, CPYTHON_MODULE_NAMES, CPYTHON_TYPE_NAMES, REFERENCE_STDLIB_DIR } from './modules/cpython-names.js';
import type * as A from './ast.js';
import { PySyntaxError } from './parser.js';
import { Code, NameKind, Resolved, UnsupportedError } from './scope.js';
import { mangle } from './mangle.js';
import {
  Ellipsis, False, SHARED, None, NotImplemented, PyBool, PyBytes, PyDict, PyFloat, PyInstance,
  PyInt, PyList, PyNative, PyObject, PySet, PyStr, PyTuple, PyType, PyWeakref, True, boolType,
  builtinFunctionType, bytesType, dictType, floatType, frozensetType, intType, listType, noneType,
  objectType, setType, smallInt, EMPTY_TUPLE, strType, tupleType, typeType, weakrefType, internedSharedStr,
  typeEpoch,
} from '../objects.js';
import {
  PyError, type KeyCalls, dictContains, dictDelItem, dictGet, dictHashedEntries, dictPop, dictSetItem, listDelSlice, listResize, listSetItem,
  setHas,
} from '../containers.js';
import { newClass, newInstance, newList, newStr, newTuple } from '../factory.js';
import { ConstantCompiler } from './constants.js';
import { countFirstImport } from '../refcounts.js';
import { delAttrOnHeap, materializeDict, setAttrOnHeap, subInstanceDict } from '../attributes.js';
import { SUBCLASSABLE, type SubInstance, isBuiltinSub, storageBase } from '../builtin-subclass.js';
import { builtinProtocolMethod, callBuiltinSubclass, isFinalBuiltin } from './types/builtin-subclass.js';
import { BudgetExceeded, Heap } from '../heap.js';
import type { Caller, SandboxRuntime } from '../runtime.js';
import {
  PyCell, PyFrameObj, PyFunction, PyGenerator, PyTraceback, PyIter, PyMethod, PyModule, PyRange, PySlice, PySuper, PyWrapper,
  classmethodType, functionType, iterType, propertyType, staticmethodType,
} from './pyobjects.js';
import { FormatError, floatRepr, formatFloat, formatInt, formatStr } from './format.js';
import { Builtins, installBuiltins } from './builtins.js';
import { sourceAndCarets } from './carets.js';
import { PyExtObject } from './extobject.js';
import { PyMember, PySlotted } from '../slots.js';
import { bestBase, c3Mro } from '../mro.js';
import { weakrefSlotValue } from '../weakrefable.js';
import { STDLIB_MODULE_NAMES } from './modules/stdlib-names.js';
import { intToDecimal } from '../bigint.js';
import { registerSideTable } from '../snapshot/tables.js';

export type { Code };

/** A Python exception in flight: `exc` is an owned reference to the exception object. */

/**
 * CPython 3.11 builtins the sandbox does not provide (names only); using one raises
 * NotImplementedError naming it.
 */
const UNSUPPORTED_BUILTINS = new Set([
  'BaseExceptionGroup', 'BlockingIOError', 'BrokenPipeError', 'BytesWarning', 'ChildProcessError',
  'ConnectionAbortedError', 'ConnectionError', 'ConnectionRefusedError', 'ConnectionResetError',
  'EncodingWarning', 'EnvironmentError', 'ExceptionGroup', 'FileExistsError', 'FileNotFoundError',
  'FutureWarning', 'IOError', 'ImportWarning', 'InterruptedError', 'IsADirectoryError',
  'NotADirectoryError', 'PendingDeprecationWarning', 'PermissionError', 'ProcessLookupError',
  'StopAsyncIteration', 'SyntaxWarning', 'SystemError', 'TabError', 'UnicodeDecodeError',
  'UnicodeEncodeError', 'UnicodeTranslateError', 'UnicodeWarning', 'aiter', 'anext', 'breakpoint',
  'compile', 'copyright', 'credits', 'exit', 'help', 'license',
  'memoryview', 'quit',
]);

export class Raise {
  /** The frame whose traceback entry was added last (PyTraceBack_Here runs once a frame). */
  last: Frame | null = null;
  /** Whether `__context__` was set (the raise's _PyErr_SetObject has run). */
  chained = false;
  constructor(public exc: PyObject) {}
}

/**
 * An execution frame (not a heap object, as in CPython 3.11): what the engine's frame-level
 * owners read — traceback entries, frame objects, locals(), exitFrame. The machine's
 * frames (VMFrame, vm/machine/frame.ts) extend it with the instruction pointer and value stack.
 */
export class Frame {
  fast: (PyObject | null)[];
  line: number;
  /** The frame object, once a traceback entry materialised it (a reference this frame owns). */
  obj: PyFrameObj | null = null;
  /** A function frame's f_locals dict, once locals() made it (see introspect.ts). */
  localsSnapshot: PyDict | null = null;
  /** The iterator a suspended `yield from` delegates to (borrowed: the value stack owns it), as gi_yieldfrom. */
  delegate: PyObject | null = null;
  /** The delegate's return value, handed to the resumed `yield from` when throw() finished it (owned). */
  delegateResult: PyObject | null = null;
  constructor(
    public code: Code,
    public globals: PyDict,
    public locals: PyDict | null,
    public func: PyFunction | null,
  ) {
    // Filled by a loop: Array.prototype.fill is a builtin call V8 does not inline, and it
    // cost more than the rest of a frame's construction.
    const n = code.names.length;
    const fast = new Array<PyObject | null>(n);
    for (let i = 0; i < n; i++) fast[i] = null;
    this.fast = fast;
    this.line = code.firstlineno;
  }
}

/** An exception being handled (3.11's exc_info stack entry); `exc` is borrowed. */
interface ExcState {
  exc: PyObject;
}

/** Where an exception instance keeps `__traceback__`, `__context__`, `__cause__` (payload[0] is args). */
export const TB = 1;
export const CONTEXT = 2;
export const CAUSE = 3;


/** A JS value ("argument list") for calls: positional refs plus keyword refs. */
export type Kw = [string, PyObject][] | null;

export const exceptionTypes = new Map<string, PyType>();
function excType(name: string, base: PyType | null): PyType {
  const t = new PyType(typeType, name, 'exception', base ?? objectType);
  exceptionTypes.set(name, t);
  return t;
}
export const BaseException = excType('BaseException', null);
const Exc = excType('Exception', BaseException);
for (const [name, base] of [
  ['SystemExit', 'BaseException'], ['KeyboardInterrupt', 'BaseException'], ['GeneratorExit', 'BaseException'],
  ['ArithmeticError', 'Exception'], ['ZeroDivisionError', 'ArithmeticError'], ['OverflowError', 'ArithmeticError'],
  ['FloatingPointError', 'ArithmeticError'], ['LookupError', 'Exception'], ['KeyError', 'LookupError'],
  ['IndexError', 'LookupError'], ['NameError', 'Exception'], ['UnboundLocalError', 'NameError'],
  ['AttributeError', 'Exception'], ['TypeError', 'Exception'], ['ValueError', 'Exception'],
  ['RuntimeError', 'Exception'], ['RecursionError', 'RuntimeError'], ['NotImplementedError', 'RuntimeError'],
  ['StopIteration', 'Exception'], ['AssertionError', 'Exception'], ['MemoryError', 'Exception'],
  ['OSError', 'Exception'], ['TimeoutError', 'OSError'], ['ImportError', 'Exception'],
  ['ModuleNotFoundError', 'ImportError'], ['ReferenceError', 'Exception'], ['SyntaxError', 'Exception'],
  ['IndentationError', 'SyntaxError'], ['UnicodeError', 'ValueError'], ['BufferError', 'Exception'],
  ['EOFError', 'Exception'], ['Warning', 'Exception'], ['UserWarning', 'Warning'],
  ['DeprecationWarning', 'Warning'], ['ResourceWarning', 'Warning'], ['RuntimeWarning', 'Warning'],
] as const) excType(name, exceptionTypes.get(base)!);
void Exc;

/**
 * A __getattribute__ a class in the sandbox defines (on a heap type of its MRO), if any.
 * Asked on every instance attribute lookup, so cached on the type until a class attribute
 * changes anywhere (typeEpoch), as containers.ts caches how instances hash.
 */
function userGetattribute(t: PyType): PyFunction | undefined {
  if (t.getattributeEpoch !== typeEpoch.value) {
    t.getattributeHook = findGetattribute(t);
    t.getattributeEpoch = typeEpoch.value;
  }
  return (t.getattributeHook as PyFunction | null) ?? undefined;
}

function findGetattribute(t: PyType): PyFunction | null {
  for (const c of t.mro) {
    if (!c.isHeapType) return null;
    const v = c.dict?.getStr('__getattribute__');
    if (v !== undefined) return v instanceof PyFunction ? v : null;
  }
  return null;
}

/** The constants the constant passes of a sandbox made (their code objects hold them): heap roots. */
export class CompilationRoots implements RootProvider {
  constructor(private readonly compilations: readonly ConstantCompiler[]) {}
  *roots(): Iterable<PyObject> {
    for (const c of this.compilations) yield* c.held();
  }
}

const interpreters = new WeakMap<SandboxRuntime, Interpreter>();
registerSideTable('interpreter:interpreters', interpreters);

/** Whether `rt` has an interpreter attached (interpreterFor makes one on first use). */
export function hasInterpreter(rt: SandboxRuntime): boolean {
  return interpreters.has(rt);
}

export function interpreterFor(rt: SandboxRuntime): Interpreter {
  let i = interpreters.get(rt);
  if (!i) {
    i = new Interpreter(rt);
    interpreters.set(rt, i);
  }
  return i;
}

function isExcType(t: PyType): boolean {
  return t.isSubtypeOf(BaseException);
}

export class Interpreter implements Caller {
  readonly heap: Heap;
  readonly b: Builtins;
  depth = 0;
  frames: Frame[] = [];
  excStack: ExcState[] = [];
  filename = '<sandbox>';

  constructor(readonly rt: SandboxRuntime) {
    this.heap = rt.heap;
    rt.caller = this;
    rt.heap.debugOutput = (text) => rt.write(text, 'stderr');
    rt.heap.keyCalls = this.keyCalls();
    // The builtins' own references to shared objects (sys.version_info's ints, ...) are
    // CPython's interpreter state, already in the recorded baselines: not counted.
    const before = this.heap.sharedCounts.slice();
    this.b = installBuiltins(this);
    this.heap.settleShared(before);
  }

  // ================================================================ entry points

  /**
   * A program that did not compile, reported as CPython reports it: a SyntaxError with its
   * source line and carets, or NotImplementedError naming the construct heaplab lacks.
   * Null when `e` is neither (the caller rethrows it).
   */
  compileFailure(e: unknown): ExecOutcome | null {
    if (e instanceof PySyntaxError) {
      const text = e.text;
      const stripped = text.replace(/^[ \t\f]+/, '');
      const lead = text.length - stripped.length;
      let tb = `  File "${e.filename}", line ${e.lineno}\n`;
      if (stripped.trim()) {
        tb += `    ${stripped.replace(/\s+$/, '')}\n`;
        const start = Math.max(0, e.offset - 1 - lead);
        let end = e.endLineno === e.lineno ? e.endOffset - 1 - lead : start + 1;
        if (end <= start) end = start + 1;
        tb += '    ' + ' '.repeat(start) + '^'.repeat(Math.min(end - start, Math.max(1, stripped.trimEnd().length - start))) + '\n';
      }
      tb += `${e.type}: ${e.msg}\n`;
      this.rt.write(tb, 'stderr');
      const out = this.rt.takeOutput();
      return { ...out, error: { type: e.type, message: e.msg, line: e.lineno, column: e.offset, traceback: tb } };
    }
    if (e instanceof UnsupportedError) {
      const msg = e.message;
      this.rt.write(`NotImplementedError: ${msg}\n`, 'stderr');
      const out = this.rt.takeOutput();
      return { ...out, error: { type: 'NotImplementedError', message: msg, line: null, column: null, traceback: '' } };
    }
    return null;
  }

  /**
   * A run stopped by a budget (its frames already noted innermost first): printed as a
   * TimeoutError traceback; `line` is where the program's top frame was.
   */
  budgetFailure(e: BudgetExceeded, line: number): ExecError {
    const msg = e.budget === 'steps' ? `${e.message}: the program ran too long` : e.message;
    const tb = formatBudgetTraceback(e, 'TimeoutError', msg);
    this.rt.write(tb, 'stderr');
    return { type: 'TimeoutError', message: msg, line, column: null, traceback: tb };
  }

  /** An exception nothing caught: its traceback printed, the raise released. */
  uncaught(r: Raise): ExecError {
    const tb = this.formatException(r.exc);
    this.rt.write(tb, 'stderr');
    let last = this.excTraceback(r.exc);
    while (last?.next) last = last.next;
    const error = { type: r.exc.type.name, message: this.excStr(r.exc), line: last?.line ?? null, column: null, traceback: tb };
    this.releaseRaise(r);
    return error;
  }

  /** Note `f` in the traceback of a budget error unwinding through it; returns the error. */
  budgetFrame(e: BudgetExceeded, f: Frame): BudgetExceeded {
    const code = f.code;
    e.frames.push({ filename: code.filename, line: f.line, name: code.name, source: code.lines[f.line - 1] ?? '' });
    return e;
  }

  /**
   * The constant pass (constants.ts) over a parsed module: each folded constant is made and
   * cached on its node for the bytecode compiler. vm/compile.ts runs it on a scratch runtime
   * of its own, which keeps the objects while it lives (the heap's walks find them).
   */
  compileConstants(mod: A.Module, code: Code): void {
    const cc = new ConstantCompiler(this);
    if (this.compilations.length === 0) {
      // Constants are live objects: the heap's walks find them through the code objects.
      this.heap.objects.rootProviders.push(new CompilationRoots(this.compilations));
    }
    this.compilations.push(cc);
    cc.compile(mod, code);
  }

  /**
   * ConstantHost: the code holds `name` (co_names): interned from compile time. A builtin's
   * name is CPython's already (the builtins dict's key), so compiling makes no str for it;
   * when it is a start-up str the sandbox counts (objects.ts), the code's reference counts.
   */
  internName(name: string): void {
    if (this.b.names.has(name) && internedSharedStr(name) === undefined) return;
    this.rt.intern(name);
  }

  /** The constant compilations of this sandbox (their code objects hold references). */
  private readonly compilations: ConstantCompiler[] = [];

  /** ConstantHost: an interned str (new reference). */
  internConst(s: string): PyStr {
    return this.rt.internConst(s);
  }

  /** ConstantHost: a fold that raised is not folded; its exception is dropped. */
  discardFoldError(e: unknown): void {
    if (e instanceof Raise) this.releaseRaise(e);
    else throw e;
  }

  // ================================================================ errors

  /** Make an exception instance of a builtin (or any) exception type with `args`. */
  newException(type: PyType, args: PyObject[]): PyObject {
    const heap = this.heap;
    const o = type.isHeapType ? newInstance(heap, type) : heap.track(heap.register(new PyInstance(type)));
    const t = newTuple(heap, args);
    o.payload.push(t);
    return o;
  }

  error(type: string, message: string): Raise {
    const t = exceptionTypes.get(type) ?? exceptionTypes.get('RuntimeError')!;
    return this.heap.exemptFromBudget(() => {
      const s = newStr(this.heap, message);
      const e = this.newException(t, [s]);
      this.heap.decref(s);
      return new Raise(e);
    });
  }

  keyError(key: PyObject): Raise {
    return new Raise(this.newException(exceptionTypes.get('KeyError')!, [key]));
  }

  /**
   * Convert whatever was thrown into a Raise, adding this frame to its traceback: at `at`
   * (the machine's failing instruction, from co_positions), else at the frame's line.
   */
  toRaise(e: unknown, f: Frame | null, at: A.Position | null = null): Raise {
    let r: Raise;
    if (e instanceof Raise) r = e;
    else if (e instanceof PyError) {
      if (e.pyType === 'KeyError') {
        const s = newStr(this.heap, e.message.replace(/^'(.*)'$/s, '$1'));
        r = this.keyError(s);
        this.heap.decref(s);
      } else r = this.error(e.pyType, e.message);
    } else if (e instanceof RangeError) {
      // A JS stack overflow is Python's recursion limit; any other RangeError ("Invalid
      // string length", "Maximum BigInt size exceeded") is an allocation no budget check
      // foresaw, and CPython would have run out of memory there.
      r = isStackOverflow(e) ? this.error('RecursionError', 'maximum recursion depth exceeded') : this.error('MemoryError', '');
    } else throw e;
    if (!r.chained) this.chain(r);
    if (f) {
      if (r.last !== f) {
        r.last = f;
        this.tracebackHere(r.exc, f, at ? at.lineno : f.line, at);
      }
    }
    return r;
  }

  /** The frame's frame object, made on first need (the frame owns one reference). */
  frameObject(f: Frame): PyFrameObj {
    let fo = f.obj;
    if (!fo) {
      fo = new PyFrameObj(f);
      this.heap.track(this.heap.register(fo));
      f.obj = fo;
    }
    return fo;
  }

  /** PyTraceBack_Here: a new entry for `f` in front of the exception's `__traceback__`. */
  tracebackHere(exc: PyObject, f: Frame, line: number, pos: A.Position | null): void {
    this.heap.exemptFromBudget(() => this.tracebackEntry(exc, f, line, pos));
  }

  private tracebackEntry(exc: PyObject, f: Frame, line: number, pos: A.Position | null): void {
    const fo = this.frameObject(f);
    this.heap.incref(fo);
    const old = this.excTraceback(exc);
    const tb = new PyTraceback(old, fo, line, pos);
    this.heap.track(this.heap.register(tb));
    // the new entry takes over the exception's reference to the old head
    if (old) this.heap.incref(old);
    this.setExcSlot(exc, TB, tb);
  }

  excSlot(exc: PyObject, i: number): PyObject | null {
    if (!(exc instanceof PyInstance)) return null;
    const v = exc.payload[i];
    return v === undefined || v === None ? null : v;
  }

  /** Store an owned reference (or None for null) into an exception's slot, releasing the old one. */
  setExcSlot(exc: PyObject, i: number, v: PyObject | null): void {
    if (!(exc instanceof PyInstance)) {
      if (v) this.heap.decref(v);
      return;
    }
    const p = exc.payload;
    if (p.length === 0) p.push(newTuple(this.heap, []));
    while (p.length <= i) {
      this.heap.incref(None);
      p.push(None);
    }
    const old = p[i]!;
    p[i] = v ?? this.none();
    this.heap.decref(old);
  }

  excTraceback(exc: PyObject): PyTraceback | null {
    return this.excSlot(exc, TB) as PyTraceback | null;
  }

  /** `__suppress_context__`, set by `raise ... from ...` (kept off the heap: it is a C int). */
  suppressContext = new WeakSet<PyObject>();

  /**
   * _PyErr_SetObject's chaining: an exception raised while another is handled gets it as
   * `__context__`, first cutting any loop the new link would close.
   */
  chain(r: Raise): void {
    r.chained = true;
    const cur = this.excStack[this.excStack.length - 1]?.exc;
    const exc = r.exc;
    if (!cur || cur === exc) return;
    let o = cur;
    for (let ctx = this.excSlot(o, CONTEXT); ctx; ctx = this.excSlot(o, CONTEXT)) {
      if (ctx === exc) {
        this.setExcSlot(o, CONTEXT, null);
        break;
      }
      o = ctx;
    }
    this.heap.incref(cur);
    this.setExcSlot(exc, CONTEXT, cur);
  }

  /** _PyFrame_Clear: a frame object a traceback still holds takes the locals over. */
  exitFrame(f: Frame): void {
    const fo = f.obj;
    if (fo) {
      f.obj = null;
      if (fo.refcnt > 1) {
        fo.owned = true;
        const prev = this.frames[this.frames.length - 1];
        if (prev && prev !== f) {
          const back = this.frameObject(prev);
          this.heap.incref(back);
          fo.back = back;
        }
        this.heap.decref(fo);
        return;
      }
      this.heap.decref(fo);
    }
    this.clearFrame(f);
  }

  releaseRaise(r: Raise): void {
    this.heap.decref(r.exc);
  }

  excArgs(exc: PyObject): PyTuple | null {
    if (exc instanceof PyInstance && exc.payload[0] instanceof PyTuple) return exc.payload[0];
    return null;
  }

  excStr(exc: PyObject): string {
    const t = exc.type;
    if (t.isHeapType && t.lookup('__str__', this.b.methods) instanceof PyFunction) return this.str(exc);
    const args = this.excArgs(exc)?.items ?? [];
    if (args.length === 0) return '';
    if (args.length === 1) return t.isSubtypeOf(exceptionTypes.get('KeyError')!) ? this.repr(args[0]!) : this.str(args[0]!);
    return this.repr(this.excArgs(exc)!);
  }

  /**
   * The traceback as CPython prints it (tb_print_internal): at most the last 1000 entries,
   * and a run of more than 3 identical entries (same file, line and function — runaway
   * recursion) collapsed into "[Previous line repeated N more times]".
   */
  formatTraceback(tbHead: PyTraceback | null, exc: PyObject): string {
    const LIMIT = 1000;
    const CUTOFF = 3;
    const repeated = (n: number): string =>
      `  [Previous line repeated ${n - CUTOFF} more time${n - CUTOFF > 1 ? 's' : ''}]\n`;
    if (!tbHead) return this.excLine(exc);
    const entries: PyTraceback[] = [];
    for (let t: PyTraceback | null = tbHead; t; t = t.next) entries.push(t);
    let out = 'Traceback (most recent call last):\n';
    let last: { code: unknown; line: number } | null = null;
    let count = 0;
    for (const e of entries.slice(Math.max(0, entries.length - LIMIT))) {
      const code = e.frame!.frame.code;
      if (last === null || last.code !== code || last.line !== e.line) {
        if (count > CUTOFF) out += repeated(count);
        last = { code, line: e.line };
        count = 0;
      }
      count++;
      if (count > CUTOFF) continue;
      out += `  File "${code.filename}", line ${e.line}, in ${code.name}\n`;
      const src = code.lines[e.line - 1];
      if (src !== undefined) out += sourceAndCarets(src, e.pos);
    }
    if (count > CUTOFF) out += repeated(count);
    return out + this.excLine(exc);
  }

  /**
   * An uncaught exception as print_exception_recursive prints it: its cause (or, unless
   * suppressed, its context) first, each once, then the exception with its own traceback.
   */
  formatException(exc: PyObject, seen = new Set<PyObject>()): string {
    seen.add(exc);
    let out = '';
    const cause = this.excSlot(exc, CAUSE);
    const context = this.excSlot(exc, CONTEXT);
    if (cause) {
      if (!seen.has(cause)) {
        out += this.formatException(cause, seen);
        out += '\nThe above exception was the direct cause of the following exception:\n\n';
      }
    } else if (context && !this.suppressContext.has(exc)) {
      if (!seen.has(context)) {
        out += this.formatException(context, seen);
        out += '\nDuring handling of the above exception, another exception occurred:\n\n';
      }
    }
    return out + this.formatTraceback(this.excTraceback(exc), exc);
  }

  excLine(exc: PyObject): string {
    const t = exc.type;
    const name = t.isHeapType && t.module !== '__main__' ? `${t.module}.${t.name}` : t.name;
    const msg = this.excStr(exc);
    return msg ? `${name}: ${msg}\n` : `${name}\n`;
  }

  /**
   * Caller: a Python exception that escaped a JSON op (a key's __hash__ or __eq__ raised) as
   * the op's error, released; null for anything that is not one.
   */
  pythonError(e: unknown): { type: string; message: string } | null {
    if (!(e instanceof Raise)) return null;
    const info = { type: e.exc.type.name, message: this.excStr(e.exc) };
    this.releaseRaise(e);
    return info;
  }

  /** Caller: a builtin type's tp_finalize (only generators have one here). */
  finalizeBuiltin(obj: PyObject): void {
    if (obj instanceof PyGenerator) this.finalizeGenerator(obj);
  }

  /** Caller: run a Python callable for the heap (finalizers, weakref and gc callbacks). */
  callIgnoringErrors(fn: PyObject, args: PyObject[], context: string, culprit: PyObject): void {
    for (const a of args) this.heap.incref(a);
    this.heap.incref(fn);
    const savedExc = this.excStack;
    this.excStack = [];
    try {
      const r = this.call(fn, args, null);
      this.heap.decref(r);
    } catch (e) {
      if (e instanceof BudgetExceeded) throw e;
      const r = this.toRaise(e, null);
      const text = `${context}: ${this.repr(culprit)}\n` + this.formatTraceback(this.excTraceback(r.exc), r.exc);
      this.rt.write(text, 'stderr');
      this.releaseRaise(r);
    } finally {
      this.excStack = savedExc;
      this.heap.decref(fn);
    }
  }

  // ================================================================ statements

  /**
   * BEFORE_WITH: a context manager's bound `__exit__` and what its `__enter__()` returned.
   * Both are looked up on the type (_PyObject_LookupSpecial), `__enter__` first, and a
   * missing one is CPython's TypeError. Consumes `mgr`.
   */
  beforeWith(mgr: PyObject): [exit: PyObject, entered: PyObject] {
    try {
      if (mgr.type.lookup('__enter__', this.b.methods) === undefined) {
        throw this.error('TypeError', `'${mgr.type.name}' object does not support the context manager protocol`);
      }
      if (mgr.type.lookup('__exit__', this.b.methods) === undefined) {
        throw this.error('TypeError', `'${mgr.type.name}' object does not support the context manager protocol (missed __exit__ method)`);
      }
      const exit = this.getAttr(mgr, '__exit__');
      try {
        return [exit, this.callMethod(mgr, '__enter__', [])];
      } catch (e) {
        this.heap.decref(exit);
        throw e;
      }
    } finally {
      this.heap.decref(mgr);
    }
  }

  excMatches(exc: PyObject, t: PyObject): boolean {
    if (t instanceof PyTuple) return t.items.some((x) => this.excMatches(exc, x));
    if (t instanceof PyType) return exc.type.isSubtypeOf(t);
    throw this.error('TypeError', 'catching classes that do not inherit from BaseException is not allowed');
  }

  /** `raise X` accepts a class (instantiated with no args) or an instance; consumes v. */
  toExceptionInstance(v: PyObject): PyObject {
    if (v instanceof PyType && isExcType(v)) {
      const inst = this.call(v, [], null);
      return inst;
    }
    if (isExcType(v.type)) return v;
    this.heap.decref(v);
    throw this.error('TypeError', 'exceptions must derive from BaseException');
  }

  // ================================================================ names

  loadGlobal(name: string, f: Frame): PyObject {
    const v = f.globals.getStr(name);
    if (!v) return this.loadBuiltin(name);
    this.heap.incref(v);
    return v;
  }

  /** A builtin by name (a new reference), for a name the globals do not bind: NameError when there is none. */
  loadBuiltin(name: string): PyObject {
    const v = this.b.names.get(name);
    if (!v) {
      // A real builtin heaplab lacks is a clear "not supported", never a NameError that
      // claims Python has no such name.
      if (UNSUPPORTED_BUILTINS.has(name)) throw this.error('NotImplementedError', `heaplab does not support the builtin '${name}'`);
      throw this.error('NameError', `name '${name}' is not defined`);
    }
    this.heap.incref(v);
    return v;
  }

  dictStoreStr(d: PyDict, name: string, v: PyObject): void {
    try {
      dictSetItem(this.heap, d, this.rt.intern(name), v);
    } finally {
      this.heap.decref(v);
    }
  }

  /**
   * DELETE_NAME / DELETE_GLOBAL: remove `name` from the frame's namespace dict (its globals
   * for a Global, else its locals, else its globals); NameError when it is not bound there.
   */
  deleteName(name: string, f: Frame, r: Resolved): void {
    const d = r.kind === NameKind.Global ? f.globals : (f.locals ?? f.globals);
    const key = this.rt.intern(name);
    if (dictGet(this.heap, d, key) === undefined) throw this.error('NameError', `name '${name}' is not defined`);
    dictDelItem(this.heap, d, key);
  }

  // ================================================================ targets

  /**
   * UNPACK_SEQUENCE / UNPACK_EX: the values for `n` targets in order,
   * the one at `star` (-1: none) a new list of the rest. Consumes v; new references.
   */
  unpackValues(v: PyObject, n: number, star: number): PyObject[] {
    let items: PyObject[];
    try {
      items = (v instanceof PyList || v instanceof PyTuple) && !v.type.isHeapType ? this.toArray(v) : this.unpackIterable(v, star < 0 ? n : -1);
    } finally {
      this.heap.decref(v);
    }
    if (star < 0) {
      if (items.length !== n) {
        for (const x of items) this.heap.decref(x);
        if (items.length > n) throw this.error('ValueError', `too many values to unpack (expected ${n})`);
        throw this.error('ValueError', `not enough values to unpack (expected ${n}, got ${items.length})`);
      }
      return items;
    }
    if (items.length < n - 1) {
      for (const x of items) this.heap.decref(x);
      throw this.error('ValueError', `not enough values to unpack (expected at least ${n - 1}, got ${items.length})`);
    }
    const after = n - 1 - star;
    const mid = items.slice(star, items.length - after);
    const lst = this.heap.track(this.heap.register(new PyList(mid)));
    return [...items.slice(0, star), lst, ...items.slice(items.length - after)];
  }

  /**
   * unpack_iterable's reading: the items of an iterable (borrowed), at most `limit` + 1 of
   * them when there is no starred target (so `a, b = endless()` stops at the third item
   * with "too many values", as CPython does); limit -1 reads all. A value that cannot be
   * iterated raises "cannot unpack non-iterable X object".
   */
  private unpackIterable(v: PyObject, limit: number): PyObject[] {
    let it: PyObject;
    try {
      it = this.getIter(v);
    } catch (e) {
      if (e instanceof Raise && e.exc.type === exceptionTypes.get('TypeError') && v.type.lookup('__iter__', this.b.methods) === undefined && v.type.lookup('__getitem__', this.b.methods) === undefined) {
        this.releaseRaise(e);
        throw this.error('TypeError', `cannot unpack non-iterable ${v.type.name} object`);
      }
      throw e;
    }
    return this.readItems(it, limit);
  }

  /**
   * `for x in iterable: body(x)`: each item is borrowed by `body` and released after it; each
   * costs a step (next() charges it). The iterable is borrowed.
   */
  forEach(iterable: PyObject, body: (x: PyObject) => void): void {
    const heap = this.heap;
    const it = this.getIter(iterable);
    try {
      for (let x = this.next(it); x !== null; x = this.next(it)) {
        try {
          body(x);
        } finally {
          heap.decref(x);
        }
      }
    } finally {
      heap.decref(it);
    }
  }

  /**
   * The items an iterator yields (new references), at most `limit` + 1 of them (-1: all).
   * Consumes `it`.
   */
  readItems(it: PyObject, limit = -1): PyObject[] {
    const heap = this.heap;
    const out: PyObject[] = [];
    try {
      for (let x = this.next(it); x !== null; x = this.next(it)) {
        out.push(x);
        if (limit >= 0 && out.length > limit) break;
      }
    } catch (e) {
      for (const x of out) heap.decref(x);
      throw e;
    } finally {
      heap.decref(it);
    }
    return out;
  }

  // ================================================================ expressions

  int(v: number | bigint): PyObject {
    if (typeof v === 'bigint') {
      if (v >= -9007199254740991n && v <= 9007199254740991n) v = Number(v);
    }
    if (typeof v === 'number') {
      if (v >= -5 && v <= 256) {
        const s = smallInt(v)!;
        this.heap.incref(s);
        return s;
      }
      if (!Number.isSafeInteger(v)) v = BigInt(v);
    }
    return this.heap.registerInt(new PyInt(v));
  }

  /** True or False as a new reference (the shared bools are counted per heap). */
  bool(b: boolean): PyObject {
    const o = b ? True : False;
    this.heap.incref(o);
    return o;
  }

  /** None as a new reference. */
  none(): PyObject {
    this.heap.incref(None);
    return None;
  }

  float(v: number): PyObject {
    return this.heap.register(new PyFloat(v));
  }

  /** PyObject_Str: an exact str is itself; anything else is a level of the recursion depth. */
  str(o: PyObject): string {
    if (o.type === strType) return (o as PyStr).value;
    this.enterRecursiveCall(' while getting the str of an object');
    try {
      return this.tpStr(o);
    } finally {
      this.leaveRecursiveCall();
    }
  }

  /** The type's tp_str, for a caller already inside PyObject_Str's recursion level. */
  strInside(o: PyObject): string {
    return this.tpStr(o);
  }

  /** The type's tp_str (inside PyObject_Str's recursion level). */
  private tpStr(o: PyObject): string {
    if (o instanceof PyStr && !this.override(o, '__str__')) return o.value;
    const t = o.type;
    if (t.isHeapType) {
      const m = t.lookup('__str__', this.b.methods);
      if (this.b.isPythonLevel(m)) {
        const r = this.callMethod(o, '__str__', []);
        try {
          if (!(r instanceof PyStr)) throw this.error('TypeError', `__str__ returned non-string (type ${r.type.name})`);
          return r.value;
        } finally {
          this.heap.decref(r);
        }
      }
    }
    if (isExcType(t) && o instanceof PyInstance) return this.excStr(o);
    if (o instanceof PyExtObject) return o.str();
    const own = this.b.strOf.get(t);
    if (own) return own(o);
    return this.b.tpRepr(o);
  }

  newStr(s: string): PyObject {
    return newStr(this.heap, s);
  }

  /** A tuple taking over the references in `items`; () is CPython's shared empty tuple. */
  tupleOwned(items: PyObject[]): PyTuple {
    if (items.length === 0) {
      this.heap.incref(EMPTY_TUPLE);
      return EMPTY_TUPLE;
    }
    return this.heap.track(this.heap.register(new PyTuple(items)));
  }

  dictUpdate(d: PyDict, src: PyObject): void {
    if (src instanceof PyDict) {
      // dict_merge: each key with the hash src stored for it (no __hash__ runs again).
      for (const [k, v, h] of dictHashedEntries(src)) dictSetItem(this.heap, d, k, v, h);
      return;
    }
    if (this.dunder(src, 'keys')) {
      // A mapping (it has keys()): d[k] = src[k] for each of its keys, as dict_merge does.
      const keysView = this.callMethod(src, 'keys', []);
      let keys: PyObject[];
      try {
        keys = this.toArray(keysView);
      } finally {
        this.heap.decref(keysView);
      }
      try {
        for (const k of keys) {
          const v = this.getItem(src, k);
          dictSetItem(this.heap, d, k, v);
          this.heap.decref(v);
        }
      } finally {
        for (const k of keys) this.heap.decref(k);
      }
      return;
    }
    // PyDict_MergeFromSeq2: one pair at a time from the iterator, nothing collected first.
    const it = this.getIter(src);
    try {
      for (let i = 0, item = this.next(it); item !== null; i++, item = this.next(it)) {
        try {
          let kv: PyObject[];
          try {
            kv = this.toArray(item);
          } catch (e) {
            // PySequence_Fast(item, ""): an element that cannot be iterated
            if (!(e instanceof Raise) || e.exc.type !== exceptionTypes.get('TypeError')) throw e;
            this.releaseRaise(e);
            throw this.error('TypeError', `cannot convert dictionary update sequence element #${i} to a sequence`);
          }
          try {
            if (kv.length !== 2) throw this.error('ValueError', `dictionary update sequence element #${i} has length ${kv.length}; 2 is required`);
            dictSetItem(this.heap, d, kv[0]!, kv[1]!);
          } finally {
            for (const x of kv) this.heap.decref(x);
          }
        } finally {
          this.heap.decref(item);
        }
      }
    } finally {
      this.heap.decref(it);
    }
  }

  strObjTmp(o: PyObject): PyObject {
    return this.newStr(this.str(o));
  }

  reprObj(o: PyObject, ascii = false): PyObject {
    let s = this.repr(o);
    if (ascii) s = s.replace(/[^\x00-\x7f]/gu, (c) => {
      const cp = c.codePointAt(0)!;
      return cp < 0x100 ? '\\x' + cp.toString(16).padStart(2, '0') : cp < 0x10000 ? '\\u' + cp.toString(16).padStart(4, '0') : '\\U' + cp.toString(16).padStart(8, '0');
    });
    return this.newStr(s);
  }

  /** format(o, spec); `consume` releases o (a temporary made for a conversion). */
  format(o: PyObject, spec: string, consume: boolean): string {
    try {
      try {
        if (o.type.isHeapType && o.type.lookup('__format__', this.b.methods) instanceof PyFunction) {
          const s = this.newStr(spec);
          const r = this.callMethod(o, '__format__', [s]);
          try {
            return this.str(r);
          } finally {
            this.heap.decref(r);
          }
        }
        // PyObject_Format calls a builtin type's __format__ (a C method: a recursion level)
        // unless the object is an exact str or int and the spec is empty.
        if (spec === '' && (o.type === strType || o.type === intType)) return this.formatBuiltin(o, spec);
        this.enterRecursiveCall(' while calling a Python object');
        try {
          return this.formatBuiltin(o, spec);
        } finally {
          this.leaveRecursiveCall();
        }
      } catch (e) {
        if (e instanceof FormatError) throw this.error('ValueError', e.message);
        throw e;
      }
    } finally {
      if (consume) this.heap.decref(o);
    }
  }

  /** A builtin type's __format__(spec) of o (object.__format__ for a class without its own). */
  private formatBuiltin(o: PyObject, spec: string): string {
    if (o instanceof PyBool) return spec === '' ? (o.value ? 'True' : 'False') : formatInt(o.value ? 1n : 0n, spec);
    // int/float/str.__format__ with an empty spec is str(o): a subclass's __str__/__repr__ shows.
    if (spec === '' && o.type.isHeapType && isBuiltinSub(o)) return this.str(o);
    if (o instanceof PyInt) {
      // Decimal presentations obey the digit limit (and are charged); x, o, b and c don't.
      if (spec === '' || !/[xXobc]$/.test(spec)) {
        const dec = intToDecimal(this.heap, o.value);
        if (spec === '') return dec;
      }
      this.reserveWidth(spec);
      return formatInt(BigInt(o.value), spec);
    }
    if (o instanceof PyFloat) return formatFloat(o.value, spec);
    if (o instanceof PyStr) {
      this.reserveWidth(spec);
      return formatStr(o.value, spec);
    }
    if (spec === '') return this.str(o);
    throw this.error('TypeError', `unsupported format string passed to ${o.type.name}.__format__`);
  }

  /** A format spec's width is the least its result holds: check it against the byte budget first. */
  reserveWidth(spec: string): void {
    const m = /^(?:.?[<>=^])?[-+ ]?z?#?0?(\d+)/.exec(spec);
    if (m) this.heap.reserve(49 + Number(m[1]));
  }

  // ================================================================ calls

  /**
   * For `obj.name(...)`: the plain function or native method found on obj's type when no
   * instance attribute shadows it (borrowed); null to fall back to getattr.
   */
  lookupMethod(obj: PyObject, name: string): PyObject | null {
    const t = obj.type;
    if (obj instanceof PyType || obj instanceof PyModule || obj instanceof PySuper) return null;
    if (obj instanceof PyInstance) {
      // LOAD_METHOD's shortcut is for PyObject_GenericGetAttr only: a class's own
      // __getattribute__ sees method lookups too.
      if (obj.getAttr(name) !== undefined || (t.isHeapType && userGetattribute(t))) return null;
      const m = t.lookup(name, this.b.methods);
      if (m instanceof PyFunction) return m;
      if (m === undefined && t.isHeapType) {
        const nm = this.b.nativeMethod(obj, name);
        if (nm) return nm;
      }
      return null;
    }
    if (t.isHeapType && isBuiltinSub(obj)) {
      // An instance attribute shadows the class's; a Python-level override beats the builtin's.
      if (obj.dict?.getStr(name) !== undefined) return null;
      const m = t.lookup(name, this.b.methods);
      return m instanceof PyFunction || m instanceof PyNative ? m : null;
    }
    return this.b.nativeMethod(obj, name);
  }

  /** Call consuming args (and kw values). Returns a new reference. */
  call(fn: PyObject, args: PyObject[], kw: Kw): PyObject {
    if (fn instanceof PyFunction) return this.callFunction(fn, args, kw);
    const heap = this.heap;
    if (fn instanceof PyNative) {
      try {
        const km = kw ? new Map(kw) : null;
        if (fn.self) return fn.impl([fn.self, ...args], km);
        return fn.impl(args, km);
      } finally {
        for (const a of args) heap.decref(a);
        if (kw) for (const [, v] of kw) heap.decref(v);
      }
    }
    if (fn instanceof PyMethod) {
      heap.incref(fn.self!);
      args.unshift(fn.self!);
      return this.call(fn.func!, args, kw);
    }
    if (fn instanceof PyType) return this.callType(fn, args, kw);
    if (fn instanceof PyWrapper && fn.type === staticmethodType) return this.call(fn.items[0]!, args, kw);
    const m = fn.type.lookup('__call__', this.b.methods);
    if (m) {
      heap.incref(fn);
      args.unshift(fn);
      return this.call(m, args, kw);
    }
    for (const a of args) heap.decref(a);
    if (kw) for (const [, v] of kw) heap.decref(v);
    throw this.error('TypeError', `'${fn.type.name}' object is not callable`);
  }

  callType(t: PyType, args: PyObject[], kw: Kw): PyObject {
    const heap = this.heap;
    if (!t.isHeapType) {
      const ctor = this.b.constructors.get(t);
      if (ctor) {
        try {
          return ctor(args, kw);
        } finally {
          for (const a of args) heap.decref(a);
          if (kw) for (const [, v] of kw) heap.decref(v);
        }
      }
      if (isExcType(t)) {
        try {
          if (kw && kw.length) throw this.error('TypeError', `${t.name}() takes no keyword arguments`);
          return this.newException(t, args);
        } finally {
          for (const a of args) heap.decref(a);
        }
      }
      for (const a of args) heap.decref(a);
      throw this.error('TypeError', `cannot create '${t.name}' instances`);
    }
    // A class defined in the sandbox.
    let inst: PyInstance;
    const builtinBase = t.mro.find((b) => !b.isHeapType)!;
    if (SUBCLASSABLE.has(builtinBase)) return callBuiltinSubclass(this, t, args, kw);
    if (builtinBase !== objectType && !isExcType(builtinBase)) {
      for (const a of args) heap.decref(a);
      throw this.error('NotImplementedError', `heaplab does not support subclassing '${builtinBase.name}'`);
    }
    const init = t.lookup('__init__', this.b.methods);
    const newm = t.lookup('__new__', this.b.methods);
    if (newm instanceof PyFunction || (newm instanceof PyWrapper && newm.type === staticmethodType)) {
      const fnew = newm instanceof PyWrapper ? newm.items[0]! : newm;
      heap.incref(t);
      for (const a of args) heap.incref(a);
      const o = this.call(fnew, [t, ...args], kw ? kw.map(([k, v]) => { heap.incref(v); return [k, v] as [string, PyObject]; }) : null);
      if (!(o instanceof PyInstance) || !o.type.isSubtypeOf(t)) {
        for (const a of args) heap.decref(a);
        if (kw) for (const [, v] of kw) heap.decref(v);
        return o;
      }
      inst = o;
    } else {
      inst = newInstance(heap, t);
      if (isExcType(t)) {
        inst.payload.push(newTuple(heap, args));
      }
    }
    if (init instanceof PyFunction) {
      heap.incref(inst);
      let r: PyObject;
      try {
        r = this.callFunction(init, [inst, ...args], kw);
      } catch (e) {
        heap.decref(inst);
        throw e;
      }
      heap.decref(r);
      if (r !== None) {
        heap.decref(inst);
        throw this.error('TypeError', `__init__() should return None, not '${r.type.name}'`);
      }
    } else if (init instanceof PyNative && this.b.isPythonLevel(init)) {
      // A class CPython writes in Python, built natively (collections.UserString): its __init__.
      heap.incref(inst);
      try {
        heap.decref(this.call(init, [inst, ...args], kw));
      } catch (e) {
        heap.decref(inst);
        throw e;
      }
    } else {
      const hasArgs = args.length > 0 || (kw !== null && kw.length > 0);
      for (const a of args) heap.decref(a);
      if (kw) for (const [, v] of kw) heap.decref(v);
      if (hasArgs && !isExcType(t) && !(newm instanceof PyFunction)) {
        heap.decref(inst);
        throw this.error('TypeError', `${t.name}() takes no arguments`);
      }
    }
    return inst;
  }

  /**
   * The bytecode machine's entry (vm/machine), attached when the sandbox's machine is made:
   * runs a function it loaded in a nested loop (consuming args), or answers undefined for
   * any other function.
   */
  machineCall: ((fn: PyFunction, args: PyObject[], kw: Kw) => PyObject | undefined) | null = null;

  /**
   * Call a Python function (or make its generator) on the machine. Consumes args. Every
   * function is the machine's: only MAKE_FUNCTION makes them.
   */
  callFunction(fn: PyFunction, args: PyObject[], kw: Kw): PyObject {
    const r = this.machineCall?.(fn, args, kw);
    if (r === undefined) throw new Error(`${fn.qualname?.value ?? '?'}: a function the machine did not make`);
    return r;
  }

  clearFrame(f: Frame): void {
    const fast = f.fast;
    for (let i = 0; i < fast.length; i++) {
      const v = fast[i];
      if (v) {
        fast[i] = null;
        this.heap.decref(v);
      }
    }
    if (f.localsSnapshot) {
      const d = f.localsSnapshot;
      f.localsSnapshot = null;
      this.heap.decref(d);
    }
  }

  bindArgs(fn: PyFunction, f: Frame, args: PyObject[], kw: Kw): void {
    const code = fn.code;
    const heap = this.heap;
    const fast = f.fast;
    const np = code.posargs.length;
    const name = code.name;
    let extra: PyObject[] | null = null;
    for (let i = 0; i < args.length; i++) {
      if (i < np) fast[i] = args[i]!;
      else (extra ??= []).push(args[i]!);
    }
    let slot = np;
    if (code.vararg !== null) {
      fast[slot] = this.tupleOwned(extra ?? []);
      extra = null;
      slot++;
    } else if (extra) {
      for (const x of extra) heap.decref(x);
      if (kw) for (const [, v] of kw) heap.decref(v);
      const nd = fn.defaults?.items.length ?? 0;
      const takes = nd ? `from ${np - nd} to ${np} positional arguments` : `${np} positional argument${np === 1 ? '' : 's'}`;
      throw this.error('TypeError', `${code.qualname}() takes ${takes} but ${args.length} ${args.length === 1 ? 'was' : 'were'} given`);
    }
    const kwStart = slot;
    slot += code.kwonly.length;
    let kwDict: PyDict | null = null;
    if (code.kwarg !== null) {
      kwDict = heap.register(new PyDict());
      fast[slot] = kwDict;
    }
    if (kw) {
      for (let j = 0; j < kw.length; j++) {
        const [k, v] = kw[j]!;
        let idx = code.posargs.indexOf(k);
        if (idx >= 0 && idx < code.posonly) idx = -1;
        if (idx < 0) {
          const ki = code.kwonly.indexOf(k);
          if (ki >= 0) idx = kwStart + ki;
        }
        if (idx >= 0) {
          if (fast[idx]) {
            for (let r = j; r < kw.length; r++) heap.decref(kw[r]![1]);
            throw this.error('TypeError', `${code.qualname}() got multiple values for argument '${k}'`);
          }
          fast[idx] = v;
        } else if (kwDict) {
          dictSetItem(heap, kwDict, this.rt.intern(k), v);
          heap.decref(v);
        } else {
          for (let r = j; r < kw.length; r++) heap.decref(kw[r]![1]);
          throw this.error('TypeError', `${code.qualname}() got an unexpected keyword argument '${k}'`);
        }
      }
    }
    // defaults
    const defs = fn.defaults?.items ?? [];
    const firstDef = np - defs.length;
    const missing: string[] = [];
    for (let i = 0; i < np; i++) {
      if (fast[i]) continue;
      if (i >= firstDef) {
        const d = defs[i - firstDef]!;
        heap.incref(d);
        fast[i] = d;
      } else missing.push(code.posargs[i]!);
    }
    if (missing.length) {
      const list = missing.map((m) => `'${m}'`);
      const names = list.length === 1 ? list[0] : list.length === 2 ? `${list[0]} and ${list[1]}` : `${list.slice(0, -1).join(', ')}, and ${list[list.length - 1]}`;
      throw this.error('TypeError', `${code.qualname}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${names}`);
    }
    const kwMissing: string[] = [];
    for (let i = 0; i < code.kwonly.length; i++) {
      if (fast[kwStart + i]) continue;
      const d = fn.kwdefaults?.getStr(code.kwonly[i]!);
      if (d) {
        heap.incref(d);
        fast[kwStart + i] = d;
      } else kwMissing.push(code.kwonly[i]!);
    }
    if (kwMissing.length) {
      throw this.error('TypeError', `${code.qualname}() missing ${kwMissing.length} required keyword-only argument${kwMissing.length > 1 ? 's' : ''}: ${kwMissing.map((m) => `'${m}'`).join(' and ')}`);
    }
    void name;
  }

  /**
   * The bases a class statement may name: types only, no final
   * builtin (bool, range, ...: CPython's TypeError), and a builtin base only when heaplab
   * models its subclasses (else NotImplementedError naming it).
   */
  checkClassBases(bases: PyObject[]): void {
    for (const b of bases) {
      if (!(b instanceof PyType)) throw this.error('TypeError', 'bases must be types');
      if (isFinalBuiltin(b)) throw this.error('TypeError', `type '${b.name}' is not an acceptable base type`);
      if (!b.isHeapType && b !== objectType && !isExcType(b) && !SUBCLASSABLE.has(b)) {
        throw this.error('NotImplementedError', `heaplab does not support subclassing '${b.name}'`);
      }
    }
  }

  /**
   * type_new's part after the class body ran: the class named `name` with (checked) `bases`
   * and the namespace's entries (all but `__qualname__`), its `__slots__`, the `__hash__`
   * None that `__eq__` alone implies, and its functions' defining class (zero-argument super()).
   */
  classFromNamespace(name: string, bases: PyType[], ns: PyDict): PyType {
    const heap = this.heap;
    const multiple = bases.length > 1 ? this.multipleBases(bases) : null;
    const base = multiple ? multiple.best : (bases[0] ?? null);
    const slots = this.classSlots(ns, base, name);
    const storage = base ? storageBase(base) : null;
    if (slots && slots.some((n) => n !== '__dict__' && n !== '__weakref__') && (storage === intType || storage === tupleType)) {
      throw this.error('TypeError', `nonempty __slots__ not supported for subtype of '${storage.name}'`);
    }
    const entries: [string, PyObject][] = [];
    let qualname = name;
    for (const [k, v] of ns.entries()) {
      if (!(k instanceof PyStr) || k.value === '__classcell__') continue;
      // type_new takes __qualname__ out of the namespace as the class's ht_qualname.
      if (k.value === '__qualname__') {
        if (!(v instanceof PyStr)) throw this.error('TypeError', `type __qualname__ must be a str, not ${v.type.name}`);
        qualname = v.value;
      } else entries.push([k.value, v]);
    }
    // type_new: a plain function named __init_subclass__ or __class_getitem__ is a classmethod
    const wrapped: PyObject[] = [];
    for (const e of entries) {
      if ((e[0] === '__init_subclass__' || e[0] === '__class_getitem__') && e[1] instanceof PyFunction) {
        heap.incref(e[1]);
        const w = heap.track(heap.register(new PyWrapper(classmethodType, [e[1]])));
        wrapped.push(w);
        e[1] = w;
      }
    }
    let cls: PyType;
    try {
      cls = newClass(heap, name, base, entries, slots, multiple);
    } finally {
      for (const w of wrapped) heap.decref(w);
    }
    if (qualname !== name) cls.heapQualname = qualname;
    if (entries.some(([k]) => k === '__eq__') && !entries.some(([k]) => k === '__hash__')) {
      // type_ready_set_hash: __eq__ without __hash__ makes the class's __hash__ None.
      cls.unhashable = true;
      if (cls.dict) dictSetItem(heap, cls.dict, this.rt.intern('__hash__'), None);
    }
    for (const [, v] of entries) {
      if (v instanceof PyFunction) v.definingClass = cls;
      if (v instanceof PyWrapper) for (const x of v.items) if (x instanceof PyFunction) x.definingClass = cls;
    }
    this.initSubclass(cls);
    return cls;
  }

  /**
   * init_subclass: super(cls, cls).__init_subclass__() — the first one a base class defines
   * (object's does nothing). Runs after the class exists, before its decorators.
   */
  private initSubclass(cls: PyType): void {
    for (const t of cls.mro.slice(1)) {
      if (!t.isHeapType) return;
      const v = t.dict?.getStr('__init_subclass__');
      if (v === undefined) continue;
      const fn = v instanceof PyWrapper && v.type === classmethodType ? v.items[0]! : v;
      this.heap.incref(fn);
      this.heap.incref(cls);
      try {
        this.heap.decref(this.call(fn, [cls], null));
      } finally {
        this.heap.decref(fn);
      }
      return;
    }
  }

  /**
   * A class with several bases: the base that lays out its instances (best_base) and its
   * C3 MRO (slot 0 stands for the class itself until it exists); TypeError as CPython's.
   */
  multipleBases(bases: PyType[]): { bases: PyType[]; best: PyType; mro: PyType[] } {
    const best = bestBase(bases);
    if (!(best instanceof PyType)) throw this.error(best.error, best.message);
    const mro = c3Mro(objectType, bases);
    if (!Array.isArray(mro)) throw this.error(mro.error, mro.message);
    return { bases, best, mro };
  }

  /**
   * The names a class body's `__slots__` gives (null: no `__slots__`), checked as type_new
   * checks them: identifiers, no clash with a class variable, `__dict__` / `__weakref__`
   * at most once and only when the base lacks them.
   */
  /** The names `__slots__` declares, each mangled for the class (type_new does), or null. */
  classSlots(ns: PyDict, base: PyType | null, className: string): string[] | null {
    const v = ns.getStr('__slots__');
    if (v === undefined) return null;
    const items = v instanceof PyStr ? [v] : this.toArray(v);
    const names: string[] = [];
    try {
      for (const it of items) {
        if (!(it instanceof PyStr)) throw this.error('TypeError', `__slots__ items must be strings, not '${it.type.name}'`);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(it.value)) throw this.error('TypeError', '__slots__ must be identifiers');
        names.push(mangle(className, it.value));
      }
    } finally {
      if (!(v instanceof PyStr)) for (const it of items) this.heap.decref(it);
    }
    const inherit = base !== null && base.isHeapType;
    for (const [special, has] of [['__dict__', inherit && base.instHasDict], ['__weakref__', inherit && base.instHasWeakref]] as const) {
      const n = names.filter((x) => x === special).length;
      if (n > 1 || (n === 1 && has)) {
        throw this.error('TypeError', special === '__dict__' ? '__dict__ slot disallowed: we already got one' : '__weakref__ slot disallowed: either we already got one, or the base type does not support weakrefs');
      }
    }
    for (const n of names) {
      if (n !== '__dict__' && n !== '__weakref__' && ns.getStr(n) !== undefined) {
        throw this.error('ValueError', `'${n}' in __slots__ conflicts with class variable`);
      }
    }
    return names;
  }

  // ================================================================ generators & comprehensions

  /** Resume a generator: the next value (owned), or null when it finished. */
  genNext(g: PyGenerator, send: PyObject | null = null): PyObject | null {
    if (g.finished || !g.it || !g.frame) {
      if (send) this.heap.decref(send);
      return null;
    }
    if (g.running) {
      if (send) this.heap.decref(send);
      throw this.error('ValueError', 'generator already executing');
    }
    if (!g.started && send && send !== None) {
      this.heap.decref(send);
      throw this.error('TypeError', "can't send non-None value to a just-started generator");
    }
    return this.genResume(g, send, null);
  }

  /**
   * gen_send_ex: run a suspended (or not yet started) generator's frame until it yields
   * (the value, owned), returns (null; the return value waits in `retval`) or raises.
   * `thrown` is raised at the paused yield instead of sending a value (gen.throw, close).
   */
  genResume(g: PyGenerator, send: PyObject | null, thrown: Raise | null): PyObject | null {
    const f = g.frame!;
    const it = g.it!;
    g.started = true;
    g.running = true;
    if (this.depth >= this.recursionLimit) {
      g.running = false;
      if (send) this.heap.decref(send);
      if (thrown) this.releaseRaise(thrown);
      throw this.error('RecursionError', 'maximum recursion depth exceeded');
    }
    this.depth++;
    this.frames.push(f);
    let r: IteratorResult<PyObject, PyObject | null>;
    try {
      r = thrown ? it.throw(thrown) : it.next(send);
    } catch (e) {
      g.finished = true;
      g.it = null;
      if (e instanceof BudgetExceeded) throw this.budgetFrame(e, f);
      const rr = this.toRaise(e, f);
      this.finishGen(g);
      if (rr.exc.type === exceptionTypes.get('StopIteration')) {
        this.releaseRaise(rr);
        throw this.error('RuntimeError', 'generator raised StopIteration');
      }
      throw rr;
    } finally {
      g.running = false;
      this.depth--;
      this.frames.pop();
    }
    if (r.done) {
      g.finished = true;
      g.it = null;
      if (r.value && r.value !== None) g.retval = r.value;
      this.finishGen(g);
      return null;
    }
    return r.value;
  }

  /** StopIteration for an exhausted generator, carrying its return value. */
  stopIteration(g: PyObject | null): Raise {
    const args: PyObject[] = [];
    if (g instanceof PyGenerator && g.retval) {
      args.push(g.retval);
      g.retval = null;
    }
    const e = this.newException(exceptionTypes.get('StopIteration')!, args);
    for (const a of args) this.heap.decref(a);
    return new Raise(e);
  }

  finishGen(g: PyGenerator): void {
    this.heap.allocTracer?.detach(g);
    const out: PyObject[] = [];
    g.clearRefs(out);
    for (const o of out) this.heap.decref(o);
  }

  /** One step of `yield from` (the SEND instruction): next(it), or it.send(v) for a value. Consumes `sent`. */
  delegateSend(it: PyObject, sent: PyObject | null): PyObject | null {
    if (it instanceof PyGenerator) return this.genNext(it, sent);
    if (sent === null || sent === None) return this.next(it);
    try {
      return this.callMethod(it, 'send', [sent]);
    } catch (e) {
      if (e instanceof Raise && e.exc.type.isSubtypeOf(exceptionTypes.get('StopIteration')!)) {
        this.releaseRaise(e);
        return null;
      }
      throw e;
    } finally {
      this.heap.decref(sent);
    }
  }

  /** The value of a finished `yield from`: the delegate generator's return value (owned), else None. */
  delegateReturn(it: PyObject): PyObject {
    if (it instanceof PyGenerator && it.retval) {
      const r = it.retval;
      it.retval = null;
      return r;
    }
    return this.none();
  }

  /**
   * gen.throw(exc) (_gen_throw): raise `thrown` at the generator's paused yield. A
   * `yield from` passes it on to its delegate first (GeneratorExit closes the delegate
   * instead); if the delegate then yields, that is the result; if it returns, the `yield
   * from` evaluates to its value; if it raises, that is raised in this generator.
   * Returns the next yielded value (owned) or null when the generator returned.
   */
  genThrow(g: PyGenerator, thrown: Raise): PyObject | null {
    if (g.running) {
      this.releaseRaise(thrown);
      throw this.error('ValueError', 'generator already executing');
    }
    if (g.finished || !g.it || !g.frame) throw thrown;
    const f = g.frame;
    let pending: Raise | null = thrown;
    const d = g.started ? f.delegate : null;
    if (d) {
      g.running = true;
      try {
        if (pending.exc.type.isSubtypeOf(exceptionTypes.get('GeneratorExit')!)) {
          this.closeIter(d);
        } else {
          const r = this.throwIntoDelegate(d, pending);
          pending = null;
          if (r.yielded) return r.yielded;
          f.delegateResult = r.returned;
        }
      } catch (e) {
        if (e instanceof BudgetExceeded) throw e;
        if (pending) this.releaseRaise(pending);
        pending = this.toRaise(e, null);
      } finally {
        g.running = false;
      }
    }
    if (pending) pending.chained = true;
    return this.genResume(g, null, pending);
  }

  /**
   * Pass a thrown exception on to a `yield from` delegate (consumes `thrown`): what it
   * yielded, or the value it returned; an exception it raises propagates. A delegate
   * without a throw() method gets nothing: the exception is raised in the outer generator.
   */
  throwIntoDelegate(d: PyObject, thrown: Raise): { yielded: PyObject | null; returned: PyObject | null } {
    if (d instanceof PyGenerator) {
      const v = this.genThrow(d, thrown);
      return v !== null ? { yielded: v, returned: null } : { yielded: null, returned: this.delegateReturn(d) };
    }
    const m = this.dunder(d, 'throw');
    if (!m) throw thrown;
    const exc = thrown.exc;
    this.heap.incref(exc);
    this.releaseRaise(thrown);
    try {
      return { yielded: this.callDunder(m, d, [exc.type, exc, this.excTraceback(exc) ?? None]), returned: null };
    } catch (e) {
      if (e instanceof Raise && e.exc.type.isSubtypeOf(exceptionTypes.get('StopIteration')!)) {
        const a = this.excArgs(e.exc)?.items[0] ?? None;
        this.heap.incref(a);
        this.releaseRaise(e);
        return { yielded: null, returned: a };
      }
      throw e;
    } finally {
      this.heap.decref(exc);
    }
  }

  /** gen_close_iter: close a `yield from` delegate (a generator, or anything with close()). */
  closeIter(d: PyObject): void {
    if (d instanceof PyGenerator) {
      this.genClose(d);
      return;
    }
    const m = this.dunder(d, 'close');
    if (m) this.heap.decref(this.callDunder(m, d, []));
  }

  /**
   * gen.close(): raise GeneratorExit at the paused yield (after closing a `yield from`
   * delegate). Returning or letting GeneratorExit (or StopIteration) out is a clean close;
   * yielding again is a RuntimeError; any other exception propagates. A generator that
   * never started or already finished is just marked finished.
   */
  genClose(g: PyGenerator): void {
    if (g.running) throw this.error('ValueError', 'generator already executing');
    if (g.finished || !g.it || !g.frame) return;
    if (!g.started) {
      g.finished = true;
      g.it = null;
      this.finishGen(g);
      return;
    }
    const exit = new Raise(this.newException(exceptionTypes.get('GeneratorExit')!, []));
    let v: PyObject | null;
    try {
      v = this.genThrow(g, exit);
    } catch (e) {
      if (e instanceof Raise && (e.exc.type.isSubtypeOf(exceptionTypes.get('GeneratorExit')!) || e.exc.type.isSubtypeOf(exceptionTypes.get('StopIteration')!))) {
        this.releaseRaise(e);
        return;
      }
      throw e;
    }
    if (v === null) {
      if (g.retval) {
        this.heap.decref(g.retval);
        g.retval = null;
      }
      return;
    }
    this.heap.decref(v);
    throw this.error('RuntimeError', 'generator ignored GeneratorExit');
  }

  /**
   * _PyGen_Finalize (a generator's tp_finalize): a generator that dies suspended is
   * closed, so its `finally` blocks run. What close() raises is reported as unraisable,
   * with the current frame as the traceback when the exception has none
   * (PyErr_WriteUnraisable).
   */
  finalizeGenerator(g: PyGenerator): void {
    const savedExc = this.excStack;
    this.excStack = [];
    try {
      this.genClose(g);
    } catch (e) {
      if (e instanceof BudgetExceeded) throw e;
      const r = this.toRaise(e, null);
      let text = `Exception ignored in: ${this.repr(g)}\n`;
      const tb = this.excTraceback(r.exc);
      const cur = this.frames[this.frames.length - 1];
      if (tb || !cur) text += this.formatTraceback(tb, r.exc);
      else {
        const src = cur.code.lines[cur.line - 1];
        text += `Traceback (most recent call last):\n  File "${cur.code.filename}", line ${cur.line}, in ${cur.code.name}\n`;
        if (src !== undefined) text += sourceAndCarets(src, null);
        text += this.excLine(r.exc);
      }
      this.rt.write(text, 'stderr');
      this.releaseRaise(r);
    } finally {
      this.excStack = savedExc;
    }
  }

  // ================================================================ attributes

  /** getattr(o, name): a new reference. */
  getAttr(o: PyObject, name: string): PyObject {
    if (o instanceof PyInstance) {
      const hook = o.type.isHeapType ? userGetattribute(o.type) : undefined;
      return hook ? this.getAttrThroughHook(o, name, hook) : this.instanceGetAttr(o, name, true);
    }
    return this.otherGetAttr(o, name);
  }

  /**
   * slot_tp_getattr_hook: a class's own __getattribute__ decides every attribute lookup
   * (special methods excepted: those are looked up on the type). When it raises
   * AttributeError and the class has __getattr__, that answers instead.
   */
  private getAttrThroughHook(o: PyInstance, name: string, hook: PyFunction): PyObject {
    const heap = this.heap;
    heap.incref(hook);
    heap.incref(o);
    try {
      return this.call(hook, [o, this.newStr(name)], null);
    } catch (e) {
      const ga = o.type.lookup('__getattr__', this.b.methods);
      if (!(ga instanceof PyFunction) || !(e instanceof Raise) || !e.exc.type.isSubtypeOf(exceptionTypes.get('AttributeError')!)) throw e;
      this.releaseRaise(e);
      heap.incref(ga);
      heap.incref(o);
      try {
        return this.call(ga, [o, this.newStr(name)], null);
      } finally {
        heap.decref(ga);
      }
    } finally {
      heap.decref(hook);
    }
  }

  /**
   * PyObject_GenericGetAttr on an instance (what object.__getattribute__ does), then the
   * class's __getattr__ when `withGetattr` (the slot does that after the generic lookup).
   */
  instanceGetAttr(o: PyInstance, name: string, withGetattr: boolean): PyObject {
    const heap = this.heap;
    {
      if (name === '__dict__' && o.type.instHasDict && o.type !== objectType) {
        const d = materializeDict(heap, o);
        heap.incref(d);
        return d;
      }
      if (name === '__class__') {
        heap.incref(o.type);
        return o.type;
      }
      if (name === '__weakref__' && o.type.instHasWeakref && o.type !== objectType) return this.b.same(weakrefSlotValue(heap.weakrefsOf(o), None));
      const t = o.type;
      const ta = t.lookup(name, this.b.methods);
      if (ta instanceof PyMember && o instanceof PySlotted) {
        const v = o.slots[ta.index];
        if (!v) throw this.error('AttributeError', `'${t.name}' object has no attribute '${name}'`);
        heap.incref(v);
        return v;
      }
      if (ta instanceof PyWrapper && ta.type === propertyType) {
        const getter = ta.items[0];
        if (!getter) throw this.error('AttributeError', `property '${name}' of '${t.name}' object has no getter`);
        heap.incref(getter);
        heap.incref(o);
        try {
          return this.call(getter, [o], null);
        } finally {
          heap.decref(getter);
        }
      }
      const v = o.getAttr(name);
      if (v !== undefined) {
        heap.incref(v);
        return v;
      }
      if (ta !== undefined) return this.bindDescriptor(ta, o, t);
      if (isExcType(t)) {
        const ev = this.b.exceptionAttr(o, name);
        if (ev) return ev;
      }
      const ga = withGetattr ? t.lookup('__getattr__', this.b.methods) : undefined;
      if (ga instanceof PyFunction) {
        heap.incref(ga);
        heap.incref(o);
        try {
          return this.call(ga, [o, this.newStr(name)], null);
        } finally {
          heap.decref(ga);
        }
      }
      return this.missingAttr(o, name, `'${t.name}' object has no attribute '${name}'`);
    }
  }

  /** Attribute lookup on anything but an instance (types, modules, super, builtins' objects). */
  private otherGetAttr(o: PyObject, name: string): PyObject {
    const heap = this.heap;
    if (o.type.isHeapType && isBuiltinSub(o)) return this.subInstanceAttr(o, name);
    if (o instanceof PyType) {
      const v = this.b.typeAttr(o, name);
      if (v) return v;
      const a = o.lookup(name, this.b.methods);
      if (a !== undefined) {
        if (a instanceof PyWrapper && a.type === classmethodType) {
          const fn = a.items[0]!;
          heap.incref(fn);
          heap.incref(o);
          return heap.track(heap.register(new PyMethod(fn, o)));
        }
        if (a instanceof PyWrapper && a.type === staticmethodType) {
          heap.incref(a.items[0]!);
          return a.items[0]!;
        }
        if (a instanceof PyNative && this.b.classMethodNatives.has(a)) return this.b.boundNative(a, o);
        if (a instanceof PyNative && !o.isHeapType) {
          heap.incref(a);
          return a;
        }
        heap.incref(a);
        return a;
      }
      return this.missingAttr(o, name, `type object '${o.name}' has no attribute '${name}'`);
    }
    if (o instanceof PyModule) {
      const v = o.attrs.get(name);
      if (v === undefined) {
        if (name === '__name__') return this.newStr(o.name);
        if (CPYTHON_MODULE_NAMES[o.name]?.has(name)) throw this.error('NotImplementedError', `heaplab does not support '${o.name}.${name}'`);
        throw this.error('AttributeError', `module '${o.name}' has no attribute '${name}'`);
      }
      heap.incref(v);
      return v;
    }
    if (o instanceof PySuper && o.obj) {
      const mro = o.obj instanceof PyType && !(o.obj.type.isHeapType) && o.obj.isSubtypeOf(o.cls) ? o.obj.mro : o.obj.type.mro;
      const start = mro.indexOf(o.cls) + 1;
      for (let i = start; i < mro.length; i++) {
        const t = mro[i]!;
        const v = t.dict?.getStr(name) ?? this.b.methods.get(t)?.get(name);
        // __new__ is a static method: a builtin's is returned unbound (the caller passes cls).
        if (v instanceof PyNative && name === '__new__') return this.b.same(v);
        if (v !== undefined) return this.bindDescriptor(v, o.obj, t);
        if (!t.isHeapType) {
          const nm = this.b.superNative(t, o.obj, name);
          if (nm) return nm;
        }
      }
      if (isBuiltinSub(o.obj)) {
        const m = builtinProtocolMethod(this, o.obj, name);
        if (m) return m;
      }
      const own = this.b.otherAttr(o, name); // the super object's own members (__thisclass__, ...)
      if (own) return own;
      throw this.error('AttributeError', `'super' object has no attribute '${name}'`);
    }
    const v = this.b.otherAttr(o, name);
    if (v) return v;
    return this.missingAttr(o, name, `'${this.b.tpNames.get(o.type) ?? o.type.name}' object has no attribute '${name}'`);
  }

  /**
   * getattr on an instance of a list/dict/tuple/int/str/float/weakref subclass
   * (PyObject_GenericGetAttr): `__dict__` and `__class__`, a property, the instance's own
   * attribute, then the class's (a Python method, or the builtin's method bound to it),
   * then __getattr__. A new reference.
   */
  subInstanceAttr(o: SubInstance, name: string): PyObject {
    const heap = this.heap;
    const t = o.type;
    if (name === '__dict__' && t.instHasDict) return this.b.same(subInstanceDict(heap, o));
    if (name === '__class__') return this.b.same(t);
    if (name === '__weakref__' && t.instHasWeakref) return this.b.same(weakrefSlotValue(heap.weakrefsOf(o), None));
    const ta = t.lookup(name, this.b.methods);
    if (ta instanceof PyWrapper && ta.type === propertyType) return this.bindDescriptor(ta, o, t);
    if (ta instanceof PyMember && o.slots) {
      const sv = o.slots[ta.index];
      if (!sv) throw this.error('AttributeError', `'${t.name}' object has no attribute '${name}'`);
      return this.b.same(sv);
    }
    const v = o.dict?.getStr(name);
    if (v !== undefined) return this.b.same(v);
    if (ta !== undefined) return this.bindDescriptor(ta, o, t);
    const own = this.b.otherAttr(o, name);
    if (own) return own;
    const ga = t.lookup('__getattr__', this.b.methods);
    if (ga instanceof PyFunction) return this.callDunder(ga, o, [this.rt.intern(name)]);
    return this.missingAttr(o, name, `'${t.name}' object has no attribute '${name}'`);
  }

  /**
   * An attribute lookup that found nothing: a protocol method CPython's type has and the
   * sandbox can perform (`[].__iter__`, `f.__call__`) is a bound method doing the operation;
   * another name CPython's type has is NotImplementedError naming it; a name CPython lacks
   * too is CPython's AttributeError.
   */
  missingAttr(o: PyObject, name: string, message: string): PyObject {
    const owner = cpythonAttrOwner(o, name);
    if (!owner) throw this.error('AttributeError', message);
    const m = this.b.protocolMethod(o, name);
    if (m) return m;
    throw this.error('NotImplementedError', `heaplab does not support '${owner}.${name}'`);
  }

  bindDescriptor(a: PyObject, o: PyObject, t: PyType): PyObject {
    const heap = this.heap;
    if (a instanceof PyFunction || (a instanceof PyNative && a.type === functionType)) {
      heap.incref(a);
      heap.incref(o);
      return heap.track(heap.register(new PyMethod(a, o)));
    }
    if (a instanceof PyWrapper) {
      if (a.type === staticmethodType) {
        heap.incref(a.items[0]!);
        return a.items[0]!;
      }
      if (a.type === classmethodType) {
        heap.incref(a.items[0]!);
        heap.incref(t);
        return heap.track(heap.register(new PyMethod(a.items[0]!, t)));
      }
      if (a.type === propertyType) {
        heap.incref(a.items[0]!);
        heap.incref(o);
        return this.call(a.items[0]!, [o], null);
      }
    }
    if (a instanceof PyNative && a.self === null && (a.gcFlags & SHARED) && this.b.isMethodNative(a)) {
      heap.incref(o);
      return heap.register(new PyNative(a.name, a.impl, o));
    }
    heap.incref(a);
    return a;
  }

  /** setattr(o, name, v), consuming v. */
  setAttr(o: PyObject, name: string, v: PyObject): void {
    try {
      if (o instanceof PyInstance || (o.type.isHeapType && isBuiltinSub(o))) {
        const ta = o.type.lookup(name, this.b.methods);
        if (ta instanceof PyWrapper && ta.type === propertyType) {
          const setter = ta.items[1];
          if (!setter) throw this.error('AttributeError', `property '${name}' of '${o.type.name}' object has no setter`);
          this.heap.incref(o);
          this.heap.incref(v);
          this.heap.decref(this.call(setter, [o, v], null));
          return;
        }
        const sa = o.type.lookup('__setattr__', this.b.methods);
        if (sa instanceof PyFunction) {
          this.heap.incref(o);
          this.heap.incref(v);
          this.heap.decref(this.call(sa, [o, this.newStr(name), v], null));
          return;
        }
        if (name === '__class__' || name === '__dict__') throw this.error('NotImplementedError', `heaplab does not support assigning '${name}'`);
      }
      if ((o instanceof PyGenerator || o instanceof PyFunction) && (name === '__name__' || name === '__qualname__')) {
        this.setName(o, name, v);
        return;
      }
      if (o instanceof PyFunction || o instanceof PyModule) {
        if (o instanceof PyModule) {
          const old = o.attrs.get(name);
          this.heap.incref(v);
          o.attrs.set(name, v);
          if (old) this.heap.decref(old);
          return;
        }
        throw this.error('NotImplementedError', 'heaplab does not support function attributes');
      }
      if (o instanceof PyWeakref && name === '__callback__') throw this.error('AttributeError', 'readonly attribute');
      if (!(o instanceof PyInstance) && !(o instanceof PyType) && !(o.type.isHeapType && isBuiltinSub(o))) {
        if (this.b.setOtherAttr(o, name, v)) return;
        throw this.error('AttributeError', `'${o.type.name}' object has no attribute '${name}'`);
      }
      setAttrOnHeap(this.heap, o, name, v);
    } catch (e) {
      if (e instanceof PyError) throw this.error(e.pyType, e.message);
      throw e;
    } finally {
      this.heap.decref(v);
    }
  }

  /**
   * `__name__` / `__qualname__` of a function or generator: must be a str (deleting is
   * assigning NULL, which fails the same check). A generator keeps its own copy, made
   * from its function's when it was created.
   */
  setName(o: PyGenerator | PyFunction, name: '__name__' | '__qualname__', v: PyObject | null): void {
    if (!(v instanceof PyStr)) throw this.error('TypeError', `${name} must be set to a string object`);
    if (o instanceof PyGenerator) {
      if (name === '__name__') o.name = v.value;
      else o.qualname = v.value;
      return;
    }
    this.heap.incref(v);
    const old = name === '__name__' ? o.name : o.qualname;
    if (name === '__name__') o.name = v;
    else o.qualname = v;
    if (old) this.heap.decref(old);
  }

  delAttr(o: PyObject, name: string): void {
    if (o instanceof PyInstance) {
      // slot_tp_setattro: a class's own __delattr__ decides `del o.name`
      const da = o.type.lookup('__delattr__', this.b.methods);
      if (da instanceof PyFunction) {
        this.heap.incref(o);
        this.heap.decref(this.call(da, [o, this.newStr(name)], null));
        return;
      }
    }
    this.delAttrRaw(o, name);
  }

  /** PyObject_GenericSetAttr deleting (what object.__delattr__ does): no class hook. */
  delAttrRaw(o: PyObject, name: string): void {
    if ((o instanceof PyGenerator || o instanceof PyFunction) && (name === '__name__' || name === '__qualname__')) {
      this.setName(o, name, null);
      return;
    }
    if (o instanceof PyWeakref && name === '__callback__') throw this.error('AttributeError', 'readonly attribute');
    const own = this.b.delAttrOf.get(o.type);
    if (own) return own(o, name);
    try {
      delAttrOnHeap(this.heap, o, name);
    } catch (e) {
      if (e instanceof PyError) {
        if (o instanceof PyInstance || o instanceof PyType || isBuiltinSub(o)) throw this.error(e.pyType, e.message);
        throw this.error('AttributeError', `'${o.type.name}' object has no attribute '${name}'`);
      }
      throw e;
    }
  }

  /** Call o.name(*args) (consumes args). */
  callMethod(o: PyObject, name: string, args: PyObject[]): PyObject {
    const m = this.lookupMethod(o, name);
    if (m) {
      this.heap.incref(m);
      this.heap.incref(o);
      try {
        return this.call(m, [o, ...args], null);
      } finally {
        this.heap.decref(m);
      }
    }
    let fn: PyObject;
    try {
      fn = this.getAttr(o, name);
    } catch (e) {
      for (const a of args) this.heap.decref(a);
      throw e;
    }
    try {
      return this.call(fn, args, null);
    } finally {
      this.heap.decref(fn);
    }
  }

  /** A user dunder on o's class, or undefined. */
  dunder(o: PyObject, name: string): PyObject | undefined {
    const t = o.type;
    if (t.isHeapType && isBuiltinSub(o)) return this.override(o, name);
    if (!t.isHeapType && !(o instanceof PyExtObject)) return this.b.slotTypes.has(t) ? this.b.methods.get(t)?.get(name) : undefined;
    const m = t.lookup(name, this.b.methods);
    return m instanceof PyFunction || m instanceof PyNative ? m : undefined;
  }

  /**
   * A Python-level method `name` overriding the builtin's on an instance of a list/dict/
   * tuple/int/str/float/weakref subclass (undefined: the builtin's own behaviour applies,
   * reached through the operation's builtin path). Borrowed.
   */
  override(o: PyObject, name: string): PyObject | undefined {
    if (!o.type.isHeapType || !isBuiltinSub(o)) return undefined;
    if (this.bypassOverride === o) {
      this.bypassOverride = null;
      return undefined;
    }
    const m = o.type.lookup(name, this.b.methods);
    return m instanceof PyFunction ? m : undefined;
  }

  /** The object whose next override check is skipped (see asBuiltin). */
  private bypassOverride: PyObject | null = null;

  /**
   * Run `op`, an operation on `o`, as the builtin base performs it: o's first override
   * check is skipped (`super().__getitem__(k)` inside an overriding __getitem__).
   */
  asBuiltin<T>(o: PyObject, op: () => T): T {
    const saved = this.bypassOverride;
    this.bypassOverride = o;
    try {
      return op();
    } finally {
      this.bypassOverride = saved;
    }
  }

  callDunder(m: PyObject, o: PyObject, args: PyObject[]): PyObject {
    this.heap.incref(m);
    this.heap.incref(o);
    for (const a of args) this.heap.incref(a);
    try {
      return this.call(m, [o, ...args], null);
    } finally {
      this.heap.decref(m);
    }
  }

  // ================================================================ truth, iteration

  truth(o: PyObject): boolean {
    if (o === True) return true;
    if (o === False || o === None) return false;
    if (o.type.isHeapType && isBuiltinSub(o)) {
      const r = this.truthByDunder(o);
      if (r !== null) return r;
    }
    if (o instanceof PyInt) return o.value !== 0 && o.value !== 0n;
    if (o instanceof PyFloat) return o.value !== 0;
    if (o instanceof PyStr) return o.value.length > 0;
    if (o instanceof PyList || o instanceof PyTuple) return o.items.length > 0;
    if (o instanceof PyDict || o instanceof PySet) return o.size > 0;
    if (o instanceof PyRange) return o.length > 0;
    if (o.type.isHeapType || this.b.slotTypes.has(o.type)) {
      const r = this.truthByDunder(o);
      if (r !== null) return r;
    }
    if (o instanceof PyIter && /^o?dict_/.test(o.type.name)) return this.len(o) > 0;
    return true;
  }

  /** The truth of `o` by its __bool__, else its __len__; null when it has neither. */
  private truthByDunder(o: PyObject): boolean | null {
    const b = this.dunder(o, '__bool__');
    if (b) {
      const r = this.callDunder(b, o, []);
      this.heap.decref(r);
      if (r !== True && r !== False) throw this.error('TypeError', `__bool__ should return bool, returned ${r.type.name}`);
      return r === True;
    }
    const l = this.dunder(o, '__len__');
    if (l) return this.len(o) > 0;
    return null;
  }

  truthConsume(o: PyObject): boolean {
    try {
      return this.truth(o);
    } finally {
      this.heap.decref(o);
    }
  }

  len(o: PyObject): number {
    if (!this.override(o, '__len__')) {
      const n = this.builtinLen(o);
      if (n >= 0) return n;
    }
    const l = this.dunder(o, '__len__');
    if (l) {
      const r = this.callDunder(l, o, []);
      this.heap.decref(r);
      if (!(r instanceof PyInt)) throw this.error('TypeError', `'${r.type.name}' object cannot be interpreted as an integer`);
      if (r.value < 0) throw this.error('ValueError', '__len__() should return >= 0');
      return Number(r.value);
    }
    throw this.error('TypeError', `object of type '${o.type.name}' has no len()`);
  }

  /** The length of a builtin sized object, or -1 for any other. */
  private builtinLen(o: PyObject): number {
    if (o instanceof PyStr) return [...o.value].length;
    if (o instanceof PyList || o instanceof PyTuple) return o.items.length;
    if (o instanceof PyDict || o instanceof PySet) return o.size;
    if (o instanceof PyRange) return o.length;
    if (o instanceof PyBytes) return o.value.length;
    if (o instanceof PyIter && o.seq instanceof PyDict && /^o?dict_/.test(o.type.name) && !o.type.name.includes('iterator')) return o.seq.size;
    return -1;
  }

  /** iter(o): a new reference to an iterator. */
  getIter(o: PyObject): PyObject {
    return this.b.getIter(o);
  }

  /** next(it): an owned item, or null when exhausted. */
  /**
   * The next item of an iterator (an owned reference), or null when it is exhausted. Each
   * item costs a step: the builtins that loop over their input (list(), sum(), sorted(),
   * set(), str.join ...) are budgeted like a Python loop over it.
   */
  next(it: PyObject): PyObject | null {
    this.heap.step();
    if (it instanceof PyIter) return it.next(it);
    if (it instanceof PyGenerator) {
      const v = this.genNext(it);
      if (v === null && it.retval) {
        const r = it.retval;
        it.retval = null;
        this.heap.decref(r);
      }
      return v;
    }
    const m = this.dunder(it, '__next__');
    if (!m) throw this.error('TypeError', `'${it.type.name}' object is not an iterator`);
    try {
      return this.callDunder(m, it, []);
    } catch (e) {
      if (e instanceof Raise && e.exc.type.isSubtypeOf(exceptionTypes.get('StopIteration')!)) {
        this.releaseRaise(e);
        return null;
      }
      throw e;
    }
  }

  /** Items of an iterable as owned references. */
  toArray(o: PyObject): PyObject[] {
    const heap = this.heap;
    if (o instanceof PyList || o instanceof PyTuple) {
      const items = o.items.slice();
      for (const i of items) heap.incref(i);
      return items;
    }
    return this.readItems(this.getIter(o));
  }

  // ================================================================ subscripts

  index(o: PyObject, what = 'indices'): number {
    if (o instanceof PyInt) return Number(o.value);
    if (o instanceof PyBool) return o.value ? 1 : 0;
    const u = this.userIndex(o);
    if (u !== null) return Number(u);
    throw this.error('TypeError', what);
  }

  /** Whether o's class defines __index__ (so it may index a sequence). */
  hasIndex(o: PyObject): boolean {
    return o.type.isHeapType && this.dunder(o, '__index__') !== undefined;
  }

  /** PyNumber_Index for an instance of a class with __index__: its int, or null without one. */
  userIndex(o: PyObject): bigint | null {
    if (!this.hasIndex(o)) return null;
    const r = this.callDunder(this.dunder(o, '__index__')!, o, []);
    try {
      if (r instanceof PyBool) return r.value ? 1n : 0n;
      if (!(r instanceof PyInt)) throw this.error('TypeError', `__index__ returned non-int (type ${r.type.name})`);
      return BigInt(r.value);
    } finally {
      this.heap.decref(r);
    }
  }

  sliceIndices(s: PySlice, len: number): [number, number, number] {
    const step = s.step === None ? 1 : this.index(s.step, 'slice indices must be integers or None or have an __index__ method');
    if (step === 0) throw this.error('ValueError', 'slice step cannot be zero');
    const conv = (v: PyObject, def: number, lo: number, hi: number): number => {
      if (v === None) return def;
      let n = this.index(v, 'slice indices must be integers or None or have an __index__ method');
      if (n < 0) n += len;
      return Math.min(Math.max(n, lo), hi);
    };
    if (step > 0) return [conv(s.start, 0, 0, len), conv(s.stop, len, 0, len), step];
    return [conv(s.start, len - 1, -1, len - 1), conv(s.stop, -1, -1, len - 1), step];
  }

  sliceItems<T>(items: T[], s: PySlice): T[] {
    return this.sliceRange(items, this.sliceIndices(s, items.length));
  }

  /** The items `sliceIndices` selected. */
  sliceRange<T>(items: T[], [a, b, st]: [number, number, number]): T[] {
    if (st === 1) return items.slice(a, Math.max(a, b));
    const out: T[] = [];
    if (st > 0) for (let i = a; i < b; i += st) out.push(items[i]!);
    else for (let i = a; i > b; i += st) out.push(items[i]!);
    return out;
  }

  getItem(o: PyObject, k: PyObject): PyObject {
    const heap = this.heap;
    const ov = this.override(o, '__getitem__');
    if (ov) return this.callDunder(ov, o, [k]);
    if (o instanceof PyList || o instanceof PyTuple) {
      const isList = o instanceof PyList;
      if (k instanceof PySlice) {
        const range = this.sliceIndices(k, o.items.length);
        // tuplesubscript: a slice of all of an exact tuple is the tuple itself.
        if (!isList && o.type === tupleType && isWholeSlice(range, o.items.length)) return this.b.same(o);
        const items = this.sliceRange(o.items, range);
        for (const i of items) heap.incref(i);
        if (isList) return heap.track(heap.register(new PyList(items)));
        return this.tupleOwned(items);
      }
      if (!(k instanceof PyInt) && !(k instanceof PyBool) && !this.hasIndex(k)) throw this.error('TypeError', `${isList ? 'list' : 'tuple'} indices must be integers or slices, not ${k.type.name}`);
      let i = this.index(k);
      const n = o.items.length;
      if (i < 0) i += n;
      if (i < 0 || i >= n) throw this.error('IndexError', `${isList ? 'list' : 'tuple'} index out of range`);
      const v = o.items[i]!;
      heap.incref(v);
      return v;
    }
    if (o instanceof PyDict) {
      const v = this.keyOp(() => dictGet(heap, o, k));
      if (v === undefined) {
        if (o.type !== dictType) {
          const m = this.dunder(o, '__missing__');
          if (m) return this.callDunder(m, o, [k]);
        }
        heap.incref(k);
        throw this.keyError(k);
      }
      heap.incref(v);
      return v;
    }
    if (o instanceof PyStr) {
      const chars = [...o.value];
      if (k instanceof PySlice) {
        const range = this.sliceIndices(k, chars.length);
        // unicode_subscript: a slice of all of an exact str is the str itself.
        if (o.type === strType && isWholeSlice(range, chars.length)) return this.b.same(o);
        return this.newStr(this.sliceRange(chars, range).join(''));
      }
      let i = this.index(k, `string indices must be integers, not '${k.type.name}'`);
      if (i < 0) i += chars.length;
      if (i < 0 || i >= chars.length) throw this.error('IndexError', 'string index out of range');
      return this.newStr(chars[i]!);
    }
    if (o instanceof PyRange) {
      const n = o.length;
      let i = this.index(k, `range indices must be integers or slices, not ${k.type.name}`);
      if (i < 0) i += n;
      if (i < 0 || i >= n) throw this.error('IndexError', 'range object index out of range');
      return this.int(o.start + i * o.step);
    }
    if (o instanceof PyBytes) {
      if (k instanceof PySlice) {
        const range = this.sliceIndices(k, o.value.length);
        // bytes_subscript: a slice of all of exact bytes is the bytes object itself.
        if (o.type === bytesType && isWholeSlice(range, o.value.length)) return this.b.same(o);
        return heap.register(new PyBytes(Uint8Array.from(this.sliceRange([...o.value], range))));
      }
      let i = this.index(k);
      if (i < 0) i += o.value.length;
      if (i < 0 || i >= o.value.length) throw this.error('IndexError', 'index out of range');
      return this.int(o.value[i]!);
    }
    const m = this.dunder(o, '__getitem__');
    if (m) return this.callDunder(m, o, [k]);
    if (o instanceof PyType && o.isHeapType) {
      const found = o.lookup('__class_getitem__', this.b.methods);
      // type_new made a plain function a classmethod: call it with the class
      const cg = found instanceof PyWrapper && found.type === classmethodType ? found.items[0] : found;
      if (cg) return this.callDunder(cg, o, [k]);
    }
    throw this.error('TypeError', `'${o.type.name}' object is not subscriptable`);
  }

  /** A dict or set operation on a key, its heap errors (unhashable keys) raised as Python exceptions. */
  keyOp<T>(op: () => T): T {
    try {
      return op();
    } catch (e) {
      if (e instanceof PyError) throw this.error(e.pyType, e.message);
      throw e;
    }
  }

  /**
   * What dict and set tables call for a key (containers.ts KeyCalls): its class's __hash__,
   * whose result must be an int, and == between two keys.
   */
  private keyCalls(): KeyCalls {
    return {
      callHash: (o) => {
        const m = this.dunder(o, '__hash__') ?? o.type.lookup('__hash__', this.b.methods)!;
        const r = this.callDunder(m, o, []);
        const v = r instanceof PyInt ? r.value : r instanceof PyBool ? Number(r.value) : null;
        this.heap.decref(r);
        if (v === null) throw this.error('TypeError', '__hash__ method should return an integer');
        return v;
      },
      equal: (a, b) => this.truthConsume(this.richCompare('Eq', a, b)),
    };
  }

  /** o[k] = v, consuming v. */
  setItem(o: PyObject, k: PyObject, v: PyObject): void {
    const heap = this.heap;
    try {
      const ov = this.override(o, '__setitem__');
      if (ov) return heap.decref(this.callDunder(ov, o, [k, v]));
      if (o instanceof PyList) {
        if (k instanceof PySlice) {
          const vals = this.toArray(v);
          try {
            this.b.listSetSlice(o, k, vals);
          } finally {
            for (const x of vals) heap.decref(x);
          }
          return;
        }
        if (!(k instanceof PyInt) && !(k instanceof PyBool) && !this.hasIndex(k)) throw this.error('TypeError', `list indices must be integers or slices, not ${k.type.name}`);
        listSetItem(heap, o, this.index(k), v);
        return;
      }
      if (o instanceof PyDict) {
        dictSetItem(heap, o, k, v);
        return;
      }
      const m = this.dunder(o, '__setitem__');
      if (m) {
        heap.decref(this.callDunder(m, o, [k, v]));
        return;
      }
      throw this.error('TypeError', `'${o.type.name}' object does not support item assignment`);
    } catch (e) {
      if (e instanceof PyError) throw this.error(e.pyType, e.message);
      throw e;
    } finally {
      heap.decref(v);
    }
  }

  delItem(o: PyObject, k: PyObject): void {
    const heap = this.heap;
    const ov = this.override(o, '__delitem__');
    if (ov) return heap.decref(this.callDunder(ov, o, [k]));
    if (o instanceof PyList) {
      if (k instanceof PySlice) {
        const [a, b, st] = this.sliceIndices(k, o.items.length);
        if (st === 1) {
          listDelSlice(heap, o, a, Math.max(a, b));
          return;
        }
        const idx: number[] = [];
        if (st > 0) for (let i = a; i < b; i += st) idx.push(i);
        else for (let i = a; i > b; i += st) idx.push(i);
        idx.sort((x, y) => x - y);
        const drop = new Set(idx);
        const removed = idx.map((i) => o.items[i]!);
        o.items = o.items.filter((_, i) => !drop.has(i));
        listResize(this.heap, o, o.items.length);
        for (const r of removed) heap.decref(r);
        return;
      }
      let i = this.index(k);
      if (i < 0) i += o.items.length;
      if (i < 0 || i >= o.items.length) throw this.error('IndexError', 'list assignment index out of range');
      listDelSlice(heap, o, i, i + 1);
      return;
    }
    // A dict subtype's own __delitem__ (Counter's ignores a missing key).
    const dm = o instanceof PyDict && o.type !== dictType ? this.dunder(o, '__delitem__') : undefined;
    if (dm) {
      heap.decref(this.callDunder(dm, o, [k]));
      return;
    }
    if (o instanceof PyDict) {
      // delitem_common: the entry's key is released, then its value.
      const v = this.keyOp(() => dictPop(heap, o, k));
      if (v === undefined) {
        heap.incref(k);
        throw this.keyError(k);
      }
      heap.decref(v);
      return;
    }
    const m = this.dunder(o, '__delitem__');
    if (m) {
      heap.decref(this.callDunder(m, o, [k]));
      return;
    }
    throw this.error('TypeError', `'${o.type.name}' object doesn't support item deletion`);
  }

  // ================================================================ operators

  contains(container: PyObject, v: PyObject): boolean {
    const ov = this.override(container, '__contains__');
    if (ov) return this.truthConsume(this.callDunder(ov, container, [v]));
    if (container instanceof PyDict) return this.keyOp(() => dictContains(this.heap, container, v));
    if (container instanceof PySet) return this.keyOp(() => setHas(this.heap, container, v));
    if (container instanceof PyStr) {
      if (!(v instanceof PyStr)) throw this.error('TypeError', `'in <string>' requires string as left operand, not ${v.type.name}`);
      return container.value.includes(v.value);
    }
    if (container instanceof PyList || container instanceof PyTuple) {
      for (const x of container.items) if (x === v || this.eq(x, v)) return true;
      return false;
    }
    if (container instanceof PyRange) {
      if (!(v instanceof PyInt)) return false;
      const n = Number(v.value);
      const { start, step } = container;
      const i = (n - start) / step;
      return Number.isInteger(i) && i >= 0 && i < container.length;
    }
    const m = this.dunder(container, '__contains__');
    if (m) return this.truthConsume(this.callDunder(m, container, [v]));
    if (container instanceof PyIter && container.seq instanceof PyDict && /^o?dict_keys$/.test(container.type.name)) {
      const d = container.seq;
      return this.keyOp(() => dictContains(this.heap, d, v));
    }
    const it = this.containsIter(container);
    try {
      for (;;) {
        const x = this.next(it);
        if (x === null) return false;
        const eq = x === v || this.eq(x, v);
        this.heap.decref(x);
        if (eq) return true;
      }
    } finally {
      this.heap.decref(it);
    }
  }

  /** _PySequence_IterSearch: any TypeError from iter(container) reads "argument of type ... is not iterable". */
  private containsIter(container: PyObject): PyObject {
    try {
      return this.getIter(container);
    } catch (e) {
      if (e instanceof Raise && e.exc.type.isSubtypeOf(exceptionTypes.get('TypeError')!)) {
        this.releaseRaise(e);
        throw this.error('TypeError', `argument of type '${container.type.name}' is not iterable`);
      }
      throw e;
    }
  }

  eq(a: PyObject, b: PyObject): boolean {
    if (a === b && !(a instanceof PyFloat)) return true;
    return this.truthConsume(this.richCompare('Eq', a, b));
  }

  /**
   * sys.getrecursionlimit(): how deep Python frames (and the C-level recursions CPython
   * counts with them: comparisons, copy, pprint) may nest. The one owner of the limit.
   */
  recursionLimit = 1000;

  /**
   * Py_EnterRecursiveCall(where): one C-level recursion of CPython 3.11 (PyObject_Repr,
   * PyObject_Str, PyObject_RichCompare, a call of a C function or of an object through
   * tp_call), counted in `depth` with the Python frames, as 3.11's one recursion_remaining
   * counts both. Past the limit: RecursionError 'maximum recursion depth exceeded' + where.
   * Invariant: each enter that returns is matched by exactly one leaveRecursiveCall.
   */
  enterRecursiveCall(where: string): void {
    if (this.depth >= this.recursionLimit) throw this.error('RecursionError', 'maximum recursion depth exceeded' + where);
    this.depth++;
  }

  /** Py_LeaveRecursiveCall: the end of an enterRecursiveCall. */
  leaveRecursiveCall(): void {
    this.depth--;
  }

  /**
   * PyObject_RichCompare (`enter`: its recursion level; false for a caller that calls the
   * type's tp_richcompare directly, as list.sort's unsafe_object_compare does).
   */
  richCompare(op: A.CmpOperator, a: PyObject, b: PyObject, enter = true): PyObject {
    // A container reaching itself (x = [x] against its deep copy) recurses here, one level per
    // nesting: it stops at the recursion limit, counted with the Python frames, as CPython's does.
    if (enter) this.enterRecursiveCall(' in comparison');
    let r: PyObject;
    try {
      r = this.b.compare(op, a, b);
    } finally {
      if (enter) this.leaveRecursiveCall();
    }
    if (r !== NotImplemented) return r;
    this.heap.decref(r);
    if (op === 'Eq') return this.bool(a === b);
    if (op === 'NotEq') return this.bool(a !== b);
    const sym = { Lt: '<', LtE: '<=', Gt: '>', GtE: '>=' }[op as 'Lt'];
    // The message names tp_name, which for weakrefs is the dotted 'weakref.ReferenceType'.
    const tpName = (t: PyType): string => (t === weakrefType ? 'weakref.ReferenceType' : this.b.tpNames.get(t) ?? t.name);
    throw this.error('TypeError', `'${sym}' not supported between instances of '${tpName(a.type)}' and '${tpName(b.type)}'`);
  }

  binop(op: A.Operator, a: PyObject, b: PyObject, inplace: boolean): PyObject {
    return this.b.binop(op, a, b, inplace);
  }

  unary(op: A.UnaryOperator, v: PyObject): PyObject {
    if (op === 'Not') return this.bool(!this.truth(v));
    return this.b.unary(op, v);
  }

  // ================================================================ repr

  repr(o: PyObject): string {
    return this.b.repr(o);
  }

  /** Modules this sandbox's programs have imported (a first import may build state). */
  private readonly imported = new Set<string>();

  /**
   * The module `import name` binds. A standard-library module heaplab lacks is refused
   * (NotImplementedError naming it); ModuleNotFoundError is kept for what CPython 3.11
   * itself cannot import. heaplab's modules are all plain modules, not packages.
   */
  importModule(name: string): PyObject {
    const m = this.b.modules.get(name);
    if (m && !this.imported.has(name)) {
      // A first import may build module state that holds shared objects (refcounts.ts).
      this.imported.add(name);
      countFirstImport(this.heap, name);
    }
    if (m) return m;
    const top = name.split('.')[0]!;
    // A submodule of a package CPython has (collections.abc): refused, not "not a package".
    if (this.b.modules.has(top) && CPYTHON_MODULE_NAMES[top]?.has('__path__')) {
      throw this.error('NotImplementedError', `heaplab does not support the '${name}' module`);
    }
    if (this.b.modules.has(top)) {
      throw this.error('ModuleNotFoundError', `No module named '${name}'; '${top}' is not a package`);
    }
    if (STDLIB_MODULE_NAMES.has(top)) {
      throw this.error('NotImplementedError', `heaplab does not support the '${name}' module`);
    }
    throw this.error('ModuleNotFoundError', `No module named '${top}'`);
  }

  /** `from mod import name`: a name the module lacks is ImportError, worded as CPython's. */
  importFrom(mod: PyObject, name: string): PyObject {
    try {
      return this.getAttr(mod, name);
    } catch (e) {
      if (!(mod instanceof PyModule) || !(e instanceof Raise) || !e.exc.type.isSubtypeOf(exceptionTypes.get('AttributeError')!)) throw e;
      this.releaseRaise(e);
      const where = BUILTIN_MODULES.has(mod.name) ? 'unknown location' : `${REFERENCE_STDLIB_DIR}/${mod.name}.py`;
      throw this.error('ImportError', `cannot import name '${name}' from '${mod.name}' (${where})`);
    }
  }

}

/** Whether a statement contains a yield outside nested scopes (cached on the node). */
/** What `exec` reports: the program's output and the failure that ended it, if any. */
export type ExecError = { type: string; message: string; line: number | null; column: number | null; traceback: string };
export type ExecOutcome = { stdout: string; stderr: string; error: ExecError | null };

/** Whether a RangeError is V8's stack overflow (the others are failed allocations). */
export function isStackOverflow(e: RangeError): boolean {
  return /call stack/i.test(e.message);
}

/** A budget error's traceback, in CPython's layout (its frames were noted innermost first). */
function formatBudgetTraceback(e: BudgetExceeded, type: string, msg: string): string {
  let out = 'Traceback (most recent call last):\n';
  for (let i = e.frames.length - 1; i >= 0; i--) {
    const fr = e.frames[i]!;
    out += `  File "${fr.filename}", line ${fr.line}, in ${fr.name}\n`;
    if (fr.source.trim()) out += `    ${fr.source.trim()}\n`;
  }
  return out + `${type}: ${msg}\n`;
}

export {
  PyBool, PyBytes, PyDict, PyFloat, PyInstance, PyInt, PyList, PyNative, PyObject, PySet, PyStr, PyTuple,
  PyType, PyWeakref, None, True, False, NotImplemented, Ellipsis, boolType, builtinFunctionType, bytesType,
  dictType, floatType, frozensetType, intType, listType, noneType, objectType, setType, strType,
  tupleType, typeType, weakrefType, newList, newStr, newTuple, floatRepr, PyRange, PyIter, PyGenerator,
  PyCell, PyFunction, PyMethod, PyModule, PySlice, PySuper, PyWrapper, iterType,
};

/** Whether slice indices (start, stop, step) select every item of a sequence of `len`, in order. */
function isWholeSlice([a, b, st]: [number, number, number], len: number): boolean {
  return st === 1 && a === 0 && b === len;
}


/**
 * Which CPython type would answer `o.name` (as "type" or "list" ...), or null when CPython
 * would raise AttributeError too: instances see their builtin base's and object's names,
 * classes also the metatype's.
 */
function cpythonAttrOwner(o: PyObject, name: string): string | null {
  const has = (t: string): boolean => CPYTHON_TYPE_NAMES[t]?.has(name) ?? false;
  if (o instanceof PyType) {
    const base = o.mro.find((t) => !t.isHeapType);
    if (base && has(base.name)) return base.name;
    if (isExcType(o) && has('BaseException')) return 'BaseException';
    return has('type') ? 'type' : null;
  }
  const t = o.type;
  if (t.isHeapType) {
    const base = t.mro.find((b) => !b.isHeapType);
    if (isExcType(t)) return has('BaseException') ? 'BaseException' : null;
    if (base && has(base.name)) return base.name;
    return null;
  }
  if (has(t.name)) return t.name;
  if (o instanceof PyIter && CPYTHON_ITERATOR_NAMES.has(name)) return t.name;
  return has('object') ? 'object' : null;
}
