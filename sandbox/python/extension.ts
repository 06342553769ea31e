/**
 * The seam through which a module or builtin type that lives in its own file
 * (sandbox/python/modules/*.ts, sandbox/python/types/*.ts) installs itself: it gets the
 * builtins and the two makers builtins.ts uses for its own modules, and is listed once in
 * extensions.ts. Nothing here knows any particular module.
 */
import type { PyNative, PyObject } from '../objects.js';
import type { PyModule } from './pyobjects.js';
import type { Builtins } from './builtins.js';

/** A native function's implementation: borrowed args and keywords, returns a new reference. */
export type NativeImpl = (args: PyObject[], kw: Map<string, PyObject> | null) => PyObject;

export interface ExtensionKit {
  readonly b: Builtins;
  /** Makes an (immortal) module and registers it for `import name`. */
  mod(name: string, attrs: Record<string, PyObject>): PyModule;
  /** An immortal builtin function, as module functions are. */
  fn(name: string, impl: NativeImpl): PyNative;
  /** Makes o a shared constant outside the heap (not counted, tracked or freed), as module constants are. */
  immortal<T extends PyObject>(o: T): T;
}

export type Install = (kit: ExtensionKit) => void;
