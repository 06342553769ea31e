/**
 * Builtins: the builtin functions and types' constructors, the methods of the builtin
 * types, operators on builtin values, repr, iteration, and the gc / sys / weakref modules.
 * Builtin functions and modules are not counted (SHARED with slot 0: their references are
 * not modelled). Natives return new references, to shared objects (None, True, small
 * ints) too: those are counted per sandbox.
 */
import type * as A from './ast.js';
import {
  Ellipsis, False, SHARED, None, NotImplemented, PyBool, PyBytes, PyDict, PyFloat, PyInstance, PyInt,
  PyList, PyNative, PyObject, PySet, PyStr, PyTuple, PyType, PyWeakref, True, boolType,
  builtinFunctionType, bytesType, dictType, floatType, frozensetType, intType, listType, noneType,
  objectType, setType, strType, tupleType, typeType, weakrefType, GC_FINALIZED, GC_TRACKED, sealBuiltinTypes,
} from '../objects.js';
import {
  dictClear, dictPop, dictReserve, dictUnsplitForPopitem, dictSetItem, listAppend, listClear, listDelSlice, listExtend, listExtendPush, listExtendReserve, listExtendTrim,
  listPreallocateExact, listSetAllocated,
  listInsert, listPop, listResize, setAdd, setClear, setCompactAfterDiscards, setDiscard, setHas,
  dictGet, dictHashedEntries, dictSetDefault, keyHash, setAlgebra, setCompare, setHashedItems, setIsSubset, setMergeFrom,
} from '../containers.js';
import { dictViewBinop, dictViewCompare } from './types/dictview-setops.js';
import { collect, freeze, freezeCount, unfreeze, DEBUG_COLLECTABLE, DEBUG_LEAK, DEBUG_SAVEALL, DEBUG_STATS, DEBUG_UNCOLLECTABLE } from '../collector.js';
import { bitLength, getsizeof, strSize } from '../sizes.js';
import { refcountOf } from '../refcounts.js';
import { newBytes, newNumberStr } from '../factory.js';
import { StdoutWrites } from './stdout-writes.js';
import { canWeakref } from '../weakrefable.js';
import { INT_MAX_STR_DIGITS_THRESHOLD, chargeIntResult, intToDecimal, linearSteps, mulSteps, parseDecimal, powBits, powSteps } from '../bigint.js';
import { hexId } from '../heap.js';
import { mayBeTracked } from '../tracking.js';
import { newResultTuple, nextResult, refillInPlace, resultReusable } from './types/result-tuple.js';
import { reprStr } from '../repr.js';
import {
  isPyLineBreak, isPyPrintable, isPySpace, pyCapitalize, pyIsCase, pyIsTitle, pySwapcase, pyTitle,
} from '../unicode.js';
import { EXTENSIONS } from './extensions.js';
import { CPYTHON_MODULE_NAMES, CPYTHON_TYPE_NAMES } from './modules/cpython-names.js';
import { newMappingProxy } from './types/mappingproxy.js';
import { asCInt, checkNoArgs, checkOneArg, checkVarArgs, clinicArgs, intValue, parseIntFormat, type Thrower } from './argcheck.js';
import {
  PyCell, PyFrameObj, PyFunction, PyGenerator, PyIter, PyMethod, PyModule, PyRange, PySlice, PySuper, PyWrapper, PyTraceback,
  classmethodType, finalizeType, functionType, iterType, propertyType, rangeType, staticmethodType,
  superType, sliceType, generatorType, methodType, cellType, moduleType,
} from './pyobjects.js';
import { floatRepr, formatInt, roundFloat } from './format.js';
import { installSysState } from './modules/sys-state.js';
import { structSeqField, structSeqRepr } from './modules/structseq.js';
import { installStringModule } from './modules/string.js';
import { installOperatorModule } from './modules/operator.js';
import { installContextlibModule } from './modules/contextlib.js';
import type { Interpreter, Kw } from './interpreter.js';
import { BaseException, Raise, exceptionTypes } from './interpreter.js';
import { PyExtObject } from './extobject.js';
import { installTracemalloc } from './modules/tracemalloc.js';
import { frameAttr, installIntrospection } from './introspect.js';
import { PyByteArray, installByteArray } from './types/bytearray.js';
import { decodeBytes, encodeText } from './codecs.js';
import { installBuiltinSubclasses } from './types/builtin-subclass.js';
import { isBuiltinSub, managedDictPreHeader } from '../builtin-subclass.js';
import { PyMember, allocInstance } from '../slots.js';
import { RangeIter, SeqIter } from './types/iterators.js';

type Impl = (args: PyObject[], kw: Map<string, PyObject> | null) => PyObject;
type Method = (self: PyObject, args: PyObject[], kw: Map<string, PyObject> | null) => PyObject;

/**
 * Addresses of the natives and modules a sandbox's builtins are made of. Each sandbox
 * makes its own, all of them inside installBuiltins (synchronously, nothing else runs
 * meanwhile), which starts the count from NATIVE_BASE: every sandbox, its replay and its
 * forks see the same `id(sys)` and `id(len)`, and no id depends on what other sandboxes
 * in the process did.
 */
const NATIVE_BASE = 0x55d0c0b00000;
let nextNativeAddr = NATIVE_BASE;
/** Whether an installBuiltins is running: the only time the count may move. */
let installing = false;
function nativeAddr(): number {
  if (!installing) throw new Error('heaplab: a shared native or module made outside installBuiltins');
  const a = nextNativeAddr;
  nextNativeAddr += 0x48;
  return a;
}
function shared(name: string, impl: Impl): PyNative {
  const n = new PyNative(name, impl);
  n.gcFlags |= SHARED;
  n.addr = nativeAddr();
  return n;
}

const bigOf = (o: PyObject): bigint | null =>
  o instanceof PyInt ? BigInt(o.value) : o instanceof PyBool ? (o.value ? 1n : 0n) : null;

function isIntLike(o: PyObject): o is PyInt | PyBool {
  return o instanceof PyInt || o instanceof PyBool;
}

function numOf(o: PyObject): number {
  if (o instanceof PyInt) return Number(o.value);
  if (o instanceof PyBool) return o.value ? 1 : 0;
  return (o as PyFloat).value;
}

function pyMod(a: number, b: number): number {
  const m = a % b;
  return m !== 0 && (m < 0) !== (b < 0) ? m + b : m;
}

const OPSYM: Record<A.Operator, string> = {
  Add: '+', Sub: '-', Mult: '*', MatMult: '@', Div: '/', Mod: '%', Pow: '** or pow()', LShift: '<<',
  RShift: '>>', BitOr: '|', BitXor: '^', BitAnd: '&', FloorDiv: '//',
};
const DUNDER: Record<A.Operator, string> = {
  Add: 'add', Sub: 'sub', Mult: 'mul', MatMult: 'matmul', Div: 'truediv', Mod: 'mod', Pow: 'pow',
  LShift: 'lshift', RShift: 'rshift', BitOr: 'or', BitXor: 'xor', BitAnd: 'and', FloorDiv: 'floordiv',
};
const CMPD: Record<string, [string, string]> = {
  Eq: ['__eq__', '__eq__'], NotEq: ['__ne__', '__ne__'], Lt: ['__lt__', '__gt__'], LtE: ['__le__', '__ge__'],
  Gt: ['__gt__', '__lt__'], GtE: ['__ge__', '__le__'],
};

/** Objects whose operators come from their type's dunders: heap types' and PyExtObject types'. */
/** An exact int or float: their str(), repr() and format(x, '') are new strs (see newNumberStr). */
export function isNumber(o: PyObject): boolean {
  return o.type === intType || o.type === floatType;
}

function hasDunders(o: PyObject): boolean {
  return o.type.isHeapType || o instanceof PyExtObject;
}
/** A C long's range (LONG_MIN, LONG_MAX on CPython's 64-bit Linux). */
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** PyLong_AsLongAndOverflow of an int or bool: its value when it fits a C long, else null. */
function cLongOf(o: PyObject): number | bigint | null {
  if (o instanceof PyBool) return o.value ? 1 : 0;
  const v = (o as PyInt).value;
  if (typeof v === 'number') return v;
  return v >= LONG_MIN && v <= LONG_MAX ? v : null;
}

/**
 * split_whitespace (stringlib): the runs of non-whitespace of `v`, at most `max` splits
 * (-1: no limit); what is left after the last split is kept from its first non-space to the
 * end, trailing whitespace included. One scan over `v` by code unit (every whitespace code
 * point is in the BMP).
 */
function splitWhitespace(v: string, max: number): string[] {
  const parts: string[] = [];
  const n = v.length;
  let i = 0;
  for (let left = max < 0 ? Infinity : max; left > 0; left--) {
    while (i < n && isPySpace(v.charCodeAt(i))) i++;
    if (i === n) break;
    const j = i++;
    while (i < n && !isPySpace(v.charCodeAt(i))) i++;
    parts.push(v.slice(j, i));
  }
  if (i < n) {
    while (i < n && isPySpace(v.charCodeAt(i))) i++;
    if (i !== n) parts.push(v.slice(i));
  }
  return parts;
}

/** rsplit_whitespace: split_whitespace from the right; the part left keeps its leading whitespace. */
function rsplitWhitespace(v: string, max: number): string[] {
  const parts: string[] = [];
  let i = v.length - 1;
  for (let left = max < 0 ? Infinity : max; left > 0; left--) {
    while (i >= 0 && isPySpace(v.charCodeAt(i))) i--;
    if (i < 0) break;
    const j = i--;
    while (i >= 0 && !isPySpace(v.charCodeAt(i))) i--;
    parts.push(v.slice(i + 1, j + 1));
  }
  if (i >= 0) {
    while (i >= 0 && isPySpace(v.charCodeAt(i))) i--;
    if (i >= 0) parts.push(v.slice(0, i + 1));
  }
  return parts.reverse();
}

/** Whether `test` holds for every UTF-16 code unit of `v`. */
function everyCodeUnit(v: string, test: (c: number) => boolean): boolean {
  for (let i = 0; i < v.length; i++) if (!test(v.charCodeAt(i))) return false;
  return true;
}

/** str.splitlines: the lines of `v`, broken where Py_UNICODE_ISLINEBREAK says (and at \r\n as one). */
function splitLines(v: string, keepends: boolean): string[] {
  const lines: string[] = [];
  const n = v.length;
  let i = 0;
  while (i < n) {
    const j = i;
    while (i < n && !isPyLineBreak(v.charCodeAt(i))) i++;
    let eol = i;
    if (i < n) {
      i += v.charCodeAt(i) === 13 && i + 1 < n && v.charCodeAt(i + 1) === 10 ? 2 : 1;
      if (keepends) eol = i;
    }
    lines.push(v.slice(j, eol));
  }
  return lines;
}

/** Past this distance from LONG_MIN / LONG_MAX no sum of one safe integer more can leave a C long. */
const LONG_MARGIN = 2n ** 53n;

/**
 * builtin_sum_impl's running C-long total, as `big + small`: `small` takes the items while
 * it stays a safe JS integer and `big` is far enough from a C long's ends that the sum
 * cannot overflow one (`roomy`); anything else is added exactly with BigInt. So each item
 * is checked for overflow exactly where CPython checks it, and most add two doubles.
 */
class LongSum {
  private big = 0n;
  private small = 0;
  private roomy = true;

  constructor(start: number | bigint) {
    if (typeof start === 'number') this.small = start;
    else this.setBig(start);
  }

  /** Add `v`; false (the total unchanged) when the sum overflows a C long. */
  add(v: number | bigint): boolean {
    if (typeof v === 'number' && this.roomy) {
      const s = this.small + v;
      if (Number.isSafeInteger(s)) {
        this.small = s;
        return true;
      }
    }
    const t = this.big + BigInt(this.small) + BigInt(v);
    if (t < LONG_MIN || t > LONG_MAX) return false;
    this.setBig(t);
    return true;
  }

  /** The total (for I.int, which makes a safe integer a number). */
  value(): number | bigint {
    return this.big === 0n ? this.small : this.big + BigInt(this.small);
  }

  private setBig(t: bigint): void {
    this.big = t;
    this.small = 0;
    this.roomy = t > LONG_MIN + LONG_MARGIN && t < LONG_MAX - LONG_MARGIN;
  }
}

/** sys.maxsize (PY_SSIZE_T_MAX). */
const MAXSIZE = 9223372036854775807n;
/** Bulk work per engine step: items copied (references) or characters/bytes copied. */
const ITEMS_PER_STEP = 256;
const CHARS_PER_STEP = 4096;

/** The exception attributes kept in an exception instance's payload (see interpreter.ts). */
const EXC_SLOTS: Record<string, number> = { __traceback__: 1, __context__: 2, __cause__: 3 };

/** PyObject_Repr's Py_EnterRecursiveCall `where`. */
const REPR_WHERE = ' while getting the repr of an object';
/** Reprs nested in the engine's JS calls: JS stack, bounded whatever the recursion limit says. */
const REPR_NEST_LIMIT = 10_000;

export class Builtins {
  readonly names = new Map<string, PyObject>();
  readonly modules = new Map<string, PyModule>();
  readonly constructors = new Map<PyType, (args: PyObject[], kw: Kw) => PyObject>();
  /**
   * This sandbox's methods of the builtin types, by type: the only place they live. The
   * types are shared by every sandbox in the process and frozen (sealBuiltinTypes); each
   * method is a native bound to this sandbox's heap, so every lookup (PyType.lookup,
   * dunder, super, dir) passes this table.
   */
  readonly methods = new Map<PyType, Map<string, PyNative>>();
  private readonly methodNatives = new Set<PyNative>();
  /** Natives that are classmethods of builtin types (dict.fromkeys): bound to the class. */
  readonly classMethodNatives = new Set<PyNative>();
  readonly heap;
  /**
   * Builtin types defined in their own files whose protocol slots (__getitem__, __len__,
   * __iter__, __contains__, __eq__, ...) are their native methods: the interpreter's dunder
   * lookup consults them as it does a class's methods.
   */
  readonly slotTypes = new Set<PyType>();
  /** repr() and str() of such types (active: the containers being repr'd, for recursion). */
  readonly reprOf = new Map<PyType, (o: PyObject, active: Set<PyObject>) => string>();
  readonly strOf = new Map<PyType, (o: PyObject) => string>();
  /** Attributes of such types beyond their methods: a value (new reference), or null for none. */
  readonly attrOf = new Map<PyType, (o: PyObject, name: string) => PyObject | null>();
  /** setattr on such types (v borrowed). */
  readonly setAttrOf = new Map<PyType, (o: PyObject, name: string, v: PyObject) => void>();
  /** Types modelled on classes CPython defines in Python (their methods' argument errors are a function's). */
  readonly pythonLevelTypes = new Set<PyType>();
  /** tp_name of a C type of a module file when it is dotted ('collections.deque'): what AttributeError names. */
  readonly tpNames = new Map<PyType, string>();
  /** `del o.name` for a builtin type that forwards attribute deletion (weakref proxies). */
  readonly delAttrOf = new Map<PyType, (o: PyObject, name: string) => void>();
  /** builtins.__build_class__ for the bytecode machine (args borrowed; a new reference). */
  buildClassHook: ((args: PyObject[], kw: Map<string, PyObject> | null) => PyObject) | null = null;
  /** list_extend(l, iterable), as l.extend, l += x and a display's *x do it. */
  listExtendFrom!: (l: PyList, src: PyObject) => void;

  constructor(readonly I: Interpreter) {
    this.heap = I.heap;
  }

  // ---------------------------------------------------------------- helpers

  err(type: string, msg: string): Raise {
    return this.I.error(type, msg);
  }

  int(v: number | bigint): PyObject {
    return this.I.int(v);
  }

  str(s: string): PyObject {
    return this.I.newStr(s);
  }

  /** True or False, as a new reference (the shared bools are counted per heap). */
  bool(b: boolean): PyObject {
    return this.I.bool(b);
  }

  /** None, as a new reference. */
  none(): PyObject {
    return this.I.none();
  }

  /** NotImplemented, as a new reference. */
  notImplemented(): PyObject {
    this.heap.incref(NotImplemented);
    return NotImplemented;
  }

  list(items: PyObject[]): PyList {
    return this.heap.track(this.heap.register(new PyList(items)));
  }

  isMethodNative(n: PyNative): boolean {
    return this.methodNatives.has(n);
  }

  def(name: string, impl: Impl): PyNative {
    const n = shared(name, impl);
    this.names.set(name, n);
    return n;
  }

  /** A builtin that is a class in CPython (enumerate, zip, ...): its name is the type, calling it runs `impl`. */
  defType(t: PyType, impl: Impl): PyType {
    this.constructors.set(t, (args, kw) => impl(args, kw && kw.length ? new Map(kw) : null));
    this.names.set(t.name, t);
    return t;
  }

  /** The builtin exception class `name` (e.g. 'StopIteration'). */
  exceptionType(name: string): PyType {
    return exceptionTypes.get(name)!;
  }

  /** A pending raise of the exception instance `exc` (takes over the caller's reference). */
  raiseOf(exc: PyObject): Raise {
    return new Raise(exc);
  }

  isRaise(e: unknown): e is Raise {
    return e instanceof Raise;
  }

  /** A builtin function (an immortal native, like CPython's static builtin functions). */
  native(name: string, impl: Impl): PyNative {
    return shared(name, impl);
  }

  /** Make `import name` find a module with these attributes (immortal: sys.modules keeps it). */
  addModule(name: string, attrs: Record<string, PyObject>): PyModule {
    const m = new PyModule(name, new Map(Object.entries(attrs)));
    m.gcFlags |= SHARED;
    m.addr = nativeAddr();
    this.modules.set(name, m);
    return m;
  }

  method(t: PyType, name: string, m: Method): void {
    let tbl = this.methods.get(t);
    if (!tbl) {
      tbl = new Map();
      this.methods.set(t, tbl);
    }
    const n = shared(name, (args, kw) => {
      if (args.length === 0) {
        // A class CPython writes in Python (Lib/weakref.py) misses its `self` like any function.
        if (this.pythonLevelTypes.has(t)) throw this.err('TypeError', `${t.name}.${name}() missing 1 required positional argument: 'self'`);
        throw this.err('TypeError', `unbound method ${t.name}.${name}() needs an argument`);
      }
      return m(args[0]!, args.slice(1), kw);
    });
    n.method = m;
    tbl.set(name, n);
    this.methodNatives.add(n);
  }

  /** A classmethod of a builtin type: `m` gets the class (the type itself, or an instance's type). */
  classMethod(t: PyType, name: string, m: Method): void {
    this.method(t, name, (s, a, kw) => m(s instanceof PyType && s.isSubtypeOf(t) ? s : s.type, a, kw));
    this.classMethodNatives.add(this.methods.get(t)!.get(name)!);
  }

  /** Whether `n` is a method (Builtins.method) of a type CPython writes in Python. */
  isPythonLevelMethod(n: PyNative): boolean {
    for (const t of this.pythonLevelTypes) if (this.methods.get(t)?.get(n.name) === n) return true;
    return false;
  }

  /** Whether a dunder found on a heap class is Python code in CPython: a function, or such a method. */
  isPythonLevel(m: PyObject | undefined): m is PyFunction | PyNative {
    return m instanceof PyFunction || (m instanceof PyNative && m.method !== null && this.isPythonLevelMethod(m));
  }

  /** The native method `name` for obj's builtin type (borrowed), or null. */
  nativeMethod(obj: PyObject, name: string): PyNative | null {
    for (const t of obj.type.mro) {
      const m = this.methods.get(t)?.get(name);
      if (m) return m;
    }
    return null;
  }

  /**
   * super()'s lookup in builtin type t: t's own native, else (at object, the end of every
   * MRO) a do-nothing __init__/__del__; null lets the lookup go on to the next class, so
   * super().__init__ in an Exception subclass reaches BaseException.__init__.
   */
  superNative(t: PyType, obj: PyObject, name: string): PyObject | null {
    const m = this.methods.get(t)?.get(name);
    if (m) return this.boundNative(m, obj);
    if (t === objectType && (name === '__init__' || name === '__del__')) return this.boundNative(this.noop, obj);
    return null;
  }

  readonly noop = shared('__init__', () => this.none());

  boundNative(m: PyNative, self: PyObject): PyObject {
    this.heap.incref(self);
    return this.heap.register(new PyNative(m.name, m.impl, self));
  }

  kwarg(kw: Map<string, PyObject> | null, name: string): PyObject | undefined {
    return kw?.get(name);
  }

  noKw(kw: Map<string, PyObject> | null, fname: string): void {
    if (kw && kw.size) throw this.err('TypeError', `${fname}() takes no keyword arguments`);
  }

  argc(args: PyObject[], min: number, max: number, fname: string): void {
    if (args.length < min || args.length > max) {
      if (min === max) throw this.err('TypeError', `${fname}() takes exactly ${min === 1 ? 'one argument' : `${min} arguments`} (${args.length} given)`);
      if (args.length < min) throw this.err('TypeError', `${fname} expected at least ${min} argument${min > 1 ? 's' : ''}, got ${args.length}`);
      throw this.err('TypeError', `${fname} expected at most ${max} argument${max > 1 ? 's' : ''}, got ${args.length}`);
    }
  }

  // ---------------------------------------------------------------- repr

  /** Characters the outermost repr() in progress has produced so far, and how deep it is. */
  private reprChars = 0;
  private reprDepth = 0;

  /**
   * repr(o). The strs it prints count against the byte budget as they add up (a list
   * holding one 10 MB str a thousand times is small on the heap, its repr is not): past the
   * budget it raises MemoryError before the pieces are joined.
   */
  repr(o: PyObject, active: Set<PyObject> = new Set()): string {
    // PyObject_Repr's Py_EnterRecursiveCall: a level of the recursion depth per nested repr.
    this.I.enterRecursiveCall(REPR_WHERE);
    try {
      return this.tpRepr(o, active);
    } finally {
      this.I.leaveRecursiveCall();
    }
  }

  /**
   * The type's tp_repr run directly, as object_str does (no recursion level of its own; the
   * items of a container each enter one through repr). The JS stack bounds the nesting at
   * REPR_NEST_LIMIT whatever a raised recursion limit allows.
   */
  tpRepr(o: PyObject, active: Set<PyObject> = new Set()): string {
    if (this.reprDepth === 0) this.reprChars = 0;
    if (this.reprDepth >= REPR_NEST_LIMIT) throw this.err('RecursionError', 'maximum recursion depth exceeded' + REPR_WHERE);
    this.reprDepth++;
    try {
      return this.reprOne(o, active);
    } finally {
      this.reprDepth--;
    }
  }

  private reprOne(o: PyObject, active: Set<PyObject>): string {
    const I = this.I;
    if (o === None) return 'None';
    if (o === True) return 'True';
    if (o === False) return 'False';
    if (o === Ellipsis) return 'Ellipsis';
    if (o === NotImplemented) return 'NotImplemented';
    if (o.type.isHeapType) {
      const m = isBuiltinSub(o) ? I.override(o, '__repr__') : o.type.lookup('__repr__', this.methods);
      if (this.isPythonLevel(m)) {
        const r = I.callDunder(m, o, []);
        try {
          if (!(r instanceof PyStr)) throw this.err('TypeError', `__repr__ returned non-string (type ${r.type.name})`);
          return r.value;
        } finally {
          this.heap.decref(r);
        }
      }
    }
    if (o instanceof PyInt) return intToDecimal(this.heap, o.value);
    if (o instanceof PyFloat) return floatRepr(o.value);
    if (o instanceof PyStr) {
      // The strs are what can make a repr large (a container adds a step per item).
      this.reprChars += o.value.length;
      this.heap.reserve(49 + this.reprChars);
      return reprStr(o.value);
    }
    if (o instanceof PyBytes) return "b'" + Array.from(o.value, (b) => (b >= 0x20 && b < 0x7f && b !== 0x27 && b !== 0x5c ? String.fromCharCode(b) : b === 0x27 ? "\\'" : b === 0x5c ? '\\\\' : b === 10 ? '\\n' : '\\x' + b.toString(16).padStart(2, '0'))).join('') + "'";
    if (o instanceof PyExtObject) return o.repr();
    if (o instanceof PyMember) return `<member '${o.name}' of '${o.owner.name}' objects>`;
    const own = this.reprOf.get(o.type);
    if (own) return own(o, active);
    if (o === weakrefType) return "<class 'weakref.ReferenceType'>";
    if (o instanceof PyType) return o.isHeapType || o.module !== 'builtins' ? `<class '${o.module}.${o.qualname}'>` : `<class '${o.name}'>`;
    if (o instanceof PyList || o instanceof PyTuple || o instanceof PyDict || o instanceof PySet) {
      // One step per container printed, and one per item (below): `[[0] * 1000] * 1000` is
      // two objects but a million items, and printing them is work the budget must see.
      this.heap.step(1 + (o instanceof PyDict || o instanceof PySet ? o.size : o.items.length));
      if (active.has(o)) return o instanceof PyList ? '[...]' : o instanceof PyDict ? '{...}' : '(...)';
      active.add(o);
      try {
        if (o instanceof PyList) return '[' + o.items.slice().map((i) => this.repr(i, active)).join(', ') + ']';
        if (o instanceof PyTuple) {
          const ss = structSeqRepr(o, (v) => this.repr(v, active));
          if (ss !== null) return ss;
          const inner = o.items.map((i) => this.repr(i, active));
          return inner.length === 1 ? `(${inner[0]},)` : `(${inner.join(', ')})`;
        }
        if (o instanceof PyDict) return '{' + [...o.entries()].map(([k, v]) => `${this.repr(k, active)}: ${this.repr(v, active)}`).join(', ') + '}';
        const items = [...o.items()].map((i) => this.repr(i, active));
        if (o.type === frozensetType) return items.length ? `frozenset({${items.join(', ')}})` : 'frozenset()';
        return items.length ? `{${items.join(', ')}}` : 'set()';
      } finally {
        active.delete(o);
      }
    }
    if (o instanceof PyWeakref) {
      const r = o.referent;
      if (!r) return `<weakref at ${hexId(o.addr)}; dead>`;
      const name = this.specialName(r);
      return `<weakref at ${hexId(o.addr)}; to '${r.type.name}' at ${hexId(r.addr)}${name === null ? '' : ` (${name})`}>`;
    }
    if (o instanceof PyFunction) return `<function ${o.qualname?.value ?? o.code.qualname} at ${hexId(o.addr)}>`;
    if (o instanceof PyMethod) {
      const fn = o.func;
      const q = fn instanceof PyFunction ? fn.code.qualname : '?';
      return `<bound method ${q} of ${this.repr(o.self!, active)}>`;
    }
    if (o instanceof PyNative) {
      // A function implemented natively (contextmanager's helper): named after what it wraps.
      if (o.type === functionType) return `<function ${o.self instanceof PyFunction ? o.self.qualname?.value ?? o.name : o.name} at ${hexId(o.addr)}>`;
      if (o.self) return `<built-in method ${o.name} of ${o.self.type.name} object at ${hexId(o.self.addr)}>`;
      return `<built-in function ${o.name}>`;
    }
    if (o instanceof PyModule) return `<module '${o.name}' (built-in)>`;
    if (o instanceof PyGenerator) return `<generator object ${o.qualname} at ${hexId(o.addr)}>`;
    // super_repr names tp_name (no module, even for a class of __main__).
    if (o instanceof PySuper) return `<super: <class '${o.cls.name}'>, ${o.obj ? `<${o.obj.type.name} object>` : 'NULL'}>`;
    if (o instanceof PyRange) return o.step === 1 ? `range(${o.start}, ${o.stop})` : `range(${o.start}, ${o.stop}, ${o.step})`;
    if (o instanceof PyCell) return o.ref ? `<cell at ${hexId(o.addr)}: ${o.ref.type.name} object at ${hexId(o.ref.addr)}>` : `<cell at ${hexId(o.addr)}: empty>`;
    if (o instanceof PySlice) return `slice(${this.repr(o.start)}, ${this.repr(o.stop)}, ${this.repr(o.step)})`;
    if (o instanceof PyIter && o.seq instanceof PyDict && /^o?dict_(keys|values|items)$/.test(o.type.name)) {
      const arr = this.I.toArray(o);
      try {
        return `${o.type.name}([${arr.map((x) => this.repr(x, active)).join(', ')}])`;
      } finally {
        for (const x of arr) this.heap.decref(x);
      }
    }
    if (o instanceof PyInstance && o.type.isSubtypeOf(BaseException)) {
      const args = I.excArgs(o)?.items ?? [];
      const inner = args.map((a) => this.repr(a, active));
      return `${o.type.name}(${inner.join(', ')})`;
    }
    // A type of a module file (operator.itemgetter, ...) may give its own repr natively.
    const moduleRepr = o.type.module !== 'builtins' && !o.type.isHeapType ? this.methods.get(o.type)?.get('__repr__') : undefined;
    if (moduleRepr) {
      const r = moduleRepr.impl([o], null);
      const text = r instanceof PyStr ? r.value : '';
      this.heap.decref(r);
      return text;
    }
    if (o.type === finalizeType) {
      const f = o as PyFinalize;
      const r = f.wr?.referent;
      return r ? `<finalize object at ${hexId(o.addr)}; for '${r.type.name}' at ${hexId(r.addr)}>` : `<finalize object at ${hexId(o.addr)}; dead>`;
    }
    const mod = o.type.isHeapType || o.type.module !== 'builtins' ? o.type.module + '.' : '';
    return `<${mod}${o.type.qualname} object at ${hexId(o.addr)}>`;
  }

  /**
   * `__name__` found the way weakref_repr finds it (_PyObject_LookupSpecial: on the type, not
   * the instance), or null when there is none or it is not a str. Functions, classes, builtins
   * and generators have one; a module's is in its own dict, so it has none.
   */
  specialName(o: PyObject): string | null {
    if (o instanceof PyFunction) return o.name?.value ?? null;
    if (o instanceof PyType) return o === weakrefType ? 'ReferenceType' : o.name;
    if (o instanceof PyNative) return o.name;
    if (o instanceof PyGenerator) return o.name;
    if (!o.type.isHeapType) return null;
    const d = o.type.lookup('__name__', this.methods);
    if (d === undefined || d === null) return null;
    const v = this.I.bindDescriptor(d, o, o.type);
    try {
      return v instanceof PyStr ? v.value : null;
    } finally {
      this.heap.decref(v);
    }
  }

  // ---------------------------------------------------------------- iteration

  seqIter(name: string, seq: PyObject & { items: PyObject[] }): PyIter {
    const it = new SeqIter(name, seq, this.heap);
    this.heap.incref(seq);
    return this.heap.track(this.heap.register(it));
  }

  getIter(o: PyObject): PyObject {
    const heap = this.heap;
    const ov = this.I.override(o, '__iter__');
    if (ov) return this.iterFromDunder(o, ov);
    if (o instanceof PyList) return this.seqIter('list_iterator', o);
    if (o instanceof PyTuple) return this.seqIter('tuple_iterator', o);
    if (o instanceof PyRange) return heap.register(new RangeIter(o.start, o.step, o.length, this));
    if (o instanceof PyIter || o instanceof PyGenerator) {
      // (a dict's views, and an OrderedDict's odict_keys/odict_values/odict_items)
      if (o instanceof PyIter && o.seq instanceof PyDict && /^o?dict_(keys|values|items)$/.test(o.type.name)) {
        return this.dictIter(o.seq, o.type.name.replace(/^o?dict_/, '') as 'keys');
      }
      heap.incref(o);
      return o;
    }
    if (o instanceof PyDict) return this.dictIter(o, 'keys');
    if (o instanceof PySet) {
      const snapshot = [...o.items()];
      const size = o.size;
      let i = 0;
      heap.incref(o);
      const it = new PyIter(iterType('set_iterator'), o, (self) => {
        if (!self.seq) return null;
        if ((self.seq as PySet).size !== size) throw this.err('RuntimeError', 'Set changed size during iteration');
        if (i < snapshot.length) {
          const v = snapshot[i++]!;
          heap.incref(v);
          return v;
        }
        const s = self.seq;
        self.seq = null;
        heap.decref(s);
        return null;
      });
      it.hint = () => (it.seq ? Math.max(0, snapshot.length - i) : 0);
      return heap.track(heap.register(it));
    }
    if (o instanceof PyStr) {
      const chars = [...o.value];
      let i = 0;
      heap.incref(o);
      const it = heap.register(new PyIter(iterType('str_ascii_iterator'), o, () => (i < chars.length ? this.str(chars[i++]!) : null)));
      it.hint = () => chars.length - i;
      return it;
    }
    if (o instanceof PyBytes) {
      let i = 0;
      heap.incref(o);
      const it = heap.register(new PyIter(iterType('bytes_iterator'), o, () => (i < o.value.length ? this.int(o.value[i++]!) : null)));
      it.hint = () => Math.max(0, o.value.length - i);
      return it;
    }
    const m = this.I.dunder(o, '__iter__');
    if (m) return this.iterFromDunder(o, m);
    if (this.I.dunder(o, '__getitem__')) {
      let i = 0;
      heap.incref(o);
      return heap.track(heap.register(new PyIter(iterType('iterator'), o, (self) => {
        if (!self.seq) return null;
        try {
          return this.I.getItem(self.seq, this.int(i++));
        } catch (e) {
          if (e instanceof Raise && e.exc.type.isSubtypeOf(exceptionTypes.get('IndexError')!)) {
            this.I.releaseRaise(e);
            return null;
          }
          throw e;
        }
      })));
    }
    throw this.err('TypeError', `'${o.type.name}' object is not iterable`);
  }

  dictIter(d: PyDict, kind: 'keys' | 'values' | 'items'): PyObject {
    const heap = this.heap;
    let i = 0;
    const size = d.size;
    heap.incref(d);
    const name = kind === 'keys' ? 'dict_keyiterator' : kind === 'values' ? 'dict_valueiterator' : 'dict_itemiterator';
    let taken = 0;
    const result = kind === 'items' ? newResultTuple(heap, 2) : null;
    const it = new PyIter(iterType(name), d, (self) => {
      const dd = self.seq as PyDict | null;
      if (!dd) return null;
      if (dd.size !== size) {
        throw this.err('RuntimeError', 'dictionary changed size during iteration');
      }
      while (i < dd.keys.length && !dd.keys[i]) i++;
      if (i >= dd.keys.length) {
        self.seq = null;
        heap.decref(dd);
        return null;
      }
      const k = dd.keys[i]!;
      const v = dd.values[i]!;
      i++;
      taken++;
      if (kind === 'keys') {
        heap.incref(k);
        return k;
      }
      if (kind === 'values') {
        heap.incref(v);
        return v;
      }
      heap.incref(k);
      heap.incref(v);
      return nextResult(heap, result!, [k, v]);
    }, result ? [result] : []);
    // dictiter_len: the dict's size less what was taken, 0 once exhausted
    it.hint = () => (it.seq && (it.seq as PyDict).size === size ? size - taken : 0);
    return heap.track(heap.register(it));
  }

  dictView(d: PyDict, kind: string): PyObject {
    this.heap.incref(d);
    return this.heap.track(this.heap.register(new PyIter(iterType('dict_' + kind), d, () => null)));
  }

  /** An iterator over JS-produced items, holding `refs`. */
  jsIter(name: string, refs: PyObject[], next: () => PyObject | null): PyObject {
    return this.heap.track(this.heap.register(new PyIter(iterType(name), null, next, refs)));
  }

  // ---------------------------------------------------------------- comparisons

  compare(op: A.CmpOperator, a: PyObject, b: PyObject): PyObject {
    const I = this.I;
    // user dunders first (reflected if b's type is a subclass)
    if (hasDunders(a) || hasDunders(b) || this.slotTypes.has(a.type) || this.slotTypes.has(b.type)) {
      const [fwd, rev] = CMPD[op]!;
      const ma = I.dunder(a, fwd);
      if (ma) {
        const r = I.callDunder(ma, a, [b]);
        if (r !== NotImplemented) return r;
        this.heap.decref(r);
      }
      const mb = I.dunder(b, rev);
      if (mb) {
        const r = I.callDunder(mb, b, [a]);
        if (r !== NotImplemented) return r;
        this.heap.decref(r);
      }
      if (op === 'NotEq' && ma === undefined) {
        const me = I.dunder(a, '__eq__');
        if (me) {
          const r = I.callDunder(me, a, [b]);
          if (r !== NotImplemented) return this.bool(!I.truthConsume(r));
          this.heap.decref(r);
        }
      }
    }
    if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) {
      return this.seqCompare(op, a.items, b.items, a instanceof PyList);
    }
    if (a instanceof PyWeakref && b instanceof PyWeakref && (op === 'Eq' || op === 'NotEq')) return this.weakrefCompare(op, a, b);
    if (op !== 'Is' && op !== 'IsNot' && op !== 'In' && op !== 'NotIn') {
      if (a instanceof PySet && b instanceof PySet) return this.bool(setCompare(this.heap, op, a, b));
      const v = dictViewCompare(this, op, a, b);
      if (v !== null) return this.bool(v);
    }
    const c = this.cmp(a, b);
    if (c === null) {
      if (op === 'Eq' || op === 'NotEq') {
        const eq = this.eqBuiltin(a, b);
        if (eq === null) return this.notImplemented();
        return op === 'Eq' ? this.bool(eq) : this.bool(!eq);
      }
      return this.notImplemented();
    }
    if (Number.isNaN(c)) return this.bool(op === 'NotEq');
    switch (op) {
      case 'Eq': return this.bool(c === 0);
      case 'NotEq': return this.bool(c !== 0);
      case 'Lt': return this.bool(c < 0);
      case 'LtE': return this.bool(c <= 0);
      case 'Gt': return this.bool(c > 0);
      default: return this.bool(c >= 0);
    }
  }

  /**
   * list_richcompare / tuplerichcompare: find the first index where the items are not
   * equal (identity counts as equal; the lengths are re-read each step, as a user __eq__
   * may mutate a list). Equality never orders anything: past that index == is False and
   * != True; an ordering compares the two items with the same operator. With no such
   * index, the lengths decide. Lists of different lengths are unequal without a look.
   */
  seqCompare(op: A.CmpOperator, x: PyObject[], y: PyObject[], isList: boolean): PyObject {
    const I = this.I;
    if (isList && x.length !== y.length && (op === 'Eq' || op === 'NotEq')) return this.bool(op === 'NotEq');
    let i = 0;
    for (; i < x.length && i < y.length; i++) {
      this.heap.step(); // one step per item compared: comparing huge sequences is work
      const v = x[i]!;
      const w = y[i]!;
      if (v === w) continue;
      const heap = this.heap;
      heap.incref(v);
      heap.incref(w);
      let same: boolean;
      try {
        same = I.eq(v, w);
      } finally {
        heap.decref(v);
        heap.decref(w);
      }
      if (!same) break;
    }
    if (i >= x.length || i >= y.length) {
      const d = x.length - y.length;
      const r = op === 'Eq' ? d === 0 : op === 'NotEq' ? d !== 0 : op === 'Lt' ? d < 0 : op === 'LtE' ? d <= 0 : op === 'Gt' ? d > 0 : d >= 0;
      return this.bool(r);
    }
    if (op === 'Eq') return False;
    if (op === 'NotEq') return True;
    return I.richCompare(op, x[i]!, y[i]!);
  }

  /**
   * weakref_richcompare: two live weakrefs are as equal as their referents (compared with
   * both held alive meanwhile); if either is dead, only identity counts.
   */
  weakrefCompare(op: 'Eq' | 'NotEq', a: PyWeakref, b: PyWeakref): PyObject {
    const x = a.referent;
    const y = b.referent;
    if (!x || !y) return this.bool((a === b) === (op === 'Eq'));
    const heap = this.heap;
    heap.incref(x);
    heap.incref(y);
    try {
      return this.I.richCompare(op, x, y);
    } finally {
      heap.decref(x);
      heap.decref(y);
    }
  }

  /**
   * weakref_hash: the referent's hash, computed once and kept (so a weakref hashed while
   * alive still hashes after its referent died); a dead, never-hashed weakref has none.
   */
  weakrefHash(w: PyWeakref): PyObject {
    const cached = this.weakrefHashes.get(w);
    if (cached !== undefined) return this.int(cached);
    if (!w.referent) throw this.err('TypeError', 'weak object has gone away');
    const h = this.hash(w.referent);
    this.weakrefHashes.set(w, bigOf(h)!);
    return h;
  }

  private readonly weakrefHashes = new WeakMap<PyWeakref, bigint>();

  /**
   * type.__subclasses__(): the classes still alive among those made with this base, in
   * creation order (dead entries are dropped from tp_subclasses as they are met). The
   * builtin types' lists would hold CPython's own internal classes: refused.
   */
  private readonly subclassesNative = shared('__subclasses__', (args) => {
    const t = args[0] as PyType;
    if (args.length > 1) throw this.err('TypeError', `${t.name}.__subclasses__() takes no arguments (${args.length - 1} given)`);
    if (!t.isHeapType) throw this.err('NotImplementedError', `heaplab does not support '__subclasses__' of the builtin type '${t.name}'`);
    t.subclassRefs = t.subclassRefs.filter((w) => w.referent !== null);
    const live = t.subclassRefs.map((w) => w.referent!);
    for (const c of live) this.heap.incref(c);
    return this.list(live);
  });

  /** Ordering of builtin values: negative/0/positive, NaN for unordered, null if incomparable. */
  cmp(a: PyObject, b: PyObject): number | null {
    const ai = bigOf(a);
    const bi = bigOf(b);
    if (ai !== null && bi !== null) {
      if (a instanceof PyInt && b instanceof PyInt && typeof a.value === 'number' && typeof b.value === 'number') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
      return ai < bi ? -1 : ai > bi ? 1 : 0;
    }
    if ((ai !== null || a instanceof PyFloat) && (bi !== null || b instanceof PyFloat)) {
      const x = numOf(a);
      const y = numOf(b);
      if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if (a instanceof PyStr && b instanceof PyStr) return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    return null;
  }

  eqBuiltin(a: PyObject, b: PyObject): boolean | null {
    if (a instanceof PyDict && b instanceof PyDict) {
      if (a.size !== b.size) return false;
      // dict_equal: each of a's keys (by its stored hash) looked up in b, then the values compared.
      const heap = this.heap;
      for (const [k, v, h] of dictHashedEntries(a)) {
        heap.step();
        heap.incref(k);
        heap.incref(v);
        try {
          const w = dictGet(heap, b, k, h);
          if (w === undefined) return false;
          if (v === w) continue;
          heap.incref(w);
          try {
            if (!this.I.eq(v, w)) return false;
          } finally {
            heap.decref(w);
          }
        } finally {
          heap.decref(k);
          heap.decref(v);
        }
      }
      return true;
    }
    if (a instanceof PyRange && b instanceof PyRange) return a.start === b.start && a.length === b.length && (a.length < 2 || a.step === b.step);
    if (a instanceof PyMethod && b instanceof PyMethod) return a.func === b.func && a.self === b.self;
    if (a instanceof PyBytes && b instanceof PyBytes) return a.value.length === b.value.length && a.value.every((x, i) => x === b.value[i]);
    return null;
  }

  // ---------------------------------------------------------------- arithmetic

  binop(op: A.Operator, a: PyObject, b: PyObject, inplace: boolean): PyObject {
    const I = this.I;
    if (hasDunders(a) || hasDunders(b) || this.slotTypes.has(a.type) || this.slotTypes.has(b.type)) {
      const name = DUNDER[op];
      if (inplace) {
        const mi = I.dunder(a, `__i${name}__`);
        if (mi) {
          const r = I.callDunder(mi, a, [b]);
          if (r !== NotImplemented) return r;
        }
      }
      const ma = I.dunder(a, `__${name}__`);
      if (ma) {
        const r = I.callDunder(ma, a, [b]);
        if (r !== NotImplemented) return r;
      }
      // str % x: unicode_mod formats whatever x is and never answers NotImplemented, so x's
      // __rmod__ runs only when x's type is a str subclass (binary_op1 tries it first then).
      const strFormats = op === 'Mod' && a instanceof PyStr && !(b.type !== a.type && b.type.isSubtypeOf(a.type));
      const mb = strFormats ? undefined : I.dunder(b, `__r${name}__`);
      if (mb) {
        const r = I.callDunder(mb, b, [a]);
        if (r !== NotImplemented) return r;
      }
    }
    if (inplace && a instanceof PyList && (op === 'Add' || op === 'Mult')) {
      if (op === 'Add') {
        this.listExtendFrom(a, b);
      } else {
        const n = bigOf(b);
        if (n === null) throw this.err('TypeError', `can't multiply sequence by non-int of type '${b.type.name}'`);
        this.chargeRepeat(a, n);
        // list_inplace_repeat: one list_resize to the final size, then the copies
        const orig = a.items.slice();
        if (orig.length > 0 && n !== 1n) {
          if (n <= 0n) listClear(this.heap, a);
          else {
            listResize(this.heap, a, orig.length * Number(n));
            for (let i = 1n; i < n; i++) {
              for (const x of orig) this.heap.incref(x);
              for (const x of orig) a.items.push(x); // no spread: a million arguments overflow the JS stack
            }
          }
        }
      }
      this.heap.incref(a);
      return a;
    }
    if (inplace && a instanceof PySet && a.type === setType && b instanceof PySet && (op === 'BitOr' || op === 'BitAnd' || op === 'Sub' || op === 'BitXor')) {
      if (op === 'BitOr') setMergeFrom(this.heap, a, b);
      else if (op === 'Sub') for (const [x, h] of setHashedItems(b)) setDiscard(this.heap, a, x, h);
      else {
        const r = this.binop(op, a, b, false) as PySet;
        setClear(this.heap, a);
        setMergeFrom(this.heap, a, r);
        this.heap.decref(r);
      }
      this.heap.incref(a);
      return a;
    }
    const r = this.numeric(op, a, b);
    if (r) return r;
    const heap = this.heap;
    if (op === 'Add') {
      // PyUnicode_Concat: adding '' gives back the other operand.
      if (a instanceof PyStr && b instanceof PyStr && b.value === '' && a.type === strType) return this.same(a);
      if (a instanceof PyStr && b instanceof PyStr && a.value === '' && b.type === strType) return this.same(b);
      if (a instanceof PyStr && b instanceof PyStr) {
        this.chargeConcat(a, b);
        return this.str(a.value + b.value);
      }
      if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) this.chargeConcat(a, b);
      if (a instanceof PyList && b instanceof PyList) {
        const items = [...a.items, ...b.items];
        for (const x of items) heap.incref(x);
        return this.list(items);
      }
      if (a instanceof PyTuple && b instanceof PyTuple) {
        // tupleconcat: adding an empty tuple gives back the other operand.
        if (b.items.length === 0 && a.type === tupleType) return this.same(a);
        if (a.items.length === 0 && b.type === tupleType) return this.same(b);
        const items = [...a.items, ...b.items];
        for (const x of items) heap.incref(x);
        return I.tupleOwned(items);
      }
      if (a instanceof PyStr) throw this.err('TypeError', `can only concatenate str (not "${b.type.name}") to str`);
      if (a instanceof PyList) throw this.err('TypeError', `can only concatenate list (not "${b.type.name}") to list`);
      if (a instanceof PyTuple) throw this.err('TypeError', `can only concatenate tuple (not "${b.type.name}") to tuple`);
    }
    if (op === 'Mult') {
      let seq = a;
      let n = bigOf(b);
      if (n === null || !(a instanceof PyStr || a instanceof PyList || a instanceof PyTuple)) {
        seq = b;
        n = bigOf(a);
      }
      if (n !== null && (seq instanceof PyStr || seq instanceof PyList || seq instanceof PyTuple)) {
        const k = this.chargeRepeat(seq, n);
        // unicode_repeat and tuple_repeat: once (or an empty tuple any number of times) is the operand itself.
        if (seq.type === strType && k === 1) return this.same(seq);
        if (seq.type === tupleType && (k === 1 || (seq as PyTuple).items.length === 0)) return this.same(seq);
        if (seq instanceof PyStr) return this.str(seq.value.repeat(k));
        const src = seq.items;
        const items: PyObject[] = [];
        for (let i = 0; i < k; i++) for (let m = 0; m < src.length; m++) items.push(src[m]!);
        for (const x of items) heap.incref(x);
        return seq instanceof PyList ? this.list(items) : I.tupleOwned(items);
      }
      if (a instanceof PyStr || a instanceof PyList || a instanceof PyTuple) throw this.err('TypeError', `can't multiply sequence by non-int of type '${b.type.name}'`);
    }
    if (a instanceof PyBytes && b instanceof PyBytes && op === 'Add') {
      // bytes_concat: adding empty bytes gives back the other operand.
      if (a.value.length === 0 && b.type === bytesType) return this.same(b);
      if (b.value.length === 0 && a.type === bytesType) return this.same(a);
      this.chargeConcat(a, b);
      const out = new Uint8Array(a.value.length + b.value.length);
      out.set(a.value);
      out.set(b.value, a.value.length);
      return newBytes(heap, out);
    }
    if (a instanceof PyBytes && isIntLike(b) && op === 'Mult') {
      const k = this.chargeRepeat(a, bigOf(b)!);
      // bytes_repeat: a result as long as the operand is the operand.
      if (a.value.length * k === a.value.length && a.type === bytesType) return this.same(a);
      const out = new Uint8Array(a.value.length * k);
      for (let i = 0; i < k; i++) out.set(a.value, i * a.value.length);
      return newBytes(heap, out);
    }
    if (op === 'Mod' && a instanceof PyStr) return this.str(this.percentFormat(a.value, b));
    if (op === 'BitOr' || op === 'BitAnd' || op === 'Sub' || op === 'BitXor') {
      const r = dictViewBinop(this, op, a, b);
      if (r) return r;
    }
    if (a instanceof PySet && b instanceof PySet) {
      if (op === 'BitOr' || op === 'BitAnd' || op === 'Sub' || op === 'BitXor') {
        const out = heap.track(heap.register(new PySet(op === 'BitXor' ? b.type : a.type)));
        try {
          setAlgebra(heap, op, out, a, b);
        } catch (e) {
          heap.decref(out);
          throw e;
        }
        return out;
      }
    }
    if (op === 'BitOr' && a instanceof PyDict && b instanceof PyDict) {
      const d = heap.register(new PyDict());
      for (const [k, v, h] of dictHashedEntries(a)) dictSetItem(heap, d, k, v, h);
      for (const [k, v, h] of dictHashedEntries(b)) dictSetItem(heap, d, k, v, h);
      return d;
    }
    throw this.err('TypeError', `unsupported operand type(s) for ${OPSYM[op]}: '${this.tpNames.get(a.type) ?? a.type.name}' and '${this.tpNames.get(b.type) ?? b.type.name}'`);
  }

  /**
   * Before `seq * n`: n must fit a Py_ssize_t (OverflowError, as PyNumber_AsSsize_t says),
   * the result's length must fit one (str and bytes: OverflowError; list and tuple:
   * MemoryError, as their repeat functions say), and its size must fit the byte budget;
   * the copying is charged in steps. Returns the repeat count (0 for n ≤ 0).
   */
  chargeRepeat(seq: PyStr | PyBytes | PyList | PyTuple, n: bigint): number {
    if (n > MAXSIZE || n < -MAXSIZE - 1n) throw this.err('OverflowError', "cannot fit 'int' into an index-sized integer");
    if (n <= 0n) return 0;
    const k = Number(n);
    const len = seq instanceof PyStr || seq instanceof PyBytes ? seq.value.length : seq.items.length;
    const total = len * k;
    if (len > 0 && BigInt(len) * n > MAXSIZE) {
      if (seq instanceof PyStr) throw this.err('OverflowError', 'repeated string is too long');
      if (seq instanceof PyBytes) throw this.err('OverflowError', 'repeated bytes are too long');
      throw this.heap.memoryError(Infinity);
    }
    this.chargeSequence(seq, total);
    return k;
  }

  /** Before `a + b` on two sequences of one kind: the result's size and the copying. */
  chargeConcat(a: PyStr | PyBytes | PyList | PyTuple, b: PyStr | PyBytes | PyList | PyTuple): void {
    const len = (o: typeof a): number => (o instanceof PyStr || o instanceof PyBytes ? o.value.length : o.items.length);
    const wider = a instanceof PyStr && b instanceof PyStr && b.simBytes - b.value.length > a.simBytes - a.value.length;
    this.chargeSequence(wider ? b : a, len(a) + len(b));
  }

  /** A new sequence like `like` with `total` items (chars, bytes): its getsizeof must fit; copying costs steps. */
  chargeSequence(like: PyStr | PyBytes | PyList | PyTuple, total: number): void {
    const heap = this.heap;
    if (like instanceof PyStr) {
      // A str keeps the width of its widest character: measure it from `like`'s own size.
      const size = like.simBytes || strSize(like.value);
      const width = like.value.length === 0 ? 1 : Math.max(1, Math.round((size - 49) / Math.max(1, like.value.length)));
      heap.reserve(width === 1 ? 49 + total : width === 2 ? 74 + 2 * total : 76 + 4 * total);
      heap.step(Math.ceil(total / CHARS_PER_STEP));
      return;
    }
    if (like instanceof PyBytes) {
      heap.reserve(33 + total);
      heap.step(Math.ceil(total / CHARS_PER_STEP));
      return;
    }
    heap.reserve((like instanceof PyList ? 56 : 40) + 8 * total);
    heap.step(Math.ceil(total / ITEMS_PER_STEP));
  }

  numeric(op: A.Operator, a: PyObject, b: PyObject): PyObject | null {
    const aInt = isIntLike(a);
    const bInt = isIntLike(b);
    if (aInt && bInt) return this.intOp(op, a, b);
    if ((aInt || a instanceof PyFloat) && (bInt || b instanceof PyFloat)) {
      const x = numOf(a);
      const y = numOf(b);
      switch (op) {
        case 'Add': return this.I.float(x + y);
        case 'Sub': return this.I.float(x - y);
        case 'Mult': return this.I.float(x * y);
        case 'Div':
          if (y === 0) throw this.err('ZeroDivisionError', 'float division by zero');
          return this.I.float(x / y);
        case 'FloorDiv':
          if (y === 0) throw this.err('ZeroDivisionError', 'float floor division by zero');
          return this.I.float(Math.floor(x / y));
        case 'Mod':
          if (y === 0) throw this.err('ZeroDivisionError', 'float modulo');
          return this.I.float(pyMod(x, y));
        case 'Pow':
          if (x === 0 && y < 0) throw this.err('ZeroDivisionError', '0.0 cannot be raised to a negative power');
          return this.I.float(x ** y);
        default: return null;
      }
    }
    return null;
  }

  intOp(op: A.Operator, a: PyInt | PyBool, b: PyInt | PyBool): PyObject {
    const I = this.I;
    const av = a instanceof PyInt ? a.value : a.value ? 1 : 0;
    const bv = b instanceof PyInt ? b.value : b.value ? 1 : 0;
    if (typeof av === 'number' && typeof bv === 'number') {
      let r: number;
      switch (op) {
        case 'Add': r = av + bv; break;
        case 'Sub': r = av - bv; break;
        case 'Mult': r = av * bv; break;
        case 'Div':
          if (bv === 0) throw this.err('ZeroDivisionError', 'division by zero');
          return I.float(av / bv);
        case 'FloorDiv':
          if (bv === 0) throw this.err('ZeroDivisionError', 'integer division or modulo by zero');
          r = Math.floor(av / bv);
          break;
        case 'Mod':
          if (bv === 0) throw this.err('ZeroDivisionError', 'integer modulo by zero');
          r = pyMod(av, bv);
          break;
        case 'Pow':
          if (bv < 0) {
            if (av === 0) throw this.err('ZeroDivisionError', '0.0 cannot be raised to a negative power');
            return I.float(av ** bv);
          }
          r = av ** bv;
          break;
        case 'BitAnd': if ((av | 0) === av && (bv | 0) === bv) return I.int(av & bv); r = NaN; break;
        case 'BitOr': if ((av | 0) === av && (bv | 0) === bv) return I.int(av | bv); r = NaN; break;
        case 'BitXor': if ((av | 0) === av && (bv | 0) === bv) return I.int(av ^ bv); r = NaN; break;
        default: r = NaN;
      }
      if (Number.isSafeInteger(r)) return I.int(r);
    }
    const x = BigInt(av);
    const y = BigInt(bv);
    this.chargeIntOp(op, x, y);
    switch (op) {
      case 'Add': return I.int(x + y);
      case 'Sub': return I.int(x - y);
      case 'Mult': return I.int(x * y);
      case 'Div':
        if (y === 0n) throw this.err('ZeroDivisionError', 'division by zero');
        return I.float(Number(x) / Number(y));
      case 'FloorDiv': {
        if (y === 0n) throw this.err('ZeroDivisionError', 'integer division or modulo by zero');
        let q = x / y;
        if ((x % y !== 0n) && ((x < 0n) !== (y < 0n))) q -= 1n;
        return I.int(q);
      }
      case 'Mod': {
        if (y === 0n) throw this.err('ZeroDivisionError', 'integer modulo by zero');
        let m = x % y;
        if (m !== 0n && (m < 0n) !== (y < 0n)) m += y;
        return I.int(m);
      }
      case 'Pow':
        if (y < 0n) return I.float(Number(x) ** Number(y));
        return I.int(x ** y);
      case 'LShift':
        if (y < 0n) throw this.err('ValueError', 'negative shift count');
        if (x === 0n) return I.int(0);
        return I.int(x << y);
      case 'RShift':
        if (y < 0n) throw this.err('ValueError', 'negative shift count');
        return I.int(x >> y);
      case 'BitAnd': return a instanceof PyBool && b instanceof PyBool ? this.bool(a.value && b.value) : I.int(x & y);
      case 'BitOr': return a instanceof PyBool && b instanceof PyBool ? this.bool(a.value || b.value) : I.int(x | y);
      case 'BitXor': return a instanceof PyBool && b instanceof PyBool ? this.bool(a.value !== b.value) : I.int(x ^ y);
      default: throw this.err('TypeError', `unsupported operand type(s) for ${OPSYM[op]}: '${a.type.name}' and '${b.type.name}'`);
    }
  }

  /**
   * Before an operation on big ints: its result's size against the byte budget and its
   * work against the step budget (see sandbox/bigint.ts), so `10**10**8` or `1 << 2**62`
   * stops before it starts. Errors are left to the operation itself (y < 0, y == 0).
   */
  chargeIntOp(op: A.Operator, x: bigint, y: bigint): void {
    const heap = this.heap;
    const bx = bitLength(x);
    const by = bitLength(y);
    switch (op) {
      case 'Add': case 'Sub': case 'BitAnd': case 'BitOr': case 'BitXor':
        return chargeIntResult(heap, Math.max(bx, by) + 1, linearSteps(Math.max(bx, by)));
      case 'Mult':
        return chargeIntResult(heap, bx + by, mulSteps(bx, by));
      case 'FloorDiv': case 'Mod':
        if (y === 0n) return;
        return chargeIntResult(heap, op === 'Mod' ? by : bx, mulSteps(bx, by));
      case 'Pow': {
        if (y < 0n || x === 0n || x === 1n || x === -1n) return;
        const bits = powBits(x, y);
        return chargeIntResult(heap, bits, powSteps(bits));
      }
      case 'LShift':
        if (y < 0n || x === 0n) return;
        return chargeIntResult(heap, bx + Number(y), linearSteps(bx + Number(y)));
      case 'RShift':
        return heap.step(linearSteps(bx));
      default:
    }
  }

  unary(op: A.UnaryOperator, v: PyObject): PyObject {
    const I = this.I;
    if (v.type.isHeapType || this.slotTypes.has(v.type)) {
      const m = I.dunder(v, op === 'USub' ? '__neg__' : op === 'UAdd' ? '__pos__' : '__invert__');
      if (m) return I.callDunder(m, v, []);
    }
    if (isIntLike(v)) {
      const x = v instanceof PyInt ? v.value : v.value ? 1 : 0;
      if (op === 'USub') return typeof x === 'number' ? I.int(-x) : I.int(-x);
      // long_long: +n is n for an exact int (a bool becomes an int).
      if (op === 'UAdd') return v instanceof PyInt ? this.same(v) : I.int(x);
      return typeof x === 'number' ? I.int(~x) : I.int(~x);
    }
    if (v instanceof PyFloat) {
      if (op === 'USub') return I.float(-v.value);
      if (op === 'UAdd') return this.same(v); // float_pos
    }
    const sym = op === 'USub' ? '-' : op === 'UAdd' ? '+' : '~';
    throw this.err('TypeError', `bad operand type for unary ${sym}: '${v.type.name}'`);
  }

  percentFormat(fmt: string, arg: PyObject): string {
    const I = this.I;
    const args = arg instanceof PyTuple ? arg.items : [arg];
    let i = 0;
    const out = fmt.replace(/%([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sdrifFeEgGxXoc%])/g, (_m, flags: string, width: string | undefined, prec: string | undefined, ty: string) => {
      if (ty === '%') return '%';
      const v = args[i++];
      if (v === undefined) throw this.err('TypeError', 'not enough arguments for format string');
      let s: string;
      if (ty === 's') s = I.str(v);
      else if (ty === 'r') s = I.repr(v);
      else if ('di'.includes(ty)) {
        if (v instanceof PyFloat) s = String(Math.trunc(v.value));
        else if (isIntLike(v)) s = intToDecimal(this.heap, bigOf(v)!);
        else throw this.err('TypeError', `%${ty} format: a real number is required, not ${v.type.name}`);
        if (flags.includes('+') && !s.startsWith('-')) s = '+' + s;
      } else if ('xXoc'.includes(ty)) s = formatInt(bigOf(v) ?? 0n, ty);
      else {
        const spec = `${flags.includes('+') ? '+' : ''}.${prec ?? 6}${ty}`;
        s = I.format(v, spec, false);
        if (prec !== undefined || width !== undefined || flags) return pad(s);
        return s;
      }
      if (prec !== undefined && ty === 's') s = s.slice(0, Number(prec));
      return pad(s);
      function pad(x: string): string {
        const w = width ? Number(width) : 0;
        I.heap.reserve(49 + w);
        if (x.length >= w) return x;
        if (flags.includes('-')) return x + ' '.repeat(w - x.length);
        if (flags.includes('0') && ty !== 's' && ty !== 'r') {
          const neg = x.startsWith('-') || x.startsWith('+');
          return (neg ? x[0] : '') + '0'.repeat(w - x.length) + (neg ? x.slice(1) : x);
        }
        return ' '.repeat(w - x.length) + x;
      }
    });
    if (i < args.length && !(arg instanceof PyDict)) throw this.err('TypeError', 'not all arguments converted during string formatting');
    return out;
  }

  // ---------------------------------------------------------------- attributes of non-instances

  typeAttr(t: PyType, name: string): PyObject | null {
    const heap = this.heap;
    switch (name) {
      case '__name__': return this.str(t === weakrefType ? 'ReferenceType' : t.name);
      case '__qualname__': return this.str(t === weakrefType ? 'ReferenceType' : t.qualname);
      // weakref.ref's tp_name is 'weakref.ReferenceType': type_module reads the part before the dot.
      case '__module__': if (!t.isHeapType) return this.str(t === weakrefType ? 'weakref' : t.module); return null;
      case '__mro__': {
        if (t.mroTuple) { heap.incref(t.mroTuple); return t.mroTuple; }
        for (const x of t.mro) heap.incref(x);
        return this.I.tupleOwned(t.mro.slice());
      }
      case '__bases__': {
        if (t.basesTuple) { heap.incref(t.basesTuple); return t.basesTuple; }
        const b = t.base ? [t.base] : [];
        for (const x of b) heap.incref(x);
        return this.I.tupleOwned(b);
      }
      case '__base__': { const b = t.base ?? None; heap.incref(b); return b; }
      case 'mro': {
        heap.incref(t);
        return heap.register(new PyNative('mro', () => {
          for (const x of t.mro) heap.incref(x);
          return this.list(t.mro.slice());
        }, t));
      }
      case '__dict__': {
        if (t.dict) return newMappingProxy(heap, t.dict);
        throw this.err('NotImplementedError', `heaplab does not support '${t.name}.__dict__' (a builtin type's namespace)`);
      }
      case '__class__': heap.incref(t.type); return t.type;
      case '__doc__': if (!t.isHeapType) return this.none(); return null;
      case '__subclasses__': return this.boundNative(this.subclassesNative, t);
      default: return null;
    }
  }

  exceptionAttr(o: PyInstance, name: string): PyObject | null {
    const heap = this.heap;
    if (name === 'args') {
      const a = this.I.excArgs(o);
      if (a) { heap.incref(a); return a; }
      return this.I.tupleOwned([]);
    }
    const slot = EXC_SLOTS[name];
    if (slot !== undefined) {
      const v = this.I.excSlot(o, slot) ?? None;
      heap.incref(v);
      return v;
    }
    if (name === '__suppress_context__') {
      const v = this.I.suppressContext.has(o) ? True : False;
      heap.incref(v);
      return v;
    }
    if (name === 'value' && o.type.isSubtypeOf(exceptionTypes.get('StopIteration')!)) {
      const a = this.I.excArgs(o)?.items[0] ?? None;
      heap.incref(a);
      return a;
    }
    return null;
  }

  otherAttr(o: PyObject, name: string): PyObject | null {
    const heap = this.heap;
    if (o instanceof PyExtObject) {
      const v = o.attr(name);
      if (v) return v;
    }
    const own = this.attrOf.get(o.type)?.(o, name);
    if (own) return own;
    if (o instanceof PyTraceback) {
      const v = name === 'tb_next' ? o.next ?? None : name === 'tb_frame' ? o.frame : name === 'tb_lineno' ? this.I.int(o.line) : null;
      if (v && name !== 'tb_lineno') heap.incref(v);
      if (v) return v;
    }
    if (o instanceof PyFrameObj) {
      if (name === 'f_lineno') return this.I.int(o.frame.line);
      const v = frameAttr(this, o, name);
      if (v) return v;
    }
    if (name === '__class__') {
      heap.incref(o.type);
      return o.type;
    }
    const field = structSeqField(this, o, name);
    if (field) return field;
    const nm = this.nativeMethod(o, name);
    if (nm) return this.boundNative(nm, o);
    if (o instanceof PyFunction) {
      switch (name) {
        case '__name__': heap.incref(o.name!); return o.name!;
        case '__qualname__': heap.incref(o.qualname!); return o.qualname!;
        case '__defaults__': { const d = o.defaults ?? None; heap.incref(d); return d; }
        case '__closure__': { const d = o.closure ?? None; heap.incref(d); return d; }
        case '__globals__': heap.incref(o.globals!); return o.globals!;
        case '__module__': return this.str('__main__');
        case '__doc__': { const d = o.doc ?? None; heap.incref(d); return d; }
        case '__kwdefaults__': { const d = o.kwdefaults ?? None; heap.incref(d); return d; }
        default: return null;
      }
    }
    if (o instanceof PyMethod) {
      if (name === '__self__') { heap.incref(o.self!); return o.self!; }
      if (name === '__func__') { heap.incref(o.func!); return o.func!; }
      if (name === '__name__' || name === '__qualname__') return this.I.getAttr(o.func!, name);
      return null;
    }
    if (o instanceof PyCell && name === 'cell_contents') {
      if (!o.ref) throw this.err('ValueError', 'Cell is empty');
      heap.incref(o.ref);
      return o.ref;
    }
    if (o instanceof PyNative) {
      if (name === '__name__' || name === '__qualname__') return this.str(o.name);
      if (name === '__self__') { const s = o.self ?? this.modules.get('builtins') ?? None; heap.incref(s); return s; }
      return null;
    }
    if (o instanceof PyGenerator) {
      if (name === '__name__') return this.str(o.name);
      if (name === '__qualname__') return this.str(o.qualname);
      if (name === 'gi_running') return this.bool(o.running);
      if (name === 'gi_frame') {
        // the suspended frame itself (None once the generator has finished)
        if (!o.frame || o.finished) return this.none();
        const fo = this.I.frameObject(o.frame);
        heap.incref(fo);
        return fo;
      }
      return null;
    }
    if (o instanceof PyRange) {
      if (name === 'start') return this.int(o.start);
      if (name === 'stop') return this.int(o.stop);
      if (name === 'step') return this.int(o.step);
    }
    if (o instanceof PySlice) {
      const v = name === 'start' ? o.start : name === 'stop' ? o.stop : name === 'step' ? o.step : null;
      if (v) { heap.incref(v); return v; }
    }
    if (o instanceof PyWeakref && name === '__callback__') { const cb = o.callback ?? None; heap.incref(cb); return cb; }
    if (o instanceof PySuper) {
      // super_members: the class it was made in, the object and the type whose MRO it walks
      // (the object itself when it is a subclass of that class, else the object's type).
      const v = name === '__thisclass__' ? o.cls
        : name === '__self__' ? o.obj ?? None
          : name === '__self_class__' ? (o.obj === null ? None : o.obj instanceof PyType && o.obj.isSubtypeOf(o.cls) ? o.obj : o.obj.type)
            : null;
      if (v) { heap.incref(v); return v; }
    }
    if (o instanceof PyFinalize) {
      if (name === 'alive') return this.bool(o.alive());
      if (name === 'atexit') return this.bool(o.atexit);
    }
    if (o instanceof PyWrapper) {
      if (name === '__func__' || name === 'fget') { const f = o.items[0] ?? None; heap.incref(f); return f; }
      if (name === 'fset') { const f = o.items[1] ?? None; heap.incref(f); return f; }
      if (o.type === propertyType && (name === 'setter' || name === 'getter' || name === 'deleter')) {
        heap.incref(o);
        return heap.register(new PyNative(name, (args) => {
          // a bound native gets its property first: property.setter(self, fset)
          if (args.length !== 2) throw this.err('TypeError', `${name}() takes exactly one argument (${args.length - 1} given)`);
          const f = args[1]!;
          const items = o.items.slice();
          items[name === 'getter' ? 0 : name === 'setter' ? 1 : 2] = f;
          for (const x of items) if (x) heap.incref(x);
          return heap.track(heap.register(new PyWrapper(propertyType, items)));
        }, o));
      }
    }
    if (isIntLike(o)) {
      if (name === 'real' || name === 'numerator') return this.int(bigOf(o)!);
      if (name === 'imag') return this.int(0);
      if (name === 'denominator') return this.int(1);
    }
    if (o instanceof PyFloat) {
      if (name === 'real') return this.I.float(o.value);
      if (name === 'imag') return this.I.float(0);
    }
    return null;
  }

  /** setattr on a builtin object with a writable attribute (finalize.atexit); false when it has none. v is borrowed. */
  setOtherAttr(o: PyObject, name: string, v: PyObject): boolean {
    const own = this.setAttrOf.get(o.type);
    if (own) {
      own(o, name, v);
      return true;
    }
    if (o instanceof PyFinalize && name === 'atexit') {
      o.atexit = this.I.truth(v);
      return true;
    }
    return false;
  }

  /**
   * `o.__iter__` and the other protocol methods of a builtin object whose type has that slot in
   * CPython: a method bound to o that performs the operation (what the slot wrapper does), or
   * null for a name that is not one of them.
   */
  protocolMethod(o: PyObject, name: string): PyObject | null {
    const I = this.I;
    const one = (args: PyObject[]): PyObject => {
      if (args.length !== 2) throw this.err('TypeError', `expected 1 argument, got ${args.length - 1}`);
      return args[1]!;
    };
    const none = (args: PyObject[]): void => {
      if (args.length !== 1) throw this.err('TypeError', `expected 0 arguments, got ${args.length - 1}`);
    };
    let impl: ((args: PyObject[], kw: Map<string, PyObject> | null) => PyObject) | null = null;
    switch (name) {
      case '__iter__': impl = (a) => { none(a); return I.getIter(o); }; break;
      case '__next__': impl = (a) => {
        none(a);
        const v = I.next(o);
        if (v === null) throw I.stopIteration(null);
        return v;
      }; break;
      case '__len__': impl = (a) => { none(a); return this.int(I.len(o)); }; break;
      case '__bool__': impl = (a) => { none(a); return this.bool(I.truth(o)); }; break;
      case '__getitem__': impl = (a) => I.getItem(o, one(a)); break;
      case '__contains__': impl = (a) => this.bool(I.contains(o, one(a))); break;
      case '__call__': impl = (a, kw) => {
        const args = a.slice(1);
        for (const x of args) this.heap.incref(x);
        const kws = kw ? [...kw].map(([k, v]) => { this.heap.incref(v); return [k, v] as [string, PyObject]; }) : null;
        return I.call(o, args, kws);
      }; break;
      default: return null;
    }
    this.heap.incref(o);
    return this.heap.register(new PyNative(name, impl, o));
  }

  // ---------------------------------------------------------------- list slice assignment

  listSetSlice(l: PyList, s: PySlice, vals: PyObject[]): void {
    const heap = this.heap;
    const [a, b, st] = this.I.sliceIndices(s, l.items.length);
    if (st === 1) {
      const stop = Math.max(a, b);
      for (const v of vals) heap.incref(v);
      // No spread into splice: a million arguments overflow the JS stack.
      const removed = l.items.slice(a, stop);
      l.items = [...l.items.slice(0, a), ...vals, ...l.items.slice(stop)];
      const n = l.items.length;
      if (vals.length !== removed.length) {
        const alloc = l.allocated;
        listResize(heap, l, n);
        if (alloc === l.allocated && n > alloc) listSetAllocated(heap, l, n);
      }
      for (let k = removed.length - 1; k >= 0; k--) heap.decref(removed[k]!);
      return;
    }
    const idx: number[] = [];
    if (st > 0) for (let i = a; i < b; i += st) idx.push(i);
    else for (let i = a; i > b; i += st) idx.push(i);
    if (idx.length !== vals.length) throw this.err('ValueError', `attempt to assign sequence of size ${vals.length} to extended slice of size ${idx.length}`);
    const old: PyObject[] = [];
    idx.forEach((i, j) => {
      heap.incref(vals[j]!);
      old.push(l.items[i]!);
      l.items[i] = vals[j]!;
    });
    for (const o of old) heap.decref(o);
  }

  /** iter(o) by o's own __iter__ method `m`: its result must be an iterator. */
  private iterFromDunder(o: PyObject, m: PyObject): PyObject {
    const r = this.I.callDunder(m, o, []);
    if (!(r instanceof PyIter || r instanceof PyGenerator || this.I.dunder(r, '__next__'))) {
      this.heap.decref(r);
      throw this.err('TypeError', `iter() returned non-iterator of type '${r.type.name}'`);
    }
    return r;
  }

  /** A new reference to `o` itself: what CPython returns where an operation would not change it. */
  same(o: PyObject): PyObject {
    this.heap.incref(o);
    return o;
  }

  hash(o: PyObject): PyObject {
    if (o instanceof PyWeakref && o.isProxy) throw this.err('TypeError', "unhashable type: 'weakref.ProxyType'"); // proxy_hash
    if (o instanceof PyWeakref) return this.weakrefHash(o);
    if (!o.type.isHeapType) {
      // A builtin type's own __hash__ (mappingproxy, the weak collections: unhashable).
      const m = this.I.dunder(o, '__hash__');
      if (m) return this.I.callDunder(m, o, []);
    }
    return this.int(this.I.keyOp(() => keyHash(this.heap, o)));
  }
}

/**
 * weakref.finalize: a weakref with a callback that calls func(*args, **kwargs) once. As in
 * Lib/weakref.py, args is one tuple and kwargs one dict (or null when none were given), so
 * peek() and detach() hand out the same objects the finalizer holds; `atexit` is a plain flag.
 */
export class PyFinalize extends PyObject {
  wr: PyWeakref | null = null;
  atexit = true;
  constructor(
    public func: PyObject | null,
    public args: PyTuple | null,
    public kwargs: PyDict | null,
  ) {
    super(finalizeType);
  }
  override sizeofHint(): number {
    return 32;
  }
  alive(): boolean {
    return this.func !== null;
  }
  override traverse(visit: (o: PyObject) => void): void {
    if (this.func) visit(this.func);
    if (this.args) visit(this.args);
    if (this.kwargs) visit(this.kwargs);
  }
  override clearRefs(out: PyObject[]): void {
    if (this.func) out.push(this.func);
    if (this.args) out.push(this.args);
    if (this.kwargs) out.push(this.kwargs);
    this.func = null;
    this.args = null;
    this.kwargs = null;
  }
  override releaseRefs(out: PyObject[]): void {
    this.clearRefs(out);
    if (this.wr) out.push(this.wr);
    this.wr = null;
  }
}

export function installBuiltins(I: Interpreter): Builtins {
  sealBuiltinTypes();
  nextNativeAddr = NATIVE_BASE;
  installing = true;
  try {
    return installBuiltinsNow(I);
  } finally {
    installing = false;
  }
}

function installBuiltinsNow(I: Interpreter): Builtins {
  const b = new Builtins(I);
  const heap = I.heap;
  const rt = I.rt;
  const err = (t: string, m: string): Raise => I.error(t, m);
  const incret = (o: PyObject): PyObject => {
    heap.incref(o);
    return o;
  };

  for (const t of [objectType, typeType, intType, boolType, floatType, strType, bytesType, listType, tupleType, dictType, setType, frozensetType, rangeType, weakrefType, propertyType, staticmethodType, classmethodType, superType, sliceType, noneType]) {
    b.names.set(t.name, t);
  }
  for (const [n, t] of exceptionTypes) b.names.set(n, t);
  b.names.set('None', None);
  b.names.set('Ellipsis', Ellipsis);
  b.names.set('NotImplemented', NotImplemented);
  const nameStr = rt.intern('__main__');
  b.names.set('__name__', nameStr);

  // ------------------------------------------------------------ functions
  const stdoutWrites = new StdoutWrites(I, heap);
  b.def('print', (args, kw) => {
    const sep = kw?.get('sep');
    const end = kw?.get('end');
    const file = kw?.get('file');
    for (const [name, o] of [['sep', sep], ['end', end]] as const) {
      if (o !== undefined && o !== None && !(o instanceof PyStr)) throw err('TypeError', `${name} must be None or a string, not ${o.type.name}`);
    }
    const stream = file && file instanceof PyModule === false && (file as PyObject & { stream?: string }).stream === 'stderr' ? 'stderr' : 'stdout';
    if (stream === 'stdout') {
      const given = (o: PyObject | undefined): PyObject | null => (o === undefined || o === None ? null : o);
      const flush = kw?.get('flush');
      stdoutWrites.print(args, given(sep), given(end), flush !== undefined && I.truth(flush), (text) => rt.write(text, stream));
      return b.none();
    }
    const s = args.map((a) => I.str(a)).join(sep && sep !== None ? I.str(sep) : ' ') + (end && end !== None ? I.str(end) : '\n');
    rt.write(s, stream);
    return b.none();
  });
  b.def('len', (args) => {
    b.argc(args, 1, 1, 'len');
    return b.int(I.len(args[0]!));
  });
  b.def('repr', (args) => {
    b.argc(args, 1, 1, 'repr');
    const o = args[0]!;
    const make = (): PyObject => (isNumber(o) ? newNumberStr(heap, I.repr(o)) : b.str(I.repr(o)));
    return heap.allocTracer ? heap.allocTracer.textObject(o, 'repr', make) : make();
  });
  b.def('ascii', (args) => I.reprObj(args[0]!, true));
  b.def('id', (args) => {
    b.argc(args, 1, 1, 'id');
    return b.int(args[0]!.addr);
  });
  b.def('hash', (args) => b.hash(args[0]!));
  b.def('abs', (args) => {
    const v = args[0]!;
    if (isIntLike(v)) {
      const x = bigOf(v)!;
      // long_abs: a non-negative exact int is returned as it is.
      if (x >= 0n && v.type === intType) return incret(v);
      return b.int(x < 0n ? -x : x);
    }
    if (v instanceof PyFloat) return I.float(Math.abs(v.value));
    const m = I.dunder(v, '__abs__');
    if (m) return I.callDunder(m, v, []);
    throw err('TypeError', `bad operand type for abs(): '${v.type.name}'`);
  });
  b.def('callable', (args) => {
    const o = args[0]!;
    return b.bool(o instanceof PyFunction || o instanceof PyNative || o instanceof PyMethod || o instanceof PyType || (o.type.isHeapType && o.type.lookup('__call__', b.methods) !== undefined) || o instanceof PyFinalize);
  });
  b.def('isinstance', (args) => {
    b.argc(args, 2, 2, 'isinstance');
    return b.bool(isInst(args[0]!, args[1]!));
  });
  const isInst = (o: PyObject, t: PyObject): boolean => {
    if (t instanceof PyTuple) return t.items.some((x) => isInst(o, x));
    if (!(t instanceof PyType)) throw err('TypeError', 'isinstance() arg 2 must be a type, a tuple of types, or a union');
    return o.type.isSubtypeOf(t);
  };
  b.def('issubclass', (args) => {
    const c = args[0]!;
    const t = args[1]!;
    if (!(c instanceof PyType)) throw err('TypeError', 'issubclass() arg 1 must be a class');
    const chk = (x: PyObject): boolean => (x instanceof PyTuple ? x.items.some(chk) : x instanceof PyType && c.isSubtypeOf(x));
    return b.bool(chk(t));
  });
  /**
   * min/max: builtin_min_max iterates its argument, holding only the best item and its key
   * (a generator's items are freed as they lose), never a list of them.
   */
  const minmax = (name: string, sign: number) => (args: PyObject[], kw: Map<string, PyObject> | null): PyObject => {
    const key = kw?.get('key');
    const dflt = kw?.get('default');
    const hasKey = key !== undefined && key !== None;
    const it = args.length === 1 ? I.getIter(args[0]!) : null;
    let i = 0;
    const next = (): PyObject | null => (it ? I.next(it) : i < args.length ? incret(args[i++]!) : null);
    let best: PyObject | null = null;
    let bestK: PyObject | null = null;
    try {
      for (let v = next(); v !== null; v = next()) {
        let k: PyObject;
        try {
          k = hasKey ? I.call(key!, [incret(v)], null) : incret(v);
        } catch (e) {
          heap.decref(v);
          throw e;
        }
        if (best === null) {
          best = v;
          bestK = k;
          continue;
        }
        let better: boolean;
        try {
          better = I.truthConsume(I.richCompare(sign > 0 ? 'Gt' : 'Lt', k, bestK!));
        } catch (e) {
          heap.decref(v);
          heap.decref(k);
          throw e;
        }
        if (better) {
          heap.decref(best);
          heap.decref(bestK!);
          best = v;
          bestK = k;
        } else {
          heap.decref(v);
          heap.decref(k);
        }
      }
      if (best === null) {
        if (dflt) return incret(dflt);
        throw err('ValueError', `${name}() arg is an empty sequence`);
      }
      const r = best;
      best = null;
      return r;
    } finally {
      if (best) heap.decref(best);
      if (bestK) heap.decref(bestK);
      if (it) heap.decref(it);
    }
  };
  b.def('min', minmax('min', -1));
  b.def('max', minmax('max', 1));
  /**
   * sum: builtin_sum_impl iterates, adding each item as it comes (nothing is collected
   * first). Its two fast paths are kept: an exact int total stays a C long (no int object
   * per partial sum) while the items are ints or bools and the total fits; an exact float
   * total stays a C double while the items are floats or ints that fit a C long. An item
   * that does not fit makes the total an object again and continues by `+` — from an int
   * total into the float path when the sum became a float, as CPython falls through.
   */
  b.def('sum', (args, kw) => {
    const given = args[1] ?? kw?.get('start');
    // One item at a time, each released once added (a generator's items never coexist).
    const it = b.getIter(args[0]!);
    let acc: PyObject | null = given ? incret(given) : smallZero();
    try {
      if (acc.type === intType) {
        const start = cLongOf(acc);
        if (start !== null) {
          const total = new LongSum(start);
          heap.decref(acc);
          acc = null;
          while (acc === null) {
            const x = I.next(it);
            if (x === null) return I.int(total.value());
            if (x.type === intType || x instanceof PyBool) {
              const v = cLongOf(x);
              if (v !== null && total.add(v)) {
                heap.decref(x);
                continue;
              }
            }
            acc = addConsuming(I.int(total.value()), x);
          }
        }
      }
      if (acc.type === floatType) {
        let total = (acc as PyFloat).value;
        heap.decref(acc);
        acc = null;
        while (acc === null) {
          const x = I.next(it);
          if (x === null) return I.float(total);
          if (x.type === floatType) {
            total += (x as PyFloat).value;
            heap.decref(x);
            continue;
          }
          if (x instanceof PyInt || x instanceof PyBool) {
            const v = cLongOf(x);
            if (v !== null) {
              total += Number(v);
              heap.decref(x);
              continue;
            }
          }
          acc = addConsuming(I.float(total), x);
        }
      }
      for (let x = I.next(it); x !== null; x = I.next(it)) {
        const a = acc;
        acc = null;
        acc = addConsuming(a, x);
      }
      return acc;
    } catch (e) {
      if (acc) heap.decref(acc);
      throw e;
    } finally {
      heap.decref(it);
    }
  });
  const smallZero = (): PyObject => b.int(0);
  /** `a + x` (the `+` of the general path), both operands released whatever happens. */
  const addConsuming = (a: PyObject, x: PyObject): PyObject => {
    try {
      return I.binop('Add', a, x, false);
    } finally {
      heap.decref(a);
      heap.decref(x);
    }
  };
  b.def('sorted', (args, kw) => {
    b.argc(args, 1, 1, 'sorted');
    // PySequence_List: list_extend into a new empty list, then list.sort
    const l = b.list([]);
    try {
      listExtendFrom(l, args[0]!);
    } catch (e) {
      heap.decref(l);
      throw e;
    }
    try {
      // builtin_sorted calls the list's sort method by vectorcall: a C call, a recursion level.
      I.enterRecursiveCall(' while calling a Python object');
      try {
        sortList(l, kw);
      } finally {
        I.leaveRecursiveCall();
      }
    } catch (e) {
      heap.decref(l);
      throw e;
    }
    return l;
  });
  const sortList = (l: PyList, kw: Map<string, PyObject> | null): void => {
    const key = kw?.get('key');
    const reverse = kw?.get('reverse');
    const rev = reverse ? I.truth(reverse) : false;
    const items = l.items;
    l.items = [];
    let keys: PyObject[];
    try {
      keys = key && key !== None ? items.map((x) => I.call(key, [incret(x)], null)) : items;
    } catch (e) {
      l.items = items;
      throw e;
    }
    const idx = items.map((_, i) => i);
    if (rev) idx.reverse();
    // Keys all of one type are compared by unsafe_object_compare, which calls the type's
    // tp_richcompare directly (no recursion level); mixed keys by PyObject_RichCompare.
    const lt = keys.every((k) => k.type === keys[0]!.type)
      ? (a: PyObject, c: PyObject): boolean => I.truthConsume(I.richCompare('Lt', a, c, false))
      : (a: PyObject, c: PyObject): boolean => I.truthConsume(I.richCompare('Lt', a, c));
    try {
      // One step per comparison: a sort costs n log n steps, and a long one polls the time guard.
      // V8's sort calls this with (the item being placed, one already placed), as CPython's
      // binary insertion asks ISLT(pivot, p): so that comparison comes first (its TypeError
      // names the operands in CPython's order).
      idx.sort((i, j) => {
        heap.step();
        if (lt(keys[i]!, keys[j]!)) return rev ? 1 : -1;
        if (lt(keys[j]!, keys[i]!)) return rev ? -1 : 1;
        return 0;
      });
      if (rev) {
        // stable for equal keys in reverse mode: CPython reverses, sorts, reverses back
      }
    } finally {
      if (keys !== items) for (const k of keys) heap.decref(k);
    }
    l.items = idx.map((i) => items[i]!);
  };
  b.defType(iterType('reversed'), (args) => {
    const o = args[0]!;
    if (o instanceof PyList || o instanceof PyTuple) {
      let i = o.items.length - 1;
      heap.incref(o);
      const it = new PyIter(iterType(o instanceof PyList ? 'list_reverseiterator' : 'reversed'), o, (self) => {
        const s = self.seq as PyList | null;
        if (!s || i < 0 || i >= s.items.length) return null;
        return incret(s.items[i--]!);
      });
      it.hint = () => (i >= 0 && i < o.items.length ? i + 1 : 0);
      return heap.track(heap.register(it));
    }
    if (o instanceof PyRange) {
      const n = o.length;
      let k = n - 1;
      const it = heap.register(new PyIter(iterType('range_iterator'), null, () => (k >= 0 ? b.int(o.start + (k--) * o.step) : null)));
      it.hint = () => k + 1;
      return it;
    }
    const m = I.dunder(o, '__reversed__');
    if (m) return I.callDunder(m, o, []);
    const items = I.toArray(o);
    items.reverse();
    const l = b.list(items);
    const it = b.getIter(l);
    heap.decref(l);
    return it;
  });
  b.defType(iterType('enumerate'), (args, kw) => {
    const it = I.getIter(args[0]!);
    const start = args[1] ?? kw?.get('start');
    let n = start ? Number(bigOf(start) ?? 0n) : 0;
    const result = newResultTuple(heap, 2);
    return b.jsIter('enumerate', [it, result], () => {
      const v = I.next(it);
      if (v === null) return null;
      return nextResult(heap, result, [b.int(n++), v]);
    });
  });
  /** One item from each iterator (owned), or null — releasing the ones taken — once any is exhausted. */
  const nextOfEach = (its: PyObject[]): PyObject[] | null => {
    const vals: PyObject[] = [];
    for (const it of its) {
      const v = I.next(it);
      if (v === null) {
        for (const x of vals) heap.decref(x);
        return null;
      }
      vals.push(v);
    }
    return vals;
  };
  b.defType(iterType('zip'), (args) => {
    const its: PyObject[] = [];
    try {
      for (const a of args) its.push(I.getIter(a));
    } catch (e) {
      for (const x of its) heap.decref(x);
      throw e;
    }
    // zip_new: the iterators in one tuple (ittuple), and the result tuple it reuses
    const ittuple = I.tupleOwned(its);
    const result = newResultTuple(heap, its.length);
    return b.jsIter('zip', [ittuple, result], () => {
      if (its.length === 0) return null;
      if (resultReusable(result)) return refillInPlace(heap, result, (i) => I.next(its[i]!));
      const vals = nextOfEach(its);
      return vals && I.tupleOwned(vals);
    });
  });
  b.defType(iterType('map'), (args) => {
    const fn = args[0]!;
    const its = args.slice(1).map((a) => I.getIter(a));
    heap.incref(fn);
    return b.jsIter('map', [fn, ...its], () => {
      const vals = nextOfEach(its);
      if (vals === null) return null;
      return I.call(fn, vals, null);
    });
  });
  b.defType(iterType('filter'), (args) => {
    const fn = args[0]!;
    const it = I.getIter(args[1]!);
    heap.incref(fn);
    return b.jsIter('filter', [fn, it], () => {
      for (;;) {
        const v = I.next(it);
        if (v === null) return null;
        const ok = fn === None ? I.truth(v) : I.truthConsume(I.call(fn, [incret(v)], null));
        if (ok) return v;
        heap.decref(v);
      }
    });
  });
  b.def('iter', (args) => {
    b.argc(args, 1, 1, 'iter');
    return I.getIter(args[0]!);
  });
  b.def('next', (args) => {
    const it = args[0]!;
    if (!(it instanceof PyIter || it instanceof PyGenerator || I.dunder(it, '__next__'))) throw err('TypeError', `'${it.type.name}' object is not an iterator`);
    const v = it instanceof PyGenerator ? I.genNext(it) : I.next(it);
    if (v !== null) return v;
    if (args[1]) {
      if (it instanceof PyGenerator && it.retval) heap.decref(I.stopIteration(it).exc);
      return incret(args[1]);
    }
    throw I.stopIteration(it);
  });
  b.def('all', (args) => {
    const it = I.getIter(args[0]!);
    try {
      for (let v = I.next(it); v !== null; v = I.next(it)) if (!I.truthConsume(v)) return b.bool(false);
      return b.bool(true);
    } finally {
      heap.decref(it);
    }
  });
  b.def('any', (args) => {
    const it = I.getIter(args[0]!);
    try {
      for (let v = I.next(it); v !== null; v = I.next(it)) if (I.truthConsume(v)) return b.bool(true);
      return b.bool(false);
    } finally {
      heap.decref(it);
    }
  });
  b.def('getattr', (args) => {
    b.argc(args, 2, 3, 'getattr');
    const name = args[1]!;
    if (!(name instanceof PyStr)) throw err('TypeError', "attribute name must be string, not '" + name.type.name + "'");
    try {
      return I.getAttr(args[0]!, name.value);
    } catch (e) {
      if (args.length === 3 && e instanceof Raise && e.exc.type.isSubtypeOf(exceptionTypes.get('AttributeError')!)) {
        I.releaseRaise(e);
        return incret(args[2]!);
      }
      throw e;
    }
  });
  b.def('hasattr', (args) => {
    b.argc(args, 2, 2, 'hasattr');
    try {
      heap.decref(I.getAttr(args[0]!, (args[1] as PyStr).value));
      return b.bool(true);
    } catch (e) {
      if (e instanceof Raise && e.exc.type.isSubtypeOf(exceptionTypes.get('AttributeError')!)) {
        I.releaseRaise(e);
        return b.bool(false);
      }
      throw e;
    }
  });
  b.def('setattr', (args) => {
    b.argc(args, 3, 3, 'setattr');
    I.setAttr(args[0]!, (args[1] as PyStr).value, incret(args[2]!));
    return b.none();
  });
  b.def('delattr', (args) => {
    I.delAttr(args[0]!, (args[1] as PyStr).value);
    return b.none();
  });
  b.def('vars', (args) => {
    if (args.length === 0) return incret(rt.globals);
    return I.getAttr(args[0]!, '__dict__');
  });
  b.def('globals', () => incret(rt.globals));
  b.def('round', (args) => {
    const v = args[0]!;
    const nd = args[1] && args[1] !== None ? Number(bigOf(args[1])) : null;
    if (isIntLike(v)) {
      const n = bigOf(v)!;
      if (nd === null || nd >= 0) return b.int(n);
      // int.__round__ with negative ndigits: to a multiple of 10**-nd, ties to even.
      const unit = 10n ** BigInt(-nd);
      const q = n / unit - (n % unit < 0n ? 1n : 0n); // floor division
      const rem = n - q * unit;
      const twice = 2n * rem;
      const up = twice > unit || (twice === unit && q % 2n !== 0n);
      return b.int((up ? q + 1n : q) * unit);
    }
    if (!(v instanceof PyFloat)) {
      // builtin_round: type(v).__round__(v[, ndigits])
      const m = I.dunder(v, '__round__');
      if (m) return I.callDunder(m, v, args.slice(1));
      throw err('TypeError', `type ${v.type.name} doesn't define __round__ method`);
    }
    const x = numOf(v);
    if (nd !== null) return I.float(roundFloat(x, nd));
    let r = Math.round(x);
    if (Math.abs(x % 1) === 0.5) r = 2 * Math.round(x / 2);
    return b.int(r);
  });
  b.def('divmod', (args) => {
    const q = I.binop('FloorDiv', args[0]!, args[1]!, false);
    const r = I.binop('Mod', args[0]!, args[1]!, false);
    return I.tupleOwned([q, r]);
  });
  /**
   * pow(base, exp, mod=None). With a modulus: long_pow's modular exponentiation (a negative
   * exponent takes the inverse first), the result's sign following the modulus. Its work is
   * one multiplication modulo `mod` per exponent bit (two at most), charged before it runs.
   */
  b.def('pow', (args, kw) => {
    const [base, exp, mod] = clinicArgs(err, 'pow', ['base', 'exp', 'mod'], args, kw, 2);
    if (mod === undefined || mod === None) return I.binop('Pow', base!, exp!, false);
    if (!isIntLike(base!) || !isIntLike(exp!) || !isIntLike(mod)) throw err('TypeError', 'pow() 3rd argument not allowed unless all arguments are integers');
    let m = bigOf(mod)!;
    let e = bigOf(exp)!;
    let a = bigOf(base)!;
    if (m === 0n) throw err('ValueError', 'pow() 3rd argument cannot be 0');
    const negMod = m < 0n;
    if (negMod) m = -m;
    const mBits = bitLength(m);
    heap.step(2 * bitLength(e < 0n ? -e : e) * mulSteps(mBits, mBits) + mulSteps(mBits, bitLength(a < 0n ? -a : a)));
    a = ((a % m) + m) % m;
    if (e < 0n) {
      const inv = modInverse(a, m);
      if (inv === null) throw err('ValueError', 'base is not invertible for the given modulus');
      a = inv;
      e = -e;
    }
    let r = 1n % m;
    for (; e > 0n; e >>= 1n) {
      if (e & 1n) r = (r * a) % m;
      a = (a * a) % m;
    }
    if (negMod && r !== 0n) r -= m;
    return b.int(r);
  });
  b.def('chr', (args) => {
    b.argc(args, 1, 1, 'chr');
    const n = bigOf(args[0]!);
    if (n === null) throw err('TypeError', `'${args[0]!.type.name}' object cannot be interpreted as an integer`);
    if (n < 0n || n >= 0x110000n) throw err('ValueError', 'chr() arg not in range(0x110000)');
    return b.str(String.fromCodePoint(Number(n)));
  });
  b.def('ord', (args) => {
    const s = args[0] as PyStr;
    const chars = [...s.value];
    if (chars.length !== 1) throw err('TypeError', `ord() expected a character, but string of length ${chars.length} found`);
    return b.int(chars[0]!.codePointAt(0)!);
  });
  const radix = (prefix: string, base: number) => (args: PyObject[]): PyObject => {
    const x = bigOf(args[0]!) ?? I.userIndex(args[0]!);
    if (x === null) throw err('TypeError', `'${args[0]!.type.name}' object cannot be interpreted as an integer`);
    return b.str((x < 0n ? '-' : '') + prefix + (x < 0n ? -x : x).toString(base));
  };
  b.def('hex', radix('0x', 16));
  b.def('oct', radix('0o', 8));
  b.def('bin', radix('0b', 2));
  b.def('format', (args) => {
    const spec = args[1] ? (args[1] as PyStr).value : '';
    // PyObject_Format: an exact str with an empty spec is its own result.
    if (spec === '' && args[0]?.type === strType) return incret(args[0]);
    if (spec === '' && isNumber(args[0]!)) return newNumberStr(heap, I.format(args[0]!, spec, false));
    return b.str(I.format(args[0]!, spec, false));
  });
  b.def('input', () => {
    throw err('NotImplementedError', "heaplab does not support 'input' (there is no stdin)");
  });
  b.def('open', () => {
    throw err('NotImplementedError', "heaplab does not support 'open' (there is no file system)");
  });
  b.def('exec', () => {
    throw err('NotImplementedError', "heaplab does not support 'exec'");
  });
  b.def('eval', () => {
    throw err('NotImplementedError', "heaplab does not support 'eval'");
  });
  b.def('__import__', (args) => incret(I.importModule((args[0] as PyStr).value)));
  // dir(o): CPython's names. A builtin type contributes the names CPython's type has (recorded
  // from python3: an attribute heaplab lacks is refused on access, not hidden), a class its
  // namespace, an instance its own attributes; a module the names CPython's module has.
  b.def('dir', (args) => {
    if (args.length === 0) throw err('NotImplementedError', 'heaplab does not support dir() without an argument');
    b.argc(args, 1, 1, 'dir');
    const o = args[0]!;
    const names = new Set<string>();
    if (o instanceof PyModule) {
      const known = CPYTHON_MODULE_NAMES[o.name];
      for (const n of known ?? [...o.attrs.keys(), '__doc__', '__loader__', '__name__', '__package__', '__spec__']) names.add(n);
    } else {
      if (o instanceof PyInstance) {
        for (const n of o.dict ? [...o.dict.entries()].map(([k]) => (k as PyStr).value) : o.attrNames) names.add(n);
      }
      const t = o instanceof PyType ? o : o.type;
      for (const x of t.mro) {
        if (x.dict) for (const [k] of x.dict.entries()) names.add((k as PyStr).value);
        for (const k of CPYTHON_TYPE_NAMES[x.name] ?? b.methods.get(x)?.keys() ?? []) names.add(k);
      }
    }
    return b.list([...names].sort().map((n) => b.str(n)));
  });

  // ------------------------------------------------------------ constructors
  const C = b.constructors;
  C.set(objectType, (args) => {
    if (args.length) throw err('TypeError', 'object() takes no arguments');
    return heap.register(new PyInstance(objectType));
  });
  C.set(typeType, (args) => {
    if (args.length === 1) return incret(args[0]!.type);
    throw err('NotImplementedError', 'heaplab does not support type() with three arguments');
  });
  C.set(intType, (args) => {
    if (args.length === 0) return b.int(0);
    const v = args[0]!;
    // PyNumber_Long: an exact int is returned as it is.
    if (v instanceof PyInt && v.type === intType) return incret(v);
    if (isIntLike(v)) return b.int(bigOf(v)!);
    if (v instanceof PyFloat) {
      if (!Number.isFinite(v.value)) throw err(Number.isNaN(v.value) ? 'ValueError' : 'OverflowError', Number.isNaN(v.value) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
      const t = Math.trunc(v.value);
      return b.int(Number.isSafeInteger(t) ? t : BigInt(t));
    }
    if (v instanceof PyStr) {
      const base = args[1] ? Number(bigOf(args[1])) : 10;
      const s = v.value.trim().replace(/_/g, '');
      const re = base === 10 ? /^[+-]?\d+$/ : base === 16 ? /^[+-]?(0x)?[0-9a-f]+$/i : base === 2 ? /^[+-]?(0b)?[01]+$/i : base === 8 ? /^[+-]?(0o)?[0-7]+$/i : /^[+-]?[0-9a-z]+$/i;
      if (!re.test(s) || v.value.includes('__')) throw err('ValueError', `invalid literal for int() with base ${base}: ${reprStr(v.value)}`);
      const neg = s.startsWith('-');
      let body = s.replace(/^[+-]/, '');
      if (base !== 10) body = body.replace(/^0[xob]/i, '');
      // Powers of two parse in linear time, as in CPython; other bases obey the digit limit.
      if (base === 10) return b.int(parseDecimal(heap, body, neg));
      const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : null;
      if (prefix !== null) {
        chargeIntResult(heap, body.length * Math.log2(base), linearSteps(body.length * 4));
        const r = BigInt(prefix + body);
        return b.int(neg ? -r : r);
      }
      if (heap.intMaxStrDigits > 0 && body.length > heap.intMaxStrDigits) parseDecimal(heap, body, neg);
      heap.step(mulSteps(body.length * 6, body.length * 6));
      let r = 0n;
      for (const ch of body.toLowerCase()) r = r * BigInt(base) + BigInt(parseInt(ch, 36));
      return b.int(neg ? -r : r);
    }
    const m = I.dunder(v, '__int__') ?? I.dunder(v, '__index__');
    if (m) return I.callDunder(m, v, []);
    throw err('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${v.type.name}'`);
  });
  C.set(boolType, (args) => b.bool(args.length ? I.truth(args[0]!) : false));
  C.set(floatType, (args) => {
    if (args.length === 0) return I.float(0);
    const v = args[0]!;
    if (v instanceof PyFloat) return v.type === floatType ? incret(v) : I.float(v.value);
    if (isIntLike(v)) return I.float(Number(bigOf(v)));
    if (v instanceof PyStr) {
      const s = v.value.trim().toLowerCase();
      if (/^[+-]?(inf|infinity)$/.test(s)) return I.float(s.startsWith('-') ? -Infinity : Infinity);
      if (/^[+-]?nan$/.test(s)) return I.float(NaN);
      if (!/^[+-]?(\d[\d_]*\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) throw err('ValueError', `could not convert string to float: ${reprStr(v.value)}`);
      return I.float(Number(s.replace(/_/g, '')));
    }
    const m = I.dunder(v, '__float__');
    if (m) return I.callDunder(m, v, []);
    throw err('TypeError', `float() argument must be a string or a real number, not '${v.type.name}'`);
  });
  // str(s) of an exact str is s itself (PyObject_Str).
  /** An `encoding` / `errors` argument: a str (unicode_new_impl's check), or the default. */
  const codecArg = (fname: string, what: string, o: PyObject | undefined, dflt: string): string => {
    if (o === undefined) return dflt;
    if (!(o instanceof PyStr)) throw err('TypeError', `${fname}() argument '${what}' must be str, not ${o.type.name}`);
    return o.value;
  };
  C.set(strType, (args, kw) => {
    const [v, enc, errs] = clinicArgs(err, 'str', ['object', 'encoding', 'errors'], args, kw ? new Map(kw) : null);
    if (!v) return b.str('');
    if (enc === undefined && errs === undefined) {
      if (v.type === strType) return incret(v);
      return isNumber(v) ? newNumberStr(heap, I.str(v)) : b.str(I.str(v));
    }
    // str(b, encoding, errors): PyUnicode_FromEncodedObject
    const encoding = codecArg('str', 'encoding', enc, 'utf-8');
    const errors = codecArg('str', 'errors', errs, 'strict');
    if (v instanceof PyStr) throw err('TypeError', 'decoding str is not supported');
    const data = v instanceof PyBytes ? v.value : v instanceof PyByteArray ? v.data : null;
    if (!data) throw err('TypeError', `decoding to str: need a bytes-like object, ${v.type.name} found`);
    heap.step(Math.ceil(data.length / CHARS_PER_STEP)); // decoding is linear work, charged first
    return b.str(decodeBytes(err, data, encoding, errors));
  });
  C.set(bytesType, (args, kw) => {
    const v = args[0] ?? (kw ? new Map(kw).get('source') : undefined);
    if (!v) return newBytes(heap, new Uint8Array());
    if (v.type === bytesType) return incret(v);
    if (isIntLike(v)) {
      const n = bigOf(v)!;
      if (n > MAXSIZE) throw err('OverflowError', "cannot fit 'int' into an index-sized integer");
      if (n < 0n) throw err('ValueError', 'negative count');
      heap.reserve(33 + Number(n));
      return newBytes(heap, new Uint8Array(Number(n)));
    }
    if (v instanceof PyStr) {
      // bytes(s, encoding, errors); a str without an encoding is an error
      const [, enc, errs] = clinicArgs(err, 'bytes', ['source', 'encoding', 'errors'], args, kw ? new Map(kw) : null);
      if (enc === undefined) throw err('TypeError', 'string argument without an encoding');
      heap.step(Math.ceil(v.value.length / CHARS_PER_STEP));
      return newBytes(heap, encodeText(err, v.value, codecArg('bytes', 'encoding', enc, 'utf-8'), codecArg('bytes', 'errors', errs, 'strict')));
    }
    // bytes_new: an object's own __bytes__ comes first (user classes, weakref proxies)
    const conv = I.dunder(v, '__bytes__');
    if (conv) {
      const r = I.callDunder(conv, v, []);
      if (r instanceof PyBytes) return r;
      heap.decref(r);
      throw err('TypeError', `__bytes__ returned non-bytes (type ${r.type.name})`);
    }
    const items = I.toArray(v);
    for (const x of items) heap.decref(x);
    return newBytes(heap, Uint8Array.from(items.map((x) => Number(bigOf(x)))));
  });
  C.set(listType, (args) => {
    heap.allocTracer?.viaTypeCall();
    const l = b.list([]);
    if (args.length) {
      try {
        // list___init__ is list_extend (which presizes an empty list exactly from the
        // length hint, taken once, after the iterator: __iter__ runs before __len__)
        listExtendFrom(l, args[0]!);
      } catch (e) {
        heap.decref(l);
        throw e;
      }
    }
    return l;
  });
  const hasLen = (o: PyObject): boolean =>
    o instanceof PyStr || o instanceof PyList || o instanceof PyTuple || o instanceof PyDict || o instanceof PySet ||
    o instanceof PyRange || o instanceof PyBytes ||
    (o instanceof PyIter && o.seq instanceof PyDict && /^o?dict_(keys|values|items)$/.test(o.type.name)) ||
    Boolean(I.dunder(o, '__len__'));
  /**
   * PyObject_LengthHint(o, 8): len(o) if it has one, else the iterator's __length_hint__, else 8.
   * A len() that raises TypeError counts as none (a weakref proxy to a generator has __len__
   * but its referent has no len()); any other error propagates.
   */
  const lengthHint = (o: PyObject): number => {
    if (hasLen(o)) {
      try {
        return I.len(o);
      } catch (e) {
        if (!(e instanceof Raise && e.exc.type.isSubtypeOf(exceptionTypes.get('TypeError')!))) throw e;
        I.releaseRaise(e);
      }
    }
    if (o instanceof PyIter && o.hint) return o.hint();
    return 8;
  };
  /**
   * list_extend (3.11): an exact list or tuple is copied in one reservation; anything else is
   * iterated into room guessed from its length hint, and a too generous guess cut back.
   */
  const listExtendFrom = (l: PyList, src: PyObject): void => {
    if (src.type === listType || src.type === tupleType || src === l) {
      listExtend(heap, l, (src as PyList | PyTuple).items.slice());
      return;
    }
    const it = I.getIter(src);
    try {
      listExtendReserve(heap, l, lengthHint(src));
      for (;;) {
        const v = I.next(it);
        if (v === null) break;
        listExtendPush(heap, l, v);
        heap.decref(v);
      }
      listExtendTrim(heap, l);
    } finally {
      heap.decref(it);
    }
  };
  C.set(tupleType, (args) => {
    if (!args.length) return I.tupleOwned([]);
    if (args[0] instanceof PyTuple && args[0].type === tupleType) return incret(args[0]);
    // PySequence_Tuple: an exact list is copied (PyList_AsTuple: no iterator); anything
    // else gets its iterator first, then it presizes from the length hint (an
    // impossible size fails before any item is read), then reads the items.
    if (args[0]!.type === listType) return I.tupleOwned(I.toArray(args[0]!));
    const it = I.getIter(args[0]!);
    const items: PyObject[] = [];
    try {
      heap.reserve(40 + 8 * lengthHint(args[0]!));
      for (let v = I.next(it); v !== null; v = I.next(it)) items.push(v);
    } catch (e) {
      for (const x of items) heap.decref(x);
      throw e;
    } finally {
      heap.decref(it);
    }
    return I.tupleOwned(items);
  });
  C.set(dictType, (args, kw) => {
    heap.allocTracer?.viaTypeCall();
    const d = heap.register(new PyDict());
    try {
      if (args.length) I.dictUpdate(d, args[0]!);
      if (kw) for (const [k, v] of kw) dictSetItem(heap, d, rt.intern(k), v);
    } catch (e) {
      heap.decref(d);
      throw e;
    }
    return d;
  });
  const makeSet = (frozen: boolean) => (args: PyObject[]): PyObject => {
    // frozenset_new and frozenset.copy: an exact frozenset is returned as it is.
    if (frozen && args[0]?.type === frozensetType) return incret(args[0]);
    const s = heap.track(heap.register(new PySet(frozen ? frozensetType : setType)));
    if (args.length) {
      try {
        setUpdateFrom(s, args[0]!);
      } catch (e) {
        heap.decref(s);
        throw e;
      }
    }
    return s;
  };
  /**
   * set_update_internal: a set's or an exact dict's keys are added with the hashes their
   * table stored (no __hash__ runs again); any other iterable's items as it yields them.
   */
  const setUpdateFrom = (s: PySet, src: PyObject): void => {
    if (src instanceof PySet && (src.type === setType || src.type === frozensetType)) {
      setMergeFrom(heap, s, src);
      return;
    }
    if (src instanceof PyDict && src.type === dictType) {
      for (const [k, , h] of dictHashedEntries(src)) setAdd(heap, s, k, h);
      return;
    }
    const it = I.getIter(src);
    try {
      for (let x = I.next(it); x !== null; x = I.next(it)) {
        try {
          setAdd(heap, s, x);
        } finally {
          heap.decref(x);
        }
      }
    } finally {
      heap.decref(it);
    }
  };
  C.set(setType, makeSet(false));
  C.set(frozensetType, makeSet(true));
  C.set(rangeType, (args) => {
    const nums = args.map((a) => {
      const v = bigOf(a);
      if (v === null) throw err('TypeError', `'${a.type.name}' object cannot be interpreted as an integer`);
      return Number(v);
    });
    if (nums.length === 0) throw err('TypeError', 'range expected at least 1 argument, got 0');
    if (nums.length > 3) throw err('TypeError', `range expected at most 3 arguments, got ${nums.length}`);
    const [start, stop, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
    if (step === 0) throw err('ValueError', 'range() arg 3 must not be zero');
    return heap.register(new PyRange(start, stop, step));
  });
  C.set(sliceType, (args) => {
    const [a, bb, c] = args.length === 1 ? [None, args[0]!, None] : [args[0]!, args[1] ?? None, args[2] ?? None];
    heap.incref(a);
    heap.incref(bb);
    heap.incref(c);
    return heap.register(new PySlice(a, bb, c));
  });
  const wrap = (t: PyType) => (args: PyObject[]): PyObject => {
    const items: (PyObject | null)[] = t === propertyType ? [args[0] ?? null, args[1] ?? null, args[2] ?? null] : [args[0]!];
    for (const x of items) if (x && x !== None) heap.incref(x);
    return heap.track(heap.register(new PyWrapper(t, items.map((x) => (x === None ? null : x)))));
  };
  C.set(propertyType, wrap(propertyType));
  C.set(staticmethodType, wrap(staticmethodType));
  C.set(classmethodType, wrap(classmethodType));
  /**
   * super_init_impl's arguments: (type[, obj]) as given, or with none the running method's
   * class and first argument (the zero-argument form). Borrowed references.
   */
  const superTarget = (args: PyObject[]): [PyType, PyObject | null] => {
    let cls: PyObject;
    let obj: PyObject | null;
    if (args.length === 2 || args.length === 1) {
      cls = args[0]!;
      obj = args[1] ?? null;
    } else {
      const f = I.frames[I.frames.length - 1];
      const fn = f?.func;
      if (!f || !fn || !fn.definingClass) throw err('RuntimeError', 'super(): no arguments');
      const first = f.fast[0];
      if (!first) throw err('RuntimeError', 'super(): arg[0] deleted');
      cls = fn.definingClass;
      obj = first instanceof PyCell ? first.ref! : first;
    }
    if (!(cls instanceof PyType)) throw err('TypeError', 'super() argument 1 must be a type');
    return [cls, obj];
  };
  C.set(superType, (args) => {
    const [cls, obj] = superTarget(args);
    heap.incref(cls);
    if (obj) heap.incref(obj);
    return heap.track(heap.register(new PySuper(cls, obj)));
  });
  // super.__init__ on an existing super object rebinds it (super_init_impl's Py_XSETREF):
  // the new type and object are taken before the old ones are released.
  b.method(superType, '__init__', (s, args) => {
    const su = s as PySuper;
    const [cls, obj] = superTarget(args);
    heap.incref(cls);
    if (obj) heap.incref(obj);
    const [oldCls, oldObj] = [su.cls, su.obj];
    su.cls = cls;
    su.obj = obj;
    heap.decref(oldCls);
    if (oldObj) heap.decref(oldObj);
    return b.none();
  });
  for (const [, t] of exceptionTypes) void t;

  // ------------------------------------------------------------ methods of builtin types
  const M = (t: PyType, name: string, m: Method): void => b.method(t, name, m);
  const asList = (o: PyObject): PyList => o as PyList;
  M(listType, 'append', (s, a) => {
    b.argc(a, 1, 1, 'list.append');
    listAppend(heap, asList(s), a[0]!);
    return b.none();
  });
  M(listType, 'extend', (s, a) => {
    b.argc(a, 1, 1, 'list.extend');
    listExtendFrom(asList(s), a[0]!);
    return b.none();
  });
  b.listExtendFrom = listExtendFrom;
  M(listType, 'insert', (s, a) => {
    listInsert(heap, asList(s), Number(bigOf(a[0]!)), a[1]!);
    return b.none();
  });
  M(listType, 'pop', (s, a) => {
    const l = asList(s);
    if (l.items.length === 0) throw err('IndexError', 'pop from empty list');
    let i = a.length ? Number(bigOf(a[0]!)) : -1;
    if (i < 0) i += l.items.length;
    if (i < 0 || i >= l.items.length) throw err('IndexError', 'pop index out of range');
    return listPop(heap, l, i);
  });
  M(listType, 'remove', (s, a) => {
    const l = asList(s);
    for (let i = 0; i < l.items.length; i++) {
      const x = l.items[i]!;
      if (x === a[0] || I.eq(x, a[0]!)) {
        listDelSlice(heap, l, i, i + 1);
        return b.none();
      }
    }
    throw err('ValueError', 'list.remove(x): x not in list');
  });
  M(listType, 'clear', (s) => {
    listClear(heap, asList(s));
    return b.none();
  });
  M(listType, 'copy', (s) => {
    const items = asList(s).items.slice();
    for (const x of items) heap.incref(x);
    return b.list(items);
  });
  const seqIndex = (items: PyObject[], v: PyObject, what: string): number => {
    for (let i = 0; i < items.length; i++) if (items[i] === v || I.eq(items[i]!, v)) return i;
    throw err('ValueError', what);
  };
  M(listType, 'index', (s, a) => b.int(seqIndex(asList(s).items, a[0]!, `${I.repr(a[0]!)} is not in list`)));
  M(listType, 'count', (s, a) => b.int(asList(s).items.filter((x) => x === a[0] || I.eq(x, a[0]!)).length));
  M(listType, 'reverse', (s) => {
    asList(s).items.reverse();
    return b.none();
  });
  M(listType, 'sort', (s, _a, kw) => {
    sortList(asList(s), kw);
    return b.none();
  });
  M(tupleType, 'index', (s, a) => b.int(seqIndex((s as PyTuple).items, a[0]!, 'tuple.index(x): x not in tuple')));
  M(tupleType, 'count', (s, a) => b.int((s as PyTuple).items.filter((x) => x === a[0] || I.eq(x, a[0]!)).length));

  const asDict = (o: PyObject): PyDict => o as PyDict;
  M(dictType, 'get', (s, a) => {
    const v = I.keyOp(() => dictGet(heap, asDict(s), a[0]!));
    return incret(v ?? a[1] ?? None);
  });
  M(dictType, 'keys', (s) => b.dictView(asDict(s), 'keys'));
  M(dictType, 'values', (s) => b.dictView(asDict(s), 'values'));
  M(dictType, 'items', (s) => b.dictView(asDict(s), 'items'));
  M(dictType, 'pop', (s, a) => {
    const d = asDict(s);
    const v = I.keyOp(() => dictPop(heap, d, a[0]!));
    if (v !== undefined) return v;
    if (a.length > 1) return incret(a[1]!);
    heap.incref(a[0]!);
    throw I.keyError(a[0]!);
  });
  M(dictType, 'popitem', (s) => {
    const d = asDict(s);
    dictUnsplitForPopitem(heap, d);
    for (let i = d.keys.length - 1; i >= 0; i--) {
      const k = d.keys[i];
      if (!k) continue;
      heap.incref(k);
      const v = dictPop(heap, d, k)!;
      return I.tupleOwned([k, v]);
    }
    throw err('KeyError', 'popitem(): dictionary is empty');
  });
  M(dictType, 'setdefault', (s, a) => incret(I.keyOp(() => dictSetDefault(heap, asDict(s), a[0]!, a[1] ?? None))));
  M(dictType, 'update', (s, a, kw) => {
    const d = asDict(s);
    if (a.length) I.dictUpdate(d, a[0]!);
    if (kw) for (const [k, v] of kw) dictSetItem(heap, d, rt.intern(k), v);
    return b.none();
  });
  M(dictType, 'clear', (s) => {
    dictClear(heap, asDict(s));
    return b.none();
  });
  b.classMethod(dictType, 'fromkeys', (cls, a) => {
    b.argc(a, 1, 2, 'fromkeys');
    // _PyDict_FromKeys: cls(), presized from an exact dict or set, then d[k] = value for each key
    const src = a[0]!;
    const value = a[1] ?? None;
    const d = I.call(cls, [], null);
    try {
      if (d instanceof PyDict && d.type === dictType) {
        if (src instanceof PyDict && src.type === dictType) {
          dictReserve(heap, d, src.size, src.unicodeKeys);
          for (const [k, , h] of dictHashedEntries(src)) dictSetItem(heap, d, k, value, h);
          return d;
        }
        if (src instanceof PySet && (src.type === setType || src.type === frozensetType)) {
          dictReserve(heap, d, src.size, false);
          for (const [k, h] of setHashedItems(src)) dictSetItem(heap, d, k, value, h);
          return d;
        }
      }
      const it = I.getIter(src);
      try {
        for (;;) {
          const k = I.next(it);
          if (k === null) break;
          try {
            if (d instanceof PyDict && d.type === dictType) {
              I.keyOp(() => dictSetItem(heap, d, k, value));
            } else {
              heap.incref(value);
              I.setItem(d, k, value);
            }
          } finally {
            heap.decref(k);
          }
        }
      } finally {
        heap.decref(it);
      }
      return d;
    } catch (e) {
      heap.decref(d);
      throw e;
    }
  });
  M(dictType, 'copy', (s) => {
    const d = heap.register(new PyDict());
    for (const [k, v, h] of dictHashedEntries(asDict(s))) dictSetItem(heap, d, k, v, h);
    return d;
  });

  const asSet = (o: PyObject): PySet => o as PySet;
  M(setType, 'add', (s, a) => {
    I.keyOp(() => setAdd(heap, asSet(s), a[0]!));
    return b.none();
  });
  M(setType, 'discard', (s, a) => {
    setDiscard(heap, asSet(s), a[0]!);
    return b.none();
  });
  M(setType, 'remove', (s, a) => {
    if (!setDiscard(heap, asSet(s), a[0]!)) {
      heap.incref(a[0]!);
      throw I.keyError(a[0]!);
    }
    return b.none();
  });
  M(setType, 'pop', (s) => {
    const st = asSet(s);
    for (const x of st.items()) {
      heap.incref(x);
      setDiscard(heap, st, x);
      return x;
    }
    throw err('KeyError', 'pop from an empty set');
  });
  M(setType, 'clear', (s) => {
    setClear(heap, asSet(s));
    return b.none();
  });
  M(setType, 'update', (s, a) => {
    for (const src of a) setUpdateFrom(asSet(s), src);
    return b.none();
  });
  /**
   * `for x in src: body(x)` — a set's own entries directly (as the set methods walk another
   * set's table, no iterator), a step each; anything else through I.forEach.
   */
  const eachOf = (src: PyObject, body: (x: PyObject) => void): void => {
    if (!(src instanceof PySet)) return I.forEach(src, body);
    for (const x of [...src.items()]) {
      heap.step();
      body(x);
    }
  };
  // set_difference_update: discard each item of each argument, then drop the dummies if many
  M(setType, 'difference_update', (s, a) => {
    const st = asSet(s);
    for (const src of a) {
      if (src === st) setClear(heap, st);
      else eachOf(src, (x) => void I.keyOp(() => setDiscard(heap, st, x)));
      setCompactAfterDiscards(st);
    }
    return b.none();
  });
  // set_symmetric_difference_update: each item of the other set is removed if present, else added
  M(setType, 'symmetric_difference_update', (s, a) => {
    b.argc(a, 1, 1, 'symmetric_difference_update');
    const st = asSet(s);
    if (a[0] === st) {
      setClear(heap, st);
      return b.none();
    }
    const other = a[0] instanceof PySet ? incret(a[0]) : makeSet(false)([a[0]!]);
    try {
      eachOf(other, (x) => {
        if (!I.keyOp(() => setDiscard(heap, st, x))) I.keyOp(() => setAdd(heap, st, x));
      });
    } finally {
      heap.decref(other);
    }
    return b.none();
  });
  const setOp = (op: A.Operator) => (s: PyObject, a: PyObject[]): PyObject => {
    let acc = incret(s);
    for (const src of a) {
      const other = src instanceof PySet ? incret(src) : makeSet(false)([src]);
      const n = b.binop(op, acc, other, false);
      heap.decref(acc);
      heap.decref(other);
      acc = n;
    }
    return acc;
  };
  for (const t of [setType, frozensetType]) {
    M(t, 'union', setOp('BitOr'));
    M(t, 'intersection', setOp('BitAnd'));
    M(t, 'difference', setOp('Sub'));
    M(t, 'symmetric_difference', setOp('BitXor'));
    // set_issubset / set_issuperset: an operand that is not a set is made one first (make_new_set).
    const subsetOf = (x: PySet, y: PyObject, name: string, superset: boolean): PyObject => {
      const other = y instanceof PySet ? y : (C.get(setType)!([y], null) as PySet);
      try {
        return b.bool(superset ? setIsSubset(heap, other, x) : setIsSubset(heap, x, other));
      } finally {
        if (other !== y) heap.decref(other);
      }
    };
    M(t, 'issubset', (s, a) => {
      b.argc(a, 1, 1, 'issubset');
      return subsetOf(asSet(s), a[0]!, 'issubset', false);
    });
    M(t, 'issuperset', (s, a) => {
      b.argc(a, 1, 1, 'issuperset');
      return subsetOf(asSet(s), a[0]!, 'issuperset', true);
    });
    M(t, 'isdisjoint', (s, a) => {
      b.argc(a, 1, 1, 'isdisjoint');
      const st = asSet(s);
      let disjoint = true;
      eachOf(a[0]!, (x) => {
        if (disjoint && I.keyOp(() => setHas(heap, st, x))) disjoint = false;
      });
      return b.bool(disjoint);
    });
    M(t, 'copy', (s) => makeSet(t === frozensetType)([s]));
  }

  const S = (o: PyObject): string => (o as PyStr).value;
  /** unicode_result_unchanged: a method that changes nothing returns an exact str itself. */
  const unchangedOr = (self: PyObject, v: string): PyObject => (v === S(self) && self.type === strType ? b.same(self) : b.str(v));
  const strArg = (o: PyObject | undefined, fn: string): string => {
    if (!(o instanceof PyStr)) throw err('TypeError', `${fn} arg must be None or str`);
    return o.value;
  };
  M(strType, 'upper', (s) => b.str(S(s).toUpperCase()));
  M(strType, 'lower', (s) => b.str(S(s).toLowerCase()));
  M(strType, 'title', (s) => b.str(pyTitle(S(s))));
  M(strType, 'capitalize', (s) => b.str(pyCapitalize(S(s))));
  M(strType, 'swapcase', (s) => b.str(pySwapcase(S(s))));
  const stripper = (mode: 'both' | 'l' | 'r') => (s: PyObject, a: PyObject[]): PyObject => {
    const chars = a[0] && a[0] !== None ? strArg(a[0], 'strip') : null;
    let v = S(s);
    const isStrip = (c: string): boolean => (chars === null ? isPySpace(c.charCodeAt(0)) : chars.includes(c));
    if (mode !== 'r') while (v.length && isStrip(v[0]!)) v = v.slice(1);
    if (mode !== 'l') while (v.length && isStrip(v[v.length - 1]!)) v = v.slice(0, -1);
    return unchangedOr(s, v);
  };
  M(strType, 'strip', stripper('both'));
  M(strType, 'lstrip', stripper('l'));
  M(strType, 'rstrip', stripper('r'));
  M(strType, 'split', (s, a, kw) => {
    const sepO = a[0] ?? kw?.get('sep');
    const maxO = a[1] ?? kw?.get('maxsplit');
    const max = maxO ? Number(bigOf(maxO)) : -1;
    const v = S(s);
    let parts: string[];
    let whole: boolean;
    if (!sepO || sepO === None) {
      parts = splitWhitespace(v, max);
      // split_whitespace adds the str itself only for a part its loop found (not the rest maxsplit leaves)
      whole = max !== 0 && parts.length === 1 && parts[0]!.length === v.length;
    } else {
      const sep = S(sepO);
      if (!sep) throw err('ValueError', 'empty separator');
      parts = v.split(sep);
      if (max >= 0 && parts.length > max + 1) parts = [...parts.slice(0, max), parts.slice(max).join(sep)];
      whole = parts.length === 1; // no split made: the str itself is the one part
    }
    // stringlib split: PyList_New(PREALLOC_SIZE(maxsplit)), at most 12 slots, then appends
    return listOfParts(parts, max >= 0 && max < 12 ? max + 1 : 12, whole ? s : null);
  });
  /**
   * A list of new strs built as the C splitters do: `prealloc` slots, then PyList_Append.
   * `whole`: the str itself, when the splitter's one part is that str unchanged and it is an
   * exact str (stringlib adds the object itself then, not a copy).
   */
  const listOfParts = (parts: string[], prealloc: number, whole: PyObject | null = null): PyList => {
    const l = b.list([]);
    if (prealloc > 0) listPreallocateExact(heap, l, prealloc);
    listSetAllocated(heap, l, prealloc);
    const same = whole !== null && whole.type === strType && parts.length === 1 ? whole : null;
    for (const p of parts) {
      const v = same ?? b.str(p);
      if (same) heap.incref(same);
      listExtendPush(heap, l, v);
      heap.decref(v);
    }
    return l;
  };
  M(strType, 'rsplit', (s, a, kw) => {
    const [sepO, maxO] = clinicArgs(err, 'rsplit', ['sep', 'maxsplit'], a, kw);
    const max = maxO ? Number(bigOf(maxO)) : -1;
    const v = S(s);
    let parts: string[];
    let whole: boolean;
    if (!sepO || sepO === None) {
      parts = rsplitWhitespace(v, max);
      whole = max !== 0 && parts.length === 1 && parts[0]!.length === v.length;
    } else {
      const sep = S(sepO);
      if (!sep) throw err('ValueError', 'empty separator');
      parts = v.split(sep);
      if (max >= 0 && parts.length > max + 1) parts = [parts.slice(0, parts.length - max).join(sep), ...parts.slice(parts.length - max)];
      whole = parts.length === 1;
    }
    // stringlib rsplit: the same preallocation as split (it fills, then reverses)
    return listOfParts(parts, max >= 0 && max < 12 ? max + 1 : 12, whole ? s : null);
  });
  /** partition / rpartition: (head, sep, tail) at the first (last) sep; not found, s itself and two ''. */
  const partition = (name: string, fromRight: boolean) => M(strType, name, (s, a) => {
    b.argc(a, 1, 1, name);
    if (!(a[0] instanceof PyStr)) throw err('TypeError', `must be str, not ${a[0]!.type.name}`);
    const v = S(s);
    const sep = a[0].value;
    if (!sep) throw err('ValueError', 'empty separator');
    const i = fromRight ? v.lastIndexOf(sep) : v.indexOf(sep);
    if (i < 0) return fromRight ? I.tupleOwned([b.str(''), b.str(''), incret(s)]) : I.tupleOwned([incret(s), b.str(''), b.str('')]);
    return I.tupleOwned([b.str(v.slice(0, i)), incret(a[0]), b.str(v.slice(i + sep.length))]);
  });
  partition('partition', false);
  partition('rpartition', true);
  /** removeprefix / removesuffix: s itself when there is nothing to remove. */
  M(strType, 'removeprefix', (s, a) => {
    b.argc(a, 1, 1, 'removeprefix');
    const p = S(a[0]!);
    return p && S(s).startsWith(p) ? b.str(S(s).slice(p.length)) : incret(s);
  });
  M(strType, 'removesuffix', (s, a) => {
    b.argc(a, 1, 1, 'removesuffix');
    const p = S(a[0]!);
    return p && S(s).endsWith(p) ? b.str(S(s).slice(0, S(s).length - p.length)) : incret(s);
  });
  M(strType, 'rindex', (s, a) => {
    const i = S(s).lastIndexOf(S(a[0]!));
    if (i < 0) throw err('ValueError', 'substring not found');
    return b.int(i);
  });
  M(strType, 'isascii', (s) => b.bool(/^[\x00-\x7f]*$/.test(S(s))));
  M(strType, 'splitlines', (s, a, kw) => {
    const [keepO] = clinicArgs(err, 'splitlines', ['keepends'], a, kw);
    const lines = splitLines(S(s), keepO !== undefined && asCInt(err, keepO) !== 0);
    return listOfParts(lines, 0, lines.length === 1 && lines[0]!.length === S(s).length ? s : null);
  });
  M(strType, 'join', (s, a) => {
    // PyUnicode_Join takes the items as a sequence (PySequence_Fast) and sizes the result
    // before copying: so do we, against the byte budget.
    const items = I.toArray(a[0]!);
    try {
      // PyUnicode_Join: one exact str item is the result itself.
      if (items.length === 1 && items[0]!.type === strType) return b.same(items[0]!);
      let total = S(s).length * Math.max(0, items.length - 1);
      let widest = s as PyStr;
      items.forEach((x, i) => {
        if (!(x instanceof PyStr)) throw err('TypeError', `sequence item ${i}: expected str instance, ${x.type.name} found`);
        total += x.value.length;
        if (x.simBytes - x.value.length > widest.simBytes - widest.value.length) widest = x;
      });
      b.chargeSequence(widest, total);
      return b.str(items.map((x) => (x as PyStr).value).join(S(s)));
    } finally {
      for (const x of items) heap.decref(x);
    }
  });
  const tupleOrStr = (o: PyObject): string[] => (o instanceof PyTuple ? o.items.map(S) : [S(o)]);
  M(strType, 'startswith', (s, a) => b.bool(tupleOrStr(a[0]!).some((p) => S(s).startsWith(p))));
  M(strType, 'endswith', (s, a) => b.bool(tupleOrStr(a[0]!).some((p) => S(s).endsWith(p))));
  M(strType, 'replace', (s, a) => {
    const n = a[2] ? Number(bigOf(a[2])) : -1;
    let v = S(s);
    const from = S(a[0]!);
    const to = S(a[1]!);
    if (n === 0 || !v.includes(from)) return unchangedOr(s, v);
    // The result's length is known before it is built: len + count × (len(new) − len(old)).
    const parts = v.split(from);
    const count = n < 0 ? parts.length - 1 : Math.min(n, parts.length - 1);
    b.chargeSequence(strSize(to) > strSize(v) ? (a[1] as PyStr) : (s as PyStr), v.length + count * (to.length - from.length));
    if (n < 0) return b.str(parts.join(to));
    v = parts.slice(0, n + 1).join(to) + (parts.length > n + 1 ? from + parts.slice(n + 1).join(from) : '');
    return b.str(v);
  });
  M(strType, 'find', (s, a) => b.int(S(s).indexOf(S(a[0]!))));
  M(strType, 'rfind', (s, a) => b.int(S(s).lastIndexOf(S(a[0]!))));
  M(strType, 'index', (s, a) => {
    const i = S(s).indexOf(S(a[0]!));
    if (i < 0) throw err('ValueError', 'substring not found');
    return b.int(i);
  });
  M(strType, 'count', (s, a) => {
    const sub = S(a[0]!);
    if (!sub) return b.int([...S(s)].length + 1);
    return b.int(S(s).split(sub).length - 1);
  });
  M(strType, 'isdigit', (s) => b.bool(/^\d+$/.test(S(s))));
  M(strType, 'isnumeric', (s) => b.bool(/^\d+$/.test(S(s))));
  M(strType, 'isdecimal', (s) => b.bool(/^\d+$/.test(S(s))));
  M(strType, 'isalpha', (s) => b.bool(/^\p{L}+$/u.test(S(s))));
  M(strType, 'isalnum', (s) => b.bool(/^[\p{L}\d]+$/u.test(S(s))));
  M(strType, 'isspace', (s) => b.bool(S(s).length > 0 && everyCodeUnit(S(s), isPySpace)));
  M(strType, 'isprintable', (s) => {
    for (const ch of S(s)) if (!isPyPrintable(ch.codePointAt(0)!)) return b.bool(false);
    return b.bool(true);
  });
  M(strType, 'isupper', (s) => b.bool(pyIsCase(S(s), true)));
  M(strType, 'islower', (s) => b.bool(pyIsCase(S(s), false)));
  M(strType, 'istitle', (s) => b.bool(pyIsTitle(S(s))));
  M(strType, 'isidentifier', (s) => b.bool(/^[A-Za-z_]\w*$/.test(S(s))));
  const justify = (mode: string) => (s: PyObject, a: PyObject[]): PyObject => {
    const w = Number(bigOf(a[0]!));
    heap.reserve(49 + w);
    const fill = a[1] ? S(a[1]) : ' ';
    const v = S(s);
    const n = w - [...v].length;
    if (n <= 0) return unchangedOr(s, v);
    if (mode === 'l') return b.str(v + fill.repeat(n));
    if (mode === 'r') return b.str(fill.repeat(n) + v);
    const left = Math.floor(n / 2) + (n & w & 1);
    return b.str(fill.repeat(left) + v + fill.repeat(n - left));
  };
  M(strType, 'ljust', justify('l'));
  M(strType, 'rjust', justify('r'));
  M(strType, 'center', justify('c'));
  M(strType, 'zfill', (s, a) => {
    const w = Number(bigOf(a[0]!));
    heap.reserve(49 + w);
    const v = S(s);
    if (v.length >= w) return unchangedOr(s, v);
    const sign = v[0] === '-' || v[0] === '+' ? v[0] : '';
    return b.str(sign + '0'.repeat(w - v.length) + v.slice(sign.length));
  });
  M(strType, 'encode', (s, a, kw) => {
    const [enc, errs] = clinicArgs(err, 'encode', ['encoding', 'errors'], a, kw);
    heap.step(Math.ceil(S(s).length / CHARS_PER_STEP));
    return newBytes(heap, encodeText(err, S(s), codecArg('encode', 'encoding', enc, 'utf-8'), codecArg('encode', 'errors', errs, 'strict')));
  });
  M(bytesType, 'decode', (s, a, kw) => {
    const [enc, errs] = clinicArgs(err, 'decode', ['encoding', 'errors'], a, kw);
    heap.step(Math.ceil((s as PyBytes).value.length / CHARS_PER_STEP));
    return b.str(decodeBytes(err, (s as PyBytes).value, codecArg('decode', 'encoding', enc, 'utf-8'), codecArg('decode', 'errors', errs, 'strict')));
  });
  M(strType, 'format', (s, a, kw) => {
    let auto = 0;
    /**
     * A field name (string.Formatter's grammar): an argument (auto-numbered, by index, or by
     * keyword) then any number of `.attr` and `[key]` (digits: an int key). A new reference.
     */
    const resolve = (nm: string): PyObject => {
      const m = /^[^.[]*/.exec(nm)!;
      const first = m[0];
      let v: PyObject | undefined;
      if (first === '') v = a[auto++];
      else if (/^\d+$/.test(first)) v = a[Number(first)];
      else v = kw?.get(first);
      if (!v) throw err(first === '' || /^\d+$/.test(first) ? 'IndexError' : 'KeyError', first === '' || /^\d+$/.test(first) ? `Replacement index ${first || auto - 1} out of range for positional args tuple` : `'${first}'`);
      heap.incref(v);
      let rest = nm.slice(first.length);
      while (rest) {
        const step = /^\.([^.[]+)|^\[([^\]]+)\]/.exec(rest);
        if (!step) throw err('ValueError', "Only '.' or '[' may follow ']' in format field specifier");
        rest = rest.slice(step[0].length);
        let next: PyObject;
        try {
          if (step[1] !== undefined) next = I.getAttr(v, step[1]);
          else {
            const key = /^\d+$/.test(step[2]!) ? b.int(Number(step[2])) : b.str(step[2]!);
            try {
              next = I.getItem(v, key);
            } finally {
              heap.decref(key);
            }
          }
        } finally {
          heap.decref(v);
        }
        v = next;
      }
      return v;
    };
    /** One replacement field: {name!conv:spec}, the spec's own {fields} filled in first. */
    const field = (f: string): string => {
      const [head, rawSpec = ''] = splitOnce(f, ':');
      const [nm, conv] = splitOnce(head!, '!');
      const v = resolve(nm!);
      try {
        const spec = rawSpec.replace(/\{([^{}]*)\}/g, (_m, inner: string) => field(inner));
        if (conv === 'r') return I.format(I.reprObj(v), spec, true);
        if (conv === 's') return I.format(I.strObjTmp(v), spec, true);
        return I.format(v, spec, false);
      } finally {
        heap.decref(v);
      }
    };
    const out = S(s).replace(/\{\{|\}\}|\{((?:[^{}]|\{[^{}]*\})*)\}/g, (m, f: string | undefined) => {
      if (m === '{{') return '{';
      if (m === '}}') return '}';
      return field(f ?? '');
    });
    return b.str(out);
  });
  const splitOnce = (s: string, sep: string): [string, string | undefined] => {
    const i = s.indexOf(sep);
    return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
  };
  M(intType, 'bit_length', (s) => {
    const v = bigOf(s)!;
    return b.int((v < 0n ? -v : v).toString(2).replace(/^0$/, '').length);
  });
  M(floatType, 'is_integer', (s) => b.bool(Number.isInteger((s as PyFloat).value)));
  M(objectType, '__init__', () => b.none());
  M(objectType, '__repr__', (s) => b.str(`<${s.type.isHeapType ? s.type.module + '.' : ''}${s.type.qualname} object at ${hexId(s.addr)}>`));
  // object_str: the type's tp_repr, called directly (not PyObject_Repr: no recursion level).
  M(objectType, '__str__', (s) => b.str(b.tpRepr(s)));
  M(objectType, '__eq__', (s, a) => (s === a[0] ? b.bool(true) : b.notImplemented()));
  M(objectType, '__hash__', (s) => b.int(Math.floor(s.addr / 16)));
  M(objectType, '__setattr__', (s, a) => {
    setAttrRaw(s, S(a[0]!), a[1]!);
    return b.none();
  });
  b.classMethod(objectType, '__init_subclass__', (cls, a, kw) => {
    if (a.length || (kw && kw.size)) throw err('TypeError', `${(cls as PyType).name}.__init_subclass__() takes no keyword arguments`);
    return b.none();
  });
  M(objectType, '__delattr__', (s, a) => {
    I.delAttrRaw(s, S(a[0]!));
    return b.none();
  });
  M(objectType, '__getattribute__', (s, a) => (s instanceof PyInstance ? I.instanceGetAttr(s, S(a[0]!), false) : I.getAttr(s, S(a[0]!))));
  M(objectType, '__new__', (s) => {
    if (!(s instanceof PyType)) throw err('TypeError', 'object.__new__(X): X is not a type object');
    if (s.isHeapType) {
      const inst = heapNewInstance(s);
      return inst;
    }
    return heap.register(new PyInstance(objectType));
  });
  const heapNewInstance = (t: PyType): PyObject => {
    const o = heap.register(allocInstance(t));
    heap.incref(t);
    return heap.track(o);
  };
  const setAttrRaw = (o: PyObject, name: string, v: PyObject): void => {
    heap.incref(v);
    try {
      // bypass user __setattr__
      setAttrOnHeapRef(heap, o, name, v);
    } finally {
      heap.decref(v);
    }
  };
  // BaseException_init: the arguments become `args` (the same tuple when they are the same
  // objects, as when type() passes its own arguments on); keywords are refused.
  M(BaseException, '__init__', (s, a, kw) => {
    if (kw && kw.size) throw err('TypeError', `${s.type.name}() takes no keyword arguments`);
    if (!(s instanceof PyInstance)) return b.none();
    const old = s.payload[0];
    if (old instanceof PyTuple && old.items.length === a.length && old.items.every((x, i) => x === a[i])) return b.none();
    for (const x of a) heap.incref(x);
    s.payload[0] = I.tupleOwned([...a]);
    if (old) heap.decref(old);
    return b.none();
  });
  M(BaseException, 'with_traceback', (s, a) => {
    const tb = a[0] ?? None;
    if (tb !== None && !(tb instanceof PyTraceback)) throw I.error('TypeError', '__traceback__ must be a traceback or None');
    if (tb !== None) heap.incref(tb);
    I.setExcSlot(s, 1, tb === None ? null : tb);
    return incret(s);
  });
  M(PyGeneratorTypeRef(), 'send', (s, a) => {
    const v = I.genNext(s as PyGenerator, incret(a[0] ?? None));
    if (v === null) throw I.stopIteration(s);
    return v;
  });
  M(PyGeneratorTypeRef(), 'close', (s) => {
    I.genClose(s as PyGenerator);
    return b.none();
  });
  M(PyGeneratorTypeRef(), 'throw', (s, a) => {
    b.argc(a, 1, 3, 'throw');
    const v = I.genThrow(s as PyGenerator, genThrowArg(a[0]!, a[1], a[2]));
    if (v === null) throw I.stopIteration(s);
    return v;
  });
  /**
   * gen.throw(typ[, val[, tb]]): the exception to raise (_gen_throw's argument checks). A
   * class is instantiated with `val` (a tuple as the arguments, an instance as itself).
   */
  const genThrowArg = (typ: PyObject, val: PyObject | undefined, tb: PyObject | undefined): Raise => {
    if (tb !== undefined && tb !== None && !(tb instanceof PyTraceback)) throw err('TypeError', 'throw() third argument must be a traceback object');
    let exc: PyObject;
    if (typ instanceof PyType && typ.isSubtypeOf(BaseException)) {
      if (val !== undefined && val !== None && val.type.isSubtypeOf(typ)) exc = incret(val);
      else {
        const args = val === undefined || val === None ? [] : val instanceof PyTuple ? val.items : [val];
        exc = I.call(typ, args.map(incret), null);
        if (!exc.type.isSubtypeOf(BaseException)) {
          heap.decref(exc);
          throw err('TypeError', `calling ${I.repr(typ)} should have returned an instance of BaseException, not ${exc.type.name}`);
        }
      }
    } else if (typ.type.isSubtypeOf(BaseException)) {
      if (val !== undefined && val !== None) throw err('TypeError', 'instance exception may not have a separate value');
      exc = incret(typ);
    } else {
      throw err('TypeError', `exceptions must be classes or instances deriving from BaseException, not ${typ.type.name}`);
    }
    if (tb instanceof PyTraceback) {
      heap.incref(tb);
      I.setExcSlot(exc, 1, tb);
    }
    return new Raise(exc);
  };
  M(PyGeneratorTypeRef(), '__next__', (s) => {
    const v = I.genNext(s as PyGenerator);
    if (v === null) throw I.stopIteration(s);
    return v;
  });
  M(weakrefType, '__call__', (s) => incret((s as PyWeakref).referent ?? None));

  // ------------------------------------------------------------ modules
  const mod = (name: string, attrs: Record<string, PyObject>): PyModule => b.addModule(name, attrs);
  const fn = (name: string, impl: Impl): PyNative => shared(name, impl);
  /**
   * The first call of gc.get_objects with a keyword argument makes argument clinic build
   * its parser's keyword tuple ('generation',): a tracked tuple that lives as long as the
   * interpreter, so from then on get_objects lists one object more (until a collection
   * untracks it, as it does any tuple of atoms). CPython 3.11 does this per process; a
   * sandbox does it once per sandbox.
   */
  let kwtuple: PyTuple | null = null;
  const argumentClinicKwtuple = (): void => {
    if (kwtuple) return;
    const name = rt.intern('generation');
    heap.incref(name);
    kwtuple = I.tupleOwned([name]);
  };
  const stderr = Object.assign(heap.register(new PyInstance(objectType)), { stream: 'stderr' });
  stderr.gcFlags |= SHARED;
  const stdout = Object.assign(heap.register(new PyInstance(objectType)), { stream: 'stdout' });
  stdout.gcFlags |= SHARED;
  // gc's functions check their arguments as gcmodule.c's calling conventions do (argcheck.ts).
  const e: Thrower = err;
  const noArgs = (name: string, impl: () => PyObject): PyNative =>
    fn(name, (args, kw) => { checkNoArgs(e, `gc.${name}`, args, kw); return impl(); });
  const oneArg = (name: string, impl: (o: PyObject) => PyObject): PyNative =>
    fn(name, (args, kw) => { checkOneArg(e, `gc.${name}`, args, kw); return impl(args[0]!); });
  mod('gc', {
    enable: noArgs('enable', () => { heap.enabled = true; return b.none(); }),
    disable: noArgs('disable', () => { heap.enabled = false; return b.none(); }),
    isenabled: noArgs('isenabled', () => b.bool(heap.enabled)),
    collect: fn('collect', (args, kw) => {
      const [gen] = clinicArgs(e, 'collect', ['generation'], args, kw);
      const g = gen === undefined ? 2 : asCInt(e, gen);
      if (g < 0 || g > 2) throw err('ValueError', 'invalid generation');
      const r = collect(heap, g);
      return b.int(r.unreachable);
    }),
    get_count: noArgs('get_count', () => I.tupleOwned(heap.generations.map((g) => b.int(g.count)))),
    get_threshold: noArgs('get_threshold', () => I.tupleOwned(heap.generations.map((g) => b.int(g.threshold)))),
    set_threshold: fn('set_threshold', (args, kw) => {
      checkVarArgs(e, 'set_threshold', args, kw, 1, 3);
      // "i|ii" parses straight into the thresholds: the ones before a bad argument are set.
      args.forEach((a, i) => (heap.generations[i]!.threshold = parseIntFormat(e, a)));
      return b.none();
    }),
    get_stats: noArgs('get_stats', () => {
      const items = heap.generations.map((g) => {
        const d = heap.register(new PyDict());
        for (const [k, v] of [['collections', g.collections], ['collected', g.collected], ['uncollectable', g.uncollectable]] as const) {
          const val = b.int(v);
          dictSetItem(heap, d, rt.intern(k), val);
          heap.decref(val);
        }
        return d;
      });
      return b.list(items);
    }),
    get_objects: fn('get_objects', (args, kw) => {
      if (kw && kw.size) argumentClinicKwtuple();
      const [g] = clinicArgs(e, 'get_objects', ['generation'], args, kw);
      let gen: number | undefined;
      if (g !== undefined && g !== None) {
        const v = intValue(g);
        if (v === null) throw err('TypeError', `argument should be integer or None, not '${g.type.name}'`);
        if (v > 2n ** 63n - 1n || v < -(2n ** 63n)) throw err('OverflowError', "cannot fit 'int' into an index-sized integer");
        if (v >= 3n) throw err('ValueError', 'generation parameter must be less than the number of available generations (3)');
        if (v < -1n) throw err('ValueError', 'generation parameter cannot be negative');
        if (v >= 0n) gen = Number(v);
      }
      const objs = heap.trackedObjects(gen);
      for (const o of objs) heap.incref(o);
      return b.list(objs);
    }),
    get_referrers: fn('get_referrers', (args, kw) => {
      checkVarArgs(e, 'get_referrers', args, kw);
      const out: PyObject[] = [];
      const targets = new Set(args);
      for (const g of heap.generations) {
        for (let o = g.head.gcNext!; o !== g.head; o = o.gcNext!) {
          let hit = false;
          o.traverse((r) => {
            if (targets.has(r)) hit = true;
          });
          if (hit) out.push(o);
        }
      }
      for (const o of out) heap.incref(o);
      return b.list(out);
    }),
    get_referents: fn('get_referents', (args, kw) => {
      checkVarArgs(e, 'get_referents', args, kw);
      const out: PyObject[] = [];
      for (const a of args) {
        if (!a.type.isGc) continue;
        // func_traverse also visits func_code, func_builtins and func_module, which heaplab's
        // functions do not hold (there is no builtins dict): a list without them would be wrong.
        if (a instanceof PyFunction) throw e('NotImplementedError', "heaplab does not support 'gc.get_referents' of a function (its __code__, builtins dict and module name)");
        // gen_traverse visits gi_code, gi_name, gi_qualname and then the frame's own code object.
        if (a instanceof PyGenerator) throw e('NotImplementedError', `heaplab does not support 'gc.get_referents' of a ${a.type.name} (its code object and names)`);
        a.traverse((r) => out.push(r));
      }
      for (const o of out) heap.incref(o);
      return b.list(out);
    }),
    // Modules and builtin functions (bound or not) are GC objects CPython always tracks; the
    // sandbox keeps them outside the collected heap, so their answer is CPython's, not a flag.
    is_tracked: oneArg('is_tracked', (o) => b.bool((o.gcFlags & GC_TRACKED) !== 0 || o instanceof PyModule || o instanceof PyNative)),
    is_finalized: oneArg('is_finalized', (o) => b.bool((o.gcFlags & GC_FINALIZED) !== 0)),
    freeze: noArgs('freeze', () => { freeze(heap); return b.none(); }),
    unfreeze: noArgs('unfreeze', () => { unfreeze(heap); return b.none(); }),
    get_freeze_count: noArgs('get_freeze_count', () => b.int(freezeCount(heap))),
    set_debug: oneArg('set_debug', (o) => { heap.debug = asCInt(e, o); return b.none(); }),
    get_debug: noArgs('get_debug', () => b.int(heap.debug)),
    garbage: heap.garbage,
    callbacks: heap.callbacks,
    DEBUG_STATS: b.int(DEBUG_STATS),
    DEBUG_COLLECTABLE: b.int(DEBUG_COLLECTABLE),
    DEBUG_UNCOLLECTABLE: b.int(DEBUG_UNCOLLECTABLE),
    DEBUG_SAVEALL: b.int(DEBUG_SAVEALL),
    DEBUG_LEAK: b.int(DEBUG_LEAK),
  });
  const sysMod = mod('sys', {
    getrefcount: fn('getrefcount', (args, kw) => {
      checkOneArg(e, 'sys.getrefcount', args, kw);
      return b.int(refcountOf(heap, args[0]!));
    }),
    getsizeof: fn('getsizeof', (args, kw) => {
      const [o, dflt] = clinicArgs(e, 'getsizeof', ['object', 'default'], args, kw, 1);
      return getsizeofCall(o!, dflt);
    }),
    getrecursionlimit: fn('getrecursionlimit', (args, kw) => {
      checkNoArgs(e, 'sys.getrecursionlimit', args, kw);
      return b.int(I.recursionLimit);
    }),
    setrecursionlimit: fn('setrecursionlimit', (args, kw) => {
      checkOneArg(e, 'sys.setrecursionlimit', args, kw);
      const n = BigInt(asCInt(err, args[0]!));
      if (n < 1n) throw err('ValueError', 'recursion limit must be greater or equal than 1');
      // sys_setrecursionlimit_impl: refused at or below the current depth, which counts
      // this builtin's own call (cfunction_vectorcall's Py_EnterRecursiveCall, which the
      // machine's CALL enters: ops/calls.ts).
      const depth = I.depth;
      if (n <= BigInt(depth)) {
        throw err('RecursionError', `cannot set the recursion limit to ${n} at the recursion depth ${depth}: the limit is too low`);
      }
      I.recursionLimit = Number(n);
      return b.none();
    }),
    intern: fn('intern', (args, kw) => {
      checkOneArg(e, 'sys.intern', args, kw);
      const a = args[0]!;
      if (!(a instanceof PyStr)) throw err('TypeError', `intern() argument must be str, not ${a.type.name}`);
      if (a.type !== strType) throw err('TypeError', `can't intern ${a.type.name}`);
      return rt.internConst(a.value, a);
    }),
    get_int_max_str_digits: fn('get_int_max_str_digits', () => b.int(heap.intMaxStrDigits)),
    // 0 lifts the limit: conversions are still charged in steps (sandbox/bigint.ts).
    set_int_max_str_digits: fn('set_int_max_str_digits', (args, kw) => {
      const v = args[0] ?? kw?.get('maxdigits');
      const n = v === undefined ? null : bigOf(v);
      if (n === null) throw err('TypeError', "set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)");
      if (n !== 0n && n < BigInt(INT_MAX_STR_DIGITS_THRESHOLD)) throw err('ValueError', `maxdigits must be 0 or larger than ${INT_MAX_STR_DIGITS_THRESHOLD}`);
      heap.intMaxStrDigits = Number(n);
      return b.none();
    }),
    maxsize: b.int(9223372036854775807n),
    version: b.str('3.11.7 (heaplab simulation)'),
    platform: b.str('linux'),
    byteorder: b.str('little'),
    stdout,
    stderr,
    argv: b.list([b.str('')]),
  });
  installSysState(b, sysMod);
  installStringModule(b);
  installOperatorModule(b);
  installContextlibModule(b);
  for (const k of ['maxsize', 'version', 'platform', 'byteorder', 'argv']) {
    const v = sysMod.attrs.get(k)!;
    v.gcFlags |= SHARED;
  }
  const sizeOf = getsizeof;
  const isExc = (o: PyObject): boolean => o.type.isSubtypeOf(BaseException);
  /** What sys.getsizeof adds in front of __sizeof__ (_PyType_PreHeaderSize): GC header, managed-dict pointers. */
  const preHeaderSize = (o: PyObject): number =>
    (o.type.isGc ? 16 : 0) + (o instanceof PyInstance && o.type.isHeapType && o.type.instHasDict && !isExc(o) ? 16 : 0) +
    managedDictPreHeader(o);
  /**
   * sys.getsizeof(o, default): a class's own Python `__sizeof__` decides the size (plus the
   * pre-header); its result must be a non-negative int that fits a Py_ssize_t. A TypeError
   * from it (or about its result) gives `default` when one was passed.
   */
  const getsizeofCall = (o: PyObject, dflt: PyObject | undefined): PyObject => {
    const m = o.type.isHeapType ? o.type.lookup('__sizeof__', b.methods) : undefined;
    if (!(m instanceof PyFunction)) return b.int(sizeOf(o));
    try {
      const r = I.callDunder(m, o, []);
      heap.decref(r);
      const v = intValue(r);
      if (v === null) throw err('TypeError', 'an integer is required');
      if (v > 2n ** 63n - 1n) throw err('OverflowError', 'Python int too large to convert to C ssize_t');
      if (v < 0n) throw err('ValueError', '__sizeof__() should return >= 0');
      return b.int(v + BigInt(preHeaderSize(o)));
    } catch (x) {
      if (dflt !== undefined && x instanceof Raise && x.exc.type.isSubtypeOf(exceptionTypes.get('TypeError')!)) {
        I.releaseRaise(x);
        return incret(dflt);
      }
      throw x;
    }
  };
  // object.__sizeof__: the object's own size, without what sys.getsizeof adds in front of
  // it (_PyType_PreHeaderSize): the 16-byte GC header, and for instances of classes with a
  // managed dict the two pointers (dict, weakrefs) 3.11 keeps before the object.
  M(objectType, '__sizeof__', (s) => {
    return b.int(sizeOf(s) - preHeaderSize(s));
  });

  const wrType = weakrefType;
  const refCtor = (args: PyObject[], kw: Kw): PyObject => {
    if (kw && kw.length) throw err('TypeError', 'ref() takes no keyword arguments');
    const o = args[0];
    if (!o) throw err('TypeError', '__new__ expected at least 1 argument, got 0');
    if (args.length > 2) throw err('TypeError', `__new__ expected at most 2 arguments, got ${args.length}`);
    if (!canWeakref(o)) throw err('TypeError', `cannot create weak reference to '${b.tpNames.get(o.type) ?? o.type.name}' object`);
    const cb = args[1] && args[1] !== None ? args[1] : null;
    return heap.newWeakref(o, cb);
  };
  C.set(wrType, refCtor);
  // weakref___init__ only checks its arguments (the work is done by __new__).
  M(wrType, '__init__', (_s, a) => {
    b.argc(a, 1, 2, '__init__');
    return b.none();
  });
  const finalizeCtor = (args: PyObject[], kw: Kw): PyObject => {
    const [obj, func, ...rest] = args;
    if (!obj || !func) {
      const missing = (obj ? [] : ["'obj'"]).concat(["'func'"]);
      throw err('TypeError', `finalize.__init__() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${missing.join(' and ')}`);
    }
    if (!canWeakref(obj)) throw err('TypeError', `cannot create weak reference to '${b.tpNames.get(obj.type) ?? obj.type.name}' object`);
    heap.incref(func);
    for (const a of rest) heap.incref(a);
    let kwargs: PyDict | null = null;
    if (kw && kw.length) {
      kwargs = heap.track(heap.register(new PyDict()));
      for (const [k, v] of kw) {
        dictSetItem(heap, kwargs, rt.intern(k), v);
      }
    }
    const f = heap.track(heap.register(new PyFinalize(func, I.tupleOwned(rest), kwargs)));
    const cb = heap.register(new PyNative('_finalize_cb', () => {
      runFinalize(f);
      return b.none();
    }, f));
    heap.incref(f);
    f.wr = heap.newWeakref(obj, cb);
    heap.decref(cb);
    // The registry (finalize._registry) keeps the finalizer alive until it runs.
    heap.incref(f);
    finalizeRegistry.add(f);
    return f;
  };
  const finalizeRegistry = new Set<PyFinalize>();
  /** Takes func, args and kwargs out of a live finalizer (owned), and drops it from the registry. */
  const takeFinalize = (f: PyFinalize): [PyObject, PyTuple, PyDict | null] | null => {
    if (!f.func || !finalizeRegistry.has(f)) return null;
    const taken: [PyObject, PyTuple, PyDict | null] = [f.func, f.args!, f.kwargs];
    f.func = null;
    f.args = null;
    f.kwargs = null;
    const wr = f.wr;
    f.wr = null;
    if (wr) heap.decref(wr);
    finalizeRegistry.delete(f);
    heap.decref(f);
    return taken;
  };
  const runFinalize = (f: PyFinalize): PyObject => {
    const taken = takeFinalize(f);
    if (!taken) return b.none();
    const [func, args, kwargs] = taken;
    try {
      return I.call(func, args.items, kwargs ? [...kwargs.entries()].map(([k, v]) => [(k as PyStr).value, v] as [string, PyObject]) : null);
    } finally {
      heap.decref(func);
      heap.decref(args);
      if (kwargs) heap.decref(kwargs);
    }
  };
  /** detach()/peek()'s answer: (obj, func, args, kwargs or a new {}), all owned by the tuple. */
  const finalizeInfo = (obj: PyObject, func: PyObject, args: PyTuple, kwargs: PyDict | null): PyObject =>
    I.tupleOwned([obj, func, args, kwargs ?? heap.track(heap.register(new PyDict()))]);
  C.set(finalizeType, (args, kw) => finalizeCtor(args, kw));
  M(finalizeType, '__call__', (s) => runFinalize(s as PyFinalize));
  M(finalizeType, 'detach', (s) => {
    const f = s as PyFinalize;
    const obj = f.wr?.referent;
    if (!obj) return b.none();
    heap.incref(obj);
    const taken = takeFinalize(f);
    if (!taken) {
      heap.decref(obj);
      return b.none();
    }
    return finalizeInfo(obj, ...taken);
  });
  M(finalizeType, 'peek', (s) => {
    const f = s as PyFinalize;
    const obj = f.wr?.referent;
    if (!obj || !f.func || !f.args) return b.none();
    for (const x of [obj, f.func, f.args]) heap.incref(x);
    if (f.kwargs) heap.incref(f.kwargs);
    return finalizeInfo(obj, f.func, f.args, f.kwargs);
  });
  mod('weakref', {
    ref: wrType,
    ReferenceType: wrType,
    finalize: finalizeType,
    getweakrefcount: fn('getweakrefcount', (args, kw) => {
      checkOneArg(e, '_weakref.getweakrefcount', args, kw);
      return b.int((heap.weakrefsOf(args[0]!) ?? []).filter((w) => w.refcnt > 0).length);
    }),
    getweakrefs: fn('getweakrefs', (args, kw) => {
      checkOneArg(e, '_weakref.getweakrefs', args, kw);
      const l = (heap.weakrefsOf(args[0]!) ?? []).filter((w) => w.refcnt > 0);
      for (const w of l) heap.incref(w);
      return b.list(l);
    }),
  });
  const immortal = <T extends PyObject>(o: T): T => {
    o.gcFlags |= SHARED;
    o.addr = nativeAddr();
    return o;
  };
  for (const install of EXTENSIONS) install({ b, mod, fn, immortal });
  installTracemalloc(b);
  installIntrospection(b);
  installByteArray(b);
  installBuiltinSubclasses(b);
  // The class statement of compiled code (vm/machine/ops/classes.ts installs the hook).
  b.def('__build_class__', (args, kw) => {
    if (!b.buildClassHook) throw b.err('NotImplementedError', 'heaplab does not support calling __build_class__ directly');
    return b.buildClassHook(args, kw);
  });
  void functionType;
  void methodType;
  void cellType;
  void moduleType;
  void generatorType;
  void builtinFunctionType;
  void mayBeTracked;
  return b;
}

function PyGeneratorTypeRef(): PyType {
  return generatorType;
}

import { setAttrOnHeap as setAttrOnHeapRef } from '../attributes.js';

/** The inverse of a modulo m (0 <= a < m), or null when gcd(a, m) != 1 (extended Euclid, iterative). */
function modInverse(a: bigint, m: bigint): bigint | null {
  let [r0, r1] = [m, a];
  let [t0, t1] = [0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  if (r0 !== 1n) return null;
  return ((t0 % m) + m) % m;
}
