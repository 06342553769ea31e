/**
 * Collector benchmark: the same object graph in the engine and in CPython, in one run.
 *
 * Graph: N lists; list i appends two lists chosen by a xorshift32 sequence both sides
 * compute identically. A holder list keeps all N alive.
 *   traverse — gc.collect() with everything reachable (nothing freed); median of 3
 *              (the first run on each side also pays for warming caches and the JIT)
 *   free all — drop the holder, then gc.collect() (refcounting frees the acyclic part,
 *              the collector the cycles)
 * Prints each time and ours/CPython. Also: a 1,000,000-deep chain freed by refcounting.
 */
import { spawnSync } from 'node:child_process';
import { Sandbox } from '../sandbox/sandbox.js';
import { newList } from '../sandbox/factory.js';
import { listAppend } from '../sandbox/containers.js';
import { collect } from '../sandbox/collector.js';
import type { PyList } from '../sandbox/objects.js';

const PY_PROGRAM = (n: number): string => `
import gc, time, json
gc.disable()
N = ${n}
x = 2463534242
def rnd():
    global x
    x ^= (x << 13) & 0xffffffff
    x ^= x >> 17
    x ^= (x << 5) & 0xffffffff
    return x
lists = [[] for _ in range(N)]
for i in range(N):
    lists[i].append(lists[rnd() % N])
    lists[i].append(lists[rnd() % N])
times = []
for _ in range(3):
    t0 = time.perf_counter(); r1 = gc.collect(); times.append(time.perf_counter() - t0)
times.sort()
t1 = time.perf_counter()
del lists
t2 = time.perf_counter(); r2 = gc.collect(); t3 = time.perf_counter()
head = []
cur = head
for i in range(${n}):
    nxt = []
    cur.append(nxt)
    cur = nxt
del nxt, cur
t4 = time.perf_counter(); del head; t5 = time.perf_counter()
print(json.dumps({"traverse": times[1] * 1000, "free": (t3 - t2) * 1000, "chain": (t5 - t4) * 1000, "r1": r1, "r2": r2}))
`;

interface GcTimes {
  traverse: number;
  free: number;
  chain: number;
  r1: number;
  r2: number;
}

function runCPython(n: number): GcTimes | null {
  const r = spawnSync('python3', ['-c', PY_PROGRAM(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout.trim()) as GcTimes;
}

function runEngine(n: number): GcTimes {
  const sb = new Sandbox({ gc: { enabled: false }, limits: { maxEventsPerOp: 100 } });
  const heap = sb.runtime.heap;
  heap.events.begin();
  let x = 2463534242;
  const rnd = (): number => {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    return x;
  };
  const holder = newList(heap, []);
  for (let i = 0; i < n; i++) {
    const l = newList(heap, []);
    listAppend(heap, holder, l);
    heap.decref(l);
  }
  const items = holder.items as PyList[];
  for (let i = 0; i < n; i++) {
    listAppend(heap, items[i]!, items[rnd() % n]!);
    listAppend(heap, items[i]!, items[rnd() % n]!);
  }
  const times: number[] = [];
  let r1 = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    r1 = collect(heap, 2).unreachable;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const t1 = performance.now();
  heap.decref(holder);
  const r2 = collect(heap, 2).unreachable;
  const t3 = performance.now();
  heap.events.end();

  heap.events.begin();
  const head = newList(heap, []);
  let cur = head;
  for (let i = 0; i < n; i++) {
    const nxt = newList(heap, []);
    listAppend(heap, cur, nxt);
    heap.decref(nxt);
    cur = nxt;
  }
  const t4 = performance.now();
  heap.decref(head);
  const t5 = performance.now();
  heap.events.end();
  if (heap.objects.size > 10) throw new Error(`chain not freed: ${heap.objects.size} objects left`);
  return { traverse: times[1]!, free: t3 - t1, chain: t5 - t4, r1, r2 };
}

export function runGcBench(n = 1_000_000): void {
  console.log(`\n## Collector: ${n.toLocaleString('en')} lists, ${(2 * n).toLocaleString('en')} references`);
  // One warm-up at a tenth of the size, so the JIT has seen the hot loops.
  runEngine(Math.max(1000, Math.floor(n / 10)));
  const ours = runEngine(n);
  const py = runCPython(n);
  const row = (label: string, a: number, b: number | undefined): void => {
    const ratio = b ? `${(a / b).toFixed(2)}x` : 'n/a';
    console.log(`${label.padEnd(38)} ours ${a.toFixed(1).padStart(8)} ms   CPython ${b === undefined ? '     n/a' : b.toFixed(1).padStart(8)} ms   ratio ${ratio}`);
  };
  row('full collect (traverse, median of 3)', ours.traverse, py?.traverse);
  row('free all (del + collect)', ours.free, py?.free);
  row('free a 1M-deep chain', ours.chain, py?.chain);
  if (py && (py.r1 !== ours.r1 || py.r2 !== ours.r2)) {
    console.log(`MISMATCH collect() results: ours ${ours.r1}/${ours.r2}, CPython ${py.r1}/${py.r2}`);
  } else if (py) {
    console.log(`collect() returned ${ours.r1} then ${ours.r2} in both`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runGcBench(Number(process.env.BENCH_N ?? 1_000_000));
