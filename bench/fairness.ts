/**
 * Fairness: how long `GET /healthz` waits while a learner's `while True:` runs in another
 * sandbox (issue 9's target: p99 ≤ 50 ms). The server runs in this process with its
 * default limits except the step budget, raised so that the loop runs for its whole time
 * budget (HEAPLAB_MAX_REQUEST_MS, 1000 ms); the bytecode machine runs it in slices and
 * yields to other requests between them. The probe runs in a child process (so a server
 * that held the thread could not also hold the probe back), asking again 2 ms after each
 * answer until the loop's reply has come. Prints the probe's latency percentiles, how many
 * probes got through, and how long the loop's request took end to end.
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.js';
import { testConfig } from '../src/config.js';

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

async function measure(): Promise<Fairness> {
  const app = await buildApp(testConfig({ limits: { maxStepsPerRequest: 1_000_000_000 } }), { logger: false, sweep: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const { id } = (await (await fetch(`${base}/v1/sandboxes`, { method: 'POST' })).json()) as { id: string };
    const probe = spawn(process.execPath, ['-e', PROBE, `${base}/healthz`], { stdio: ['pipe', 'pipe', 'inherit'] });
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
    await app.close();
  }
}

export async function runFairnessBench(): Promise<Fairness> {
  console.log('\n## Fairness: GET /healthz (from another process) while `while True:` runs in another sandbox');
  const f = await measure();
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(`probes: ${String(f.probes).padStart(4)}  p50 ${ms(f.p50)}  p99 ${ms(f.p99)}  max ${ms(f.max)}  (the loop's request: ${ms(f.loopMs)})`);
  return f;
}
