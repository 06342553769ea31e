/**
 * Interpreter-level objects that the engine does not model itself: functions, bound
 * methods, cells, generators, ranges, iterators, slices, modules, property-like wrappers,
 * weakref.finalize. Each declares its references the way CPython's type does
 * (tp_traverse / tp_clear / tp_dealloc order), so the collector and the deallocator treat
 * them exactly like CPython's objects.
 */
import {
  PyDict, PyObject, PyStr, PyTuple, PyType, Visit, objectType, typeType,
} from '../objects.js';
import type { Code, Frame } from './interpreter.js';
import type { Position } from './ast.js';
import { frameSize } from './stacksize.js';

function t(name: string, layout: ConstructorParameters<typeof PyType>[2]): PyType {
  return new PyType(typeType, name, layout, objectType);
}

export const functionType = t('function', 'function');
export const methodType = t('method', 'method');
export const cellType = t('cell', 'cell');
export const generatorType = t('generator', 'generator');
export const rangeType = t('range', 'range');
export const sliceType = t('slice', 'slice');
export const moduleType = t('module', 'module');
export const propertyType = t('property', 'property');
export const staticmethodType = t('staticmethod', 'staticmethod');
export const classmethodType = t('classmethod', 'classmethod');
export const finalizeType = t('finalize', 'finalize');
export const superType = t('super', 'super');
export const frameType = t('frame', 'frame');
export const tracebackType = t('traceback', 'frame');
export const iteratorTypes = new Map<string, PyType>();
export function iterType(name: string): PyType {
  let ty = iteratorTypes.get(name);
  if (!ty) {
    ty = t(name, 'iterator');
    iteratorTypes.set(name, ty);
  }
  return ty;
}

export class PyFunction extends PyObject {
  /** The class whose body defined this function (for zero-argument super()). */
  definingClass: PyType | null = null;
  /** func_doc: the docstring constant, or None (a reference). */
  doc: PyObject | null = null;
  constructor(
    public code: Code,
    public globals: PyDict | null,
    public name: PyStr | null,
    public qualname: PyStr | null,
    public defaults: PyTuple | null,
    public kwdefaults: PyDict | null,
    public closure: PyTuple | null,
  ) {
    super(functionType);
  }
  override traverse(visit: Visit): void {
    if (this.globals) visit(this.globals);
    if (this.defaults) visit(this.defaults);
    if (this.kwdefaults) visit(this.kwdefaults);
    if (this.doc) visit(this.doc);
    if (this.name) visit(this.name);
    if (this.closure) visit(this.closure);
    if (this.qualname) visit(this.qualname);
  }
  override clearRefs(out: PyObject[]): void {
    if (this.globals) out.push(this.globals);
    if (this.defaults) out.push(this.defaults);
    if (this.kwdefaults) out.push(this.kwdefaults);
    if (this.doc) out.push(this.doc);
    if (this.closure) out.push(this.closure);
    this.globals = null;
    this.defaults = null;
    this.kwdefaults = null;
    this.doc = null;
    this.closure = null;
  }
  override releaseRefs(out: PyObject[]): void {
    this.clearRefs(out);
    if (this.name) out.push(this.name);
    if (this.qualname) out.push(this.qualname);
    this.name = null;
    this.qualname = null;
  }
}

export class PyMethod extends PyObject {
  constructor(
    public func: PyObject | null,
    public self: PyObject | null,
  ) {
    super(methodType);
  }
  override traverse(visit: Visit): void {
    if (this.func) visit(this.func);
    if (this.self) visit(this.self);
  }
  override clearRefs(out: PyObject[]): void {
    if (this.func) out.push(this.func);
    if (this.self) out.push(this.self);
    this.func = null;
    this.self = null;
  }
}

export class PyCell extends PyObject {
  constructor(public ref: PyObject | null) {
    super(cellType);
  }
  override traverse(visit: Visit): void {
    if (this.ref) visit(this.ref);
  }
  override clearRefs(out: PyObject[]): void {
    if (this.ref) out.push(this.ref);
    this.ref = null;
  }
}

export class PyGenerator extends PyObject {
  running = false;
  finished = false;
  /** The body, as a JS iterator over yielded values (owned references). */
  it: Generator<PyObject, PyObject | null, PyObject | null> | null = null;
  started = false;
  /** The value of the last `return` (owned), until next()/send() turns it into StopIteration. */
  retval: PyObject | null = null;
  /** sys.getsizeof: the generator with its embedded frame (see stacksize.ts). */
  size = 104;
  constructor(
    public frame: Frame | null,
    public name: string,
    public qualname: string,
  ) {
    super(generatorType);
  }
  override sizeofHint(): number {
    return this.size;
  }
  /** _PyGen_Finalize has work only for a generator paused at a yield. */
  override needsBuiltinFinalize(): boolean {
    return this.started && !this.finished && !this.running && this.frame !== null;
  }
  override traverse(visit: Visit): void {
    const f = this.frame;
    if (!f) return;
    for (const v of f.fast) if (v) visit(v);
    if (f.obj) visit(f.obj);
  }
  override clearRefs(out: PyObject[]): void {
    const f = this.frame;
    if (!f) return;
    this.frame = null;
    this.it = null;
    this.finished = true;
    for (let i = 0; i < f.fast.length; i++) {
      const v = f.fast[i];
      if (v) out.push(v);
      f.fast[i] = null;
    }
    if (f.obj) out.push(f.obj);
    f.obj = null;
  }
}

/**
 * A materialised frame (PyFrameObject): made when a traceback entry needs one. While its
 * frame runs, the frame owns the locals; if a traceback still holds this object when the
 * frame exits, it takes the locals over (3.11's take_ownership) and links `back` to the
 * caller's frame object, so a kept exception keeps every frame's locals alive.
 */
export class PyFrameObj extends PyObject {
  owned = false;
  back: PyFrameObj | null = null;
  constructor(public frame: Frame) {
    super(frameType);
  }
  override sizeofHint(): number {
    return frameSize(this.frame.code);
  }
  override traverse(visit: Visit): void {
    if (this.back) visit(this.back);
    if (this.owned) for (const v of this.frame.fast) if (v) visit(v);
    if (this.owned && this.frame.localsSnapshot) visit(this.frame.localsSnapshot);
  }
  override clearRefs(out: PyObject[]): void {
    if (this.owned) {
      const fast = this.frame.fast;
      for (let i = 0; i < fast.length; i++) {
        const v = fast[i];
        if (v) out.push(v);
        fast[i] = null;
      }
      if (this.frame.localsSnapshot) out.push(this.frame.localsSnapshot);
      this.frame.localsSnapshot = null;
      this.owned = false;
    }
    if (this.back) out.push(this.back);
    this.back = null;
  }
}

/** One traceback entry (PyTracebackObject): the frame, its line and instruction, the next. */
export class PyTraceback extends PyObject {
  constructor(
    public next: PyTraceback | null,
    public frame: PyFrameObj | null,
    public line: number,
    public pos: Position | null,
  ) {
    super(tracebackType);
  }
  override traverse(visit: Visit): void {
    if (this.next) visit(this.next);
    if (this.frame) visit(this.frame);
  }
  override clearRefs(out: PyObject[]): void {
    if (this.next) out.push(this.next);
    if (this.frame) out.push(this.frame);
    this.next = null;
    this.frame = null;
  }
}

export class PyRange extends PyObject {
  constructor(
    public start: number,
    public stop: number,
    public step: number,
  ) {
    super(rangeType);
  }
  get length(): number {
    const { start, stop, step } = this;
    if (step > 0) return stop > start ? Math.floor((stop - start - 1) / step) + 1 : 0;
    return start > stop ? Math.floor((start - stop - 1) / -step) + 1 : 0;
  }
}

/** A builtin iterator: over a sequence (holds a ref), a range (no refs), or JS state. */
/** sys.getsizeof of iterator objects that are not 48 bytes (CPython 3.11, 64-bit). */
const ITER_SIZES = new Map<string, number>([
  ['dict_keyiterator', 72], ['dict_valueiterator', 72], ['dict_itemiterator', 72],
  ['set_iterator', 64], ['enumerate', 72], ['zip', 64],
]);

export class PyIter extends PyObject {
  index = 0;
  /** __length_hint__, for the iterators that have one (what list_extend presizes by). */
  hint?: () => number;
  constructor(
    type: PyType,
    public seq: PyObject | null,
    public next: (it: PyIter) => PyObject | null,
    public extra: PyObject[] = [],
  ) {
    super(type);
  }
  /** Dict views are 40 bytes; iterators 48, except the ones in ITER_SIZES (CPython 3.11). */
  override sizeofHint(): number {
    const name = this.type.name;
    if (/^o?dict_(keys|values|items)$/.test(name)) return 40;
    return ITER_SIZES.get(name) ?? 48;
  }
  override traverse(visit: Visit): void {
    if (this.seq) visit(this.seq);
    for (const e of this.extra) visit(e);
  }
  override clearRefs(out: PyObject[]): void {
    if (this.seq) out.push(this.seq);
    for (const e of this.extra) out.push(e);
    this.seq = null;
    this.extra = [];
  }
}

export class PySlice extends PyObject {
  constructor(
    public start: PyObject,
    public stop: PyObject,
    public step: PyObject,
  ) {
    super(sliceType);
  }
  override releaseRefs(out: PyObject[]): void {
    out.push(this.start, this.stop, this.step);
  }
}

export class PyModule extends PyObject {
  constructor(
    public name: string,
    public attrs: Map<string, PyObject>,
  ) {
    super(moduleType);
  }
}

/** property / staticmethod / classmethod: wrappers holding callables. */
export class PyWrapper extends PyObject {
  constructor(
    type: PyType,
    public items: (PyObject | null)[],
  ) {
    super(type);
  }
  override sizeofHint(): number {
    return this.type === propertyType ? 80 : 48;
  }
  override traverse(visit: Visit): void {
    for (const i of this.items) if (i) visit(i);
  }
  override clearRefs(out: PyObject[]): void {
    for (const i of this.items) if (i) out.push(i);
    this.items = this.items.map(() => null);
  }
}

export class PySuper extends PyObject {
  constructor(
    public cls: PyType,
    /** The object bound to; null for an unbound one-argument super(C). */
    public obj: PyObject | null,
  ) {
    super(superType);
  }
  override sizeofHint(): number {
    return 56;
  }
  override traverse(visit: Visit): void {
    visit(this.cls);
    if (this.obj) visit(this.obj);
  }
  override clearRefs(out: PyObject[]): void {
    out.push(this.cls);
    if (this.obj) out.push(this.obj);
  }
}

export type { Frame };
