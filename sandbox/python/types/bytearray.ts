/**
 * bytearray: a mutable byte buffer with CPython 3.11's allocation policy, so that
 * `sys.getsizeof` (56 + ob_alloc, bytearray_sizeof) follows it exactly:
 *
 * - made from a size, a bytes-like object, a str with an encoding, a list or a tuple: room
 *   for exactly the bytes plus the trailing NUL (ob_alloc = n + 1; nothing when empty);
 * - from any other iterable: one byte at a time through PyByteArray_Resize;
 * - PyByteArray_Resize (append, extend, +=, pop, clear): a buffer that still fits keeps its
 *   size unless it would be less than half used (then exactly n + 1); growth within 1/8 of
 *   the current room over-allocates like list_resize (n + n/8 + 3, or + 6 from 9 bytes on),
 *   larger growth is exact.
 *
 * A bytearray holds no references to other objects (not a GC container).
 */
import { PyBool, PyBytes, PyInt, PyObject, PyStr, PyType, objectType, typeType, SHARED } from '../../objects.js';
import { PySlice, iterType, PyIter } from '../pyobjects.js';
import type { Builtins } from '../builtins.js';
import { PyExtObject } from '../extobject.js';
import { clinicArgs } from '../argcheck.js';
import { decodeBytes } from '../codecs.js';

export const bytearrayType = new PyType(typeType, 'bytearray', 'other', objectType);
bytearrayType.gcFlags |= SHARED;

export class PyByteArray extends PyExtObject {
  /** ob_alloc: the buffer's room, trailing NUL included (0: no buffer). */
  alloc = 0;
  constructor(public data: number[]) {
    super(bytearrayType);
  }
  attr(): PyObject | null {
    return null;
  }
  repr(): string {
    return `bytearray(${bytesLiteral(this.data)})`;
  }
  override sizeofHint(): number {
    return 56 + this.alloc;
  }
}

/** A bytes literal as CPython's repr writes it (double quotes only to avoid escaping '). */
export function bytesLiteral(data: ArrayLike<number>): string {
  let hasSingle = false;
  let hasDouble = false;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0x27) hasSingle = true;
    if (data[i] === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = 'b' + quote;
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === quote.charCodeAt(0) || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += String.fromCharCode(c);
  }
  return out + quote;
}

/** PyByteArray_Resize(self, size). */
export function byteArrayResize(ba: PyByteArray, size: number): void {
  if (size === ba.data.length) return;
  let alloc = ba.alloc;
  if (size + 1 <= alloc) {
    if (size < Math.floor(alloc / 2)) alloc = size + 1;
    else {
      ba.data.length = size;
      return;
    }
  } else if (size <= alloc * 1.125) {
    alloc = size + (size >> 3) + (size < 9 ? 3 : 6);
  } else {
    alloc = size + 1;
  }
  ba.alloc = alloc;
  const old = ba.data.length;
  ba.data.length = size;
  for (let i = old; i < size; i++) ba.data[i] = 0;
}

/** Install the bytearray type: constructor and methods. */
export function installByteArray(b: Builtins): void {
  const heap = b.heap;
  const I = b.I;
  /** PyByteArray_FromStringAndSize: exactly n bytes (room n + 1, none when empty). */
  const fromBytes = (data: number[]): PyByteArray => {
    const ba = heap.register(new PyByteArray(data));
    ba.alloc = data.length > 0 ? data.length + 1 : 0;
    return ba;
  };
  /** A byte value from an int, as CPython checks it. */
  const byteOf = (o: PyObject): number => {
    if (!(o instanceof PyInt || o instanceof PyBool)) throw b.err('TypeError', `'${o.type.name}' object cannot be interpreted as an integer`);
    const v = o instanceof PyBool ? (o.value ? 1 : 0) : Number(o.value);
    if (v < 0 || v > 255) throw b.err('ValueError', 'byte must be in range(0, 256)');
    return v;
  };
  /** The bytes of a bytes-like object, or null. */
  const bufferOf = (o: PyObject): number[] | null => {
    if (o instanceof PyBytes) return Array.from(o.value);
    if (o instanceof PyByteArray) return o.data.slice();
    return null;
  };
  const items = (o: PyObject): number[] => {
    const buf = bufferOf(o);
    if (buf) return buf;
    const xs = I.toArray(o);
    try {
      heap.step(xs.length);
      return xs.map(byteOf);
    } finally {
      for (const x of xs) heap.decref(x);
    }
  };
  const self = (o: PyObject): PyByteArray => o as PyByteArray;

  b.constructors.set(bytearrayType, (args, kw) => {
    const src = args[0];
    const encoding = args[1] ?? kw?.find(([k]) => k === 'encoding')?.[1];
    const ba = heap.register(new PyByteArray([]));
    try {
      if (src === undefined) return ba;
      if (src instanceof PyStr) {
        if (!encoding) throw b.err('TypeError', 'string argument without an encoding');
        const bytes = Array.from(new TextEncoder().encode(src.value));
        byteArrayResize(ba, bytes.length);
        bytes.forEach((x, i) => (ba.data[i] = x));
        return ba;
      }
      if (src instanceof PyInt || src instanceof PyBool) {
        const n = src instanceof PyBool ? Number(src.value) : Number(src.value);
        if (n < 0) throw b.err('ValueError', 'negative count');
        heap.step(n);
        byteArrayResize(ba, n);
        return ba;
      }
      const buf = bufferOf(src);
      if (buf || src.type.name === 'list' || src.type.name === 'tuple') {
        const bytes = buf ?? items(src);
        byteArrayResize(ba, bytes.length);
        bytes.forEach((x, i) => (ba.data[i] = x));
        return ba;
      }
      // Any other iterable: one byte at a time.
      for (const x of items(src)) {
        if (ba.data.length + 1 < ba.alloc) ba.data.push(x);
        else {
          byteArrayResize(ba, ba.data.length + 1);
          ba.data[ba.data.length - 1] = x;
        }
      }
      return ba;
    } catch (e) {
      heap.decref(ba);
      throw e;
    }
  });

  const M = (name: string, m: (s: PyByteArray, args: PyObject[]) => PyObject): void => b.method(bytearrayType, name, (s, args) => m(self(s), args));
  M('__len__', (s) => b.int(s.data.length));
  // bytearray.__alloc__(): ob_alloc, the room getsizeof counts
  M('__alloc__', (s, args) => {
    if (args.length) throw b.err('TypeError', `bytearray.__alloc__() takes no arguments (${args.length} given)`);
    return b.int(s.alloc);
  });
  M('__getitem__', (s, [k]) => {
    if (k instanceof PySlice) return fromBytes(I.sliceItems(s.data, k));
    let i = Number(I.index(k!));
    if (i < 0) i += s.data.length;
    if (i < 0 || i >= s.data.length) throw b.err('IndexError', 'bytearray index out of range');
    return b.int(s.data[i]!);
  });
  M('__setitem__', (s, [k, v]) => {
    if (k instanceof PySlice) throw b.err('NotImplementedError', 'heaplab does not support slice assignment to a bytearray');
    let i = Number(I.index(k!));
    if (i < 0) i += s.data.length;
    if (i < 0 || i >= s.data.length) throw b.err('IndexError', 'bytearray index out of range');
    s.data[i] = byteOf(v!);
    return b.none();
  });
  M('__contains__', (s, [v]) => b.bool(s.data.includes(byteOf(v!))));
  M('__iter__', (s) => {
    heap.incref(s);
    const it = new PyIter(iterType('bytearray_iterator'), s, (self) => {
      const src = self.seq as PyByteArray | null;
      if (src && self.index < src.data.length) return b.int(src.data[self.index++]!);
      if (src) {
        self.seq = null;
        heap.decref(src);
      }
      return null;
    });
    return heap.track(heap.register(it));
  });
  M('__eq__', (s, [o]) => {
    const other = o ? bufferOf(o) : null;
    if (!other) return b.bool(false);
    return b.bool(other.length === s.data.length && other.every((x, i) => x === s.data[i]));
  });
  M('__add__', (s, [o]) => {
    const other = o ? bufferOf(o) : null;
    if (!other) throw b.err('TypeError', `can't concat ${o?.type.name ?? 'NoneType'} to bytearray`);
    heap.step(s.data.length + other.length);
    return fromBytes([...s.data, ...other]);
  });
  M('__iadd__', (s, [o]) => {
    const other = o ? bufferOf(o) : null;
    if (!other) throw b.err('TypeError', `can't concat ${o?.type.name ?? 'NoneType'} to bytearray`);
    heap.step(other.length);
    const n = s.data.length;
    byteArrayResize(s, n + other.length);
    other.forEach((x, i) => (s.data[n + i] = x));
    heap.incref(s);
    return s;
  });
  M('__mul__', (s, [o]) => {
    const n = Math.max(0, Number(I.index(o!)));
    heap.step(s.data.length * n);
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(...s.data);
    return fromBytes(out);
  });
  M('append', (s, [v]) => {
    const x = byteOf(v!);
    byteArrayResize(s, s.data.length + 1);
    s.data[s.data.length - 1] = x;
    return b.none();
  });
  M('extend', (s, [v]) => {
    const more = items(v!);
    const n = s.data.length;
    byteArrayResize(s, n + more.length);
    more.forEach((x, i) => (s.data[n + i] = x));
    return b.none();
  });
  M('pop', (s, [k]) => {
    if (s.data.length === 0) throw b.err('IndexError', 'pop from empty bytearray');
    let i = k === undefined ? -1 : Number(I.index(k));
    if (i < 0) i += s.data.length;
    if (i < 0 || i >= s.data.length) throw b.err('IndexError', 'pop index out of range');
    const [v] = s.data.splice(i, 1);
    s.data.push(0);
    byteArrayResize(s, s.data.length - 1);
    return b.int(v!);
  });
  M('clear', (s) => {
    byteArrayResize(s, 0);
    return b.none();
  });
  M('copy', (s) => fromBytes(s.data.slice()));
  b.method(bytearrayType, 'decode', (s, a, kw) => {
    const e = (t: string, m: string): unknown => b.err(t, m);
    const [enc, errs] = clinicArgs(e, 'decode', ['encoding', 'errors'], a, kw);
    for (const [what, o] of [['encoding', enc], ['errors', errs]] as const) {
      if (o !== undefined && !(o instanceof PyStr)) throw e('TypeError', `decode() argument '${what}' must be str, not ${o.type.name}`);
    }
    b.heap.step(Math.ceil(self(s).data.length / 4096)); // linear work, charged first (CHARS_PER_STEP)
    return b.str(decodeBytes(e, self(s).data, (enc as PyStr | undefined)?.value, (errs as PyStr | undefined)?.value));
  });
  b.names.set('bytearray', bytearrayType);
}
