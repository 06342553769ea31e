/**
 * Looking at the running program from inside: `locals()`, `globals()`, `sys._getframe()`
 * and the frame objects' `f_back`, `f_code`, `f_locals`, `f_globals`.
 *
 * As in CPython 3.11: at module level `locals()` is the module's dict itself; in a class
 * body it is the class namespace; in a function it is the frame's one `f_locals` dict,
 * made on the first call and refreshed from the fast locals on every call (names without a
 * value are removed), holding references to the values until the frame is cleared — which
 * is why `sys.getrefcount(x)` counts one more after `locals()`.
 */
import { None, PyBool, PyDict, PyInt, PyObject, PyType, intType, objectType, typeType, SHARED } from '../objects.js';
import { dictDelItem, dictGet, dictSetItem } from '../containers.js';
import { PyCell, PyFrameObj, PyGenerator, frameType } from './pyobjects.js';
import { checkNoArgs } from './argcheck.js';
import { PyExtObject } from './extobject.js';
import { reprStr } from '../repr.js';
import type { Builtins } from './builtins.js';
import type { Code, Frame } from './interpreter.js';

export const codeType = new PyType(typeType, 'code', 'code', objectType);
codeType.gcFlags |= SHARED;

/** A code object: the parts of one a lesson reads (name, file, first line). */
export class PyCode extends PyExtObject {
  /** Code units of its instructions (co_code), when the machine compiled it; else unknown. */
  codeUnits: number | null = null;

  constructor(
    readonly code: Code,
    private readonly b: Builtins,
  ) {
    super(codeType);
  }
  /**
   * code.__sizeof__: PyCodeObject's 184 bytes and two per code unit, rounded up to a
   * pointer (_PyObject_VAR_SIZE) — 200 for `x = 1`'s module, 208 for a small listcomp.
   */
  override sizeofHint(): number | undefined {
    return this.codeUnits === null ? undefined : (184 + 2 * this.codeUnits + 7) & ~7;
  }
  attr(name: string): PyObject | null {
    const c = this.code;
    switch (name) {
      case 'co_name': return this.b.str(c.kind === 'module' ? '<module>' : c.name);
      case 'co_qualname': return this.b.str(c.kind === 'module' ? '<module>' : c.qualname);
      case 'co_filename': return this.b.str(c.filename);
      case 'co_firstlineno': return this.b.int(c.kind === 'module' ? 1 : c.firstlineno);
      default: return null;
    }
  }
  repr(): string {
    const name = this.code.kind === 'module' ? '<module>' : this.code.name;
    return `<code object ${name} at 0x${this.addr.toString(16)}, file ${reprStr(this.code.filename)}, line ${this.code.kind === 'module' ? 1 : this.code.firstlineno}>`;
  }
}

/** The f_locals dict a function frame keeps (see Frame.localsSnapshot). */
export function frameLocals(b: Builtins, f: Frame): PyDict {
  if (f.code.kind === 'module') return f.locals ?? f.globals;
  if (f.code.kind === 'class' && f.locals) return f.locals;
  const heap = b.heap;
  let d = f.localsSnapshot;
  if (!d) {
    d = heap.register(new PyDict());
    f.localsSnapshot = d;
  }
  const names = f.code.names;
  heap.step(names.length);
  for (let i = 0; i < names.length; i++) {
    let v = f.fast[i] ?? null;
    if (v instanceof PyCell && (f.code.cellSlots.includes(i) || f.code.freeSlots.includes(i))) v = v.ref;
    const key = b.I.rt.intern(names[i]!);
    if (v) dictSetItem(heap, d, key, v);
    else if (dictGet(heap, d, key) !== undefined) dictDelItem(heap, d, key);
  }
  return d;
}

/** Install locals(), globals() and sys._getframe(). */
export function installIntrospection(b: Builtins): void {
  const I = b.I;
  const heap = b.heap;
  const current = (): Frame => I.frames[I.frames.length - 1]!;
  b.def('locals', (args) => {
    b.argc(args, 0, 0, 'locals');
    const d = frameLocals(b, current());
    heap.incref(d);
    return d;
  });
  b.def('globals', (args) => {
    b.argc(args, 0, 0, 'globals');
    const d = current().globals;
    heap.incref(d);
    return d;
  });
  const sys = b.modules.get('sys')!;
  // sys__getframe_impl: at most one positional int (argument clinic's checks, in its words)
  const getframe = b.def('_getframe', (args, kw) => {
    if (kw && kw.size) throw b.err('TypeError', 'sys._getframe() takes no keyword arguments');
    if (args.length > 1) throw b.err('TypeError', `_getframe expected at most 1 argument, got ${args.length}`);
    const a = args[0];
    if (a !== undefined && !(a instanceof PyInt) && !(a instanceof PyBool)) throw b.err('TypeError', `'${a.type.name}' object cannot be interpreted as an integer`);
    const depth = Math.max(0, a === undefined ? 0 : a instanceof PyBool ? Number(a.value) : Number(a.value));
    const i = I.frames.length - 1 - depth;
    if (i < 0) throw b.err('ValueError', 'call stack is not deep enough');
    const fo = I.frameObject(I.frames[i]!);
    heap.incref(fo);
    return fo;
  });
  b.names.delete('_getframe');
  sys.attrs.set('_getframe', getframe);
  b.setAttrOf.set(frameType, (_o, name, v) => setFrameAttr(b, name, v));
  b.delAttrOf.set(frameType, (_o, name) => setFrameAttr(b, name, null));
  b.method(frameType, 'clear', (self, args, kw) => {
    checkNoArgs(b.err.bind(b), 'frame.clear', args, kw);
    frameClear(b, self as PyFrameObj);
    return b.none();
  });
}

/**
 * frame.clear(), as 3.11's frame_clear decides by who owns the frame: a generator's frame
 * has its generator finalized (closed if suspended at a yield) unless the generator is
 * running; a frame still on the stack is executing and cannot be cleared; a frame whose
 * locals its frame object took over when it exited (one a traceback keeps) drops them in
 * slot order (frame_tp_clear, which in 3.11 leaves the f_locals dict as it is — the next
 * read of f_locals syncs it to the now empty fast locals).
 */
export function frameClear(b: Builtins, fo: PyFrameObj): void {
  const I = b.I;
  const f = fo.frame;
  const gen = (f as Frame & { gen?: PyObject | null }).gen;
  if (gen instanceof PyGenerator && gen.frame === f) {
    if (gen.running) throw b.err('RuntimeError', 'cannot clear an executing frame');
    I.finalizeGenerator(gen);
    return;
  }
  if (I.frames.includes(f)) throw b.err('RuntimeError', 'cannot clear an executing frame');
  if (!fo.owned) return;
  const fast = f.fast;
  for (let i = 0; i < fast.length; i++) {
    const v = fast[i];
    if (v) {
      fast[i] = null;
      b.heap.decref(v);
    }
  }
}

/** Frame attributes CPython has and the sandbox does not model (no builtins dict, no tracing, no bytecode offsets). */
const FRAME_UNMODELLED = new Set(['f_builtins', 'f_lasti', 'f_trace', 'f_trace_lines', 'f_trace_opcodes']);
/** Read-only getsets of frame objects (frame_getsetlist without a setter). */
const FRAME_READONLY = new Set(['f_back', 'f_code', 'f_globals', 'f_locals']);
/** What a frame's type provides as methods and type attributes: assigning one says it is read-only. */
const FRAME_TYPE_ATTRS = new Set([
  'clear', '__delattr__', '__dir__', '__doc__', '__eq__', '__format__', '__ge__', '__getattribute__', '__getstate__',
  '__gt__', '__hash__', '__init__', '__init_subclass__', '__le__', '__lt__', '__ne__', '__new__', '__reduce__',
  '__reduce_ex__', '__repr__', '__setattr__', '__sizeof__', '__str__', '__subclasshook__',
]);

function refuseFrameAttr(b: Builtins, name: string): never {
  throw b.err('NotImplementedError', `heaplab does not support 'frame.${name}'`);
}

/**
 * Assigning (v) or deleting (v null) a frame attribute, with PyObject_GenericSetAttr's
 * answers: f_lineno's setter refuses deletion and a non-int before anything else (a jump is
 * not modelled); the other getsets are read-only; a type attribute is read-only; a frame
 * has no __dict__, so any other name does not exist.
 */
export function setFrameAttr(b: Builtins, name: string, v: PyObject | null): never {
  if (FRAME_UNMODELLED.has(name)) refuseFrameAttr(b, name);
  if (name === 'f_lineno') {
    if (v === null) throw b.err('AttributeError', 'cannot delete attribute');
    if (v.type !== intType) throw b.err('ValueError', 'lineno must be an integer'); // PyLong_CheckExact
    refuseFrameAttr(b, 'f_lineno = <line>');
  }
  if (FRAME_READONLY.has(name)) throw b.err('AttributeError', `attribute '${name}' of 'frame' objects is not writable`);
  if (FRAME_TYPE_ATTRS.has(name)) throw b.err('AttributeError', `'frame' object attribute '${name}' is read-only`);
  throw b.err('AttributeError', `'frame' object has no attribute '${name}'`);
}

/** Attributes of a frame object beyond f_lineno; null when it has none by that name. */
export function frameAttr(b: Builtins, fo: PyFrameObj, name: string): PyObject | null {
  const I = b.I;
  const heap = b.heap;
  if (FRAME_UNMODELLED.has(name)) refuseFrameAttr(b, name);
  switch (name) {
    case 'f_back': {
      // A live frame's caller is the frame below it on the stack; a finished frame keeps the
      // one it had when it ended.
      const i = I.frames.indexOf(fo.frame);
      const back = i > 0 ? I.frameObject(I.frames[i - 1]!) : i === 0 ? None : (fo.back ?? None);
      heap.incref(back);
      return back;
    }
    case 'f_code': return heap.register(new PyCode(fo.frame.code, b));
    case 'f_globals': heap.incref(fo.frame.globals); return fo.frame.globals;
    case 'f_locals': {
      const d = frameLocals(b, fo.frame);
      heap.incref(d);
      return d;
    }
    default: return null;
  }
}

