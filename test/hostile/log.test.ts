/**
 * Hostile rows for the op log, replay, fork and atomic batches, against a real server
 * process: each answer is checked, and so is what a neighbour saw meanwhile — /healthz
 * answered within one request's time limit (plus a margin for a loaded machine) and the
 * process's memory stayed bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostile, hostileTimes, newSandbox, send, startServer, type Server } from './harness.js';

const MAX_STEPS = 100_000;
const MAX_REQUEST_MS = 1_000;
const MAX_LOG = 3_000;
/** Slack for a machine shared with other work (CI runners, parallel test files). */
const MARGIN_MS = Number(process.env.HOSTILE_MARGIN_MS ?? 2_000);
const BOUND_MS = MAX_REQUEST_MS + MARGIN_MS;
const RSS_BOUND_MIB = 600;
const LOOP = 'n = 0\nwhile True:\n    n += 1\n';

let server: Server;
beforeAll(async () => {
  server = await startServer({
    HEAPLAB_MAX_STEPS: String(MAX_STEPS),
    HEAPLAB_MAX_REQUEST_MS: String(MAX_REQUEST_MS),
    HEAPLAB_MAX_LOG_ENTRIES: String(MAX_LOG),
  });
});
afterAll(() => server?.stop());

interface ProblemBody {
  limit?: string;
  detail?: string;
  index?: number;
  errors?: { field: string }[];
}

/** A neighbour was answered in time and memory stayed bounded. */
function expectGoodNeighbour(m: { ms: number; worstHealthzMs: number; peakRssMiB: number }): void {
  expect(m.ms).toBeLessThan(BOUND_MS);
  expect(m.worstHealthzMs).toBeLessThan(BOUND_MS);
  expect(m.peakRssMiB).toBeLessThan(RSS_BOUND_MIB);
}

/**
 * A sandbox whose log costs more than one request's steps: loops stopped by a budget
 * (the step budget, or on a slow machine the clock) until the log's cost passes it.
 */
async function costlySandbox(): Promise<string> {
  const id = await newSandbox(server);
  for (let i = 0; i < 20; i++) {
    const r = await send(server, { method: 'POST', path: `/v1/sandboxes/${id}/exec`, body: { code: LOOP } });
    expect(r.status).toBe(200);
    const summary = (await send(server, { path: `/v1/sandboxes/${id}` })).body as { replayCost: number };
    if (summary.replayCost > MAX_STEPS) return id;
  }
  throw new Error('the log never became costly');
}

const replayBody = (stoppedAfterSteps: number) => ({
  replay: {
    version: 1, options: {},
    entries: [{ op: { op: 'gc', call: 'enable' } }, { op: { op: 'exec', code: LOOP }, failed: true, stoppedAfterSteps }],
  },
});

describe('hostile: op log, replay, fork, atomic', () => {
  it('create with a replayed log whose stoppedAfterSteps is 4e8: 422 naming the limit and the entry, at once', async () => {
    const m = await hostile(server, { method: 'POST', path: '/v1/sandboxes', body: replayBody(400_000_000) });
    expect(m.status).toBe(422);
    const p = m.body as ProblemBody;
    expect(p.limit).toBe('maxStepsPerRequest');
    expect(p.index).toBe(1);
    expect(p.errors?.[0]?.field).toBe('body.replay.entries[1].stoppedAfterSteps');
    expect(p.detail).toContain(String(MAX_STEPS));
    expectGoodNeighbour(m);
  });

  it('the same, eight at once', async () => {
    const m = await hostileTimes(server, { method: 'POST', path: '/v1/sandboxes', body: replayBody(400_000_000) }, 8);
    expect(m.result.map((r) => r.status)).toEqual(Array(8).fill(422));
    expectGoodNeighbour(m);
  });

  it('a log whose entries are each honest but together cost more than one request: 422, stopped within the budget', async () => {
    const body = {
      replay: {
        version: 1, options: {},
        entries: Array.from({ length: 20 }, () => ({ op: { op: 'exec', code: LOOP }, failed: true, stoppedAfterSteps: MAX_STEPS + 1 })),
      },
    };
    const m = await hostile(server, { method: 'POST', path: '/v1/sandboxes', body });
    expect(m.status).toBe(422);
    // The first entry alone spends the replay's step budget — unless the machine is so
    // slow that the request's clock runs out first; either way it stops at entry 0.
    expect(['maxStepsPerRequest', 'maxRequestMs']).toContain((m.body as ProblemBody).limit);
    expect((m.body as ProblemBody).index).toBe(0);
    expectGoodNeighbour(m);
  });

  it('fork and atomic on a sandbox with a costly log: refused before any replay, the sandbox unchanged', async () => {
    const id = await costlySandbox();
    const state = async () => {
      const b = (await send(server, { path: `/v1/sandboxes/${id}` })).body as Record<string, unknown>;
      return { logEntries: b.logEntries, lastSeq: b.lastSeq, objects: b.objects, replayCost: b.replayCost };
    };
    const before = await state();
    const fork = await hostile(server, { method: 'POST', path: `/v1/sandboxes/${id}/fork` });
    expect(fork.status).toBe(422);
    expect((fork.body as ProblemBody).limit).toBe('maxStepsPerRequest');
    expect((fork.body as ProblemBody).detail).toMatch(/new sandbox/);
    expectGoodNeighbour(fork);
    const atomic = await hostile(server, {
      method: 'POST', path: `/v1/sandboxes/${id}/ops`, body: { atomic: true, ops: [{ op: 'alloc', type: 'list', name: 'x' }] },
    });
    expect(atomic.status).toBe(422);
    expect((atomic.body as ProblemBody).limit).toBe('maxStepsPerRequest');
    expect((atomic.body as ProblemBody).detail).toMatch(/without atomic/);
    expectGoodNeighbour(atomic);
    expect(await state()).toEqual(before);
    // A read-only atomic batch needs no copy.
    const reads = await send(server, { method: 'POST', path: `/v1/sandboxes/${id}/ops`, body: { atomic: true, ops: [{ op: 'stats' }] } });
    expect(reads.status).toBe(200);
    // Eight forks at once: each refused up front.
    const eight = await hostileTimes(server, { method: 'POST', path: `/v1/sandboxes/${id}/fork` }, 8);
    expect(eight.result.map((r) => r.status)).toEqual(Array(8).fill(422));
    expectGoodNeighbour(eight);
  });

  it('reads are not logged; a long but cheap log forks and runs atomic batches; a full log says what to do', async () => {
    const id = await newSandbox(server);
    const reads = [{ op: 'alloc', type: 'list', name: 'a' }, { op: 'getrefcount', target: 'a' }, { op: 'getsizeof', target: 'a' }, { op: 'stats' }];
    const r = await send(server, { method: 'POST', path: `/v1/sandboxes/${id}/ops`, body: { ops: Array.from({ length: 250 }, () => reads).flat() } });
    expect(r.status).toBe(200);
    expect(((await send(server, { path: `/v1/sandboxes/${id}` })).body as { logEntries: number }).logEntries).toBe(250);
    const write = { op: 'gc', call: 'enable' };
    for (let i = 0; i < 2; i++) {
      expect((await send(server, { method: 'POST', path: `/v1/sandboxes/${id}/ops`, body: { ops: Array(1000).fill(write) } })).status).toBe(200);
    }
    const fork = await hostile(server, { method: 'POST', path: `/v1/sandboxes/${id}/fork` });
    expect(fork.status).toBe(201);
    expectGoodNeighbour(fork);
    const atomic = await hostile(server, { method: 'POST', path: `/v1/sandboxes/${id}/ops`, body: { atomic: true, ops: Array(700).fill(write) } });
    expect(atomic.status).toBe(200);
    expectGoodNeighbour(atomic);
    // 2950 logged: 51 more do not fit.
    const full = await send(server, { method: 'POST', path: `/v1/sandboxes/${id}/ops`, body: { ops: Array(51).fill(write) } });
    expect(full.status).toBe(422);
    const p = full.body as ProblemBody;
    expect(p.limit).toBe('maxLogEntries');
    expect(p.detail).toMatch(/3000-op limit/);
    expect(p.detail).toMatch(/start a new sandbox/);
    expect(p.detail).not.toMatch(/compact/);
    // Reads still work on a full log.
    expect((await send(server, { method: 'POST', path: `/v1/sandboxes/${id}/ops`, body: { ops: Array(51).fill({ op: 'stats' }) } })).status).toBe(200);
  });
});
