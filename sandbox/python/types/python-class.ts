/**
 * Classes CPython writes in Python (collections.UserString, UserList) built natively: the one
 * home for what they share. Each is a heap class made once per sandbox, immortal like the
 * module holding it, with its namespace, __mro__ and __bases__; its methods are natives
 * (Builtins.method) that also sit in the namespace, as a Python class's functions do — so
 * hashing and == come from the class like any class's, and repr/str/__init__ reach them as
 * Python-level code (Builtins.isPythonLevel). Calls bind as a Python function binds them.
 */
import { None, PyDict, type PyObject, PyStr, PyTuple, PyType, objectType, typeType } from '../../objects.js';
import { dictSetItem } from '../../containers.js';
import type { ExtensionKit } from '../extension.js';
import type { Builtins } from '../builtins.js';
import { type PySignature, bindPython } from '../argcheck.js';

/** A method's parameters after self, with its defaults (made fresh per call). */
export interface Signature extends PySignature {
  defaultsOf?: (() => PyObject)[];
}

/** What a call bound: one value per parameter (new references), the extra positionals and keywords (borrowed). */
export interface Bound {
  values: PyObject[];
  rest: PyObject[];
  kw: Map<string, PyObject>;
}

/** bindPython for a method of such a class (self counted), defaults filled in: new references. */
export function bindMethod(b: Builtins, qual: string, sig: Signature, args: PyObject[], kw: Map<string, PyObject> | null): Bound {
  const defaults = sig.defaultsOf ?? [];
  const bound = bindPython((type, msg) => b.err(type, msg), qual, { ...sig, defaults: defaults.length, self: true }, args, kw);
  const first = sig.params.length - defaults.length;
  const values = bound.slots.map((v, i) => {
    if (v === undefined) return defaults[i - first]!();
    b.heap.incref(v);
    return v;
  });
  return { values, rest: bound.rest, kw: bound.kw };
}

/** What the methods of such a class do again and again, as Python code would write it. */
export interface PythonLevelHelpers {
  /** `o` with one more reference (returned for handing on). */
  incret(o: PyObject): PyObject;
  /** `f(*xs, **kw)` for a builtin or a bound method f: borrowed xs and kw, a new reference. */
  callWith(f: PyObject, xs: PyObject[], kw?: Map<string, PyObject> | null): PyObject;
  /** `f(self.data)`-shaped work: self.data (AttributeError as CPython's if a program deleted it) lent to `use`. */
  withData<R>(self: PyObject, use: (d: PyObject) => R): R;
  /** The builtin `name` (borrowed). */
  builtin(name: string): PyObject;
  /** `x[:]` as a new reference. */
  fullSlice(x: PyObject): PyObject;
  /** `self.__class__(v)`, consuming v. */
  rewrap(self: PyObject, v: PyObject): PyObject;
}

export function pythonLevelHelpers(b: Builtins): PythonLevelHelpers {
  const I = b.I;
  const heap = b.heap;
  const incret = (o: PyObject): PyObject => {
    heap.incref(o);
    return o;
  };
  const callWith = (f: PyObject, xs: PyObject[], kw: Map<string, PyObject> | null = null): PyObject => {
    const kws = kw && kw.size ? [...kw].map(([k, v]): [string, PyObject] => [k, incret(v)]) : null;
    return I.call(f, xs.map(incret), kws);
  };
  const builtin = (name: string): PyObject => b.names.get(name)!;
  return {
    incret,
    callWith,
    withData: (self, use) => {
      const d = I.getAttr(self, 'data');
      try {
        return use(d);
      } finally {
        heap.decref(d);
      }
    },
    builtin,
    fullSlice: (x) => {
      const sl = callWith(builtin('slice'), [None]);
      try {
        return I.getItem(x, sl);
      } finally {
        heap.decref(sl);
      }
    },
    rewrap: (self, v) => {
      try {
        return callWith(self.type, [v]);
      } finally {
        heap.decref(v);
      }
    },
  };
}

/** The class `module.name` (base object), with an empty namespace but for __module__ and __doc__ = None. */
export function newPythonClass(kit: ExtensionKit, name: string, module: string): PyType {
  const { b } = kit;
  const t = kit.immortal(new PyType(typeType, name, 'object', objectType, true, module));
  const dict = kit.immortal(new PyDict());
  dictSetItem(b.heap, dict, kit.immortal(new PyStr('__module__')), kit.immortal(new PyStr(module)));
  dictSetItem(b.heap, dict, kit.immortal(new PyStr('__doc__')), None);
  t.dict = dict;
  t.mroTuple = kit.immortal(new PyTuple([t, objectType]));
  t.basesTuple = kit.immortal(new PyTuple([objectType]));
  b.slotTypes.add(t);
  b.pythonLevelTypes.add(t);
  return t;
}

/** Once its methods are registered: each goes into the class's namespace too; `extra` entries as well (e.g. __hash__ = None). */
export function finishPythonClass(kit: ExtensionKit, t: PyType, extra: [string, PyObject][] = []): PyType {
  const { b } = kit;
  for (const [name, m] of b.methods.get(t)!) dictSetItem(b.heap, t.dict!, kit.immortal(new PyStr(name)), m);
  for (const [name, v] of extra) dictSetItem(b.heap, t.dict!, kit.immortal(new PyStr(name)), v);
  return t;
}
