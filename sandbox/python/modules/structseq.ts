/**
 * Struct sequences (PyStructSequence: sys.int_info, ...): tuples whose items also have
 * names. An instance is a PyTuple whose type is a StructSeqType, so everything a tuple
 * does (indexing, len, iteration, getsizeof) works unchanged.
 */
import { SHARED, PyTuple, PyType, tupleType, typeType, type PyObject } from '../../objects.js';
import type { Builtins } from '../builtins.js';

/** A struct sequence type: a builtin tuple subclass `module.name` with named fields. */
export class StructSeqType extends PyType {
  constructor(
    name: string,
    module: string,
    readonly fields: readonly string[],
  ) {
    super(typeType, name, 'tuple', tupleType, false, module);
    this.gcFlags |= SHARED;
  }
}

/** An immortal instance of `type` holding `values` (owned references, one per field). */
export function newStructSeq(b: Builtins, type: StructSeqType, values: PyObject[]): PyTuple {
  const t = b.I.tupleOwned(values);
  t.type = type;
  t.gcFlags |= SHARED;
  return t;
}

/** The field `name` of a struct sequence (a new reference), or null when `o` has none. */
export function structSeqField(b: Builtins, o: PyObject, name: string): PyObject | null {
  if (!(o instanceof PyTuple) || !(o.type instanceof StructSeqType)) return null;
  const i = o.type.fields.indexOf(name);
  if (i < 0) return null;
  const v = o.items[i]!;
  b.heap.incref(v);
  return v;
}

/** structseq_repr: `module.name(field=value, ...)`, or null when `o` is no struct sequence. */
export function structSeqRepr(o: PyObject, repr: (v: PyObject) => string): string | null {
  if (!(o instanceof PyTuple) || !(o.type instanceof StructSeqType)) return null;
  const t = o.type;
  const parts = t.fields.map((f, i) => `${f}=${repr(o.items[i]!)}`);
  return `${t.module}.${t.name}(${parts.join(', ')})`;
}
