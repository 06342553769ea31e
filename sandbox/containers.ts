/**
 * Container operations with CPython's reference and memory behaviour: every store takes a
 * reference, every removal releases one in CPython's order, and the tables grow the way
 * CPython's do (so `sys.getsizeof` follows). Both the ops runtime and the Python
 * interpreter mutate containers only through these functions.
 */
import {
  False, KeyId, None, PyBytes, PyDict, PyFloat, PyInt, PyList, PyObject, PySet, PyStr, PyTuple,
  SET_DUMMY, SetSlot, True, GC_TRACKED, type PyType,
} from './objects.js';
import { itemsBlockSize } from './alloctrace.js';
import type { Heap } from './heap.js';
import { mayBeTracked } from './tracking.js';
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

// ---------------------------------------------------------------- hashing

/**
 * The identity of a hashable key: equal Python keys get equal ids (1, 1.0 and True share
 * one). Throws TypeError for unhashable objects, as CPython does.
 */
export function keyId(o: PyObject, depth = 0): KeyId {
  if (o instanceof PyStr) return 's' + o.value;
  if (o instanceof PyInt) {
    const v = o.value;
    return typeof v === 'number' ? v : bigKeyId(v);
  }
  if (o === True) return 1;
  if (o === False) return 0;
  if (o instanceof PyFloat) {
    const v = o.value;
    if (Number.isInteger(v)) return Number.isSafeInteger(v) ? v : bigKeyId(BigInt(v));
    return Number.isNaN(v) ? 'a' + o.addr : 'f' + v;
  }
  if (o === None) return 'N';
  if (o instanceof PyBytes) return 'b' + Array.from(o.value).join(',');
  if (o instanceof PyTuple && !o.type.isHeapType) {
    if (depth > 100) throw new PyError('RecursionError', 'maximum recursion depth exceeded while getting the hash');
    return 't(' + o.items.map((i) => String(keyId(i, depth + 1))).join(',') + ')';
  }
  if (o.type.layout === 'frozenset' && o instanceof PySet) {
    return 'z(' + [...o.index.keys()].map(String).sort().join(',') + ')';
  }
  const unhashable = unhashableTypes.get(o.type);
  if (unhashable !== undefined) throw new PyError('TypeError', `unhashable type: '${unhashable}'`);
  const layout = o.type.layout;
  if ((layout === 'list' || layout === 'dict' || layout === 'set') && !o.type.isHeapType) {
    throw new PyError('TypeError', `unhashable type: '${o.type.name}'`);
  }
  if (o.type.isHeapType && o.type.unhashable) {
    throw new PyError('TypeError', `unhashable type: '${o.type.name}'`);
  }
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

/**
 * The key id of an int past 2**53: its decimal digits while they are few, its hexadecimal
 * ones beyond 4096 bits — hashing a million-digit int must not convert it to decimal
 * (quadratic) on every dict lookup. Either way one value has one id.
 */
function bigKeyId(v: bigint): string {
  const hex = v.toString(16);
  return hex.length <= 1024 ? 'i' + v.toString() : 'x' + hex;
}

/** A hash for set slot placement: hash(int) for ints, a stable string hash otherwise. */
export function hashOf(o: PyObject, id: KeyId): number {
  if (typeof id === 'number') {
    // hash(n) == n for small ints; negative hashes wrap as size_t does.
    return id === -1 ? 0xfffffffe : id >>> 0;
  }
  if (id.startsWith('a')) return Math.floor(o.addr / 16) >>> 0; // _Py_HashPointer
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
  if (l.allocated !== before) heap.allocTracer?.resized(l, 8 * before);
  heap.incref(v);
  l.items.push(v);
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

/** getsizeof of a dict with a combined table of 2**log2 slots (see sizes.ts). */
function dictTableSize(log2: number, unicode: boolean): number {
  const probe = new PyDict();
  probe.log2Size = log2;
  probe.unicodeKeys = unicode;
  return dictSize(probe);
}

export function dictGet(d: PyDict, key: PyObject): PyObject | undefined {
  const i = d.index.get(keyId(key));
  return i === undefined ? undefined : d.values[i]!;
}

/**
 * d[key] = value. A new key takes references to key and value; an existing key keeps its
 * original key object and releases the old value after storing the new one.
 */
export function dictSetItem(heap: Heap, d: PyDict, key: PyObject, value: PyObject): void {
  const id = keyId(key);
  const existing = d.index.get(id);
  if (existing !== undefined) {
    heap.incref(value);
    const old = d.values[existing]!;
    d.values[existing] = value;
    maintainTracking(heap, d, key, value);
    heap.decref(old);
    return;
  }
  const isStr = key instanceof PyStr;
  const traced = heap.allocTracer ? itemsBlockSize(d) : 0;
  const before = { log2Size: d.log2Size, unicodeKeys: d.unicodeKeys, splitOwner: d.splitOwner };
  if (d.splitOwner && !splitInsert(d, d.splitOwner, key)) {
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
  heap.allocTracer?.resized(d, traced);
  maintainTracking(heap, d, key, value);
}

/**
 * A new key for a split instance dict (insertdict on a split table): it stays split only
 * if the key keeps the shared key order — it is the next shared key, or a new str key
 * after all existing ones while the shared keys have room (then it joins them).
 */
function splitInsert(d: PyDict, owner: import('./objects.js').PyType, key: PyObject): boolean {
  if (!(key instanceof PyStr) || !owner.isHeapType) return false;
  const idx = owner.sharedIndex.get(key.value);
  if (idx !== undefined) return idx === d.size;
  if (d.size !== owner.sharedKeys.length || owner.sharedUsable <= 0) return false;
  owner.sharedIndex.set(key.value, owner.sharedKeys.length);
  owner.sharedKeys.push(key.value);
  owner.sharedUsable--;
  return true;
}

function maintainTracking(heap: Heap, d: PyDict, key: PyObject, value: PyObject): void {
  if (d.gcFlags & GC_TRACKED) return;
  if (mayBeTracked(key) || mayBeTracked(value)) heap.track(d);
}

/** Remove key's entry and hand back [key, value] without releasing them. */
function dictTake(d: PyDict, key: PyObject): [PyObject, PyObject] | undefined {
  const id = keyId(key);
  const i = d.index.get(id);
  if (i === undefined) return undefined;
  const k = d.keys[i]!;
  const v = d.values[i]!;
  d.keys[i] = null;
  d.values[i] = null;
  d.ids[i] = null;
  d.index.delete(id);
  return [k, v];
}

/** del d[key]: releases the key, then the value. */
export function dictDelItem(heap: Heap, d: PyDict, key: PyObject): void {
  const kv = dictTake(d, key);
  if (!kv) throw new PyError('KeyError', reprKey(key));
  heap.decref(kv[0]);
  heap.decref(kv[1]);
}

/** d.pop(key): releases the key; the value's reference moves to the caller. */
export function dictPop(heap: Heap, d: PyDict, key: PyObject): PyObject | undefined {
  const kv = dictTake(d, key);
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
  s.slots = new Array<SetSlot>(newsize).fill(null);
  s.hashes = new Array<number>(newsize).fill(0);
  s.index.clear();
  s.fill = 0;
  for (let i = 0; i < old.length; i++) {
    const o = old[i];
    if (!o || o === SET_DUMMY) continue;
    const id = keyId(o);
    const j = setProbe(s, oldHashes[i]!, id, true);
    s.slots[j] = o;
    s.hashes[j] = oldHashes[i]!;
    s.index.set(id, j);
    s.fill++;
  }
}

/** set_merge's sizing before another set's `n` entries are added to s: one resize, to (used + n) * 2. */
export function setMergePresize(s: PySet, n: number): void {
  const mask = s.slots.length - 1;
  if ((s.fill + n) * 5 >= mask * 3) setTableResize(s, (s.size + n) * 2);
}

/** s.add(v): takes a reference to v if it was not already present. */
export function setAdd(heap: Heap, s: PySet, v: PyObject): void {
  const id = keyId(v);
  if (s.index.has(id)) return;
  const hash = hashOf(v, id);
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
export function setDiscard(heap: Heap, s: PySet, v: PyObject): boolean {
  const id = keyId(v);
  const j = s.index.get(id);
  if (j === undefined) return false;
  const o = s.slots[j] as PyObject;
  s.slots[j] = SET_DUMMY;
  s.index.delete(id);
  heap.decref(o);
  return true;
}

export function setHas(s: PySet, v: PyObject): boolean {
  return s.index.has(keyId(v));
}

/** s.clear(): back to the small table; items released in slot order. */
export function setClear(heap: Heap, s: PySet): void {
  const refs: PyObject[] = [];
  s.clearRefs(refs);
  heap.resized(s, setSize(s.slots.length));
  for (const r of refs) heap.decref(r);
}
