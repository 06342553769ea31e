/**
 * Names for the strong references an object holds. `traverse` (tp_traverse) is the one
 * owner of *which* references an object holds — the collector, gc.get_referents and
 * gc.get_referrers all use it; this module only says what each one is called, in the
 * accessor syntax a reader can type back into Python where there is one: `.__dict__`,
 * `.__class__`, `.__closure__`, `[0]`, `.cell_contents`, `.__self__`.
 *
 * Invariant: {@link namedTraverse} visits exactly what `o.traverse` visits, in the same
 * order; a label is attached only where the object's own field is that very reference,
 * and anything else gets a neutral `<ref i>` — so a label can be missing but never wrong.
 */
import { PyInstance, PyObject, PyType, PyWeakref, PyNative } from './objects.js';
import { PyCell, PyFrameObj, PyFunction, PyGenerator, PyMethod, PySuper, PyTraceback } from './python/pyobjects.js';

/** An identifier as a Python str literal ('x'). */
function pyStrLiteral(name: string): string {
  return `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

type Named = Array<[string, PyObject | null | undefined]>;

/** What each known kind calls its references, in its traverse order (null fields are skipped). */
function fieldNames(o: PyObject): Named {
  if (o instanceof PyInstance) {
    const out: Named = o.payload.map((p, i) => [`<payload ${i}>`, p]);
    if (o.dict) out.push(['.__dict__', o.dict]);
    else {
      const names = o.attrNames;
      o.attrValues.forEach((v, i) => out.push([`.${names[i]}`, v]));
    }
    if (o.type.isHeapType) out.push(['.__class__', o.type]);
    return out;
  }
  if (o instanceof PyFunction) {
    return [['.__globals__', o.globals], ['.__defaults__', o.defaults], ['.__kwdefaults__', o.kwdefaults], ['.__doc__', o.doc],
      ['.__name__', o.name], ['.__closure__', o.closure], ['.__qualname__', o.qualname]];
  }
  if (o instanceof PyMethod) return [['.__func__', o.func], ['.__self__', o.self]];
  if (o instanceof PyCell) return [['.cell_contents', o.ref]];
  if (o instanceof PyType) {
    const out: Named = [['.__dict__', o.dict], ['.__mro__', o.mroTuple], ['.__bases__', o.basesTuple]];
    if (o.isHeapType) out.push(['.__base__', o.base]);
    return out;
  }
  if (o instanceof PyGenerator) {
    const f = o.frame;
    if (!f) return [];
    const names = f.code.names;
    const out: Named = [];
    f.fast.forEach((v, i) => {
      if (v) out.push([`.gi_frame.f_locals[${pyStrLiteral(names[i] ?? String(i))}]`, v]);
    });
    return out;
  }
  if (o instanceof PyFrameObj) {
    const out: Named = [['.f_back', o.back]];
    if (o.owned) {
      o.frame.fast.forEach((v, i) => {
        if (v) out.push([`.f_locals[${pyStrLiteral(o.frame.code.names[i] ?? String(i))}]`, v]);
      });
      out.push(['.f_locals', o.frame.localsSnapshot]);
    }
    return out;
  }
  if (o instanceof PyTraceback) return [['.tb_next', o.next], ['.tb_frame', o.frame]];
  if (o instanceof PyWeakref) return [['.__callback__', o.callback]];
  if (o instanceof PyNative) return [['.__self__', o.self]];
  if (o instanceof PySuper) return [['.__thisclass__', o.cls], ['.__self__', o.obj]];
  return [];
}

/**
 * Every strong reference of `o` (exactly `o.traverse`'s, in its order), each with its name:
 * the field's accessor where {@link fieldNames} knows it, `<ref i>` otherwise.
 */
export function namedTraverse(o: PyObject): Array<[string, PyObject]> {
  const refs: PyObject[] = [];
  o.traverse((r) => refs.push(r));
  const known = fieldNames(o).filter((e): e is [string, PyObject] => e[1] !== null && e[1] !== undefined);
  const out: Array<[string, PyObject]> = [];
  let matching = true;
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i]!;
    matching &&= i < known.length && known[i]![1] === r;
    out.push([matching ? known[i]![0] : `<ref ${i}>`, r]);
  }
  return out;
}
