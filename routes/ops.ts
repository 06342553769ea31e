/** Drive a sandbox with heap operations: `POST /v1/sandboxes/{id}/ops`. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../src/context.js';
import { sandboxFor } from '../src/access.js';
import { addRoute } from '../src/route.js';
import { OpsRequest, OpsResponse, SandboxParams } from '../src/schemas.js';
import { pythonProblem, tooManyOps } from '../src/shape.js';

export default async function opsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { registry } = ctx;
  const max = ctx.config.limits.maxOpsPerRequest;

  addRoute(app, ctx.routes, {
    method: 'POST', path: '/v1/sandboxes/{id}/ops', operationId: 'applyOps', tag: 'operations', apiKey: true,
    summary: 'Apply operations in order',
    description:
      'One result per op. A Python-level failure at op k answers 422 with `index: k` and `pythonError`; ops before k ' +
      'stay applied (their results and events are in the problem body) unless `atomic` is true, in which case the ' +
      'sandbox is exactly as it was before the request.',
    params: SandboxParams, body: OpsRequest,
    responses: { 200: { description: 'Every op applied', schema: OpsResponse } },
    problems: [400, 404, 413, 415, 422],
  }, async ({ params, body }, req) => {
    if (body.ops.length > max) throw tooManyOps(body.ops.length, max);
    const entry = await sandboxFor(ctx, req, params.id);
    const r = registry.apply(entry, body.ops, body.atomic ?? false);
    if (r.error) {
      throw pythonProblem('Python error', r.error.pythonError, {
        index: r.error.index,
        atomic: body.atomic ?? false,
        results: r.results,
        events: r.events,
      });
    }
    return { results: r.results, events: r.events };
  });
}
