/**
 * mappingproxy: the read-only view `C.__dict__` gives of a class namespace (Objects/descrobject.c).
 * Each `C.__dict__` makes a new proxy holding one reference to the dict; reads go to the dict,
 * item assignment and deletion raise TypeError, repr is `mappingproxy({...})` and str is the
 * dict's. It is a GC container (tp_traverse visits the mapping) of 40 bytes.
 */
import { NotImplemented, PyDict, PyObject, PyType, typeType, objectType, type Visit } from '../../objects.js';
import type { ExtensionKit } from '../extension.js';
import type { Heap } from '../../heap.js';

export const mappingproxyType = new PyType(typeType, 'mappingproxy', 'object', objectType);

export class PyMappingProxy extends PyObject {
  constructor(public mapping: PyDict | null) {
    super(mappingproxyType);
  }
  override sizeofHint(): number {
    return 40;
  }
  override traverse(visit: Visit): void {
    if (this.mapping) visit(this.mapping);
  }
  override clearRefs(out: PyObject[]): void {
    if (this.mapping) out.push(this.mapping);
    this.mapping = null;
  }
}

/** A new proxy for `d` (a new reference, tracked, holding a reference to d). */
export function newMappingProxy(heap: Heap, d: PyDict): PyMappingProxy {
  heap.incref(d);
  return heap.track(heap.register(new PyMappingProxy(d)));
}

export function installMappingProxy(kit: ExtensionKit): void {
  const { b } = kit;
  const I = b.I;
  const t = mappingproxyType;
  b.slotTypes.add(t);
  const dictOf = (s: PyObject): PyDict => (s as PyMappingProxy).mapping!;
  /** Calls the dict's own native method `name` on the proxied dict. */
  const forward = (name: string) => (s: PyObject, args: PyObject[], kw: Map<string, PyObject> | null): PyObject => {
    const d = dictOf(s);
    return b.nativeMethod(d, name)!.impl([d, ...args], kw);
  };
  for (const name of ['keys', 'values', 'items', 'get', 'copy']) b.method(t, name, forward(name));
  b.method(t, '__getitem__', (s, [k]) => I.getItem(dictOf(s), k!));
  b.method(t, '__contains__', (s, [k]) => b.bool(I.contains(dictOf(s), k!)));
  b.method(t, '__len__', (s) => b.int(dictOf(s).size));
  b.method(t, '__iter__', (s) => b.getIter(dictOf(s)));
  b.method(t, '__eq__', (s, [o]) => (o instanceof PyMappingProxy ? I.richCompare('Eq', dictOf(s), o.mapping!) : o instanceof PyDict ? I.richCompare('Eq', dictOf(s), o) : NotImplemented));
  b.method(t, '__hash__', () => {
    throw b.err('TypeError', "unhashable type: 'mappingproxy'");
  });
  b.method(t, '__delitem__', () => {
    throw b.err('TypeError', "'mappingproxy' object does not support item deletion");
  });
  b.reprOf.set(t, (o, active) => `mappingproxy(${b.repr(dictOf(o), active)})`);
  b.strOf.set(t, (o) => b.repr(dictOf(o)));
}
