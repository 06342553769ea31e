/**
 * FNV-1a (32-bit) over a string's UTF-16 code units, from `basis`: the hash behind which
 * engine thread holds a sandbox (src/threads/placement.ts) and the keys of the tables the
 * threads share (src/counts.ts, src/rates.ts, which use two bases for a 64-bit key).
 */
export const FNV_BASIS = 0x811c9dc5 | 0;
/** A second basis, for a hash independent of the first. */
export const FNV_BASIS_2 = 0x050c5d1f;

export function fnv1a(s: string, basis: number = FNV_BASIS): number {
  let h = basis;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * Run `body` holding the lock in `cells[at]` (0 free, 1 held), shared by the threads that
 * see `cells`. Sections are a few probes long; a thread finding the lock taken waits for it
 * (Node lets every thread block on Atomics.wait).
 */
export function locked<T>(cells: Int32Array, at: number, body: () => T): T {
  while (Atomics.compareExchange(cells, at, 0, 1) !== 0) Atomics.wait(cells, at, 1, 1);
  try {
    return body();
  } finally {
    Atomics.store(cells, at, 0);
    Atomics.notify(cells, at, 1);
  }
}
