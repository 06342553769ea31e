/**
 * CPython's hash functions for the builtin hashable types (Python/pyhash.c,
 * Objects/longobject.c, tupleobject.c, setobject.c), as pure functions of values.
 *
 * A hash is a Py_hash_t: a signed 64-bit integer that is never -1. It is kept as a JS
 * number while it is a safe integer and as a bigint beyond (the canonical form
 * `canonHash` makes): one value, one representation, so hashes compare with `===`.
 *
 * Numbers hash as CPython's do (reduction modulo 2**61 - 1, so `hash(1) == hash(1.0) ==
 * hash(True)` and `hash(-1) == -2`), tuples and frozensets combine their items' hashes with
 * CPython's mixing, and identity hashes are _Py_HashPointer of the object's address. str
 * and bytes hash with a fixed function instead of CPython's SipHash, which CPython seeds at
 * random per process — no program can count on those values — but like CPython's, equal
 * data hash equal (`hash('ab') == hash(b'ab')`) and the empty ones hash to 0.
 */

export type Hash = number | bigint;

const MODULUS = (1n << 61n) - 1n;
const U64 = (1n << 64n) - 1n;

/** A 64-bit hash in canonical form: a number when safe, else a bigint; -1 becomes -2. */
export function canonHash(h: bigint): Hash {
  if (h === -1n) return -2;
  return h >= -9007199254740991n && h <= 9007199254740991n ? Number(h) : h;
}

/** The same hash as an unsigned 64-bit bigint (Py_uhash_t). */
function unsigned(h: Hash): bigint {
  return BigInt.asUintN(64, BigInt(h));
}

/** long_hash: the value modulo 2**61 - 1, keeping its sign; -1 is -2. */
export function intHash(v: number | bigint): Hash {
  if (typeof v === 'number') return v === -1 ? -2 : v; // |v| < 2**53 < the modulus
  const r = v < 0n ? -(-v % MODULUS) : v % MODULUS;
  return canonHash(r);
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/**
 * _Py_HashDouble for a finite float: the exact rational |v| = m * 2**e reduced modulo
 * 2**61 - 1 (where 2**e is 2**(e mod 61)), with v's sign. Integral floats hash as the int
 * they equal. Infinities are ±314159; a NaN hashes by identity (the caller passes its address).
 */
export function floatHash(v: number, addr: number): Hash {
  if (Number.isNaN(v)) return pointerHash(addr);
  if (v === Infinity) return 314159;
  if (v === -Infinity) return -314159;
  if (Number.isSafeInteger(v)) return intHash(v);
  f64[0] = Math.abs(v);
  const lo = u32[0]!;
  const hi = u32[1]!;
  const biased = hi >>> 20;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (biased === 0) e = -1074; // subnormal
  else {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  const k = ((e % 61) + 61) % 61;
  const x = ((m % MODULUS) << BigInt(k)) % MODULUS;
  return canonHash(v < 0 ? -x : x);
}

/** _Py_HashPointer: the address rotated right by 4 bits (addresses are 16-byte aligned). */
export function pointerHash(addr: number): Hash {
  return Math.floor(addr / 16);
}

/**
 * The hash of a str's or bytes' code units (a stand-in for CPython's seeded SipHash):
 * two 32-bit FNV-1a lanes, 52 bits in all, so it stays a JS number. Empty data hash to 0.
 */
export function unitsHash(units: ArrayLike<number> | string): Hash {
  const n = units.length;
  if (n === 0) return 0;
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  if (typeof units === 'string') {
    for (let i = 0; i < n; i++) {
      const c = units.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const c = units[i]!;
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
    }
  }
  return (b & 0xfffff) * 0x100000000 + (a >>> 0);
}

const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;

/** tuplehash (3.8+, an xxHash variant) over the items' hashes. */
export function tupleHash(itemHashes: readonly Hash[]): Hash {
  let acc = XXPRIME_5;
  for (const h of itemHashes) {
    acc = (acc + unsigned(h) * XXPRIME_2) & U64;
    acc = ((acc << 31n) | (acc >> 33n)) & U64;
    acc = (acc * XXPRIME_1) & U64;
  }
  acc = (acc + (BigInt(itemHashes.length) ^ (XXPRIME_5 ^ 3527539n))) & U64;
  if (acc === U64) return 1546275796;
  return canonHash(BigInt.asIntN(64, acc));
}

function shuffleBits(h: bigint): bigint {
  return (((h ^ 89869747n) ^ (h << 16n)) * 3644798167n) & U64;
}

/**
 * frozenset_hash over the hashes of its entries (the stored ones: no __hash__ runs). The
 * table's null and dummy slots cancel out of CPython's xor, so only entries count.
 */
export function frozensetHash(entryHashes: readonly Hash[]): Hash {
  let h = 0n;
  for (const e of entryHashes) h ^= shuffleBits(unsigned(e));
  h ^= ((BigInt(entryHashes.length) + 1n) * 1927868237n) & U64;
  h ^= (h >> 11n) ^ (h >> 25n);
  h = (h * 69069n + 907133923n) & U64;
  if (h === U64) return 590923713;
  return canonHash(BigInt.asIntN(64, h));
}

/** A Map key for a hash (bigints are not equal by identity in a Map, their digits are). */
export function hashKey(h: Hash): number | string {
  return typeof h === 'number' ? h : h.toString();
}

/** The low 32 bits of a hash, unsigned: where a set's probe sequence starts. */
export function hashLow32(h: Hash): number {
  return typeof h === 'number' ? h >>> 0 : Number(BigInt.asUintN(32, h));
}
