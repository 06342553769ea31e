/**
 * `npm run bench -- pressure`: what a legitimate full-budget program does to load shedding.
 * An in-process server with the default event-loop threshold; one client runs `while True:`
 * programs (each stopped by the request time budget), with idle gaps or back to back, while a
 * neighbour asks GET /v1/limits every 100 ms. Prints the programs' times, the readings
 * @fastify/under-pressure took (mean delay per 1-s window), and the 503s each side got.
 * The measurement behind HEAPLAB_MAX_EVENT_LOOP_DELAY_MS's default. A report: nothing asserts.
 */
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const LOOP = 'n = 0\nwhile True:\n    n += 1\n';
const PROGRAMS = 15;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function scenario(gaps: boolean): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'silent', HEAPLAB_RATE_LIMIT_RPS: '0', HEAPLAB_STORE: 'memory' });
  const app = await buildApp(config, { logger: false, sweep: false });
  await app.ready();
  const readings: number[] = [];
  let last = -1;
  const poll = setInterval(() => {
    const v = app.memoryUsage().eventLoopDelay;
    if (v !== last) readings.push((last = v));
  }, 20);
  const id = JSON.parse((await app.inject({ method: 'POST', url: '/v1/sandboxes', payload: {} })).body).id as string;
  let stop = false;
  const neighbour = { requests: 0, shed: 0 };
  const polling = (async () => {
    while (!stop) {
      const r = await app.inject({ method: 'GET', url: '/v1/limits' });
      neighbour.requests++;
      if (r.statusCode === 503) neighbour.shed++;
      await sleep(100);
    }
  })();
  const times: number[] = [];
  let ownShed = 0;
  for (let i = 0; i < PROGRAMS; i++) {
    const t0 = performance.now();
    const r = await app.inject({ method: 'POST', url: `/v1/sandboxes/${id}/exec`, payload: { code: LOOP } });
    if (r.statusCode === 503) ownShed++;
    else times.push(performance.now() - t0);
    if (gaps) await sleep(200 + ((i * 397) % 1500)); // fixed, spread gaps
  }
  stop = true;
  await polling;
  clearInterval(poll);
  await app.close();
  const finite = readings.filter(Number.isFinite).sort((a, b) => b - a);
  times.sort((a, b) => a - b);
  console.log(`| ${gaps ? 'with idle gaps' : 'back to back'} | ${config.limits.maxEventLoopDelayMs} ms | ` +
    `${times.length ? `${Math.round(times[times.length >> 1]!)} / ${Math.round(times[times.length - 1]!)} ms` : '—'} | ` +
    `${finite.slice(0, 3).map(Math.round).join(', ')} ms | ${readings.length - finite.length} | ${ownShed}/${PROGRAMS} | ${neighbour.shed}/${neighbour.requests} |`);
}

export async function runPressureBench(): Promise<void> {
  console.log(`\n## Load shedding vs full-budget programs (${PROGRAMS} programs each)\n`);
  console.log('| programs | threshold | program time median / max | highest finite readings | Infinity readings | programs shed | neighbour shed |');
  console.log('|---|---|---|---|---|---|---|');
  await scenario(true);
  await scenario(false);
}
