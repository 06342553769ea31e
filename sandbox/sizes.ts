/**
 * sys.getsizeof, as 64-bit CPython 3.11 reports it (checked against python3 3.11.7).
 *
 * getsizeof is the object's own footprint (tp_basicsize + items) plus the 16-byte GC
 * header for container types. Containers' numbers follow their growth policies, which the
 * container operations keep in step with CPython (see containers.ts):
 * - list: 56 + 8 × allocated, where `allocated` follows list_resize's over-allocation;
 * - dict: 64 for a fresh `{}` (shared empty keys), else 64 + the keys table: a 32-byte
 *   header, one index byte per slot (2 past 128 slots, 4 past 2^16), and usable = 2/3 of
 *   the slots entries of 16 bytes (all keys str) or 24 bytes (any other key);
 * - set: 216, plus 16 bytes per slot once the table outgrows the 8 inline slots;
 * - tuple: 40 + 8 × len; instance: 56 (3.11 keeps attributes in a managed dict);
 * - int: 24 + 4 × number of 30-bit digits (at least one); float 24; bytes 33 + len;
 * - str: compact ASCII 49 + len, Latin-1 73 + len, UCS-2 74 + 2 × len, UCS-4 76 + 4 × len.
 *
 * This is the one owner of sizes: `sys.getsizeof`, `object.__sizeof__`, the inspection
 * API and the heap's byte budget (heap.ts) all call `getsizeof`. An immutable object's
 * size is fixed when the heap registers it (`o.simBytes`), so asking again costs nothing —
 * a million-digit int is never measured twice.
 */
import {
  PyBytes, PyDict, PyFloat, PyInstance, PyInt, PyList, PyNative, PyObject, PySet, PyStr, PyTuple,
  objectType,
} from './objects.js';
import { heapInstanceSize } from './slots.js';
import { isBuiltinSub, subclassExtraBytes } from './builtin-subclass.js';

export function getsizeof(o: PyObject): number {
  if (o.type.isHeapType && isBuiltinSub(o)) return o.simBytes > 0 && (o instanceof PyInt || o instanceof PyStr) ? o.simBytes : builtinSubSize(o);
  // Ints first: they are most of what a loop allocates (one check instead of five).
  if (o instanceof PyInt) return o.simBytes > 0 ? o.simBytes : intSize(o.value);
  if (o instanceof PyList) return 56 + 8 * o.allocated;
  if (o instanceof PyTuple) return 40 + 8 * o.items.length;
  // A dict subtype (defaultdict, OrderedDict, ...) adds its own fields to the dict's size.
  if (o instanceof PyDict) return o.sizeofHint() ?? dictSize(o);
  if (o instanceof PySet) return 216 + (o.slots.length > 8 ? 16 * o.slots.length : 0);
  // Immutable atoms: measured once, when the heap registered them.
  if (o.simBytes > 0 && (o instanceof PyStr || o instanceof PyBytes)) return o.simBytes;
  if (o instanceof PyFloat) return 24;
  if (o instanceof PyStr) return strSize(o.value);
  if (o instanceof PyBytes) return 33 + o.value.length;
  if (o instanceof PyInstance) {
    // BaseException's struct (88); a StopIteration or an instance of a Python subclass
    // carries one more pointer pair (96). A bare object() is just the header (16).
    if (o.type.layout === 'exception') return o.type.name === 'StopIteration' || o.type.isHeapType ? 96 : 88;
    if (o.type.isHeapType) return heapInstanceSize(o.type);
    if (o.type === objectType) return 16;
    return 56;
  }
  if (o instanceof PyNative) return 72;
  return o.sizeofHint() ?? fixedSize(o);
}

/**
 * An instance of a Python subclass of list, dict, tuple, int, str, float or weakref.ref: its
 * base's size plus what the subtype adds (builtin-subclass.ts). A str subclass instance is
 * never compact: 96 + (len + 1) × character width, 16 more with a `__dict__`.
 */
function builtinSubSize(o: PyObject): number {
  if (o instanceof PyStr) return 96 + (o.type.instHasDict ? 16 : 0) + strDataBytes(o.value);
  const extra = subclassExtraBytes(o);
  if (o instanceof PyInt) return intSize(o.value) + extra;
  if (o instanceof PyList) return 56 + 8 * o.allocated + extra;
  if (o instanceof PyTuple) return 40 + 8 * o.items.length + extra;
  if (o instanceof PyDict) return dictSize(o) + extra;
  if (o instanceof PyFloat) return 24 + extra;
  return fixedSize(o) + extra; // weakref.ref
}

/** A non-compact str's data block: (len + 1) characters of the width its widest one needs. */
export function strDataBytes(s: string): number {
  let max = 0;
  let len = 0;
  for (const ch of s) {
    len++;
    const c = ch.codePointAt(0)!;
    if (c > max) max = c;
  }
  return (len + 1) * (max < 0x100 ? 1 : max < 0x10000 ? 2 : 4);
}

/**
 * The bytes CPython allocates for the object itself, pre-header included: what
 * sys.getsizeof (`sizeOf`) reports, less what lives in separate blocks (a list's item array,
 * a dict's keys and values, a set's table once it outgrows the 8 inline slots).
 */
export function objectBlockSize(o: PyObject, sizeOf: (o: PyObject) => number): number {
  // By layout first: this runs for every allocation.
  switch (o.type.layout) {
    case 'str': return strSize((o as PyStr).value);
    case 'int': return intSize((o as PyInt).value);
    case 'tuple': return 40 + 8 * (o as PyTuple).items.length;
    case 'list': return 56;
    case 'dict': return 64;
    case 'set': case 'frozenset': return 216;
    default: return sizeOf(o);
  }
}

export function dictSize(d: PyDict): number {
  const owner = d.splitOwner;
  if (owner) return 64 + 8 * (owner.sharedKeys.length + owner.sharedUsable);
  if (d.log2Size === 0) return 64;
  const slots = 1 << d.log2Size;
  const indexBytes = slots <= 128 ? 1 : slots <= 0xffff ? 2 : slots <= 0xffffffff ? 4 : 8;
  const entryBytes = d.unicodeKeys ? 16 : 24;
  return 64 + 32 + slots * indexBytes + d.usableTotal * entryBytes;
}

/** int: 24 + 4 bytes per 30-bit digit (at least one), from the bit length — never a loop over digits. */
export function intSize(v: number | bigint): number {
  if (typeof v === 'number') {
    const m = Math.abs(v);
    if (m < 2 ** 30) return 28; // one digit
    if (m < 2 ** 60) return 32; // two (every safe integer past one digit)
  }
  return intSizeForBits(bitLength(v));
}

export function intSizeForBits(bits: number): number {
  return 24 + 4 * Math.max(1, Math.ceil(bits / 30));
}

/** POW2[n] = 2^n, for n < 86. */
const POW2: number[] = Array.from({ length: 86 }, (_, n) => 2 ** n);

/** The bit length of a whole double m, 0 <= m < 2^85 (each division by 2^32 is exact). */
function doubleBitLength(m: number): number {
  if (m < 2 ** 32) return 32 - Math.clz32(m);
  const hi = Math.floor(m / 2 ** 32);
  if (hi < 2 ** 32) return 64 - Math.clz32(hi);
  return 64 + 32 - Math.clz32(Math.floor(hi / 2 ** 32));
}

/** int.bit_length(): linear in the number's size (one hexadecimal rendering), no quadratic shifts. */
export function bitLength(v: number | bigint): number {
  if (typeof v === 'number') {
    const m = Math.abs(v);
    if (m < 2 ** 85) return doubleBitLength(m);
    return bitLength(BigInt(m));
  }
  // A few words (running sums, products): measured as a double, with no BigInt comparison
  // (each is a runtime call) and no hexadecimal rendering. Rounding to a double keeps the
  // bit length, except when it carries up to a power of two: then compare exactly.
  const d = Math.abs(Number(v));
  if (d < 2 ** 85) {
    const bits = doubleBitLength(d);
    if (d !== POW2[bits - 1]) return bits; // (a table: `2 ** n` with a variable n is slow)
    return (v < 0n ? -v : v) < BigInt(d) ? bits - 1 : bits;
  }
  const mag = v < 0n ? -v : v;
  const hex = mag.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}

/** The largest code point of `s` decides its width; surrogate pairs count as one character. */
export function strSize(s: string): number {
  if (isAscii(s)) return 49 + s.length; // the common case
  let max = 0;
  let len = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        if (cp > max) max = cp;
        len--;
        i++;
        continue;
      }
    }
    if (c > max) max = c;
  }
  return strSizeFor(len, max);
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Whether every code unit of `s` is ASCII: a short str by a loop (a regex call costs more), a long one in one native scan. */
function isAscii(s: string): boolean {
  if (s.length > 32) return !NON_ASCII.test(s);
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The size of a str of `len` characters whose largest code point is `max`. */
export function strSizeFor(len: number, max: number): number {
  if (max < 0x80) return 49 + len;
  if (max < 0x100) return 73 + len;
  if (max < 0x10000) return 74 + 2 * len;
  return 76 + 4 * len;
}

/** The narrowest size a str of `len` characters can have (what a budget check may assume first). */
export function minStrSize(len: number): number {
  return 49 + len;
}

/** Sizes of the remaining kinds, by layout (checked against CPython 3.11). */
function fixedSize(o: PyObject): number {
  switch (o.type.layout) {
    case 'none': return 16;
    case 'bool': return 28;
    // A class: PyHeapTypeObject plus its cached shared-keys table (1688 in 3.11.7); a
    // static builtin type is a bare PyTypeObject (424).
    case 'type': return (o as { isHeapType?: boolean }).isHeapType ? 1688 : 424;
    case 'weakref': return 80;
    case 'function': return 152;
    case 'method': return 64;
    case 'builtin': return 72;
    case 'cell': return 40;
    case 'generator': return 104;
    case 'module': return 72;
    case 'range': return 48;
    case 'iterator': return 48;
    case 'exception': return 88;
    case 'slice': return 56;
    // A getset_descriptor (PyGetSetDescrObject with its GC header); property objects are sized by the front end.
    case 'property': return 64;
    default: return 16;
  }
}
