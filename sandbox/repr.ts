/**
 * repr() of the engine's built-in objects, as CPython prints them: `[1, [...]]` for a list
 * that contains itself, `<__main__.C object at 0x...>` for instances. Depth and length are
 * bounded (deeper nesting prints `...`, and past MAX_CHARS the rest is `...`), so no heap
 * can make it recurse without limit or a read build a string larger than the heap —
 * `[[x] * 1000] * 1000` is two objects but a million items to print.
 * The Python interpreter has its own repr that also calls user `__repr__` methods.
 */
import {
  PyBool, PyBytes, PyDict, PyFloat, PyInstance, PyInt, PyList, PyNative, PyObject, PySet, PyStr,
  PyTuple, PyType, PyWeakref, None, Ellipsis,
} from './objects.js';
import { hexId } from './heap.js';
import { bitLength } from './sizes.js';
import { isPyPrintable } from './unicode.js';

const MAX_DEPTH = 60;
/** Characters a read's repr may produce (more is cut with `...`). */
const MAX_CHARS = 10_000;

export function reprOf(o: PyObject): string {
  const budget = { left: MAX_CHARS };
  const s = repr(o, new Set(), 0, budget);
  return s.length > MAX_CHARS ? s.slice(0, MAX_CHARS) + '...' : s;
}

export function reprStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (isPyPrintable(cp)) out += ch;
    // unicode_repr: what is not printable is escaped in the shortest of \xhh, \uhhhh, \Uhhhhhhhh
    else if (cp <= 0xff) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp <= 0xffff) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + quote;
}

export function reprFloat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return v.toFixed(1);
  let s = String(v);
  // JS and Python agree on the shortest round-trip digits; only the exponent form differs.
  const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s);
  if (m) s = `${m[1]}e${m[2]}${m[3]!.padStart(2, '0')}`;
  if (Math.abs(v) >= 1e16 && !s.includes('e')) {
    s = v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return s;
}

/**
 * An int as the inspection API shows it: its decimal digits while CPython would print them
 * (at most 4300 digits), else its size — a read never converts a huge int to decimal.
 * The bit length of a big int is measured once and remembered.
 */
function intRepr(o: PyInt): string {
  const v = o.value;
  if (typeof v === 'number') return String(v);
  let bits = bigIntBits.get(o);
  if (bits === undefined) {
    bits = bitLength(v);
    bigIntBits.set(o, bits);
  }
  // Below 14,286 bits an int has at most 4301 digits.
  return bits < 14_286 ? v.toString() : `<int with ${bits} bits>`;
}
const bigIntBits = new WeakMap<PyInt, number>();

function objectRepr(o: PyObject): string {
  const mod = o.type.module === 'builtins' ? '' : o.type.module + '.';
  return `<${mod}${o.type.qualname} object at ${hexId(o.addr)}>`;
}

function repr(o: PyObject, active: Set<PyObject>, depth: number, budget: { left: number }): string {
  const s = reprOne(o, active, depth, budget);
  budget.left -= s.length;
  return s;
}

/** Items of a container while the budget lasts, then `...`. */
function reprItems(items: Iterable<PyObject>, active: Set<PyObject>, depth: number, budget: { left: number }): string[] {
  const out: string[] = [];
  for (const i of items) {
    if (budget.left <= 0) {
      out.push('...');
      break;
    }
    out.push(repr(i, active, depth, budget));
  }
  return out;
}

function reprOne(o: PyObject, active: Set<PyObject>, depth: number, budget: { left: number }): string {
  if (o === None) return 'None';
  if (o === Ellipsis) return 'Ellipsis';
  if (o instanceof PyBool) return o.value ? 'True' : 'False';
  if (o instanceof PyInt) return intRepr(o);
  if (o instanceof PyFloat) return reprFloat(o.value);
  if (o instanceof PyStr) return reprStr(o.value.length > budget.left ? o.value.slice(0, Math.max(0, budget.left)) : o.value);
  // Like str, only what the budget can show is escaped: a 40 MB bytes object costs no more than a short one.
  if (o instanceof PyBytes) return "b'" + Array.from(o.value.length > budget.left ? o.value.subarray(0, Math.max(0, budget.left)) : o.value, (b) => (b >= 0x20 && b < 0x7f && b !== 0x27 && b !== 0x5c ? String.fromCharCode(b) : b === 0x27 ? "\\'" : b === 0x5c ? '\\\\' : '\\x' + b.toString(16).padStart(2, '0'))).join('') + "'";
  if (o instanceof PyType) return o.isHeapType ? `<class '${o.module}.${o.qualname}'>` : `<class '${o.name}'>`;
  if (o instanceof PyWeakref) {
    const r = o.referent;
    return r ? `<weakref at ${hexId(o.addr)}; to '${r.type.name}' at ${hexId(r.addr)}>` : `<weakref at ${hexId(o.addr)}; dead>`;
  }
  if (o instanceof PyNative) return `<built-in function ${o.name}>`;
  if (depth > MAX_DEPTH) return '...';
  if (o instanceof PyList || o instanceof PyTuple || o instanceof PyDict || o instanceof PySet) {
    if (active.has(o)) return o instanceof PyList ? '[...]' : o instanceof PyDict ? '{...}' : '(...)';
    active.add(o);
    try {
      if (o instanceof PyList) return '[' + reprItems(o.items, active, depth + 1, budget).join(', ') + ']';
      if (o instanceof PyTuple) {
        const inner = reprItems(o.items, active, depth + 1, budget);
        return inner.length === 1 ? `(${inner[0]},)` : `(${inner.join(', ')})`;
      }
      if (o instanceof PyDict) {
        const parts: string[] = [];
        for (const [k, v] of o.entries()) {
          if (budget.left <= 0) {
            parts.push('...');
            break;
          }
          parts.push(`${repr(k, active, depth + 1, budget)}: ${repr(v, active, depth + 1, budget)}`);
        }
        return '{' + parts.join(', ') + '}';
      }
      const items = reprItems(o.items(), active, depth + 1, budget);
      if (o.type.layout === 'frozenset') return items.length ? `frozenset({${items.join(', ')}})` : 'frozenset()';
      return items.length ? `{${items.join(', ')}}` : 'set()';
    } finally {
      active.delete(o);
    }
  }
  if (o instanceof PyInstance) return objectRepr(o);
  return objectRepr(o);
}
