/**
 * weakref.WeakValueDictionary, WeakKeyDictionary, WeakSet and WeakMethod, modelled on
 * Lib/weakref.py and Lib/_weakrefset.py (3.11). What a lesson can observe follows CPython:
 *
 * - Entries vanish through weakref callbacks, so they leave exactly when (and in the order)
 *   the collector or the deallocator clears the weakrefs: `len()` after `del`, after
 *   gc.collect(), inside a finalizer.
 * - The references are CPython's: a WeakValueDictionary holds its keys twice (its data dict
 *   and each KeyedRef's `key`) and its values only weakly; a WeakKeyDictionary holds its
 *   values strongly and each key through one weakref with a callback; a WeakSet holds one
 *   weakref per item. One callback object per collection (its `_remove`), referenced by each
 *   weakref. None of them forms a cycle with the collection (CPython's `_remove` reaches the
 *   collection only through a weakref), so `del d` frees it at once.
 * - Iteration order is the underlying dict's insertion order, or for WeakSet the slot order
 *   of a set hashed by the referents (a weakref's hash is its referent's).
 *
 * Iteration copies the live entries first (CPython defers removals with _IterationGuard), so
 * a removal during a loop does not raise. The internals CPython exposes (`data`, `_remove`,
 * `_pending_removals`, set algebra on WeakSet) are refused as NotImplementedError.
 */
import {
  KeyBuckets, None, NotImplemented, PyDict, PyNative, PyObject, PySet, PyType, PyWeakref,
  dictType, objectType, typeType, weakrefType, type KeyId, type Visit,
} from '../../objects.js';
import { mappingproxyType } from '../types/mappingproxy.js';
import { weakrefableLikeAClass } from '../../weakrefable.js';
import {
  type KeyAt, type KeyProbe, dictDelItem, dictGet, dictSetItem, findKey, keyAdded, keyRemoved, registerUnhashable, setPlace, setRemoveId, setSlotHashFor,
} from '../../containers.js';
import { hexId, type Heap } from '../../heap.js';
import { PyFunction, PyIter, PyMethod, iterType } from '../pyobjects.js';
import { pyFunctionArgs, type Thrower } from '../argcheck.js';
import type { ExtensionKit } from '../extension.js';
import { registerSideTable } from '../../snapshot/tables.js';

const weakrefModuleType = (name: string, base: PyType = objectType): PyType => new PyType(typeType, name, 'object', base, false, 'weakref');

export const weakValueDictType = weakrefModuleType('WeakValueDictionary');
export const weakKeyDictType = weakrefModuleType('WeakKeyDictionary');
export const weakSetType = new PyType(typeType, 'WeakSet', 'object', objectType, false, '_weakrefset');
export const keyedRefType = new PyType(typeType, 'KeyedRef', 'weakref', weakrefType, false, 'weakref');
export const weakMethodType = new PyType(typeType, 'WeakMethod', 'weakref', weakrefType, false, 'weakref');
// Python classes in CPython (Lib/weakref.py, _weakrefset.py), each with __weakref__.
for (const t of [weakValueDictType, weakKeyDictType, weakSetType, weakMethodType]) weakrefableLikeAClass(t);

/** weakref.KeyedRef: a weakref with a callback that also holds the dictionary key it is stored under. */
export class PyKeyedRef extends PyWeakref {
  constructor(referent: PyObject, callback: PyObject | null, public key: PyObject | null) {
    super(referent, callback);
    this.type = keyedRefType;
  }
  override traverse(visit: Visit): void {
    super.traverse(visit);
    if (this.key) visit(this.key);
  }
  override clearRefs(out: PyObject[]): void {
    super.clearRefs(out);
    if (this.key) out.push(this.key);
    this.key = null;
  }
}

/** weakref.WeakMethod: a weakref to the method's instance plus one to its function; dead when either is. */
export class PyWeakMethod extends PyWeakref {
  funcRef: PyWeakref | null = null;
  alive = true;
  constructor(referent: PyObject, callback: PyObject | null) {
    super(referent, callback);
    this.type = weakMethodType;
  }
  override traverse(visit: Visit): void {
    super.traverse(visit);
    if (this.funcRef) visit(this.funcRef);
  }
  override clearRefs(out: PyObject[]): void {
    super.clearRefs(out);
    if (this.funcRef) out.push(this.funcRef);
    this.funcRef = null;
  }
}

/** The part the three collections share: the `_remove` callback they own. */
export abstract class WeakCollection extends PyObject {
  remove: PyObject | null = null;
  /** Set when the collection dies: its callback then does nothing (CPython's selfref() is None). */
  dead = false;
  override sizeofHint(): number {
    return 56;
  }
  override traverse(visit: Visit): void {
    if (this.remove) visit(this.remove);
  }
  override clearRefs(out: PyObject[]): void {
    this.dead = true;
    if (this.remove) out.push(this.remove);
    this.remove = null;
  }
}

export class PyWeakValueDict extends WeakCollection {
  data: PyDict | null = null;
  constructor() {
    super(weakValueDictType);
  }
  override traverse(visit: Visit): void {
    if (this.data) visit(this.data);
    super.traverse(visit);
  }
  override clearRefs(out: PyObject[]): void {
    if (this.data) out.push(this.data);
    this.data = null;
    super.clearRefs(out);
  }
}

interface KeyEntry {
  wr: PyWeakref;
  value: PyObject;
}

export class PyWeakKeyDict extends WeakCollection {
  /** The data dict, keyed by the referent's identity/hash as a dict keyed by weakrefs is. */
  entries = new Map<KeyId, KeyEntry>();
  /** Hash buckets for rich keys (containers.ts findKey). */
  rich: KeyBuckets | null = null;
  /** The entries by key id, as containers.ts finds keys in a table. */
  get index(): Map<KeyId, KeyEntry> {
    return this.entries;
  }
  constructor() {
    super(weakKeyDictType);
  }
  override traverse(visit: Visit): void {
    for (const e of this.entries.values()) {
      visit(e.wr);
      visit(e.value);
    }
    super.traverse(visit);
  }
  override clearRefs(out: PyObject[]): void {
    for (const e of this.entries.values()) out.push(e.wr, e.value);
    this.entries.clear();
    this.rich = null;
    super.clearRefs(out);
  }
}

/** A heap stand-in for the WeakSet's slot-order shadow set, which holds no references and is not charged (it mirrors the weakref set the collection owns). */
const NO_REFS = { incref(): void {}, decref(): void {}, resized(): void {}, allocTracer: null } as unknown as Heap;

export class PyWeakSet extends WeakCollection {
  entries = new Map<KeyId, PyWeakref>();
  /** Hash buckets for rich items (containers.ts findKey). */
  rich: KeyBuckets | null = null;
  /** The entries by key id, as containers.ts finds keys in a table. */
  get index(): Map<KeyId, PyWeakref> {
    return this.entries;
  }
  /** The referents laid out as CPython's set of their weakrefs is (same hashes, same history). */
  order = new PySet();
  constructor() {
    super(weakSetType);
  }
  override traverse(visit: Visit): void {
    for (const wr of this.entries.values()) visit(wr);
    super.traverse(visit);
  }
  override clearRefs(out: PyObject[]): void {
    for (const wr of this.entries.values()) out.push(wr);
    this.entries.clear();
    this.rich = null;
    this.order = new PySet();
    super.clearRefs(out);
  }
  /** The weakrefs in set iteration order (the shadow set's entries share the ids of `entries`). */
  refs(): PyWeakref[] {
    const ids = new Array<KeyId | undefined>(this.order.slots.length);
    for (const [id, j] of this.order.index) ids[j] = id;
    const out: PyWeakref[] = [];
    for (const id of ids) {
      const wr = id === undefined ? undefined : this.entries.get(id);
      if (wr) out.push(wr);
    }
    return out;
  }
}

/**
 * A collection's `_remove` callback. Its collection and what to do with a dead weakref are
 * fields, not a closure, so a snapshot can carry it (sandbox/snapshot): `onDead` is one of
 * the three per-sandbox handlers made at install, which a snapshot names by position.
 * `owner` is not a reference Python sees (CPython's _remove holds the collection by a weak
 * reference): it is neither visited nor counted.
 */
export class CollectionRemove extends PyNative {
  constructor(readonly owner: WeakCollection, readonly onDead: (owner: WeakCollection, wr: PyWeakref) => PyObject) {
    super('remove', collectionRemove);
  }
}

/** CollectionRemove's implementation (called as its `impl`, so `this` is the callback). */
export function collectionRemove(this: CollectionRemove, args: PyObject[]): PyObject {
  return this.onDead(this.owner, args[0] as PyWeakref);
}

/** The three handlers of a sandbox's collections, where a snapshot's walk finds them (by its Builtins). */
const removeHandlers = new WeakMap<object, Record<'wvd' | 'wkd' | 'ws', (owner: WeakCollection, wr: PyWeakref) => PyObject>>();
registerSideTable('weakref-collections:removeHandlers', removeHandlers);

export function installWeakCollections(kit: ExtensionKit): void {
  const { b } = kit;
  const I = b.I;
  const heap = b.heap;
  const err: Thrower = (t, m) => b.err(t, m);
  const C = b.constructors;
  const M = (t: PyType, name: string, m: (self: PyObject, args: PyObject[], kw: Map<string, PyObject> | null) => PyObject): void => b.method(t, name, m);
  for (const t of [weakValueDictType, weakKeyDictType, weakSetType]) b.slotTypes.add(t);

  const incret = (o: PyObject): PyObject => {
    heap.incref(o);
    return o;
  };
  /** weakref.ref(o) would raise this for an object that cannot be weakly referenced. */
  const checkWeakrefable = (o: PyObject): void => {
    heap.decref(I.call(weakrefType, [incret(o)], null));
  };
  const hidden = (t: PyType, names: string[]): void => {
    b.attrOf.set(t, (_o, name) => {
      if (names.includes(name)) throw err('NotImplementedError', `heaplab does not support '${t.name}.${name}'`);
      return null;
    });
  };
  /** A generator-like iterator over a snapshot of items (owned by the iterator from now on). */
  const snapshotIter = (qualname: string, items: PyObject[]): PyObject => {
    let i = 0;
    const it = b.jsIter('generator', items, () => (i < items.length ? incret(items[i++]!) : null));
    generatorNames.set(it, qualname);
    return it;
  };
  /**
   * A Lib/weakref.py iteration generator (keys/values/items under _IterationGuard): it holds a
   * snapshot of the entries as the guarded data dict does (each entry's weakref and its strong
   * half), never a referent it has not reached yet, and after each step only what the generator
   * frame's locals hold (the current item), so keys or values not held elsewhere die while it is
   * suspended. Exhausted, it holds nothing (the finished frame is cleared).
   */
  const guardedIter = (
    qualname: string,
    entries: PyObject[][],
    produce: (e: PyObject[]) => { out: PyObject; hold: PyObject[] } | null,
  ): PyObject => {
    const flat = entries.flat();
    for (const o of flat) heap.incref(o);
    let i = 0;
    let held: PyObject[] = [];
    let extra = flat.slice();
    const it = b.jsIter('generator', extra, () => {
      const self = it as PyIter;
      if (self.extra !== extra) return null; // cleared by the collector: it released everything
      for (;;) {
        const e = i < entries.length ? entries[i++]! : null;
        const r = e ? produce(e) : null;
        if (e && !r) continue;
        const old = held;
        held = r ? r.hold : [];
        for (const o of held) heap.incref(o);
        extra = r ? [...flat, ...held] : [];
        self.extra = extra;
        for (const o of old) heap.decref(o);
        if (!r) for (const o of flat) heap.decref(o);
        return r ? r.out : null;
      }
    });
    generatorNames.set(it, qualname);
    return it;
  };
  /** The qualified names of those generators (Lib/weakref.py's keys, values, items, __iter__). */
  const generatorNames = new WeakMap<PyObject, string>();
  b.reprOf.set(iterType('generator'), (o) => `<generator object ${generatorNames.get(o) ?? '?'} at ${hexId(o.addr)}>`);
  const reprAt = (o: PyObject): string => `<${o.type.name} at ${hexId(o.addr)}>`;

  // ------------------------------------------------------------ WeakValueDictionary

  const wvdRemove = (d: PyWeakValueDict): PyObject => makeRemove(d, 'wvd');

  /** The collection's `_remove`: a native holding no reference to the collection. */
  const makeRemove = (owner: WeakCollection, kind: 'wvd' | 'wkd' | 'ws'): PyObject =>
    heap.track(heap.register(new CollectionRemove(owner, handlers[kind])));
  /** What each kind's `_remove` does with a dead weakref (nothing once the collection died). */
  const handlers = {
    wvd: (owner: WeakCollection, wr: PyWeakref): PyObject => {
      const d = owner as PyWeakValueDict;
      // _remove_dead_weakref: delete data[key] only if it is still this dead weakref.
      const key = (wr as PyKeyedRef).key;
      if (!d.dead && d.data && key) {
        const cur = dictGet(heap, d.data, key);
        if (cur instanceof PyWeakref && cur.referent === null) dictDelItem(heap, d.data, key);
      }
      return b.none();
    },
    wkd: (owner: WeakCollection, wr: PyWeakref): PyObject => {
      const d = owner as PyWeakKeyDict;
      // del self.data[k]: the entry whose key is this (dead) weakref.
      if (!d.dead) {
        for (const [id, e] of d.entries) {
          if (e.wr !== wr) continue;
          d.entries.delete(id);
          keyRemoved(d, id);
          heap.decref(e.wr);
          heap.decref(e.value);
          break;
        }
      }
      return b.none();
    },
    ws: (owner: WeakCollection, wr: PyWeakref): PyObject => {
      const ws = owner as PyWeakSet;
      // self.data.discard(item): the dead weakref leaves the set (its slot becomes a dummy).
      if (!ws.dead) {
        for (const [id, r] of ws.entries) {
          if (r !== wr) continue;
          wsTake(ws, id);
          heap.decref(r);
          break;
        }
      }
      return b.none();
    },
  };
  removeHandlers.set(b, handlers);

  const newKeyedRef = (d: PyWeakValueDict, value: PyObject, key: PyObject): PyWeakref => {
    checkWeakrefable(value);
    return heap.newWeakref(value, d.remove, (r, c) => {
      heap.incref(key);
      return new PyKeyedRef(r, c, key);
    });
  };
  const wvdSet = (d: PyWeakValueDict, key: PyObject, value: PyObject): void => {
    const wr = newKeyedRef(d, value, key);
    try {
      dictSetItem(heap, d.data!, key, wr);
    } finally {
      heap.decref(wr);
    }
  };
  /** The live value under key (borrowed), or undefined. */
  const wvdLookup = (d: PyWeakValueDict, key: PyObject): PyObject | undefined => {
    const wr = dictGet(heap, d.data!, key) as PyWeakref | undefined;
    return wr?.referent ?? undefined;
  };
  const wvdEntries = (d: PyWeakValueDict): [PyObject, PyObject][] => {
    const out: [PyObject, PyObject][] = [];
    for (const [k, wr] of d.data!.entries()) {
      const v = (wr as PyWeakref).referent;
      if (v) out.push([k, v]);
    }
    return out;
  };
  /** update(other=(), **kw): from a mapping's items or an iterable of pairs, then keywords. */
  const updateFrom = (set: (k: PyObject, v: PyObject) => void, other: PyObject | undefined, kw: Map<string, PyObject> | null): void => {
    if (other !== undefined && other !== None) {
      const pairs = I.dunder(other, 'keys') || other instanceof PyDict ? I.callMethod(other, 'items', []) : incret(other);
      try {
        for (const item of I.toArray(pairs)) {
          try {
            const kv = I.toArray(item);
            try {
              if (kv.length !== 2) throw err('ValueError', `too many values to unpack (expected 2)`);
              set(kv[0]!, kv[1]!);
            } finally {
              for (const x of kv) heap.decref(x);
            }
          } finally {
            heap.decref(item);
          }
        }
      } finally {
        heap.decref(pairs);
      }
    }
    for (const [k, v] of kw ?? []) {
      const key = I.newStr(k);
      try {
        set(key, v);
      } finally {
        heap.decref(key);
      }
    }
  };

  C.set(weakValueDictType, (args, kwList) => {
    if (args.length > 1) throw err('TypeError', `WeakValueDictionary.__init__() takes from 1 to 2 positional arguments but ${args.length + 1} were given`);
    const d = heap.track(heap.register(new PyWeakValueDict()));
    d.data = heap.track(heap.register(new PyDict()));
    d.remove = wvdRemove(d);
    try {
      updateFrom((k, v) => wvdSet(d, k, v), args[0], kwList ? new Map(kwList) : null);
    } catch (e) {
      heap.decref(d);
      throw e;
    }
    return d;
  });
  const V = (s: PyObject): PyWeakValueDict => s as PyWeakValueDict;
  M(weakValueDictType, '__getitem__', (s, [k]) => {
    const v = wvdLookup(V(s), k!);
    if (!v) {
      heap.incref(k!);
      throw I.keyError(k!);
    }
    return incret(v);
  });
  M(weakValueDictType, '__setitem__', (s, [k, v]) => {
    wvdSet(V(s), k!, v!);
    return b.none();
  });
  M(weakValueDictType, '__delitem__', (s, [k]) => {
    I.delItem(V(s).data!, k!);
    return b.none();
  });
  M(weakValueDictType, '__contains__', (s, [k]) => b.bool(wvdLookup(V(s), k!) !== undefined));
  M(weakValueDictType, '__len__', (s) => b.int(V(s).data!.size));
  // for k, wr in self.data.items(): v = wr(); if v is not None: yield ... (locals k, wr, v)
  const wvdIter = (s: PyObject, qualname: string, out: (k: PyObject, v: PyObject) => PyObject): PyObject =>
    guardedIter(qualname, [...V(s).data!.entries()].map(([k, wr]) => [k, wr]), ([k, wr]) => {
      const v = (wr as PyWeakref).referent;
      return v ? { out: out(k!, v), hold: [k!, wr!, v] } : null;
    });
  M(weakValueDictType, '__iter__', (s) => wvdIter(s, 'WeakValueDictionary.keys', (k) => incret(k)));
  M(weakValueDictType, 'keys', (s) => wvdIter(s, 'WeakValueDictionary.keys', (k) => incret(k)));
  M(weakValueDictType, 'values', (s) => wvdIter(s, 'WeakValueDictionary.values', (_k, v) => incret(v)));
  M(weakValueDictType, 'items', (s) => wvdIter(s, 'WeakValueDictionary.items', (k, v) => I.tupleOwned([incret(k), incret(v)])));
  M(weakValueDictType, 'itervaluerefs', (s) => snapshotIter('WeakValueDictionary.itervaluerefs', [...V(s).data!.entries()].map(([, wr]) => incret(wr))));
  M(weakValueDictType, 'valuerefs', (s) => b.list([...V(s).data!.entries()].map(([, wr]) => incret(wr))));
  M(weakValueDictType, 'get', (s, args, kw) => {
    const [k, dflt] = pyFunctionArgs(err, 'get', ['key', 'default'], 1, args, kw);
    return incret(wvdLookup(V(s), k!) ?? dflt ?? None);
  });
  M(weakValueDictType, 'setdefault', (s, args, kw) => {
    const [k, dflt] = pyFunctionArgs(err, 'setdefault', ['key', 'default'], 1, args, kw);
    const v = wvdLookup(V(s), k!);
    if (v) return incret(v);
    wvdSet(V(s), k!, dflt ?? None);
    return incret(dflt ?? None);
  });
  M(weakValueDictType, 'pop', (s, args) => {
    if (args.length < 1) throw err('TypeError', "WeakValueDictionary.pop() missing 1 required positional argument: 'key'");
    const d = V(s);
    const k = args[0]!;
    let o: PyObject | undefined;
    const wr = dictGet(heap, d.data!, k) as PyWeakref | undefined;
    if (wr) {
      o = wr.referent ?? undefined;
      if (o) heap.incref(o);
      dictDelItem(heap, d.data!, k);
    }
    if (o) return o;
    if (args.length > 1) return incret(args[1]!);
    heap.incref(k);
    throw I.keyError(k);
  });
  M(weakValueDictType, 'popitem', (s) => {
    const d = V(s);
    for (;;) {
      const last = [...d.data!.entries()].pop();
      if (!last) throw err('KeyError', "'popitem(): dictionary is empty'");
      const [k, wr] = last;
      const o = (wr as PyWeakref).referent;
      heap.incref(k);
      if (o) heap.incref(o);
      dictDelItem(heap, d.data!, k);
      if (o) return I.tupleOwned([k, o]);
      heap.decref(k);
    }
  });
  M(weakValueDictType, 'update', (s, args, kw) => {
    if (args.length > 1) throw err('TypeError', `WeakValueDictionary.update() takes from 1 to 2 positional arguments but ${args.length + 1} were given`);
    updateFrom((k, v) => wvdSet(V(s), k, v), args[0], kw);
    return b.none();
  });
  M(weakValueDictType, 'clear', (s) => {
    I.callMethod(V(s).data!, 'clear', []);
    return b.none();
  });
  M(weakValueDictType, 'copy', (s) => {
    const n = C.get(weakValueDictType)!([], null) as PyWeakValueDict;
    for (const [k, v] of wvdEntries(V(s))) wvdSet(n, k, v);
    return n;
  });
  b.reprOf.set(weakValueDictType, reprAt);
  hidden(weakValueDictType, ['data', '_remove', '_pending_removals', '_iterating', '__dict__', '_commit_removals']);

  // ------------------------------------------------------------ WeakKeyDictionary

  const K = (s: PyObject): PyWeakKeyDict => s as PyWeakKeyDict;
  const wkdRemove = (d: PyWeakKeyDict): PyObject => makeRemove(d, 'wkd');
  /** The referent an entry's weakref still reaches (null once it died). */
  const wkdKeyAt = (d: PyWeakKeyDict): KeyAt => (id) => d.entries.get(id)?.wr.referent ?? null;
  /** Where `self.data[ref(key)]` is (or would go): the referent's hash and == (containers.ts findKey). */
  const wkdProbe = (d: PyWeakKeyDict, key: PyObject): KeyProbe => {
    checkWeakrefable(key);
    return I.keyOp(() => findKey(heap, d, key, wkdKeyAt(d)));
  };
  /**
   * The entry `self.data[ref(key)]` finds. CPython's dict compares the stored weakref with the
   * new ref(key), and weakref equality compares the referents with ==, so a key class's own
   * __eq__ runs (stored referent first) and may answer False or mutate anything — even when
   * the referent is the key itself, which findKey's identity test settled without a call; the
   * entry counts only if it is still there afterwards.
   */
  const wkdFind = (d: PyWeakKeyDict, key: PyObject): KeyEntry | undefined => wkdFindId(d, key)?.[1];
  const wkdFindId = (d: PyWeakKeyDict, key: PyObject): [KeyId, KeyEntry] | undefined => {
    const p = wkdProbe(d, key);
    const id = p.id;
    const e = p.found ? d.entries.get(id) : undefined;
    const stored = e?.wr.referent;
    if (!e) return undefined;
    if (stored !== key || !(key.type.isHeapType && key.type.lookup('__eq__', b.methods) instanceof PyFunction)) return [id, e];
    heap.incref(stored);
    let same: boolean;
    try {
      same = I.truthConsume(I.richCompare('Eq', stored, key));
    } finally {
      heap.decref(stored);
    }
    return same && d.entries.get(id) === e ? [id, e] : undefined;
  };
  const wkdSet = (d: PyWeakKeyDict, key: PyObject, value: PyObject): void => {
    const p = wkdProbe(d, key);
    const e = p.found ? d.entries.get(p.id) : undefined;
    heap.incref(value);
    if (e) {
      // The stored weakref (to the original key) stays; only the value is replaced.
      const old = e.value;
      e.value = value;
      heap.decref(old);
      return;
    }
    d.entries.set(p.id, { wr: heap.newWeakref(key, d.remove), value });
    keyAdded(heap, d, p.id, key, p.hash);
  };
  const wkdLive = (d: PyWeakKeyDict): [PyObject, PyObject][] => {
    const out: [PyObject, PyObject][] = [];
    for (const e of d.entries.values()) if (e.wr.referent) out.push([e.wr.referent, e.value]);
    return out;
  };
  C.set(weakKeyDictType, (args, kwList) => {
    if (args.length > 1) throw err('TypeError', `WeakKeyDictionary.__init__() takes from 1 to 2 positional arguments but ${args.length + 1} were given`);
    if (kwList && kwList.length) throw err('TypeError', `WeakKeyDictionary.__init__() got an unexpected keyword argument '${kwList[0]![0]}'`);
    const d = heap.track(heap.register(new PyWeakKeyDict()));
    d.remove = wkdRemove(d);
    try {
      updateFrom((k, v) => wkdSet(d, k, v), args[0], null);
    } catch (e) {
      heap.decref(d);
      throw e;
    }
    return d;
  });
  const wkdGet = wkdFind;
  M(weakKeyDictType, '__getitem__', (s, [k]) => {
    const e = wkdGet(K(s), k!);
    if (!e) throw I.keyError(heap.newWeakref(k!, null)); // self.data[ref(key)]
    return incret(e.value);
  });
  M(weakKeyDictType, '__setitem__', (s, [k, v]) => {
    wkdSet(K(s), k!, v!);
    return b.none();
  });
  const wkdDelete = (d: PyWeakKeyDict, key: PyObject): KeyEntry | undefined => {
    const found = wkdFindId(d, key);
    if (!found) return undefined;
    const [id, e] = found;
    d.entries.delete(id);
    keyRemoved(d, id);
    return e;
  };
  M(weakKeyDictType, '__delitem__', (s, [k]) => {
    const e = wkdDelete(K(s), k!);
    if (!e) throw I.keyError(heap.newWeakref(k!, null));
    heap.decref(e.wr);
    heap.decref(e.value);
    return b.none();
  });
  M(weakKeyDictType, '__contains__', (s, [k]) => {
    try {
      checkWeakrefable(k!);
    } catch (x) {
      I.releaseRaise(x as Parameters<typeof I.releaseRaise>[0]);
      return b.bool(false);
    }
    return b.bool(wkdFind(K(s), k!) !== undefined);
  });
  M(weakKeyDictType, '__len__', (s) => b.int(K(s).entries.size));
  // for wr, value in self.data.items(): key = wr(); if key is not None: yield ... (locals wr, value, key)
  const wkdIter = (s: PyObject, qualname: string, out: (k: PyObject, v: PyObject) => PyObject): PyObject =>
    guardedIter(qualname, [...K(s).entries.values()].map((e) => [e.wr, e.value]), ([wr, value]) => {
      const k = (wr as PyWeakref).referent;
      return k ? { out: out(k, value!), hold: [wr!, value!, k] } : null;
    });
  M(weakKeyDictType, '__iter__', (s) => wkdIter(s, 'WeakKeyDictionary.keys', (k) => incret(k)));
  M(weakKeyDictType, 'keys', (s) => wkdIter(s, 'WeakKeyDictionary.keys', (k) => incret(k)));
  M(weakKeyDictType, 'values', (s) => wkdIter(s, 'WeakKeyDictionary.values', (_k, v) => incret(v)));
  M(weakKeyDictType, 'items', (s) => wkdIter(s, 'WeakKeyDictionary.items', (k, v) => I.tupleOwned([incret(k), incret(v)])));
  M(weakKeyDictType, 'keyrefs', (s) => b.list([...K(s).entries.values()].map((e) => incret(e.wr))));
  M(weakKeyDictType, 'get', (s, args, kw) => {
    const [k, dflt] = pyFunctionArgs(err, 'get', ['key', 'default'], 1, args, kw);
    return incret(wkdGet(K(s), k!)?.value ?? dflt ?? None);
  });
  M(weakKeyDictType, 'setdefault', (s, args, kw) => {
    const [k, dflt] = pyFunctionArgs(err, 'setdefault', ['key', 'default'], 1, args, kw);
    const e = wkdGet(K(s), k!);
    if (e) return incret(e.value);
    wkdSet(K(s), k!, dflt ?? None);
    return incret(dflt ?? None);
  });
  M(weakKeyDictType, 'pop', (s, args) => {
    if (args.length < 1) throw err('TypeError', "WeakKeyDictionary.pop() missing 1 required positional argument: 'key'");
    const e = wkdDelete(K(s), args[0]!);
    if (e) {
      heap.decref(e.wr);
      return e.value;
    }
    if (args.length > 1) return incret(args[1]!);
    throw I.keyError(heap.newWeakref(args[0]!, null));
  });
  M(weakKeyDictType, 'update', (s, args, kw) => {
    if (args.length > 1) throw err('TypeError', `WeakKeyDictionary.update() takes from 1 to 2 positional arguments but ${args.length + 1} were given`);
    updateFrom((k, v) => wkdSet(K(s), k, v), args[0], kw);
    return b.none();
  });
  M(weakKeyDictType, 'copy', (s) => {
    const n = C.get(weakKeyDictType)!([], null) as PyWeakKeyDict;
    for (const [k, v] of wkdLive(K(s))) wkdSet(n, k, v);
    return n;
  });
  M(weakKeyDictType, 'clear', (s) => {
    const d = K(s);
    const all = [...d.entries.values()];
    d.entries.clear();
    d.rich = null;
    for (const e of all) {
      heap.decref(e.wr);
      heap.decref(e.value);
    }
    return b.none();
  });
  b.reprOf.set(weakKeyDictType, reprAt);
  hidden(weakKeyDictType, ['data', '_remove', '_pending_removals', '_iterating', '__dict__', '_dirty', '_commit_removals', 'popitem']);

  // ------------------------------------------------------------ Mapping operators of both weak dictionaries

  /** isinstance(o, collections.abc.Mapping) for the mappings a sandbox has. */
  const isMapping = (o: PyObject): boolean =>
    o instanceof PyDict || o.type === mappingproxyType || o.type.isSubtypeOf(weakValueDictType) || o.type.isSubtypeOf(weakKeyDictType);
  /** self.<name>(other), other borrowed. */
  const callOn = (self: PyObject, name: string, other: PyObject): PyObject => {
    heap.incref(other);
    return I.callMethod(self, name, [other]);
  };
  for (const t of [weakValueDictType, weakKeyDictType, weakSetType, weakMethodType]) b.pythonLevelTypes.add(t);
  for (const t of [weakValueDictType, weakKeyDictType]) {
    // __init__(self, other=(), /, **kw) called again: self.data = {}; self.update(other, **kw)
    M(t, '__init__', (s, args, kw) => {
      if (args.length > 1) throw err('TypeError', `${t.name}.__init__() takes from 1 to 2 positional arguments but ${args.length + 1} were given`);
      heap.decref(I.callMethod(s, 'clear', []));
      for (const a of args) heap.incref(a);
      const kwArgs = kw ? [...kw].map(([k, v]) => [k, incret(v)] as [string, PyObject]) : null;
      const upd = I.getAttr(s, 'update');
      try {
        heap.decref(I.call(upd, args, kwArgs));
      } finally {
        heap.decref(upd);
      }
      return b.none();
    });
    // Lib/weakref.py __or__: c = self.copy(); c.update(other)
    M(t, '__or__', (s, [o]) => {
      if (!isMapping(o!)) return b.notImplemented();
      const c = I.callMethod(s, 'copy', []);
      try {
        heap.decref(callOn(c, 'update', o!));
      } catch (e) {
        heap.decref(c);
        throw e;
      }
      return c;
    });
    // __ror__: c = self.__class__(); c.update(other); c.update(self)
    M(t, '__ror__', (s, [o]) => {
      if (!isMapping(o!)) return b.notImplemented();
      const c = C.get(t)!([], null);
      try {
        heap.decref(callOn(c, 'update', o!));
        heap.decref(callOn(c, 'update', s));
      } catch (e) {
        heap.decref(c);
        throw e;
      }
      return c;
    });
    // __ior__: self.update(other); return self
    M(t, '__ior__', (s, [o]) => {
      heap.decref(callOn(s, 'update', o!));
      return incret(s);
    });
    // Mapping defines __eq__, so its __hash__ is None
    M(t, '__hash__', () => {
      throw err('TypeError', `unhashable type: '${t.name}'`);
    });
    // Mapping.__eq__: dict(self.items()) == dict(other.items())
    M(t, '__eq__', (s, [o]) => {
      if (!isMapping(o!)) return b.notImplemented();
      const x = I.call(dictType, [incret(s)], null);
      try {
        const y = I.call(dictType, [incret(o!)], null);
        try {
          return I.richCompare('Eq', x, y);
        } finally {
          heap.decref(y);
        }
      } finally {
        heap.decref(x);
      }
    });
  }

  // ------------------------------------------------------------ WeakSet

  const S = (s: PyObject): PyWeakSet => s as PyWeakSet;
  const wsRemove = (ws: PyWeakSet): PyObject => makeRemove(ws, 'ws');
  /** The referent an item's weakref still reaches (null once it died). */
  const wsKeyAt = (ws: PyWeakSet): KeyAt => (id) => ws.entries.get(id)?.referent ?? null;
  /** Where `ref(item)` is in the set (or would go): the referent's hash and == (containers.ts findKey). */
  const wsProbe = (ws: PyWeakSet, item: PyObject): KeyProbe => {
    checkWeakrefable(item);
    return I.keyOp(() => findKey(heap, ws, item, wsKeyAt(ws)));
  };
  const wsAdd = (ws: PyWeakSet, item: PyObject): void => {
    const p = wsProbe(ws, item);
    if (p.found) return;
    ws.entries.set(p.id, heap.newWeakref(item, ws.remove));
    keyAdded(heap, ws, p.id, item, p.hash);
    // The shadow set places the item as the weakref set would (a weakref hashes as its referent).
    setPlace(NO_REFS, ws.order, item, p.id, setSlotHashFor(item, p.id, p.hash));
  };
  /** Entry `id` leaves the set (its shadow slot becomes a dummy); the weakref's reference passes to the caller. */
  const wsTake = (ws: PyWeakSet, id: KeyId): PyWeakref | undefined => {
    const wr = ws.entries.get(id);
    if (!wr) return undefined;
    ws.entries.delete(id);
    keyRemoved(ws, id);
    if (ws.order.index.has(id)) setRemoveId(NO_REFS, ws.order, id);
    return wr;
  };
  /** The entry ref(item) finds, taken out of the set. */
  const wsTakeItem = (ws: PyWeakSet, item: PyObject): PyWeakref | undefined => {
    const p = wsProbe(ws, item);
    return p.found ? wsTake(ws, p.id) : undefined;
  };
  /** Each item of `other` (a new reference) to `each`, one at a time, as a generator feeds a set method. */
  const forEachItem = (other: PyObject, each: (item: PyObject) => void): void => {
    const it = I.getIter(other);
    try {
      for (let x = I.next(it); x !== null; x = I.next(it)) {
        try {
          each(x);
        } finally {
          heap.decref(x);
        }
      }
    } finally {
      heap.decref(it);
    }
  };
  /** set(map(ref, other)) as ids in a throwaway WeakSet-like probe: the WeakSet of other's items. */
  const refsOf = (other: PyObject): PyWeakSet => {
    const tmp = C.get(weakSetType)!([], null) as PyWeakSet;
    try {
      forEachItem(other, (x) => wsAdd(tmp, x));
    } catch (e) {
      heap.decref(tmp);
      throw e;
    }
    return tmp;
  };
  /** self.data <= / < / >= / > set(map(ref, other)), by the items' hash and ==. */
  const wsCompare = (self: PyWeakSet, other: PyObject, sub: boolean, strict: boolean): boolean => {
    const o = refsOf(other);
    try {
      const [small, big] = sub ? [self, o] : [o, self];
      if (small.entries.size > big.entries.size || (strict && small.entries.size === big.entries.size)) return false;
      for (const wr of small.entries.values()) {
        const item = wr.referent;
        if (!item || !wsProbe(big, item).found) return false;
      }
      return true;
    } finally {
      heap.decref(o);
    }
  };
  /**
   * Lib/_weakrefset.py's set operations that only add and discard: union (|), difference (-,
   * -=), intersection (&), symmetric difference (^, ^=), the subset and superset tests (<=, <,
   * >=, >), isdisjoint and |=. intersection_update and &= are refused by name: they leave the
   * set holding callback-less refs, whose dead entries stay counted (CPython's quirk).
   */
  function installWeakSetAlgebra(): void {
    const newLike = (): PyWeakSet => C.get(weakSetType)!([], null) as PyWeakSet;
    // union: self.__class__(e for s in (self, other) for e in s)
    const union = (s: PyObject, [o]: PyObject[]): PyObject => {
      const n = newLike();
      try {
        forEachItem(s, (x) => wsAdd(n, x));
        forEachItem(o!, (x) => wsAdd(n, x));
      } catch (e) {
        heap.decref(n);
        throw e;
      }
      return n;
    };
    M(weakSetType, 'union', union);
    M(weakSetType, '__or__', union);
    M(weakSetType, '__ior__', (s, [o]) => {
      heap.decref(callOn(s, 'update', o!));
      return incret(s);
    });
    // difference_update / __isub__: self.data.difference_update(ref(item) for item in other)
    const differenceUpdate = (s: PyObject, o: PyObject): void => {
      const ws = S(s);
      if (s === o) {
        heap.decref(I.callMethod(s, 'clear', []));
        return;
      }
      forEachItem(o, (x) => {
        const wr = wsTakeItem(ws, x);
        if (wr) heap.decref(wr);
      });
    };
    M(weakSetType, 'difference_update', (s, [o]) => {
      differenceUpdate(s, o!);
      return b.none();
    });
    M(weakSetType, '__isub__', (s, [o]) => {
      differenceUpdate(s, o!);
      return incret(s);
    });
    // difference: newset = self.copy(); newset.difference_update(other)
    const difference = (s: PyObject, [o]: PyObject[]): PyObject => {
      const n = I.callMethod(s, 'copy', []);
      try {
        differenceUpdate(n, o!);
      } catch (e) {
        heap.decref(n);
        throw e;
      }
      return n;
    };
    M(weakSetType, 'difference', difference);
    M(weakSetType, '__sub__', difference);
    // intersection: self.__class__(item for item in other if item in self)
    const intersection = (s: PyObject, [o]: PyObject[]): PyObject => {
      const n = newLike();
      try {
        forEachItem(o!, (x) => {
          if (I.contains(s, x)) wsAdd(n, x);
        });
      } catch (e) {
        heap.decref(n);
        throw e;
      }
      return n;
    };
    M(weakSetType, 'intersection', intersection);
    M(weakSetType, '__and__', intersection);
    M(weakSetType, 'isdisjoint', (s, [o]) => {
      const n = intersection(s, [o!]) as PyWeakSet;
      try {
        return b.bool(n.entries.size === 0);
      } finally {
        heap.decref(n);
      }
    });
    M(weakSetType, 'issubset', (s, [o]) => b.bool(wsCompare(S(s), o!, true, false)));
    M(weakSetType, '__le__', (s, [o]) => b.bool(wsCompare(S(s), o!, true, false)));
    M(weakSetType, '__lt__', (s, [o]) => b.bool(wsCompare(S(s), o!, true, true)));
    M(weakSetType, 'issuperset', (s, [o]) => b.bool(wsCompare(S(s), o!, false, false)));
    M(weakSetType, '__ge__', (s, [o]) => b.bool(wsCompare(S(s), o!, false, false)));
    M(weakSetType, '__gt__', (s, [o]) => b.bool(wsCompare(S(s), o!, false, true)));
    /**
     * __ixor__: self.data.symmetric_difference_update(ref(item, self._remove) for item in other) —
     * the refs gathered into a set first, then, in that set's order, each found in self is
     * discarded and each missing added.
     */
    const symmetricUpdate = (s: PyObject, o: PyObject): void => {
      const ws = S(s);
      if (s === o) {
        heap.decref(I.callMethod(s, 'clear', []));
        return;
      }
      const other = refsOf(o);
      try {
        for (const wr of other.refs()) {
          const item = wr.referent;
          // A ref whose item died meanwhile would be added dead (CPython's quirk): not modelled.
          if (!item) throw err('NotImplementedError', "heaplab does not support 'WeakSet.symmetric_difference_update' with items that die during it");
          const taken = wsTakeItem(ws, item);
          if (taken) heap.decref(taken);
          else wsAdd(ws, item);
        }
      } finally {
        heap.decref(other);
      }
    };
    M(weakSetType, 'symmetric_difference_update', (s, [o]) => {
      symmetricUpdate(s, o!);
      return b.none();
    });
    M(weakSetType, '__ixor__', (s, [o]) => {
      symmetricUpdate(s, o!);
      return incret(s);
    });
    // symmetric_difference: newset = self.copy(); newset.symmetric_difference_update(other)
    const symmetric = (s: PyObject, [o]: PyObject[]): PyObject => {
      const n = I.callMethod(s, 'copy', []);
      try {
        symmetricUpdate(n, o!);
      } catch (e) {
        heap.decref(n);
        throw e;
      }
      return n;
    };
    M(weakSetType, 'symmetric_difference', symmetric);
    M(weakSetType, '__xor__', symmetric);
    for (const name of ['intersection_update', '__iand__']) {
      M(weakSetType, name, () => {
        throw err('NotImplementedError', `heaplab does not support 'WeakSet.${name}'`);
      });
    }
  }
  C.set(weakSetType, (args, kwList) => {
    if (kwList && kwList.length) throw err('TypeError', `WeakSet.__init__() got an unexpected keyword argument '${kwList[0]![0]}'`);
    if (args.length > 1) throw err('TypeError', `WeakSet.__init__() takes from 1 to 2 positional arguments but ${args.length + 1} were given`);
    const ws = heap.track(heap.register(new PyWeakSet()));
    ws.remove = wsRemove(ws);
    if (args[0] !== undefined && args[0] !== None) {
      try {
        for (const x of I.toArray(args[0])) {
          try {
            wsAdd(ws, x);
          } finally {
            heap.decref(x);
          }
        }
      } catch (e) {
        heap.decref(ws);
        throw e;
      }
    }
    return ws;
  });
  const wsLive = (ws: PyWeakSet): PyObject[] => ws.refs().map((wr) => wr.referent).filter((x): x is PyObject => x !== null);
  M(weakSetType, 'add', (s, [x]) => {
    wsAdd(S(s), x!);
    return b.none();
  });
  M(weakSetType, 'discard', (s, [x]) => {
    const wr = wsTakeItem(S(s), x!);
    if (wr) heap.decref(wr);
    return b.none();
  });
  M(weakSetType, 'remove', (s, [x]) => {
    const wr = wsTakeItem(S(s), x!);
    if (!wr) throw I.keyError(heap.newWeakref(x!, null));
    heap.decref(wr);
    return b.none();
  });
  M(weakSetType, 'pop', (s) => {
    const ws = S(s);
    for (;;) {
      const wr = ws.refs()[0];
      if (!wr) throw err('KeyError', 'pop from empty WeakSet');
      wsTake(ws, [...ws.entries].find(([, r]) => r === wr)![0]);
      const item = wr.referent;
      if (item) heap.incref(item);
      heap.decref(wr);
      if (item) return item;
    }
  });
  M(weakSetType, 'clear', (s) => {
    const ws = S(s);
    const all = [...ws.entries.values()];
    ws.entries.clear();
    ws.rich = null;
    ws.order = new PySet();
    for (const wr of all) heap.decref(wr);
    return b.none();
  });
  M(weakSetType, 'update', (s, [other]) => {
    for (const x of I.toArray(other!)) {
      try {
        wsAdd(S(s), x);
      } finally {
        heap.decref(x);
      }
    }
    return b.none();
  });
  M(weakSetType, 'copy', (s) => {
    const n = C.get(weakSetType)!([], null) as PyWeakSet;
    for (const x of wsLive(S(s))) wsAdd(n, x);
    return n;
  });
  M(weakSetType, '__len__', (s) => b.int(S(s).entries.size));
  // WeakSet.__iter__: for itemref in self.data: item = itemref(); if item is not None: yield item
  M(weakSetType, '__iter__', (s) => guardedIter('WeakSet.__iter__', S(s).refs().map((wr) => [wr]), ([wr]) => {
    const item = (wr as PyWeakref).referent;
    return item ? { out: incret(item), hold: [item] } : null;
  }));
  // __init__(self, data=None) called again: self.data = set(); if data is not None: self.update(data)
  M(weakSetType, '__init__', (s, args, kw) => {
    if (kw && kw.size) throw err('TypeError', `WeakSet.__init__() got an unexpected keyword argument '${[...kw.keys()][0]}'`);
    if (args.length > 1) throw err('TypeError', `WeakSet.__init__() takes from 1 to 2 positional arguments but ${args.length + 1} were given`);
    heap.decref(I.callMethod(s, 'clear', []));
    if (args[0] !== undefined && args[0] !== None) heap.decref(callOn(s, 'update', args[0]));
    return b.none();
  });
  installWeakSetAlgebra();
  M(weakSetType, '__contains__', (s, [x]) => {
    try {
      checkWeakrefable(x!);
    } catch (e) {
      I.releaseRaise(e as Parameters<typeof I.releaseRaise>[0]);
      return b.bool(false);
    }
    return b.bool(wsProbe(S(s), x!).found);
  });
  // WeakSet defines __eq__, so its __hash__ is None (hash() and a dict or set key both refuse it)
  registerUnhashable(weakSetType, 'WeakSet');
  M(weakSetType, '__hash__', () => {
    throw err('TypeError', "unhashable type: 'WeakSet'");
  });
  M(weakSetType, '__eq__', (s, [o]) => {
    if (!(o instanceof PyWeakSet)) return b.notImplemented();
    // self.data == set(map(ref, other)): each live item found in the other by hash and ==.
    const a = S(s);
    if (a.entries.size !== o.entries.size) return b.bool(false);
    for (const [id, wr] of [...a.entries]) {
      const item = wr.referent;
      if (item ? !wsProbe(o, item).found : !o.entries.has(id)) return b.bool(false);
    }
    return b.bool(true);
  });
  b.reprOf.set(weakSetType, (o, active) => {
    const refs = S(o).refs();
    return refs.length ? `{${refs.map((wr) => b.repr(wr, active)).join(', ')}}` : 'set()';
  });
  hidden(weakSetType, ['data', '_remove', '_pending_removals', '_iterating', '__dict__', '_commit_removals', '__reduce__']);

  // ------------------------------------------------------------ WeakMethod

  C.set(weakMethodType, (args) => {
    const [meth, callback] = args;
    if (!meth) throw err('TypeError', "WeakMethod.__new__() missing 1 required positional argument: 'meth'");
    if (!(meth instanceof PyMethod) || !meth.self || !meth.func) {
      throw err('TypeError', `argument should be a bound method, not ${b.repr(meth.type)}`);
    }
    const userCb = callback && callback !== None ? callback : null;
    let self: PyWeakMethod | null = null;
    // _cb: the first of the two weakrefs to die marks the WeakMethod dead and calls callback(self).
    const cb = heap.register(new PyNative('_cb', () => {
      const wm = self;
      if (wm && wm.alive && wm.refcnt > 0) {
        wm.alive = false;
        if (userCb) heap.decref(I.call(userCb, [incret(wm)], null));
      }
      return b.none();
    }));
    if (userCb) heap.incref(userCb);
    const wm = heap.newWeakref(meth.self, cb, (r, c) => new PyWeakMethod(r, c)) as PyWeakMethod;
    self = wm;
    wm.funcRef = heap.newWeakref(meth.func, cb);
    heap.decref(cb);
    return wm;
  });
  M(weakMethodType, '__call__', (s) => {
    const wm = s as PyWeakMethod;
    const obj = wm.referent;
    const func = wm.funcRef?.referent;
    if (!obj || !func) return b.none();
    heap.incref(obj);
    heap.incref(func);
    return heap.track(heap.register(new PyMethod(func, obj)));
  });

  // Lib/weakref.py WeakMethod.__eq__/__ne__: two live WeakMethods are equal when their objects
  // are equal and their functions the same; a dead one equals only itself.
  const weakMethodEq = (s: PyWeakMethod, o: PyWeakMethod): boolean => {
    const f = s.funcRef?.referent;
    const g = o.funcRef?.referent;
    if (!s.referent || !o.referent || !f || !g) return s === o;
    return I.eq(s.referent, o.referent) && f === g;
  };
  b.slotTypes.add(weakMethodType);
  M(weakMethodType, '__eq__', (s, [o]) => (o instanceof PyWeakMethod ? b.bool(weakMethodEq(s as PyWeakMethod, o)) : NotImplemented));
  M(weakMethodType, '__ne__', (s, [o]) => (o instanceof PyWeakMethod ? b.bool(!weakMethodEq(s as PyWeakMethod, o)) : NotImplemented));

  const wr = b.modules.get('weakref')!;
  for (const [name, t] of [['WeakValueDictionary', weakValueDictType], ['WeakKeyDictionary', weakKeyDictType], ['WeakSet', weakSetType], ['WeakMethod', weakMethodType], ['KeyedRef', keyedRefType]] as const) {
    wr.attrs.set(name, t);
  }
}
