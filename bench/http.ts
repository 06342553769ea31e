/**
 * HTTP benchmark: a single-op round trip (POST .../ops with one getrefcount) against a
 * bare Fastify route taking the same body, under autocannon, in the same run. Prints
 * both throughputs, the ratio (target ≥ 85% of bare Fastify) and p99 latency; then the
 * idle sandbox density (bench/sandboxes.ts).
 *
 * Each server runs in its own child process (autocannon stays in this one), started
 * the same way; heaplab runs with its production configuration at LOG_LEVEL=warn (no
 * per-request log lines, as the bare server has none).
 *
 * Both servers stay up and the load alternates between them for several rounds (who goes
 * first alternates too, and each run has its own 1 s warm-up), so load from other processes
 * on the machine hits both alike; medians are reported.
 *
 * Standalone: `npx tsx bench/http.ts`. Env: BENCH_DURATION (seconds per run, default 4),
 * BENCH_ROUNDS (default 5), BENCH_CONNECTIONS (default 50), BENCH_SANDBOXES (density count,
 * default 100000; 0 skips it).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runSandboxDensityBench, type SandboxDensity } from './sandboxes.js';

const BODY = JSON.stringify({ ops: [{ op: 'getrefcount', target: 'a' }] });

interface CannonResult {
  requests: { average: number; total: number };
  latency: { average: number; p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

export interface HttpBenchResult {
  bare: { rps: number; p99: number };
  heaplab: { rps: number; p99: number };
  ratio: number;
  density: SandboxDensity | null;
}

// ---------------------------------------------------------------------------------- servers

async function serve(kind: string): Promise<void> {
  let port: number;
  if (kind === 'bare') {
    const { default: Fastify } = await import('fastify');
    const app = Fastify({ logger: false });
    const reply = { results: [{ refcount: 2 }], events: [] };
    app.post('/v1/sandboxes/:id/ops', async (req) => (req.body ? reply : reply));
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
      PORT: '0', HOST: '127.0.0.1',
    };
    port = await startServerThread({ graceMs: loadConfig(env).shutdownGraceMs, env }).listening;
  }
  process.send!({ port });
}

function start(kind: 'bare' | 'heaplab'): Promise<{ child: ChildProcess; url: string }> {
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

async function load(url: string, path: string, seconds: number, connections: number): Promise<CannonResult> {
  const r = await autocannon({
    url: url + path,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections,
    duration: seconds,
  });
  if (r.non2xx || r.errors || r.timeouts) {
    throw new Error(`${url}${path}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  }
  return r;
}

/** Start a server and prepare the request path (heaplab: a sandbox holding `a = []`). */
async function prepare(kind: 'bare' | 'heaplab'): Promise<{ child: ChildProcess; url: string; path: string }> {
  const { child, url } = await start(kind);
  if (kind === 'bare') return { child, url, path: '/v1/sandboxes/x/ops' };
  const { id } = (await (await fetch(`${url}/v1/sandboxes`, { method: 'POST' })).json()) as { id: string };
  const path = `/v1/sandboxes/${id}/ops`;
  const post = async (body: string) =>
    (await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json() as Promise<{
      results: { refcount: number }[];
    }>;
  await post(JSON.stringify({ ops: [{ op: 'alloc', type: 'list', name: 'a' }] }));
  const check = await post(BODY);
  if (check.results?.[0]?.refcount !== 2) throw new Error(`getrefcount(a) answered ${JSON.stringify(check)}`);
  return { child, url, path };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runHttpBench(
  opts: { seconds?: number; connections?: number; rounds?: number; sandboxes?: number } = {},
): Promise<HttpBenchResult> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_DURATION ?? 4);
  const connections = opts.connections ?? Number(process.env.BENCH_CONNECTIONS ?? 50);
  const sandboxes = opts.sandboxes ?? Number(process.env.BENCH_SANDBOXES ?? 100_000);
  const rounds = opts.rounds ?? Number(process.env.BENCH_ROUNDS ?? 5);
  console.log(
    `HTTP: POST /v1/sandboxes/{id}/ops {getrefcount a}, ${connections} connections, ` +
      `${rounds} alternating rounds of ${seconds} s per server (medians)`,
  );
  const servers = { bare: await prepare('bare'), heaplab: await prepare('heaplab') };
  const runs: Record<'bare' | 'heaplab', CannonResult[]> = { bare: [], heaplab: [] };
  try {
    for (let i = 0; i < rounds; i++) {
      // Alternate who goes first, and warm each server up right before it is measured: a
      // server that sat idle while the other was loaded otherwise pays for V8's idle-time
      // heap shrinking in its first second.
      for (const k of (i % 2 ? ['heaplab', 'bare'] : ['bare', 'heaplab']) as ('bare' | 'heaplab')[]) {
        await load(servers[k].url, servers[k].path, 1, connections);
        runs[k].push(await load(servers[k].url, servers[k].path, seconds, connections));
      }
    }
  } finally {
    await Promise.all([stop(servers.bare.child), stop(servers.heaplab.child)]);
  }
  const summary = (rs: CannonResult[]) => ({ rps: median(rs.map((r) => r.requests.average)), p99: median(rs.map((r) => r.latency.p99)) });
  const bare = summary(runs.bare);
  const heaplab = summary(runs.heaplab);
  const fmt = (rs: CannonResult[]) => rs.map((r) => Math.round(r.requests.average).toLocaleString('en')).join(' / ');
  console.log(`  bare Fastify : ${Math.round(bare.rps).toLocaleString('en')} req/s, p99 ${bare.p99} ms   (rounds: ${fmt(runs.bare)})`);
  console.log(`  heaplab      : ${Math.round(heaplab.rps).toLocaleString('en')} req/s, p99 ${heaplab.p99} ms   (rounds: ${fmt(runs.heaplab)})`);
  const ratio = heaplab.rps / bare.rps;
  console.log(`  ratio        : ${(ratio * 100).toFixed(1)}% of bare Fastify (target ≥ 85%: ${ratio >= 0.85 ? 'met' : 'NOT met'})`);
  const density = sandboxes > 0 ? await runSandboxDensityBench(sandboxes) : null;
  return { bare, heaplab, ratio, density };
}

const self = pathToFileURL(process.argv[1] ?? '').href === import.meta.url;
if (self && process.argv[2] === '--serve') await serve(process.argv[3]!);
else if (self) await runHttpBench();
