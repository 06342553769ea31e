/**
 * Forwarding a request to the node that holds its sandbox: the same method, path, query,
 * headers and (already parsed and bounded) body, over HTTP to the holder's advertised URL;
 * the holder's reply is sent back as it came.
 *
 * A forwarded request carries the cluster's shared token (FORWARDED_HEADER) and the client
 * address this node saw (CLIENT_HEADER): the holder then keys its rate limit and quotas on
 * the client, not on this node, and never forwards the request again.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const FORWARDED_HEADER = 'x-heaplab-forwarded';
export const CLIENT_HEADER = 'x-heaplab-client';

/** Request headers not passed on: hop-by-hop ones, the length (the body is re-encoded), and ours. */
const DROP_REQUEST = new Set([
  'host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'te', 'trailer',
  'proxy-authorization', 'proxy-connection', FORWARDED_HEADER, CLIENT_HEADER,
]);
/** Reply headers not passed back (fetch has already decoded the body, and Fastify sets its length). */
const DROP_REPLY = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'date']);

/** Connection errors that mean the holder never received the request (so it is safe to serve it elsewhere). */
const NOT_DELIVERED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

export type ForwardOutcome = 'sent' | 'unreachable';

/**
 * Send `req` to `holderUrl` and its reply to `reply`. 'unreachable' when the holder could
 * not be connected to (nothing was delivered); any later failure (the holder died with
 * the request in hand) throws, since whether it ran is unknown.
 */
export async function forward(req: FastifyRequest, reply: FastifyReply, holderUrl: string, token: string, timeoutMs: number): Promise<ForwardOutcome> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || DROP_REQUEST.has(k)) continue;
    headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  headers[FORWARDED_HEADER] = token;
  headers[CLIENT_HEADER] = req.ip;
  headers['x-request-id'] = String(req.id);
  const body = req.body === undefined || req.body === null ? undefined
    : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  let res: Response;
  try {
    res = await fetch(new URL(req.url, holderUrl), {
      method: req.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const code = (err as { cause?: { code?: unknown } }).cause?.code;
    if (typeof code === 'string' && NOT_DELIVERED.has(code)) return 'unreachable';
    throw err;
  }
  const data = Buffer.from(await res.arrayBuffer());
  reply.code(res.status);
  res.headers.forEach((v, k) => {
    if (!DROP_REPLY.has(k)) reply.header(k, v);
  });
  await reply.send(data);
  return 'sent';
}
