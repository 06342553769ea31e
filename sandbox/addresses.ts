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
import type { PyObject } from './objects.js';
import { PyDict, PyFloat, PyInstance, PyList, PyTuple, objectType } from './objects.js';

/** The first address handed out (addresses look like CPython's 64-bit heap addresses). */
const FIRST_ADDR = 0x7f3a00000000;

/** Sources of memory, as keys of the free-block stacks (pymalloc classes are 1..32). */
const LIST_FREELIST = -1;
const DICT_FREELIST = -2;
const FLOAT_FREELIST = -3;
/** Tuples of length n (1..19) use TUPLE_FREELIST - n. */
const TUPLE_FREELIST = -100;
/** glibc tcache bins are keyed MALLOC_BIN + chunk size. */
const MALLOC_BIN = 1 << 20;
const MALLOC_TOP = 1 << 21;
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
  private next = FIRST_ADDR;
  private readonly freed = new Map<number, number[]>();
  /** Dead 20-tuples parked on 3.11's never-popped free list. */
  private parkedTuples20 = 0;

  /**
   * @param blockSize the bytes CPython allocates for the object itself, pre-header included
   *   (see sizes.ts).
   */
  constructor(private readonly blockSize: (o: PyObject) => number) {}

  /** The id a new object gets: a block from its source, plus its pre-header. */
  allocate(o: PyObject): number {
    const size = this.sizeOf(o);
    const stack = this.freed.get(sourceOf(o, size));
    const block = stack !== undefined && stack.length > 0 ? stack.pop()! : this.fresh(size);
    return block + preHeaderSize(o);
  }

  /**
   * Where a dying object's block will go back to. Asked when its deallocator starts, while
   * the object still has its items (a tuple's length picks its free list).
   */
  releaseTarget(o: PyObject): number {
    if (o instanceof PyTuple && o.items.length === TUPLE_MAXSAVESIZE) return PARKED;
    return sourceOf(o, this.sizeOf(o));
  }

  /** The end of a deallocation: the dead object's block goes back to `target`. */
  release(o: PyObject, target: number): void {
    if (target === PARKED && this.parkedTuples20 < TUPLE_MAXFREELIST) {
      this.parkedTuples20++;
      return;
    }
    if (target === PARKED) target = sourceOf(o, this.sizeOf(o));
    let stack = this.freed.get(target);
    if (stack === undefined) this.freed.set(target, (stack = []));
    stack.push(o.addr - preHeaderSize(o));
  }

  /** The block an object needs: never less than its pre-header and a bare object header. */
  private sizeOf(o: PyObject): number {
    return Math.max(this.blockSize(o), preHeaderSize(o) + 16);
  }

  /** Memory never handed out before, laid out one block after another. */
  private fresh(size: number): number {
    const block = this.next;
    this.next += Math.max(16, roundUp16(size));
    return block;
  }
}

/** Which free-block stack an object's memory comes from and returns to. */
function sourceOf(o: PyObject, size: number): number {
  if (o instanceof PyList) return LIST_FREELIST;
  if (o instanceof PyDict) return DICT_FREELIST;
  if (o instanceof PyFloat) return FLOAT_FREELIST;
  if (o instanceof PyTuple && o.items.length > 0 && o.items.length < TUPLE_MAXSAVESIZE) return TUPLE_FREELIST - o.items.length;
  if (size <= SMALL_REQUEST_THRESHOLD) return Math.max(1, roundUp16(size) / 16);
  // glibc: a chunk is the request plus its 8-byte size field, in 16-byte steps.
  if (size <= TCACHE_MAX_REQUEST) return MALLOC_BIN + roundUp16(size + 8);
  return MALLOC_TOP;
}

/**
 * _PyType_PreHeaderSize: the bytes CPython puts in front of an object — the GC header of
 * a container, plus the managed dict and weakref pointers of an instance of a class whose
 * instances keep their attributes in a managed dict (a plain class deriving from object).
 */
export function preHeaderSize(o: PyObject): number {
  if (!o.type.isGc || o.type === objectType) return 0;
  const managed = o instanceof PyInstance && o.type.isHeapType && o.type.layout === 'object';
  return managed ? 32 : 16;
}

function roundUp16(n: number): number {
  return Math.ceil(n / 16) * 16;
}
