/**
 * Loading a compiled program: co_consts as heap objects, made once when the program is
 * loaded and held by their code objects for the sandbox's life (as the module's code
 * object lives for the whole run under the oracle).
 *
 * The objects are CPython's compiler's: equal constants of one compilation are one object
 * (merged by type and value, so 1, 1.0 and True stay three), a str of name characters is
 * interned, and the shared objects (small ints, '', one-character strs, None, True, False,
 * Ellipsis, the empty tuple and bytes) are the sandbox's shared ones. A nested code object
 * is a `code` object on the heap (introspect.ts's PyCode) whose CodeInfo the machine finds
 * through `infoOfCode`.
 */
import type { RootProvider } from '../../../heap.js';
import { PyComplex } from '../../../complex.js';
import {
  EMPTY_BYTES, EMPTY_TUPLE, Ellipsis, False, None, PyBytes, PyFloat, PyObject, PyStr, PyTuple, True,
  literalSharedStr,
} from '../../../objects.js';
import { newSet } from '../../../factory.js';
import type { Interpreter } from '../../interpreter.js';
import { PyCode } from '../../introspect.js';
import type { CodeConst, CodeObject } from '../code.js';
import { type CodeInfo, codeInfo } from './frame.js';
import { registerSideTable } from '../../../snapshot/tables.js';

/** all_name_chars: the strs CPython's compiler interns. */
const NAME_CHARS = /^[A-Za-z0-9_]+$/;

const infos = new WeakMap<PyObject, CodeInfo>();
registerSideTable('machine/consts:infos', infos, (o) => o instanceof PyCode);

/** The CodeInfo of a `code` constant the machine loaded (undefined for any other object). */
export function infoOfCode(o: PyObject): CodeInfo | undefined {
  return infos.get(o);
}

/** A loaded program's constants (every code object's co_consts): heap roots for its life. */
export class ProgramConsts implements RootProvider {
  constructor(private readonly infos: readonly CodeInfo[]) {}
  *roots(): Iterable<PyObject> {
    for (const i of this.infos) yield* i.consts;
  }
}

/**
 * Load a module's code object and every code object nested in its constants: each gets
 * its CodeInfo with co_consts as heap objects (references its code object holds).
 * Iterative over the code objects; a constant tuple nests only as deep as its source.
 */
export function loadProgram(I: Interpreter, module: CodeObject, source: string): CodeInfo {
  const lines = source.split('\n');
  const cache = new Map<string, PyObject>();
  const root = codeInfo(module, lines);
  const work: CodeInfo[] = [root];
  const all: CodeInfo[] = [];
  while (work.length > 0) {
    const info = work.pop()!;
    all.push(info);
    for (const n of info.co.co_names) I.internName(n);
    for (const n of info.co.co_varnames) I.internName(n);
    info.consts = info.co.co_consts.map((c) => constant(I, c, cache, lines, work));
  }
  // The compiler's merge cache goes when compilation ends; the code objects keep theirs.
  for (const v of cache.values()) I.heap.decref(v);
  // Constants are live objects: the heap's walks find them through their code objects.
  I.heap.objects.rootProviders.push(new ProgramConsts(all));
  return root;
}

/** A new reference to the heap object for `c`, merged through `cache`. */
function constant(I: Interpreter, c: CodeConst, cache: Map<string, PyObject>, lines: string[], work: CodeInfo[]): PyObject {
  const heap = I.heap;
  const shared = (o: PyObject): PyObject => {
    heap.incref(o);
    return o;
  };
  const merge = (key: string, make: () => PyObject): PyObject => {
    const hit = cache.get(key);
    if (hit) return shared(hit);
    const v = make();
    heap.allocTracer?.forget(v);
    heap.incref(v);
    cache.set(key, v);
    return v;
  };
  switch (c.kind) {
    case 'None': return shared(None);
    case 'Ellipsis': return shared(Ellipsis);
    case 'bool': return shared(c.value ? True : False);
    case 'int': return merge('i' + c.value, () => I.int(BigInt(c.value)));
    case 'float': return merge('f' + floatKey(c.value), () => heap.register(new PyFloat(c.value)));
    case 'str': {
      const sh = literalSharedStr(c.value);
      if (sh) return shared(sh);
      if (NAME_CHARS.test(c.value)) return merge('s' + c.value, () => I.internConst(c.value));
      return merge('s' + c.value, () => heap.register(new PyStr(c.value)));
    }
    case 'bytes':
      if (c.value.length === 0) return shared(EMPTY_BYTES);
      return merge('y' + c.value.join(','), () => heap.register(new PyBytes(Uint8Array.from(c.value))));
    case 'tuple': {
      if (c.items.length === 0) return shared(EMPTY_TUPLE);
      return merge('t' + JSON.stringify(c, bigintText), () => {
        const items = c.items.map((x) => constant(I, x, cache, lines, work));
        return heap.track(heap.register(new PyTuple(items)));
      });
    }
    case 'frozenset': return merge('z' + JSON.stringify(c, bigintText), () => {
      const items = c.items.map((x) => constant(I, x, cache, lines, work));
      const s = newSet(heap, items, true);
      for (const x of items) heap.decref(x);
      return s;
    });
    case 'complex': return merge('c' + floatKey(c.real) + ',' + floatKey(c.imag), () => heap.register(new PyComplex(c.real, c.imag)));
    case 'code': {
      const info = codeInfo(c.code, lines);
      work.push(info);
      const code = new PyCode(info.code, I.b);
      code.codeUnits = c.code.co_code.length;
      const o = heap.register(code);
      infos.set(o, info);
      return o;
    }
  }
}

function floatKey(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

function bigintText(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v;
}
