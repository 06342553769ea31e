/**
 * Optional API keys. With `HEAPLAB_API_KEYS` set, every sandbox route needs
 * `Authorization: Bearer <key>`, and a sandbox belongs to the key that created it: another
 * key gets 404 for it, exactly as for an id that does not exist. Without keys, the sandbox
 * id itself (128 random bits) is the capability.
 *
 * Quotas (sandboxes, requests per second) are counted per {@link ApiKeys.subject}: the key
 * when keys are on, the client address when they are off.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ProblemError, ProblemType } from './problem.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;
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
      const h = req.headers.authorization;
      const m = typeof h === 'string' ? BEARER.exec(h) : null;
      const owner = m ? this.byDigest.get(digest(m[1]!)) : undefined;
      if (owner !== undefined) return `key:${owner}`;
    }
    return `ip:${req.ip}`;
  }

  /** Like {@link authenticate}, but null (not 401) when keys are on and no key was sent. */
  authenticateIfPresent(req: FastifyRequest): number | null {
    return req.headers.authorization === undefined ? null : this.authenticate(req);
  }

  /**
   * The caller's key index; null when keys are off. Throws 401 when keys are on and the
   * request has no valid bearer key.
   */
  authenticate(req: FastifyRequest): number | null {
    if (!this.enabled) return null;
    const h = req.headers.authorization;
    const m = typeof h === 'string' ? BEARER.exec(h) : null;
    const owner = m ? this.byDigest.get(digest(m[1]!)) : undefined;
    if (owner === undefined) {
      throw new ProblemError(401, ProblemType.unauthorized, 'Unauthorized',
        m ? 'The API key is not valid.' : 'This server needs an API key: send "Authorization: Bearer <key>".');
    }
    return owner;
  }
}
