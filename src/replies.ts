/**
 * The reply size cap: no reply body is larger than `maxReplyBytes`.
 *
 * Routes that can grow with the heap bound themselves first (graph and object details cap
 * their nodes and say `truncated`; object listings are paginated), so this is the backstop:
 * a body past the cap is replaced by a 422 problem naming `maxReplyBytes`. On a route that
 * changes the sandbox (ops, exec) the change has happened — the problem says so
 * (`applied: true`) and the state can be read with the inspection routes.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemError, ProblemType } from './problem.js';

/** The body's size in bytes, for the payloads Fastify has serialised (strings and buffers). */
function byteLength(payload: unknown, max: number): number | null {
  if (typeof payload === 'string') {
    // A UTF-16 code unit is at most 3 UTF-8 bytes: most replies need no exact count.
    return payload.length * 3 <= max ? payload.length : Buffer.byteLength(payload, 'utf8');
  }
  if (Buffer.isBuffer(payload)) return payload.length;
  return null; // streams and empty bodies: not ours to measure
}

export function tooLargeReply(reply: FastifyReply, size: number, max: number): ProblemError {
  const applied = reply.request.method === 'POST' && reply.statusCode < 300;
  return new ProblemError(422, ProblemType.limit, 'Reply Too Large',
    `The reply would be ${size} bytes; this server sends at most ${max} (maxReplyBytes).` +
    (applied ? ' The request WAS applied: read the sandbox with GET .../stats, /objects or /graph.' : ' Ask for less (a page, a filter, view=names).'),
    { limit: 'maxReplyBytes', applied });
}

export function capReplies(app: FastifyInstance, max: number): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const size = byteLength(payload, max);
    if (size === null || size <= max) return payload;
    const p = tooLargeReply(reply, size, max);
    req.log.warn({ size, max }, 'reply over maxReplyBytes replaced by a problem');
    reply.code(422).type(PROBLEM_CONTENT_TYPE).header('x-request-id', req.id);
    reply.removeHeader('content-length');
    return JSON.stringify(p.toJSON(String(req.id)));
  });
}
