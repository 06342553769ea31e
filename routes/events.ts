/**
 * Live events: WebSocket `GET /v1/sandboxes/{id}/events?since=N&types=a,b`.
 *
 * Each event is one JSON text message `{seq, type, ...}`. `since` first replays the
 * retained events with seq > N, then the socket goes live. An unknown sandbox or a bad
 * query refuses the upgrade with a problem+json response.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../src/context.js';
import { CloseCode, Subscriber } from '../src/fanout.js';
import { parseOr400, ProblemError, ProblemType } from '../src/problem.js';
import { documentRoute } from '../src/route.js';
import { EventsQuery, SandboxParams } from '../src/schemas.js';

interface Parsed {
  id: string;
  since: number | null;
  types: Set<string> | null;
}
const parsedKey = Symbol('events-query');
type WithParsed = FastifyRequest & { [parsedKey]?: Parsed };

export default async function eventsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { registry } = ctx;
  const path = '/v1/sandboxes/{id}/events';

  documentRoute(ctx.routes, {
    method: 'GET', path, operationId: 'events', tag: 'events',
    summary: 'WebSocket: live events, one JSON message each',
    description:
      'Upgrade to a WebSocket. Each message is one event `{seq, type, ...}` (see the Event schema). `since=N` first ' +
      'replays the retained events with seq > N (compare seqs to detect a gap past the retention buffer), then goes ' +
      'live. `types` filters. Close codes: 4410 the sandbox was deleted or expired; 4429 the subscriber fell too far ' +
      'behind (reconnect with since=<last seq>); 1001 server shutdown.',
    params: SandboxParams, query: EventsQuery,
    responses: { 101: { description: 'Switching to the WebSocket protocol' } },
    problems: [400, 404, 426],
  });

  app.route({
    method: 'GET',
    url: '/v1/sandboxes/:id/events',
    preValidation: async (req) => {
      const { id } = parseOr400(SandboxParams, req.params, 'path');
      const q = parseOr400(EventsQuery, req.query, 'query');
      registry.require(id);
      (req as WithParsed)[parsedKey] = { id, since: q.since ?? null, types: q.types ?? null };
    },
    handler: async () => {
      throw new ProblemError(426, ProblemType.upgradeRequired, 'Upgrade Required',
        'This endpoint is a WebSocket: connect with a WebSocket client (e.g. websocat ws://host/v1/sandboxes/{id}/events).');
    },
    wsHandler: (socket, req) => {
      const p = (req as WithParsed)[parsedKey]!;
      const entry = registry.get(p.id);
      if (entry === undefined) {
        socket.close(CloseCode.SandboxGone, 'sandbox gone');
        return;
      }
      const sub = new Subscriber(socket, p.types, ctx.config.limits.wsMaxBufferedBytes);
      const unsubscribe = entry.channel.subscribe(sub, p.since);
      socket.on('close', () => {
        sub.closed = true;
        unsubscribe();
      });
      // Clients have nothing to say; ignore messages (ws enforces the 4 KiB maxPayload).
      socket.on('message', () => {});
    },
  });
}

