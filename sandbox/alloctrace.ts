/**
 * Allocation tracing: the memory blocks CPython's `tracemalloc` would see for the objects
 * of one heap, attributed to the Python line that allocated them.
 *
 * tracemalloc hooks CPython's allocators: every block requested through PyObject_Malloc /
 * PyMem_Malloc while tracing is on gets a trace (its requested size and the innermost
 * Python frame's file and line); a realloc drops the old trace and adds one at the current
 * line; a free drops it. The sandbox has no allocator, so it derives the blocks from the
 * objects it registers, with CPython 3.11's layout (64-bit):
 *
 * - one object block: sys.getsizeof's size for most kinds (GC header and 3.11's managed
 *   dict pre-header included), but a one-digit int asks for 32 bytes (see intBlockSize);
 * - a separate, resizable items block for containers: a list's item array (8 x allocated),
 *   a dict's keys table (what getsizeof adds over 64; none for the shared empty table or a
 *   split instance dict), a set's table once it outgrows the 8 inline slots (16 x slots);
 * - an instance of a class: the object (56) plus its inline values array, sized when the
 *   instance is made: round8(n + 2) + 8 x n, n = the class's shared keys + their room.
 *
 * Free lists. CPython keeps freed list, dict, float and small tuple objects (and dict
 * keys tables of 8 str-keyed slots) for reuse: a freed one keeps its memory — and its
 * trace, still attributed to the line that first allocated it — and the next allocation of
 * that kind takes it without asking the allocator, so nothing new is traced; an object (not
 * a keys table) taken so is given the current traceback by _Py_NewReference, so a block
 * still traced moves to the line reusing it. A collection of the oldest generation empties
 * every free list (clear_freelists). The sandbox
 * models these lists with their CPython limits (80 lists, 80 dicts, 80 keys tables, 100
 * floats, 2000 tuples of each length 1-19). How full they are when a program starts
 * depends on what the interpreter did while starting up, which no lesson controls: the
 * sandbox starts them from the occupancy a fresh CPython 3.11.7 shows under the oracle
 * (STARTUP_FREE below, measured by allocating past each list and counting traced blocks).
 *
 * Blocks CPython's own code allocates on the program's behalf, which the engine has no
 * objects for, come in through `holdAt`/`holdListAt` (held by an object: a tracemalloc
 * snapshot's Python objects), `transient`/`release` and `newListObject` (sys.stdout's
 * pending writes), and `inLibrary` (attributed to a library's line, not the program's).
 *
 * What is not modelled (documented in README): the interpreter's own blocks (frames, code
 * and type internals), so totals differ from CPython's by those; sizes of kinds the engine
 * does not lay out byte for byte (functions, classes, iterators) use their getsizeof.
 */
import {
  PyBytes, PyDict, PyFloat, PyInstance, PyInt, PyList, PyObject, PySet, PyStr, PyTuple,
  dictType, floatType, listType, tupleType,
} from './objects.js';
import { bitLength, dictSize, getsizeof, intSize, strDataBytes, strSize } from './sizes.js';
import { isBuiltinSub, managedDictPreHeader, subclassExtraBytes } from './builtin-subclass.js';

/**
 * One line's traced blocks, kept summed as blocks come and go: a snapshot copies these
 * (one per line) instead of walking every block.
 */
export interface Site {
  file: string;
  line: number;
  size: number;
  count: number;
}

/** One traced block: its size and the line it is attributed to (null once dropped). */
export interface Trace {
  size: number;
  site: Site | null;
}

/** The traces an object owns (any may be null: allocated while not tracing, or none). */
interface Blocks {
  obj: Trace | null;
  /** The resizable items block, and the size it was last traced at. */
  buf: Trace | null;
  bufSize: number;
  /** An instance's inline values array (fixed at creation). */
  values: Trace | null;
}

/** Free-list limits of CPython 3.11 (listobject.c, dictobject.c, floatobject.c, tupleobject.c). */
const LIST_MAXFREELIST = 80;
const DICT_MAXFREELIST = 80;
const FLOAT_MAXFREELIST = 100;
const TUPLE_MAXSAVESIZE = 20;
const TUPLE_MAXFREELIST = 2000;

/** Entries CPython's `__main__` namespace has before the program's first name. */
const MODULE_DICT_ENTRIES = 6;

/** The size of an 8-slot str-keyed dict keys table (the only size CPython keeps free). */
const SMALL_UNICODE_KEYS = 120;

/**
 * Free-list occupancy when a program's first line runs under the oracle (CPython 3.11.7,
 * fresh interpreter): measured, not derived.
 */
const STARTUP_FREE = {
  list: 50,
  dict: 8,
  keys: 73,
  float: 4,
  tuple: [0, 7, 15, 4, 6, 3, 0, 0, 4, 2, 3, 3, 4, 2, 1, 0, 1, 1, 1, 3],
};

/** The object block tracemalloc sees for `o` (not counting separate items blocks). */
export function objectBlockSize(o: PyObject): number {
  if (o.type.isHeapType && isBuiltinSub(o)) return subclassBlockSize(o);
  if (o instanceof PyInt) return intBlockSize(o.value);
  if (o instanceof PyStr) return strSize(o.value);
  if (o instanceof PyFloat) return 24;
  if (o instanceof PyBytes) return 33 + o.value.length;
  if (o instanceof PyTuple) return 40 + 8 * o.items.length;
  if (o instanceof PyList) return 56;
  if (o instanceof PyDict) return 64;
  if (o instanceof PySet) return 216;
  return getsizeof(o);
}

/**
 * The object block of a list/dict/tuple/int/str/float/weakref subclass instance, as
 * PyType_GenericAlloc asks for it: the pre-header (GC header, managed dict pointers) plus
 * tp_basicsize, and for int and tuple one item more than they hold (the allocator's
 * sentinel) after a basicsize that holds the dict pointer. A str subclass's characters
 * live in a second block (itemsBlockSize).
 */
function subclassBlockSize(o: PyObject): number {
  const t = o.type;
  if (o instanceof PyInt || o instanceof PyTuple) {
    const basic = 24 + (t.instHasDict ? 8 : 0);
    const n = o instanceof PyInt ? Math.max(1, Math.ceil(bitLength(o.value) / 30)) : o.items.length;
    return 16 + Math.ceil((basic + (o instanceof PyInt ? 4 : 8) * (n + 1)) / 8) * 8;
  }
  if (o instanceof PyStr) return 16 + managedDictPreHeader(o) + 80 + (t.instHasWeakref ? 8 : 0) + 8 * t.slotNames.length;
  const base = o instanceof PyList ? 56 : o instanceof PyDict ? 64 : o instanceof PyFloat ? 24 : 80;
  return base + subclassExtraBytes(o);
}

/**
 * An int's block: a one-digit int is made by _PyLong_FromMedium, which asks for
 * sizeof(PyLongObject) (32, the digit padded); a longer one by _PyLong_New(n), 24 + 4n
 * (getsizeof's number). CPython's addition asks for one digit more than it keeps; that
 * spare digit is not modelled.
 */
function intBlockSize(v: number | bigint): number {
  const size = intSize(v);
  return size === 28 ? 32 : size;
}

/** The resizable items block `o` has now (0: none). */
export function itemsBlockSize(o: PyObject): number {
  if (o instanceof PyList) return 8 * o.allocated;
  // A str subclass instance is not compact: its characters are a block of their own.
  if (o instanceof PyStr) return o.type.isHeapType ? strDataBytes(o.value) : 0;
  if (o instanceof PyDict) return o.log2Size === 0 || o.splitOwner ? 0 : dictSize(o) - 64;
  if (o instanceof PySet) return o.slots.length > 8 ? 16 * o.slots.length : 0;
  return 0;
}

/** An instance's inline values array (new_values): round8(n + 2) + 8n bytes. */
function valuesBlockSize(o: PyObject): number {
  if (!(o instanceof PyInstance) || !o.type.isHeapType || !o.type.instHasDict || o.payload.length > 0) return 0;
  return inlineValuesSize(o.type.sharedKeys.length + o.type.sharedUsable);
}

/**
 * new_values(n): the inline values array of an instance whose class's shared keys have n
 * entries plus room (a prefix of n + 2 bytes, rounded to 8, then n pointers).
 */
export function inlineValuesSize(n: number): number {
  return Math.ceil((n + 2) / 8) * 8 + 8 * n;
}

/**
 * Blocks an object holds that the engine has no objects for — what CPython's own code
 * allocated for it (a tracemalloc Snapshot's Python objects, made in tracemalloc.py): traced
 * until the object is deallocated. `list` is a list object made by PyList_New for it, which
 * goes back to the list free list then.
 */
interface Held {
  blocks: (Trace | null)[];
  list: { block: Trace | null } | null;
}

export class AllocTracer {
  /** tracemalloc.is_tracing(). */
  tracing = false;
  /** The number of frames a traceback keeps (tracemalloc.start(nframe)). */
  nframe = 1;
  /** Live blocks summed per line (blocks parked on free lists included). */
  private readonly sites = new Map<string, Site>();
  private lastSite: Site | null = null;
  current = 0;
  peak = 0;
  /** Where the innermost Python frame is: set by the front end. */
  locate: () => [string, number] = () => ['<unknown>', 0];

  /**
   * Blocks of objects that own a trace (only those allocated or resized while tracing):
   * containers and instances in `blocks`, objects with one block only in `single`.
   */
  private readonly blocks = new Map<PyObject, Blocks>();
  private readonly single = new Map<PyObject, Trace>();
  /** Free lists: each entry is a parked block's trace, or null for an untraced one. */
  private readonly freeLists = new Map<PyObject | string, (Trace | null)[]>();

  constructor() {
    this.freeLists.set(listType, new Array<Trace | null>(STARTUP_FREE.list).fill(null));
    this.freeLists.set(dictType, new Array<Trace | null>(STARTUP_FREE.dict).fill(null));
    this.freeLists.set(floatType, new Array<Trace | null>(STARTUP_FREE.float).fill(null));
    this.freeLists.set('keys', new Array<Trace | null>(STARTUP_FREE.keys).fill(null));
    for (let n = 1; n < TUPLE_MAXSAVESIZE; n++) {
      this.freeLists.set('tuple' + n, new Array<Trace | null>(STARTUP_FREE.tuple[n]!).fill(null));
    }
  }

  // ------------------------------------------------------------ tracing control

  /** tracemalloc.start(): traces start empty; free-listed blocks stay untraced. */
  start(nframe: number): void {
    if (!this.tracing) this.clear();
    this.tracing = true;
    this.nframe = nframe;
  }

  /** tracemalloc.stop(): stop tracing and forget every trace. */
  stop(): void {
    this.tracing = false;
    this.clear();
  }

  /** tracemalloc.clear_traces(): forget every trace (the blocks stay, untraced). */
  clear(): void {
    this.sites.clear();
    this.lastSite = null;
    this.blocks.clear();
    this.single.clear();
    this.attached.clear();
    for (const t of this.loose) t.site = null;
    this.loose.clear();
    for (const h of this.held.values()) {
      h.blocks.fill(null);
      if (h.list) h.list.block = null;
    }
    for (const fl of this.freeLists.values()) fl.fill(null);
    this.current = 0;
    this.peak = 0;
    if (this.moduleDict) this.blocks.set(this.moduleDict, { obj: null, buf: null, bufSize: this.moduleKeysSize(), values: null });
  }

  /**
   * clear_freelists: a collection of the oldest generation empties CPython's free lists
   * (tuples, floats, lists, dicts and their keys tables); the blocks parked there are freed,
   * and those still traced stop being counted.
   */
  clearFreeLists(): void {
    for (const fl of this.freeLists.values()) {
      for (const t of fl) this.drop(t);
      fl.length = 0;
    }
  }

  resetPeak(): void {
    this.peak = this.current;
  }

  /**
   * The next object is made by calling its type (`list(x)`, `dict(...)`): tp_alloc asks the
   * allocator directly — only PyList_New / PyDict_New (displays, comprehensions) reuse
   * free-listed objects.
   */
  viaTypeCall(): void {
    this.bypassFreeList = true;
  }
  private bypassFreeList = false;

  /**
   * A block the interpreter holds for a while that the engine has no object for — a
   * comprehension's function object (3.11 makes one per evaluation), sys.stdout's pending
   * writes — traced until `release` (or until the traces are cleared: it is then untraced).
   */
  transient(size: number): Trace | null {
    const t = this.newTrace(size);
    if (t !== null) this.loose.add(t);
    return t;
  }

  release(t: Trace | null): void {
    if (t === null) return;
    this.loose.delete(t);
    this.drop(t);
  }
  private readonly loose = new Set<Trace>();

  /**
   * A list object made by PyList_New for the interpreter's own use (the engine has no object
   * for it): off the list free list when it has one, else a new block at the current line.
   * Returned with `freeListObject` when CPython would deallocate it.
   */
  newListObject(): Trace | null {
    const fl = this.freeLists.get(listType)!;
    if (fl.length === 0) return this.transient(56);
    const t = this.reuse(fl.pop()!);
    if (t !== null) this.loose.add(t);
    return t;
  }

  freeListObject(t: Trace | null): void {
    if (t !== null) this.loose.delete(t);
    const fl = this.freeLists.get(listType)!;
    if (fl.length < LIST_MAXFREELIST) fl.push(t);
    else this.drop(t);
  }

  /** A transient block that lives as long as `o` (or until `detach`). */
  attach(o: PyObject, t: Trace | null): void {
    if (t !== null) this.attached.set(o, t);
  }

  detach(o: PyObject): void {
    const t = this.attached.get(o);
    if (t === undefined) return;
    this.attached.delete(o);
    this.drop(t);
  }
  private readonly attached = new Map<PyObject, Trace>();

  /**
   * A block CPython's library code allocates for `o` at a line of its own (`file`, `line`:
   * tracemalloc.py's), held until `o` is deallocated.
   */
  holdAt(o: PyObject, size: number, file: string, line: number): void {
    const t = this.tracing ? this.newTraceAt(size, this.siteOf(file, line)) : null;
    this.heldOf(o).blocks.push(t);
  }

  /**
   * PyList_New made by CPython's library code for `o` (held until `o` is deallocated): the
   * list object comes off the list free list when it has one (untraced, or still traced where
   * it was first allocated), else it is a new block at (`file`, `line`). Its items array is
   * not traced: the caller says so when it is.
   */
  holdListAt(o: PyObject, file: string, line: number): void {
    const fl = this.freeLists.get(listType)!;
    const block = fl.length > 0 ? this.reuse(fl.pop()!, this.siteOf(file, line)) : this.tracing ? this.newTraceAt(56, this.siteOf(file, line)) : null;
    this.heldOf(o).list = { block };
  }

  private heldOf(o: PyObject): Held {
    let h = this.held.get(o);
    if (!h) {
      h = { blocks: [], list: null };
      this.held.set(o, h);
    }
    return h;
  }

  /** `o` is deallocated: the blocks held for it are freed, a held list object is free-listed. */
  private releaseHeld(o: PyObject): void {
    const h = this.held.get(o);
    if (!h) return;
    this.held.delete(o);
    for (const t of h.blocks) this.drop(t);
    if (h.list) {
      const fl = this.freeLists.get(listType)!;
      if (fl.length < LIST_MAXFREELIST) fl.push(h.list.block);
      else this.drop(h.list.block);
    }
  }
  private readonly held = new Map<PyObject, Held>();

  /**
   * Run `work` with what it allocates attributed to (`file`, `line`): work CPython does in a
   * library's Python frame (tracemalloc.py raising an error, building a str).
   */
  inLibrary<T>(file: string, line: number, work: () => T): T {
    const saved = this.locate;
    this.locate = () => [file, line];
    try {
      return work();
    } finally {
      this.locate = saved;
    }
  }

  /**
   * Types whose str()/repr() CPython builds in a library's Python code (a __str__ or
   * __repr__ in a .py file): where the text object is allocated, by the object.
   */
  readonly textSites = new Map<PyObject, (o: PyObject, kind: 'str' | 'repr') => [string, number] | null>();

  /** Make the str or repr text object of `o` (`make`), where CPython's code makes it. */
  textObject<T>(o: PyObject, kind: 'str' | 'repr', make: () => T): T {
    const where = this.textSites.get(o.type)?.(o, kind);
    return where ? this.inLibrary(where[0], where[1], make) : make();
  }

  /** The trace of an object's own block, if it has one (tracemalloc.get_object_traceback). */
  traceOf(o: PyObject): Trace | null {
    return this.single.get(o) ?? this.blocks.get(o)?.obj ?? null;
  }

  /** The lines that have live blocks, with their totals (a snapshot's content). */
  lines(): Site[] {
    const out: Site[] = [];
    for (const s of this.sites.values()) if (s.count > 0) out.push({ ...s });
    return out;
  }

  // ------------------------------------------------------------ heap hooks

  /**
   * allocated() for an exact int, which the heap knows one to be: no free list, so nothing
   * to do unless tracing (no `instanceof` per int a loop makes).
   */
  intAllocated(o: PyInt): void {
    if (this.tracing) this.allocated(o);
    else this.bypassFreeList = false; // (as allocated() does)
  }

  /** freed() for an exact int: nothing to do unless tracing (see freed). */
  intFreed(o: PyInt): void {
    if (this.tracing) this.freed(o);
  }

  /** A new object was registered: take its block from a free list, or allocate (and trace). */
  allocated(o: PyObject): void {
    if (!this.tracing && o instanceof PyInt) {
      this.bypassFreeList = false; // (as the general path below does)
      return; // ints have no free list, and nothing is traced
    }
    const fl = this.bypassFreeList ? null : this.freeListOf(o);
    this.bypassFreeList = false;
    let obj: Trace | null;
    if (fl !== null && fl.length > 0) obj = this.reuse(fl.pop()!);
    else if (!this.tracing) return; // nothing is traced: no block to size
    else obj = this.newTrace(objectBlockSize(o));
    if (!this.tracing) return;
    if (!(o instanceof PyList || o instanceof PyDict || o instanceof PySet || o instanceof PyInstance || (o instanceof PyStr && o.type.isHeapType))) {
      if (obj !== null) this.single.set(o, obj);
      return;
    }
    const bufSize = itemsBlockSize(o);
    const buf = bufSize > 0 ? this.takeItemsBlock(o, bufSize) : null;
    const valuesSize = valuesBlockSize(o);
    const values = valuesSize > 0 ? this.newTrace(valuesSize) : null;
    this.blocks.set(o, { obj, buf, bufSize, values });
  }

  /**
   * A container's items block changed size (realloc): the old trace goes, the new one is
   * attributed to the current line. `oldSize` is the block's size before the change.
   */
  resized(o: PyObject, oldSize: number): void {
    const rec = this.blocks.get(o);
    if (rec) oldSize = rec.bufSize;
    const newSize = o === this.moduleDict ? this.moduleDictInsert() : itemsBlockSize(o);
    if (newSize === oldSize) return;
    this.releaseItemsBlock(o, rec ? rec.buf : null, oldSize);
    const buf = newSize > 0 ? this.takeItemsBlock(o, newSize) : null;
    if (rec) {
      rec.buf = buf;
      rec.bufSize = newSize;
    } else if (buf !== null) {
      this.blocks.set(o, { obj: null, buf, bufSize: newSize, values: null });
    }
  }

  /**
   * An object is being deallocated (called before it releases its references, while its
   * shape is intact): its items block is freed, its object block goes to its free list or
   * is freed too.
   */
  freed(o: PyObject): void {
    // While not tracing nothing owns a trace (stop() forgets them all), and an int has no
    // items block and no free list: nothing to do.
    if (!this.tracing && o instanceof PyInt) return;
    if (this.attached.size > 0) this.detach(o);
    if (this.held.size > 0) this.releaseHeld(o);
    const one = this.single.get(o);
    if (one !== undefined) this.single.delete(o);
    const rec = one === undefined ? this.blocks.get(o) : undefined;
    if (rec) {
      this.blocks.delete(o);
      this.releaseItemsBlock(o, rec.buf, rec.bufSize);
      this.drop(rec.values);
    } else {
      this.releaseItemsBlock(o, null, itemsBlockSize(o));
    }
    const obj = one ?? (rec ? rec.obj : null);
    const fl = this.freeListOf(o);
    if (fl !== null && fl.length < this.freeListMax(o)) fl.push(obj);
    else this.drop(obj);
  }

  /**
   * Bring every traced container's items block up to date (for changes made on paths that
   * do not report them): a change found here is attributed to the line of the block it
   * replaces, else of the object — where such preallocations happen.
   */
  reconcile(): void {
    for (const [o, rec] of this.blocks) {
      if (o === this.moduleDict) continue;
      const size = itemsBlockSize(o);
      if (size === rec.bufSize) continue;
      const where = rec.buf ?? rec.obj;
      this.releaseItemsBlock(o, rec.buf, rec.bufSize);
      rec.buf = size > 0 ? this.takeItemsBlock(o, size, where) : null;
      rec.bufSize = size;
    }
  }

  /**
   * Objects made when the code is compiled (constants, interned names) exist before any
   * line of it runs: whatever tracing recorded for them is forgotten.
   */
  forget(o: PyObject): void {
    const one = this.single.get(o);
    if (one !== undefined) {
      this.single.delete(o);
      if (one === this.peakSetBy) this.peak = this.peakBefore;
      this.drop(one);
      return;
    }
    const rec = this.blocks.get(o);
    if (!rec) return;
    this.blocks.delete(o);
    // A peak it set never happened either.
    if (rec.obj !== null && rec.obj === this.peakSetBy) this.peak = this.peakBefore;
    this.drop(rec.obj);
    this.drop(rec.buf);
    this.drop(rec.values);
  }

  /** The newest trace that raised the peak, and the peak before it (for forget). */
  private peakSetBy: Trace | null = null;
  private peakBefore = 0;

  // ------------------------------------------------------------ the module namespace

  /**
   * `__main__`'s namespace. CPython's starts with six entries (__name__, __doc__,
   * __package__, __loader__, __spec__, __builtins__) in a 16-slot table the sandbox's
   * namespace does not show; its keys table grows when those entries plus the program's
   * names outgrow it. The tracer follows that table: new names are counted on top of the
   * six, and the table grows by CPython's insertion_resize (to fit used x 3).
   */
  private moduleDict: PyDict | null = null;
  private moduleLog2 = 4;
  private moduleEntries = MODULE_DICT_ENTRIES;

  setModuleDict(d: PyDict): void {
    this.moduleDict = d;
    this.moduleLog2 = 4;
    this.moduleEntries = MODULE_DICT_ENTRIES + d.size;
    this.clear();
  }

  /** A new name was stored in the module namespace; returns its keys table's size. */
  private moduleDictInsert(): number {
    const used = MODULE_DICT_ENTRIES + this.moduleDict!.size;
    const usable = Math.floor(((1 << this.moduleLog2) * 2) / 3);
    if (this.moduleEntries >= usable) {
      const before = used - 1;
      const min = ((before * 3) | 8) - 1;
      this.moduleLog2 = 32 - Math.clz32(min | 7);
      this.moduleEntries = before;
    }
    this.moduleEntries++;
    return this.moduleKeysSize();
  }

  /** A str-keyed keys table of 2^moduleLog2 slots (header, indices, entries). */
  private moduleKeysSize(): number {
    const slots = 1 << this.moduleLog2;
    const indexBytes = slots <= 128 ? 1 : slots <= 0xffff ? 2 : 4;
    return 32 + slots * indexBytes + Math.floor((slots * 2) / 3) * 16;
  }

  // ------------------------------------------------------------ blocks

  private newTrace(size: number, at: Trace | null = null): Trace | null {
    if (!this.tracing) return null;
    let site: Site;
    if (at !== null && at.site !== null) {
      site = at.site;
    } else {
      const [file, line] = this.locate();
      site = this.siteOf(file, line);
    }
    return this.newTraceAt(size, site);
  }

  /**
   * An object taken off a free list: _Py_NewReference gives a block that is still traced
   * the current traceback (_PyTraceMalloc_NewReference) — it moves to this line (or `site`).
   */
  private reuse(t: Trace | null, site: Site | null = null): Trace | null {
    if (t === null || t.site === null || !this.tracing) return t;
    let to = site;
    if (to === null) {
      const [file, line] = this.locate();
      to = this.siteOf(file, line);
    }
    t.site.size -= t.size;
    t.site.count--;
    to.size += t.size;
    to.count++;
    t.site = to;
    return t;
  }

  /** A new traced block of `size` bytes at `site` (only while tracing). */
  private newTraceAt(size: number, site: Site): Trace {
    const t: Trace = { size, site };
    site.size += size;
    site.count++;
    this.current += size;
    if (this.current > this.peak) {
      this.peakSetBy = t;
      this.peakBefore = this.peak;
      this.peak = this.current;
    }
    return t;
  }

  private drop(t: Trace | null): void {
    if (t === null || t.site === null) return;
    t.site.size -= t.size;
    t.site.count--;
    t.site = null;
    this.current -= t.size;
  }

  /** The per-line total for (file, line), made on first use. */
  private siteOf(file: string, line: number): Site {
    const last = this.lastSite;
    if (last !== null && last.line === line && last.file === file) return last;
    const key = `${line}:${file}`;
    let site = this.sites.get(key);
    if (!site) {
      site = { file, line, size: 0, count: 0 };
      this.sites.set(key, site);
    }
    this.lastSite = site;
    return site;
  }

  /** A new items block: a small str-keyed dict table comes off the keys free list. */
  private takeItemsBlock(o: PyObject, size: number, at: Trace | null = null): Trace | null {
    if (o instanceof PyDict && size === SMALL_UNICODE_KEYS) {
      const fl = this.freeLists.get('keys')!;
      if (fl.length > 0) return fl.pop()!;
    }
    return this.newTrace(size, at);
  }

  private releaseItemsBlock(o: PyObject, t: Trace | null, size: number): void {
    if (o instanceof PyDict && size === SMALL_UNICODE_KEYS) {
      const fl = this.freeLists.get('keys')!;
      if (fl.length < DICT_MAXFREELIST) {
        fl.push(t);
        return;
      }
    }
    this.drop(t);
  }

  /** The free list an object of exactly this kind is kept on (subclasses have none). */
  private freeListOf(o: PyObject): (Trace | null)[] | null {
    const t = o.type;
    if (t === listType || t === dictType || t === floatType) return this.freeLists.get(t)!;
    if (t === tupleType) {
      const n = (o as PyTuple).items.length;
      return n > 0 && n < TUPLE_MAXSAVESIZE ? this.freeLists.get('tuple' + n)! : null;
    }
    return null;
  }

  private freeListMax(o: PyObject): number {
    const t = o.type;
    if (t === listType) return LIST_MAXFREELIST;
    if (t === dictType) return DICT_MAXFREELIST;
    if (t === floatType) return FLOAT_MAXFREELIST;
    return TUPLE_MAXFREELIST;
  }
}
