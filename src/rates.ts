/**
 * Request rates per client (rateLimitPerSecond), counted in memory every engine thread of
 * the process shares, so a client whose sandboxes live on several threads still gets the
 * limit once, not once per thread. It is the store @fastify/rate-limit counts in (its
 * `store` option): a fixed window per key, as the plugin's own LocalStore keeps.
 *
 * Layout: Int32 cells [LOCK, then `capacity` slots of (h1, h2, count)] and, after them, one
 * Float64 per slot: the window's start (ms since the epoch). Keys are 64-bit hashes, as in
 * src/counts.ts. A slot whose window has passed is free to reuse; slots are never emptied,
 * so a probe run ends at a never-used slot or after a full turn. A key not in the table
 * takes the first stale slot of its run. With `capacity` clients inside one window the
 * table is full and a new client is let through uncounted (what the plugin's LRU cache does
 * past its size: it forgets).
 */

import { fnv1a, FNV_BASIS_2, locked } from './hash.js';

const LOCK = 0;
const HEADER = 1;
const SLOT = 3;
/** Clients inside one window the table can hold (20 bytes each). */
export const RATE_CAPACITY = 16_384;

/** The plugin's callback: the key's requests in this window and ms until the window ends. */
type Done = (err: Error | null, state: { current: number; ttl: number }) => void;

export class RateTable {
  private readonly cells: Int32Array;
  private readonly starts: Float64Array;

  constructor(buffer: SharedArrayBuffer = RateTable.buffer(), private readonly now: () => number = Date.now) {
    this.cells = new Int32Array(buffer, 0, HEADER + SLOT * RATE_CAPACITY);
    this.starts = new Float64Array(buffer, RateTable.startsOffset(), RATE_CAPACITY);
  }

  private static startsOffset(): number {
    return Math.ceil((4 * (HEADER + SLOT * RATE_CAPACITY)) / 8) * 8;
  }

  static buffer(): SharedArrayBuffer {
    return new SharedArrayBuffer(RateTable.startsOffset() + 8 * RATE_CAPACITY);
  }

  /** Count one request of `key`; its count in the current window of `windowMs`, and the ms left of it. */
  hit(key: string, windowMs: number): { current: number; ttl: number } {
    const t = this.now();
    return locked(this.cells, LOCK, () => {
      const k = this.slotFor(key, t, windowMs);
      if (k < 0) return { current: 1, ttl: windowMs };
      const c = this.cells;
      const i = HEADER + SLOT * k;
      if (this.starts[k]! + windowMs <= t) {
        this.starts[k] = t;
        c[i + 2] = 0;
      }
      c[i + 2]!++;
      return { current: c[i + 2]!, ttl: this.starts[k]! + windowMs - t };
    });
  }

  /**
   * The slot of `key` (claimed for it if it has none: the first stale or never-used slot of
   * its run), or -1 when every slot is live for other keys.
   */
  private slotFor(key: string, t: number, windowMs: number): number {
    const c = this.cells;
    const h1 = fnv1a(key);
    const h2 = fnv1a(key, FNV_BASIS_2);
    let stale = -1;
    for (let n = 0, k = (h1 >>> 0) % RATE_CAPACITY; n < RATE_CAPACITY; n++, k = (k + 1) % RATE_CAPACITY) {
      const i = HEADER + SLOT * k;
      const used = c[i + 2] !== 0 || this.starts[k] !== 0;
      if (used && c[i] === h1 && c[i + 1] === h2) return k;
      if (!used || this.starts[k]! + windowMs <= t) {
        if (stale < 0) stale = k;
        if (!used) break; // the end of the run: the key is not in the table
      }
    }
    if (stale < 0) return -1;
    const i = HEADER + SLOT * stale;
    c[i] = h1;
    c[i + 1] = h2;
    c[i + 2] = 0;
    this.starts[stale] = 0; // stale: hit() starts its window
    return stale;
  }
}

/**
 * The table as @fastify/rate-limit's `store` option wants it: a class built with the
 * plugin's options, with incr/read/child.
 */
export function rateStore(table: RateTable) {
  return class SharedRateStore {
    incr(key: string, done: Done, timeWindow: number): void {
      done(null, table.hit(key, timeWindow));
    }

    child(): SharedRateStore {
      return this;
    }
  };
}
