/**
 * Optional API keys. With `HEAPLAB_API_KEYS` set, every sandbox route needs
 * `Authorization: Bearer <key>`, and a sandbox belongs to the key that created it: another
 * key gets 404 for it, exactly as for an id that does not exist. Without keys, the sandbox
 * id itself (128 random bits) is the capability.
 *
 * Browsers cannot set headers on a WebSocket, so a WebSocket upgrade may carry the key as a
 * subprotocol instead: `Sec-WebSocket-Protocol: heaplab.events, heaplab.key.<key>` (in a
 * browser, `new WebSocket(url, ['heaplab.events', 'heaplab.key.' + key])`). The server echoes
 * `heaplab.events`, never the key. Never in the query string: URLs land in logs.
 *
 * Quotas (sandboxes, requests per second) are counted per {@link ApiKeys.subject}: the key
 * when keys are on, the client address when they are off.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ProblemError, ProblemType } from './problem.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;
/** The subprotocol heaplab's event stream speaks; the one the server echoes. */
export const EVENTS_PROTOCOL = 'heaplab.events';
/** The prefix of the subprotocol token that carries an API key on a WebSocket upgrade. */
export const KEY_PROTOCOL_PREFIX = 'heaplab.key.';

/** The subprotocols a WebSocket upgrade offers (none for anything else). */
export function offeredProtocols(req: FastifyRequest): string[] {
  const h = req.headers['sec-websocket-protocol'];
  if (typeof h !== 'string' || req.headers.upgrade?.toLowerCase() !== 'websocket') return [];
  return h.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
}

/**
 * The key a request presents: the bearer token, or on a WebSocket upgrade without one, the
 * `heaplab.key.<key>` subprotocol. `undefined`: none presented; null: presented but
 * unreadable (a malformed Authorization header, or more than one key subprotocol).
 */
function presentedKey(req: FastifyRequest): string | null | undefined {
  const h = req.headers.authorization;
  if (h !== undefined) {
    const m = typeof h === 'string' ? BEARER.exec(h) : null;
    return m ? m[1]! : null;
  }
  const keys = offeredProtocols(req).filter((p) => p.startsWith(KEY_PROTOCOL_PREFIX));
  if (keys.length === 0) return undefined;
  return keys.length === 1 ? keys[0]!.slice(KEY_PROTOCOL_PREFIX.length) : null;
}
const digest = (s: string) => createHash('sha256').update(s).digest('hex');

export class ApiKeys {
  /** sha256(key) → key index. Looking up a digest does not leak the key through timing. */
  private readonly byDigest = new Map<string, number>();

  constructor(keys: readonly string[]) {
    keys.forEach((k, i) => this.byDigest.set(digest(k), i));
  }

  get enabled(): boolean {
    return this.byDigest.size > 0;
  }

  /**
   * Who a quota is charged to: `key:<index>` for a valid key, else `ip:<address>`. Never
   * throws (the rate limiter runs before authentication), and an invalid key is charged to
   * its address, so rotating made-up keys does not buy more requests.
   */
  subject(req: FastifyRequest): string {
    if (this.enabled) {
      const key = presentedKey(req);
      const owner = typeof key === 'string' ? this.byDigest.get(digest(key)) : undefined;
      if (owner !== undefined) return `key:${owner}`;
    }
    return `ip:${req.ip}`;
  }

  /** Like {@link authenticate}, but null (not 401) when keys are on and no key was sent. */
  authenticateIfPresent(req: FastifyRequest): number | null {
    return presentedKey(req) === undefined ? null : this.authenticate(req);
  }

  /**
   * The caller's key index; null when keys are off. Throws 401 when keys are on and the
   * request has no valid key (bearer, or the WebSocket key subprotocol).
   */
  authenticate(req: FastifyRequest): number | null {
    if (!this.enabled) return null;
    const key = presentedKey(req);
    const owner = typeof key === 'string' ? this.byDigest.get(digest(key)) : undefined;
    if (owner === undefined) {
      throw new ProblemError(401, ProblemType.unauthorized, 'Unauthorized',
        key === undefined
          ? 'This server needs an API key: send "Authorization: Bearer <key>" (on a WebSocket from a browser, the ' +
            `subprotocols "${EVENTS_PROTOCOL}" and "${KEY_PROTOCOL_PREFIX}<key>").`
          : 'The API key is not valid.');
    }
    return owner;
  }
}
