/**
 * The builtin `complex` for Python code (Objects/complexobject.c, CPython 3.11): literals
 * (`1j`, folded constants), the constructor from numbers, repr/str, hash and ==, the
 * arithmetic + - * / with ints, floats and complexes (each real operand becoming
 * complex(x, 0.0) first, as to_complex does), unary - + abs, bool, .real, .imag and
 * conjugate(). Not modelled, refused by name: complex() of a string or of an object with
 * __complex__, `**` and pow(), divmod, format specs.
 */
import { PyBool, PyFloat, PyInt, type PyObject } from '../../objects.js';
import { PyComplex, complexHash, complexType } from '../../complex.js';
import type { ExtensionKit } from '../extension.js';
import { floatRepr } from '../format.js';
import { bindPython } from '../argcheck.js';

/** PyOS_double_to_string(v, 'r', 0, flags): the float's repr without the ".0" float_repr adds. */
function partRepr(v: number, sign: boolean): string {
  let s = floatRepr(v);
  if (s.endsWith('.0')) s = s.slice(0, -2);
  return sign && !s.startsWith('-') ? '+' + s : s;
}

/** complex_repr: `1j`, `(1+5j)`, `(-0-1j)`; the real part is left out only when it is +0.0. */
export function complexRepr(c: PyComplex): string {
  if (c.re === 0 && !Object.is(c.re, -0)) return partRepr(c.im, false) + 'j';
  return '(' + partRepr(c.re, false) + partRepr(c.im, true) + 'j)';
}

/** _Py_c_quot: Smith's algorithm, as CPython divides; null for a zero divisor. */
function quotient(ar: number, ai: number, br: number, bi: number): [number, number] | null {
  const absBr = Math.abs(br);
  const absBi = Math.abs(bi);
  if (absBr >= absBi) {
    if (absBr === 0) return null;
    const ratio = bi / br;
    const denom = br + bi * ratio;
    return [(ar + ai * ratio) / denom, (ai - ar * ratio) / denom];
  }
  if (absBi >= absBr) {
    const ratio = br / bi;
    const denom = br * ratio + bi;
    return [(ar * ratio + ai) / denom, (ai * ratio - ar) / denom];
  }
  return [NaN, NaN]; // a NaN in the divisor
}

export function installComplex(kit: ExtensionKit): void {
  const { b } = kit;
  const I = b.I;
  const heap = b.heap;
  const t = complexType;
  b.slotTypes.add(t);
  b.names.set('complex', t);
  const make = (re: number, im: number): PyComplex => heap.register(new PyComplex(re, im));
  /** PyLong_AsDouble / PyFloat_AsDouble for an int, bool or float; null for anything else. */
  const realOf = (o: PyObject): number | null => {
    if (o instanceof PyFloat) return o.value;
    if (o instanceof PyBool) return o.value ? 1 : 0;
    if (o instanceof PyInt) {
      const v = Number(o.value);
      if (!Number.isFinite(v)) throw b.err('OverflowError', 'int too large to convert to float');
      return v;
    }
    return null;
  };
  /** to_complex: the operand as (re, im), or null (the operator then answers NotImplemented). */
  const parts = (o: PyObject): [number, number] | null => {
    if (o instanceof PyComplex) return [o.re, o.im];
    const r = realOf(o);
    return r === null ? null : [r, 0];
  };
  const self = (o: PyObject): PyComplex => o as PyComplex;
  /** A binary operator slot: both operands made complex, or NotImplemented. */
  const binary = (name: string, reflected: boolean, f: (a: [number, number], c: [number, number]) => [number, number]): void => {
    b.method(t, name, (s, [o]) => {
      const other = parts(o!);
      if (!other) return b.notImplemented();
      const mine: [number, number] = [self(s).re, self(s).im];
      const [re, im] = reflected ? f(other, mine) : f(mine, other);
      return make(re, im);
    });
  };
  const add = (a: [number, number], c: [number, number]): [number, number] => [a[0] + c[0], a[1] + c[1]];
  const sub = (a: [number, number], c: [number, number]): [number, number] => [a[0] - c[0], a[1] - c[1]];
  const mul = (a: [number, number], c: [number, number]): [number, number] => [a[0] * c[0] - a[1] * c[1], a[0] * c[1] + a[1] * c[0]];
  const div = (a: [number, number], c: [number, number]): [number, number] => {
    const q = quotient(a[0], a[1], c[0], c[1]);
    if (!q) throw b.err('ZeroDivisionError', 'complex division by zero');
    return q;
  };
  for (const [name, f] of [['add', add], ['sub', sub], ['mul', mul], ['truediv', div]] as const) {
    binary(`__${name}__`, false, f);
    binary(`__r${name}__`, true, f);
  }
  for (const name of ['__pow__', '__rpow__', '__floordiv__', '__rfloordiv__', '__mod__', '__rmod__', '__divmod__', '__rdivmod__', '__format__']) {
    b.method(t, name, () => {
      throw b.err('NotImplementedError', `heaplab does not support 'complex.${name}'`);
    });
  }
  b.method(t, '__neg__', (s) => make(-self(s).re, -self(s).im));
  b.method(t, '__pos__', (s) => b.same(s));
  b.method(t, '__abs__', (s) => {
    const r = Math.hypot(self(s).re, self(s).im);
    if (r === Infinity && Number.isFinite(self(s).re) && Number.isFinite(self(s).im)) throw b.err('OverflowError', 'absolute value too large');
    return I.float(r);
  });
  b.method(t, '__bool__', (s) => b.bool(self(s).re !== 0 || self(s).im !== 0));
  b.method(t, '__hash__', (s) => b.int(BigInt(complexHash(self(s)))));
  // complex_richcompare: == and != only; an int compares with the real part exactly.
  const equal = (c: PyComplex, o: PyObject): boolean | null => {
    if (o instanceof PyComplex) return c.re === o.re && c.im === o.im;
    if (o instanceof PyInt || o instanceof PyBool) {
      if (c.im !== 0) return false;
      return I.truthConsume(I.richCompare('Eq', I.float(c.re), o));
    }
    if (o instanceof PyFloat) return c.re === o.value && c.im === 0;
    return null;
  };
  b.method(t, '__eq__', (s, [o]) => {
    const r = equal(self(s), o!);
    return r === null ? b.notImplemented() : b.bool(r);
  });
  b.method(t, '__ne__', (s, [o]) => {
    const r = equal(self(s), o!);
    return r === null ? b.notImplemented() : b.bool(!r);
  });
  b.method(t, 'conjugate', (s, args) => {
    b.argc(args, 0, 0, 'conjugate');
    return make(self(s).re, -self(s).im);
  });
  b.method(t, '__getnewargs__', (s) => I.tupleOwned([I.float(self(s).re), I.float(self(s).im)]));
  b.reprOf.set(t, (o) => complexRepr(self(o)));
  b.strOf.set(t, (o) => complexRepr(self(o)));
  b.attrOf.set(t, (o, name) => (name === 'real' ? I.float(self(o).re) : name === 'imag' ? I.float(self(o).im) : null));

  // complex_new: complex(real=0, imag=0) from numbers
  b.constructors.set(t, (args, kw) => {
    const [r, i] = bindPython((type, msg) => b.err(type, msg), 'complex', { params: ['real', 'imag'], defaults: 2 }, args, kw && kw.length ? new Map(kw) : null).slots;
    if (r !== undefined && r instanceof PyComplex && r.type === t && i === undefined) return b.same(r);
    const numberArg = (o: PyObject, which: 'first' | 'second'): [number, number, boolean] => {
      if (o instanceof PyComplex) return [o.re, o.im, true];
      const v = realOf(o);
      if (v !== null) return [v, 0, false];
      if (which === 'first' && I.dunder(o, '__complex__') === undefined && !(o.type === b.names.get('str'))) {
        throw b.err('TypeError', `complex() first argument must be a string or a number, not '${o.type.name}'`);
      }
      if (which === 'second' && o.type === b.names.get('str')) throw b.err('TypeError', "complex() second arg can't be a string");
      if (which === 'second' && !I.dunder(o, '__float__')) throw b.err('TypeError', `complex() second argument must be a number, not '${o.type.name}'`);
      throw b.err('NotImplementedError', `heaplab does not support complex() of a '${o.type.name}'`);
    };
    // cr = real as complex, ci = imag as complex; the result is (cr.real - ci.imag, ci.real + cr.imag)
    // where each correction applies only to an operand that was a complex (complex_new_impl).
    const [crRe, crIm, crComplex] = r === undefined ? [0, 0, false] : numberArg(r, 'first');
    const [ciRe, ciIm, ciComplex] = i === undefined ? [0, 0, false] : numberArg(i, 'second');
    const re = ciComplex ? crRe - ciIm : crRe;
    if (i === undefined) return make(re, crIm);
    return make(re, crComplex ? ciRe + crIm : ciRe);
  });
}
