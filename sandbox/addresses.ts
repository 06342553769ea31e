/**
 * Addresses: where CPython 3.11's allocators would put each object, so that `id()` and `is`
 * answer what CPython's answer — in particular that memory freed is handed out again:
 * `id([]) == id([])` is True, because the first list dies before the second is made and
 * the second gets its memory back.
 *
 * CPython takes an object's memory from one of these sources, and each hands back the
 * block freed most recently first (LIFO):
 * - a type's own free list: list, dict and float objects, and tuples of lengths 1..19 (one
 *   list per length). A dying object of such a type goes on its list; only an object of the
 *   same kind takes it again. (3.11 quirk: a dying 20-tuple is pushed on a free list that
 *   is never popped, so its memory is not reused until 2000 of them sit there.)
 * - pymalloc, for every other request of up to 512 bytes: size classes 16 bytes apart, the
 *   most recently freed block of a class first — whatever the type of the object that
 *   had it. An instance of a plain class (56 bytes) shares the 64-byte class with short
 *   strings and bound methods.
 * - the C library's malloc (glibc) for larger requests: up to 1032 bytes per exact chunk
 *   size (its tcache bins), beyond that from the top of the heap, where a chunk just freed
 *   is taken again by the next large request of any size.
 *
 * The model keeps one LIFO stack of freed blocks per source; a source with nothing freed
 * hands out fresh memory from one ever-growing range. An object's id is its block address
 * plus the pre-header CPython puts before the object (the 16-byte GC header of a
 * container; for an instance of a plain class also the two managed-dict pointers), so two
 * objects of different layouts never show the same id even when they reuse one block.
 *
 * Addresses are kept as slot numbers — 16-byte units from the first heap address (slot n is
 * HEAP_ADDR_BASE + 16 (n - 1), see PyObject.addr) — small integers V8 stores unboxed, so
 * handing a block out or back allocates nothing.
 *
 * Invariants: an address is on at most one stack, and only while no live object owns it, so
 * ids are unique among live objects; everything depends only on the sandbox's own sequence
 * of allocations and deaths (replay and fork reproduce every id).
 *
 * Left out, deliberately: the free lists' length caps (80 lists or dicts, 100 floats, 2000
 * tuples per length; a dying object past the cap goes to pymalloc), what CPython's free
 * lists and pools hold at start-up, pools given back to their arena when empty, and the C
 * library's coalescing of neighbouring chunks. Allocations CPython's interpreter makes
 * that a sandbox does not (or the reverse) can also shift which block comes back.
 */
import type { PyObject, PyTuple } from './objects.js';

/** The slot of the first address handed out (HEAP_ADDR_BASE: addresses look like CPython's). */
const FIRST_SLOT = 1;

/** Sources of memory, as indexes of the free-block stacks. */
const LIST_FREELIST = 0;
const DICT_FREELIST = 1;
const FLOAT_FREELIST = 2;
/** Tuples of length n (1..19) use TUPLE_FREELIST + n. */
const TUPLE_FREELIST = 2;
/** pymalloc's size class of k × 16 bytes (k = 1..32) is PYMALLOC + k. */
const PYMALLOC = 21;
/** glibc's tcache bin for chunks of k × 16 bytes (k up to 65) is MALLOC_BIN + k. */
const MALLOC_BIN = 53;
const MALLOC_TOP = 119;
/** A dead 20-tuple: onto the free list 3.11 pushes to but never pops. */
const PARKED = -1000;

/** pymalloc serves requests up to SMALL_REQUEST_THRESHOLD bytes, in 16-byte classes. */
const SMALL_REQUEST_THRESHOLD = 512;
/** The largest request glibc's tcache serves (its largest chunk is 1040 bytes). */
const TCACHE_MAX_REQUEST = 1032;
/** PyTuple_MAXSAVESIZE: tuples shorter than this are taken from the free lists. */
const TUPLE_MAXSAVESIZE = 20;
/** PyTuple_MAXFREELIST: how many dead tuples one free list keeps. */
const TUPLE_MAXFREELIST = 2000;

export class AddressSpace {
  /** The slot of the first block of memory never handed out yet. */
  private next = FIRST_SLOT;
  private readonly freed: number[][] = Array.from({ length: MALLOC_TOP + 1 }, () => []);
  /** Dead 20-tuples parked on 3.11's never-popped free list. */
  private parkedTuples20 = 0;

  /**
   * @param blockSize the bytes CPython allocates for the object itself, pre-header included
   *   (see sizes.ts).
   */
  constructor(private readonly blockSize: (o: PyObject) => number) {}

  /** The id a new object gets, as a slot: a block from its source, plus its pre-header. */
  allocate(o: PyObject): number {
    const source = sourceOf(o, this);
    const stack = this.freed[source]!;
    const block = stack.length > 0 ? stack.pop()! : this.fresh(o);
    return block + (preHeaderSize(o) >> 4);
  }

  /**
   * allocate() for an object without a pre-header and without a free list of its own whose
   * block is `size` bytes (at least 16): an exact int, whose size heap.ts knows already.
   */
  allocateBare(size: number): number {
    const stack = this.freed[sourceForSize(size)]!;
    if (stack.length > 0) return stack.pop()!;
    const block = this.next;
    this.next += roundUp16(size);
    return block;
  }

  /** releaseTarget() for such an object (an exact int of `size` bytes). */
  bareTarget(size: number): number {
    return sourceForSize(size);
  }

  /**
   * Where a dying object's block will go back to. Asked when its deallocator starts, while
   * the object still has its items (a tuple's length picks its free list).
   */
  releaseTarget(o: PyObject): number {
    if (o.type.layout === 'tuple' && (o as PyTuple).items.length === TUPLE_MAXSAVESIZE) return PARKED;
    return sourceOf(o, this);
  }

  /**
   * The end of a deallocation: the dead object's block goes back to `target`. (An object
   * with a fixed address outside the heap's range — a shared one — has no block here.)
   */
  release(o: PyObject, target: number): void {
    if (target === PARKED && this.parkedTuples20 < TUPLE_MAXFREELIST) {
      this.parkedTuples20++;
      return;
    }
    if (target === PARKED) target = sourceOf(o, this);
    const slot = o.getAddrSlot();
    if (slot > 0) this.freed[target]!.push(slot - (preHeaderSize(o) >> 4));
  }

  /** The block an object needs: never less than its pre-header and a bare object header. */
  sizeOf(o: PyObject): number {
    return Math.max(this.blockSize(o), preHeaderSize(o) + 16);
  }

  /** Memory never handed out before, laid out one block after another (a slot). */
  private fresh(o: PyObject): number {
    const block = this.next;
    this.next += Math.ceil(this.sizeOf(o) / 16);
    return block;
  }
}

/** Which free-block stack an object's memory comes from and returns to (sized only when it matters). */
function sourceOf(o: PyObject, sizes: { sizeOf(o: PyObject): number }): number {
  // By layout (the C struct), which is cheaper to ask than the object's class.
  switch (o.type.layout) {
    case 'list': return LIST_FREELIST;
    case 'dict': return DICT_FREELIST;
    case 'float': return FLOAT_FREELIST;
    case 'tuple': {
      const n = (o as PyTuple).items.length;
      if (n > 0 && n < TUPLE_MAXSAVESIZE) return TUPLE_FREELIST + n;
      break;
    }
    default: break;
  }
  return sourceForSize(sizes.sizeOf(o));
}

/** The free-block stack of pymalloc's or glibc's that a request of `size` bytes uses. */
function sourceForSize(size: number): number {
  if (size <= SMALL_REQUEST_THRESHOLD) return PYMALLOC + Math.max(1, roundUp16(size) / 16);
  // glibc: a chunk is the request plus its 8-byte size field, in 16-byte steps.
  if (size <= TCACHE_MAX_REQUEST) return MALLOC_BIN + roundUp16(size + 8) / 16;
  return MALLOC_TOP;
}

/**
 * _PyType_PreHeaderSize: the bytes CPython puts in front of an object — the GC header of
 * a container, plus the managed dict and weakref pointers of an instance of a class whose
 * instances keep their attributes in a managed dict (a plain class deriving from object).
 */
export function preHeaderSize(o: PyObject): number {
  const t = o.type;
  // A bare object() is no container; a plain class's instances have the GC header and the
  // managed dict's two pointers (a class with __slots__ and no __dict__ has only the header).
  if (t.layout === 'object') return t.isHeapType ? (t.isGc ? 16 : 0) + (t.instHasDict ? 16 : 0) : 0;
  return t.isGc ? 16 : 0;
}

function roundUp16(n: number): number {
  return Math.ceil(n / 16) * 16;
}
