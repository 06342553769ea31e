/**
 * collections.defaultdict (Modules/_collectionsmodule.c): a dict subtype whose __missing__
 * calls `default_factory()`, stores the result under the key and returns it.
 *
 * Layout: a dict plus one pointer, so sys.getsizeof is the dict's size + 8. It is tracked by
 * the collector from creation (a dict subtype is never untracked), its tp_traverse visits
 * the factory and then the dict's entries, and dealloc drops the factory first. Not weakly
 * referenceable (no weakreflist), unhashable.
 */
import { None, PyDict, PyObject, PyType, dictType, typeType, type Visit } from '../../objects.js';
import type { ExtensionKit } from '../extension.js';
import { dictSize } from '../../sizes.js';
import { dictSetItem, keyHash, registerUnhashable } from '../../containers.js';
import { dictBodyRepr } from './dictrepr.js';

export const defaultdictType = new PyType(typeType, 'defaultdict', 'dict', dictType, false, 'collections');
registerUnhashable(defaultdictType, 'collections.defaultdict');

export class PyDefaultDict extends PyDict {
  /** default_factory: a callable or null (None). */
  factory: PyObject | null = null;
  constructor() {
    super(defaultdictType);
  }
  override sizeofHint(): number {
    return dictSize(this) + 8;
  }
  override traverse(visit: Visit): void {
    if (this.factory) visit(this.factory);
    super.traverse(visit);
  }
  override releaseRefs(out: PyObject[]): void {
    if (this.factory) out.push(this.factory);
    this.factory = null;
    super.releaseRefs(out);
  }
}

export function installDefaultDict(kit: ExtensionKit): void {
  const { b } = kit;
  const I = b.I;
  const heap = b.heap;
  const t = defaultdictType;
  b.slotTypes.add(t);
  b.tpNames.set(t, 'collections.defaultdict');
  const self = (o: PyObject): PyDefaultDict => o as PyDefaultDict;
  const isCallable = (o: PyObject): boolean => {
    heap.incref(o);
    return I.truthConsume(I.call(b.names.get('callable')!, [o], null));
  };
  /** A new defaultdict with `factory` (borrowed; None for none), filled from args/kw as dict() is. */
  const make = (factory: PyObject, args: PyObject[], kw: Map<string, PyObject> | null): PyDefaultDict => {
    if (factory !== None && !isCallable(factory)) throw b.err('TypeError', 'first argument must be callable or None');
    if (args.length > 1) throw b.err('TypeError', `dict expected at most 1 argument, got ${args.length}`);
    const d = heap.track(heap.register(new PyDefaultDict()));
    if (factory !== None) {
      heap.incref(factory);
      d.factory = factory;
    }
    try {
      if (args.length) I.dictUpdate(d, args[0]!);
      if (kw) for (const [k, v] of kw) dictSetItem(heap, d, b.I.rt.intern(k), v);
    } catch (e) {
      heap.decref(d);
      throw e;
    }
    return d;
  };
  b.constructors.set(t, (args, kw) => make(args[0] ?? None, args.slice(1), kw ? new Map(kw) : null));
  b.method(t, '__missing__', (s, [k]) => {
    const d = self(s);
    if (!d.factory) {
      heap.incref(k!);
      throw I.keyError(k!);
    }
    I.keyOp(() => keyHash(heap, k!)); // an unhashable key fails before the factory runs
    const v = I.call(d.factory, [], null);
    try {
      dictSetItem(heap, d, k!, v);
    } catch (e) {
      heap.decref(v);
      throw e;
    }
    return v;
  });
  /** defdict_copy: type(self)(self.default_factory, self). */
  const copy = (s: PyObject): PyObject => make(self(s).factory ?? None, [s], null);
  b.method(t, 'copy', copy);
  b.method(t, '__copy__', copy);
  // defdict_or: type(self)(self.default_factory, left), updated with right; |= is dict's (in place).
  const or = (self_: PyDefaultDict, left: PyObject, right: PyObject): PyObject => {
    const d = make(self_.factory ?? None, [left], null);
    try {
      I.dictUpdate(d, right);
    } catch (e) {
      heap.decref(d);
      throw e;
    }
    return d;
  };
  b.method(t, '__or__', (s, [o]) => (o instanceof PyDict ? or(self(s), s, o) : b.notImplemented()));
  b.method(t, '__ror__', (s, [o]) => (o instanceof PyDict ? or(self(s), o, s) : b.notImplemented()));
  b.method(t, '__ior__', (s, [o]) => {
    I.dictUpdate(self(s), o!);
    heap.incref(s);
    return s;
  });
  b.method(t, '__hash__', () => {
    throw b.err('TypeError', "unhashable type: 'collections.defaultdict'");
  });
  b.attrOf.set(t, (o, name) => {
    if (name !== 'default_factory') return null;
    const f = self(o).factory ?? None;
    heap.incref(f);
    return f;
  });
  b.setAttrOf.set(t, (o, name, v) => {
    if (name !== 'default_factory') throw b.err('AttributeError', `'collections.defaultdict' object has no attribute '${name}'`);
    const d = self(o);
    const old = d.factory;
    if (v !== None) heap.incref(v);
    d.factory = v === None ? null : v;
    if (old) heap.decref(old);
  });
  // defdict_repr: the factory's repr ('...' while it is being printed) and the dict's.
  b.reprOf.set(t, (o, active) => {
    const d = self(o);
    const f = d.factory;
    const fr = !f ? 'None' : active.has(f) ? '...' : b.repr(f, active);
    return `defaultdict(${fr}, ${dictBodyRepr(b, d, active)})`;
  });
}
