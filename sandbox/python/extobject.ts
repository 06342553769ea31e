/**
 * Objects of builtin-module types implemented outside builtins.ts (tracemalloc's Snapshot,
 * Statistic, ...). Such an object answers its own data attributes, repr and str; its
 * methods (including `__len__` / `__getitem__`) are natives registered on its type with
 * Builtins.method, and the interpreter finds them like a heap type's dunders.
 *
 * These objects hold no references to other heap objects unless a subclass says so.
 */
import { PyObject } from '../objects.js';

export abstract class PyExtObject extends PyObject {
  /** A data attribute as a new reference, or null when the object has none by that name. */
  abstract attr(name: string): PyObject | null;
  /** repr(self). */
  abstract repr(): string;
  /** str(self): the repr unless the type says otherwise. */
  str(): string {
    return this.repr();
  }
}
