/**
 * The `math` module, the part whose answers are exact: constants, sqrt (IEEE-754 rounds it
 * correctly, as C's does), floor/ceil/trunc, fabs, copysign, fmod, modf, the classifiers,
 * isclose, and the integer functions (gcd, lcm, factorial, isqrt, comb, perm, prod).
 *
 * The transcendental functions (log, exp, sin, pow, hypot, ...) are left out on purpose:
 * JavaScript's Math and CPython's C library may round them differently in the last digit,
 * and a sandbox must not print a float CPython would not. They are refused by name
 * (NotImplementedError), like any other name of `math` heaplab lacks.
 *
 * Big results are checked against the byte and step budgets before the work
 * (factorial, comb, perm, prod go through the interpreter's multiplication).
 */
import { PyBool, PyFloat, PyInt, type PyObject } from '../../objects.js';
import { bitLength } from '../../sizes.js';
import { chargeIntResult, mulSteps } from '../../bigint.js';
import { intValue } from '../argcheck.js';
import type { ExtensionKit } from '../extension.js';
import type { NativeImpl } from '../extension.js';

export function installMath(kit: ExtensionKit): void {
  const { b } = kit;
  const I = b.I;
  const heap = b.heap;
  const err = (t: string, m: string): unknown => b.err(t, m);

  /** PyFloat_AsDouble for math's arguments: a float, an int (that fits) or a bool. */
  const real = (o: PyObject): number => {
    if (o instanceof PyFloat) return o.value;
    if (o instanceof PyBool) return o.value ? 1 : 0;
    if (o instanceof PyInt) {
      const v = Number(o.value);
      if (!Number.isFinite(v)) throw err('OverflowError', 'int too large to convert to float');
      return v;
    }
    throw err('TypeError', `must be real number, not ${o.type.name}`);
  };
  /** An int argument (PyNumber_Index): int or bool. */
  const index = (o: PyObject): bigint => {
    const v = intValue(o);
    if (v === null) throw err('TypeError', `'${o.type.name}' object cannot be interpreted as an integer`);
    return v;
  };
  const arity = (name: string, args: PyObject[], n: number): void => {
    if (args.length !== n) {
      throw err('TypeError', n === 1 ? `math.${name}() takes exactly one argument (${args.length} given)` : `${name} expected ${n} arguments, got ${args.length}`);
    }
  };
  const fn = (name: string, impl: NativeImpl) => kit.fn(name, impl);
  const one = (name: string, f: (x: number) => PyObject) =>
    fn(name, (args) => {
      arity(name, args, 1);
      return f(real(args[0]!));
    });

  /** float -> int as floor/ceil/trunc return it: OverflowError for inf, ValueError for nan. */
  const toInt = (x: number): PyObject => {
    if (Number.isNaN(x)) throw err('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(x)) throw err('OverflowError', 'cannot convert float infinity to integer');
    return b.int(Number.isSafeInteger(x) ? x : BigInt(x));
  };
  /** floor/ceil/trunc: an int (or bool) argument is its own answer, as an int. */
  const rounding = (name: string, f: (x: number) => number) =>
    fn(name, (args) => {
      arity(name, args, 1);
      const o = args[0]!;
      if (o instanceof PyInt || o instanceof PyBool) return b.int(index(o));
      return toInt(f(real(o)));
    });

  /** isqrt: the largest r with r*r <= n (Newton's method on bigints), its work charged first. */
  const isqrt = (n: bigint): bigint => {
    if (n < 2n) return n;
    const bits = bitLength(n);
    heap.step(Math.ceil(Math.log2(bits) + 2) * mulSteps(bits, bits));
    let x = 1n << BigInt(Math.ceil(bitLength(n) / 2));
    for (;;) {
      const y = (x + n / x) >> 1n;
      if (y >= x) return x;
      x = y;
    }
  };
  /** Euclid's gcd; at most ~1.44 × bits remainder steps, each charged as a division, first. */
  const gcd = (a: bigint, c: bigint): bigint => {
    a = a < 0n ? -a : a;
    c = c < 0n ? -c : c;
    const bits = Math.max(bitLength(a), bitLength(c));
    if (bits > 64) heap.step(Math.ceil(1.44 * bits) * mulSteps(bits, 64));
    while (c) [a, c] = [c, a % c];
    return a;
  };

  /** The product lo*(lo+1)*...*hi, its size and work charged before it is computed. */
  const rangeProduct = (lo: bigint, hi: bigint): bigint => {
    if (hi < lo) return 1n;
    const count = Number(hi - lo + 1n);
    const bits = Math.ceil(count * Math.log2(Number(hi) + 1)) + 1;
    chargeIntResult(heap, bits, count * mulSteps(bits, 64));
    let r = 1n;
    for (let k = lo; k <= hi; k++) r *= k;
    return r;
  };

  kit.mod('math', {
    pi: kit.immortal(new PyFloat(Math.PI)),
    e: kit.immortal(new PyFloat(Math.E)),
    tau: kit.immortal(new PyFloat(2 * Math.PI)),
    inf: kit.immortal(new PyFloat(Infinity)),
    nan: kit.immortal(new PyFloat(NaN)),
    sqrt: one('sqrt', (x) => {
      if (x < 0) throw err('ValueError', 'math domain error');
      return I.float(Math.sqrt(x));
    }),
    fabs: one('fabs', (x) => I.float(Math.abs(x))),
    isnan: one('isnan', (x) => b.bool(Number.isNaN(x))),
    isinf: one('isinf', (x) => b.bool(x === Infinity || x === -Infinity)),
    isfinite: one('isfinite', (x) => b.bool(Number.isFinite(x))),
    floor: rounding('floor', Math.floor),
    ceil: rounding('ceil', Math.ceil),
    trunc: rounding('trunc', Math.trunc),
    copysign: fn('copysign', (args) => {
      arity('copysign', args, 2);
      const [x, y] = [Math.abs(real(args[0]!)), real(args[1]!)];
      return I.float(y < 0 || Object.is(y, -0) ? -x : x);
    }),
    fmod: fn('fmod', (args) => {
      arity('fmod', args, 2);
      const [x, y] = [real(args[0]!), real(args[1]!)];
      if (y === 0 || !Number.isFinite(x)) {
        if (!Number.isNaN(x) && !Number.isNaN(y)) throw err('ValueError', 'math domain error');
      }
      return I.float(x % y);
    }),
    modf: one('modf', (x) => {
      const whole = Number.isFinite(x) ? Math.trunc(x) : x;
      const frac = Number.isFinite(x) ? x - whole : Number.isNaN(x) ? x : Object.is(x, -Infinity) ? -0 : 0;
      return I.tupleOwned([I.float(Object.is(frac, 0) && (x < 0 || Object.is(x, -0)) ? -0 : frac), I.float(whole)]);
    }),
    isclose: fn('isclose', (args, kw) => {
      if (args.length !== 2) throw err('TypeError', `isclose() takes exactly 2 positional arguments (${args.length} given)`);
      const a = real(args[0]!);
      const c = real(args[1]!);
      const rel = kw?.get('rel_tol') ? real(kw.get('rel_tol')!) : 1e-9;
      const abs = kw?.get('abs_tol') ? real(kw.get('abs_tol')!) : 0;
      for (const k of kw?.keys() ?? []) if (k !== 'rel_tol' && k !== 'abs_tol') throw err('TypeError', `isclose() got an unexpected keyword argument '${k}'`);
      if (rel < 0 || abs < 0) throw err('ValueError', 'tolerances must be non-negative');
      if (a === c) return b.bool(true);
      if (!Number.isFinite(a) || !Number.isFinite(c)) return b.bool(false);
      const diff = Math.abs(c - a);
      return b.bool(diff <= Math.abs(rel * c) || diff <= Math.abs(rel * a) || diff <= abs);
    }),
    gcd: fn('gcd', (args) => {
      let g = 0n;
      for (const a of args) g = gcd(g, index(a));
      return b.int(g);
    }),
    lcm: fn('lcm', (args) => {
      let l = 1n;
      for (const a of args) {
        const v = index(a);
        if (v === 0n || l === 0n) l = 0n;
        else {
          l = (l / gcd(l, v)) * v;
          if (l < 0n) l = -l;
        }
      }
      return b.int(l);
    }),
    isqrt: one_int('isqrt', (n) => {
      if (n < 0n) throw err('ValueError', 'isqrt() argument must be nonnegative');
      return b.int(isqrt(n));
    }),
    factorial: one_int('factorial', (n) => {
      if (n < 0n) throw err('ValueError', 'factorial() not defined for negative values');
      return b.int(rangeProduct(2n, n));
    }),
    comb: fn('comb', (args) => {
      arity('comb', args, 2);
      const [n, k] = [index(args[0]!), index(args[1]!)];
      if (n < 0n) throw err('ValueError', 'n must be a non-negative integer');
      if (k < 0n) throw err('ValueError', 'k must be a non-negative integer');
      if (k > n) return b.int(0);
      const kk = k < n - k ? k : n - k;
      return b.int(rangeProduct(n - kk + 1n, n) / rangeProduct(1n, kk));
    }),
    perm: fn('perm', (args) => {
      if (args.length < 1 || args.length > 2) throw err('TypeError', `perm expected at most 2 arguments, got ${args.length}`);
      const n = index(args[0]!);
      const k = args.length > 1 && args[1] !== b.none() ? index(args[1]!) : n;
      if (n < 0n) throw err('ValueError', 'n must be a non-negative integer');
      if (k < 0n) throw err('ValueError', 'k must be a non-negative integer');
      if (k > n) return b.int(0);
      return b.int(rangeProduct(n - k + 1n, n));
    }),
    prod: fn('prod', (args, kw) => {
      if (args.length !== 1) throw err('TypeError', `prod() takes exactly 1 positional argument (${args.length} given)`);
      let acc: PyObject = kw?.get('start') ?? b.int(1);
      if (kw?.get('start')) heap.incref(acc);
      try {
        I.forEach(args[0]!, (x) => {
          const next = I.binop('Mult', acc, x, false);
          heap.decref(acc);
          acc = next;
        });
      } catch (e) {
        heap.decref(acc);
        throw e;
      }
      return acc;
    }),
  });

  /** A one-int-argument function (its argument through PyNumber_Index). */
  function one_int(name: string, f: (n: bigint) => PyObject) {
    return fn(name, (args) => {
      arity(name, args, 1);
      return f(index(args[0]!));
    });
  }
}
