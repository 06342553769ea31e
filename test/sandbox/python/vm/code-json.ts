// Reading dump-code.py's JSON into code.ts's CodeObject (ints as bigint, floats as numbers).
import type { CodeConst, CodeObject } from '../../../../sandbox/python/vm/code.js';

type Json = Record<string, unknown>;

function floatOf(s: string): number {
  if (s === 'inf') return Infinity;
  if (s === '-inf') return -Infinity;
  if (s === 'nan') return NaN;
  return Number(s);
}

function constOf(j: Json): CodeConst {
  switch (j.kind) {
    case 'int': return { kind: 'int', value: BigInt(j.value as string) };
    case 'float': return { kind: 'float', value: floatOf(j.value as string) };
    case 'complex': return { kind: 'complex', real: floatOf(j.real as string), imag: floatOf(j.imag as string) };
    case 'tuple': return { kind: 'tuple', items: (j.items as Json[]).map(constOf) };
    case 'frozenset': return { kind: 'frozenset', items: (j.items as Json[]).map(constOf) };
    case 'code': return { kind: 'code', code: codeOf(j.code as Json) };
    default: return j as unknown as CodeConst;
  }
}

/** A CodeObject from dump-code.py's JSON object. */
export function codeOf(j: Json): CodeObject {
  return { ...(j as unknown as CodeObject), co_consts: (j.co_consts as Json[]).map(constOf) };
}
