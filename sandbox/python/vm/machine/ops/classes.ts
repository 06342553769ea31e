/**
 * Classes: LOAD_BUILD_CLASS pushes `__build_class__`, which runs the class body (a function
 * whose frame's namespace is a fresh dict) in a nested loop, then makes the class with the
 * engine's type_new (Interpreter.classFromNamespace). A body that uses `__class__` returns
 * its cell, which then gets the class (so zero-argument super() and `__class__` work).
 */
import { PyDict, PyObject, PyStr, PyType } from '../../../../objects.js';
import { PyCell, PyFunction } from '../../../pyobjects.js';
import { VMFrame } from '../frame.js';
import type { Machine } from '../machine.js';
import { infoOfFunction } from './calls.js';

/** Install this sandbox's `__build_class__` (the builtins' placeholder is None). */
export function installBuildClass(m: Machine): void {
  const I = m.I;
  I.b.buildClassHook = (args, kw) => {
    if (kw && kw.size) throw I.error('NotImplementedError', 'heaplab does not support class keywords (metaclasses)');
    const [func, name, ...bases] = args;
    if (!(func instanceof PyFunction) || !(name instanceof PyStr)) throw I.error('TypeError', '__build_class__: func must be a function');
    I.checkClassBases(bases);
    return buildClass(m, func, name.value, bases as PyType[]);
  };
}

function buildClass(m: Machine, func: PyFunction, name: string, bases: PyType[]): PyObject {
  const heap = m.heap;
  const info = infoOfFunction(func);
  if (!info) throw m.I.error('NotImplementedError', 'heaplab cannot build a class from a function the machine did not make');
  const ns = heap.register(new PyDict());
  heap.incref(func);
  const f = new VMFrame(info, func.globals!, ns, func);
  f.isEntry = true;
  let cell: PyObject;
  try {
    m.pushFrame(f);
    cell = m.runEntry(f);
  } catch (e) {
    heap.decref(ns);
    throw e;
  }
  let cls: PyType;
  try {
    cls = m.I.classFromNamespace(name, bases, ns);
  } finally {
    heap.decref(ns);
  }
  if (cell instanceof PyCell) {
    heap.incref(cls);
    const old = cell.ref;
    cell.ref = cls;
    if (old) heap.decref(old);
  }
  heap.decref(cell);
  return cls;
}
