/**
 * Declaring a route once: the same spec registers the Fastify handler, validates params,
 * query and body with zod (400 problem naming the field on failure), and feeds the OpenAPI
 * document — so the contract cannot drift from what the server does.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { parseOr400 } from './problem.js';

export interface ResponseSpec {
  description: string;
  /** JSON body schema (registered in {@link schemas} to appear as a named component). */
  schema?: z.ZodType;
  /** Other representations of the same response, by media type. */
  alternatives?: Record<string, z.ZodType | null>;
  headers?: Record<string, string>;
}

export interface RouteSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** OpenAPI-style path: `/v1/sandboxes/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body may be omitted entirely (then `{}` is validated). */
  bodyOptional?: boolean;
  /** Other request media types than JSON, e.g. `text/x-python` (a raw string). */
  bodyAlternatives?: Record<string, z.ZodType>;
  /** A raw text body (one of `bodyAlternatives`) is validated as `{ [textField]: body }`. */
  textField?: string;
  /** Bearer API key (needed only when the server has keys configured): may answer 401. */
  apiKey?: boolean;
  /** A probe: not rate limited and not shed under load (so no 429/503 from those). */
  probe?: boolean;
  responses: Record<number, ResponseSpec>;
  /** Problem statuses this route can answer with (rendered as problem+json). */
  problems: number[];
  /** Log this route's requests at this level (probes: 'warn', so they do not flood the log). */
  logLevel?: 'warn' | 'info';
  /** Not a plain HTTP route (documented only, e.g. the WebSocket). */
  documentOnly?: boolean;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Input<P, Q, B> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
}

/** Every route declared so far, in order (the OpenAPI document's source). */
export type RouteTable = RouteSpec[];

export const fastifyPath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');

/**
 * The problems every route can answer besides its own: 401 where a key is needed, 429 from
 * the rate limit and 503 from load shedding except on probes.
 */
function withServiceProblems(spec: RouteSpec): RouteSpec {
  const extra = [...(spec.apiKey ? [401] : []), ...(spec.probe ? [] : [429, 503])];
  return { ...spec, problems: [...new Set([...spec.problems, ...extra])].sort((a, b) => a - b) };
}

export function addRoute<S extends RouteSpec>(
  app: FastifyInstance,
  table: RouteTable,
  spec: S,
  handler: (input: Input<S['params'], S['query'], S['body']>, req: FastifyRequest, reply: FastifyReply) => unknown,
): void {
  table.push(withServiceProblems(spec));
  app.route({
    method: spec.method,
    url: fastifyPath(spec.path),
    ...(spec.logLevel ? { logLevel: spec.logLevel } : {}),
    config: { probe: spec.probe === true },
    handler: async (req, reply) => {
      // Echo a caller's own request id (set here, not in a hook: hooks cost every request).
      // Our own ids go out only with problems: a header on every reply costs ~8% throughput.
      if (req.headers['x-request-id'] === req.id) reply.header('x-request-id', req.id);
      let body: unknown = req.body === undefined && spec.bodyOptional ? {} : req.body;
      if (typeof body === 'string' && spec.textField) body = { [spec.textField]: body };
      const input = {
        params: spec.params ? parseOr400(spec.params, req.params, 'path') : undefined,
        query: spec.query ? parseOr400(spec.query, req.query, 'query') : undefined,
        body: spec.body ? parseOr400(spec.body, body, 'body') : undefined,
      } as Input<S['params'], S['query'], S['body']>;
      return handler(input, req, reply);
    },
  });
}

/** Record a route that is registered by other means (the WebSocket) for the document. */
export function documentRoute(table: RouteTable, spec: RouteSpec): void {
  table.push({ ...withServiceProblems(spec), documentOnly: true });
}
