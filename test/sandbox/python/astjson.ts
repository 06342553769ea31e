/**
 * Normalises heaplab's Python AST to the JSON shape record-ast.py writes for
 * CPython's `ast` (bigints as decimal strings, bytes as number arrays), so the
 * two can be compared with a deep equality.
 */

import type * as A from '../../../sandbox/python/ast.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function toJson(node: A.Node | A.Node[] | null): Json {
  if (node === null) return null;
  if (Array.isArray(node)) return node.map((n) => (typeof n === 'string' ? n : toJson(n)));
  const out: { [k: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (node.type === 'Constant' && key === 'value') out[key] = constJson(value as A.ConstValue);
    else if (value === null || typeof value !== 'object') out[key] = value as Json;
    else out[key] = toJson(value as A.Node | A.Node[]);
  }
  return out;
}

function constJson(v: A.ConstValue): Json {
  switch (v.kind) {
    case 'int':
      return { kind: 'int', value: v.value.toString() };
    case 'bytes':
      return { kind: 'bytes', value: [...v.value] };
    case 'float':
      return { kind: 'float', value: v.value };
    case 'complex':
      return { kind: 'complex', real: v.real, imag: v.imag };
    case 'str':
      return { kind: 'str', value: v.value };
    case 'bool':
      return { kind: 'bool', value: v.value };
    default:
      return { kind: v.kind };
  }
}
