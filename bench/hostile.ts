/**
 * `npm run bench -- hostile`: issue 8's catalogue of hostile requests, each against a
 * fresh REAL server process (test/hostile/harness.ts), printing what it answered, how long
 * it took, the worst /healthz latency another client saw meanwhile, and the server's peak
 * resident memory. A report, not a test: nothing here asserts.
 *
 * Bounded: every request has a client timeout (BENCH_HOSTILE_TIMEOUT_MS, default 20000),
 * every server is killed after its row (so one row's garbage or stuck loop never leaks
 * into the next), and every loop has a fixed count.
 *
 * Env: HOSTILE_SERVER_ROOT runs another checkout's src/main.ts (e.g. /work/main, for
 * "before" figures); BENCH_HOSTILE_ONLY=substring[,substring...] runs only the rows whose names contain one.
 */
import WebSocket from 'ws';
import {
  measure, newSandbox, send, startServer, type Measured, type Reply, type RequestSpec, type Server,
} from '../test/hostile/harness.js';

const TIMEOUT_MS = Number(process.env.BENCH_HOSTILE_TIMEOUT_MS ?? 20_000);
const LOOP = 'n = 0\nwhile True:\n    n += 1\n';
/** The ~200-byte program: a 100-million-character string, concatenated into a dict. */
const BIG_DICT = "s = 'a' * 10**8\nd = {}\nfor i in range(100):\n    d[i] = s + s\n";

interface Row {
  name: string;
  /** Server environment for this row (besides the defaults). */
  env?: Record<string, string>;
  /** Build what the request needs (untimed); returns the requests to send at once. */
  setup: (s: Server) => Promise<RequestSpec[]>;
  /** Extra work after the requests, inside the measurement (e.g. waiting for deliveries). */
  after?: (s: Server, replies: Reply[]) => Promise<string>;
  /** Cleanup after measuring (untimed). */
  teardown?: () => void;
}

const exec = (id: string, code: string): RequestSpec => ({ method: 'POST', path: `/v1/sandboxes/${id}/exec`, body: { code } });

/** A fresh sandbox per request, each running `code`. */
function execRow(name: string, code: string, times = 1): Row {
  return {
    name,
    setup: async (s) => {
      const ids: string[] = [];
      for (let i = 0; i < times; i++) ids.push(await newSandbox(s));
      return ids.map((id) => exec(id, code));
    },
  };
}

/** A sandbox whose log holds `k` runaway loops, each stopped by a budget. */
async function longLog(s: Server, k = 4): Promise<string> {
  const id = await newSandbox(s);
  for (let i = 0; i < k; i++) await send(s, { ...exec(id, LOOP), timeoutMs: TIMEOUT_MS });
  return id;
}

const replay4e8 = (): RequestSpec => ({
  method: 'POST', path: '/v1/sandboxes',
  body: { replay: { version: 1, options: {}, entries: [{ op: { op: 'exec', code: LOOP }, failed: true, stoppedAfterSteps: 400_000_000 }] } },
});

const forkReq = (id: string): RequestSpec => ({ method: 'POST', path: `/v1/sandboxes/${id}/fork` });
const atomicReq = (id: string): RequestSpec => ({
  method: 'POST', path: `/v1/sandboxes/${id}/ops`, body: { atomic: true, ops: [{ op: 'alloc', type: 'list', name: 'x' }] },
});

function afterBigInt(name: string, path: string): Row {
  return {
    name,
    setup: async (s) => {
      const id = await newSandbox(s);
      await send(s, { ...exec(id, 'x = 10**10**6'), timeoutMs: TIMEOUT_MS });
      return [{ path: `/v1/sandboxes/${id}${path}` }];
    },
  };
}

function wsRow(subscribers: number, bytes: number): Row {
  let sockets: WebSocket[] = [];
  let received = 0;
  let closed = 0;
  return {
    name: `${subscribers} WebSocket subscribers + one exec printing ${bytes / 1e6} MB`,
    setup: async (s) => {
      const id = await newSandbox(s);
      received = 0;
      closed = 0;
      sockets = [];
      const opened: Promise<void>[] = [];
      for (let i = 0; i < subscribers; i++) {
        const ws = new WebSocket(`ws://127.0.0.1:${s.port}/v1/sandboxes/${id}/events`);
        let got = 0;
        ws.on('message', (d: Buffer) => {
          got += d.length;
          if (got >= bytes && got - d.length < bytes) received++;
        });
        ws.on('close', () => closed++);
        ws.on('error', () => {});
        opened.push(new Promise((r) => { ws.once('open', () => r()); ws.once('error', () => r()); }));
        sockets.push(ws);
      }
      await Promise.race([Promise.all(opened), new Promise((r) => setTimeout(r, TIMEOUT_MS))]);
      return [exec(id, `print('x' * ${bytes})`)];
    },
    // Wait (bounded) until every subscriber has the output or has been disconnected.
    after: async () => {
      const t0 = performance.now();
      while (received + closed < subscribers && performance.now() - t0 < TIMEOUT_MS) await new Promise((r) => setTimeout(r, 50));
      return `; ${received} subscribers got it, ${closed} disconnected, ${Math.round(performance.now() - t0)} ms to settle`;
    },
    teardown: () => {
      for (const ws of sockets) ws.terminate();
      sockets = [];
    },
  };
}

export const CATALOGUE: Row[] = [
  execRow('x = [0] * 10**9', 'x = [0] * 10**9'),
  execRow('x = [0] * 10**8', 'x = [0] * 10**8'),
  execRow('x = 10**10**8', 'x = 10**10**8'),
  execRow('sys.getsizeof(10**10**6)', 'import sys\nprint(sys.getsizeof(10**10**6))'),
  execRow("'a' * 10**10", "'a' * 10**10"),
  afterBigInt('after x = 10**10**6: GET /stats', '/stats'),
  afterBigInt('after x = 10**10**6: GET /objects?type=int', '/objects?type=int'),
  execRow('200-byte program: 10**8-char string concatenated into a dict', BIG_DICT),
  { name: 'create with a replayed log, stoppedAfterSteps 4e8', setup: async () => [replay4e8()] },
  { name: 'fork a sandbox with a long log (4 stopped loops; load shedding off)', env: { HEAPLAB_MAX_EVENT_LOOP_DELAY_MS: '0' }, setup: async (s) => [forkReq(await longLog(s))] },
  { name: 'atomic batch on a sandbox with a long log (load shedding off)', env: { HEAPLAB_MAX_EVENT_LOOP_DELAY_MS: '0' }, setup: async (s) => [atomicReq(await longLog(s))] },
  {
    name: 'eight GET /graph?view=all of a 49k-object sandbox',
    setup: async (s) => {
      const id = await newSandbox(s);
      await send(s, { ...exec(id, 'l = [[] for _ in range(49000)]'), timeoutMs: TIMEOUT_MS });
      return Array.from({ length: 8 }, () => ({ path: `/v1/sandboxes/${id}/graph?view=all` }));
    },
  },
  // One client opens all 1000: its address's request rate limit is lifted so the exec runs
  // (the per-sandbox subscriber cap still applies).
  { ...wsRow(1000, 6_000_000), env: { HEAPLAB_RATE_LIMIT_RPS: '0' } },
  {
    name: '{"op":"alloc","type":"int","value":"abc"}',
    setup: async (s) => [{ method: 'POST', path: `/v1/sandboxes/${await newSandbox(s)}/ops`, body: { ops: [{ op: 'alloc', type: 'int', value: 'abc' }] } }],
  },
  { name: 'HEAPLAB_API_KEYS="," then create without a key', env: { HEAPLAB_API_KEYS: ',' }, setup: async () => [{ method: 'POST', path: '/v1/sandboxes', body: {} }] },
  // Eight at once: the worst rows, each request on its own sandbox where it needs one.
  execRow('eight at once: x = [0] * 10**8', 'x = [0] * 10**8', 8),
  execRow("eight at once: 'a' * 10**10", "'a' * 10**10", 8),
  execRow('eight at once: the 200-byte program', BIG_DICT, 8),
  { name: 'eight at once: replayed log, stoppedAfterSteps 4e8', setup: async () => Array.from({ length: 8 }, replay4e8) },
  { name: 'eight at once: fork the long-log sandbox (load shedding off)', env: { HEAPLAB_MAX_EVENT_LOOP_DELAY_MS: '0' }, setup: async (s) => { const id = await longLog(s); return Array.from({ length: 8 }, () => forkReq(id)); } },
  { name: 'eight at once: atomic on the long-log sandbox (load shedding off)', env: { HEAPLAB_MAX_EVENT_LOOP_DELAY_MS: '0' }, setup: async (s) => { const id = await longLog(s); return Array.from({ length: 8 }, () => atomicReq(id)); } },
];

/** "422 maxStepsPerRequest: detail…" / "200 stdout…" / "no answer (TimeoutError)". */
function shortAnswer(r: Reply, server: Server): string {
  if (r.status === 0) return `no answer (${r.error ?? 'error'})${server.alive ? '' : ' — server died'}`;
  const b = r.body as Record<string, unknown> | string | null;
  let text: string;
  if (typeof b === 'string') text = b;
  else if (b && typeof b === 'object') {
    if (typeof b.detail === 'string') text = `${b.limit ? String(b.limit) + ': ' : ''}${b.detail}`;
    else if (b.error && typeof b.error === 'object') {
      const e = b.error as { type: string; message: string };
      text = `${e.type}: ${e.message}`;
    } else if (typeof b.stdout === 'string') text = `stdout ${JSON.stringify(b.stdout.slice(0, 40))}`;
    else if (typeof b.id === 'string') text = 'created';
    else text = JSON.stringify(b);
  } else text = String(b);
  // Object ids differ between otherwise identical answers: mask them so those group.
  text = text.replace(/\s+/g, ' ').replace(/0x[0-9a-f]+/g, '0x…');
  return `${r.status} ${text.length > 70 ? text.slice(0, 69) + '…' : text}`;
}

function summarize(replies: Reply[], server: Server): string {
  const answers = replies.map((r) => shortAnswer(r, server));
  const distinct = [...new Set(answers)];
  return distinct.map((a) => (replies.length > 1 ? `${answers.filter((x) => x === a).length}× ${a}` : a)).join(' / ');
}

export interface RowResult {
  name: string;
  answer: string;
  ms: number;
  worstHealthzMs: number;
  /** /healthz probes that got no 200 (a probe gives up after 30 s). */
  failedProbes: number;
  peakRssMiB: number;
}

async function runRow(row: Row): Promise<RowResult> {
  let server: Server;
  try {
    server = await startServer(row.env);
  } catch (e) {
    return { name: row.name, answer: `server did not start: ${String(e).split('\n').slice(0, 2).join(' ').slice(0, 80)}`, ms: NaN, worstHealthzMs: NaN, failedProbes: 0, peakRssMiB: NaN };
  }
  try {
    const specs = await row.setup(server);
    let extra = '';
    const m: Measured<Reply[]> = await measure(server, async () => {
      const replies = await Promise.all(specs.map((spec) => send(server, { timeoutMs: TIMEOUT_MS, ...spec })));
      if (row.after) extra = await row.after(server, replies);
      return replies;
    });
    return { name: row.name, answer: summarize(m.result, server) + extra, ms: m.ms, worstHealthzMs: m.worstHealthzMs, failedProbes: m.failedProbes, peakRssMiB: m.peakRssMiB };
  } catch (e) {
    return { name: row.name, answer: `setup failed: ${String(e).slice(0, 80)}${server.alive ? '' : ' — server died'}`, ms: NaN, worstHealthzMs: NaN, failedProbes: 0, peakRssMiB: NaN };
  } finally {
    row.teardown?.();
    await server.stop();
  }
}

const fmt = (n: number, unit: string) => (Number.isFinite(n) ? `${Math.round(n)} ${unit}` : '—');

export async function runHostileBench(): Promise<RowResult[]> {
  const only = process.env.BENCH_HOSTILE_ONLY?.split(',');
  const root = process.env.HOSTILE_SERVER_ROOT;
  console.log(`\n## Hostile requests (issue 8)${root ? ` — server from ${root}` : ''}\n`);
  console.log(`Each row on a fresh server process (default limits unless the row says otherwise); client timeout ${TIMEOUT_MS} ms.\n`);
  console.log('| request | answer | time | worst /healthz meanwhile | peak RSS |');
  console.log('|---|---|---|---|---|');
  const out: RowResult[] = [];
  for (const row of CATALOGUE) {
    if (only && !only.some((o) => row.name.includes(o))) continue;
    const r = await runRow(row);
    out.push(r);
    console.log(`| ${r.name.replace(/\|/g, '\\|')} | ${r.answer.replace(/\|/g, '\\|')} | ${fmt(r.ms, 'ms')} | ${fmt(r.worstHealthzMs, 'ms')}${r.failedProbes ? ` (${r.failedProbes} unanswered)` : ''} | ${fmt(r.peakRssMiB, 'MiB')} |`);
  }
  return out;
}
