/**
 * The object model: every value a sandbox holds is a PyObject on its Heap.
 *
 * Each object carries what CPython's object header carries and a lesson can observe:
 *
 * - `refcnt`   — ob_refcnt, counted exactly as CPython counts it: names, container slots,
 *                attributes, the instance's reference to its (heap) class, frames, and the
 *                temporary references an evaluation holds (which is why `sys.getrefcount(x)`
 *                sees one more than the bindings).
 * - `type`     — ob_type. Instances of classes defined in the sandbox own a reference to it.
 * - `addr`     — the address `id()` returns; handed out deterministically by the Heap.
 * - a GC header (`gcPrev`, `gcNext`, `gcRefs`, `gcFlags`) for objects whose type takes part
 *   in cyclic collection ("container" types). Tracked objects sit on exactly one of the
 *   collector's intrusive doubly linked lists, as in CPython's PyGC_Head.
 * - `weakrefs` — the weak reference list (tp_weaklistoffset), in CPython's order.
 *
 * Each subclass says three things about its references, each mirroring a CPython slot:
 * - `traverse(visit)` (tp_traverse): every strong reference, in CPython's visiting order
 *   (lists and tuples visit their items last to first). The collector and
 *   `gc.get_referents` use it.
 * - `clearRefs(out)` (tp_clear): detach the references that can form cycles and hand them
 *   back for the heap to release, in CPython's order.
 * - `releaseRefs(out)` (tp_dealloc): detach every reference when the object dies and hand
 *   them back in the order CPython's deallocator drops them (list and tuple items last to
 *   first, dict entries first to last with the key before the value, instance attributes
 *   first to last, then the class).
 *
 * Handing references back instead of dropping them lets the Heap release them with an
 * explicit work stack: freeing a million-deep chain never recurses in JavaScript.
 */

import { SPLIT_INTERNED_CHARS, STARTUP_INTERNED } from './baselines.js';
import type { Hash } from './hashing.js';
import { registerSideTable } from './snapshot/tables.js';

/** Flags in `gcFlags`. */
export const GC_TRACKED = 1;
/** PEP 442: the object's finalizer has run (it never runs twice). */
export const GC_FINALIZED = 2;
/** The object belongs to the generation(s) being collected (PREV_MASK_COLLECTING). */
export const GC_COLLECTING = 4;
/* 8 is free: the collector marks a tentatively unreachable object in gc_refs (collector.ts). */
/**
 * Shared: an object every sandbox shares (None, True, False, Ellipsis, NotImplemented, the
 * small ints, the empty tuple/str/bytes, the one-character latin-1 strs, the strs CPython
 * interned at start-up, builtin types), or
 * a per-sandbox builtin (builtin functions, modules) whose count is not modelled. Nothing is
 * immortal in 3.11: a shared object is counted *per heap*, in Heap.sharedCounts at the slot
 * kept in the bits of gcFlags from SHARED_SHIFT up (see makeShared). Slot 0 is the sink of
 * the builtins that are not counted. Its `refcnt` field is unused.
 */
export const SHARED = 16;
/** The object has weak references: its list sits in `weakrefLists` (see PyObject.weakrefs). */
export const HAS_WEAKREFS = 32;
/** A list whose ob_item is NULL (see PyList.noArray). */
export const LIST_NO_ARRAY = 64;
/** Where a shared object's slot sits in gcFlags (below it: the flags above). */
export const SHARED_SHIFT = 8;

export type Visit = (o: PyObject) => void;

/** The first address a heap hands out (addresses look like CPython's 64-bit heap addresses). */
export const HEAP_ADDR_BASE = 0x7f3a00000000;

/** Addresses outside the heap's range (fixed ones of the shared singletons), by object. */
const fixedAddrs = new WeakMap<PyObject, number>();

/**
 * The weak reference lists of the objects that have one (HAS_WEAKREFS). Few objects ever
 * have a weakref, so the list is not a field every object pays 8 bytes for.
 */
const weakrefLists = new WeakMap<PyObject, PyWeakref[]>();
registerSideTable('objects:fixedAddrs', fixedAddrs, (o) => o instanceof PyObject && o.getAddrSlot() === -1);
registerSideTable('objects:weakrefLists', weakrefLists, (o) => o instanceof PyObject && (o.gcFlags & HAS_WEAKREFS) !== 0);

/** Base of every object on a sandbox heap. */
export abstract class PyObject {
  refcnt = 1;
  /**
   * The address, stored as a small integer so that it costs no number box per object (a
   * million ints are a million objects): 0 is "no address yet", n > 0 is the heap address
   * HEAP_ADDR_BASE + 16 (n - 1), and -1 means an address kept in `fixedAddrs`.
   */
  private addrSlot = 0;
  /** The address `id()` returns; handed out deterministically by the Heap. */
  get addr(): number {
    const n = this.addrSlot;
    if (n > 0) return HEAP_ADDR_BASE + 16 * (n - 1);
    return n === 0 ? 0 : fixedAddrs.get(this)!;
  }
  /** Give the object heap address HEAP_ADDR_BASE + 16 (slot - 1) (the Heap's fast path). */
  setAddrSlot(slot: number): void {
    this.addrSlot = slot;
  }
  /** The address as its slot: n > 0 for a heap address, 0 for none, -1 for a fixed one. */
  getAddrSlot(): number {
    return this.addrSlot;
  }
  set addr(a: number) {
    const off = a - HEAP_ADDR_BASE;
    if (off >= 0 && off % 16 === 0) {
      const n = off / 16 + 1;
      // `| 0` keeps the slot a small integer (a division's result would be a boxed double).
      this.addrSlot = n <= 0x7fffffff ? n | 0 : n;
    } else if (a === 0) {
      this.addrSlot = 0;
    } else {
      this.addrSlot = -1;
      fixedAddrs.set(this, a);
    }
  }
  gcFlags = 0;
  gcRefs = 0;
  gcPrev: PyObject | null = null;
  gcNext: PyObject | null = null;
  /**
   * Weak references to this object, in CPython's list order (see PyWeakref). Always null
   * on an immortal object: those may be shared by sandboxes, and each heap keeps the
   * weakrefs to them itself (Heap.weakrefsOf). Kept in `weakrefLists`, flagged by
   * HAS_WEAKREFS; setting null (or a list) updates both.
   */
  get weakrefs(): PyWeakref[] | null {
    return this.gcFlags & HAS_WEAKREFS ? weakrefLists.get(this)! : null;
  }
  set weakrefs(list: PyWeakref[] | null) {
    if (list) {
      weakrefLists.set(this, list);
      this.gcFlags |= HAS_WEAKREFS;
    } else if (this.gcFlags & HAS_WEAKREFS) {
      weakrefLists.delete(this);
      this.gcFlags &= ~HAS_WEAKREFS;
    }
  }
  /**
   * The simulated bytes the heap accounts this object for: its `sys.getsizeof` when it was
   * registered, kept up to date as a container grows or shrinks (Heap.register/resized).
   */
  simBytes = 0;

  constructor(public type: PyType) {}

  /** tp_traverse: visit every strong reference in CPython's order. */
  traverse(_visit: Visit): void {}
  /** tp_clear: detach cycle-forming references, pushing them to `out` in release order. */
  clearRefs(_out: PyObject[]): void {}
  /** tp_dealloc: detach every reference, pushing them to `out` in release order. */
  releaseRefs(out: PyObject[]): void {
    this.clearRefs(out);
  }
  /**
   * Whether a builtin tp_finalize has work to do before this object dies (a suspended
   * generator must be closed). Classes' __del__ is looked up on the type instead.
   */
  needsBuiltinFinalize(): boolean {
    return false;
  }
  /** sys.getsizeof for kinds whose size depends on more than their layout (generators). */
  sizeofHint(): number | undefined {
    return undefined;
  }
  /** Whether the object is one of the tracked-by-GC kinds right now. */
  get isTracked(): boolean {
    return (this.gcFlags & GC_TRACKED) !== 0;
  }
}

/** Sentinel node heading an intrusive GC list; never a real object. */
export class GcHead extends PyObject {
  constructor() {
    super(undefined as unknown as PyType);
    this.gcPrev = this;
    this.gcNext = this;
  }
}

// ---------------------------------------------------------------- shared objects

/**
 * The size a heap's count table starts at: every shared object made when modules load fits.
 * The start-up strs (made on first use) take slots after them; a heap's table grows to
 * cover one when it first counts it (Heap.incref).
 */
export const MAX_SHARED = 1024;
/** How many shared objects there can be at all (slots must fit gcFlags' bits). */
const SHARED_SLOTS_LIMIT = 1 << 20;

/** The shared objects by slot, and each one's key in the baseline table (baselines.ts). */
export const sharedObjects: (PyObject | null)[] = [null];
export const sharedKeys: string[] = [''];

/**
 * Make `o` a shared object: it gets the next slot of the per-heap count tables and a key
 * naming it in the recorded baselines. Shared objects are made when modules load, before
 * any heap exists, so every heap's table covers them all.
 */
export function makeShared<T extends PyObject>(o: T, key: string, addr?: number): T {
  // Past the limit an object is still shared, but not counted (slot 0).
  const slot = sharedObjects.length < SHARED_SLOTS_LIMIT ? sharedObjects.length : 0;
  if (slot !== 0) {
    sharedObjects.push(o);
    sharedKeys.push(key);
  }
  o.gcFlags |= SHARED | (slot << SHARED_SHIFT);
  if (addr !== undefined) o.addr = addr;
  return o;
}

/**
 * Freeze a process-wide singleton: no sandbox may leave anything on it (its counts and its
 * weakrefs live in each heap). Typed as itself, not Readonly, so it still is a PyObject.
 */
export function frozen<T extends PyObject>(o: T): T {
  Object.freeze(o);
  return o;
}

/**
 * A name for a shared object that is the same in every process (a snapshot names shared
 * objects so: snapshot/codec.ts): slots differ from process to process, keys do not. Two
 * objects share a key now and then (an iterator type named like a builtin type); the
 * n-th made of them is `key#n` — stable, because at most one of them is made lazily, after
 * the ones made when modules load.
 */
export function sharedNameOf(o: PyObject): string | undefined {
  const slot = sharedSlot(o);
  if (slot <= 0) return undefined;
  const key = sharedKeys[slot]!;
  let n = 0;
  for (const s of sameKey(key)) {
    if (s === slot) return n === 0 ? key : `${key}#${n}`;
    n++;
  }
  return key;
}

/** The shared object a {@link sharedNameOf} name names in this process (making a start-up str now if needed). */
export function sharedObjectByName(name: string): PyObject | undefined {
  if (name.startsWith(STARTUP_KEY)) return startupStr(name.slice(STARTUP_KEY.length));
  if (name.startsWith(STATIC_KEY)) return compilerStaticStr(name.slice(STATIC_KEY.length));
  const hash = name.lastIndexOf('#');
  const key = hash > 0 ? name.slice(0, hash) : name;
  const n = hash > 0 ? Number(name.slice(hash + 1)) : 0;
  const slot = sameKey(key)[n];
  return slot === undefined ? undefined : sharedObjects[slot] ?? undefined;
}

/** The slots of the shared objects keyed `key`, in slot order (cached; rebuilt when objects are made). */
function sameKey(key: string): number[] {
  if (!slotsByKey || slotsByKeySize !== sharedKeys.length) {
    slotsByKey = new Map();
    for (let i = 1; i < sharedKeys.length; i++) {
      const list = slotsByKey.get(sharedKeys[i]!);
      if (list) list.push(i);
      else slotsByKey.set(sharedKeys[i]!, [i]);
    }
    slotsByKeySize = sharedKeys.length;
  }
  return slotsByKey.get(key) ?? [];
}
let slotsByKey: Map<string, number[]> | null = null;
let slotsByKeySize = 0;

/** A shared object's slot in the per-heap count tables (0: not counted). */
export function sharedSlot(o: PyObject): number {
  return o.gcFlags >>> SHARED_SHIFT;
}

/** What kind of instance memory a type lays out (its C struct, in CPython terms). */
export type Layout =
  | 'object' | 'none' | 'bool' | 'int' | 'float' | 'str' | 'bytes' | 'tuple' | 'list'
  | 'dict' | 'set' | 'frozenset' | 'type' | 'weakref' | 'function' | 'builtin' | 'method'
  | 'cell' | 'generator' | 'module' | 'code' | 'range' | 'iterator' | 'exception'
  | 'slice' | 'ellipsis' | 'notimplemented' | 'property' | 'staticmethod' | 'classmethod'
  | 'finalize' | 'frame' | 'super' | 'other';

/** Layouts whose objects are containers the collector knows about (Py_TPFLAGS_HAVE_GC). */
const GC_LAYOUTS = new Set<Layout>([
  'object', 'tuple', 'list', 'dict', 'set', 'frozenset', 'type', 'weakref', 'function',
  'method', 'cell', 'generator', 'module', 'iterator', 'exception', 'property',
  'staticmethod', 'classmethod', 'finalize', 'frame', 'super',
]);

/** Layouts that use CPython's trashcan to bound deallocation depth. */
const TRASHCAN_LAYOUTS = new Set<Layout>(['object', 'tuple', 'list', 'dict', 'set', 'frozenset', 'exception']);

/** One sandbox's methods of the builtin types, by type (Builtins.methods). */
export interface NativeTables {
  get(t: PyType): ReadonlyMap<string, PyObject> | undefined;
}

/**
 * A type object. Builtin types are singletons shared by every sandbox (counted per heap,
 * see SHARED); classes defined in a sandbox are heap types: tracked,
 * refcounted, owned by one heap, referenced by each of their instances.
 */
export class PyType extends PyObject {
  readonly isGc: boolean;
  readonly usesTrashcan: boolean;
  /** The class namespace (`__dict__`); a real dict on the heap for heap types. */
  dict: PyDict | null = null;
  /** `__bases__` and `__mro__` as heap tuples (heap types only). */
  basesTuple: PyTuple | null = null;
  mroTuple: PyTuple | null = null;
  /** The method resolution order, self first (kept as a plain array for lookups). */
  mro: PyType[];
  /** Objects the type owns besides dict/mro/bases (e.g. the __dict__/__weakref__ descriptors). */
  extras: PyObject[] = [];
  /**
   * The callback-less weakref to this class that its base keeps in `tp_subclasses` (what
   * `__subclasses__()` reads). `weakref.ref(C)` reuses it, so CPython's getrefcount of such
   * a ref sees the registry's reference too. Released when the class is deallocated.
   */
  subclassRef: PyObject | null = null;
  /**
   * tp_subclasses: the subclassRef of each class made with this one as its base, in
   * creation order (borrowed; an entry whose class died reads as a dead weakref).
   */
  subclassRefs: PyWeakref[] = [];
  /** A class defining __eq__ without __hash__ has instances that cannot be dict keys. */
  unhashable = false;
  /**
   * How instances hash and compare as dict/set keys (containers.ts `keyProtocol`), cached:
   * valid while `keyProtoEpoch` equals `typeEpoch.value`.
   */
  keyProto = 0;
  keyProtoEpoch = -1;
  /**
   * A `__getattribute__` a heap class of its MRO defines (interpreter.ts `userGetattribute`),
   * cached like keyProto: valid while `getattributeEpoch` equals `typeEpoch.value`.
   */
  getattributeHook: PyObject | null = null;
  getattributeEpoch = -1;
  /**
   * The attribute names its instances share (CPython 3.11's cached keys), in the order
   * the class first saw them; at most SHARED_KEYS_MAX instances keep values inline.
   */
  readonly sharedKeys: string[] = [];
  readonly sharedIndex = new Map<string, number>();
  /**
   * dk_usable of the shared keys: starts at 30 (SHARED_KEYS_MAX_SIZE), shrinks by one
   * with each new instance (down to 1) and with each new key. While it lasts, new names
   * join the shared keys; `sys.getsizeof(obj.__dict__)` is 64 + 8 × (keys + usable).
   */
  sharedUsable = 30;
  /**
   * Instance layout of a heap class (see slots.ts): its `__slots__` members, inherited ones
   * first (each class's own sorted by name, as type_new sorts them), and whether instances
   * have a `__dict__` and a `__weakref__` — a class without `__slots__` has both.
   */
  slotNames: string[] = [];
  instHasDict = true;
  instHasWeakref = true;

  constructor(
    metatype: PyType | null,
    public name: string,
    public layout: Layout,
    public base: PyType | null,
    public readonly isHeapType = false,
    public module = 'builtins',
  ) {
    super(metatype as PyType);
    if (metatype === null) this.type = this; // `type` is its own type
    // type_new_alloc: every heap type has Py_TPFLAGS_HAVE_GC (`class I(int)` instances too).
    this.isGc = GC_LAYOUTS.has(layout) || isHeapType;
    this.usesTrashcan = TRASHCAN_LAYOUTS.has(layout);
    this.mro = [this];
    for (let b = base; b; b = b.base) this.mro.push(b);
    if (!isHeapType) {
      makeShared(this, 'type:' + name);
      builtinTypes.push(this);
    }
  }

  /** ht_qualname of a heap class when it differs from its name (a nested class: `A.B`). */
  heapQualname: string | null = null;

  get qualname(): string {
    return this.heapQualname ?? this.name;
  }

  /**
   * Look a name up along the MRO: the class dicts of heap types and, for builtin types,
   * the methods in `natives` — the calling sandbox's own tables (Builtins.methods). A
   * builtin type is shared by every sandbox in the process and holds no methods itself:
   * a method is a native bound to one sandbox's heap. `natives` null: class dicts only
   * (what the JSON ops path sees: members, __del__).
   */
  lookup(name: string, natives: NativeTables | null): PyObject | undefined {
    for (const t of this.mro) {
      if (t.dict) {
        const v = t.dict.getStr(name);
        if (v !== undefined) return v;
      }
      const n = natives?.get(t)?.get(name);
      if (n !== undefined) return n;
    }
    return undefined;
  }

  isSubtypeOf(other: PyType): boolean {
    return this.mro.includes(other);
  }

  override traverse(visit: Visit): void {
    if (this.dict) visit(this.dict);
    if (this.mroTuple) visit(this.mroTuple);
    if (this.basesTuple) visit(this.basesTuple);
    if (this.base && this.isHeapType) visit(this.base);
    for (const e of this.extras) visit(e);
  }

  override clearRefs(out: PyObject[]): void {
    // type_clear drops the dict and mro (the cycle through __mro__ holding the class).
    if (this.dict) out.push(this.dict);
    if (this.mroTuple) out.push(this.mroTuple);
    this.dict = null;
    this.mroTuple = null;
  }

  override releaseRefs(out: PyObject[]): void {
    // type_dealloc: remove_all_subclasses drops the registry's weakref first.
    if (this.subclassRef) out.push(this.subclassRef);
    this.subclassRef = null;
    this.clearRefs(out);
    if (this.basesTuple) out.push(this.basesTuple);
    this.basesTuple = null;
    if (this.base && this.isHeapType) out.push(this.base);
    for (const e of this.extras) out.push(e);
    this.extras = [];
  }
}

/**
 * Every builtin (non-heap) type, in creation order. They are made once per process (at
 * module load, or on first use as iterator types are), never per sandbox.
 */
const builtinTypes: PyType[] = [];
let sealedTypes = 0;

/**
 * Freeze the builtin types made so far. A builtin type is shared by every sandbox in the
 * process, so nothing about it may change once sandboxes exist: a sandbox's methods of
 * `list` live in its own Builtins, weakrefs to `list` in its own heap (issue 8). Frozen,
 * a write that would carry one sandbox's state to another throws instead. Each sandbox's
 * installBuiltins calls this; a type first made after the last call is sealed by the next.
 */
export function sealBuiltinTypes(): void {
  for (; sealedTypes < builtinTypes.length; sealedTypes++) {
    const t = builtinTypes[sealedTypes]!;
    for (const a of [t.mro, t.extras, t.subclassRefs, t.sharedKeys, t.slotNames]) Object.freeze(a);
    Object.freeze(t);
  }
}

/** `object` and `type`, the roots of the type hierarchy. */
export const typeType = new PyType(null, 'type', 'type', null);
export const objectType = new PyType(typeType, 'object', 'object', null);
(typeType as { base: PyType | null }).base = objectType;
typeType.mro.push(objectType);

function builtinType(name: string, layout: Layout, base: PyType = objectType): PyType {
  return new PyType(typeType, name, layout, base);
}

export const noneType = builtinType('NoneType', 'none');
export const intType = builtinType('int', 'int');
export const boolType = builtinType('bool', 'bool', intType);
export const floatType = builtinType('float', 'float');
export const strType = builtinType('str', 'str');
export const bytesType = builtinType('bytes', 'bytes');
export const tupleType = builtinType('tuple', 'tuple');
export const listType = builtinType('list', 'list');
export const dictType = builtinType('dict', 'dict');
export const setType = builtinType('set', 'set');
export const frozensetType = builtinType('frozenset', 'frozenset');
export const weakrefType = builtinType('weakref', 'weakref');
export const ellipsisType = builtinType('ellipsis', 'ellipsis');
export const notImplementedType = builtinType('NotImplementedType', 'notimplemented');

/** The singletons every sandbox shares. */
export class PyNone extends PyObject {}
export class PyBool extends PyObject {
  constructor(readonly value: boolean) {
    super(boolType);
  }
}
export class PyEllipsis extends PyObject {}
export class PyNotImplemented extends PyObject {}

// Fixed addresses for the singletons, in the range where CPython's static objects live.
export const None = frozen(makeShared(new PyNone(noneType), 'None', 0x55d0c0a1e0e0));
export const True = frozen(makeShared(new PyBool(true), 'True', 0x55d0c0a1d3a0));
export const False = frozen(makeShared(new PyBool(false), 'False', 0x55d0c0a1d3c0));
export const Ellipsis = frozen(makeShared(new PyEllipsis(ellipsisType), 'Ellipsis', 0x55d0c0a1e0c0));
export const NotImplemented = frozen(makeShared(new PyNotImplemented(notImplementedType), 'NotImplemented', 0x55d0c0a1e0a0));

/** int: arbitrary size. Safe integers are JS numbers; larger magnitudes are bigints. */
export class PyInt extends PyObject {
  constructor(readonly value: number | bigint) {
    super(intType);
  }
}
export class PyFloat extends PyObject {
  constructor(readonly value: number) {
    super(floatType);
  }
}
export class PyStr extends PyObject {
  /** Its key in dict and set tables ('s' + value: containers.ts keyId), made on first use and kept (the value never changes). */
  kid: string | undefined = undefined;
  constructor(readonly value: string) {
    super(strType);
  }
}
export class PyBytes extends PyObject {
  constructor(readonly value: Uint8Array) {
    super(bytesType);
  }
}

/** CPython caches the ints -5..256; every sandbox shares them (counted per heap). */
const SMALL_INTS: PyInt[] = [];
for (let i = -5; i <= 256; i++) SMALL_INTS.push(frozen(makeShared(new PyInt(i), `int:${i}`, 0x55d0c0a20000 + (i + 5) * 32)));
/** The shared small int for `v` (borrowed: the caller increfs what it keeps), if cached. */
export function smallInt(v: number): PyInt | undefined {
  return v >= -5 && v <= 256 && Number.isInteger(v) ? SMALL_INTS[v + 5] : undefined;
}

/** CPython's cached strs: the empty str and the 256 one-character latin-1 strs. */
export const EMPTY_STR = makeShared(new PyStr(''), 'str:empty', 0x55d0c0a19b00);
const LATIN1: PyStr[] = [];
for (let c = 0; c < 256; c++) LATIN1.push(makeShared(new PyStr(String.fromCharCode(c)), `str:${c}`, 0x55d0c0a3a000 + c * 64));
/** The shared str for `s` when CPython caches it ('' and one latin-1 character; borrowed). */
export function sharedStr(s: string): PyStr | undefined {
  if (s.length === 0) return EMPTY_STR;
  if (s.length === 1) return LATIN1[s.charCodeAt(0)];
  return undefined;
}

/**
 * For some characters (single-letter names the standard library interned first) CPython's
 * interned one-character str — what a literal, a name or sys.intern gives — is another
 * object than the latin-1 cache's (what chr() and indexing give). Recorded from CPython.
 */
const INTERNED_CHARS = new Map<number, PyStr>();
for (const c of SPLIT_INTERNED_CHARS) {
  INTERNED_CHARS.set(c, makeShared(new PyStr(String.fromCharCode(c)), `istr:${c}`, 0x55d0c0a7a000 + c * 64));
}

/**
 * The shared str interning `s` gives (borrowed), if CPython had it before the program ran:
 * '' and one latin-1 character, or a str of name characters CPython interned at start-up
 * (startupStr). The one owner of "which interned str is CPython's": literals, names and
 * sys.intern all ask here.
 */
export function internedSharedStr(s: string): PyStr | undefined {
  if (s.length === 1) {
    const i = INTERNED_CHARS.get(s.charCodeAt(0));
    if (i) return i;
  }
  return s.length > 1 ? startupStr(s) : sharedStr(s);
}

/**
 * The shared str a string *literal* `s` compiles to, if any: CPython's compiler interns only
 * literals of name characters (all_name_chars), so a literal like '.0' is a new str even
 * though the name '.0' is interned at start-up.
 */
export function literalSharedStr(s: string): PyStr | undefined {
  return s.length <= 1 || /^[A-Za-z0-9_]+$/.test(s) ? internedSharedStr(s) : undefined;
}

/**
 * The strs CPython 3.11 has interned before a program runs under the oracle (identifiers of
 * the start-up modules, the static `_Py_ID` strings, deep-frozen code constants): baselines.ts's
 * STARTUP_INTERNED, `str=baseline` items. Decoded on first use into value -> index, and the
 * baselines by index. Each str is a shared object made on first use (most programs meet a
 * few dozen of the thousands), with an address fixed by its index: the same in every
 * sandbox and process, whatever was made before.
 */
let startupIndex: Map<string, number> | null = null;
let startupBaselines: number[] = [];
const startupObjects: (PyStr | undefined)[] = [];
/** Where the start-up strs sit (a range no other shared object or native uses). */
const STARTUP_STR_BASE = 0x55d0c1000000;
const STARTUP_STR_STRIDE = 0x80;
/** The key naming a start-up str in the shared tables (refcounts.ts reads its baseline). */
const STARTUP_KEY = 'interned:';

function decodeStartup(): Map<string, number> {
  const index = new Map<string, number>();
  const baselines: number[] = [];
  for (const item of STARTUP_INTERNED.split(/\s+/)) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    index.set(item.slice(0, eq), baselines.length);
    baselines.push(Number(item.slice(eq + 1)));
  }
  startupBaselines = baselines;
  return index;
}

/** The shared object for a start-up-interned str `s` (made on first use), else undefined. */
function startupStr(s: string): PyStr | undefined {
  startupIndex ??= decodeStartup();
  const i = startupIndex.get(s);
  if (i === undefined) return undefined;
  return startupObjects[i] ??= makeShared(new PyStr(s), STARTUP_KEY + s, STARTUP_STR_BASE + i * STARTUP_STR_STRIDE);
}

/** The recorded baseline of a start-up str by its shared key ('interned:<str>'), if it is one. */
export function startupStrBaseline(key: string): number | undefined {
  if (!key.startsWith(STARTUP_KEY)) return undefined;
  startupIndex ??= decodeStartup();
  const i = startupIndex.get(key.slice(STARTUP_KEY.length));
  return i === undefined ? undefined : startupBaselines[i];
}

/**
 * The names CPython's compiler gives code objects from its static strings (_Py_STR:
 * `<lambda>`, `<listcomp>`, ...): statically allocated, never interned (sys.intern of an
 * equal str gives that str), so a function's `__name__` costs nothing. Each is a shared
 * object. Its baseline is CPython's count under the oracle less the holders a sandbox
 * models — the argument and the function's `__name__` and `__qualname__` — so it keeps
 * the code object's co_name and co_qualname, which a sandbox does not model:
 * `sys.getrefcount(f.__name__)` of a lambda is 1000000018; inside a list, set or dict
 * comprehension `sys._getframe().f_code.co_name` gives 1000000004 (code 2, function 2,
 * argument 1: base 999999999); a generator expression's `g.__name__` 1000000006 (code 2,
 * the generator's gi_name and gi_qualname 2, argument 1: base 1000000001).
 */
const STATIC_NAME_BASELINES: ReadonlyMap<string, number> = new Map([
  ['<lambda>', 1000000015], ['<listcomp>', 1000000001], ['<setcomp>', 1000000001],
  ['<dictcomp>', 1000000001], ['<genexpr>', 1000000003],
]);
const staticNames = new Map<string, PyStr>();
/** Where the static strs sit: by their place in STATIC_NAME_BASELINES, whichever a process makes first. */
const STATIC_ADDR_BASE = 0x55d0c0a7f000;
const STATIC_ORDER = [...STATIC_NAME_BASELINES.keys()];
/** The compiler's static str for a code object's name `s`, if it is one. */
export function compilerStaticStr(s: string): PyStr | undefined {
  if (!STATIC_NAME_BASELINES.has(s)) return undefined;
  let o = staticNames.get(s);
  if (!o) {
    o = makeShared(new PyStr(s), STATIC_KEY + s, STATIC_ADDR_BASE + 0x60 * STATIC_ORDER.indexOf(s));
    staticNames.set(s, o);
  }
  return o;
}
const STATIC_KEY = 'static:';
/** The baseline of a compiler static str by its shared key, if it is one. */
export function staticStrBaseline(key: string): number | undefined {
  return key.startsWith(STATIC_KEY) ? STATIC_NAME_BASELINES.get(key.slice(STATIC_KEY.length)) : undefined;
}

/** CPython's cached empty bytes. */
export const EMPTY_BYTES = makeShared(new PyBytes(new Uint8Array(0)), 'bytes:empty', 0x55d0c0a19a80);

/** What a dead list or tuple points at (frozen: a dead object is never mutated). */
const EMPTY_ITEMS: PyObject[] = Object.freeze([]) as unknown as PyObject[];

export class PyTuple extends PyObject {
  constructor(public items: PyObject[]) {
    super(tupleType);
  }
  override traverse(visit: Visit): void {
    const it = this.items;
    for (let i = it.length - 1; i >= 0; i--) visit(it[i]!);
  }
  // tuples have no tp_clear: their items can only be released by deallocation.
  override releaseRefs(out: PyObject[]): void {
    const it = this.items;
    for (let i = it.length - 1; i >= 0; i--) out.push(it[i]!);
    this.items = EMPTY_ITEMS;
  }
}

/** CPython's one empty tuple (untracked, shared by every sandbox). */
export const EMPTY_TUPLE = makeShared(new PyTuple([]), 'tuple:empty', 0x55d0c0a19a40);

export class PyList extends PyObject {
  /** ob_alloc: the over-allocated capacity `sys.getsizeof` reports (see sizes.ts). */
  allocated: number;
  /**
   * ob_item is NULL: no item array at all (PyList_New(0), or after _list_clear). Not the same
   * as `allocated === 0`: list_resize(0) keeps a zero-sized array, and list_extend
   * preallocates exactly only when there is no array. A flag bit (LIST_NO_ARRAY), not a field.
   */
  get noArray(): boolean {
    return (this.gcFlags & LIST_NO_ARRAY) !== 0;
  }
  set noArray(none: boolean) {
    if (none) this.gcFlags |= LIST_NO_ARRAY;
    else this.gcFlags &= ~LIST_NO_ARRAY;
  }
  constructor(public items: PyObject[], type: PyType = listType) {
    super(type);
    this.allocated = items.length;
    this.noArray = items.length === 0;
  }
  override traverse(visit: Visit): void {
    const it = this.items;
    for (let i = it.length - 1; i >= 0; i--) visit(it[i]!);
  }
  override clearRefs(out: PyObject[]): void {
    // _list_clear: the list is empty before its items are released. (Popped, last to first:
    // setting `length` is a call into V8's runtime, a pop is not.)
    const it = this.items;
    while (it.length > 0) out.push(it.pop()!);
    this.allocated = 0;
    this.noArray = true;
  }
  override releaseRefs(out: PyObject[]): void {
    const it = this.items;
    for (let i = it.length - 1; i >= 0; i--) out.push(it[i]!);
    this.items = EMPTY_ITEMS;
  }
}

/**
 * Bumped whenever a heap class's attributes change (attributes.ts): the per-type caches
 * derived from class dicts (`PyType.keyProto`) are then recomputed on next use.
 */
export const typeEpoch = { value: 0 };

/**
 * The hash buckets of a dict or set (or weak collection) that has met a "rich" key — one
 * whose hashing or comparing runs Python code (a class's own __hash__/__eq__). Entries are
 * named by their KeyId; each entry's hash is kept as stored (CPython's me_hash: never
 * computed again), and the entries of one hash are listed in insertion order, the order
 * CPython's probing compares them in. See containers.ts `findKey`.
 */
export class KeyBuckets {
  readonly byHash = new Map<number | string, KeyId[]>();
  readonly hashOf = new Map<KeyId, Hash>();
  /** Entries whose key is rich (their KeyId is 'r' + the key's address). */
  richCount = 0;
}

/**
 * A hashable key's identity for dict and set tables: equal Python keys map to the same
 * JS primitive (1 == 1.0 == True hash and compare equal, as in Python).
 */
export type KeyId = string | number;

/** How many names strKeyOf remembers (process-wide: a program making names without end must not grow it). */
const STR_KEYS_KEPT = 4096;
const strKeys = new Map<string, string>();

/**
 * A str's key in a dict table ('s' + name), the same JS string each time for a name looked
 * up again: its hash is computed once, where a fresh concatenation is hashed per lookup.
 */
export function strKeyOf(name: string): string {
  let k = strKeys.get(name);
  if (k === undefined) {
    k = 's' + name;
    if (strKeys.size < STR_KEYS_KEPT) strKeys.set(name, k);
  }
  return k;
}

/**
 * dict: an insertion-ordered table. Entries live in `keys`/`values` arrays (holes left by
 * deletions are compacted on resize, like CPython's dk_entries); `index` maps a key's
 * identity to its entry. `keysSize` mirrors CPython's dk_size so getsizeof can follow
 * the table's growth.
 */
export class PyDict extends PyObject {
  keys: (PyObject | null)[] = [];
  values: (PyObject | null)[] = [];
  ids: (KeyId | null)[] = [];
  index = new Map<KeyId, number>();
  /** dk_log2_size of the keys table; 0 means the shared empty table of a fresh `{}`. */
  log2Size = 0;
  /** Whether every key so far is a str (CPython's compact 16-byte unicode entries). */
  unicodeKeys = true;
  /**
   * An instance's materialised `__dict__` is a split table over its class's shared keys
   * (sized by them) until a new key is added through it.
   */
  splitOwner: PyType | null = null;
  /** Hash buckets, once a rich key was stored or looked up (see KeyBuckets). */
  rich: KeyBuckets | null = null;
  constructor(type: PyType = dictType) {
    super(type);
  }
  /** Entries the current table can hold before it must grow (USABLE_FRACTION). */
  get usableTotal(): number {
    return this.log2Size === 0 ? 0 : Math.floor(((1 << this.log2Size) * 2) / 3);
  }
  get size(): number {
    return this.index.size;
  }
  getStr(name: string): PyObject | undefined {
    return this.getByKey(strKeyOf(name));
  }
  /** getStr with the key already made ('s' + name: a caller looking the same name up often keeps it). */
  getByKey(key: string): PyObject | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : (this.values[i] ?? undefined);
  }
  /**
   * getByKey trying first the entry index `hints[at]` the last lookup of this key found (in
   * this dict or another). Exact, by the table's invariant: a live entry's id maps to its
   * index (index.get(ids[i]) === i) and a deleted entry's id is null, so an entry whose id
   * is `key` is the one index.get(key) names. Any change that moves entries (a resize
   * compacting holes, a deletion) only makes the hint miss, and the hint is renewed.
   */
  getByKeyHinted(key: string, hints: Int32Array, at: number): PyObject | undefined {
    const h = hints[at]!;
    if (this.ids[h] === key) return this.values[h] ?? undefined;
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    hints[at] = i;
    return this.values[i] ?? undefined;
  }
  /** Iterate live entries in insertion order. */
  *entries(): IterableIterator<[PyObject, PyObject]> {
    for (let i = 0; i < this.keys.length; i++) {
      const k = this.keys[i];
      if (k) yield [k, this.values[i]!];
    }
  }
  override traverse(visit: Visit): void {
    // dict_traverse: str-keyed tables visit only values; general tables value, then key.
    const uni = this.unicodeKeys;
    for (let i = 0; i < this.keys.length; i++) {
      const k = this.keys[i];
      if (!k) continue;
      visit(this.values[i]!);
      if (!uni) visit(k);
    }
  }
  override clearRefs(out: PyObject[]): void {
    for (let i = 0; i < this.keys.length; i++) {
      const k = this.keys[i];
      if (!k) continue;
      out.push(k, this.values[i]!);
    }
    this.keys = [];
    this.values = [];
    this.ids = [];
    this.index.clear();
    this.rich = null;
    this.log2Size = 0;
    this.unicodeKeys = true;
  }
}

/**
 * set/frozenset: an open-addressing table in CPython's slot order. `slots` holds entries
 * by table position so iteration (and deallocation) order follows the hashes, as in
 * CPython; `index` finds a key's slot.
 */
/** A deleted set slot (CPython's `dummy` key): probing continues past it. */
export const SET_DUMMY = Symbol('dummy');
export type SetSlot = PyObject | null | typeof SET_DUMMY;

export class PySet extends PyObject {
  slots: SetSlot[] = new Array<SetSlot>(8).fill(null);
  hashes: number[] = new Array<number>(8).fill(0);
  index = new Map<KeyId, number>();
  /** Slots used including dummies (CPython's `fill`). */
  fill = 0;
  /** Hash buckets, once a rich key was stored or looked up (see KeyBuckets). */
  rich: KeyBuckets | null = null;
  constructor(type: PyType = setType) {
    super(type);
  }
  get size(): number {
    return this.index.size;
  }
  *items(): IterableIterator<PyObject> {
    for (const s of this.slots) if (s && s !== SET_DUMMY) yield s;
  }
  override traverse(visit: Visit): void {
    for (const s of this.slots) if (s && s !== SET_DUMMY) visit(s);
  }
  override clearRefs(out: PyObject[]): void {
    for (const s of this.slots) if (s && s !== SET_DUMMY) out.push(s);
    this.slots = new Array<SetSlot>(8).fill(null);
    this.hashes = new Array<number>(8).fill(0);
    this.index.clear();
    this.rich = null;
    this.fill = 0;
  }
}

/**
 * An instance of a class defined in the sandbox. Attributes live inline, in insertion
 * order (CPython 3.11's managed dict values: no separate dict object exists until
 * `__dict__` is asked for, after which `dict` holds them).
 */
export class PyInstance extends PyObject {
  /**
   * Attribute values indexed by the class's shared key order (`type.sharedKeys`); a hole
   * is an attribute this instance doesn't have. CPython 3.11 keeps instance attributes
   * this way (a values array over keys shared by all instances of the class), so they are
   * visited and freed in the order the *class* first saw each name.
   */
  values: (PyObject | null)[] = [];
  /** The materialised `__dict__`, once a program asked for it (or the keys overflowed). */
  dict: PyDict | null = null;
  /** Native payload for instances of builtin subclasses (e.g. an exception's args). */
  payload: PyObject[] = [];
  constructor(type: PyType) {
    super(type);
    // init_inline_values: each new instance shrinks the class's shared keys by one.
    if (type.isHeapType && type.sharedUsable > 1) type.sharedUsable--;
  }
  getAttr(name: string): PyObject | undefined {
    if (this.dict) return this.dict.getStr(name);
    const i = this.type.sharedIndex.get(name);
    return i === undefined ? undefined : (this.values[i] ?? undefined);
  }
  /** The instance's attribute names, in shared-key order. */
  get attrNames(): string[] {
    const keys = this.type.sharedKeys;
    const out: string[] = [];
    this.values.forEach((v, i) => {
      if (v) out.push(keys[i]!);
    });
    return out;
  }
  /** The instance's attribute values, in shared-key order. */
  get attrValues(): PyObject[] {
    return this.values.filter((v): v is PyObject => v !== null);
  }
  override traverse(visit: Visit): void {
    for (const p of this.payload) visit(p);
    if (this.dict) visit(this.dict);
    else for (const v of this.values) if (v) visit(v);
    if (this.type.isHeapType) visit(this.type);
  }
  override clearRefs(out: PyObject[]): void {
    for (const p of this.payload) out.push(p);
    this.payload = [];
    if (this.dict) out.push(this.dict);
    else for (const v of this.values) if (v) out.push(v);
    this.dict = null;
    this.values = [];
  }
  override releaseRefs(out: PyObject[]): void {
    this.clearRefs(out);
    if (this.type.isHeapType) out.push(this.type);
  }
}

/**
 * weakref.ref. Holds its referent weakly (not counted, not traversed) and its callback
 * strongly. CPython keeps one callback-less ref per object and reuses it; refs with a
 * callback are inserted right after it (so the newest callback runs first).
 */
export class PyWeakref extends PyObject {
  /** weakref.proxy objects: never handed out by weakref.ref(o); listed after the basic ref. */
  get isProxy(): boolean {
    return false;
  }
  constructor(
    public referent: PyObject | null,
    public callback: PyObject | null,
  ) {
    super(weakrefType);
  }
  override traverse(visit: Visit): void {
    if (this.callback) visit(this.callback);
  }
  override clearRefs(out: PyObject[]): void {
    if (this.callback) out.push(this.callback);
    this.callback = null;
  }
}

/** A native (JavaScript-implemented) callable such as `len` or a finalizer declared by ops. */
export type NativeImpl = (args: PyObject[], kwargs: Map<string, PyObject> | null) => PyObject;
export const builtinFunctionType = builtinType('builtin_function_or_method', 'builtin');
export class PyNative extends PyObject {
  /**
   * A builtin type's method (Builtins.method): its implementation taking `self` apart from
   * the other arguments, so a caller holding them apart (LOAD_METHOD then CALL) need not
   * join them for `impl` to split them again. `impl(args, kw)` is `method(args[0], args.slice(1), kw)`.
   */
  method: ((self: PyObject, args: PyObject[], kw: Map<string, PyObject> | null) => PyObject) | null = null;
  constructor(
    public name: string,
    public impl: NativeImpl,
    /** For bound natives (`lst.append`), the object the method is bound to. */
    public self: PyObject | null = null,
  ) {
    super(builtinFunctionType);
  }
  override traverse(visit: Visit): void {
    if (this.self) visit(this.self);
  }
  override clearRefs(out: PyObject[]): void {
    if (this.self) out.push(this.self);
    this.self = null;
  }
}

/** True for the shared objects (counted per heap, not in their own `refcnt`). */
export function isImmortal(o: PyObject): boolean {
  return (o.gcFlags & SHARED) !== 0;
}

/** The name `type(o).__name__` gives. */
export function typeName(o: PyObject): string {
  return o.type.name;
}
