/**
 * Who may touch a sandbox: one rule for every route. With API keys, the caller must present
 * a valid key (401 otherwise) and may only reach sandboxes that key created (404 for any
 * other, the same answer as for an id that never existed). Without keys, the id suffices.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from './context.js';
import type { SandboxEntry } from './registry.js';

/**
 * The caller's sandbox `id`, or a 401/404 problem, without waiting for a program running
 * there (a WebSocket subscription reads no heap: it may join while a program runs).
 */
export function sandboxNow(ctx: AppContext, req: FastifyRequest, id: string): SandboxEntry {
  return ctx.registry.require(id, ctx.keys.authenticate(req));
}

/**
 * The caller's sandbox `id`, or a 401/404 problem. Marks the sandbox used. While a program
 * runs there in slices (SandboxEntry.busy), waits for it to end first: requests for one
 * sandbox are served in order, and none sees the heap between two slices.
 */
export async function sandboxFor(ctx: AppContext, req: FastifyRequest, id: string): Promise<SandboxEntry> {
  const who = ctx.keys.authenticate(req);
  for (;;) {
    const e = ctx.registry.require(id, who);
    if (!e.busy) return e;
    await e.busy;
  }
}
