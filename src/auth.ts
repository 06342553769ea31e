/**
 * Optional API keys. With `HEAPLAB_API_KEYS` set, creating (and forking) sandboxes needs
 * `Authorization: Bearer <key>`, and `GET /v1/sandboxes` lists the caller's own sandboxes.
 * Everything else is authorised by the sandbox id itself (a 128-bit capability).
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ProblemError, ProblemType } from './problem.js';

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
   * The caller's key index; null when keys are off. Throws 401 when keys are on and the
   * request has no valid bearer key.
   */
  authenticate(req: FastifyRequest): number | null {
    if (!this.enabled) return null;
    const h = req.headers.authorization;
    const m = typeof h === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
    const owner = m ? this.byDigest.get(digest(m[1]!)) : undefined;
    if (owner === undefined) {
      throw new ProblemError(401, ProblemType.unauthorized, 'Unauthorized',
        m ? 'The API key is not valid.' : 'This server needs an API key: send "Authorization: Bearer <key>".');
    }
    return owner;
  }
}
