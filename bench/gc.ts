/**
 * Collector benchmark (issue 13): the same object graph in the engine and in CPython 3.11,
 * in one run, at 100k, 300k and 1M lists (BENCH_N=n picks one size).
 *
 * Graph: N lists; list i appends two lists chosen by a xorshift32 sequence both sides
 * compute identically (so about 86% of the lists are somebody's item — the generator
 * reaches most of them). A holder list keeps all N alive.
 *
 * CPython runs as one long-lived child process driven line by line, so that every round
 * is a pair — one timing on each side — and the rounds alternate which side goes first.
 * Each figure is the median over its rounds, per side:
 *   full collect — gc.collect() with everything reachable (nothing freed), ROUNDS rounds
 *                  after one untimed warm-up collection on each side
 *   free all     — a fresh graph per round; the holder is dropped (refcounting frees the
 *                  lists nobody else holds), then both timers start and gc.collect() frees
 *                  the cycles
 *   chain        — a fresh N-deep chain of lists per round, freed by refcounting alone
 *                  (the timer covers the `del` of its head), CHAIN_ROUNDS rounds after one
 *                  untimed warm-up chain on each side
 *   memory       — bytes per list of the graph: CPython's tracemalloc (what its allocators
 *                  were asked for) against the JS heap plus array buffers (after a full
 *                  V8 collection on both ends of the build)
 * Prints each median, ours/CPython — wall time, and process CPU time beside it (on a shared
 * machine the wall clock also counts time the process waited for a core) — and the
 * collect() results, which must agree.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { Sandbox } from '../sandbox/sandbox.js';
import { newList } from '../sandbox/factory.js';
import { listAppend } from '../sandbox/containers.js';
import { collect } from '../sandbox/collector.js';
import type { Heap } from '../sandbox/heap.js';
import type { PyList } from '../sandbox/objects.js';

/**
 * The xorshift32 sequence both sides pick referents with (seed 2463534242): the Python
 * driver computes the same numbers, so both heaps hold the same graph.
 */
export function xorshift32(seed = 2463534242): () => number {
  let x = seed;
  return () => {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    return x;
  };
}

const SIZES = [100_000, 300_000, 1_000_000];
const COLLECT_ROUNDS = 5;
const FREE_ROUNDS = 3;
const CHAIN_ROUNDS = 3;

/** The CPython side: reads one command per line, answers one JSON line. */
const PY_DRIVER = `
import gc, time, json, sys, tracemalloc
gc.disable()
N = int(sys.argv[1])
graph = None
chain = None

def build():
    x = 2463534242
    lists = [[] for _ in range(N)]
    for i in range(N):
        x ^= (x << 13) & 0xffffffff
        x ^= x >> 17
        x ^= (x << 5) & 0xffffffff
        lists[i].append(lists[x % N])
        x ^= (x << 13) & 0xffffffff
        x ^= x >> 17
        x ^= (x << 5) & 0xffffffff
        lists[i].append(lists[x % N])
    return lists

def build_chain():
    head = []
    cur = head
    for i in range(N):
        nxt = []
        cur.append(nxt)
        cur = nxt
    return head

for line in sys.stdin:
    cmd = line.strip()
    out = {}
    if cmd == 'build':
        graph = build()
        gc.collect()
    elif cmd == 'collect':
        c0 = time.process_time(); t0 = time.perf_counter(); r = gc.collect(); t1 = time.perf_counter(); c1 = time.process_time()
        out = {"ms": (t1 - t0) * 1000, "cpu": (c1 - c0) * 1000, "r": r}
    elif cmd == 'free':
        graph = None
        c0 = time.process_time(); t0 = time.perf_counter(); r = gc.collect(); t1 = time.perf_counter(); c1 = time.process_time()
        out = {"ms": (t1 - t0) * 1000, "cpu": (c1 - c0) * 1000, "r": r}
    elif cmd == 'chain':
        chain = build_chain()
    elif cmd == 'unchain':
        c0 = time.process_time(); t0 = time.perf_counter(); chain = None; t1 = time.perf_counter(); c1 = time.process_time()
        out = {"ms": (t1 - t0) * 1000, "cpu": (c1 - c0) * 1000}
    elif cmd == 'memory':
        graph = None
        gc.collect()
        tracemalloc.start()
        m0 = tracemalloc.get_traced_memory()[0]
        graph = build()
        m1 = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        out = {"bytes": (m1 - m0) / N}
    elif cmd == 'quit':
        break
    print(json.dumps(out), flush=True)
`;

/** One timed operation: wall and CPU milliseconds, and what collect() returned. */
interface Timing {
  ms?: number;
  cpu?: number;
  r?: number;
  bytes?: number;
}

/** Process CPU time in ms (user + system): less disturbed than wall time on a shared machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** A CPython child process answering one command at a time. */
class CPython {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly waiting: Array<(line: string) => void> = [];

  constructor(n: number) {
    this.proc = spawn('python3', ['-c', PY_DRIVER, String(n)]);
    this.proc.stderr.pipe(process.stderr);
    this.lines = createInterface({ input: this.proc.stdout });
    this.lines.on('line', (l) => this.waiting.shift()?.(l));
  }

  ask(cmd: string): Promise<Timing> {
    return new Promise((resolve) => {
      this.waiting.push((l) => resolve(JSON.parse(l) as Timing));
      this.proc.stdin.write(cmd + '\n');
    });
  }

  close(): void {
    this.proc.stdin.write('quit\n');
    this.lines.close();
  }
}

/** The engine side: one sandbox with automatic collection off, as on the CPython side. */
class Engine {
  readonly heap: Heap;
  private holder: PyList | null = null;
  private chainHead: PyList | null = null;

  constructor(private readonly n: number) {
    const sb = new Sandbox({ gc: { enabled: false }, limits: { maxEventsPerOp: 100, maxBytes: 2 ** 40, maxObjects: Infinity } });
    this.heap = sb.runtime.heap;
  }

  /** The graph: N lists, each holding two others chosen by xorshift32, all held by `holder`. */
  build(): void {
    const heap = this.heap;
    const n = this.n;
    heap.events.begin();
    const rnd = xorshift32();
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
    this.holder = holder;
    collect(heap, 2);
    heap.events.end();
  }

  collect(): Timing {
    return this.timedCollect(() => {});
  }

  free(): Timing {
    return this.timedCollect(() => {
      this.heap.decref(this.holder!);
      this.holder = null;
    });
  }

  /** A full collection timed (wall and CPU) after `before` ran untimed. */
  private timedCollect(before: () => void): Timing {
    this.heap.events.begin();
    before();
    const c0 = cpuMs();
    const t0 = performance.now();
    const r = collect(this.heap, 2).unreachable;
    const ms = performance.now() - t0;
    const cpu = cpuMs() - c0;
    this.heap.events.end();
    return { ms, cpu, r };
  }

  chain(): void {
    const heap = this.heap;
    heap.events.begin();
    const head = newList(heap, []);
    let cur = head;
    for (let i = 0; i < this.n; i++) {
      const nxt = newList(heap, []);
      listAppend(heap, cur, nxt);
      heap.decref(nxt);
      cur = nxt;
    }
    this.chainHead = head;
    heap.events.end();
  }

  unchain(): Timing {
    const heap = this.heap;
    heap.events.begin();
    const c0 = cpuMs();
    const t0 = performance.now();
    heap.decref(this.chainHead!);
    const ms = performance.now() - t0;
    const cpu = cpuMs() - c0;
    this.chainHead = null;
    heap.events.end();
    if (heap.objects.size > 10) throw new Error(`chain not freed: ${heap.objects.size} objects left`);
    return { ms, cpu };
  }

  /** Bytes per list of the graph: JS heap plus array buffers, measured around a build. */
  memory(): number {
    const gc = (globalThis as { gc?: () => void }).gc;
    const used = (): number => {
      gc?.();
      gc?.();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const m0 = used();
    this.build();
    const m1 = used();
    return (m1 - m0) / this.n;
  }
}

/** The share of the N lists that some list appends (the same xorshift32 sequence as the graph). */
function reached(n: number): number {
  const hit = new Uint8Array(n);
  let x = 2463534242;
  for (let i = 0; i < 2 * n; i++) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    hit[x % n] = 1;
  }
  let k = 0;
  for (let i = 0; i < n; i++) k += hit[i]!;
  return k / n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Run `ours` and `theirs` as paired rounds: before each round `prepare` sets both sides up
 * (untimed), then the two timings run one after the other, the first round ours first,
 * the next CPython first, and so on.
 */
async function pairedRounds(
  rounds: number,
  prepare: () => Promise<void>,
  ours: () => Timing,
  theirs: () => Promise<Timing>,
): Promise<Paired> {
  const p: Paired = { ours: [], theirs: [], oursCpu: [], theirsCpu: [], r: [undefined, undefined] };
  for (let i = 0; i < rounds; i++) {
    await prepare();
    let x: Timing;
    let y: Timing;
    if (i % 2 === 0) {
      x = ours();
      y = await theirs();
    } else {
      y = await theirs();
      x = ours();
    }
    p.ours.push(x.ms!);
    p.theirs.push(y.ms!);
    p.oursCpu.push(x.cpu!);
    p.theirsCpu.push(y.cpu!);
    p.r = [x.r, y.r];
  }
  return p;
}

interface Paired {
  ours: number[];
  theirs: number[];
  oursCpu: number[];
  theirsCpu: number[];
  r: [number | undefined, number | undefined];
}

/** One line per measurement: wall-time medians and their ratio, then CPU-time medians and theirs. */
function row(label: string, p: Paired): void {
  const a = median(p.ours);
  const b = median(p.theirs);
  const ac = median(p.oursCpu);
  const bc = median(p.theirsCpu);
  console.log(`${label.padEnd(40)} ours ${a.toFixed(1).padStart(8)} ms   CPython ${b.toFixed(1).padStart(8)} ms   ratio ${(a / b).toFixed(2)}x` +
    `   (CPU: ${ac.toFixed(1)} / ${bc.toFixed(1)} ms, ${(ac / bc).toFixed(2)}x)`);
}

async function benchSize(n: number): Promise<void> {
  console.log(`\n## Collector: ${n.toLocaleString('en')} lists, ${(2 * n).toLocaleString('en')} references`);
  const py = new CPython(n);
  const eng = new Engine(n);
  try {
    // Memory first, on a fresh process and heap; the graph it builds is the one collected next.
    const pyBytes = (await py.ask('memory')).bytes!;
    const ourBytes = eng.memory();
    // One untimed collection on each side: the JIT and the caches have seen the loops.
    eng.collect();
    await py.ask('collect');
    const full = await pairedRounds(COLLECT_ROUNDS, async () => {}, () => eng.collect(), () => py.ask('collect'));
    row(`full collect, nothing freed (median of ${COLLECT_ROUNDS})`, full);
    let first = true;
    const free = await pairedRounds(
      FREE_ROUNDS,
      async () => {
        if (!first) {
          eng.build();
          await py.ask('build');
        }
        first = false;
      },
      () => eng.free(),
      () => py.ask('free'),
    );
    row(`free all: drop holder, collect (median of ${FREE_ROUNDS})`, free);
    // One untimed chain on each side, as for the collections: the JIT has seen the loops.
    eng.chain();
    eng.unchain();
    await py.ask('chain');
    await py.ask('unchain');
    const chain = await pairedRounds(
      CHAIN_ROUNDS,
      async () => {
        eng.chain();
        await py.ask('chain');
      },
      () => eng.unchain(),
      () => py.ask('unchain'),
    );
    row(`free a ${n.toLocaleString('en')}-deep chain (median of ${CHAIN_ROUNDS})`, chain);
    console.log(`${'memory per list of the graph'.padEnd(40)} ours ${ourBytes.toFixed(0).padStart(8)} B    CPython ${pyBytes.toFixed(0).padStart(8)} B    ratio ${(ourBytes / pyBytes).toFixed(2)}x`);
    console.log(`${'lists held by another list'.padEnd(40)} ${(100 * reached(n)).toFixed(1)}% (the generator reaches most of them)`);
    const same = full.r[0] === full.r[1] && free.r[0] === free.r[1];
    console.log(same
      ? `collect() returned ${full.r[0]} then ${free.r[0]} on both sides`
      : `MISMATCH collect() results: ours ${full.r[0]}/${free.r[0]}, CPython ${full.r[1]}/${free.r[1]}`);
  } finally {
    py.close();
  }
}

export async function runGcBench(sizes: number[] = SIZES): Promise<void> {
  for (const n of sizes) await benchSize(n);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runGcBench(process.env.BENCH_N ? [Number(process.env.BENCH_N)] : SIZES);
}
