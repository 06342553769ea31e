/**
 * Container operations with CPython's reference and memory behaviour: every store takes a
 * reference, every removal releases one in CPython's order, and the tables grow the way
 * CPython's do (so `sys.getsizeof` follows). Both the ops runtime and the Python
 * interpreter mutate containers only through these functions.
 */
import {
  False, KeyBuckets, KeyId, None, PyBytes, PyDict, PyFloat, PyInt, PyList, PyObject, PySet, PyStr, PyTuple,
  PyType, SET_DUMMY, SetSlot, True, GC_TRACKED, typeEpoch, strKeyOf,
} from './objects.js';
import {
  type Hash, canonHash, floatHash, frozensetHash, hashKey, hashLow32, intHash, pointerHash, tupleHash, unitsHash,
} from './hashing.js';
import { itemsBlockSize } from './alloctrace.js';
import type { Heap } from './heap.js';
import { mayBeTracked } from './tracking.js';
import { PyComplex, complexHash, complexKeyId } from './complex.js';
import { dictSize } from './sizes.js';

/** A Python-level failure raised by the engine (the interpreter maps it to an exception). */
export class PyError extends Error {
  constructor(
    public readonly pyType: string,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------- keys
//
// One owner for hashing and finding keys: dict, set and frozenset tables, their views and
// algebra, `in`, the weak collections and the JSON ops all find keys through `findKey` (or
// the fast paths below that answer the same), and the builtin hash() is `keyHash`.
//
// A key is one of three kinds:
// - a value key (str, int, float, bool, None, bytes, and tuples/frozensets of value or
//   identity keys): equal keys have equal KeyIds (1, 1.0 and True share one), so the table's
//   `index` finds it directly, with no Python code run;
// - an identity key (an instance hashed and compared by `object`'s methods): KeyId 'a' + address;
// - a rich key: its class (or an item's, for a tuple or frozenset) defines __hash__ or
//   __eq__, so hashing or comparing it runs Python code. Its entry is named 'r' + the stored
//   key's address, and the table keeps hash buckets (KeyBuckets): a lookup hashes the key once,
//   then compares it with each entry of equal hash in insertion order — identity first, then
//   the stored key's __eq__ (PyObject_RichCompareBool(stored, key, Py_EQ), reflected as usual).
// A table with no rich entries answers every value or identity key from its index alone.

/** How tables run a key's Python code (set on the heap by the interpreter). */
export interface KeyCalls {
  /** Call o's class's __hash__ and return the int it answered (TypeError unless an int). */
  callHash(o: PyObject): number | bigint;
  /** PyObject_RichCompareBool(a, b, Py_EQ) past its identity test: a's __eq__, then b's reflected. */
  equal(a: PyObject, b: PyObject): boolean;
}

/** A class's say in how its instances hash and compare (cached on the type: see keyProtocol). */
const KP_BUILTIN = 1; // no class of its own says: the builtin base's hash and ==
const KP_USER_EQ = 2; // a class's __eq__, the builtin base's hash (assigned after class creation)
const KP_USER_HASH = 3; // a class's __hash__ (and perhaps its __eq__)
const KP_UNHASHABLE = 4; // __hash__ = None (what a class's __eq__ without __hash__ sets)

/**
 * What the class dicts along t's MRO say about hashing (builtin types have none): recomputed
 * after any class attribute changes (typeEpoch).
 */
function keyProtocol(t: PyType): number {
  if (t.keyProtoEpoch === typeEpoch.value) return t.keyProto;
  const h = t.lookup('__hash__', null);
  let p = KP_BUILTIN;
  if (h === None) p = KP_UNHASHABLE;
  else if (h !== undefined) p = KP_USER_HASH;
  else if (t.lookup('__eq__', null) !== undefined) p = KP_USER_EQ;
  t.keyProto = p;
  t.keyProtoEpoch = typeEpoch.value;
  return p;
}

function unhashable(t: PyType): PyError {
  return new PyError('TypeError', `unhashable type: '${t.name}'`);
}

/**
 * The KeyId of a value or identity key (equal Python keys get equal ids: 1, 1.0 and True
 * share one); null for a rich key. Throws TypeError for an unhashable object, as CPython
 * does. Runs no Python code.
 */
export function keyId(o: PyObject, depth = 0): KeyId | null {
  const t = o.type;
  if (t.isHeapType) {
    const p = keyProtocol(t);
    if (p !== KP_BUILTIN) {
      if (p === KP_UNHASHABLE) throw unhashable(t);
      return null;
    }
  }
  if (o instanceof PyStr) return (o.kid ??= 's' + o.value);
  if (o instanceof PyInt) {
    const v = o.value;
    return typeof v === 'number' ? v : bigKeyId(v);
  }
  if (o === True) return 1;
  if (o === False) return 0;
  if (o instanceof PyFloat) return Number.isNaN(o.value) ? 'a' + o.addr : floatKeyId(o.value);
  if (o === None) return 'N';
  if (o instanceof PyComplex) return complexKeyId(o, floatKeyId);
  if (o instanceof PyBytes) return 'b' + Array.from(o.value).join(',');
  if (o instanceof PyTuple) {
    if (depth > 100) throw new PyError('RecursionError', 'maximum recursion depth exceeded while getting the hash');
    let id = 't(';
    const items = o.items;
    for (let i = 0; i < items.length; i++) {
      const k = keyId(items[i]!, depth + 1);
      if (k === null) return null;
      id += (i === 0 ? '' : ',') + String(k);
    }
    return id + ')';
  }
  const layout = t.layout;
  if (layout === 'frozenset' && o instanceof PySet) {
    if (o.rich !== null && o.rich.richCount > 0) return null;
    return 'z(' + [...o.index.keys()].map(String).sort().join(',') + ')';
  }
  const unhashableName = unhashableTypes.get(t);
  if (unhashableName !== undefined) throw new PyError('TypeError', `unhashable type: '${unhashableName}'`);
  if (layout === 'list' || layout === 'dict' || layout === 'set') throw unhashable(t);
  return 'a' + o.addr;
}

/**
 * Builtin types of module files whose tp_hash is PyObject_HashNotImplemented (deque,
 * defaultdict, ...), with the tp_name CPython's TypeError names ('collections.deque').
 */
const unhashableTypes = new Map<PyType, string>();

export function registerUnhashable(t: PyType, tpName: string): void {
  unhashableTypes.set(t, tpName);
}

/** The key of a (non-NaN) float value: an integral one keys as the int it equals. */
function floatKeyId(v: number): string | number {
  if (Number.isInteger(v)) return Number.isSafeInteger(v) ? v : bigKeyId(BigInt(v));
  return 'f' + v;
}

/**
 * The key id of an int past 2**53: its decimal digits while they are few, its hexadecimal
 * ones beyond 4096 bits — hashing a million-digit int must not convert it to decimal
 * (quadratic) on every dict lookup. Either way one value has one id.
 */
function bigKeyId(v: bigint): string {
  const hex = v.toString(16);
  return hex.length <= 1024 ? 'i' + v.toString() : 'x' + hex;
}

/**
 * hash(o), the one owner of it: the builtin hash() and every table. A class's own __hash__
 * runs (its int reduced as slot_tp_hash does); builtin values hash as CPython's do
 * (hashing.ts). Throws TypeError for an unhashable object.
 */
export function keyHash(heap: Heap | null, o: PyObject, depth = 0): Hash {
  const t = o.type;
  if (t.isHeapType) {
    const p = keyProtocol(t);
    if (p === KP_UNHASHABLE) throw unhashable(t);
    if (p === KP_USER_HASH) return userHash(heap, o);
  }
  if (o instanceof PyStr) {
    if (o.value.length > 256) heap?.step(o.value.length >> 8); // hashing a long str is work
    return unitsHash(o.value);
  }
  if (o instanceof PyInt) {
    const v = o.value;
    if (typeof v !== 'number') heap?.step(1 + (v.toString(16).length >> 8));
    return intHash(v);
  }
  if (o === True) return 1;
  if (o === False) return 0;
  if (o instanceof PyFloat) return floatHash(o.value, o.addr);
  if (o instanceof PyComplex) return complexHash(o);
  if (o instanceof PyBytes) {
    if (o.value.length > 256) heap?.step(o.value.length >> 8);
    return unitsHash(o.value);
  }
  if (o instanceof PyTuple) {
    if (depth > 100) throw new PyError('RecursionError', 'maximum recursion depth exceeded while getting the hash');
    heap?.step();
    const hs: Hash[] = [];
    for (const item of o.items) hs.push(keyHash(heap, item, depth + 1));
    return tupleHash(hs);
  }
  const layout = t.layout;
  if (layout === 'frozenset' && o instanceof PySet) {
    heap?.step(1 + (o.size >> 8));
    return frozensetHash(storedHashes(heap, o));
  }
  if (layout === 'list' || layout === 'dict' || layout === 'set') throw unhashable(t);
  return pointerHash(o.addr);
}

/** The hashes of a set's entries as it stored them (a rich entry's __hash__ does not run again). */
function storedHashes(heap: Heap | null, s: PySet): Hash[] {
  const out: Hash[] = [];
  for (const [id, j] of s.index) out.push(s.rich?.hashOf.get(id) ?? keyHash(heap, s.slots[j] as PyObject));
  return out;
}

const SSIZE_MIN = -(2n ** 63n);
const SSIZE_MAX = 2n ** 63n - 1n;

/** slot_tp_hash: the class's __hash__; an int past Py_ssize_t is hashed as an int, and -1 is -2. */
function userHash(heap: Heap | null, o: PyObject): Hash {
  const calls = heap?.keyCalls;
  if (!heap || !calls) return pointerHash(o.addr); // no interpreter, no Python code: cannot happen
  heap.step();
  const v = calls.callHash(o);
  if (typeof v === 'number') return v === -1 ? -2 : v;
  return v >= SSIZE_MIN && v <= SSIZE_MAX ? canonHash(v) : intHash(v);
}

/** A table whose entries are found by key: dicts, sets, and the weak collections' maps. */
export interface KeyedTable {
  readonly index: Map<KeyId, unknown>;
  rich: KeyBuckets | null;
}

/** The key an entry holds (null: none any more, e.g. a weak collection's dead referent). */
export type KeyAt = (id: KeyId) => PyObject | null;

/** Where a key is in a table, or the entry id it would be stored under; its hash if computed. */
export interface KeyProbe {
  id: KeyId;
  found: boolean;
  hash: Hash | undefined;
}

function richId(key: PyObject): KeyId {
  return 'r' + key.addr;
}

function isRichId(id: KeyId): boolean {
  return typeof id === 'string' && id.charCodeAt(0) === 0x72; // 'r'
}

/** Whether a table must be searched by hash (it holds a rich key). */
function hasRich(t: KeyedTable): boolean {
  return t.rich !== null && t.rich.richCount > 0;
}

/**
 * Find `key` in a table (CPython's lookdict/set_lookkey). A value or identity key in a table
 * without rich entries is answered by the index. Otherwise the key is hashed once (or its
 * hash is `known`, stored by another table) and compared with each entry of equal hash in
 * insertion order: identity first, then value ids when both are value keys, else the
 * stored key's __eq__ (a step each). If that Python code removed or replaced the entry it
 * compared, the search starts again, as CPython's does; the step budget bounds restarts.
 * Exceptions from __hash__ and __eq__ propagate.
 */
export function findKey(heap: Heap, t: KeyedTable, key: PyObject, keyAt: KeyAt, known?: Hash): KeyProbe {
  const vid = keyId(key);
  if (vid !== null && !hasRich(t)) return { id: vid, found: t.index.has(vid), hash: known };
  const hash = known ?? keyHash(heap, key);
  const hk = hashKey(hash);
  search: for (;;) {
    const bucket = bucketsOf(heap, t, keyAt).byHash.get(hk);
    if (bucket !== undefined) {
      for (const id of bucket.slice()) {
        const stored = keyAt(id);
        if (stored === null) continue;
        if (stored === key) return { id, found: true, hash };
        if (vid !== null && !isRichId(id)) {
          if (id === vid) return { id, found: true, hash };
          continue;
        }
        heap.step();
        heap.incref(stored);
        let eq: boolean;
        try {
          eq = heap.keyCalls !== null && heap.keyCalls.equal(stored, key);
        } finally {
          heap.decref(stored);
        }
        if (keyAt(id) !== stored) continue search; // mutated meanwhile: start again
        if (eq) return { id, found: true, hash };
      }
    }
    return { id: vid ?? richId(key), found: false, hash };
  }
}

/** A table's hash buckets, built over its entries on first need (their hashes run no Python code). */
function bucketsOf(heap: Heap, t: KeyedTable, keyAt: KeyAt): KeyBuckets {
  if (t.rich) return t.rich;
  const b = new KeyBuckets();
  heap.step(1 + (t.index.size >> 4));
  for (const id of t.index.keys()) {
    const k = keyAt(id);
    if (k !== null) addToBuckets(b, id, keyHash(heap, k));
  }
  t.rich = b;
  return b;
}

function addToBuckets(b: KeyBuckets, id: KeyId, hash: Hash): void {
  const hk = hashKey(hash);
  const bucket = b.byHash.get(hk);
  if (bucket) bucket.push(id);
  else b.byHash.set(hk, [id]);
  b.hashOf.set(id, hash);
  if (isRichId(id)) b.richCount++;
}

/**
 * A new entry `id` holding `key` joined table t: t's buckets (if it keeps them) learn its
 * hash — the probe's, or computed now for a value key (no Python code).
 */
export function keyAdded(heap: Heap, t: KeyedTable, id: KeyId, key: PyObject, hash: Hash | undefined): void {
  if (t.rich) addToBuckets(t.rich, id, hash ?? keyHash(heap, key));
}

/** Entry `id` left table t: its buckets forget it. */
export function keyRemoved(t: KeyedTable, id: KeyId): void {
  const b = t.rich;
  if (!b) return;
  const h = b.hashOf.get(id);
  if (h === undefined) return;
  b.hashOf.delete(id);
  const hk = hashKey(h);
  const bucket = b.byHash.get(hk)!;
  const i = bucket.indexOf(id);
  if (i >= 0) bucket.splice(i, 1);
  if (bucket.length === 0) b.byHash.delete(hk);
  if (isRichId(id)) b.richCount--;
}

/**
 * The 32-bit hash that places a value or identity key in a set's slots: its hash() for
 * numbers, tuples, frozensets and identity keys (CPython's, so such sets iterate in
 * CPython's order), a fast string hash of the id for str and bytes (whose CPython hashes
 * are seeded at random, so no order can be relied on).
 */
export function hashOf(o: PyObject, id: KeyId): number {
  if (typeof id === 'number') {
    // hash(n) == n for small ints; negative hashes wrap as size_t does.
    return id === -1 ? 0xfffffffe : id >>> 0;
  }
  const c = id.charCodeAt(0);
  if (c === 0x61) return Math.floor(o.addr / 16) >>> 0; // 'a': _Py_HashPointer
  if (c !== 0x73 && c !== 0x62) return hashLow32(keyHash(null, o)); // not 's' or 'b'
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// ---------------------------------------------------------------- list

/**
 * Every change of a list's capacity goes through here: the heap accounts the new size
 * (56 + 8 × allocated) first, so a growth past the sandbox's budget raises MemoryError
 * and leaves the list as it was.
 */
export function listSetAllocated(heap: Heap, l: PyList, allocated: number): void {
  heap.resized(l, 56 + 8 * allocated);
  l.allocated = allocated;
}

/** list_resize: CPython's over-allocation, so getsizeof sees the same capacity. */
export function listResize(heap: Heap, l: PyList, newSize: number): void {
  const allocated = l.allocated;
  if (allocated >= newSize && newSize >= allocated >> 1) return;
  let a = (newSize + (newSize >> 3) + 6) & ~3;
  if (newSize - l.items.length > a - newSize) a = (newSize + 3) & ~3;
  if (newSize === 0) a = 0;
  listSetAllocated(heap, l, a);
  l.noArray = false; // realloc(p, 0) still returns an array
}

/** list_preallocate_exact: an array of exactly n slots, rounded up to even. */
export function listPreallocateExact(heap: Heap, l: PyList, n: number): void {
  listSetAllocated(heap, l, (n + 1) & ~1);
  l.noArray = false;
}

/**
 * list_extend's reservation before `n` more items arrive: with no item array yet, exactly
 * n (rounded up to even; nothing for n = 0); otherwise list_resize(size + n), the size
 * staying put. `n` is the exact length of a list or tuple, or another iterable's length hint.
 */
export function listExtendReserve(heap: Heap, l: PyList, n: number): void {
  if (l.noArray) {
    if (n > 0) listPreallocateExact(heap, l, n);
  } else {
    listResize(heap, l, l.items.length + n);
  }
}

/** One item of list_extend's loop (a new reference to v): into a reserved slot, else PyList_Append. */
export function listExtendPush(heap: Heap, l: PyList, v: PyObject): void {
  if (l.items.length < l.allocated) {
    heap.incref(v);
    l.items.push(v);
  } else {
    listAppend(heap, l, v);
  }
}

/** The end of list_extend's iterator path: a too generous guess is cut back. */
export function listExtendTrim(heap: Heap, l: PyList): void {
  if (l.items.length < l.allocated) listResize(heap, l, l.items.length);
}

/** list.append(v): takes a new reference to v. */
export function listAppend(heap: Heap, l: PyList, v: PyObject): void {
  const before = l.allocated;
  listResize(heap, l, l.items.length + 1);
  heap.incref(v);
  if (l.allocated === before) {
    l.items.push(v);
    return;
  }
  heap.allocTracer?.resized(l, 8 * before);
  if (l.allocated > before && l.allocated <= EXACT_ITEMS_MAX) l.items = itemsAppendedWithRoom(l.items, v, l.allocated);
  else l.items.push(v);
}

/**
 * Up to this capacity a list's item array is laid out at exactly the capacity list_resize
 * chose (ob_alloc slots); past it, V8's own growth (n + n/2 + 16) is no more than half again
 * CPython's and copies less.
 */
const EXACT_ITEMS_MAX = 128;

/**
 * `items` followed by `v`, in a fresh array with room for exactly `capacity` items — the
 * memory CPython's realloc gives ob_item. (V8's push would reserve n + n/2 + 16 slots: 17
 * for a list's first item, where CPython reserves 4.) Invariant: the result has the same
 * items as `items` then `v`, no hole below its length, and a backing store of `capacity`.
 *
 * The array is made at its full capacity (concat allocates exactly, packed) and the room
 * popped off again: pop keeps the backing store (V8 trims only a store more than twice too
 * big) and, unlike setting `length`, stays in V8's fast builtins.
 */
function itemsAppendedWithRoom(items: PyObject[], v: PyObject, capacity: number): PyObject[] {
  const n = items.length;
  let a: PyObject[];
  if (n === 0 && capacity === 4) {
    // A list's first append (list_resize(1) reserves 4): the commonest growth of all.
    a = [v, v, v, v];
  } else {
    a = items.concat(ROOM[capacity - n]!);
    a[n] = v;
  }
  while (a.length > n + 1) a.pop();
  return a;
}

/** ROOM[k]: k placeholders, appended to make an array k slots longer (then popped off). */
const ROOM: PyObject[][] = [];
for (let k = 0; k <= EXACT_ITEMS_MAX; k++) {
  const r: PyObject[] = [];
  for (let i = 0; i < k; i++) r.push(null as unknown as PyObject);
  ROOM.push(r);
}

export function listInsert(heap: Heap, l: PyList, index: number, v: PyObject): void {
  const n = l.items.length;
  let i = index < 0 ? Math.max(0, index + n) : Math.min(index, n);
  if (index < 0 && index + n < 0) i = 0;
  const before = l.allocated;
  listResize(heap, l, n + 1);
  if (l.allocated !== before) heap.allocTracer?.resized(l, 8 * before);
  heap.incref(v);
  l.items.splice(i, 0, v);
}

function normIndex(l: { items: PyObject[] }, index: number, what: string): number {
  const n = l.items.length;
  const i = index < 0 ? index + n : index;
  if (i < 0 || i >= n) throw new PyError('IndexError', `${what} index out of range`);
  return i;
}

/** l[i] = v: the old item is released after the new one is stored. */
export function listSetItem(heap: Heap, l: PyList, index: number, v: PyObject): void {
  const i = normIndex(l, index, 'list assignment');
  heap.incref(v);
  const old = l.items[i]!;
  l.items[i] = v;
  heap.decref(old);
}

/** l.pop(i): the reference moves to the caller (no decref). */
export function listPop(heap: Heap, l: PyList, index = -1): PyObject {
  if (l.items.length === 0) throw new PyError('IndexError', 'pop from empty list');
  const i = normIndex(l, index, 'pop');
  const [v] = l.items.splice(i, 1);
  listResize(heap, l, l.items.length);
  return v!;
}

/** del l[i:j] (and del l[i]): removed items are released last to first. */
export function listDelSlice(heap: Heap, l: PyList, start: number, stop: number): void {
  const removed = l.items.splice(start, Math.max(0, stop - start));
  const before = l.allocated;
  // list_ass_slice empties the list with _list_clear, which frees the item array.
  if (l.items.length === 0) {
    listSetAllocated(heap, l, 0);
    l.noArray = true;
  }
  else listResize(heap, l, l.items.length);
  if (l.allocated !== before) heap.allocTracer?.resized(l, 8 * before);
  for (let k = removed.length - 1; k >= 0; k--) heap.decref(removed[k]!);
}

export function listDelItem(heap: Heap, l: PyList, index: number): void {
  const i = normIndex(l, index, 'list assignment');
  listDelSlice(heap, l, i, i + 1);
}

/** l.clear(): the list is emptied first, then its items released last to first. */
export function listClear(heap: Heap, l: PyList): void {
  const items = l.items;
  const before = l.allocated;
  l.items = [];
  listSetAllocated(heap, l, 0);
  l.noArray = true;
  if (before !== 0) heap.allocTracer?.resized(l, 8 * before);
  for (let k = items.length - 1; k >= 0; k--) heap.decref(items[k]!);
}

/** l.extend(items) with a list or tuple (list_extend's exact path; new references). */
export function listExtend(heap: Heap, l: PyList, items: PyObject[]): void {
  if (items.length === 0) return;
  listExtendReserve(heap, l, items.length);
  for (const v of items) {
    heap.incref(v);
    l.items.push(v);
  }
}

/** l.remove(v) by identity-or-equality is the interpreter's job; this removes index i. */
export function listRemoveAt(heap: Heap, l: PyList, i: number): void {
  listDelSlice(heap, l, i, i + 1);
}

// ---------------------------------------------------------------- dict

/** calculate_log2_keysize: the smallest table (≥ 8 slots) for `minsize`. */
function log2KeySize(minsize: number): number {
  const m = ((minsize | 8) - 1) | 7;
  return 32 - Math.clz32(m);
}

/** Rebuild the table at a new size, compacting away deleted entries (dictresize). */
function dictResize(d: PyDict, log2: number, unicode: boolean): void {
  const keys: (PyObject | null)[] = [];
  const values: (PyObject | null)[] = [];
  const ids: (import('./objects.js').KeyId | null)[] = [];
  d.index.clear();
  for (let i = 0; i < d.keys.length; i++) {
    const k = d.keys[i];
    if (!k) continue;
    d.index.set(d.ids[i]!, keys.length);
    keys.push(k);
    values.push(d.values[i]!);
    ids.push(d.ids[i]!);
  }
  d.keys = keys;
  d.values = values;
  d.ids = ids;
  d.log2Size = log2;
  d.unicodeKeys = unicode;
}

/**
 * Presize a dict built from a display of n items (dict_new_presized): up to 5 items start
 * from the empty table; more get a table sized for them, compact only if every key is a
 * str.
 */
export function dictPresize(heap: Heap, d: PyDict, n: number, allStrKeys: boolean): void {
  if (n <= 5) return;
  dictReserve(heap, d, n, allStrKeys);
}

/** dictresize(d, estimate_log2_keysize(n), unicode) on an empty dict: room for n keys. */
export function dictReserve(heap: Heap, d: PyDict, n: number, unicode: boolean): void {
  const log2 = log2KeySize(Math.floor((n * 3 + 1) / 2));
  heap.resized(d, dictTableSize(log2, unicode));
  d.log2Size = log2;
  d.unicodeKeys = unicode;
}

/**
 * dict.popitem() on a non-empty split instance dict first makes it an ordinary str-keyed
 * table as large as the class's shared keys (dict_popitem_impl's dictresize to
 * DK_LOG_SIZE of the shared keys, which 3.11 makes with 2**6 slots): the dict now owns a
 * table, so sys.getsizeof grows (test_dict's test_splittable_popitem: 288 -> 832).
 */
export function dictUnsplitForPopitem(heap: Heap, d: PyDict): void {
  if (!d.splitOwner || d.size === 0) return;
  const SHARED_KEYS_LOG2 = 6;
  const traced = heap.allocTracer ? itemsBlockSize(d) : 0;
  heap.resized(d, dictTableSize(SHARED_KEYS_LOG2, true));
  d.splitOwner = null;
  dictResize(d, SHARED_KEYS_LOG2, true);
  heap.allocTracer?.resized(d, traced);
}

/** getsizeof of a dict with a combined table of 2**log2 slots (see sizes.ts). */
function dictTableSize(log2: number, unicode: boolean): number {
  const probe = new PyDict();
  probe.log2Size = log2;
  probe.unicodeKeys = unicode;
  return dictSize(probe);
}

/** The key a dict entry holds. */
function dictKeyAt(d: PyDict): KeyAt {
  return (id) => {
    const i = d.index.get(id);
    return i === undefined ? null : d.keys[i]!;
  };
}

/** The entry position of `key` in d, or -1 (see findKey; `known`: its hash as another table stored it). */
/** The entry index of `key` in `d`, or -1 (hashing and comparing as dict lookups do). */
export function dictFind(heap: Heap, d: PyDict, key: PyObject, known?: Hash): number {
  if (!hasRich(d)) {
    const id = keyId(key);
    if (id !== null) return d.index.get(id) ?? -1;
  }
  const p = findKey(heap, d, key, dictKeyAt(d), known);
  return p.found ? d.index.get(p.id)! : -1;
}

/** d[key]'s value (borrowed), or undefined. */
export function dictGet(heap: Heap, d: PyDict, key: PyObject, known?: Hash): PyObject | undefined {
  const i = dictFind(heap, d, key, known);
  return i < 0 ? undefined : d.values[i]!;
}

/** key in d. */
export function dictContains(heap: Heap, d: PyDict, key: PyObject, known?: Hash): boolean {
  return dictFind(heap, d, key, known) >= 0;
}

/**
 * d's entries with the hashes d stored for them (undefined where none is kept: a value or
 * identity key, whose hash runs no Python code), snapshotted in insertion order. Copying
 * or comparing with them runs no __hash__ again, as CPython's dict_merge and dict_equal.
 */
export function dictHashedEntries(d: PyDict): Array<[PyObject, PyObject, Hash | undefined]> {
  const out: Array<[PyObject, PyObject, Hash | undefined]> = [];
  const rich = d.rich;
  for (let i = 0; i < d.keys.length; i++) {
    const k = d.keys[i];
    if (k) out.push([k, d.values[i]!, rich?.hashOf.get(d.ids[i]!)]);
  }
  return out;
}

/**
 * d.setdefault(key, dflt): one lookup; an absent key is inserted with dflt. Returns the
 * value now stored (borrowed).
 */
export function dictSetDefault(heap: Heap, d: PyDict, key: PyObject, dflt: PyObject): PyObject {
  let id = keyId(key);
  let hash: Hash | undefined;
  if (id !== null && !hasRich(d)) {
    const i = d.index.get(id);
    if (i !== undefined) return d.values[i]!;
  } else {
    const p = findKey(heap, d, key, dictKeyAt(d));
    if (p.found) return d.values[d.index.get(p.id)!]!;
    id = p.id;
    hash = p.hash;
  }
  dictInsertNew(heap, d, key, dflt, id, hash);
  return dflt;
}

/**
 * d[key] = value. A new key takes references to key and value; an existing key keeps its
 * original key object and releases the old value after storing the new one.
 */
export function dictSetItem(heap: Heap, d: PyDict, key: PyObject, value: PyObject, known?: Hash): void {
  let id = keyId(key);
  let hash = known;
  let existing: number | undefined;
  if (id !== null && !hasRich(d)) existing = d.index.get(id);
  else {
    const p = findKey(heap, d, key, dictKeyAt(d), known);
    id = p.id;
    hash = p.hash;
    existing = p.found ? d.index.get(id) : undefined;
  }
  if (existing !== undefined) {
    heap.incref(value);
    const old = d.values[existing]!;
    d.values[existing] = value;
    maintainTracking(heap, d, key, value);
    heap.decref(old);
    return;
  }
  dictInsertNew(heap, d, key, value, id, hash);
}

/**
 * A key known to be absent joins d under entry `id` (its hash, if computed, for d's
 * buckets): the table grows first if it must, then takes references to key and value.
 */
function dictInsertNew(heap: Heap, d: PyDict, key: PyObject, value: PyObject, id: KeyId, hash: Hash | undefined): void {
  const isStr = key instanceof PyStr;
  const traced = heap.allocTracer ? itemsBlockSize(d) : 0;
  const before = { log2Size: d.log2Size, unicodeKeys: d.unicodeKeys, splitOwner: d.splitOwner };
  if (d.splitOwner && !splitInsert(d.splitOwner, key)) {
    // The key doesn't fit the class's shared keys: an ordinary table (insertion_resize).
    d.splitOwner = null;
    dictResize(d, log2KeySize(d.size * 3), d.unicodeKeys && isStr);
  }
  if (d.log2Size === 0) {
    d.log2Size = 3;
    d.unicodeKeys = isStr;
  } else if (!isStr && d.unicodeKeys) {
    dictResize(d, log2KeySize(d.size * 3), false);
  }
  if (d.keys.length >= d.usableTotal) dictResize(d, log2KeySize(d.size * 3), d.unicodeKeys && isStr);
  try {
    heap.resized(d, dictSize(d));
  } catch (e) {
    // The table did not grow after all (a resize only compacts; the entries are unchanged).
    Object.assign(d, before);
    throw e;
  }
  heap.incref(value);
  heap.incref(key);
  d.index.set(id, d.keys.length);
  d.keys.push(key);
  d.values.push(value);
  d.ids.push(id);
  keyAdded(heap, d, id, key, hash);
  heap.allocTracer?.resized(d, traced);
  maintainTracking(heap, d, key, value);
}

/**
 * A new key for a split instance dict (3.11's insertdict on a split table): a str key the
 * shared keys hold stays split in any order (the values keep their own insertion order);
 * a new str key joins the shared keys while they have room (dk_usable), else the table
 * becomes an ordinary one.
 */
function splitInsert(owner: import('./objects.js').PyType, key: PyObject): boolean {
  if (!(key instanceof PyStr) || !owner.isHeapType) return false;
  if (owner.sharedIndex.has(key.value)) return true;
  if (owner.sharedUsable <= 0) return false;
  owner.sharedIndex.set(key.value, owner.sharedKeys.length);
  owner.sharedKeys.push(key.value);
  owner.sharedUsable--;
  return true;
}

/**
 * d[name] = value where d already holds the str key `name`: the value's reference is
 * taken and the old one released, and no key object is made (the entry keeps its key, as
 * insertdict does when the key is found). False, with nothing done, when d has no such
 * entry or holds a rich key (whose lookup runs Python code): the caller then stores with
 * a key object.
 */
export function dictReplaceStr(heap: Heap, d: PyDict, name: string, value: PyObject): boolean {
  if (hasRich(d)) return false;
  const i = d.index.get(strKeyOf(name));
  if (i === undefined) return false;
  heap.incref(value);
  const old = d.values[i]!;
  d.values[i] = value;
  maintainTracking(heap, d, d.keys[i]!, value);
  heap.decref(old);
  return true;
}

function maintainTracking(heap: Heap, d: PyDict, key: PyObject, value: PyObject): void {
  if (d.gcFlags & GC_TRACKED) return;
  if (mayBeTracked(key) || mayBeTracked(value)) heap.track(d);
}

/** Remove key's entry and hand back [key, value] without releasing them. */
function dictTake(heap: Heap, d: PyDict, key: PyObject): [PyObject, PyObject] | undefined {
  const i = dictFind(heap, d, key);
  if (i < 0) return undefined;
  const id = d.ids[i]!;
  const k = d.keys[i]!;
  const v = d.values[i]!;
  d.keys[i] = null;
  d.values[i] = null;
  d.ids[i] = null;
  d.index.delete(id);
  keyRemoved(d, id);
  return [k, v];
}

/** del d[key]: releases the key, then the value. */
export function dictDelItem(heap: Heap, d: PyDict, key: PyObject): void {
  const kv = dictTake(heap, d, key);
  if (!kv) throw new PyError('KeyError', reprKey(key));
  heap.decref(kv[0]);
  heap.decref(kv[1]);
}

/** d.pop(key): releases the key; the value's reference moves to the caller. */
export function dictPop(heap: Heap, d: PyDict, key: PyObject): PyObject | undefined {
  const kv = dictTake(heap, d, key);
  if (!kv) return undefined;
  heap.decref(kv[0]);
  return kv[1];
}

/** d.clear(): back to the shared empty table; entries released first to first, key then value. */
export function dictClear(heap: Heap, d: PyDict): void {
  const refs: PyObject[] = [];
  d.clearRefs(refs);
  heap.resized(d, dictSize(d));
  for (const r of refs) heap.decref(r);
}

function reprKey(key: PyObject): string {
  if (key instanceof PyStr) return `'${key.value}'`;
  if (key instanceof PyInt) return String(key.value);
  return '<key>';
}

// ---------------------------------------------------------------- set

const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5;

/** Find the slot for (id, hash): its current slot, or where it would be inserted. */
function setProbe(s: PySet, hash: number, id: KeyId, clean: boolean): number {
  const mask = s.slots.length - 1;
  let perturb = hash;
  let i = hash & mask;
  let freeslot = -1;
  for (;;) {
    let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
    let j = i;
    for (;;) {
      const slot = s.slots[j];
      if (slot === null) return freeslot >= 0 && !clean ? freeslot : j;
      if (slot === SET_DUMMY) {
        if (freeslot < 0) freeslot = j;
      } else if (!clean && s.index.get(id) === j) {
        return j;
      }
      if (probes-- <= 0) break;
      j++;
    }
    perturb = Math.floor(perturb / 2 ** PERTURB_SHIFT);
    i = (i * 5 + 1 + perturb) & mask;
  }
}

function setTableResize(s: PySet, minused: number): void {
  const newsize = setTableSizeFor(minused);
  const old = s.slots;
  const oldHashes = s.hashes;
  const ids = new Array<KeyId | undefined>(old.length);
  for (const [id, j] of s.index) ids[j] = id;
  s.slots = new Array<SetSlot>(newsize).fill(null);
  s.hashes = new Array<number>(newsize).fill(0);
  s.index.clear();
  s.fill = 0;
  for (let i = 0; i < old.length; i++) {
    const o = old[i];
    if (!o || o === SET_DUMMY) continue;
    const id = ids[i]!;
    const j = setProbe(s, oldHashes[i]!, id, true);
    s.slots[j] = o;
    s.hashes[j] = oldHashes[i]!;
    s.index.set(id, j);
    s.fill++;
  }
}

/**
 * The end of set_difference_update: when more than a fifth of the table is dummies, the
 * table is rebuilt (to used*4 slots' worth, used*2 past 50,000), as CPython does.
 */
export function setCompactAfterDiscards(s: PySet): void {
  const mask = s.slots.length - 1;
  if ((s.fill - s.size) * 5 < mask) return;
  setTableResize(s, s.size > 50000 ? s.size * 2 : s.size * 4);
}

/** set_merge's sizing before another set's `n` entries are added to s: one resize, to (used + n) * 2. */
export function setMergePresize(s: PySet, n: number): void {
  const mask = s.slots.length - 1;
  if ((s.fill + n) * 5 >= mask * 3) setTableResize(s, (s.size + n) * 2);
}

/** The key a set entry holds. */
function setKeyAt(s: PySet): KeyAt {
  return (id) => {
    const j = s.index.get(id);
    return j === undefined ? null : (s.slots[j] as PyObject);
  };
}

/** The entry id of `v` in s, or null (see findKey; `known`: its hash as another table stored it). */
function setFind(heap: Heap, s: PySet, v: PyObject, known?: Hash): KeyId | null {
  if (!hasRich(s)) {
    const id = keyId(v);
    if (id !== null) return s.index.has(id) ? id : null;
  }
  const p = findKey(heap, s, v, setKeyAt(s), known);
  return p.found ? p.id : null;
}

/** s's items with the hashes s stored for them (see dictHashedEntries), in slot order. */
export function setHashedItems(s: PySet): Array<[PyObject, Hash | undefined]> {
  const out: Array<[PyObject, Hash | undefined]> = [];
  const rich = s.rich;
  if (rich === null) {
    for (const x of s.items()) out.push([x, undefined]);
    return out;
  }
  const ids = new Array<KeyId | undefined>(s.slots.length);
  for (const [id, j] of s.index) ids[j] = id;
  for (let j = 0; j < ids.length; j++) {
    const id = ids[j];
    if (id !== undefined) out.push([s.slots[j] as PyObject, rich.hashOf.get(id)]);
  }
  return out;
}

/**
 * s.add(v): takes a reference to v if it was not already present. `known` is v's hash as
 * another table stored it (set_merge and set(dict) reuse stored hashes: no __hash__ call).
 */
export function setAdd(heap: Heap, s: PySet, v: PyObject, known?: Hash): void {
  let id = keyId(v);
  let hash = known;
  if (id !== null && !hasRich(s)) {
    if (s.index.has(id)) return;
  } else {
    const p = findKey(heap, s, v, setKeyAt(s), known);
    if (p.found) return;
    id = p.id;
    hash = p.hash;
  }
  setPlace(heap, s, v, id, setSlotHashFor(v, id, hash));
  keyAdded(heap, s, id, v, hash);
}

/**
 * Put v, known to be absent, into s under entry `id` at the slot its (32-bit) hash probes
 * to — the table half of set_add_entry. Takes a reference to v.
 */
export function setPlace(heap: Heap, s: PySet, v: PyObject, id: KeyId, hash: number): void {
  const j = setProbe(s, hash, id, false);
  const wasEmpty = s.slots[j] === null;
  // The table grows after an insertion that fills it 3/5: account the new table first, so
  // a growth past the budget raises MemoryError with the set unchanged.
  const used = s.size + 1;
  const grows = wasEmpty && (s.fill + 1) * 5 >= (s.slots.length - 1) * 3;
  const minused = used > 50000 ? used * 2 : used * 4;
  if (grows) heap.resized(s, setSize(setTableSizeFor(minused)));
  heap.incref(v);
  s.slots[j] = v;
  s.hashes[j] = hash;
  s.index.set(id, j);
  if (!wasEmpty) return; // reused a dummy slot: fill unchanged
  s.fill++;
  if (!grows) return;
  const traced = heap.allocTracer ? itemsBlockSize(s) : 0;
  setTableResize(s, minused);
  heap.allocTracer?.resized(s, traced);
}

/** The 32-bit hash that places entry `id` (key v, hash `hash` if computed) in a set's slots. */
export function setSlotHashFor(v: PyObject, id: KeyId, hash: Hash | undefined): number {
  return isRichId(id) ? hashLow32(hash!) : hashOf(v, id);
}

/** The table size set_table_resize picks for `minused` entries. */
function setTableSizeFor(minused: number): number {
  let newsize = 8;
  while (newsize <= minused) newsize <<= 1;
  return newsize;
}

/** getsizeof of a set whose table has `slots` slots (see sizes.ts). */
function setSize(slots: number): number {
  return 216 + (slots > 8 ? 16 * slots : 0);
}

/** s.discard(v): returns whether v was present; releases it. */
export function setDiscard(heap: Heap, s: PySet, v: PyObject, known?: Hash): boolean {
  const id = setFind(heap, s, v, known);
  if (id === null) return false;
  setRemoveId(heap, s, id);
  return true;
}

/** Remove entry `id` (present) from s: its slot becomes a dummy; the key is released. */
export function setRemoveId(heap: Heap, s: PySet, id: KeyId): void {
  const j = s.index.get(id)!;
  const o = s.slots[j] as PyObject;
  s.slots[j] = SET_DUMMY;
  s.index.delete(id);
  keyRemoved(s, id);
  heap.decref(o);
}

/** v in s. */
export function setHas(heap: Heap, s: PySet, v: PyObject, known?: Hash): boolean {
  return setFind(heap, s, v, known) !== null;
}

/** s.clear(): back to the small table; items released in slot order. */
export function setClear(heap: Heap, s: PySet): void {
  const refs: PyObject[] = [];
  s.clearRefs(refs);
  heap.resized(s, setSize(s.slots.length));
  for (const r of refs) heap.decref(r);
}

// ---------------------------------------------------------------- set algebra
//
// CPython's loops, with its operand order: each item carries the hash its set stored, so no
// __hash__ runs again, and each __eq__ a lookup makes runs with the item held.

/** Whether x (hash h as stored elsewhere) is in s, x held meanwhile; a step each. */
function heldHas(heap: Heap, s: PySet, x: PyObject, h: Hash | undefined): boolean {
  heap.step();
  heap.incref(x);
  try {
    return setHas(heap, s, x, h);
  } finally {
    heap.decref(x);
  }
}

/** set_issubset: a is no larger than b and each of a's items is in b. */
export function setIsSubset(heap: Heap, a: PySet, b: PySet): boolean {
  if (a.size > b.size) return false;
  for (const [x, h] of setHashedItems(a)) if (!heldHas(heap, b, x, h)) return false;
  return true;
}

/** set_richcompare: == and the subset orderings. */
export function setCompare(heap: Heap, op: 'Eq' | 'NotEq' | 'Lt' | 'LtE' | 'Gt' | 'GtE', a: PySet, b: PySet): boolean {
  switch (op) {
    case 'Eq': return a.size === b.size && setIsSubset(heap, a, b);
    case 'NotEq': return !(a.size === b.size && setIsSubset(heap, a, b));
    case 'LtE': return setIsSubset(heap, a, b);
    case 'GtE': return setIsSubset(heap, b, a);
    case 'Lt': return a.size < b.size && setIsSubset(heap, a, b);
    case 'Gt': return a.size > b.size && setIsSubset(heap, b, a);
  }
}

/** Add each of src's items (with its stored hash) to s: set_merge / set_update with a set. */
export function setMergeFrom(heap: Heap, s: PySet, src: PySet): void {
  for (const [x, h] of setHashedItems(src)) setAdd(heap, s, x, h);
}

/**
 * out (new, empty) = a op b for | & - ^, as set_or, set_intersection, set_difference and
 * set_symmetric_difference build it: which operand is iterated decides which of two equal
 * items (1 or True) the result keeps, and which __eq__ runs.
 */
export function setAlgebra(heap: Heap, op: 'BitOr' | 'BitAnd' | 'Sub' | 'BitXor', out: PySet, a: PySet, b: PySet): void {
  if (op === 'BitOr') {
    setMergeFrom(heap, out, a);
    setMergeFrom(heap, out, b);
  } else if (op === 'BitAnd') {
    // Iterate the smaller set (the right one on a tie), look up in the other.
    const [small, big] = b.size > a.size ? [a, b] : [b, a];
    for (const [x, h] of setHashedItems(small)) if (heldHas(heap, big, x, h)) setAdd(heap, out, x, h);
  } else if (op === 'Sub') {
    if (a.size >> 2 > b.size) {
      // set_copy_and_difference: much larger than b, so copy a and discard b's items.
      setMergeFrom(heap, out, a);
      for (const [x, h] of setHashedItems(b)) setDiscard(heap, out, x, h);
    } else {
      for (const [x, h] of setHashedItems(a)) if (!heldHas(heap, b, x, h)) setAdd(heap, out, x, h);
    }
  } else {
    // set_symmetric_difference_update on a copy of b: discard each of a's items, or add it.
    setMergeFrom(heap, out, b);
    for (const [x, h] of setHashedItems(a)) if (!setDiscard(heap, out, x, h)) setAdd(heap, out, x, h);
  }
}
