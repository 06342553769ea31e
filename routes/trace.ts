/** Trace a whole program in a fresh sandbox: `POST /v1/trace` (Python Tutor's format or heaplab's steps). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../src/context.js';
import { sandboxFor } from '../src/access.js';
import { z } from 'zod';
import { graphReply, toDot } from '../src/bounds.js';
import { MAX_SVG_NODES, dotToSvg } from '../src/render.js';
import { optTrace, Sandbox } from '../src/engine.js';
import { ProblemError, ProblemType } from '../src/problem.js';
import { addRoute } from '../src/route.js';
import { StepParams, StepQuery, StepState, TraceRequest, TraceResponse } from '../src/schemas.js';

export default async function traceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  addRoute(app, ctx.routes, {
    method: 'POST', path: '/v1/trace', operationId: 'trace', tag: 'operations', apiKey: true,
    summary: 'Run a program in a fresh sandbox and answer its trace (Python Tutor\'s "opt" format, or heaplab\'s steps)',
    description:
      'format "opt": Python Tutor\'s trace document unchanged (`code`, `trace[]` with `event`, `line`, `func_name`, ' +
      '`globals`, `ordered_globals`, `stack_to_render`, `heap`, `stdout`; heap objects as LIST/TUPLE/SET/DICT/INSTANCE/' +
      'CLASS/FUNCTION arrays and REF links), plus per entry `heaplab_objects`: refcount, size, generation, tracked and ' +
      'finalized per heap object. format "heaplab": the steps of an exec with "trace": true. The sandbox is thrown ' +
      'away afterwards. At most `maxTraceSteps` steps (default 2000).',
    body: TraceRequest,
    responses: { 200: { description: 'The trace', schema: TraceResponse } },
    problems: [400, 413, 415],
  }, ({ body }) => {
    const end = performance.now() + ctx.config.limits.maxRequestMs;
    const interrupt = () => performance.now() > end;
    const sb = new Sandbox();
    if (body.format === 'opt') return optTrace(sb, body.code, { maxSteps: body.maxTraceSteps, interrupt });
    const r = sb.exec(body.code, { interrupt, trace: { maxSteps: body.maxTraceSteps } });
    return { code: body.code, stdout: r.stdout, stderr: r.stderr, error: r.error, steps: r.steps ?? [], after: r.after ?? null, truncated: r.truncated ?? null };
  });

  addRoute(app, ctx.routes, {
    method: 'GET', path: '/v1/sandboxes/{id}/steps/{n}', operationId: 'getStep', tag: 'inspection', apiKey: true, params: StepParams,
    summary: 'Time travel: the heap as it was at step n of the last traced exec',
    description: 'Exact by deterministic replay: the log before the traced exec is replayed into a copy, the exec runs ' +
      'again traced, and the copy is read while step n is taken. Costs what a fork costs (422 past the replay budget). ' +
      'With ?format=svg the picture of that moment (as GET .../graph?format=svg draws the present), with ?format=dot its source. ' +
      'The graph starts from the module\'s names; the step\'s frames give every frame\'s names.',
    query: StepQuery,
    responses: {
      200: { description: 'The step and the heap graph at it', schema: StepState,
        alternatives: { 'text/vnd.graphviz': z.string(), 'image/svg+xml': z.string() } },
    },
    problems: [400, 404, 422],
  }, async ({ params, query }, req, reply) => {
    const entry = await sandboxFor(ctx, req, params.id);
    const format = query.format ?? 'json';
    // A picture is laid out in one go on the event loop: it holds fewer nodes than data does.
    const maxNodes = format === 'svg' ? Math.min(ctx.config.limits.maxGraphNodes, MAX_SVG_NODES) : ctx.config.limits.maxGraphNodes;
    const s = ctx.registry.stepAt(entry, params.n, maxNodes);
    if (s === null) {
      throw new ProblemError(404, ProblemType.notFound, 'Not Found', `No step ${params.n}: the last traced exec of this sandbox has no such step, or there is none.`);
    }
    const graph = graphReply(s.graph, maxNodes);
    if (format === 'json') return { step: s.step, graph };
    const dot = toDot(graph);
    if (format === 'dot') return reply.type('text/vnd.graphviz; charset=utf-8').send(dot);
    return reply.type('image/svg+xml; charset=utf-8').send(await dotToSvg(dot));
  });
}
