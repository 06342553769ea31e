/**
 * Who may touch a sandbox: one rule for every route. With API keys, the caller must present
 * a valid key (401 otherwise) and may only reach sandboxes that key created (404 for any
 * other, the same answer as for an id that never existed). Without keys, the id suffices.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from './context.js';
import type { SandboxEntry } from './registry.js';

/** The caller's sandbox `id`, or a 401/404 problem. Marks the sandbox used. */
export function sandboxFor(ctx: AppContext, req: FastifyRequest, id: string): SandboxEntry {
  return ctx.registry.require(id, ctx.keys.authenticate(req));
}
