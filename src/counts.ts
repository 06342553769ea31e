/**
 * The counts the server-wide limits are checked against: sandboxes held per quota subject
 * (maxSandboxesPerKey), sandboxes held in all (maxSandboxes) and WebSocket subscribers
 * (maxSubscribers).
 *
 * With several engine threads (HEAPLAB_THREADS, src/threads/front.ts) each thread holds
 * its own sandboxes, but a limit is the server's: a key may hold maxSandboxesPerKey
 * sandboxes in all, wherever they live. So the counts live in one SharedArrayBuffer that
 * every thread of the process sees, and a check and its increment are one atomic step
 * under a lock: two threads can never both take the last slot. One thread alone uses
 * the same code over a buffer of its own.
 *
 * Layout (Int32 cells): [LOCK, TOTAL, SUBSCRIBERS, then `capacity` slots of (h1, h2, n)]:
 * an open-addressing table keyed by two independent 32-bit hashes of the subject (64 bits:
 * two live subjects colliding on both is about n²/2^65), linear probing, and a slot's `n`
 * its sandboxes. A slot whose count drops to 0 is deleted by shifting later slots of its
 * probe run back (no tombstones), so the table holds exactly the subjects that hold a
 * sandbox: at most maxSandboxes of them, and capacity is at least twice that (up to a
 * bound; past it, a full table answers "server full").
 *
 * Invariant (under the lock): TOTAL = the sum of every slot's n = the sandboxes held by
 * all threads, counting those waiting to be restored.
 */

import { fnv1a, FNV_BASIS_2, locked } from './hash.js';

const LOCK = 0;
const TOTAL = 1;
const SUBSCRIBERS = 2;
const HEADER = 3;
const SLOT = 3;
/** The table never grows past this many slots (12 bytes each): 24 MiB. */
const MAX_CAPACITY = 1 << 21;

/** Which limit a sandbox would pass, if any. */
export type QuotaRefusal = 'maxSandboxesPerKey' | 'maxSandboxes';

/** Table slots for a server holding at most `maxSandboxes`: a power of two at least twice it. */
function capacityFor(maxSandboxes: number): number {
  let c = 16;
  while (c < 2 * maxSandboxes && c < MAX_CAPACITY) c *= 2;
  return c;
}

export class Counts {
  private readonly cells: Int32Array;
  private readonly capacity: number;

  /**
   * Counts over `buffer` (made by {@link Counts.buffer} for the same maxSandboxes and shared
   * with the other threads), or over a buffer of its own.
   */
  constructor(maxSandboxes: number, buffer: SharedArrayBuffer = Counts.buffer(maxSandboxes)) {
    this.capacity = capacityFor(maxSandboxes);
    this.cells = new Int32Array(buffer);
    if (this.cells.length !== HEADER + SLOT * this.capacity) throw new RangeError('counts buffer of another size');
  }

  /** A zeroed buffer for a server holding at most `maxSandboxes` sandboxes. */
  static buffer(maxSandboxes: number): SharedArrayBuffer {
    return new SharedArrayBuffer(4 * (HEADER + SLOT * capacityFor(maxSandboxes)));
  }

  /** Sandboxes held in all. */
  get total(): number {
    return Atomics.load(this.cells, TOTAL);
  }

  /** Sandboxes `subject` holds. */
  of(subject: string): number {
    return this.locked(() => {
      const i = this.find(subject);
      return i < 0 ? 0 : this.cells[i + 2]!;
    });
  }

  /**
   * Count one more sandbox for `subject`, unless it already holds `perSubject` or all hold
   * `total`: then nothing changes and the answer names the limit.
   */
  tryTake(subject: string, perSubject: number, total: number): QuotaRefusal | null {
    return this.locked(() => {
      const i = this.find(subject);
      const held = i < 0 ? 0 : this.cells[i + 2]!;
      if (held >= perSubject) return 'maxSandboxesPerKey';
      if (this.cells[TOTAL]! >= total) return 'maxSandboxes';
      if (!this.add(subject, i, 1)) return 'maxSandboxes';
      return null;
    });
  }

  /** Count one more sandbox for `subject` whatever the limits say (sandboxes restored at start-up). */
  take(subject: string): void {
    this.locked(() => this.add(subject, this.find(subject), 1));
  }

  /** Count one sandbox fewer for `subject` (deleted, expired, or its creation failed). */
  give(subject: string): void {
    this.locked(() => {
      const i = this.find(subject);
      if (i < 0) return;
      this.cells[TOTAL]!--;
      if (--this.cells[i + 2]! === 0) this.remove(i);
    });
  }

  /** WebSocket subscribers now. */
  get subscribers(): number {
    return Atomics.load(this.cells, SUBSCRIBERS);
  }

  /** Take a subscriber slot unless `max` are taken. */
  tryTakeSubscriber(max: number): boolean {
    for (;;) {
      const n = Atomics.load(this.cells, SUBSCRIBERS);
      if (n >= max) return false;
      if (Atomics.compareExchange(this.cells, SUBSCRIBERS, n, n + 1) === n) return true;
    }
  }

  giveSubscriber(): void {
    for (;;) {
      const n = Atomics.load(this.cells, SUBSCRIBERS);
      if (n <= 0) return;
      if (Atomics.compareExchange(this.cells, SUBSCRIBERS, n, n - 1) === n) return;
    }
  }

  // ------------------------------------------------------------ the table, under the lock

  private locked<T>(body: () => T): T {
    return locked(this.cells, LOCK, body);
  }

  private home(h1: number): number {
    return HEADER + SLOT * ((h1 >>> 0) & (this.capacity - 1));
  }

  private next(i: number): number {
    const j = i + SLOT;
    return j >= this.cells.length ? HEADER : j;
  }

  /** The cell index of `subject`'s slot, or -1. Invariant: a probe run ends at an empty slot (n = 0). */
  private find(subject: string): number {
    const h1 = fnv1a(subject);
    const h2 = fnv1a(subject, FNV_BASIS_2);
    const c = this.cells;
    for (let i = this.home(h1), k = 0; k < this.capacity; i = this.next(i), k++) {
      if (c[i + 2] === 0) return -1;
      if (c[i] === h1 && c[i + 1] === h2) return i;
    }
    return -1;
  }

  /** Add `n` to `subject`'s slot `i` (-1: a new slot); false when the table is full. */
  private add(subject: string, i: number, n: number): boolean {
    const c = this.cells;
    if (i < 0) {
      const h1 = fnv1a(subject);
      let j = this.home(h1);
      for (let k = 0; c[j + 2] !== 0; j = this.next(j), k++) if (k >= this.capacity / 2) return false;
      c[j] = h1;
      c[j + 1] = fnv1a(subject, FNV_BASIS_2);
      i = j;
    }
    c[i + 2]! += n;
    c[TOTAL]! += n;
    return true;
  }

  /**
   * Empty slot `i` and move back every later slot of its probe run that may sit there
   * (Knuth's deletion for linear probing), so every run still ends at an empty slot.
   */
  private remove(i: number): void {
    const c = this.cells;
    let hole = i;
    c[hole] = c[hole + 1] = c[hole + 2] = 0;
    for (let j = this.next(hole); c[j + 2] !== 0; j = this.next(j)) {
      const home = this.home(c[j]!);
      // j may move into the hole when its home is not cyclically in (hole, j].
      const between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (between) continue;
      c[hole] = c[j]!;
      c[hole + 1] = c[j + 1]!;
      c[hole + 2] = c[j + 2]!;
      c[j] = c[j + 1] = c[j + 2] = 0;
      hole = j;
    }
  }
}
