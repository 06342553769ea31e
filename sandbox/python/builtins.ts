/**
 * Builtins: the builtin functions and types' constructors, the methods of the builtin
 * types, operators on builtin values, repr, iteration, and the gc / sys / weakref modules.
 * Builtin functions and modules are not counted (SHARED with slot 0: their references are
 * not modelled). Natives return new references, to shared objects (None, True, small
 * ints) too: those are counted per sandbox.
 */
import type * as A from './ast.js';
import {
  Ellipsis, False, IMMORTAL, None, NotImplemented, PyBool, PyBytes, PyDict, PyFloat, PyInstance, PyInt,
  PyList, PyNative, PyObject, PySet, PyStr, PyTuple, PyType, PyWeakref, True, boolType,
  builtinFunctionType, bytesType, dictType, floatType, frozensetType, intType, listType, noneType,
  objectType, setType, strType, tupleType, typeType, weakrefType, GC_FINALIZED, GC_TRACKED,
} from '../objects.js';
import {
  dictClear, dictPop, dictReserve, dictSetItem, listAppend, listClear, listDelSlice, listExtend, listExtendPush, listExtendReserve, listExtendTrim,
  listPreallocateExact,
  listInsert, listPop, listResize, setAdd, setClear, setDiscard, keyId,
} from '../containers.js';
import { collect, freeze, freezeCount, unfreeze, DEBUG_COLLECTABLE, DEBUG_LEAK, DEBUG_SAVEALL, DEBUG_STATS, DEBUG_UNCOLLECTABLE } from '../collector.js';
import { getsizeof } from '../sizes.js';
import { refcountOf } from '../refcounts.js';
import { newBytes } from '../factory.js';
import { hexId } from '../heap.js';
import { mayBeTracked } from '../tracking.js';
import { reprStr } from '../repr.js';
import {
  PyCell, PyFrameObj, PyFunction, PyGenerator, PyIter, PyMethod, PyModule, PyRange, PySlice, PySuper, PyWrapper, PyTraceback,
  classmethodType, finalizeType, functionType, iterType, propertyType, rangeType, staticmethodType,
  superType, sliceType, generatorType, methodType, cellType, moduleType,
} from './pyobjects.js';
import { floatRepr, formatInt, roundFloat } from './format.js';
import type { Interpreter, Kw } from './interpreter.js';
import { BaseException, Raise, exceptionTypes } from './interpreter.js';
import { PyExtObject } from './extobject.js';
import { installTracemalloc } from './modules/tracemalloc.js';
import { frameAttr, installIntrospection } from './introspect.js';
import { installByteArray } from './types/bytearray.js';
import { installLinecache } from './modules/linecache.js';
import { PyMember, allocInstance } from '../slots.js';

type Impl = (args: PyObject[], kw: Map<string, PyObject> | null) => PyObject;
type Method = (self: PyObject, args: PyObject[], kw: Map<string, PyObject> | null) => PyObject;

let nextNativeAddr = 0x55d0c0b00000;
function shared(name: string, impl: Impl): PyNative {
  const n = new PyNative(name, impl);
  n.gcFlags |= IMMORTAL;
  n.addr = nextNativeAddr;
  nextNativeAddr += 0x48;
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
function hasDunders(o: PyObject): boolean {
  return o.type.isHeapType || o instanceof PyExtObject;
}

/** The exception attributes kept in an exception instance's payload (see interpreter.ts). */
const EXC_SLOTS: Record<string, number> = { __traceback__: 1, __context__: 2, __cause__: 3 };

export class Builtins {
  readonly names = new Map<string, PyObject>();
  readonly modules = new Map<string, PyModule>();
  readonly constructors = new Map<PyType, (args: PyObject[], kw: Kw) => PyObject>();
  readonly methods = new Map<PyType, Map<string, PyNative>>();
  private readonly methodNatives = new Set<PyNative>();
  /** Natives that are classmethods of builtin types (dict.fromkeys): bound to the class. */
  readonly classMethodNatives = new Set<PyNative>();
  readonly heap;
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
    const o = b ? True : False;
    this.heap.incref(o);
    return o;
  }

  /** None, as a new reference. */
  none(): PyObject {
    this.heap.incref(None);
    return None;
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

  method(t: PyType, name: string, m: Method): void {
    let tbl = this.methods.get(t);
    if (!tbl) {
      tbl = new Map();
      this.methods.set(t, tbl);
    }
    const n = shared(name, (args, kw) => {
      if (args.length === 0) throw this.err('TypeError', `unbound method ${t.name}.${name}() needs an argument`);
      return m(args[0]!, args.slice(1), kw);
    });
    tbl.set(name, n);
    this.methodNatives.add(n);
    t.native.set(name, n);
  }

  /** A classmethod of a builtin type: `m` gets the class (the type itself, or an instance's type). */
  classMethod(t: PyType, name: string, m: Method): void {
    this.method(t, name, (s, a, kw) => m(s instanceof PyType && s.isSubtypeOf(t) ? s : s.type, a, kw));
    this.classMethodNatives.add(this.methods.get(t)!.get(name)!);
  }

  /** The native method `name` for obj's builtin type (borrowed), or null. */
  nativeMethod(obj: PyObject, name: string): PyNative | null {
    for (const t of obj.type.mro) {
      const m = this.methods.get(t)?.get(name);
      if (m) return m;
    }
    return null;
  }

  superNative(t: PyType, obj: PyObject, name: string): PyObject | null {
    const m = this.methods.get(t)?.get(name);
    if (!m) {
      if (name === '__init__' || name === '__del__') return this.boundNative(this.noop, obj);
      return null;
    }
    return this.boundNative(m, obj);
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

  repr(o: PyObject, active: Set<PyObject> = new Set()): string {
    const I = this.I;
    if (o === None) return 'None';
    if (o === True) return 'True';
    if (o === False) return 'False';
    if (o === Ellipsis) return 'Ellipsis';
    if (o === NotImplemented) return 'NotImplemented';
    if (o instanceof PyInt) return String(o.value);
    if (o instanceof PyFloat) return floatRepr(o.value);
    if (o instanceof PyStr) return reprStr(o.value);
    if (o instanceof PyBytes) return "b'" + Array.from(o.value, (b) => (b >= 0x20 && b < 0x7f && b !== 0x27 && b !== 0x5c ? String.fromCharCode(b) : b === 0x27 ? "\\'" : b === 0x5c ? '\\\\' : b === 10 ? '\\n' : '\\x' + b.toString(16).padStart(2, '0'))).join('') + "'";
    if (o.type.isHeapType) {
      const m = o.type.lookup('__repr__');
      if (m instanceof PyFunction) {
        const r = I.callDunder(m, o, []);
        try {
          if (!(r instanceof PyStr)) throw this.err('TypeError', `__repr__ returned non-string (type ${r.type.name})`);
          return r.value;
        } finally {
          this.heap.decref(r);
        }
      }
    }
    if (o instanceof PyExtObject) return o.repr();
    if (o instanceof PyMember) return `<member '${o.name}' of '${o.owner.name}' objects>`;
    if (o === weakrefType) return "<class 'weakref.ReferenceType'>";
    if (o instanceof PyType) return o.isHeapType ? `<class '${o.module}.${o.name}'>` : `<class '${o.name}'>`;
    if (o instanceof PyList || o instanceof PyTuple || o instanceof PyDict || o instanceof PySet) {
      if (active.has(o)) return o instanceof PyList ? '[...]' : o instanceof PyDict ? '{...}' : '(...)';
      if (active.size > 200) throw this.err('RecursionError', 'maximum recursion depth exceeded while getting the repr of an object');
      active.add(o);
      try {
        if (o instanceof PyList) return '[' + o.items.slice().map((i) => this.repr(i, active)).join(', ') + ']';
        if (o instanceof PyTuple) {
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
      return r ? `<weakref at ${hexId(o.addr)}; to '${r.type.isHeapType ? r.type.module + '.' : ''}${r.type.name}' at ${hexId(r.addr)}>` : `<weakref at ${hexId(o.addr)}; dead>`;
    }
    if (o instanceof PyFunction) return `<function ${o.code.qualname} at ${hexId(o.addr)}>`;
    if (o instanceof PyMethod) {
      const fn = o.func;
      const q = fn instanceof PyFunction ? fn.code.qualname : '?';
      return `<bound method ${q} of ${this.repr(o.self!, active)}>`;
    }
    if (o instanceof PyNative) {
      if (o.self) return `<built-in method ${o.name} of ${o.self.type.name} object at ${hexId(o.self.addr)}>`;
      return `<built-in function ${o.name}>`;
    }
    if (o instanceof PyModule) return `<module '${o.name}' (built-in)>`;
    if (o instanceof PyGenerator) return `<generator object ${o.qualname} at ${hexId(o.addr)}>`;
    if (o instanceof PyRange) return o.step === 1 ? `range(${o.start}, ${o.stop})` : `range(${o.start}, ${o.stop}, ${o.step})`;
    if (o instanceof PyCell) return o.ref ? `<cell at ${hexId(o.addr)}: ${o.ref.type.name} object at ${hexId(o.ref.addr)}>` : `<cell at ${hexId(o.addr)}: empty>`;
    if (o instanceof PySlice) return `slice(${this.repr(o.start)}, ${this.repr(o.stop)}, ${this.repr(o.step)})`;
    if (o instanceof PyIter && o.seq instanceof PyDict && /^dict_(keys|values|items)$/.test(o.type.name)) {
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
    if (o.type === finalizeType) {
      const f = o as PyFinalize;
      const r = f.wr?.referent;
      return r ? `<finalize object at ${hexId(o.addr)}; for '${r.type.name}' at ${hexId(r.addr)}>` : `<finalize object at ${hexId(o.addr)}; dead>`;
    }
    const mod = o.type.isHeapType ? o.type.module + '.' : '';
    return `<${mod}${o.type.name} object at ${hexId(o.addr)}>`;
  }

  // ---------------------------------------------------------------- iteration

  seqIter(name: string, seq: PyObject & { items: PyObject[] }): PyIter {
    const it = new PyIter(iterType(name), seq, (self) => {
      const s = self.seq as (PyObject & { items: PyObject[] }) | null;
      if (!s) return null;
      if (self.index < s.items.length) {
        const v = s.items[self.index++]!;
        this.heap.incref(v);
        return v;
      }
      self.seq = null;
      this.heap.decref(s);
      return null;
    });
    it.hint = () => (it.seq ? Math.max(0, seq.items.length - it.index) : 0);
    this.heap.incref(seq);
    return this.heap.track(this.heap.register(it));
  }

  getIter(o: PyObject): PyObject {
    const heap = this.heap;
    if (o instanceof PyList) return this.seqIter('list_iterator', o);
    if (o instanceof PyTuple) return this.seqIter('tuple_iterator', o);
    if (o instanceof PyRange) {
      let cur = o.start;
      const { step } = o;
      let n = o.length;
      const it = heap.register(new PyIter(iterType('range_iterator'), null, () => {
        if (n <= 0) return null;
        n--;
        const v = cur;
        cur += step;
        return this.int(v);
      }));
      it.hint = () => Math.max(0, n);
      return it;
    }
    if (o instanceof PyIter || o instanceof PyGenerator) {
      if (o instanceof PyIter && o.seq instanceof PyDict && /^dict_(keys|values|items)$/.test(o.type.name)) {
        return this.dictIter(o.seq, o.type.name.slice(5) as 'keys');
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
    if (m) {
      const r = this.I.callDunder(m, o, []);
      if (!(r instanceof PyIter || r instanceof PyGenerator || this.I.dunder(r, '__next__'))) {
        heap.decref(r);
        throw this.err('TypeError', `iter() returned non-iterator of type '${r.type.name}'`);
      }
      return r;
    }
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
      return this.I.tupleOwned([k, v]);
    });
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
    if (hasDunders(a) || hasDunders(b)) {
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

  /** Ordering of builtin values: negative/0/positive, NaN for unordered, null if incomparable. */
  cmp(a: PyObject, b: PyObject): number | null {
    const I = this.I;
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
    if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) {
      const x = a.items;
      const y = b.items;
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        if (x[i] === y[i] || I.eq(x[i]!, y[i]!)) continue;
        if (I.truthConsume(I.richCompare('Lt', x[i]!, y[i]!))) return -1;
        return 1;
      }
      return x.length - y.length;
    }
    if (a instanceof PySet && b instanceof PySet) {
      const sub = [...a.index.keys()].every((k) => b.index.has(k));
      const sup = [...b.index.keys()].every((k) => a.index.has(k));
      if (sub && sup) return 0;
      if (sub) return -1;
      if (sup) return 1;
      return null;
    }
    return null;
  }

  eqBuiltin(a: PyObject, b: PyObject): boolean | null {
    if (a instanceof PyDict && b instanceof PyDict) {
      if (a.size !== b.size) return false;
      for (const [k, v] of a.entries()) {
        const j = b.index.get(keyId(k));
        if (j === undefined) return false;
        const w = b.values[j]!;
        if (v !== w && !this.I.eq(v, w)) return false;
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
    if (hasDunders(a) || hasDunders(b)) {
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
      const mb = I.dunder(b, `__r${name}__`);
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
        // list_inplace_repeat: one list_resize to the final size, then the copies
        const orig = a.items.slice();
        if (orig.length > 0 && n !== 1n) {
          if (n <= 0n) listClear(this.heap, a);
          else {
            listResize(a, orig.length * Number(n));
            for (let i = 1n; i < n; i++) {
              for (const x of orig) this.heap.incref(x);
              a.items.push(...orig);
            }
          }
        }
      }
      this.heap.incref(a);
      return a;
    }
    if (inplace && a instanceof PySet && a.type === setType && b instanceof PySet && (op === 'BitOr' || op === 'BitAnd' || op === 'Sub' || op === 'BitXor')) {
      if (op === 'BitOr') for (const x of [...b.items()]) setAdd(this.heap, a, x);
      else if (op === 'Sub') for (const x of [...b.items()]) setDiscard(this.heap, a, x);
      else {
        const r = this.binop(op, a, b, false) as PySet;
        setClear(this.heap, a);
        for (const x of [...r.items()]) setAdd(this.heap, a, x);
        this.heap.decref(r);
      }
      this.heap.incref(a);
      return a;
    }
    const r = this.numeric(op, a, b);
    if (r) return r;
    const heap = this.heap;
    if (op === 'Add') {
      if (a instanceof PyStr && b instanceof PyStr) return this.str(a.value + b.value);
      if (a instanceof PyList && b instanceof PyList) {
        const items = [...a.items, ...b.items];
        for (const x of items) heap.incref(x);
        return this.list(items);
      }
      if (a instanceof PyTuple && b instanceof PyTuple) {
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
        const k = n < 0n ? 0 : Number(n);
        if (seq instanceof PyStr) return this.str(seq.value.repeat(k));
        const items: PyObject[] = [];
        for (let i = 0; i < k; i++) items.push(...seq.items);
        for (const x of items) heap.incref(x);
        return seq instanceof PyList ? this.list(items) : I.tupleOwned(items);
      }
      if (a instanceof PyStr || a instanceof PyList || a instanceof PyTuple) throw this.err('TypeError', `can't multiply sequence by non-int of type '${b.type.name}'`);
    }
    if (a instanceof PyBytes && b instanceof PyBytes && op === 'Add') {
      const out = new Uint8Array(a.value.length + b.value.length);
      out.set(a.value);
      out.set(b.value, a.value.length);
      return newBytes(heap, out);
    }
    if (a instanceof PyBytes && isIntLike(b) && op === 'Mult') {
      const k = Math.max(0, Number(bigOf(b)));
      const out = new Uint8Array(a.value.length * k);
      for (let i = 0; i < k; i++) out.set(a.value, i * a.value.length);
      return newBytes(heap, out);
    }
    if (op === 'Mod' && a instanceof PyStr) return this.str(this.percentFormat(a.value, b));
    if (a instanceof PySet && b instanceof PySet) {
      const out = heap.track(heap.register(new PySet(a.type)));
      const add = (x: PyObject): void => setAdd(heap, out, x);
      const A = [...a.items()];
      const B = [...b.items()];
      if (op === 'BitOr') { A.forEach(add); B.forEach(add); return out; }
      if (op === 'BitAnd') { A.filter((x) => b.index.has(keyId(x))).forEach(add); return out; }
      if (op === 'Sub') { A.filter((x) => !b.index.has(keyId(x))).forEach(add); return out; }
      if (op === 'BitXor') { A.filter((x) => !b.index.has(keyId(x))).forEach(add); B.filter((x) => !a.index.has(keyId(x))).forEach(add); return out; }
      heap.decref(out);
    }
    if (op === 'BitOr' && a instanceof PyDict && b instanceof PyDict) {
      const d = heap.register(new PyDict());
      for (const [k, v] of a.entries()) dictSetItem(heap, d, k, v);
      for (const [k, v] of b.entries()) dictSetItem(heap, d, k, v);
      return d;
    }
    throw this.err('TypeError', `unsupported operand type(s) for ${OPSYM[op]}: '${a.type.name}' and '${b.type.name}'`);
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

  unary(op: A.UnaryOperator, v: PyObject): PyObject {
    const I = this.I;
    if (v.type.isHeapType) {
      const m = I.dunder(v, op === 'USub' ? '__neg__' : op === 'UAdd' ? '__pos__' : '__invert__');
      if (m) return I.callDunder(m, v, []);
    }
    if (isIntLike(v)) {
      const x = v instanceof PyInt ? v.value : v.value ? 1 : 0;
      if (op === 'USub') return typeof x === 'number' ? I.int(-x) : I.int(-x);
      if (op === 'UAdd') return I.int(x);
      return typeof x === 'number' ? I.int(~x) : I.int(~x);
    }
    if (v instanceof PyFloat) {
      if (op === 'USub') return I.float(-v.value);
      if (op === 'UAdd') return I.float(v.value);
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
        else if (isIntLike(v)) s = String(bigOf(v));
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
      case '__qualname__': return this.str(t === weakrefType ? 'ReferenceType' : t.name);
      case '__module__': if (!t.isHeapType) return this.str('builtins'); return null;
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
        if (t.dict) {
          // mappingproxy stand-in: a view sharing the class dict
          heap.incref(t.dict);
          return t.dict;
        }
        return null;
      }
      case '__class__': heap.incref(t.type); return t.type;
      case '__doc__': if (!t.isHeapType) return this.none(); return null;
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
        case '__doc__': return this.none();
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
      if (name === 'gi_frame') return o.frame && !o.finished ? this.str('<frame>') : this.none();
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
    if (o instanceof PyFinalize) {
      if (name === 'alive') return this.bool(o.alive());
      if (name === 'atexit') return this.bool(true);
    }
    if (o instanceof PyWrapper) {
      if (name === '__func__' || name === 'fget') { const f = o.items[0] ?? None; heap.incref(f); return f; }
      if (name === 'fset') { const f = o.items[1] ?? None; heap.incref(f); return f; }
      if (o.type === propertyType && (name === 'setter' || name === 'getter' || name === 'deleter')) {
        heap.incref(o);
        return heap.register(new PyNative(name, (args) => {
          const f = args[0]!;
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

  // ---------------------------------------------------------------- list slice assignment

  listSetSlice(l: PyList, s: PySlice, vals: PyObject[]): void {
    const heap = this.heap;
    const [a, b, st] = this.I.sliceIndices(s, l.items.length);
    if (st === 1) {
      const stop = Math.max(a, b);
      for (const v of vals) heap.incref(v);
      const removed = l.items.splice(a, stop - a, ...vals);
      const n = l.items.length;
      l.items.length = n;
      if (vals.length !== removed.length) {
        const alloc = l.allocated;
        listResize(l, n);
        if (alloc === l.allocated && n > alloc) l.allocated = n;
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

  hash(o: PyObject): PyObject {
    const m = this.I.dunder(o, '__hash__');
    if (m) return this.I.callDunder(m, o, []);
    if (m === undefined && o.type.isHeapType && o.type.lookup('__hash__') === None) throw this.err('TypeError', `unhashable type: '${o.type.name}'`);
    const id = this.I.keyId(o);
    if (typeof id === 'number') return this.int(id === -1 ? -2 : id);
    if (o instanceof PyInstance || o.type.isHeapType || id.startsWith('a')) return this.int(Math.floor(o.addr / 16));
    let h = 0n;
    for (const ch of id) h = (h * 1000003n + BigInt(ch.codePointAt(0)!)) & 0x7fffffffffffffffn;
    return this.int(h);
  }
}

/** weakref.finalize: a weakref with a callback that calls func(*args, **kwargs) once. */
export class PyFinalize extends PyObject {
  wr: PyWeakref | null = null;
  constructor(
    public func: PyObject | null,
    public args: PyObject[],
    public kwargs: [string, PyObject][],
  ) {
    super(finalizeType);
  }
  alive(): boolean {
    return this.func !== null;
  }
  override traverse(visit: (o: PyObject) => void): void {
    if (this.func) visit(this.func);
    for (const a of this.args) visit(a);
    for (const [, v] of this.kwargs) visit(v);
  }
  override clearRefs(out: PyObject[]): void {
    if (this.func) out.push(this.func);
    for (const a of this.args) out.push(a);
    for (const [, v] of this.kwargs) out.push(v);
    this.func = null;
    this.args = [];
    this.kwargs = [];
  }
  override releaseRefs(out: PyObject[]): void {
    this.clearRefs(out);
    if (this.wr) out.push(this.wr);
    this.wr = null;
  }
}

export function installBuiltins(I: Interpreter): Builtins {
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
  b.def('print', (args, kw) => {
    const sep = kw?.get('sep');
    const end = kw?.get('end');
    const file = kw?.get('file');
    const s = args.map((a) => I.str(a)).join(sep && sep !== None ? I.str(sep) : ' ') + (end && end !== None ? I.str(end) : '\n');
    const stream = file && file instanceof PyModule === false && (file as PyObject & { stream?: string }).stream === 'stderr' ? 'stderr' : 'stdout';
    rt.write(s, stream);
    return b.none();
  });
  b.def('len', (args) => {
    b.argc(args, 1, 1, 'len');
    return b.int(I.len(args[0]!));
  });
  b.def('repr', (args) => {
    b.argc(args, 1, 1, 'repr');
    return b.str(I.repr(args[0]!));
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
      return b.int(x < 0n ? -x : x);
    }
    if (v instanceof PyFloat) return I.float(Math.abs(v.value));
    const m = I.dunder(v, '__abs__');
    if (m) return I.callDunder(m, v, []);
    throw err('TypeError', `bad operand type for abs(): '${v.type.name}'`);
  });
  b.def('callable', (args) => {
    const o = args[0]!;
    return b.bool(o instanceof PyFunction || o instanceof PyNative || o instanceof PyMethod || o instanceof PyType || (o.type.isHeapType && o.type.lookup('__call__') !== undefined) || o instanceof PyFinalize);
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
  const minmax = (name: string, sign: number) => (args: PyObject[], kw: Map<string, PyObject> | null): PyObject => {
    const key = kw?.get('key');
    const dflt = kw?.get('default');
    const items = args.length === 1 ? I.toArray(args[0]!) : args.map(incret);
    try {
      if (items.length === 0) {
        if (dflt) return incret(dflt);
        throw err('ValueError', `${name}() arg is an empty sequence`);
      }
      let best = items[0]!;
      let bestK = key && key !== None ? I.call(key, [incret(best)], null) : incret(best);
      try {
        for (let i = 1; i < items.length; i++) {
          const k = key && key !== None ? I.call(key, [incret(items[i]!)], null) : incret(items[i]!);
          const better = I.truthConsume(I.richCompare(sign > 0 ? 'Gt' : 'Lt', k, bestK));
          if (better) {
            heap.decref(bestK);
            bestK = k;
            best = items[i]!;
          } else heap.decref(k);
        }
      } finally {
        heap.decref(bestK);
      }
      return incret(best);
    } finally {
      for (const x of items) heap.decref(x);
    }
  };
  b.def('min', minmax('min', -1));
  b.def('max', minmax('max', 1));
  b.def('sum', (args, kw) => {
    const given = args[1] ?? kw?.get('start');
    // One item at a time, each released once added (a generator's items never coexist).
    const it = b.getIter(args[0]!);
    let acc = given ? incret(given) : smallZero();
    try {
      for (let x = I.next(it); x !== null; x = I.next(it)) {
        let n: PyObject;
        try {
          n = I.binop('Add', acc, x, false);
        } finally {
          heap.decref(x);
        }
        heap.decref(acc);
        acc = n;
      }
      return acc;
    } catch (e) {
      heap.decref(acc);
      throw e;
    } finally {
      heap.decref(it);
    }
  });
  const smallZero = (): PyObject => b.int(0);
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
      sortList(l, kw);
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
    try {
      idx.sort((i, j) => {
        if (I.truthConsume(I.richCompare('Lt', keys[j]!, keys[i]!))) return rev ? -1 : 1;
        if (I.truthConsume(I.richCompare('Lt', keys[i]!, keys[j]!))) return rev ? 1 : -1;
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
  b.def('reversed', (args) => {
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
  b.def('enumerate', (args, kw) => {
    const it = I.getIter(args[0]!);
    const start = args[1] ?? kw?.get('start');
    let n = start ? Number(bigOf(start) ?? 0n) : 0;
    return b.jsIter('enumerate', [it], () => {
      const v = I.next(it);
      if (v === null) return null;
      return I.tupleOwned([b.int(n++), v]);
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
  b.def('zip', (args) => {
    const its: PyObject[] = [];
    try {
      for (const a of args) its.push(I.getIter(a));
    } catch (e) {
      for (const x of its) heap.decref(x);
      throw e;
    }
    return b.jsIter('zip', its, () => {
      if (its.length === 0) return null;
      const vals = nextOfEach(its);
      return vals && I.tupleOwned(vals);
    });
  });
  b.def('map', (args) => {
    const fn = args[0]!;
    const its = args.slice(1).map((a) => I.getIter(a));
    heap.incref(fn);
    return b.jsIter('map', [fn, ...its], () => {
      const vals = nextOfEach(its);
      if (vals === null) return null;
      return I.call(fn, vals, null);
    });
  });
  b.def('filter', (args) => {
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
  b.def('pow', (args) => I.binop('Pow', args[0]!, args[1]!, false));
  b.def('chr', (args) => b.str(String.fromCodePoint(Number(bigOf(args[0]!)))));
  b.def('ord', (args) => {
    const s = args[0] as PyStr;
    const chars = [...s.value];
    if (chars.length !== 1) throw err('TypeError', `ord() expected a character, but string of length ${chars.length} found`);
    return b.int(chars[0]!.codePointAt(0)!);
  });
  const radix = (prefix: string, base: number) => (args: PyObject[]): PyObject => {
    const x = bigOf(args[0]!);
    if (x === null) throw err('TypeError', `'${args[0]!.type.name}' object cannot be interpreted as an integer`);
    return b.str((x < 0n ? '-' : '') + prefix + (x < 0n ? -x : x).toString(base));
  };
  b.def('hex', radix('0x', 16));
  b.def('oct', radix('0o', 8));
  b.def('bin', radix('0b', 2));
  b.def('format', (args) => b.str(I.format(args[0]!, args[1] ? (args[1] as PyStr).value : '', false)));
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
  b.def('dir', (args) => {
    const o = args[0];
    const names = new Set<string>();
    if (o instanceof PyInstance) {
      for (const n of o.dict ? [...o.dict.entries()].map(([k]) => (k as PyStr).value) : o.attrNames) names.add(n);
    }
    const t = o instanceof PyType ? o : o?.type;
    for (const x of t?.mro ?? []) {
      if (x.dict) for (const [k] of x.dict.entries()) names.add((k as PyStr).value);
      for (const k of x.native.keys()) names.add(k);
    }
    const l = b.list([...names].sort().map((n) => b.str(n)));
    return l;
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
    if (v instanceof PyFloat) return incret(v);
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
  C.set(strType, (args) => (args.length ? (args[0]!.type === strType ? incret(args[0]!) : b.str(I.str(args[0]!))) : b.str('')));
  C.set(bytesType, (args) => {
    const v = args[0];
    if (!v) return newBytes(heap, new Uint8Array());
    if (isIntLike(v)) return newBytes(heap, new Uint8Array(Number(bigOf(v))));
    if (v instanceof PyStr) return newBytes(heap, new TextEncoder().encode(v.value));
    const items = I.toArray(v);
    for (const x of items) heap.decref(x);
    return newBytes(heap, Uint8Array.from(items.map((x) => Number(bigOf(x)))));
  });
  C.set(listType, (args) => {
    heap.allocTracer?.viaTypeCall();
    const l = b.list([]);
    if (args.length) {
      try {
        // list___init__: an iterable with a length presizes exactly, then list_extend
        const src = args[0]!;
        if (hasLen(src)) {
          const n = I.len(src);
          if (n > 0 && l.noArray) listPreallocateExact(l, n);
        }
        listExtendFrom(l, src);
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
    (o instanceof PyIter && o.seq instanceof PyDict && /^dict_(keys|values|items)$/.test(o.type.name)) ||
    Boolean(I.dunder(o, '__len__'));
  /** PyObject_LengthHint(o, 8): len(o) if it has one, else the iterator's __length_hint__, else 8. */
  const lengthHint = (o: PyObject): number => {
    if (hasLen(o)) return I.len(o);
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
      listExtendReserve(l, lengthHint(src));
      for (;;) {
        const v = I.next(it);
        if (v === null) break;
        listExtendPush(heap, l, v);
        heap.decref(v);
      }
      listExtendTrim(l);
    } finally {
      heap.decref(it);
    }
  };
  C.set(tupleType, (args) => {
    if (!args.length) return I.tupleOwned([]);
    if (args[0] instanceof PyTuple && args[0].type === tupleType) return incret(args[0]);
    return I.tupleOwned(I.toArray(args[0]!));
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
    const s = heap.track(heap.register(new PySet(frozen ? frozensetType : setType)));
    if (args.length) {
      const items = I.toArray(args[0]!);
      try {
        for (const x of items) setAdd(heap, s, x);
      } catch (e) {
        heap.decref(s);
        throw e;
      } finally {
        for (const x of items) heap.decref(x);
      }
    }
    return s;
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
  C.set(superType, (args) => {
    let cls: PyObject;
    let obj: PyObject;
    if (args.length === 2) {
      cls = args[0]!;
      obj = args[1]!;
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
    heap.incref(cls);
    heap.incref(obj);
    return heap.track(heap.register(new PySuper(cls, obj)));
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
    return listPop(l, i);
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
    const d = asDict(s);
    const i = d.index.get(I.keyId(a[0]!));
    return incret(i === undefined ? (a[1] ?? None) : d.values[i]!);
  });
  M(dictType, 'keys', (s) => b.dictView(asDict(s), 'keys'));
  M(dictType, 'values', (s) => b.dictView(asDict(s), 'values'));
  M(dictType, 'items', (s) => b.dictView(asDict(s), 'items'));
  M(dictType, 'pop', (s, a) => {
    const d = asDict(s);
    I.keyId(a[0]!);
    const v = dictPop(heap, d, a[0]!);
    if (v !== undefined) return v;
    if (a.length > 1) return incret(a[1]!);
    heap.incref(a[0]!);
    throw I.keyError(a[0]!);
  });
  M(dictType, 'popitem', (s) => {
    const d = asDict(s);
    for (let i = d.keys.length - 1; i >= 0; i--) {
      const k = d.keys[i];
      if (!k) continue;
      heap.incref(k);
      const v = dictPop(heap, d, k)!;
      return I.tupleOwned([k, v]);
    }
    throw err('KeyError', "'popitem(): dictionary is empty'");
  });
  M(dictType, 'setdefault', (s, a) => {
    const d = asDict(s);
    const i = d.index.get(I.keyId(a[0]!));
    if (i !== undefined) return incret(d.values[i]!);
    const v = a[1] ?? None;
    dictSetItem(heap, d, a[0]!, v);
    return incret(v);
  });
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
          dictReserve(d, src.size, src.unicodeKeys);
          for (const [k] of [...src.entries()]) dictSetItem(heap, d, k, value);
          return d;
        }
        if (src instanceof PySet && (src.type === setType || src.type === frozensetType)) {
          dictReserve(d, src.size, false);
          for (const k of [...src.items()]) dictSetItem(heap, d, k, value);
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
              I.keyId(k);
              dictSetItem(heap, d, k, value);
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
    for (const [k, v] of asDict(s).entries()) dictSetItem(heap, d, k, v);
    return d;
  });

  const asSet = (o: PyObject): PySet => o as PySet;
  M(setType, 'add', (s, a) => {
    I.keyId(a[0]!);
    setAdd(heap, asSet(s), a[0]!);
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
    throw err('KeyError', "'pop from an empty set'");
  });
  M(setType, 'clear', (s) => {
    setClear(heap, asSet(s));
    return b.none();
  });
  M(setType, 'update', (s, a) => {
    for (const src of a) {
      const items = I.toArray(src);
      for (const x of items) {
        setAdd(heap, asSet(s), x);
        heap.decref(x);
      }
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
    M(t, 'issubset', (s, a) => b.bool([...asSet(s).index.keys()].every((k) => (a[0] as PySet).index.has(k))));
    M(t, 'issuperset', (s, a) => b.bool([...(a[0] as PySet).index.keys()].every((k) => asSet(s).index.has(k))));
    M(t, 'copy', (s) => makeSet(t === frozensetType)([s]));
  }

  const S = (o: PyObject): string => (o as PyStr).value;
  const strArg = (o: PyObject | undefined, fn: string): string => {
    if (!(o instanceof PyStr)) throw err('TypeError', `${fn} arg must be None or str`);
    return o.value;
  };
  M(strType, 'upper', (s) => b.str(S(s).toUpperCase()));
  M(strType, 'lower', (s) => b.str(S(s).toLowerCase()));
  M(strType, 'title', (s) => b.str(S(s).replace(/[A-Za-z]+/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())));
  M(strType, 'capitalize', (s) => b.str(S(s).charAt(0).toUpperCase() + S(s).slice(1).toLowerCase()));
  M(strType, 'swapcase', (s) => b.str([...S(s)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')));
  const stripper = (mode: 'both' | 'l' | 'r') => (s: PyObject, a: PyObject[]): PyObject => {
    const chars = a[0] && a[0] !== None ? strArg(a[0], 'strip') : null;
    let v = S(s);
    const isStrip = (c: string): boolean => (chars === null ? /\s/.test(c) : chars.includes(c));
    if (mode !== 'r') while (v.length && isStrip(v[0]!)) v = v.slice(1);
    if (mode !== 'l') while (v.length && isStrip(v[v.length - 1]!)) v = v.slice(0, -1);
    return b.str(v);
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
    if (!sepO || sepO === None) {
      parts = [];
      let rest = v.replace(/^\s+/, '');
      while (rest.length) {
        if (max >= 0 && parts.length === max) {
          parts.push(rest.replace(/\s+$/, ''));
          rest = '';
          break;
        }
        const m = /^(\S+)\s*/.exec(rest)!;
        parts.push(m[1]!);
        rest = rest.slice(m[0].length);
      }
    } else {
      const sep = S(sepO);
      if (!sep) throw err('ValueError', 'empty separator');
      parts = v.split(sep);
      if (max >= 0 && parts.length > max + 1) parts = [...parts.slice(0, max), parts.slice(max).join(sep)];
    }
    // stringlib split: PyList_New(PREALLOC_SIZE(maxsplit)), at most 12 slots, then appends
    return listOfParts(parts, max >= 0 && max < 12 ? max + 1 : 12);
  });
  /** A list of new strs built as the C splitters do: `prealloc` slots, then PyList_Append. */
  const listOfParts = (parts: string[], prealloc: number): PyList => {
    const l = b.list([]);
    if (prealloc > 0) listPreallocateExact(l, prealloc);
    l.allocated = prealloc;
    for (const p of parts) {
      const v = b.str(p);
      listExtendPush(heap, l, v);
      heap.decref(v);
    }
    return l;
  };
  M(strType, 'splitlines', (s) => listOfParts(S(s).split(/\r\n|\r|\n/).filter((x, i, arr) => i < arr.length - 1 || x !== ''), 0));
  M(strType, 'join', (s, a) => {
    const items = I.toArray(a[0]!);
    try {
      return b.str(items.map((x, i) => {
        if (!(x instanceof PyStr)) throw err('TypeError', `sequence item ${i}: expected str instance, ${x.type.name} found`);
        return x.value;
      }).join(S(s)));
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
    if (n < 0) return b.str(v.split(from).join(to));
    const parts = v.split(from);
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
  M(strType, 'isspace', (s) => b.bool(/^\s+$/.test(S(s))));
  M(strType, 'isupper', (s) => b.bool(/[A-Z]/.test(S(s)) && S(s) === S(s).toUpperCase()));
  M(strType, 'islower', (s) => b.bool(/[a-z]/.test(S(s)) && S(s) === S(s).toLowerCase()));
  M(strType, 'isidentifier', (s) => b.bool(/^[A-Za-z_]\w*$/.test(S(s))));
  const justify = (mode: string) => (s: PyObject, a: PyObject[]): PyObject => {
    const w = Number(bigOf(a[0]!));
    const fill = a[1] ? S(a[1]) : ' ';
    const v = S(s);
    const n = w - [...v].length;
    if (n <= 0) return b.str(v);
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
    const v = S(s);
    if (v.length >= w) return b.str(v);
    const sign = v[0] === '-' || v[0] === '+' ? v[0] : '';
    return b.str(sign + '0'.repeat(w - v.length) + v.slice(sign.length));
  });
  M(strType, 'encode', (s) => newBytes(heap, new TextEncoder().encode(S(s))));
  M(strType, 'format', (s, a, kw) => {
    let auto = 0;
    const out = S(s).replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, field: string | undefined) => {
      if (m === '{{') return '{';
      if (m === '}}') return '}';
      const f = field ?? '';
      const [head, spec = ''] = splitOnce(f, ':');
      const [nameConv, conv] = splitOnce(head!, '!');
      const nm = nameConv!;
      let v: PyObject | undefined;
      const path = nm.split('.');
      const first = path[0]!;
      if (first === '') v = a[auto++];
      else if (/^\d+$/.test(first)) v = a[Number(first)];
      else v = kw?.get(first);
      if (!v) throw err(first === '' || /^\d+$/.test(first) ? 'IndexError' : 'KeyError', first === '' || /^\d+$/.test(first) ? `Replacement index ${first || auto - 1} out of range for positional args tuple` : `'${first}'`);
      let owned = false;
      for (const attr of path.slice(1)) {
        const n = I.getAttr(v!, attr);
        if (owned) heap.decref(v!);
        v = n;
        owned = true;
      }
      try {
        if (conv === 'r') return I.format(I.reprObj(v!), spec, true);
        if (conv === 's') return I.format(I.strObjTmp(v!), spec, true);
        return I.format(v!, spec, false);
      } finally {
        if (owned) heap.decref(v!);
      }
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
  M(objectType, '__repr__', (s) => b.str(`<${s.type.isHeapType ? s.type.module + '.' : ''}${s.type.name} object at ${hexId(s.addr)}>`));
  M(objectType, '__str__', (s) => b.str(I.repr(s)));
  M(objectType, '__eq__', (s, a) => (s === a[0] ? b.bool(true) : b.notImplemented()));
  M(objectType, '__hash__', (s) => b.int(Math.floor(s.addr / 16)));
  M(objectType, '__setattr__', (s, a) => {
    setAttrRaw(s, S(a[0]!), a[1]!);
    return b.none();
  });
  M(objectType, '__getattribute__', (s, a) => I.getAttr(s, S(a[0]!)));
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
  M(BaseException, '__init__', () => b.none());
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
    const g = s as PyGenerator;
    g.finished = true;
    g.it = null;
    I.finishGen(g);
    return b.none();
  });
  M(PyGeneratorTypeRef(), '__next__', (s) => {
    const v = I.genNext(s as PyGenerator);
    if (v === null) throw I.stopIteration(s);
    return v;
  });
  M(weakrefType, '__call__', (s) => incret((s as PyWeakref).referent ?? None));

  // ------------------------------------------------------------ modules
  const mod = (name: string, attrs: Record<string, PyObject>): PyModule => {
    const m = new PyModule(name, new Map(Object.entries(attrs)));
    m.gcFlags |= IMMORTAL;
    m.addr = nextNativeAddr;
    nextNativeAddr += 0x48;
    b.modules.set(name, m);
    return m;
  };
  const fn = (name: string, impl: Impl): PyNative => shared(name, impl);
  const gcArgInt = (o: PyObject | undefined, d: number): number => (o === undefined ? d : Number(bigOf(o)));
  const stderr = Object.assign(heap.register(new PyInstance(objectType)), { stream: 'stderr' });
  stderr.gcFlags |= IMMORTAL;
  const stdout = Object.assign(heap.register(new PyInstance(objectType)), { stream: 'stdout' });
  stdout.gcFlags |= IMMORTAL;
  mod('gc', {
    enable: fn('enable', () => { heap.enabled = true; return b.none(); }),
    disable: fn('disable', () => { heap.enabled = false; return b.none(); }),
    isenabled: fn('isenabled', () => b.bool(heap.enabled)),
    collect: fn('collect', (args, kw) => {
      const g = gcArgInt(args[0] ?? kw?.get('generation'), 2);
      if (g < 0 || g > 2) throw err('ValueError', 'invalid generation');
      const r = collect(heap, g);
      return b.int(r.unreachable);
    }),
    get_count: fn('get_count', () => I.tupleOwned(heap.generations.map((g) => b.int(g.count)))),
    get_threshold: fn('get_threshold', () => I.tupleOwned(heap.generations.map((g) => b.int(g.threshold)))),
    set_threshold: fn('set_threshold', (args) => {
      if (args.length < 1 || args.length > 3) throw err('TypeError', `set_threshold() takes at most 3 arguments (${args.length} given)`);
      args.forEach((a, i) => (heap.generations[i]!.threshold = Number(bigOf(a))));
      return b.none();
    }),
    get_stats: fn('get_stats', () => {
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
      const g = args[0] ?? kw?.get('generation');
      if (g !== undefined && g !== None) {
        const n = Number(bigOf(g));
        if (n < 0) throw err('ValueError', 'generation parameter must be positive');
        if (n > 2) throw err('ValueError', 'generation parameter cannot be greater than 2');
      }
      const objs = heap.trackedObjects(g === undefined || g === None ? undefined : Number(bigOf(g)));
      for (const o of objs) heap.incref(o);
      return b.list(objs);
    }),
    get_referrers: fn('get_referrers', (args) => {
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
    get_referents: fn('get_referents', (args) => {
      const out: PyObject[] = [];
      for (const a of args) {
        if (!a.type.isGc) continue;
        a.traverse((r) => out.push(r));
      }
      for (const o of out) heap.incref(o);
      return b.list(out);
    }),
    is_tracked: fn('is_tracked', (args) => {
      b.argc(args, 1, 1, 'is_tracked');
      return b.bool((args[0]!.gcFlags & GC_TRACKED) !== 0);
    }),
    is_finalized: fn('is_finalized', (args) => b.bool((args[0]!.gcFlags & GC_FINALIZED) !== 0)),
    freeze: fn('freeze', () => { freeze(heap); return b.none(); }),
    unfreeze: fn('unfreeze', () => { unfreeze(heap); return b.none(); }),
    get_freeze_count: fn('get_freeze_count', () => b.int(freezeCount(heap))),
    set_debug: fn('set_debug', (args) => { heap.debug = Number(bigOf(args[0]!)); return b.none(); }),
    get_debug: fn('get_debug', () => b.int(heap.debug)),
    garbage: heap.garbage,
    callbacks: heap.callbacks,
    DEBUG_STATS: b.int(DEBUG_STATS),
    DEBUG_COLLECTABLE: b.int(DEBUG_COLLECTABLE),
    DEBUG_UNCOLLECTABLE: b.int(DEBUG_UNCOLLECTABLE),
    DEBUG_SAVEALL: b.int(DEBUG_SAVEALL),
    DEBUG_LEAK: b.int(DEBUG_LEAK),
  });
  const sysMod = mod('sys', {
    getrefcount: fn('getrefcount', (args) => {
      b.argc(args, 1, 1, 'sys.getrefcount');
      return b.int(refcountOf(heap, args[0]!));
    }),
    getsizeof: fn('getsizeof', (args) => b.int(sizeOf(args[0]!))),
    getrecursionlimit: fn('getrecursionlimit', () => b.int(1000)),
    setrecursionlimit: fn('setrecursionlimit', () => {
      throw err('NotImplementedError', 'heaplab does not support changing the recursion limit');
    }),
    intern: fn('intern', (args) => {
      b.argc(args, 1, 1, 'sys.intern');
      const a = args[0]!;
      if (!(a instanceof PyStr)) throw err('TypeError', `intern() argument must be str, not ${a.type.name}`);
      return rt.internConst(a.value, a);
    }),
    maxsize: b.int(9223372036854775807n),
    version: b.str('3.11.7 (heaplab simulation)'),
    platform: b.str('linux'),
    byteorder: b.str('little'),
    stdout,
    stderr,
    argv: b.list([b.str('')]),
    version_info: I.tupleOwned([b.int(3), b.int(11), b.int(7), b.str('final'), b.int(0)]),
  });
  for (const k of ['maxsize', 'version', 'platform', 'byteorder', 'argv', 'version_info']) {
    const v = sysMod.attrs.get(k)!;
    v.gcFlags |= IMMORTAL;
  }
  const sizeOf = (o: PyObject): number => {
    if (o instanceof PyInstance && isExc(o)) return o.type.isSubtypeOf(exceptionTypes.get('StopIteration')!) ? 96 : o.type.isHeapType ? 96 : 88;
    if (o.type === finalizeType) return 32;
    if (o instanceof PyIter && /^dict_(keys|values|items)$/.test(o.type.name)) return 40;
    if (o instanceof PyIter) return ITER_SIZES.get(o.type.name) ?? 48;
    if (o instanceof PyWrapper) return o.type === propertyType ? 80 : 48;
    if (o instanceof PySuper) return 56;
    if (o instanceof PyInstance && o.type === objectType) return 16;
    if (o instanceof PyNative) return 72;
    return getsizeof(o);
  };
  const isExc = (o: PyObject): boolean => o.type.isSubtypeOf(BaseException);
  // object.__sizeof__: the object's own size, without what sys.getsizeof adds in front of
  // it (_PyType_PreHeaderSize): the 16-byte GC header, and for instances of classes with a
  // managed dict the two pointers (dict, weakrefs) 3.11 keeps before the object.
  M(objectType, '__sizeof__', (s) => {
    const managed = s instanceof PyInstance && s.type.isHeapType && s.type.instHasDict && !isExc(s);
    return b.int(sizeOf(s) - (s.type.isGc ? 16 : 0) - (managed ? 16 : 0));
  });
  /** sys.getsizeof of iterator objects that are not 48 bytes (CPython 3.11, 64-bit). */
  const ITER_SIZES = new Map<string, number>([
    ['dict_keyiterator', 72], ['dict_valueiterator', 72], ['dict_itemiterator', 72],
    ['set_iterator', 64], ['enumerate', 72], ['zip', 64],
  ]);

  const wrType = weakrefType;
  const refCtor = (args: PyObject[]): PyObject => {
    const o = args[0];
    if (!o) throw err('TypeError', '__new__ expected at least 1 argument, got 0');
    if (!canWeakref(o)) throw err('TypeError', `cannot create weak reference to '${o.type.name}' object`);
    const cb = args[1] && args[1] !== None ? args[1] : null;
    return heap.newWeakref(o, cb);
  };
  C.set(wrType, refCtor);
  const canWeakref = (o: PyObject): boolean => {
    if (o.gcFlags & IMMORTAL && !(o instanceof PyNative) && !(o instanceof PyType)) return false;
    if (o instanceof PyInt || o instanceof PyStr || o instanceof PyFloat || o instanceof PyTuple || o instanceof PyList || o instanceof PyDict || o instanceof PyBytes || o instanceof PyBool) return false;
    if (o instanceof PyInstance && o.type === objectType) return false;
    if (o instanceof PyInstance && o.type.isHeapType && !o.type.instHasWeakref) return false;
    return true;
  };
  const finalizeCtor = (args: PyObject[], kw: Kw): PyObject => {
    const [obj, func, ...rest] = args;
    if (!obj || !func) throw err('TypeError', 'finalize expected at least 2 positional arguments');
    if (!canWeakref(obj)) throw err('TypeError', `cannot create weak reference to '${obj.type.name}' object`);
    heap.incref(func);
    for (const a of rest) heap.incref(a);
    const kws = (kw ?? []).map(([k, v]) => {
      heap.incref(v);
      return [k, v] as [string, PyObject];
    });
    const f = heap.track(heap.register(new PyFinalize(func, rest, kws)));
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
  const runFinalize = (f: PyFinalize): PyObject => {
    if (!f.func) return b.none();
    const func = f.func;
    const args = f.args;
    const kws = f.kwargs;
    f.func = null;
    f.args = [];
    f.kwargs = [];
    const wr = f.wr;
    f.wr = null;
    try {
      return I.call(func, args, kws.length ? kws : null);
    } finally {
      heap.decref(func);
      if (wr) heap.decref(wr);
      if (finalizeRegistry.delete(f)) heap.decref(f);
    }
  };
  C.set(finalizeType, (args, kw) => finalizeCtor(args, kw));
  M(finalizeType, '__call__', (s) => runFinalize(s as PyFinalize));
  M(finalizeType, 'detach', (s) => {
    const f = s as PyFinalize;
    if (!f.func || !f.wr?.referent) return b.none();
    const obj = f.wr.referent;
    heap.incref(obj);
    const func = f.func;
    const args = f.args;
    f.func = null;
    f.args = [];
    f.kwargs = [];
    const wr = f.wr;
    f.wr = null;
    heap.decref(wr);
    if (finalizeRegistry.delete(f)) heap.decref(f);
    return I.tupleOwned([obj, func, I.tupleOwned(args), heap.register(new PyDict())]);
  });
  M(finalizeType, 'peek', (s) => {
    const f = s as PyFinalize;
    if (!f.func || !f.wr?.referent) return b.none();
    for (const x of [f.wr.referent, f.func, ...f.args]) heap.incref(x);
    return I.tupleOwned([f.wr.referent, f.func, I.tupleOwned(f.args.slice()), heap.register(new PyDict())]);
  });
  mod('weakref', {
    ref: wrType,
    ReferenceType: wrType,
    finalize: finalizeType,
    getweakrefcount: fn('getweakrefcount', (args) => b.int((args[0]!.weakrefs ?? []).filter((w) => w.refcnt > 0).length)),
    getweakrefs: fn('getweakrefs', (args) => {
      const l = (args[0]!.weakrefs ?? []).filter((w) => w.refcnt > 0);
      for (const w of l) heap.incref(w);
      return b.list(l);
    }),
    proxy: fn('proxy', () => {
      throw err('NotImplementedError', "heaplab does not support 'weakref.proxy'");
    }),
  });
  for (const n of ['WeakValueDictionary', 'WeakKeyDictionary', 'WeakSet', 'WeakMethod']) {
    b.modules.get('weakref')!.attrs.set(n, fn(n, () => {
      throw err('NotImplementedError', `heaplab does not support 'weakref.${n}'`);
    }));
  }
  installTracemalloc(b);
  installIntrospection(b);
  installByteArray(b);
  installLinecache(b);
  b.names.set('__build_class__', None);
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
