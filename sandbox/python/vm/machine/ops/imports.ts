/** IMPORT_NAME and IMPORT_FROM: the engine's modules (heaplab's are all plain, top-level modules). */
import { PyTuple } from '../../../../objects.js';
import type { Machine } from '../machine.js';
import type { VMFrame } from '../frame.js';

/** IMPORT_NAME: [level, fromlist] -> [module]. */
export function importName(m: Machine, f: VMFrame, ni: number): void {
  const fromlist = f.vs.pop()!;
  const level = f.vs.pop()!;
  m.heap.decref(level);
  const name = f.info.names[ni]!;
  try {
    if (fromlist instanceof PyTuple && fromlist.items.some((x) => (x as { value?: string }).value === '*')) {
      throw m.I.error('NotImplementedError', "heaplab does not support 'from ... import *'");
    }
  } finally {
    m.heap.decref(fromlist);
  }
  const mod = m.I.importModule(name);
  m.heap.incref(mod);
  f.vs.push(mod);
}

/** IMPORT_FROM: [module] -> [module, module.name]. */
export function importFrom(m: Machine, f: VMFrame, ni: number): void {
  const mod = f.vs[f.vs.length - 1]!;
  f.vs.push(m.I.importFrom(mod, f.info.names[ni]!));
}
