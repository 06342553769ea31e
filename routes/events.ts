/**
 * Live events: WebSocket `GET /v1/sandboxes/{id}/events?since=N&types=a,b`.
 *
 * Each event is one JSON text message `{seq, type, ...}`. `since` first replays the
 * retained events with seq > N, then the socket goes live. An unknown sandbox or a bad
 * query refuses the upgrade with a problem+json response.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../src/context.js';
import { sandboxNow } from '../src/access.js';
import { EVENTS_PROTOCOL, KEY_PROTOCOL_PREFIX, offeredProtocols } from '../src/auth.js';
import { attachSubscriber, subscribersFull, type EventsRequest } from '../src/subscriptions.js';
import { invalid, parseOr400, ProblemError, ProblemType } from '../src/problem.js';
import { documentRoute } from '../src/route.js';
import { EventsQuery, SandboxParams } from '../src/schemas.js';

const parsedKey = Symbol('events-query');
type WithParsed = FastifyRequest & { [parsedKey]?: EventsRequest };

/**
 * A key subprotocol only comes with heaplab's own: the server must echo one protocol the
 * client offered, and it will not echo the key (response headers land in proxies' logs).
 */
export function requireEventsProtocolWithKey(req: FastifyRequest): void {
  const offered = offeredProtocols(req);
  if (offered.some((p) => p.startsWith(KEY_PROTOCOL_PREFIX)) && !offered.includes(EVENTS_PROTOCOL)) {
    const message = `offers ${KEY_PROTOCOL_PREFIX}<key> without ${EVENTS_PROTOCOL}; offer both, e.g. ` +
      `new WebSocket(url, ['${EVENTS_PROTOCOL}', '${KEY_PROTOCOL_PREFIX}' + key])`;
    throw invalid('headers.sec-websocket-protocol', message);
  }
}

export default async function eventsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const path = '/v1/sandboxes/{id}/events';

  documentRoute(ctx.routes, {
    method: 'GET', path, operationId: 'events', tag: 'events',
    summary: 'WebSocket: live events, one JSON message each',
    description:
      'Upgrade to a WebSocket. Each message is one event `{seq, type, ...}` (see the Event schema). `since=N` first ' +
      'replays the retained events with seq > N (compare seqs to detect a gap past the retention buffer), then goes ' +
      'live. `types` filters. Close codes: 4410 the sandbox was deleted or expired; 4429 the subscriber fell too far ' +
      'behind (reconnect with since=<last seq>); 1013 too many subscribers (the cap was reached during the upgrade; ' +
      'try again later); 1001 server shutdown; 1012 the sandbox moved to another node, or a change was undone ' +
      '(several nodes on Redis: reconnect with since=<last seq>). Consecutive stdout (or stderr) events of one request arrive as one ' +
      'message whose `text` is their joined text, `seq` the last event\'s and `firstSeq` the first\'s (present only ' +
      'when several were joined). At most maxSubscribersPerSandbox subscribers per sandbox and maxSubscribers per ' +
      'process (see /v1/limits): past either, the upgrade is refused with 429. With API keys, send ' +
      '`Authorization: Bearer <key>`, or (browsers cannot set headers on a WebSocket) offer the subprotocols ' +
      '`heaplab.events` and `heaplab.key.<key>`: `new WebSocket(url, [\'heaplab.events\', \'heaplab.key.\' + key])`. ' +
      'The server answers with the subprotocol `heaplab.events` (never the key); a key subprotocol without it is a 400. ' +
      'Never put the key in the query string.',
    params: SandboxParams, query: EventsQuery,
    responses: { 101: { description: 'Switching to the WebSocket protocol' } },
    problems: [400, 404, 426, 429], apiKey: true,
  });

  app.route({
    method: 'GET',
    url: '/v1/sandboxes/:id/events',
    preValidation: async (req) => {
      const { id } = parseOr400(SandboxParams, req.params, 'path');
      const q = parseOr400(EventsQuery, req.query, 'query');
      requireEventsProtocolWithKey(req);
      const entry = sandboxNow(ctx, req, id);
      const full = subscribersFull(ctx, entry);
      if (full) {
        throw new ProblemError(429, ProblemType.limit, 'Too Many Subscribers', full.message,
          { limit: full.limit, retryAfterSeconds: 5 });
      }
      (req as WithParsed)[parsedKey] = { id, since: q.since ?? null, types: q.types ?? null };
    },
    handler: async () => {
      throw new ProblemError(426, ProblemType.upgradeRequired, 'Upgrade Required',
        'This endpoint is a WebSocket: connect with a WebSocket client (e.g. websocat ws://host/v1/sandboxes/{id}/events).');
    },
    wsHandler: (socket, req) => {
      attachSubscriber(ctx, (req as WithParsed)[parsedKey]!, socket);
      // Clients have nothing to say; ignore messages (ws enforces the 4 KiB maxPayload).
      socket.on('message', () => {});
    },
  });
}

