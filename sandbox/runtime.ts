/**
 * The sandbox runtime: one heap plus everything that lives beside it — the module
 * namespace (`__main__`'s globals dict), the frames of functions entered with the `call`
 * op, stdout/stderr, and the hooks the heap calls back into (finalizers, weakref
 * callbacks, gc.callbacks). The JSON ops and the Python interpreter both work through it.
 */
import type { RootProvider } from './heap.js';
import { EventSink } from './events.js';
import { Heap, Runtime as HeapRuntime, hexId } from './heap.js';
import { installCollector } from './collector.js';
import {
  None, PyDict, PyInstance, PyInt, PyList, PyNative, PyObject, PyStr, PyType, PyWeakref,
  internedSharedStr, objectType, typeType,
} from './objects.js';
import { PyError, dictDelItem, dictGet, dictSetItem, listAppend } from './containers.js';
import { newDict, newStr } from './factory.js';

/** A function frame entered with the `call` op: its locals die when it returns. */
export interface Frame {
  name: string;
  /** Local variables in binding order (CPython releases them first to last on return). */
  locals: Map<string, PyObject>;
  /**
   * The frame's local slots in first-binding order (CPython's co_varnames). A local that is
   * deleted and bound again keeps its slot, and slots are what a returning frame releases
   * in order — so `del x; x = ...` must not move x after the others.
   */
  slots?: string[];
}

/** How Python code gets called back from the heap (set by the interpreter when present). */
export interface Caller {
  /** Call a Python-level callable; exceptions inside are reported as "Exception ignored". */
  callIgnoringErrors(fn: PyObject, args: PyObject[], context: string, culprit: PyObject): void;
  /** Run a builtin type's tp_finalize (close a suspended generator); errors are reported. */
  finalizeBuiltin(obj: PyObject): void;
  /** A Python exception raised under a JSON op (by a key's __hash__/__eq__) as the op's error; null if `e` is not one. */
  pythonError(e: unknown): { type: string; message: string } | null;
}

export interface RuntimeLimits {
  maxObjects: number;
  /** Simulated bytes (sys.getsizeof of every live object) the heap may hold. */
  maxBytes: number;
  maxSteps: number;
  maxEventsPerOp: number;
}

export const DEFAULT_LIMITS: RuntimeLimits = {
  // See src/config.ts for why: the seed lesson's million-int list fits, and a full sandbox
  // stays near a third of a GiB of real memory whatever it holds.
  maxObjects: 1_250_000,
  maxBytes: 48 * 2 ** 20,
  maxSteps: 50_000_000,
  maxEventsPerOp: 1000,
};

/** The runtime's own roots: `__main__`'s namespace, gc.garbage and gc.callbacks, interned names, call frames' locals. */
export class RuntimeRoots implements RootProvider {
  constructor(private readonly rt: SandboxRuntime) {}
  *roots(): Iterable<PyObject> {
    const rt = this.rt;
    yield rt.globals;
    yield rt.heap.garbage;
    yield rt.heap.callbacks;
    yield* rt.internedStrs();
    for (const f of rt.frames) yield* f.locals.values();
  }
}

export class SandboxRuntime implements HeapRuntime {
  readonly events: EventSink;
  readonly heap: Heap;
  /** `__main__.__dict__`: module-level names. Held by the module forever. */
  readonly globals: PyDict;
  /** Function frames entered with `call`, innermost last. */
  readonly frames: Frame[] = [];
  stdout = '';
  stderr = '';
  /** The Python interpreter, when one is attached (it calls Python functions for us). */
  caller: Caller | null = null;
  /** Interned identifier strings (names, attribute names): shared and never freed. */
  private readonly interned = new Map<string, PyStr>();
  /** The interned strs, in interning order. */
  internedStrs(): IterableIterator<PyStr> {
    return this.interned.values();
  }

  constructor(readonly limits: RuntimeLimits = DEFAULT_LIMITS) {
    this.events = new EventSink(limits.maxEventsPerOp);
    this.heap = new Heap(this.events);
    this.heap.runtime = this;
    installCollector(this.heap);
    this.globals = newDict(this.heap);
    // The module object (itself in sys.modules) owns its dict; it is tracked like any dict
    // holding containers and is never freed.
    this.heap.track(this.globals);
    this.heap.maxObjects = limits.maxObjects;
    this.heap.maxBytes = limits.maxBytes;
    this.heap.objects.rootProviders.push(new RuntimeRoots(this));
    // What the runtime itself holds of the shared objects is CPython's interpreter state,
    // which their recorded baselines already count.
    this.heap.settleShared();
  }

  // ---------------------------------------------------------------- output

  /**
   * Append program output. What a request prints is held in memory until the request
   * answers — in its stdout and again in its events, then copied into the reply — so one
   * request's stdout is limited to an eighth of the byte budget (`while True: print(s)`
   * stops with MemoryError instead of growing the reply without bound). stderr carries
   * tracebacks, which must get through when the budget is spent; it stays small.
   */
  write(text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    if (text.length === 0) return;
    const outputLimit = this.heap.maxBytes / 8;
    if (stream === 'stdout' && this.stdout.length + text.length > outputLimit) {
      throw new PyError('MemoryError', `a request may print at most ${Math.floor(outputLimit)} characters (an eighth of the sandbox's memory budget)`);
    }
    if (stream === 'stdout') this.stdout += text;
    else this.stderr += text;
    this.events.emit({ type: stream, text });
  }

  /** Take (and reset) what was printed since the last call. */
  takeOutput(): { stdout: string; stderr: string } {
    const out = { stdout: this.stdout, stderr: this.stderr };
    this.stdout = '';
    this.stderr = '';
    return out;
  }

  // ---------------------------------------------------------------- names

  /**
   * The interned str for an identifier (CPython interns names; the sandbox keeps a name's
   * str for good, standing for the code objects' co_names). Borrowed.
   */
  intern(name: string): PyStr {
    let s = this.interned.get(name);
    if (!s) {
      s = internedSharedStr(name) ?? this.liveMortal(name);
      if (s) this.heap.incref(s);
      else {
        s = newStr(this.heap, name);
        this.heap.allocTracer?.forget(s);
      }
      this.interned.set(name, s);
    }
    return s;
  }

  /**
   * Strs interned by the compiler or `sys.intern` (3.11's mortal interned strings: the
   * table holds no reference; a str leaves it when it dies). Entries are checked for
   * life on use.
   */
  private readonly mortal = new Map<string, PyStr>();

  private liveMortal(s: string): PyStr | undefined {
    const m = this.mortal.get(s);
    if (m === undefined) return undefined;
    if (m.refcnt > 0) return m;
    this.mortal.delete(s);
    return undefined;
  }

  /**
   * A new reference to the interned str equal to `s` (PyUnicode_InternInPlace): the one
   * already interned if there is one, else `candidate` (or a new str), which becomes it.
   */
  internConst(s: string, candidate?: PyStr): PyStr {
    const shared = internedSharedStr(s);
    const found = shared ?? this.interned.get(s) ?? this.liveMortal(s);
    if (found) {
      this.heap.incref(found);
      return found;
    }
    let o: PyStr;
    if (candidate) {
      this.heap.incref(candidate);
      o = candidate;
    } else {
      o = newStr(this.heap, s);
      this.heap.allocTracer?.forget(o);
    }
    this.mortal.set(s, o);
    return o;
  }

  /** Look a name up: the innermost `call` frame, then globals (LOAD_NAME). */
  lookup(name: string): PyObject | undefined {
    const f = this.frames[this.frames.length - 1];
    if (f) {
      const v = f.locals.get(name);
      if (v !== undefined) return v;
    }
    return this.globals.getStr(name);
  }

  /** `name = value` in the current scope; takes a reference to value. */
  bind(name: string, value: PyObject): void {
    const f = this.frames[this.frames.length - 1];
    if (f) {
      this.heap.incref(value);
      const old = f.locals.get(name);
      if (f.slots && !f.slots.includes(name)) f.slots.push(name);
      f.locals.set(name, value);
      if (old) this.heap.decref(old);
      return;
    }
    dictSetItem(this.heap, this.globals, this.intern(name), value);
  }

  /** `del name` in the current scope. */
  unbind(name: string): void {
    const f = this.frames[this.frames.length - 1];
    if (f) {
      const old = f.locals.get(name);
      if (!old) throw new PyError('UnboundLocalError', `cannot access local variable '${name}' where it is not associated with a value`);
      f.locals.delete(name);
      this.heap.decref(old);
      return;
    }
    const key = this.intern(name);
    if (dictGet(this.heap, this.globals, key) === undefined) throw new PyError('NameError', `name '${name}' is not defined`);
    dictDelItem(this.heap, this.globals, key);
  }

  /** Leave the innermost `call` frame: its locals are released first to last. */
  popFrame(): void {
    const f = this.frames.pop();
    if (!f) throw new PyError('SyntaxError', "'return' outside function");
    const order = [...(f.slots ?? []), ...f.locals.keys()];
    const values: PyObject[] = [];
    for (const n of new Set(order)) {
      const v = f.locals.get(n);
      if (v !== undefined) values.push(v);
    }
    f.locals.clear();
    for (const v of values) this.heap.decref(v);
  }

  // ---------------------------------------------------------------- heap callbacks

  /** Run `obj.__del__()` (a native finalizer declared by the class op runs directly). */
  finalize(obj: PyObject): string {
    const del = obj.type.lookup('__del__', null);
    const printedBefore = this.stdout.length;
    if (del) this.call(del, [obj], 'Exception ignored in', del);
    else if (obj.needsBuiltinFinalize() && this.caller) this.caller.finalizeBuiltin(obj);
    return this.stdout.slice(printedBefore);
  }

  callWeakrefCallback(callback: PyObject, wr: PyWeakref): void {
    const printedBefore = this.stdout.length;
    this.call(callback, [wr], 'Exception ignored in', callback);
    this.events.emit({ type: 'weakref.callback', weakref: hexId(wr.addr), printed: this.stdout.slice(printedBefore) });
  }

  callGcCallbacks(phase: 'start' | 'stop', info: { generation: number; collected: number; uncollectable: number }): void {
    const heap = this.heap;
    const phaseStr = newStr(heap, phase);
    const infoDict = newDict(heap);
    for (const [k, v] of Object.entries(info)) {
      const key = newStr(heap, k);
      const val = heap.register(new PyInt(v));
      dictSetItem(heap, infoDict, key, val);
      heap.decref(key);
      heap.decref(val);
    }
    // Iterate over a snapshot: a callback may remove itself.
    const cbs = heap.callbacks.items.slice();
    for (const cb of cbs) heap.incref(cb);
    for (const cb of cbs) {
      this.call(cb, [phaseStr, infoDict], 'Exception ignored in', cb);
      heap.decref(cb);
    }
    heap.decref(phaseStr);
    heap.decref(infoDict);
  }

  private call(fn: PyObject, args: PyObject[], context: string, culprit: PyObject): void {
    // A bound builtin method (`l.append`) is called by the interpreter, which passes self.
    if (fn instanceof PyNative && !(fn.self && this.caller)) {
      try {
        const r = fn.impl(args, null);
        this.heap.decref(r);
      } catch (e) {
        if (e instanceof PyError) this.write(`${context}: ${culprit.type.name}\n${e.pyType}: ${e.message}\n`, 'stderr');
        else throw e;
      }
      return;
    }
    if (this.caller) this.caller.callIgnoringErrors(fn, args, context, culprit);
  }
}

/**
 * A native `__del__` for classes declared with the `class` op: prints its template, with
 * `{attr}` replaced by `str(self.attr)`, and optionally appends self to a global list.
 */
/**
 * What the `__del__` and callbacks of ops stand for: Python functions, which are tracked
 * containers (so a class with a finalizer is one object more for gc.collect() to count).
 */
const opsFunctionType = new PyType(typeType, 'function', 'function', objectType);

function opsFunction(name: string, impl: ConstructorParameters<typeof PyNative>[1]): PyNative {
  const f = new PyNative(name, impl);
  f.type = opsFunctionType;
  return f;
}

export function opsFinalizer(rt: SandboxRuntime, spec: { print?: string; resurrect?: string }): PyNative {
  return opsFunction('__del__', (args) => {
    const self = args[0]!;
    if (spec.print !== undefined) {
      const text = spec.print.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, attr: string) => {
        const v = self instanceof PyInstance ? self.getAttr(attr) : undefined;
        if (v === undefined) throw new PyError('AttributeError', `'${self.type.name}' object has no attribute '${attr}'`);
        return strOf(v);
      });
      rt.write(text + '\n');
    }
    if (spec.resurrect !== undefined) {
      const target = rt.globals.getStr(spec.resurrect);
      if (!(target instanceof PyList)) throw new PyError('NameError', `name '${spec.resurrect}' is not defined`);
      listAppend(rt.heap, target, self);
    }
    rt.heap.incref(None);
    return None;
  });
}

/** A native weakref callback for the `weakref` op: prints its text. */
export function opsWeakrefCallback(rt: SandboxRuntime, text: string): PyNative {
  return opsFunction('<lambda>', () => {
    rt.write(text + '\n');
    rt.heap.incref(None);
    return None;
  });
}

/** str() of the simple values an ops template can show. */
export function strOf(v: PyObject): string {
  if (v instanceof PyStr) return v.value;
  if (v instanceof PyInt) return String(v.value);
  if (v === None) return 'None';
  if (v.type.name === 'bool') return (v as unknown as { value: boolean }).value ? 'True' : 'False';
  if (v.type.name === 'float') return String((v as unknown as { value: number }).value);
  return `<${v.type.module === 'builtins' ? '' : v.type.module + '.'}${v.type.name} object at ${hexId(v.addr)}>`;
}

