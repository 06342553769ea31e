/**
 * The complex number object (Objects/complexobject.c): two doubles, immutable, not a GC
 * object, 32 bytes (sys.getsizeof). Its hash and its key in dict and set tables live here,
 * next to the object, so containers.ts and the constant folder need no Python front end.
 *
 * complex_hash: hash(real) + 1000003 * hash(imag) as an unsigned 64-bit sum, -1 becoming -2,
 * so a complex with a zero imaginary part hashes (and keys) like its real part: 1+0j, 1.0
 * and 1 are one dict key.
 */
import { PyObject, PyType, objectType, typeType } from './objects.js';
import { type Hash, canonHash, floatHash } from './hashing.js';

export const complexType = new PyType(typeType, 'complex', 'other', objectType);

export class PyComplex extends PyObject {
  constructor(readonly re: number, readonly im: number) {
    super(complexType);
  }
  override sizeofHint(): number {
    return 32;
  }
}

/** complex_hash, from the parts' _Py_HashDouble (a NaN part hashes by the object's address). */
export function complexHash(c: PyComplex): Hash {
  const h = (v: number): bigint => BigInt.asUintN(64, BigInt(floatHash(v, c.addr)));
  const sum = BigInt.asIntN(64, h(c.re) + 1000003n * h(c.im));
  return canonHash(sum);
}

/**
 * The table key of a complex: its real part's (a float's) when the imaginary part is 0, so
 * equal numbers meet; else its parts, or its identity when a part is a NaN (never equal).
 */
export function complexKeyId(c: PyComplex, floatKey: (v: number) => string | number): string | number {
  if (Number.isNaN(c.re) || Number.isNaN(c.im)) return 'a' + c.addr;
  if (c.im === 0) return floatKey(c.re);
  return 'c' + (Object.is(c.re, -0) ? 0 : c.re) + ',' + c.im;
}
