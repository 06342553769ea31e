/**
 * The pprint module: pprint.pprint / pformat / pp as Lib/pprint.py (3.11) lays things out —
 * _safe_repr for what fits, and the _pprint_dict/list/tuple/set/str/bytes/mappingproxy
 * breakers for what does not (width 80, indent 1, depth, compact, sort_dicts; underscore_numbers).
 * Containers whose type has its own __repr__ (a class in the sandbox) print with that repr.
 * The work is bounded by the size of the output: every container is visited once per
 * _safe_repr, nesting deeper than the recursion limit is RecursionError, and the recursion
 * guard (`context`) prints `<Recursion on list with id=...>` as CPython does.
 */
import {
  PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyObject, PySet, PyStr, PyTuple, None, dictType, frozensetType, objectType, setType,
} from '../../objects.js';
import { reprStr } from '../../repr.js';
import { Raise, exceptionTypes } from '../interpreter.js';
import { pyFunctionArgs, type Thrower } from '../argcheck.js';
import type { ExtensionKit } from '../extension.js';
import { PyMappingProxy } from '../types/mappingproxy.js';
import { PyDeque } from '../types/deque.js';
import { PyDefaultDict } from '../types/defaultdict.js';
import { PyOrderedDict } from '../types/ordereddict.js';
import { PyCounter, mostCommon } from '../types/counter.js';


interface Options {
  indent: number;
  width: number;
  depth: number | null;
  compact: boolean;
  sortDicts: boolean;
  underscoreNumbers: boolean;
}

/** str.splitlines(keepends=True). */
function splitLinesKeep(s: string): string[] {
  const out: string[] = [];
  const re = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
  let start = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push(s.slice(start, m.index + m[0].length));
    start = m.index + m[0].length;
  }
  if (start < s.length) out.push(s.slice(start));
  return out;
}

const cpLen = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

export function installPprint(kit: ExtensionKit): void {
  const { b } = kit;
  const I = b.I;
  const err: Thrower = (t, m) => b.err(t, m);

  /** type(x).__repr__ is the builtin one (so pprint may take the object apart). */
  const builtinRepr = (x: PyObject): boolean => !x.type.mro.some((t) => t.isHeapType && t.dict?.getStr('__repr__') !== undefined);

  /** The _safe_key order: `<`, or on TypeError (str(type), id) order. */
  const lessThan = (a: PyObject, c: PyObject): boolean => {
    try {
      return I.truthConsume(I.richCompare('Lt', a, c));
    } catch (e) {
      if (!(e instanceof Raise) || !e.exc.type.isSubtypeOf(exceptionTypes.get('TypeError')!)) throw e;
      I.releaseRaise(e);
      const ta = b.repr(a.type);
      const tc = b.repr(c.type);
      return ta < tc || (ta === tc && a.addr < c.addr);
    }
  };
  const safeSorted = <T>(items: T[], key: (t: T) => PyObject): T[] =>
    items.slice().sort((x, y) => (lessThan(key(x), key(y)) ? -1 : lessThan(key(y), key(x)) ? 1 : 0));

  const recursion = (o: PyObject): string => `<Recursion on ${o.type.name} with id=${o.addr}>`;

  class Printer {
    out = '';
    depthNow = 0;
    constructor(readonly opt: Options) {}

    /** Guards the JS stack as the interpreter's frames would. */
    enter(): void {
      if (I.depth + this.depthNow >= I.recursionLimit) throw err('RecursionError', 'maximum recursion depth exceeded while calling a Python object');
      this.depthNow++;
    }

    /** _safe_repr: [repr, readable, recursive]. */
    safeRepr(o: PyObject, context: Set<PyObject>, level: number): [string, boolean, boolean] {
      I.heap.step(); // one step per object rendered: pformat's work grows with the structure
      const maxlevels = this.opt.depth;
      if (o instanceof PyStr || o instanceof PyBytes || o instanceof PyFloat || o instanceof PyBool || o === None) return [b.repr(o), true, false];
      if (o instanceof PyInt) return [this.opt.underscoreNumbers ? groupDigits(String(o.value)) : b.repr(o), true, false];
      // (a dict subtype with its own __repr__ — defaultdict, OrderedDict, Counter — prints with it)
      const isDict = o instanceof PyDict && o.type.mro.every((t) => t.isHeapType || t === dictType || t === objectType) && builtinRepr(o);
      const isSeq = (o instanceof PyList || o instanceof PyTuple) && builtinRepr(o);
      if (isDict || isSeq) {
        let format: (s: string) => string;
        if (o instanceof PyDict) {
          if (o.size === 0) return ['{}', true, false];
          format = (s) => `{${s}}`;
        } else if (o instanceof PyList) {
          if (o.items.length === 0) return ['[]', true, false];
          format = (s) => `[${s}]`;
        } else {
          const t = o as PyTuple;
          if (t.items.length === 0) return ['()', true, false];
          format = t.items.length === 1 ? (s) => `(${s},)` : (s) => `(${s})`;
        }
        if (maxlevels && level >= maxlevels) return [o instanceof PyDict ? '{...}' : format('...'), false, context.has(o)];
        if (context.has(o)) return [recursion(o), false, true];
        context.add(o);
        this.enter();
        try {
          let readable = true;
          let recursive = false;
          const parts: string[] = [];
          if (o instanceof PyDict) {
            for (const [k, v] of this.dictItems(o)) {
              const [kr, kread, krec] = this.safeRepr(k, context, level + 1);
              const [vr, vread, vrec] = this.safeRepr(v, context, level + 1);
              parts.push(`${kr}: ${vr}`);
              readable = readable && kread && vread;
              if (krec || vrec) recursive = true;
            }
          } else {
            for (const x of (o as PyList | PyTuple).items.slice()) {
              const [r, read, rec] = this.safeRepr(x, context, level + 1);
              parts.push(r);
              if (!read) readable = false;
              if (rec) recursive = true;
            }
          }
          return [format(parts.join(', ')), readable, recursive];
        } finally {
          this.depthNow--;
          context.delete(o);
        }
      }
      const rep = b.repr(o);
      return [rep, rep !== '' && !rep.startsWith('<'), false];
    }

    dictItems(d: PyDict): [PyObject, PyObject][] {
      const items = [...d.entries()];
      return this.opt.sortDicts ? safeSorted(items, ([k]) => k) : items;
    }

    /** self._repr: _safe_repr with a copy of the context. */
    repr(o: PyObject, context: Set<PyObject>, level: number): string {
      return this.safeRepr(o, new Set(context), level)[0];
    }

    format(o: PyObject, indent: number, allowance: number, context: Set<PyObject>, level: number): void {
      if (context.has(o)) {
        this.out += recursion(o);
        return;
      }
      const rep = this.repr(o, context, level);
      const maxWidth = this.opt.width - indent - allowance;
      if (cpLen(rep) > maxWidth) {
        const p = this.dispatch(o);
        if (p) {
          context.add(o);
          this.enter();
          try {
            p(indent, allowance, context, level + 1);
          } finally {
            this.depthNow--;
            context.delete(o);
          }
          return;
        }
      }
      this.out += rep;
    }

    dispatch(o: PyObject): ((indent: number, allowance: number, context: Set<PyObject>, level: number) => void) | null {
      if (!builtinRepr(o)) return null;
      if (o instanceof PyDict && o.size === 0 && o.type !== dictType) return () => {
        this.out += b.repr(o);
      };
      if (o instanceof PyOrderedDict) return (i, a, c, l) => this.pprintOrderedDict(o, i, a, c, l);
      if (o instanceof PyDefaultDict) return (i, a, c, l) => {
        // _pprint_default_dict: the factory's repr, then the dict broken under it
        const rdf = this.repr(o.factory ?? None, c, l);
        i += 'defaultdict'.length + 1;
        this.out += `defaultdict(${rdf},\n${' '.repeat(i)}`;
        this.pprintDict(o, i, a + 1, c, l);
        this.out += ')';
      };
      if (o instanceof PyCounter) return (i, a, c, l) => {
        // _pprint_counter: the items in most_common() order
        this.out += 'Counter({';
        if (this.opt.indent > 1) this.out += ' '.repeat(this.opt.indent - 1);
        this.formatDictItems(mostCommon(b, o), i + 'Counter'.length + 1, a + 2, c, l);
        this.out += '})';
      };
      if (o instanceof PyDeque) return (i, a, c, l) => {
        if (o.size === 0) {
          this.out += b.repr(o);
          return;
        }
        // _pprint_deque
        this.out += 'deque([';
        i += 'deque'.length + 1;
        const items = o.items.toArray();
        if (o.maxlen < 0) {
          this.formatItems(items, i, a + 2, c, l);
          this.out += '])';
        } else {
          this.formatItems(items, i, 2, c, l);
          this.out += `],\n${' '.repeat(i)}maxlen=${o.maxlen})`;
        }
      };
      if (o instanceof PyDict) return (i, a, c, l) => this.pprintDict(o, i, a, c, l);
      if (o instanceof PyList) return (i, a, c, l) => {
        this.out += '[';
        this.formatItems(o.items.slice(), i, a + 1, c, l);
        this.out += ']';
      };
      if (o instanceof PyTuple) return (i, a, c, l) => {
        this.out += '(';
        const end = o.items.length === 1 ? ',)' : ')';
        this.formatItems(o.items.slice(), i, a + end.length, c, l);
        this.out += end;
      };
      if (o instanceof PySet && (o.type === setType || o.type === frozensetType)) return (i, a, c, l) => this.pprintSet(o, i, a, c, l);
      if (o instanceof PyStr) return (i, a, _c, l) => this.pprintStr(o.value, i, a, l);
      if (o instanceof PyMappingProxy) return (i, a, c, l) => {
        this.out += 'mappingproxy(';
        this.format(o.mapping!, i + 13, a + 1, c, l);
        this.out += ')';
      };
      if (o instanceof PyBytes && o.value.length > 0) return () => {
        throw err('NotImplementedError', 'heaplab does not support pprint of long bytes');
      };
      return null;
    }

    /** _pprint_ordered_dict: OrderedDict( + list(od.items()) formatted as a list + ). */
    pprintOrderedDict(d: PyOrderedDict, indent: number, allowance: number, context: Set<PyObject>, level: number): void {
      const heap = I.heap;
      const pairs = [...d.entries()].map(([k, v]) => {
        heap.incref(k);
        heap.incref(v);
        return I.tupleOwned([k, v]);
      });
      const lst = b.list(pairs);
      try {
        this.out += 'OrderedDict(';
        this.format(lst, indent + 'OrderedDict'.length + 1, allowance + 1, context, level);
        this.out += ')';
      } finally {
        heap.decref(lst);
      }
    }

    pprintDict(d: PyDict, indent: number, allowance: number, context: Set<PyObject>, level: number): void {
      this.out += '{';
      if (this.opt.indent > 1) this.out += ' '.repeat(this.opt.indent - 1);
      if (d.size) this.formatDictItems(this.dictItems(d), indent, allowance + 1, context, level);
      this.out += '}';
    }

    formatDictItems(items: [PyObject, PyObject][], indent: number, allowance: number, context: Set<PyObject>, level: number): void {
      indent += this.opt.indent;
      const delimnl = ',\n' + ' '.repeat(indent);
      const last = items.length - 1;
      items.forEach(([k, v], i) => {
        const rep = this.repr(k, context, level);
        this.out += rep + ': ';
        this.format(v, indent + cpLen(rep) + 2, i === last ? allowance : 1, context, level);
        if (i !== last) this.out += delimnl;
      });
    }

    pprintSet(s: PySet, indent: number, allowance: number, context: Set<PyObject>, level: number): void {
      if (!s.size) {
        this.out += b.repr(s);
        return;
      }
      let end: string;
      if (s.type === setType) {
        this.out += '{';
        end = '}';
      } else {
        this.out += s.type.name + '({';
        end = '})';
        indent += s.type.name.length + 1;
      }
      this.formatItems(safeSorted([...s.items()], (x) => x), indent, allowance + end.length, context, level);
      this.out += end;
    }

    formatItems(items: PyObject[], indent: number, allowance: number, context: Set<PyObject>, level: number): void {
      indent += this.opt.indent;
      if (this.opt.indent > 1) this.out += ' '.repeat(this.opt.indent - 1);
      const delimnl = ',\n' + ' '.repeat(indent);
      let delim = '';
      let width = this.opt.width - indent + 1;
      let maxWidth = width;
      for (let i = 0; i < items.length; i++) {
        const ent = items[i]!;
        const last = i === items.length - 1;
        if (last) {
          maxWidth -= allowance;
          width -= allowance;
        }
        if (this.opt.compact) {
          const rep = this.repr(ent, context, level);
          const w = cpLen(rep) + 2;
          if (width < w) {
            width = maxWidth;
            if (delim) delim = delimnl;
          }
          if (width >= w) {
            width -= w;
            this.out += delim;
            delim = ', ';
            this.out += rep;
            continue;
          }
        }
        this.out += delim;
        delim = delimnl;
        this.format(ent, indent, last ? allowance : 1, context, level);
      }
    }

    pprintStr(s: string, indent: number, allowance: number, level: number): void {
      if (s.length === 0) {
        this.out += reprStr(s);
        return;
      }
      const chunks: string[] = [];
      const lines = splitLinesKeep(s);
      if (level === 1) {
        indent += 1;
        allowance += 1;
      }
      const maxWidth = this.opt.width - indent;
      let maxWidth1 = maxWidth;
      let rep = '';
      lines.forEach((line, i) => {
        rep = reprStr(line);
        if (i === lines.length - 1) maxWidth1 -= allowance;
        if (cpLen(rep) <= maxWidth1) {
          chunks.push(rep);
          return;
        }
        const parts = line.match(/\S*\s*/gu) ?? [''];
        parts.pop();
        let maxWidth2 = maxWidth;
        let current = '';
        parts.forEach((part, j) => {
          const candidate = current + part;
          if (j === parts.length - 1 && i === lines.length - 1) maxWidth2 -= allowance;
          if (cpLen(reprStr(candidate)) > maxWidth2) {
            if (current) chunks.push(reprStr(current));
            current = part;
          } else current = candidate;
        });
        if (current) chunks.push(reprStr(current));
      });
      if (chunks.length === 1) {
        this.out += rep;
        return;
      }
      if (level === 1) this.out += '(';
      chunks.forEach((c, i) => {
        if (i > 0) this.out += '\n' + ' '.repeat(indent);
        this.out += c;
      });
      if (level === 1) this.out += ')';
    }
  }

  /** 1234567 → 1_234_567 (f"{n:_d}"). */
  function groupDigits(s: string): string {
    const neg = s.startsWith('-');
    const digits = neg ? s.slice(1) : s;
    return (neg ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, '_');
  }

  const PARAMS = ['object', 'stream', 'indent', 'width', 'depth'];
  /** pformat/pprint's keywords: indent=1, width=80, depth=None, *, compact, sort_dicts, underscore_numbers. */
  const options = (fname: string, args: PyObject[], kw: Map<string, PyObject> | null, sortDefault: boolean, withStream: boolean): [PyObject, Options] => {
    const pos = withStream ? PARAMS : PARAMS.filter((p) => p !== 'stream');
    const kwOnly = new Map<string, PyObject>();
    const rest = new Map<string, PyObject>();
    for (const [k, v] of kw ?? []) (['compact', 'sort_dicts', 'underscore_numbers'].includes(k) ? kwOnly : rest).set(k, v);
    const vals = pyFunctionArgs(err, fname, pos, 1, args, rest.size ? rest : null);
    const get = (name: string): PyObject | undefined => vals[pos.indexOf(name)];
    const stream = withStream ? get('stream') : undefined;
    if (stream !== undefined && stream !== None) throw err('NotImplementedError', 'heaplab does not support pprint to a stream other than sys.stdout');
    const intOf = (name: string, v: PyObject | undefined, d: number): number => {
      if (v === undefined) return d;
      if (!(v instanceof PyInt || v instanceof PyBool)) throw err('TypeError', `'<' not supported between instances of '${v.type.name}' and 'int'`);
      return Number(v instanceof PyBool ? (v.value ? 1 : 0) : v.value);
    };
    const indent = intOf('indent', get('indent'), 1);
    const width = intOf('width', get('width'), 80);
    const d = get('depth');
    const depth = d === undefined || d === None ? null : intOf('depth', d, 0);
    if (indent < 0) throw err('ValueError', 'indent must be >= 0');
    if (depth !== null && depth <= 0) throw err('ValueError', 'depth must be > 0');
    if (!width) throw err('ValueError', 'width must be != 0');
    const flag = (n: string, dflt: boolean): boolean => (kwOnly.has(n) ? I.truth(kwOnly.get(n)!) : dflt);
    return [vals[0]!, { indent, width, depth, compact: flag('compact', false), sortDicts: flag('sort_dicts', sortDefault), underscoreNumbers: flag('underscore_numbers', false) }];
  };
  const pformat = (o: PyObject, opt: Options): string => {
    const p = new Printer(opt);
    p.format(o, 0, 0, new Set(), 0);
    return p.out;
  };
  const printer = (fname: string, sortDefault: boolean) => kit.fn(fname, (args, kw) => {
    const [o, opt] = options(fname, args, kw, sortDefault, true);
    I.rt.write(pformat(o, opt) + '\n', 'stdout');
    return b.none();
  });

  kit.mod('pprint', {
    pprint: printer('pprint', true),
    pp: printer('pp', false),
    pformat: kit.fn('pformat', (args, kw) => {
      const [o, opt] = options('pformat', args, kw, true, false);
      return I.newStr(pformat(o, opt));
    }),
    saferepr: kit.fn('saferepr', (args, kw) => {
      const [o] = pyFunctionArgs(err, 'saferepr', ['object'], 1, args, kw);
      const p = new Printer({ indent: 1, width: 80, depth: null, compact: false, sortDicts: true, underscoreNumbers: false });
      return I.newStr(p.safeRepr(o!, new Set(), 0)[0]);
    }),
  });
}
