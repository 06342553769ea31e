/**
 * Fairness: how long a request waits while a learner's `while True:` runs in another
 * sandbox (issue 9's target: p99 ≤ 50 ms). The server runs in this process with its
 * default limits except the step budget, raised so that the loop runs for its whole time
 * budget (HEAPLAB_MAX_REQUEST_MS, 1000 ms); the bytecode machine runs it in slices and
 * yields to other requests between them. The probe runs in a child process (so a server
 * that held the thread could not also hold the probe back), asking again 2 ms after each
 * answer until the loop's reply has come. Prints the probe's latency percentiles, how many
 * probes got through, and how long the loop's request took end to end, for:
 *   - one engine thread: `GET /healthz`, and `GET` of another sandbox (waits for slices);
 *   - two engine threads (src/threads/front.ts): `GET` of a sandbox on the other thread
 *     (never waits for the loop) and of one on the loop's own thread (waits for slices).
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { startFront } from '../src/threads/front.js';
import { threadOf } from '../src/threads/placement.js';

interface Fairness { probes: number; p50: number; p99: number; max: number; loopMs: number }

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The probe: GET url again and again until stdin closes; prints each wait (ms) as JSON. */
const PROBE = `
const url = process.argv[1];
const waits = [];
let stop = false;
process.stdin.on('end', () => (stop = true));
process.stdin.resume();
(async () => {
  while (!stop) {
    const s = performance.now();
    await (await fetch(url)).text();
    waits.push(performance.now() - s);
    await new Promise((r) => setTimeout(r, 2));
  }
  process.stdout.write(JSON.stringify(waits));
})();
`;

type Probed = 'healthz' | 'same thread' | 'other thread';

/** Sandboxes until one is on the loop's thread (other than the loop's) and one on another (of `threads`). */
async function sandboxes(base: string, threads: number): Promise<{ loop: string; same: string; other: string | null }> {
  const made: string[] = [];
  const create = async () => ((await (await fetch(`${base}/v1/sandboxes`, { method: 'POST' })).json()) as { id: string }).id;
  const loop = await create();
  for (;;) {
    made.push(await create());
    const same = made.find((id) => threadOf(id, threads) === threadOf(loop, threads));
    const other = threads === 1 ? null : made.find((id) => threadOf(id, threads) !== threadOf(loop, threads));
    if (same && (other || threads === 1)) return { loop, same, other: other ?? null };
  }
}

async function measure(threads: number, probed: Probed): Promise<Fairness> {
  const config = testConfig({ threads, limits: { maxStepsPerRequest: 1_000_000_000 } });
  let base: string;
  let close: () => Promise<unknown>;
  if (threads === 1) {
    const app = await buildApp(config, { logger: false, sweep: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    close = () => app.close();
  } else {
    const front = await startFront(config);
    await new Promise<void>((r) => front.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
    close = () => front.close();
  }
  try {
    const { loop: id, same, other } = await sandboxes(base, threads);
    const target = probed === 'healthz' ? `${base}/healthz` : `${base}/v1/sandboxes/${probed === 'same thread' ? same : other}`;
    const probe = spawn(process.execPath, ['-e', PROBE, target], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    probe.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<void>((r) => probe.on('exit', () => r()));
    await new Promise((r) => setTimeout(r, 200)); // the probe is up and asking
    const t0 = performance.now();
    await (await fetch(`${base}/v1/sandboxes/${id}/exec`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'while True:\n    pass\n' }),
    })).text();
    const loopMs = performance.now() - t0;
    probe.stdin.end();
    await exited;
    const waits = (JSON.parse(out) as number[]).sort((a, b) => a - b);
    return { probes: waits.length, p50: percentile(waits, 50), p99: percentile(waits, 99), max: waits[waits.length - 1] ?? NaN, loopMs };
  } finally {
    await close();
  }
}

export async function runFairnessBench(): Promise<Fairness[]> {
  console.log('\n## Fairness: a request (from another process) while `while True:` runs in another sandbox');
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const out: Fairness[] = [];
  for (const [threads, probed] of [[1, 'healthz'], [1, 'same thread'], [2, 'other thread'], [2, 'same thread']] as const) {
    const f = await measure(threads, probed);
    const what = probed === 'healthz' ? 'GET /healthz' : `GET of a sandbox on the ${probed === 'same thread' ? "loop's" : 'other'} thread`;
    console.log(`${threads} engine thread${threads > 1 ? 's' : ' '}, ${what.padEnd(42)} probes: ${String(f.probes).padStart(4)}  ` +
      `p50 ${ms(f.p50)}  p99 ${ms(f.p99)}  max ${ms(f.max)}  (the loop's request: ${ms(f.loopMs)})`);
    out.push(f);
  }
  return out;
}
