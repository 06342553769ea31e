/**
 * Reads of a real server's sandboxes, shared by the tests that kill and restart servers
 * (store/process.test.ts, cluster/cluster.test.ts): a 2xx reply's body, and what a client
 * can read of a heap to compare it before and after.
 */
import { expect } from 'vitest';
import { send, type Server } from '../../hostile/harness.js';

/** The body of a 2xx reply to `method path` (the test fails naming the path otherwise). */
export async function ok(server: Server, path: string, body?: unknown, method?: string): Promise<Record<string, unknown>> {
  const r = await send(server, { path, body, method });
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body as Record<string, unknown>;
}

/** What a client can read of a heap (the summary's clock fields aside). */
export async function heap(server: Server, id: string) {
  const { lastUsedAt: _l, expiresAt: _e, id: _i, label: _label, createdAt: _c, ...summary } = await ok(server, `/v1/sandboxes/${id}`);
  return {
    summary,
    stats: await ok(server, `/v1/sandboxes/${id}/stats`),
    names: await ok(server, `/v1/sandboxes/${id}/names`),
    graph: await ok(server, `/v1/sandboxes/${id}/graph?view=all`),
  };
}
