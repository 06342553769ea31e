/**
 * Which engine thread holds a sandbox: a pure function of its id and the number of engine
 * threads, so the front (front.ts) routes a request by its URL alone, with no table to keep
 * or lose. A thread creating a sandbox draws random ids until one is its own (a thread in K
 * draws K ids on average); a thread restoring from the store takes the ids that are its own.
 * The same data directory served with another HEAPLAB_THREADS simply spreads its sandboxes
 * differently.
 */
import type { Counts } from '../counts.js';
import { fnv1a } from '../hash.js';
import type { RateTable } from '../rates.js';

/** FNV-1a (32-bit) of the id's characters, modulo `threads`. */
export function threadOf(id: string, threads: number): number {
  return (fnv1a(id) >>> 0) % threads;
}

/** An engine thread's place among `count`: the limits' shared counts and its own ids. */
export interface Placement {
  readonly counts: Counts;
  /** Request rates per client (rateLimitPerSecond), shared too. */
  readonly rates: RateTable;
  owns(id: string): boolean;
}

export function placement(index: number, count: number, counts: Counts, rates: RateTable): Placement {
  return { counts, rates, owns: (id) => threadOf(id, count) === index };
}
