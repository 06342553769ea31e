/**
 * HTTP benchmark: heaplab on one engine thread and on two (HEAPLAB_THREADS, the front of
 * src/threads/front.ts) against a bare Fastify route taking the same body, under
 * autocannon, in the same run. Two loads:
 *   op   — a single-op round trip (POST .../ops with one getrefcount) on one sandbox;
 *          target ≥ 85% of bare Fastify's throughput;
 *   exec — POST .../exec of a short program, spread over 8 sandboxes (so both engine
 *          threads hold some); target: two threads ×1.7 one thread's throughput.
 * Prints throughputs, ratios, p99 latency and the CPU the server process used (cores busy
 * on average while loaded: /proc/<pid>/stat); then the idle sandbox density
 * (bench/sandboxes.ts).
 *
 * Each server runs in its own child process (autocannon stays in this one), started
 * the same way; heaplab runs with its production configuration at LOG_LEVEL=warn (no
 * per-request log lines, as the bare server has none).
 *
 * All servers stay up and the load alternates between them for several rounds (the order
 * rotates, and each run has its own 1 s warm-up), so load from other processes on the
 * machine hits all alike; medians are reported.
 *
 * Standalone: `npx tsx bench/http.ts`. Env: BENCH_DURATION (seconds per run, default 4),
 * BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 50), BENCH_SANDBOXES (density count,
 * default 100000; 0 skips it).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runSandboxDensityBench, type SandboxDensity } from './sandboxes.js';

const BODY = JSON.stringify({ ops: [{ op: 'getrefcount', target: 'a' }] });
/** The short program of the exec load: a list comprehension and its collection by refcount. */
const PROGRAM = 'xs = [i * i for i in range(20)]\ntotal = sum(xs)\ndel xs\n';
const EXEC_SANDBOXES = 8;

interface CannonResult {
  requests: { average: number; total: number };
  latency: { average: number; p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

type Kind = 'bare' | 'heaplab-1' | 'heaplab-2';
type Load = 'op' | 'exec';
const KINDS: Kind[] = ['bare', 'heaplab-1', 'heaplab-2'];

interface Figure {
  rps: number;
  p99: number;
  /** Server CPU while loaded, in cores (1.0 = one core busy all the time). */
  cores: number;
}

export interface HttpBenchResult {
  op: Record<Kind, Figure>;
  exec: Record<Kind, Figure>;
  ratio: number;
  density: SandboxDensity | null;
}

// ---------------------------------------------------------------------------------- servers

async function serve(kind: Kind): Promise<void> {
  let port: number;
  if (kind === 'bare') {
    const { default: Fastify } = await import('fastify');
    const app = Fastify({ logger: false });
    const reply = { results: [{ refcount: 2 }], events: [] };
    app.post('/v1/sandboxes/:id/ops', async (req) => (req.body ? reply : reply));
    app.addContentTypeParser('text/x-python', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    const ran = { stdout: '', stderr: '', error: null, events: [] };
    app.post('/v1/sandboxes/:id/exec', async (req) => (req.body ? ran : ran));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  } else {
    const { loadConfig } = await import('../src/config.js');
    const { startServerThread } = await import('../src/threads/supervise.js');
    // One client hammering one sandbox is the point here: the per-client rate limit is off
    // (every other protection - headers, load shedding, reply cap - stays on and is measured).
    // Sandboxes in memory unless HEAPLAB_STORE says otherwise (the measured op is a read,
    // which is never journaled; `npm run bench -- durable` measures the journal). It runs as
    // src/main.ts runs it: on its engine thread, which this process's main thread supervises.
    const env = {
      HEAPLAB_STORE: 'memory', ...process.env, LOG_LEVEL: 'warn', HEAPLAB_MAX_LOG_ENTRIES: '100000000', HEAPLAB_RATE_LIMIT_RPS: '0',
      PORT: '0', HOST: '127.0.0.1', HEAPLAB_THREADS: kind === 'heaplab-2' ? '2' : '1',
    };
    port = await startServerThread({ graceMs: loadConfig(env).shutdownGraceMs, env }).listening;
  }
  process.send!({ port });
}

function start(kind: Kind): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--serve', kind], {
      // Compiled (npm run bench) the child runs tsc's output as production does; run
      // standalone through tsx, it keeps tsx (see test/hostile/harness.ts on what that costs).
      execArgv: import.meta.url.endsWith('.js') ? [] : ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m: { port: number }) => resolve({ child, url: `http://127.0.0.1:${m.port}` }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await gone;
}

// ---------------------------------------------------------------------------------- load

interface Target {
  child: ChildProcess;
  url: string;
  /** Requests autocannon cycles through, per load. */
  requests: Record<Load, Array<{ method: 'POST'; path: string; headers: Record<string, string>; body: string }>>;
}

async function load(t: Target, what: Load, seconds: number, connections: number): Promise<CannonResult> {
  const r = await autocannon({ url: t.url, requests: t.requests[what], connections, duration: seconds });
  if (r.non2xx || r.errors || r.timeouts) {
    throw new Error(`${t.url} ${what}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  }
  return r;
}

/** CPU seconds the process has used (user + system; Linux /proc). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

const json = { 'content-type': 'application/json' };
const python = { 'content-type': 'text/x-python' };

/** Start a server and prepare its requests (heaplab: a sandbox holding `a = []`, and 8 for exec). */
async function prepare(kind: Kind): Promise<Target> {
  const { child, url } = await start(kind);
  const op = (path: string) => ({ method: 'POST' as const, path, headers: json, body: BODY });
  const exec = (path: string) => ({ method: 'POST' as const, path, headers: python, body: PROGRAM });
  if (kind === 'bare') return { child, url, requests: { op: [op('/v1/sandboxes/x/ops')], exec: [exec('/v1/sandboxes/x/exec')] } };
  const create = async () => ((await (await fetch(`${url}/v1/sandboxes`, { method: 'POST' })).json()) as { id: string }).id;
  const id = await create();
  const path = `/v1/sandboxes/${id}/ops`;
  const post = async (body: string) =>
    (await fetch(url + path, { method: 'POST', headers: json, body })).json() as Promise<{
      results: { refcount: number }[];
    }>;
  await post(JSON.stringify({ ops: [{ op: 'alloc', type: 'list', name: 'a' }] }));
  const check = await post(BODY);
  if (check.results?.[0]?.refcount !== 2) throw new Error(`getrefcount(a) answered ${JSON.stringify(check)}`);
  const execs = [];
  for (let i = 0; i < EXEC_SANDBOXES; i++) execs.push(exec(`/v1/sandboxes/${await create()}/exec`));
  return { child, url, requests: { op: [op(path)], exec: execs } };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmtRps = (n: number) => Math.round(n).toLocaleString('en');

export async function runHttpBench(
  opts: { seconds?: number; connections?: number; rounds?: number; sandboxes?: number } = {},
): Promise<HttpBenchResult> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_DURATION ?? 4);
  const connections = opts.connections ?? Number(process.env.BENCH_CONNECTIONS ?? 50);
  const sandboxes = opts.sandboxes ?? Number(process.env.BENCH_SANDBOXES ?? 100_000);
  const rounds = opts.rounds ?? Number(process.env.BENCH_ROUNDS ?? 3);
  console.log(
    `HTTP: ${connections} connections, ${rounds} rotating rounds of ${seconds} s per server and load (medians); ` +
      'heaplab on 1 engine thread and on 2 (HEAPLAB_THREADS)',
  );
  const servers = {} as Record<Kind, Target>;
  for (const k of KINDS) servers[k] = await prepare(k);
  const runs = { op: {}, exec: {} } as Record<Load, Record<Kind, Array<CannonResult & { cores: number }>>>;
  for (const l of ['op', 'exec'] as Load[]) for (const k of KINDS) runs[l][k] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      for (const l of ['op', 'exec'] as Load[]) {
        // Rotate who goes first, and warm each server up right before it is measured: a
        // server that sat idle while another was loaded otherwise pays for V8's idle-time
        // heap shrinking in its first second.
        for (let j = 0; j < KINDS.length; j++) {
          const k = KINDS[(i + j) % KINDS.length]!;
          const t = servers[k];
          await load(t, l, 1, connections);
          const cpu0 = cpuSeconds(t.child.pid!);
          const t0 = performance.now();
          const r = await load(t, l, seconds, connections);
          const cores = (cpuSeconds(t.child.pid!) - cpu0) / ((performance.now() - t0) / 1000);
          runs[l][k].push({ ...r, cores });
        }
      }
    }
  } finally {
    await Promise.all(KINDS.map((k) => stop(servers[k].child)));
  }
  const summary = (rs: Array<CannonResult & { cores: number }>): Figure => ({
    rps: median(rs.map((r) => r.requests.average)), p99: median(rs.map((r) => r.latency.p99)), cores: median(rs.map((r) => r.cores)),
  });
  const result = { op: {}, exec: {} } as Record<Load, Record<Kind, Figure>>;
  for (const l of ['op', 'exec'] as Load[]) {
    console.log(l === 'op' ? '  op: POST /v1/sandboxes/{id}/ops {getrefcount a}, one sandbox'
      : `  exec: POST /v1/sandboxes/{id}/exec of a 3-line program, over ${EXEC_SANDBOXES} sandboxes`);
    for (const k of KINDS) {
      const f = (result[l][k] = summary(runs[l][k]));
      const rounds = runs[l][k].map((r) => fmtRps(r.requests.average)).join(' / ');
      console.log(`    ${k.padEnd(10)}: ${fmtRps(f.rps).padStart(7)} req/s, p99 ${f.p99} ms, server CPU ${f.cores.toFixed(2)} cores   (rounds: ${rounds})`);
    }
  }
  const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)}%`;
  const op = result.op;
  const ratio = Math.max(op['heaplab-1'].rps, op['heaplab-2'].rps) / op.bare.rps;
  console.log(`  op ratio   : ${pct(op['heaplab-1'].rps, op.bare.rps)} (1 thread), ${pct(op['heaplab-2'].rps, op.bare.rps)} (2 threads) of bare Fastify ` +
    `(target ≥ 85%: ${ratio >= 0.85 ? 'met' : 'NOT met'})`);
  const ex = result.exec;
  const scale = ex['heaplab-2'].rps / ex['heaplab-1'].rps;
  console.log(`  exec       : ${pct(ex['heaplab-1'].rps, ex.bare.rps)} (1 thread), ${pct(ex['heaplab-2'].rps, ex.bare.rps)} (2 threads) of bare Fastify; ` +
    `2 threads = ×${scale.toFixed(2)} one thread (target ×1.7: ${scale >= 1.7 ? 'met' : 'NOT met'})`);
  const density = sandboxes > 0 ? await runSandboxDensityBench(sandboxes) : null;
  return { op: result.op, exec: result.exec, ratio, density };
}

const self = pathToFileURL(process.argv[1] ?? '').href === import.meta.url;
if (self && process.argv[2] === '--serve') await serve(process.argv[3] as Kind);
else if (self) await runHttpBench();
