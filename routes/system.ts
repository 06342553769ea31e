/** Service routes: health, readiness, limits and the OpenAPI document (the docs UI is routes/docs.ts). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../src/context.js';
import { buildOpenApi, toYaml } from '../src/openapi.js';
import { addRoute } from '../src/route.js';
import { Health, LimitsResponse } from '../src/schemas.js';

export default async function systemRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const t = ctx.routes;
  const tag = 'service';

  addRoute(app, t, {
    method: 'GET', path: '/healthz', operationId: 'health', tag, logLevel: 'warn', probe: true, summary: 'Liveness: the process is up',
    responses: { 200: { description: 'Alive', schema: Health } }, problems: [],
  }, () => ({ status: 'ok' }));

  addRoute(app, t, {
    method: 'GET', path: '/readyz', operationId: 'ready', tag, logLevel: 'warn', probe: true, summary: 'Readiness: accepting work (503 while shutting down, overloaded or unable to write the store)',
    responses: {
      200: { description: 'Ready', schema: Health },
      503: { description: 'Shutting down, overloaded, or the store cannot be written', schema: Health },
    },
    problems: [],
  }, (_i, _req, reply) => {
    const store = ctx.registry.store.kind;
    if (ctx.state.shuttingDown) return reply.code(503).send({ status: 'shutting-down', store });
    if (ctx.registry.store.failure() !== null) return reply.code(503).header('retry-after', '5').send({ status: 'store-unavailable', store });
    if (app.isUnderPressure()) return reply.code(503).header('retry-after', '2').send({ status: 'overloaded', store });
    return { status: 'ok', store };
  });

  addRoute(app, t, {
    method: 'GET', path: '/v1/limits', operationId: 'getLimits', tag, apiKey: true,
    summary: 'The limits this server enforces, and your own usage',
    description: 'The server-wide limits, and in `caller` how many sandboxes you hold against your quota — never ' +
      'other clients\' usage or the process\'s totals.',
    responses: { 200: { description: 'Effective limits', schema: LimitsResponse } }, problems: [],
  }, (_i, req) => {
    const { limits } = ctx.config;
    const known = ctx.keys.authenticateIfPresent(req) !== null || !ctx.keys.enabled;
    const caller = known ? { sandboxes: ctx.registry.countFor(ctx.keys.subject(req)), maxSandboxes: limits.maxSandboxesPerKey } : null;
    return { ...limits, apiKeys: ctx.keys.enabled, caller };
  });

  addRoute(app, t, {
    method: 'GET', path: '/metrics', operationId: 'metrics', tag, logLevel: 'warn', probe: true,
    summary: 'Prometheus metrics (text exposition format)',
    description: 'Sandboxes held, requests and latency by route, engine steps and time, journal write latency, heap snapshots ' +
      '(written, refused, failed; size and latency) and restores (from a snapshot or by full replay), ' +
      'store health, and process metrics. Meant for a scraper on a private network: expose it publicly only if ' +
      'these numbers may be public.',
    responses: { 200: { description: 'The metrics', alternatives: { 'text/plain': z.string() } } },
    problems: [],
  }, async (_i, _req, reply) => {
    const text = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(text);
  });

  // Built lazily on first request: every route is registered by then.
  let json: string | null = null;
  let yaml: string | null = null;
  const doc = () => buildOpenApi(ctx.routes, ctx.version);

  addRoute(app, t, {
    method: 'GET', path: '/openapi.json', operationId: 'openapiJson', tag, summary: 'This API as OpenAPI 3.1 (JSON)',
    responses: { 200: { description: 'The OpenAPI document', alternatives: { 'application/json': z.object({}).catchall(z.unknown()) } } },
    problems: [],
  }, (_i, _req, reply) => reply.type('application/json').send((json ??= JSON.stringify(doc()))));

  addRoute(app, t, {
    method: 'GET', path: '/openapi.yaml', operationId: 'openapiYaml', tag, summary: 'This API as OpenAPI 3.1 (YAML)',
    responses: { 200: { description: 'The OpenAPI document', alternatives: { 'application/yaml': z.string() } } },
    problems: [],
  }, (_i, _req, reply) => reply.type('application/yaml').send((yaml ??= toYaml(doc()))));
}
