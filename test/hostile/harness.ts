/**
 * The hostile harness: a REAL server process (the entry point, as operators run it), one
 * request sent at it, and meanwhile what its neighbours see — `GET /healthz` polled every
 * ~20 ms (the worst latency is what another client waited) and the process's resident
 * memory sampled from /proc (the peak is what the machine had to give).
 *
 * Used by test/hostile/*.test.ts (which assert bounds) and `npm run bench -- hostile`
 * (which only reports). Everything is bounded: each request has a client timeout, the
 * pollers stop when the request ends, and `stop()` kills the process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root whose src/main.ts is started (override: HOSTILE_SERVER_ROOT). */
const ROOT = process.env.HOSTILE_SERVER_ROOT ?? fileURLToPath(new URL('../../', import.meta.url));

export interface Server {
  readonly base: string;
  readonly port: number;
  readonly pid: number;
  /** Whether the process is still running. */
  readonly alive: boolean;
  /** What the process wrote to stderr (last 4 KiB), for reports when it dies. */
  readonly stderr: string;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;

/**
 * Compiled (`npm run bench` runs tsc's output) the server runs as production does, from
 * dist/; from vitest, through tsx. tsx compiles with esbuild's keepNames, which wraps every
 * named closure in a defineProperty call and makes the interpreter about 2.3x slower
 * (fib(20) plus a 100k-step dict loop: 850 ms against 360 ms bundled without it).
 */
const COMPILED = import.meta.url.endsWith('.js');
const SERVER_ARGS = COMPILED ? ['src/main.js'] : ['--import', 'tsx', 'src/main.ts'];

/**
 * Start the server (see SERVER_ARGS) on 127.0.0.1 and a free port
 * (PORT=0; the port is read from the listening log line). `env` adds HEAPLAB_* settings.
 */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, SERVER_ARGS, {
    cwd: ROOT,
    // Sandboxes in memory unless asked (HEAPLAB_STORE in the environment or in `env`): a bench
    // run must not leave a database in the repository or find the last run's sandboxes there.
    env: { HEAPLAB_STORE: 'memory', ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4096)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in ${STARTUP_TIMEOUT_MS} ms: ${out}${stderr}`)), STARTUP_TIMEOUT_MS);
    const onData = (d: Buffer) => {
      out = (out + d.toString()).slice(-8192);
      const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    // Keep draining stdout after startup, or a full pipe would stall the server's logger.
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited ${code} before listening: ${out}${stderr}`));
    });
  });
  return serverHandle(child, port, () => stderr);
}

function serverHandle(child: ChildProcess, port: number, stderr: () => string): Server {
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    get alive() {
      return child.exitCode === null && child.signalCode === null;
    },
    get stderr() {
      return stderr();
    },
    stop: () => stopProcess(child),
  };
}

/** Kill the process (SIGKILL: a hostile row may have left it busy) and wait for it. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGKILL');
  await exited;
}

/** Resident memory of a process in MiB (VmRSS), or null once it is gone. */
export function rssMiB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface Reply {
  /** HTTP status, or 0 when the request failed (timeout: see `error`). */
  status: number;
  body: unknown;
  error?: string;
}

export interface RequestSpec {
  method?: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Send one request; never throws (a timeout or dead server is status 0). */
export async function send(server: Server, spec: RequestSpec): Promise<Reply> {
  const headers: Record<string, string> = { ...spec.headers };
  if (spec.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(server.base + spec.path, {
      method: spec.method ?? (spec.body === undefined ? 'GET' : 'POST'),
      headers,
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      signal: AbortSignal.timeout(spec.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body };
  } catch (e) {
    return { status: 0, body: null, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

export interface Measured<T> {
  result: T;
  /** Wall time of `work`. */
  ms: number;
  /** The slowest /healthz answer while `work` ran (a probe still waiting counts as far as it got). */
  worstHealthzMs: number;
  /** How many probes went out, and how many failed (not 200). */
  probes: number;
  failedProbes: number;
  /** Peak VmRSS of the server process while `work` ran. */
  peakRssMiB: number;
}

const PROBE_EVERY_MS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Run `work` while probing the server: /healthz every ~20 ms (one probe in flight at a
 * time, so a blocked server shows as one long probe) and RSS every ~20 ms.
 */
export async function measure<T>(server: Server, work: () => Promise<T>): Promise<Measured<T>> {
  let done = false;
  let worst = 0;
  let probes = 0;
  let failedProbes = 0;
  let peak = rssMiB(server.pid) ?? 0;
  let probeStart: number | null = null;

  const prober = (async () => {
    while (!done) {
      const t0 = performance.now();
      probeStart = t0;
      probes++;
      const r = await send(server, { path: '/healthz', timeoutMs: DEFAULT_TIMEOUT_MS });
      probeStart = null;
      const dt = performance.now() - t0;
      worst = Math.max(worst, dt);
      if (r.status !== 200) failedProbes++;
      if (r.status === 0 && !server.alive) return;
      const wait = PROBE_EVERY_MS - dt;
      if (wait > 0) await sleep(wait);
    }
  })();
  const sampler = setInterval(() => {
    const r = rssMiB(server.pid);
    if (r !== null) peak = Math.max(peak, r);
  }, PROBE_EVERY_MS);

  const t0 = performance.now();
  let ms = 0;
  let result: T;
  try {
    result = await work();
  } finally {
    ms = performance.now() - t0;
    done = true;
    clearInterval(sampler);
    // A probe still waiting on a busy server counts as far as it got; wait a bounded time for it.
    const inFlight = probeStart;
    if (inFlight !== null) worst = Math.max(worst, performance.now() - inFlight);
    await Promise.race([prober, sleep(DEFAULT_TIMEOUT_MS)]);
    const r = rssMiB(server.pid);
    if (r !== null) peak = Math.max(peak, r);
  }
  return { result, ms, worstHealthzMs: worst, probes, failedProbes, peakRssMiB: peak };
}

export interface HostileResult {
  status: number;
  body: unknown;
  ms: number;
  worstHealthzMs: number;
  peakRssMiB: number;
}

/** One request under measurement: {status, body, ms, worstHealthzMs, peakRssMiB}. */
export async function hostile(server: Server, spec: RequestSpec): Promise<HostileResult> {
  const m = await measure(server, () => send(server, spec));
  return { status: m.result.status, body: m.result.body, ms: m.ms, worstHealthzMs: m.worstHealthzMs, peakRssMiB: m.peakRssMiB };
}

/** The same request `n` times at once, under measurement. */
export async function hostileTimes(server: Server, spec: RequestSpec, n: number): Promise<Measured<Reply[]>> {
  return measure(server, () => Promise.all(Array.from({ length: n }, () => send(server, spec))));
}

/** Create a sandbox (optionally from a body) and return its id; throws if refused. */
export async function newSandbox(server: Server, body?: unknown, headers?: Record<string, string>): Promise<string> {
  const r = await send(server, { method: 'POST', path: '/v1/sandboxes', body: body ?? {}, headers });
  if (r.status !== 201) throw new Error(`create answered ${r.status}: ${JSON.stringify(r.body)}`);
  return (r.body as { id: string }).id;
}
