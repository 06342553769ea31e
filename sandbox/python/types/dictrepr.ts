/**
 * The `{k: v, ...}` text of a dict, as dict_repr writes it — what the reprs of the dict
 * subtypes in collections (defaultdict, Counter) wrap. A dict already being printed reads
 * `{...}`; each item costs a step.
 */
import type { PyDict, PyObject } from '../../objects.js';
import type { Builtins } from '../builtins.js';

export function dictBodyRepr(b: Builtins, d: PyDict, active: Set<PyObject>, entries?: [PyObject, PyObject][]): string {
  if (active.has(d)) return '{...}';
  b.heap.step(1 + d.size);
  active.add(d);
  try {
    return '{' + (entries ?? [...d.entries()]).map(([k, v]) => `${b.repr(k, active)}: ${b.repr(v, active)}`).join(', ') + '}';
  } finally {
    active.delete(d);
  }
}
