/**
 * Layout probe for issue 13 (not part of `npm run bench`; run `node dist/bench/gc-layout-probe.js`
 * after `npm run bench` has built dist/): what CPython's collection algorithm costs on the
 * benchmark's graph (bench/gc.ts: N lists, each holding two chosen by xorshift32, all held by
 * one holder) when the heap is laid out as CPython lays it out — a struct of arrays indexed by
 * object number: refcount, gc_refs, the GC list links and flags in typed arrays, each list's
 * items in one Int32Array pool at the capacity list_resize gives them (4 for two appends).
 *
 * No engine code runs here: it is the measured floor of the layout the issue proposes, to put
 * beside the engine's own figures (JS objects: 104 bytes per list object, its items a JSArray
 * plus a backing store, every referent a pointer to chase). Prints the full collection's CPU
 * time (nothing freed, as bench/gc.ts's first line) and the bytes per list.
 */
import { xorshift32 } from './gc.js';
const n = Number(process.env.BENCH_N ?? 1_000_000);
/** Objects 1..n are the lists, 0 the holder; two list heads follow them. */
const N = n + 1;
const YOUNG = N;
const UNREACHABLE_LIST = N + 1;
const COLLECTING = 4;
const UNREACHABLE_REFS = -(2 ** 30);

const refcnt = new Int32Array(N);
const gcRefs = new Int32Array(N);
const next = new Int32Array(N + 2);
const prev = new Int32Array(N + 2);
const flags = new Uint8Array(N);
const itemStart = new Int32Array(N);
const itemLen = new Int32Array(N);
const itemCap = new Int32Array(N);
let pool = new Int32Array(6 * N);
let poolTop = 0;

function listInit(h: number): void {
  next[h] = h;
  prev[h] = h;
}

function listAppend(h: number, o: number): void {
  const last = prev[h]!;
  next[last] = o;
  prev[o] = last;
  next[o] = h;
  prev[h] = o;
}

function listMove(o: number, h: number): void {
  next[prev[o]!] = next[o]!;
  prev[next[o]!] = prev[o]!;
  listAppend(h, o);
}

/** list.append: list_resize's over-allocation (4 for the first item), items copied on growth. */
function append(l: number, v: number): void {
  const len = itemLen[l]!;
  if (len === itemCap[l]) {
    const cap = len === 0 ? 4 : (len + 1 + ((len + 1) >> 3) + 6) & ~3;
    const s = poolTop;
    poolTop += cap;
    if (poolTop > pool.length) {
      const p = new Int32Array(Math.max(pool.length * 2, poolTop));
      p.set(pool);
      pool = p;
    }
    pool.copyWithin(s, itemStart[l]!, itemStart[l]! + len);
    itemStart[l] = s;
    itemCap[l] = cap;
  }
  pool[itemStart[l]! + len] = v;
  itemLen[l] = len + 1;
  refcnt[v]!++;
}

function build(): void {
  listInit(YOUNG);
  listInit(UNREACHABLE_LIST);
  refcnt[0] = 1; // the name holding the holder
  listAppend(YOUNG, 0);
  for (let i = 1; i <= n; i++) {
    listAppend(YOUNG, i);
    append(0, i);
  }
  const rnd = xorshift32();
  for (let i = 0; i < n; i++) {
    append(1 + i, 1 + (rnd() % n));
    append(1 + i, 1 + (rnd() % n));
  }
}

/** update_refs, subtract_refs, move_unreachable (as collector.ts runs them); returns the unreachable count. */
function collect(): number {
  for (let o = next[YOUNG]!; o !== YOUNG; o = next[o]!) {
    gcRefs[o] = refcnt[o]!;
    flags[o]! |= COLLECTING;
  }
  for (let o = next[YOUNG]!; o !== YOUNG; o = next[o]!) {
    const s = itemStart[o]!;
    const e = s + itemLen[o]!;
    for (let j = s; j < e; j++) {
      const r = pool[j]!;
      if (flags[r]! & COLLECTING) gcRefs[r]!--;
    }
  }
  let unreachable = 0;
  let o = next[YOUNG]!;
  while (o !== YOUNG) {
    const following = next[o]!;
    if (gcRefs[o]! > 0) {
      const s = itemStart[o]!;
      for (let j = s + itemLen[o]! - 1; j >= s; j--) {
        const r = pool[j]!;
        if (!(flags[r]! & COLLECTING)) continue;
        if (gcRefs[r] === UNREACHABLE_REFS) {
          listMove(r, YOUNG);
          gcRefs[r] = 1;
          unreachable--;
        } else if (gcRefs[r] === 0) {
          gcRefs[r] = 1;
        }
      }
      flags[o]! &= ~COLLECTING;
      o = next[o]!;
    } else {
      gcRefs[o] = UNREACHABLE_REFS;
      listMove(o, UNREACHABLE_LIST);
      unreachable++;
      o = following;
    }
  }
  return unreachable;
}

build();
const times: number[] = [];
for (let k = 0; k < 7; k++) {
  const c0 = process.cpuUsage();
  const r = collect();
  const c = process.cpuUsage(c0);
  if (r !== 0) throw new Error(`probe: ${r} unreachable, expected 0`);
  times.push((c.user + c.system) / 1000);
}
// The first two collections are the JIT warming up; the rest, sorted.
const steady = times.slice(2).sort((a, b) => a - b);
const headerBytes = 4 * 8 + 1; // refcnt, gc_refs, next, prev, item start/len/cap + the type's slot; flags
const bytes = (headerBytes * N + 4 * poolTop) / n;
console.log(`layout probe, ${n.toLocaleString('en')} lists: full collect ${steady[0]!.toFixed(1)}-${steady[steady.length - 1]!.toFixed(1)} ms CPU ` +
  `(median ${steady[steady.length >> 1]!.toFixed(1)}), ${bytes.toFixed(0)} bytes per list (headers + item pool, holder included)`);
