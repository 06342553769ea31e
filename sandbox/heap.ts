/**
 * The Heap: one isolated, simulated CPython heap.
 *
 * It owns every object of one sandbox and implements reference counting exactly as
 * CPython does: an object dies the moment its count reaches zero. Dying runs the
 * finalizer (`__del__`, at most once — PEP 442), clears weak references (running their
 * callbacks), then releases the object's references in its deallocator's order — which may
 * kill more objects, depth first, exactly like CPython's recursive tp_dealloc calls.
 *
 * Two things keep that safe for any heap a client can build:
 * - No JavaScript recursion proportional to depth: deaths are processed with an explicit
 *   work stack, and CPython's "trashcan" is modelled too — past 50 nested container
 *   deallocations CPython defers the rest to a list it drains when the nesting unwinds, and
 *   so do we. A 1,000,000-deep chain frees with a stack of at most 50 frames, in CPython's
 *   order.
 * - Budgets, in the units a lesson talks about. Every live object is accounted at its
 *   `sys.getsizeof` (the running total `bytes`, updated as containers grow and shrink), and
 *   an allocation that would take the total past `maxBytes` raises MemoryError *before* it
 *   happens. Work is counted in steps (`step`), which also poll the host's time guard.
 *
 * The heap also carries the collector's state (generations, counts, thresholds, stats,
 * gc.garbage, gc.callbacks); the collection algorithm itself lives in collector.ts.
 */
import {
  GC_FINALIZED, GC_TRACKED, GcHead, MAX_SHARED, PyList, PyObject, PyWeakref, SHARED, SHARED_SHIFT,
  type PyInt, floatType, intType, strType, weakrefType,
} from './objects.js';
import { EventSink } from './events.js';
import type { AllocTracer } from './alloctrace.js';
import { PyError, type KeyCalls } from './containers.js';
import { AddressSpace } from './addresses.js';
import { getsizeof, intSize, objectBlockSize } from './sizes.js';

/** What the heap needs from whoever runs Python code (the interpreter or the ops runtime). */
export interface Runtime {
  /** Run `obj`'s `__del__` (the heap holds a reference meanwhile); returns what it printed. */
  finalize(obj: PyObject): string;
  /** Call a weakref callback with the (now dead) weakref as its argument. */
  callWeakrefCallback(callback: PyObject, wr: PyWeakref): void;
  /** Call each of gc.callbacks with (phase, info). */
  callGcCallbacks(phase: 'start' | 'stop', info: { generation: number; collected: number; uncollectable: number }): void;
}

/**
 * Raised when a request passes its step budget or its host's time guard. It is not a
 * Python exception: no handler can catch it, so a program cannot keep itself running.
 * It collects the frames it unwinds through (innermost first) for the traceback.
 */
export class BudgetExceeded extends Error {
  readonly frames: Array<{ filename: string; line: number; name: string; source: string }> = [];
  constructor(
    public readonly budget: 'steps' | 'time',
    message: string,
  ) {
    super(message);
  }
}

/** How many steps pass between polls of the host's interrupt guard. */
const INTERRUPT_POLL = 4096;

/** CPython's _PyTrash_UNWIND_LEVEL. */
const TRASH_UNWIND_LEVEL = 50;

export interface GenerationState {
  /** List head: the generation's tracked objects, oldest first. */
  head: GcHead;
  threshold: number;
  count: number;
  /** gc.get_stats() for this generation. */
  collections: number;
  collected: number;
  uncollectable: number;
}

export class Heap {
  /**
   * Live objects (the shared objects are not this heap's own); see LiveObjects.
   */
  readonly objects = new LiveObjects(this);
  private readonly addresses = new AddressSpace((o) => objectBlockSize(o, getsizeof));
  /**
   * The references this sandbox holds to each shared object (None, small ints, builtin
   * types, ...; see objects.ts SHARED), by slot, counted from zero when the sandbox has set
   * itself up (settleShared). What a lesson sees is the recorded CPython baseline plus this
   * (refcounts.ts). Slot 0 absorbs the builtins whose counts are not modelled. Grows when
   * the heap first counts a shared object made after it (growShared).
   */
  sharedCounts = new Int32Array(MAX_SHARED);

  // ---- collector state (see collector.ts) ----
  readonly generations: GenerationState[] = [0, 1, 2].map((i) => ({
    head: new GcHead(),
    threshold: i === 0 ? 700 : 10,
    count: 0,
    collections: 0,
    collected: 0,
    uncollectable: 0,
  }));
  readonly permanent = new GcHead();
  enabled = true;
  debug = 0;
  /** Set while a collection runs: no nested collection starts (gcstate->collecting). */
  collecting = false;
  /** Objects promoted into the oldest generation since its last collection. */
  longLivedPending = 0;
  /** Objects that survived the last full collection. */
  longLivedTotal = 0;
  /** gc.garbage and gc.callbacks are real lists on the heap. */
  readonly garbage: PyList;
  readonly callbacks: PyList;

  /** Total engine steps spent, and the step count past which `step` throws. */
  steps = 0;
  maxSteps = Infinity;
  /** The per-request step budget, for messages. */
  stepBudget = Infinity;
  maxObjects = Infinity;
  /** Simulated bytes of every live object (each at its sys.getsizeof), and the budget for them. */
  bytes = 0;
  maxBytes = Infinity;
  /** sys.get_int_max_str_digits(): str(int) and int(str) refuse more decimal digits (0: no limit). */
  intMaxStrDigits = 4300;
  /** The most objects alive at once since `peakObjects` was last reset (for tests, benchmarks and grading). */
  peakObjects = 0;
  /** The most simulated bytes (`bytes`) held at once since `peakBytes` was last reset (a running max). */
  peakBytes = 0;
  /**
   * Told of every object at the end of its deallocation (never of one a finalizer
   * resurrected); `collecting` then says whether a collection freed it. Grading watches deaths with it.
   */
  onDeath: ((o: PyObject) => void) | null = null;
  /**
   * A guard the host may install (e.g. a wall-clock deadline): polled every few thousand
   * steps; when it answers true the running program stops with a 'time' budget error.
   * The engine never reads a clock itself.
   */
  interrupt: (() => boolean) | null = null;
  private interruptCountdown = INTERRUPT_POLL;
  /** Which budget stopped the current operation, if one did. */
  budgetHit: 'steps' | 'time' | null = null;

  // ---- deallocation machinery ----
  private trashNesting = 0;
  private trashLater: PyObject[] = [];

  runtime: Runtime | null = null;
  /** How dict and set tables run a key's __hash__ and __eq__ (the interpreter, when present). */
  keyCalls: KeyCalls | null = null;
  /** tracemalloc's view of allocations (see alloctrace.ts), when installed. */
  allocTracer: AllocTracer | null = null;
  /** A reader told of every allocation and deallocation (a traced run's step deltas); never changes the heap. */
  watcher: { allocated(o: PyObject): void; freed(o: PyObject): void } | null = null;
  /** Where gc.set_debug output goes (the interpreter's stderr), when set. */
  debugOutput: ((text: string) => void) | null = null;

  constructor(readonly events: EventSink) {
    this.garbage = this.track(this.register(new PyList([])));
    this.callbacks = this.track(this.register(new PyList([])));
    // Both are owned by the gc module, which lives forever.
    this.garbage.refcnt++;
    this.callbacks.refcnt++;
    this.generations[0]!.count = 0;
  }

  // ---------------------------------------------------------------- allocation

  /**
   * Give a freshly built object an address and account for it. Container objects count
   * toward generation 0's allocation count and may trigger an automatic collection
   * *before* the new object is tracked, as in CPython's _PyObject_GC_Link.
   */
  register<T extends PyObject>(o: T): T {
    if (o.type === intType) return this.registerInt(o as PyObject as PyInt) as PyObject as T;
    if (this.objects.size >= this.maxObjects && this.exempt === 0) {
      throw new PyError('MemoryError', `the sandbox's object limit (${this.maxObjects} live objects) is reached`);
    }
    const size = getsizeof(o);
    this.reserve(size);
    o.simBytes = size;
    this.bytes += size;
    if (this.bytes > this.peakBytes) this.peakBytes = this.bytes;
    o.setAddrSlot(this.addresses.allocate(o));
    if (++this.objects.size > this.peakObjects) this.peakObjects = this.objects.size;
    this.allocTracer?.allocated(o);
    this.watcher?.allocated(o);
    if (o.type.isGc) {
      const g0 = this.generations[0]!;
      g0.count++;
      if (g0.count > g0.threshold && this.enabled && g0.threshold > 0 && !this.collecting) {
        this.autoCollect?.();
      }
    }
    return o;
  }

  /**
   * register() for an exact int, the object a loop makes most: the same steps with what an
   * int is known to be — sized from its value alone (sizes.ts intSize, which getsizeof
   * answers for it), a bare pymalloc or malloc block (no pre-header), no GC header.
   */
  registerInt(o: PyInt): PyInt {
    if (this.objects.size >= this.maxObjects && this.exempt === 0) {
      throw new PyError('MemoryError', `the sandbox's object limit (${this.maxObjects} live objects) is reached`);
    }
    const size = o.simBytes > 0 ? o.simBytes : intSize(o.value);
    this.reserve(size);
    o.simBytes = size;
    this.bytes += size;
    // A bare block (no pre-header): its slot is the object's address slot.
    o.setAddrSlot(this.addresses.allocateBare(size));
    if (++this.objects.size > this.peakObjects) this.peakObjects = this.objects.size;
    this.allocTracer?.intAllocated(o);
    return o;
  }

  /**
   * Check that `n` more simulated bytes fit the budget; MemoryError if they don't. Called
   * before the work: a primitive whose result size depends on its operands ([0] * n,
   * big-int arithmetic, str.join) reserves its result's size before building it.
   */
  reserve(n: number): void {
    if (n > 0 && this.bytes + n > this.maxBytes && this.exempt === 0) throw this.memoryError(n);
  }

  /**
   * Run `fn` with the byte budget suspended: reporting an error (the exception, its message,
   * its traceback entries) must work when the budget is exhausted — CPython keeps
   * MemoryErrors preallocated for the same reason. Those objects are few and small.
   */
  exemptFromBudget<T>(fn: () => T): T {
    this.exempt++;
    try {
      return fn();
    } finally {
      this.exempt--;
    }
  }

  private exempt = 0;

  /** The MemoryError for an allocation of `n` bytes that does not fit. */
  memoryError(n: number): PyError {
    const want = Number.isFinite(n) && n < 2 ** 63 ? `${Math.ceil(n)} bytes` : 'more bytes than a 64-bit address space holds';
    return new PyError('MemoryError', `the sandbox's memory budget of ${this.maxBytes} bytes cannot fit ${want} more (${this.bytes} in use)`);
  }

  /**
   * A container's size changes to `size` (its getsizeof after the change): account the
   * difference, raising MemoryError before a growth that does not fit — the caller calls
   * this before it changes the container, so a failed growth leaves it as it was.
   */
  resized(o: PyObject, size: number): void {
    if (o.simBytes === 0) return; // not registered yet: register() measures it
    const delta = size - o.simBytes;
    if (delta > 0) this.reserve(delta);
    o.simBytes = size;
    this.bytes += delta;
    if (this.bytes > this.peakBytes) this.peakBytes = this.bytes;
  }

  /** Set by the collector module: run an automatic collection (gc_collect_generations). */
  autoCollect: (() => void) | null = null;

  /** Start tracking a container: it joins the youngest generation's list (at its end). */
  track<T extends PyObject>(o: T): T {
    if (o.gcFlags & GC_TRACKED) return o;
    o.gcFlags |= GC_TRACKED;
    listAppend(this.generations[0]!.head, o);
    return o;
  }

  /** Stop tracking (e.g. a tuple of atoms, a dict of atoms, an object being freed). */
  untrack(o: PyObject): void {
    if (!(o.gcFlags & GC_TRACKED)) return;
    o.gcFlags &= ~GC_TRACKED;
    listRemove(o);
  }

  // ---------------------------------------------------------------- refcounting

  /** Take a reference. A shared object is counted in this heap's table, never in itself. */
  incref(o: PyObject): void {
    const f = o.gcFlags;
    if (f & SHARED) {
      const slot = f >>> SHARED_SHIFT;
      if (slot >= this.sharedCounts.length) this.growShared(slot);
      this.sharedCounts[slot]++;
      return;
    }
    o.refcnt++;
  }

  /** Drop a reference; at zero the object dies. A shared object never dies (its baseline holds it). */
  decref(o: PyObject): void {
    const f = o.gcFlags;
    if (f & SHARED) {
      const slot = f >>> SHARED_SHIFT;
      if (slot >= this.sharedCounts.length) this.growShared(slot);
      this.sharedCounts[slot]--;
      return;
    }
    if (--o.refcnt === 0) this.die(o);
  }

  /**
   * Cover `slot` in the count table: a shared object made after this heap (a start-up str
   * is made on first use, by any sandbox) starts at zero here. Doubles, so growing is rare.
   */
  private growShared(slot: number): void {
    let n = this.sharedCounts.length;
    while (n <= slot) n *= 2;
    const t = new Int32Array(n);
    t.set(this.sharedCounts);
    this.sharedCounts = t;
  }

  /**
   * The sandbox has set itself up: what it holds of the shared objects now stands for what
   * CPython's own interpreter holds, which the recorded baselines already count. Counting
   * starts from zero here. `keep` restores a snapshot instead (see Interpreter: installing
   * the builtins mid-life must not count the builtins' own references).
   */
  settleShared(keep?: Int32Array): void {
    // The table may have grown since `keep` was taken: what lies past it starts at zero.
    this.sharedCounts.fill(0);
    if (keep) this.sharedCounts.set(keep);
  }

  /**
   * Spend engine steps; throws when the request's step budget is exhausted, or when the
   * host's interrupt guard says stop. Steps are deterministic, so where a program stopped
   * is too: the log records it and replay stops at the same step.
   */
  step(n = 1): void {
    this.steps += n;
    if (this.steps > this.maxSteps) {
      this.budgetHit = 'steps';
      throw new BudgetExceeded('steps', `step budget exhausted (${this.stepBudget} steps)`);
    }
    if (this.interrupt !== null && (this.interruptCountdown -= n) <= 0) {
      this.interruptCountdown = INTERRUPT_POLL;
      if (this.interrupt()) {
        this.budgetHit = 'time';
        throw new BudgetExceeded('time', 'time budget exhausted: the program ran too long');
      }
    }
  }

  /**
   * An object's count reached zero: run the deaths it causes, depth first, without
   * recursion. Two flat stacks stand in for CPython's nested tp_dealloc calls:
   * `dying` holds the objects whose deallocators are running (with where their references
   * start on `pending`), and `pending` holds the references each still has to release,
   * stored reversed so that popping yields them in the deallocator's order. A reference
   * that drops to zero pushes its own object on top — exactly the nesting of CPython's
   * calls. A finalizer that frees objects re-enters here and works above the current
   * tops, finishing before control returns.
   */
  private die(root: PyObject): void {
    const t = root.type;
    if (t === intType || t === floatType || t === strType) {
      // An exact int, float or str: no references, no finalizer, no weak references, no GC
      // header — its deallocator only gives the memory back (an int's block is its size).
      if (t === intType) this.allocTracer?.intFreed(root as PyInt);
      else this.allocTracer?.freed(root);
      this.endDeath(root, false, t === intType ? this.addresses.bareTarget(root.simBytes) : this.addresses.releaseTarget(root));
      return;
    }
    const base = this.dying.length;
    this.beginDeath(root);
    const dying = this.dying;
    const starts = this.dyingStarts;
    const pending = this.pending;
    while (dying.length > base) {
      const top = dying.length - 1;
      if (pending.length > starts[top]!) {
        const r = pending.pop()!;
        const f = r.gcFlags;
        if (f & SHARED) {
          const slot = f >>> SHARED_SHIFT;
          if (slot >= this.sharedCounts.length) this.growShared(slot);
          this.sharedCounts[slot]--;
          continue;
        }
        if (--r.refcnt === 0) this.beginDeath(r);
        continue;
      }
      const o = dying.pop()!;
      starts.pop();
      const end = this.dyingEnds.pop()!;
      this.endDeath(o, (end & 1) !== 0, end >> 1);
    }
  }

  private readonly dying: PyObject[] = [];
  private readonly dyingStarts: number[] = [];
  /**
   * What each dying object's end of tp_dealloc needs, in one small integer: where its memory
   * goes back to (AddressSpace.releaseTarget) times two, plus one when it entered the trashcan.
   */
  private readonly dyingEnds: number[] = [];
  private readonly pending: PyObject[] = [];

  /**
   * The start of tp_dealloc: trashcan check, finalizer (which may resurrect), weakref
   * clearing; then the object's references are queued for release. Nothing is queued when
   * the trashcan deferred the object or its finalizer resurrected it.
   */
  private beginDeath(o: PyObject): void {
    // Untracked before the trashcan check, as every tp_dealloc does: a deferred object waits
    // with no references counted, and the collector must not see it.
    this.untrack(o);
    const usesTrash = o.type.usesTrashcan;
    if (usesTrash) {
      if (this.trashNesting >= TRASH_UNWIND_LEVEL) {
        this.trashLater.push(o);
        return;
      }
      this.trashNesting++;
    }
    // gen_dealloc clears a generator's weakrefs before closing it (other types after).
    if (o.type.layout === 'generator' && o.weakrefs && o.weakrefs.length > 0) this.clearWeakrefs(o);
    // PEP 442: the finalizer runs at most once, with the object temporarily alive.
    if (!(o.gcFlags & GC_FINALIZED) && this.hasFinalizer(o)) {
      o.gcFlags |= GC_FINALIZED;
      o.refcnt = 1;
      const printed = this.runFinalizer(o);
      const resurrected = o.refcnt > 1;
      // The body is built only when the batch still records it (a full batch counts it).
      if (this.events.accepting) this.events.emit({ type: 'finalizer', object: hexId(o.addr), class: o.type.name, printed, resurrected });
      else this.events.drop('finalizer');
      if (--o.refcnt !== 0) {
        // Resurrected: the finalizer stored a new reference. The object lives on, tracked
        // again (CPython re-tracks it), and will not be finalized a second time.
        if (o.type.isGc) this.track(o);
        if (usesTrash) this.trashEnd();
        return;
      }
    }
    if (o.weakrefs && o.weakrefs.length > 0) this.clearWeakrefs(o);
    if (o.type === weakrefType || (o instanceof PyWeakref && o.type.isHeapType)) this.unlinkWeakref(o as PyWeakref);
    this.allocTracer?.freed(o);
    const pending = this.pending;
    const start = pending.length;
    const blockTarget = this.addresses.releaseTarget(o);
    o.releaseRefs(pending);
    // Reverse the new segment so popping releases in the deallocator's order.
    for (let i = start, j = pending.length - 1; i < j; i++, j--) {
      const t = pending[i]!;
      pending[i] = pending[j]!;
      pending[j] = t;
    }
    this.dying.push(o);
    this.dyingStarts.push(start);
    this.dyingEnds.push(blockTarget * 2 + (usesTrash ? 1 : 0));
  }

  /** The end of tp_dealloc: the memory goes back; generation 0's count goes down. */
  private endDeath(o: PyObject, trash: boolean, blockTarget: number): void {
    this.watcher?.freed(o);
    this.objects.size--;
    this.bytes -= o.simBytes;
    this.addresses.release(o, blockTarget);
    this.onDeath?.(o);
    if (o.type.isGc) {
      const g0 = this.generations[0]!;
      if (g0.count > 0) g0.count--;
    }
    if (this.events.accepting) this.events.emit({ type: 'dealloc', object: hexId(o.addr), objectType: o.type.name });
    else this.events.drop('dealloc');
    if (trash) this.trashEnd();
  }

  private trashEnd(): void {
    this.trashNesting--;
    if (this.trashLater.length > 0 && this.trashNesting <= 0) this.destroyTrashChain();
  }

  /**
   * _PyTrash_thread_destroy_chain: deallocate what the trashcan deferred, newest first,
   * at nesting level 1 (so each deferred object's own subtree gets 49 more levels).
   */
  private destroyTrashChain(): void {
    this.trashNesting++;
    while (this.trashLater.length > 0) this.die(this.trashLater.pop()!);
    this.trashNesting--;
  }

  hasFinalizer(o: PyObject): boolean {
    return (o.type.isHeapType && o.type.lookup('__del__', null) !== undefined) || o.needsBuiltinFinalize();
  }

  /** Call the finalizer through the runtime (the caller holds `o` alive meanwhile). */
  runFinalizer(o: PyObject): string {
    return this.runtime ? this.runtime.finalize(o) : '';
  }

  /**
   * PyObject_ClearWeakRefs: every weakref to `o` is cleared first, then the callbacks of
   * the ones still alive run in list order (the newest callback first).
   */
  clearWeakrefs(o: PyObject): void {
    const list = o.weakrefs!;
    o.weakrefs = null;
    const pending: [PyWeakref, PyObject][] = [];
    for (const wr of list) {
      wr.referent = null;
      const cb = wr.callback;
      wr.callback = null;
      if (!cb) continue;
      if (wr.refcnt > 0) {
        this.incref(wr);
        pending.push([wr, cb]);
      } else {
        this.decref(cb);
      }
    }
    for (const [wr, cb] of pending) {
      this.callWeakrefCallback(cb, wr);
      this.decref(cb);
      this.decref(wr);
    }
  }

  callWeakrefCallback(cb: PyObject, wr: PyWeakref): void {
    if (this.runtime) this.runtime.callWeakrefCallback(cb, wr);
  }

  /**
   * Weakrefs to shared objects, by referent. Those (builtin types above all) are shared by
   * every sandbox in the process, so their lists live here, on the heap whose objects the
   * weakrefs are: no sandbox sees, counts or reuses another's weakref to `list`. Shared
   * objects never die, so nothing ever clears these lists but the weakrefs' own deaths.
   */
  private readonly sharedWeakrefs = new Map<PyObject, PyWeakref[]>();

  /** The weakrefs to `o` this heap holds, in CPython's list order (borrowed), or null. */
  weakrefsOf(o: PyObject): PyWeakref[] | null {
    return o.gcFlags & SHARED ? (this.sharedWeakrefs.get(o) ?? null) : o.weakrefs;
  }

  /** A weakref object itself died: unlink it from its referent's list. */
  unlinkWeakref(wr: PyWeakref): void {
    const ref = wr.referent;
    const list = ref && this.weakrefsOf(ref);
    if (!list) return;
    const i = list.indexOf(wr);
    if (i >= 0) list.splice(i, 1);
    wr.referent = null;
  }

  /** The list newWeakref adds to: on the object, or here for a shared object. */
  private weakrefListFor(o: PyObject): PyWeakref[] {
    if (!(o.gcFlags & SHARED)) return (o.weakrefs ??= []);
    let list = this.sharedWeakrefs.get(o);
    if (!list) {
      list = [];
      this.sharedWeakrefs.set(o, list);
    }
    return list;
  }

  /**
   * weakref.ref(o, callback) / weakref.proxy(o, callback), as _PyWeakref_NewRef/NewProxy keep
   * the list: the callback-less ref of the exact type (the "basic ref") first and shared, then
   * the callback-less basic proxy (also shared), then the rest, newest first after those two.
   * `make` builds subclasses (KeyedRef, WeakMethod: never shared) and proxies.
   */
  newWeakref(o: PyObject, callback: PyObject | null, make?: (o: PyObject, cb: PyObject | null) => PyWeakref): PyWeakref {
    const list = this.weakrefListFor(o);
    const head = list[0];
    const basicRef = head && head.callback === null && head.refcnt > 0 && !head.isProxy && head.type === weakrefType ? head : null;
    const second = list[basicRef ? 1 : 0];
    const basicProxy = second && second.isProxy && second.callback === null && second.refcnt > 0 ? second : null;
    const wr = make ? make(o, callback) : new PyWeakref(o, callback);
    if (!callback && !make && basicRef) {
      this.incref(basicRef);
      return basicRef;
    }
    if (!callback && wr.isProxy && basicProxy) {
      this.incref(basicProxy);
      return basicProxy;
    }
    if (callback) this.incref(callback);
    this.track(this.register(wr));
    if (!callback && !make) list.unshift(wr);
    else if (!callback && wr.isProxy) list.splice(basicRef ? 1 : 0, 0, wr);
    else list.splice((basicRef ? 1 : 0) + (basicProxy ? 1 : 0), 0, wr);
    return wr;
  }

  // ---------------------------------------------------------------- queries

  /** The generation an object sits in: 0-2, 'permanent' (frozen), or null (untracked). */
  generationOf(o: PyObject): number | 'permanent' | null {
    if (!(o.gcFlags & GC_TRACKED)) return null;
    // Walk forward to the list head (a query, not a hot path).
    let n: PyObject = o;
    let budget = this.objects.size + 8;
    while (!(n instanceof GcHead) && budget-- > 0) n = n.gcNext!;
    if (n === this.permanent) return 'permanent';
    const i = this.generations.findIndex((g) => g.head === n);
    return i >= 0 ? i : null;
  }

  /** Every object holding a strong reference to `target` (gc.get_referrers over all objects). */
  referrersOf(target: PyObject): PyObject[] {
    const out: PyObject[] = [];
    for (const o of this.objects.values()) {
      let hit = false;
      o.traverse((r) => {
        if (r === target) hit = true;
      });
      if (hit) out.push(o);
    }
    return out;
  }

  /** gc.get_objects(generation): tracked objects, youngest generation first. */
  trackedObjects(generation?: number): PyObject[] {
    const gens = generation === undefined ? [0, 1, 2] : [generation];
    const out: PyObject[] = [];
    for (const g of gens) {
      const head = this.generations[g]!.head;
      for (let o = head.gcNext!; o !== head; o = o.gcNext!) out.push(o);
    }
    return out;
  }
}

/**
 * The live objects. Keeping a table of a million objects costs more than the heap's own
 * work, so the heap only counts them; listing walks the object graph from the roots (the
 * namespaces and frames the runtime registers, plus every tracked object, which covers
 * unreachable cycles). Between operations every live object is found this way.
 */
/** Something that holds root objects the heap's walks start from (LiveObjects.rootProviders). */
export interface RootProvider {
  roots(): Iterable<PyObject>;
}

export class LiveObjects {
  size = 0;
  /**
   * Sources of root objects (module namespace, frames, interned names, code constants, ...):
   * objects rather than closures, so a snapshot can carry them (snapshot/graph.ts).
   */
  readonly rootProviders: RootProvider[] = [];
  constructor(private readonly heap: Heap) {}

  /** Every live object reachable from the roots or the collector's lists, each once. */
  values(): IterableIterator<PyObject> {
    return this.walk(true).values();
  }

  /**
   * What the roots keep alive (without the collector's lists: cycles awaiting collection are
   * left out); null as soon as that is more than `max` objects (the walk stops there).
   */
  reachableFromRoots(max = Infinity): Set<PyObject> | null {
    return this.walk(false, max);
  }

  /**
   * The objects {@link values} lists (or, without `withTracked`, {@link reachableFromRoots}),
   * in the same order, found as the reader asks for them: a reader that stops early pays for
   * what it read, not for the heap. Invariant: the same walk as `walk` — roots, then the
   * collector's lists, then depth first from the stack — so the orders agree (a test checks
   * it). The heap must not change while the generator is read.
   */
  *inOrder(withTracked: boolean): Generator<PyObject, void, undefined> {
    const seen = new Set<PyObject>();
    const stack: PyObject[] = [];
    const push = (o: PyObject): void => {
      if (o.gcFlags & SHARED || seen.has(o)) return;
      seen.add(o);
      stack.push(o);
    };
    // Each object is produced when it is pushed; after a pop, the newly pushed are the stack's
    // top (the reader only reads, so the stack does not change under it).
    for (const p of this.rootProviders) {
      for (const o of p.roots()) {
        const before = stack.length;
        push(o);
        if (stack.length > before) yield o;
      }
    }
    if (withTracked) {
      const heads = [...this.heap.generations.map((g) => g.head), this.heap.permanent];
      for (const h of heads) {
        for (let o = h.gcNext!; o !== h; o = o.gcNext!) {
          const before = stack.length;
          push(o);
          if (stack.length > before) yield o;
        }
      }
    }
    while (stack.length > 0) {
      const o = stack.pop()!;
      const base = stack.length;
      o.traverse(push);
      for (let i = base; i < stack.length; i++) yield stack[i]!;
    }
  }

  private walk(withTracked: false, max: number): Set<PyObject> | null;
  private walk(withTracked: boolean): Set<PyObject>;
  private walk(withTracked: boolean, max = Infinity): Set<PyObject> | null {
    const seen = new Set<PyObject>();
    const stack: PyObject[] = [];
    const push = (o: PyObject): void => {
      if (o.gcFlags & SHARED || seen.has(o)) return;
      seen.add(o);
      stack.push(o);
    };
    for (const p of this.rootProviders) for (const o of p.roots()) push(o);
    if (withTracked) {
      const heads = [...this.heap.generations.map((g) => g.head), this.heap.permanent];
      for (const h of heads) for (let o = h.gcNext!; o !== h; o = o.gcNext!) push(o);
    }
    while (stack.length > 0) {
      if (seen.size > max) return null;
      stack.pop()!.traverse(push);
    }
    return seen.size > max ? null : seen;
  }

  /** The live object at an address, if any (a scan: for queries, not hot paths). */
  get(addr: number): PyObject | undefined {
    for (const o of this.values()) if (o.addr === addr) return o;
    return undefined;
  }

  has(o: PyObject): boolean {
    return o.refcnt > 0 && !(o.gcFlags & SHARED);
  }
}

/** The hexadecimal form of an address, as `hex(id(x))` prints it. */
export function hexId(addr: number): string {
  return '0x' + addr.toString(16);
}

// ---------------------------------------------------------------- intrusive GC lists

export function listInit(head: GcHead): void {
  head.gcNext = head;
  head.gcPrev = head;
}

export function listIsEmpty(head: GcHead): boolean {
  return head.gcNext === head;
}

/** Append `o` at the end of the list headed by `head`. */
export function listAppend(head: GcHead, o: PyObject): void {
  const last = head.gcPrev!;
  last.gcNext = o;
  o.gcPrev = last;
  o.gcNext = head;
  head.gcPrev = o;
}

export function listRemove(o: PyObject): void {
  o.gcPrev!.gcNext = o.gcNext;
  o.gcNext!.gcPrev = o.gcPrev;
  o.gcPrev = null;
  o.gcNext = null;
}

/** Move `o` from whatever list it is on to the end of `head`'s list. */
export function listMove(o: PyObject, head: GcHead): void {
  o.gcPrev!.gcNext = o.gcNext;
  o.gcNext!.gcPrev = o.gcPrev;
  listAppend(head, o);
}

/** Append all of `from`'s objects to the end of `to`, leaving `from` empty. */
export function listMerge(from: GcHead, to: GcHead): void {
  if (listIsEmpty(from)) return;
  const toLast = to.gcPrev!;
  const first = from.gcNext!;
  const last = from.gcPrev!;
  toLast.gcNext = first;
  first.gcPrev = toLast;
  last.gcNext = to;
  to.gcPrev = last;
  listInit(from);
}

export function listSize(head: GcHead): number {
  let n = 0;
  for (let o = head.gcNext!; o !== head; o = o.gcNext!) n++;
  return n;
}

