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
 */
import {
  PyBytes, PyDict, PyFloat, PyInstance, PyInt, PyList, PyObject, PySet, PyStr, PyTuple,
} from './objects.js';
import { heapInstanceSize } from './slots.js';

export function getsizeof(o: PyObject): number {
  if (o instanceof PyList) return 56 + 8 * o.allocated;
  if (o instanceof PyTuple) return 40 + 8 * o.items.length;
  if (o instanceof PyDict) return dictSize(o);
  if (o instanceof PySet) return 216 + (o.slots.length > 8 ? 16 * o.slots.length : 0);
  if (o instanceof PyInt) return intSize(o.value);
  if (o instanceof PyFloat) return 24;
  if (o instanceof PyStr) return strSize(o.value);
  if (o instanceof PyBytes) return 33 + o.value.length;
  if (o instanceof PyInstance) return o.type.isHeapType ? heapInstanceSize(o.type) : 56;
  return o.sizeofHint() ?? fixedSize(o);
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

export function intSize(v: number | bigint): number {
  let mag = typeof v === 'bigint' ? (v < 0n ? -v : v) : BigInt(Math.abs(v));
  let digits = 0;
  while (mag > 0n) {
    digits++;
    mag >>= 30n;
  }
  return 24 + 4 * Math.max(1, digits);
}

export function strSize(s: string): number {
  let max = 0;
  let len = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp > max) max = cp;
    len++;
  }
  if (max < 0x80) return 49 + len;
  if (max < 0x100) return 73 + len;
  if (max < 0x10000) return 74 + 2 * len;
  return 76 + 4 * len;
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
    default: return 16;
  }
}
