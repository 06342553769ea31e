/**
 * What big-int work costs, known before doing it.
 *
 * CPython computes `10**10**8` (a 44 MB int) in seconds and refuses `str()` of an int past
 * 4300 digits (3.11's int_max_str_digits). A sandbox must know both costs up front: the
 * result's size is checked against the heap's byte budget, and the work is charged in
 * engine steps, so an operation too big for the request never starts and no single step
 * runs unbounded.
 *
 * The step model follows V8's BigInt algorithms, in 64-bit words: addition and shifts are
 * linear, multiplication is Karatsuba-like (w1 × w2^0.585), division likewise, and decimal
 * conversion about five times a multiplication of the same size. One step stands for
 * about a microsecond of work (what the interpreter spends on a simple statement), i.e. a
 * few hundred word operations (measured on Node 20: a 1M-bit square takes 22 ms and is
 * charged 17k steps; a 30M-bit one takes 1 s and is charged 3.8M steps — the estimate
 * errs on the expensive side for the largest numbers).
 */
import { PyError } from './containers.js';
import type { Heap } from './heap.js';
import { bitLength, intSizeForBits } from './sizes.js';

/** CPython 3.11's default sys.get_int_max_str_digits(), and the smallest positive setting. */
export const INT_MAX_STR_DIGITS = 4300;
export const INT_MAX_STR_DIGITS_THRESHOLD = 640;

/** Word operations per engine step. */
const WORDS_PER_STEP = 256;

const words = (bits: number): number => Math.max(1, Math.ceil(bits / 64));

/** Steps for linear work over `bits` bits (addition, shifts, copying). */
export function linearSteps(bits: number): number {
  return Math.ceil(words(bits) / WORDS_PER_STEP);
}

/** Steps for multiplying (or dividing) numbers of `bitsA` and `bitsB` bits. */
export function mulSteps(bitsA: number, bitsB: number): number {
  const big = Math.max(words(bitsA), words(bitsB));
  const small = Math.min(words(bitsA), words(bitsB));
  return Math.ceil((big * small ** 0.585) / WORDS_PER_STEP);
}

/** Steps for converting a `bits`-bit int to decimal (or parsing one). */
export function decimalSteps(bits: number): number {
  return 5 * mulSteps(bits, bits);
}

/**
 * Before a big-int operation: the result of `bits` bits must fit the heap's byte budget
 * (MemoryError) and `steps` must fit the step budget (TimeoutError) — both raised before
 * the work starts.
 */
export function chargeIntResult(heap: Heap, bits: number, steps: number): void {
  heap.reserve(intSizeForBits(bits));
  heap.step(steps);
}

/** Bits of a ** e for |a| ≥ 2: e × log2|a|, rounded up (log2 from the top 53 bits). */
export function powBits(a: bigint, e: bigint): number {
  return Math.ceil(Number(e) * log2Abs(a)) + 1;
}

function log2Abs(a: bigint): number {
  const mag = a < 0n ? -a : a;
  const bits = bitLength(mag);
  if (bits <= 53) return Math.log2(Number(mag));
  return bits - 53 + Math.log2(Number(mag >> BigInt(bits - 53)));
}

/**
 * The cost of a ** e by repeated squaring: the last squaring dominates (half the result's
 * bits, squared), the earlier ones add about as much again.
 */
export function powSteps(resultBits: number): number {
  const half = resultBits / 2;
  return 2 * mulSteps(half, half) + linearSteps(resultBits);
}

const LOG10_2 = Math.log10(2);

/**
 * str(int) under sys.set_int_max_str_digits: ValueError past the limit (0 = no limit),
 * decided from the bit length where it can be, so a million-digit int is never converted
 * just to be refused. Conversion work is charged in steps.
 */
export function intToDecimal(heap: Heap, v: number | bigint): string {
  if (typeof v === 'number') return String(v);
  const bits = bitLength(v);
  const limit = heap.intMaxStrDigits;
  // A b-bit number has at least floor((b - 1) × log10 2) + 1 digits.
  if (limit > 0 && Math.floor((bits - 1) * LOG10_2) + 1 > limit) throw strDigitsError(limit);
  heap.step(decimalSteps(bits));
  const s = v.toString();
  if (limit > 0 && s.length - (v < 0n ? 1 : 0) > limit) throw strDigitsError(limit);
  return s;
}

function strDigitsError(limit: number): PyError {
  return new PyError('ValueError', `Exceeds the limit (${limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`);
}

/**
 * int(s) of a string of decimal digits (sign and underscores already removed): ValueError
 * past the digit limit, as CPython's PyLong_FromString says it; otherwise parsed in one
 * linear-ish pass, charged in steps, its result checked against the byte budget first.
 */
export function parseDecimal(heap: Heap, digits: string, negative: boolean): bigint {
  const limit = heap.intMaxStrDigits;
  if (limit > 0 && digits.length > limit) {
    throw new PyError('ValueError', `Exceeds the limit (${limit} digits) for integer string conversion: value has ${digits.length} digits; use sys.set_int_max_str_digits() to increase the limit`);
  }
  const bits = Math.ceil(digits.length / LOG10_2);
  chargeIntResult(heap, bits, decimalSteps(bits));
  const v = BigInt(digits);
  return negative ? -v : v;
}
