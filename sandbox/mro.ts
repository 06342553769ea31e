/**
 * Multiple inheritance: the C3 method resolution order and the choice of the base that
 * lays out instances, as CPython's typeobject.c computes them (mro_implementation,
 * best_base, solid_base).
 */
import { PyType, objectType } from './objects.js';

/** A class-creation error with CPython's exception type and message. */
export interface MroError {
  error: 'TypeError';
  message: string;
}

/**
 * C3 linearization of a class with `bases`: the class first, then the merge of the bases'
 * MROs and the list of bases. Work is bounded by (total MRO length)^2, and MROs are
 * bounded by the number of classes a program made.
 */
export function c3Mro(cls: PyType, bases: PyType[]): PyType[] | MroError {
  for (let i = 0; i < bases.length; i++) {
    if (bases.indexOf(bases[i]!) !== i) return { error: 'TypeError', message: `duplicate base class ${bases[i]!.name}` };
  }
  const toMerge = [...bases.map((b) => b.mro.slice()), bases.slice()];
  const remain = toMerge.map(() => 0);
  const out: PyType[] = [cls];
  for (;;) {
    let emptyAll = true;
    let picked: PyType | null = null;
    for (let i = 0; i < toMerge.length && picked === null; i++) {
      const seq = toMerge[i]!;
      if (remain[i]! >= seq.length) continue;
      emptyAll = false;
      const candidate = seq[remain[i]!]!;
      // A good head appears in no other list's tail.
      const inTail = toMerge.some((s, j) => s.indexOf(candidate, remain[j]! + 1) !== -1);
      if (!inTail) picked = candidate;
    }
    if (emptyAll) return out;
    if (picked === null) return mroError(toMerge, remain);
    out.push(picked);
    for (let j = 0; j < toMerge.length; j++) {
      const s = toMerge[j]!;
      if (remain[j]! < s.length && s[remain[j]!] === picked) remain[j]!++;
    }
  }
}

/** set_mro_error: the heads still waiting, each named once, in list order. */
function mroError(toMerge: PyType[][], remain: number[]): MroError {
  const heads: PyType[] = [];
  toMerge.forEach((s, i) => {
    const h = s[remain[i]!];
    if (h && !heads.includes(h)) heads.push(h);
  });
  return {
    error: 'TypeError',
    message: `Cannot create a consistent method resolution\norder (MRO) for bases ${heads.map((h) => h.name).join(', ')}`,
  };
}

/** Builtin exception types whose instances carry fields beyond BaseException's. */
const EXTRA_FIELDS = new Set([
  'StopIteration', 'SystemExit', 'ImportError', 'ModuleNotFoundError', 'OSError', 'SyntaxError',
  'NameError', 'AttributeError', 'UnicodeError', 'BaseExceptionGroup',
]);

/** solid_base: the nearest class up the chain whose instances add fields to its base's. */
export function solidBase(t: PyType): PyType {
  for (let c: PyType | null = t; c; c = c.base) {
    if (c === objectType) return objectType;
    const b = c.base ?? objectType;
    if (c.isHeapType ? c.slotNames.length > (b.isHeapType ? b.slotNames.length : 0) : c.layout !== b.layout || EXTRA_FIELDS.has(c.name)) return c;
  }
  return objectType;
}

/**
 * best_base: the base whose layout every other base's layout is an ancestor of; the new
 * class extends it (tp_base). Bases with unrelated layouts cannot be combined.
 */
export function bestBase(bases: PyType[]): PyType | MroError {
  let base: PyType | null = null;
  let winner: PyType | null = null;
  for (const b of bases) {
    const candidate = solidBase(b);
    if (winner === null) {
      winner = candidate;
      base = b;
    } else if (winner.isSubtypeOf(candidate)) {
      // keep the winner
    } else if (candidate.isSubtypeOf(winner)) {
      winner = candidate;
      base = b;
    } else {
      return { error: 'TypeError', message: 'multiple bases have instance lay-out conflict' };
    }
  }
  return base ?? objectType;
}
