/**
 * collections.deque (Modules/_collectionsmodule.c): a double-ended queue CPython keeps in a
 * doubly linked list of 64-slot blocks. Two things a lesson can see follow that layout:
 *
 * - sys.getsizeof is deque_sizeof's estimate: 232 (the object and its GC header) plus 528
 *   bytes per block, the blocks counted as ceil((leftindex + len) / 64). `leftindex` (the
 *   first item's slot in the leftmost block) is modelled exactly as CPython moves it: a new
 *   deque starts centred (32), extend()/extendleft() of an empty deque start filling from the
 *   left (1) or the right (63), an emptied deque re-centres, rotate() shifts it.
 * - the deque is a GC container: tp_traverse visits the items left to right, and both
 *   tp_clear and dealloc release them left to right (deque_clear).
 *
 * Items live in a ring buffer (Ring), so appends and pops at either end cost O(1).
 * A deque is weakly referenceable (it has a weakreflist) and unhashable.
 */
import { None, PyBool, PyInt, PyObject, PyType, objectType, typeType, type Visit } from '../../objects.js';
import { PyIter, PySlice } from '../pyobjects.js';
import type { ExtensionKit } from '../extension.js';
import type { Builtins } from '../builtins.js';
import { weakrefableLikeAClass } from '../../weakrefable.js';
import { registerUnhashable } from '../../containers.js';

const BLOCKLEN = 64;
const CENTER = (BLOCKLEN - 1) >> 1;
/** sizeof(dequeobject) with its GC header, and sizeof(block) (two links and 64 slots). */
const DEQUE_BASE = 232;
const BLOCK_BYTES = 528;

export const dequeType = new PyType(typeType, 'deque', 'object', objectType, false, 'collections');
const dequeIterType = new PyType(typeType, '_deque_iterator', 'iterator', objectType, false, '_collections');
const dequeReverseIterType = new PyType(typeType, '_deque_reverse_iterator', 'iterator', objectType, false, '_collections');
weakrefableLikeAClass(dequeType);
registerUnhashable(dequeType, 'collections.deque');

/** A growable ring buffer: O(1) at both ends, O(1) indexing. */
export class Ring<T> {
  private buf: (T | undefined)[] = new Array<T | undefined>(8);
  private head = 0;
  length = 0;
  at(i: number): T {
    return this.buf[(this.head + i) & (this.buf.length - 1)]!;
  }
  set(i: number, v: T): void {
    this.buf[(this.head + i) & (this.buf.length - 1)] = v;
  }
  private grow(): void {
    if (this.length < this.buf.length) return;
    const next = new Array<T | undefined>(this.buf.length * 2);
    for (let i = 0; i < this.length; i++) next[i] = this.at(i);
    this.buf = next;
    this.head = 0;
  }
  push(v: T): void {
    this.grow();
    this.set(this.length++, v);
  }
  unshift(v: T): void {
    this.grow();
    this.head = (this.head - 1) & (this.buf.length - 1);
    this.buf[this.head] = v;
    this.length++;
  }
  pop(): T {
    const v = this.at(this.length - 1);
    this.set(--this.length, undefined as T);
    return v;
  }
  shift(): T {
    const v = this.buf[this.head]!;
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.length--;
    return v;
  }
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }
  /** Empties the ring, handing back what it held (left to right). */
  drain(): T[] {
    const out = this.toArray();
    this.buf = new Array<T | undefined>(8);
    this.head = 0;
    this.length = 0;
    return out;
  }
}

function mod(a: number, m: number): number {
  const r = a % m;
  return r < 0 ? r + m : r;
}

export class PyDeque extends PyObject {
  items = new Ring<PyObject>();
  /** The first item's slot in the leftmost block (0..63), as CPython moves it. */
  leftindex = CENTER + 1;
  /** -1: unbounded. */
  maxlen = -1;
  /** Bumped by every mutation, so an iterator can tell (deque->state). */
  state = 0;
  constructor(type: PyType = dequeType) {
    super(type);
  }
  get size(): number {
    return this.items.length;
  }
  override sizeofHint(): number {
    return DEQUE_BASE + BLOCK_BYTES * Math.floor((this.leftindex + this.items.length + BLOCKLEN - 1) / BLOCKLEN);
  }
  override traverse(visit: Visit): void {
    const r = this.items;
    for (let i = 0; i < r.length; i++) visit(r.at(i));
  }
  override clearRefs(out: PyObject[]): void {
    // deque_clear: the deque is empty (and re-centred) before its items are released.
    if (this.items.length === 0) return;
    for (const o of this.items.drain()) out.push(o);
    this.leftindex = CENTER + 1;
    this.state++;
  }
}

// ------------------------------------------------------------ block-index bookkeeping
// Each primitive moves the items and `leftindex` exactly as its C counterpart does.

/** deque_append_internal without the trim (the item is already owned by the deque). */
function pushRight(d: PyDeque, v: PyObject): void {
  d.items.push(v);
}

/** deque_appendleft_internal without the trim. */
function pushLeft(d: PyDeque, v: PyObject): void {
  d.leftindex = d.leftindex === 0 ? BLOCKLEN - 1 : d.leftindex - 1;
  d.items.unshift(v);
}

/** deque_pop: the rightmost item (owned by the caller now); the deque must not be empty. */
function takeRight(d: PyDeque): PyObject {
  const rightindex = mod(d.leftindex + d.items.length - 1, BLOCKLEN);
  const v = d.items.pop();
  d.state++;
  if (rightindex === 0 && d.items.length === 0) d.leftindex = CENTER + 1;
  return v;
}

/** deque_popleft. */
function takeLeft(d: PyDeque): PyObject {
  const v = d.items.shift();
  d.state++;
  d.leftindex++;
  if (d.leftindex === BLOCKLEN) d.leftindex = d.items.length ? 0 : CENTER + 1;
  return v;
}

/** _deque_rotate: n steps to the right (negative: left). */
function rotate(d: PyDeque, n: number): void {
  const len = d.items.length;
  const half = len >> 1;
  if (len <= 1) return;
  if (n > half || n < -half) {
    n = n % len;
    if (n > half) n -= len;
    else if (n < -half) n += len;
  }
  d.state++;
  for (let i = 0; i < n; i++) d.items.unshift(d.items.pop());
  for (let i = 0; i > n; i--) d.items.push(d.items.shift());
  d.leftindex = mod(d.leftindex - n, BLOCKLEN);
}

export function installDeque(kit: ExtensionKit): void {
  const { b } = kit;
  const I = b.I;
  const heap = b.heap;
  const t = dequeType;
  b.slotTypes.add(t);
  b.tpNames.set(t, 'collections.deque');
  const self = (o: PyObject): PyDeque => o as PyDeque;
  const M = (name: string, m: (s: PyDeque, args: PyObject[], kw: Map<string, PyObject> | null) => PyObject): void =>
    b.method(t, name, (s, args, kw) => m(self(s), args, kw));

  /** The deque's new size in bytes is accounted before it changes (the budget sees growth first). */
  const resized = (d: PyDeque): void => heap.resized(d, d.sizeofHint());

  /** append(v), v borrowed: takes a reference; trims from the left past maxlen. */
  const append = (d: PyDeque, v: PyObject): void => {
    if (mod(d.leftindex + d.items.length, BLOCKLEN) === 0) heap.reserve(BLOCK_BYTES); // a new block
    heap.incref(v);
    pushRight(d, v);
    if (d.maxlen >= 0 && d.items.length > d.maxlen) {
      const old = takeLeft(d);
      resized(d);
      heap.decref(old);
    } else {
      d.state++;
      resized(d);
    }
  };
  const appendLeft = (d: PyDeque, v: PyObject): void => {
    if (d.leftindex === 0) heap.reserve(BLOCK_BYTES); // a new block
    heap.incref(v);
    pushLeft(d, v);
    if (d.maxlen >= 0 && d.items.length > d.maxlen) {
      const old = takeRight(d);
      resized(d);
      heap.decref(old);
    } else {
      d.state++;
      resized(d);
    }
  };
  /** deque_extend / deque_extendleft. */
  const extend = (d: PyDeque, src: PyObject, left: boolean): void => {
    if (src === d) {
      const items = d.items.toArray();
      const l = b.list(items.map((x) => (heap.incref(x), x)));
      try {
        extend(d, l, left);
      } finally {
        heap.decref(l);
      }
      return;
    }
    const it = I.getIter(src);
    try {
      if (d.maxlen === 0) {
        for (let v = I.next(it); v !== null; v = I.next(it)) heap.decref(v);
        return;
      }
      if (d.items.length === 0) d.leftindex = left ? BLOCKLEN - 1 : 1;
      for (let v = I.next(it); v !== null; v = I.next(it)) {
        try {
          if (left) appendLeft(d, v);
          else append(d, v);
        } finally {
          heap.decref(v);
        }
      }
    } finally {
      heap.decref(it);
    }
  };
  /** deque_clear: items released left to right after the deque is empty. */
  const clear = (d: PyDeque): void => {
    const out: PyObject[] = [];
    d.clearRefs(out);
    resized(d);
    for (const o of out) heap.decref(o);
  };
  const newDeque = (maxlen: number): PyDeque => {
    const d = heap.track(heap.register(new PyDeque()));
    d.maxlen = maxlen;
    return d;
  };
  const maxlenOf = (o: PyObject | undefined): number => {
    if (o === undefined || o === None) return -1;
    if (!(o instanceof PyInt || o instanceof PyBool)) throw b.err('TypeError', 'an integer is required');
    const n = Number(o instanceof PyBool ? (o.value ? 1 : 0) : o.value);
    if (n < 0) throw b.err('ValueError', 'maxlen must be non-negative');
    return n;
  };
  /** deque_copy: append for one item, else extend (so an empty-start copy fills from slot 1). */
  const copy = (d: PyDeque): PyDeque => {
    const c = newDeque(d.maxlen);
    try {
      if (d.items.length === 1) append(c, d.items.at(0));
      else extend(c, d, false);
    } catch (e) {
      heap.decref(c);
      throw e;
    }
    return c;
  };
  const indexOf = (d: PyDeque, k: PyObject): number => {
    if (k instanceof PySlice) throw b.err('TypeError', "sequence index must be integer, not 'slice'");
    let i = I.index(k, `sequence index must be integer, not '${k.type.name}'`);
    if (i < 0) i += d.items.length;
    if (i < 0 || i >= d.items.length) throw b.err('IndexError', 'deque index out of range');
    return i;
  };
  /** deque_del_item: rotate the item to the left end, pop it, rotate back. */
  const delAt = (d: PyDeque, i: number): void => {
    rotate(d, -i);
    const v = takeLeft(d);
    rotate(d, i);
    resized(d);
    heap.decref(v);
  };
  /** Index of the first item equal to v in [start, stop), or -1; fails if the deque mutates. */
  const find = (d: PyDeque, v: PyObject, start: number, stop: number, mutated: string, errType: string): number => {
    const state = d.state;
    for (let i = start; i < Math.min(stop, d.items.length); i++) {
      heap.step();
      const x = d.items.at(i);
      heap.incref(x);
      let eq: boolean;
      try {
        eq = x === v || I.eq(x, v);
      } finally {
        heap.decref(x);
      }
      if (state !== d.state) throw b.err(errType, mutated);
      if (eq) return i;
    }
    return -1;
  };

  b.constructors.set(t, (args, kwPairs) => {
    const kw = kwPairs ? new Map(kwPairs) : null;
    if (args.length > 2) throw b.err('TypeError', `deque expected at most 2 arguments, got ${args.length}`);
    for (const k of kw?.keys() ?? []) if (k !== 'iterable' && k !== 'maxlen') throw b.err('TypeError', `deque() got an unexpected keyword argument '${k}'`);
    const src = args[0] ?? kw?.get('iterable');
    const d = newDeque(maxlenOf(args[1] ?? kw?.get('maxlen')));
    try {
      if (src !== undefined) extend(d, src, false);
    } catch (e) {
      heap.decref(d);
      throw e;
    }
    return d;
  });

  M('append', (s, [v]) => {
    b.argc(v ? [v] : [], 1, 1, 'append');
    append(s, v!);
    return b.none();
  });
  M('appendleft', (s, [v]) => {
    b.argc(v ? [v] : [], 1, 1, 'appendleft');
    appendLeft(s, v!);
    return b.none();
  });
  M('pop', (s) => {
    if (s.items.length === 0) throw b.err('IndexError', 'pop from an empty deque');
    const v = takeRight(s);
    resized(s);
    return v;
  });
  M('popleft', (s) => {
    if (s.items.length === 0) throw b.err('IndexError', 'pop from an empty deque');
    const v = takeLeft(s);
    resized(s);
    return v;
  });
  M('extend', (s, [v]) => {
    extend(s, v!, false);
    return b.none();
  });
  M('extendleft', (s, [v]) => {
    extend(s, v!, true);
    return b.none();
  });
  M('rotate', (s, [n]) => {
    const k = n === undefined ? 1 : I.index(n, `'${n.type.name}' object cannot be interpreted as an integer`);
    heap.step(Math.min(Math.abs(k), s.items.length));
    rotate(s, k);
    resized(s);
    return b.none();
  });
  M('clear', (s) => {
    heap.step(s.items.length);
    clear(s);
    return b.none();
  });
  M('copy', (s) => {
    heap.step(s.items.length);
    return copy(s);
  });
  M('__copy__', (s) => {
    heap.step(s.items.length);
    return copy(s);
  });
  M('count', (s, [v]) => {
    let n = 0;
    const state = s.state;
    for (let i = 0; i < s.items.length; i++) {
      heap.step();
      const x = s.items.at(i);
      if (x === v || I.eq(x, v!)) n++;
      if (state !== s.state) throw b.err('RuntimeError', 'deque mutated during iteration');
    }
    return b.int(n);
  });
  M('index', (s, [v, a, z]) => {
    const len = s.items.length;
    const norm = (o: PyObject | undefined, dflt: number): number => {
      if (o === undefined) return dflt;
      let i = I.index(o, 'slice indices must be integers or have an __index__ method');
      if (i < 0) i = Math.max(0, i + len);
      return Math.min(i, len);
    };
    const stop = norm(z, len);
    const start = Math.min(norm(a, 0), stop);
    const i = find(s, v!, start, stop, 'deque mutated during iteration', 'RuntimeError');
    if (i < 0) throw b.err('ValueError', `${b.repr(v!)} is not in deque`);
    return b.int(i);
  });
  M('insert', (s, [k, v]) => {
    const n = s.items.length;
    const index = I.index(k!, `'${k!.type.name}' object cannot be interpreted as an integer`);
    if (s.maxlen === n) throw b.err('IndexError', 'deque already at its maximum size');
    heap.step(Math.min(Math.abs(index), n));
    if (index >= n) append(s, v!);
    else if (index <= -n || index === 0) appendLeft(s, v!);
    else {
      rotate(s, -index);
      if (index < 0) append(s, v!);
      else appendLeft(s, v!);
      rotate(s, index);
      resized(s);
    }
    return b.none();
  });
  M('remove', (s, [v]) => {
    const i = find(s, v!, 0, s.items.length, 'deque mutated during remove().', 'IndexError');
    if (i < 0) throw b.err('ValueError', `${b.repr(v!)} is not in deque`);
    heap.step(Math.min(i, s.items.length - i));
    delAt(s, i);
    return b.none();
  });
  M('reverse', (s) => {
    heap.step(s.items.length);
    const items = s.items.toArray().reverse();
    items.forEach((x, i) => s.items.set(i, x));
    s.state++;
    return b.none();
  });
  M('__len__', (s) => b.int(s.items.length));
  M('__bool__', (s) => b.bool(s.items.length > 0));
  M('__contains__', (s, [v]) => b.bool(find(s, v!, 0, s.items.length, 'deque mutated during iteration', 'RuntimeError') >= 0));
  M('__getitem__', (s, [k]) => {
    const v = s.items.at(indexOf(s, k!));
    heap.incref(v);
    return v;
  });
  M('__setitem__', (s, [k, v]) => {
    const i = indexOf(s, k!);
    const old = s.items.at(i);
    heap.incref(v!);
    s.items.set(i, v!);
    heap.decref(old);
    return b.none();
  });
  M('__delitem__', (s, [k]) => {
    const i = indexOf(s, k!);
    heap.step(Math.min(i, s.items.length - i));
    delAt(s, i);
    return b.none();
  });
  M('__hash__', () => {
    throw b.err('TypeError', "unhashable type: 'collections.deque'");
  });
  const iterator = (s: PyDeque, reverse: boolean): PyObject => {
    const state = s.state;
    let i = 0;
    heap.incref(s);
    const it = new DequeIter(reverse ? dequeReverseIterType : dequeIterType, s, (self) => {
      const d = self.seq as PyDeque | null;
      if (!d) return null;
      if (d.state !== state) throw b.err('RuntimeError', 'deque mutated during iteration');
      if (i < d.items.length) {
        const v = d.items.at(reverse ? d.items.length - 1 - i : i);
        i++;
        heap.incref(v);
        return v;
      }
      self.seq = null;
      heap.decref(d);
      return null;
    });
    it.hint = () => (it.seq ? Math.max(0, s.items.length - i) : 0);
    return heap.track(heap.register(it));
  };
  M('__iter__', (s) => iterator(s, false));
  M('__reversed__', (s) => iterator(s, true));
  M('__eq__', (s, [o]) => compare(b, 'Eq', s, o!));
  M('__ne__', (s, [o]) => compare(b, 'NotEq', s, o!));
  M('__lt__', (s, [o]) => compare(b, 'Lt', s, o!));
  M('__le__', (s, [o]) => compare(b, 'LtE', s, o!));
  M('__gt__', (s, [o]) => compare(b, 'Gt', s, o!));
  M('__ge__', (s, [o]) => compare(b, 'GtE', s, o!));
  M('__add__', (s, [o]) => {
    if (!(o instanceof PyDeque)) throw b.err('TypeError', `can only concatenate deque (not "${o!.type.name}") to deque`);
    heap.step(s.items.length + o.items.length);
    const c = copy(s);
    try {
      extend(c, o, false);
    } catch (e) {
      heap.decref(c);
      throw e;
    }
    return c;
  });
  M('__iadd__', (s, [o]) => {
    extend(s, o!, false);
    heap.incref(s);
    return s;
  });
  /** deque_inplace_repeat: a cost check before any work. */
  const repeat = (s: PyDeque, n: number): void => {
    const size = s.items.length;
    if (size === 0 || n === 1) return;
    if (n <= 0) {
      clear(s);
      return;
    }
    if (s.maxlen >= 0 && n * size > s.maxlen) n = Math.ceil(s.maxlen / size);
    heap.step(size * n);
    heap.reserve(8 * size * (n - 1));
    const items = s.items.toArray();
    for (let r = 1; r < n; r++) for (const x of items) append(s, x);
  };
  const times = (o: PyObject | undefined): number => {
    if (!(o instanceof PyInt || o instanceof PyBool)) return NaN;
    return Number(o instanceof PyBool ? (o.value ? 1 : 0) : o.value);
  };
  M('__mul__', (s, [o]) => {
    const n = times(o);
    if (Number.isNaN(n)) return b.notImplemented();
    const c = copy(s);
    try {
      repeat(c, n);
    } catch (e) {
      heap.decref(c);
      throw e;
    }
    return c;
  });
  M('__rmul__', (s, [o]) => {
    const n = times(o);
    if (Number.isNaN(n)) return b.notImplemented();
    const c = copy(s);
    try {
      repeat(c, n);
    } catch (e) {
      heap.decref(c);
      throw e;
    }
    return c;
  });
  M('__imul__', (s, [o]) => {
    const n = times(o);
    if (Number.isNaN(n)) return b.notImplemented();
    repeat(s, n);
    heap.incref(s);
    return s;
  });
  M('__sizeof__', (s) => b.int(s.sizeofHint() - 16));
  b.setAttrOf.set(t, (_o, name) => {
    throw b.err('AttributeError', `'collections.deque' object has no attribute '${name}'`);
  });
  b.attrOf.set(t, (o, name) => {
    if (name !== 'maxlen') return null;
    const m = self(o).maxlen;
    return m < 0 ? b.none() : b.int(m);
  });
  b.reprOf.set(t, (o, active) => {
    const d = self(o);
    if (active.has(d)) return '[...]';
    heap.step(1 + d.items.length);
    active.add(d);
    try {
      const inner = d.items.toArray().map((x) => b.repr(x, active)).join(', ');
      return d.maxlen < 0 ? `deque([${inner}])` : `deque([${inner}], maxlen=${d.maxlen})`;
    } finally {
      active.delete(d);
    }
  });
}

/** deque iterators are 72 bytes in 3.11 (dequeiterobject with its GC header). */
class DequeIter extends PyIter {
  override sizeofHint(): number {
    return 72;
  }
}

/** deque_richcompare: only deques compare; items pairwise, then the lengths. */
function compare(b: Builtins, op: 'Eq' | 'NotEq' | 'Lt' | 'LtE' | 'Gt' | 'GtE', a: PyDeque, o: PyObject): PyObject {
  if (!(o instanceof PyDeque)) return b.notImplemented();
  b.heap.step(Math.min(a.size, o.size));
  return b.seqCompare(op, a.items.toArray(), o.items.toArray(), true);
}
