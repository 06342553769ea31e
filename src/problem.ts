/**
 * RFC 9457 problem details: every error heaplab returns is `application/problem+json`
 * with a stable `type`, a human `title`/`detail`, and — for bad input — the fields at fault.
 */
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply } from 'fastify';
import { z } from 'zod';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types (URNs: stable identifiers, not links). */
export const ProblemType = {
  malformed: 'urn:heaplab:problem:malformed-request',
  invalid: 'urn:heaplab:problem:invalid-field',
  unsupportedMedia: 'urn:heaplab:problem:unsupported-media-type',
  notFound: 'urn:heaplab:problem:not-found',
  methodNotAllowed: 'urn:heaplab:problem:method-not-allowed',
  tooLarge: 'urn:heaplab:problem:body-too-large',
  unauthorized: 'urn:heaplab:problem:unauthorized',
  limit: 'urn:heaplab:problem:limit-exceeded',
  rateLimited: 'urn:heaplab:problem:rate-limited',
  overloaded: 'urn:heaplab:problem:overloaded',
  python: 'urn:heaplab:problem:python-error',
  replay: 'urn:heaplab:problem:replay-failed',
  upgradeRequired: 'urn:heaplab:problem:upgrade-required',
  unavailable: 'urn:heaplab:problem:unavailable',
  internal: 'urn:heaplab:problem:internal',
} as const;

/** One field a request got wrong: a JSON-pointer-like path (`body.ops[2].target`) and why. */
export const FieldError = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

export const Problem = z
  .object({
    type: z.string().describe('A URN naming the kind of problem'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    requestId: z.string().optional().describe('Quote it when reporting a problem; it is in the server log'),
    errors: z.array(FieldError).optional().describe('For invalid input: each field at fault'),
    index: z.number().int().optional().describe('For a Python error in an ops batch: the index of the failing op'),
    pythonError: z
      .object({ type: z.string(), message: z.string() })
      .optional()
      .describe('The Python exception, as CPython would name it'),
  })
  .catchall(z.unknown())
  .describe('RFC 9457 problem details');
export type Problem = z.infer<typeof Problem>;

/** Throw one of these anywhere in a request; the error handler renders it. */
export class ProblemError extends Error {
  constructor(
    public readonly status: number,
    public readonly type: string,
    public readonly title: string,
    detail?: string,
    public readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }

  toJSON(requestId?: string): Problem {
    return { type: this.type, title: this.title, status: this.status, detail: this.message, requestId, ...this.extra };
  }
}

export const notFound = (what = 'resource'): ProblemError =>
  new ProblemError(404, ProblemType.notFound, 'Not Found', `No such ${what}.`);

/** Render a zod issue path as `body.ops[2].target`. */
export function fieldPath(where: string, path: readonly PropertyKey[]): string {
  let out = where;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

/**
 * Flatten zod issues into field errors. A failed discriminated/plain union reports the
 * branch errors when there is exactly one plausible branch, so `{"op":"alloc","type":"lst"}`
 * says what is wrong with `type`, not just "invalid input".
 */
export function fieldErrors(where: string, issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const out: FieldError[] = [];
  const walk = (list: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]) => {
    for (const issue of list) {
      const path = [...prefix, ...issue.path];
      if (issue.code === 'invalid_union' && issue.errors.length > 0) {
        // Prefer the branch that got furthest (fewest issues, deepest paths).
        const branches = issue.errors.filter((b) => b.length > 0);
        const best = branches
          .map((b) => ({ b, depth: Math.max(...b.map((i) => i.path.length)) }))
          .sort((x, y) => y.depth - x.depth || x.b.length - y.b.length)[0];
        if (best && best.depth > 0) {
          walk(best.b, path);
          continue;
        }
      }
      if (issue.code === 'unrecognized_keys') {
        for (const k of issue.keys) out.push({ field: fieldPath(where, [...path, k]), message: 'unknown field' });
        continue;
      }
      out.push({ field: fieldPath(where, path), message: issue.message });
    }
  };
  walk(issues, []);
  return out.slice(0, 50);
}

/** Parse `value` with `schema` or throw a 400 problem naming the fields at fault. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const errors = fieldErrors(where, r.error.issues);
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  throw new ProblemError(400, ProblemType.invalid, 'Invalid request', detail, { errors });
}

/** A 400 problem for one field. */
export function invalid(field: string, message: string): ProblemError {
  return new ProblemError(400, ProblemType.invalid, 'Invalid request', `${field}: ${message}`, { errors: [{ field, message }] });
}

export function sendProblem(reply: FastifyReply, p: ProblemError): FastifyReply {
  if (p.status === 401) reply.header('www-authenticate', 'Bearer');
  const retry = p.extra.retryAfterSeconds;
  if (typeof retry === 'number') reply.header('retry-after', String(retry));
  reply.header('x-request-id', reply.request.id);
  return reply.code(p.status).type(PROBLEM_CONTENT_TYPE).send(p.toJSON(String(reply.request.id)));
}

/** Map Fastify's own client errors (bad JSON, body too large, ...) to problems. */
export function fromFastifyError(err: FastifyError): ProblemError | null {
  const status = err.statusCode ?? 500;
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ProblemError(400, ProblemType.malformed, 'Malformed JSON', `body: ${err.message}`, {
        errors: [{ field: 'body', message: err.message }],
      });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ProblemError(413, ProblemType.tooLarge, 'Payload Too Large', err.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ProblemError(status === 415 ? 415 : 400, status === 415 ? ProblemType.unsupportedMedia : ProblemType.malformed,
        status === 415 ? 'Unsupported Media Type' : 'Bad Request', err.message);
  }
  if (err instanceof SyntaxError || (status >= 400 && status < 500)) {
    return new ProblemError(status >= 400 && status < 500 ? status : 400, ProblemType.malformed, 'Bad Request', err.message);
  }
  return null;
}

/**
 * The raw HTTP reply to a request Node's HTTP parser refused before any route saw it (a
 * malformed request line or header, headers past Node's 16 KiB, a request too slow to
 * arrive), as problem+json like every other error; null when there is nobody to answer (the
 * connection was reset). Written on the socket, which is then closed.
 */
export function clientErrorReply(err: NodeJS.ErrnoException): string | null {
  if (err.code === 'ECONNRESET') return null;
  let p = new ProblemError(400, ProblemType.malformed, 'Bad Request', 'The request is not valid HTTP/1.1.');
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    p = new ProblemError(408, ProblemType.malformed, 'Request Timeout', 'The request did not arrive in time.');
  } else if (err.code === 'HPE_HEADER_OVERFLOW') {
    p = new ProblemError(431, ProblemType.malformed, 'Request Header Fields Too Large', 'The request headers are larger than 16 KiB.');
  }
  const body = JSON.stringify(p.toJSON());
  return `HTTP/1.1 ${p.status} ${p.title}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
    `connection: close\r\n\r\n${body}`;
}

/** Answer a client error on `socket` (see clientErrorReply), or just close it. */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (socket.destroyed) return;
  const reply = clientErrorReply(err);
  if (reply !== null && socket.writable) socket.end(reply);
  else socket.destroy();
}
