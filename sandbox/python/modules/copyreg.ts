/**
 * The copyreg module, the part copy uses: `copyreg.pickle(cls, reducer, constructor=None)`
 * registers `reducer` in `dispatch_table`, which copy.copy and copy.deepcopy consult
 * (after `__copy__` / `__deepcopy__`, before `__reduce_ex__`) as Lib/copyreg.py and
 * Lib/copy.py (3.11) do.
 *
 * The table is per sandbox (each sandbox is its own interpreter) and holds a reference to
 * each class and reducer registered, as CPython's dict does. It is made on first use, so a
 * sandbox that never registers anything has no extra object. `dispatch_table` itself, and
 * the rest of copyreg (`constructor`, `__newobj__`, `_reconstructor`, the extension
 * registry), are refused by name like any attribute heaplab does not model.
 */
import { None, PyBool, PyType, type PyObject } from '../../objects.js';
import { pyFunctionArgs, type Thrower } from '../argcheck.js';
import type { Builtins } from '../builtins.js';
import type { ExtensionKit } from '../extension.js';
import { registerSideTable } from '../../snapshot/tables.js';

/** copyreg.dispatch_table of each sandbox: class → reducer (both held). */
const tables = new WeakMap<Builtins, Map<PyType, PyObject>>();
registerSideTable('copyreg:tables', tables);

/** The reducer registered for exactly `cls` in this sandbox (borrowed), if any. */
export function dispatchReducer(b: Builtins, cls: PyType): PyObject | undefined {
  return tables.get(b)?.get(cls);
}

export function installCopyreg(kit: ExtensionKit): void {
  const { b } = kit;
  const heap = b.heap;
  const err: Thrower = (t, m) => b.err(t, m);

  /** The builtin callable(): one owner of what counts as callable. */
  const callable = (o: PyObject): boolean => {
    heap.incref(o);
    const r = b.I.call(b.names.get('callable')!, [o], null);
    heap.decref(r);
    return r instanceof PyBool && r.value;
  };

  kit.mod('copyreg', {
    pickle: kit.fn('pickle', (args, kw) => {
      const [cls, reducer, ctor] = pyFunctionArgs(err, 'pickle', ['ob_type', 'pickle_function', 'constructor_ob'], 2, args, kw);
      if (!callable(reducer!)) throw err('TypeError', 'reduction functions must be callable');
      if (!(cls instanceof PyType)) throw err('NotImplementedError', `heaplab does not support copyreg.pickle for a key of type '${cls!.type.name}'`);
      let table = tables.get(b);
      if (!table) tables.set(b, (table = new Map()));
      const old = table.get(cls);
      heap.incref(reducer!);
      if (old) heap.decref(old);
      else heap.incref(cls);
      table.set(cls, reducer!);
      if (ctor !== undefined && ctor !== None && !callable(ctor)) throw err('TypeError', 'constructors must be callable');
      return b.none();
    }),
  });
}
