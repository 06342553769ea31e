/** Read a sandbox: gc stats, objects, names, the heap graph and the op log. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../src/context.js';
import { sandboxFor } from '../src/access.js';
import { boundDetail, graphReply, toDot } from '../src/bounds.js';
import { ReadCache } from '../src/readcache.js';
import { MAX_SVG_NODES, dotToSvg } from '../src/render.js';
import { graphBudget } from '../src/engine.js';
import { ProblemError, ProblemType } from '../src/problem.js';
import { addRoute } from '../src/route.js';
import {
  AlivePath, Graph, GraphQuery, LogQuery, Names, ObjectDetail, ObjectList, ObjectParams, ObjectsQuery, SandboxLog, SandboxParams, Stats,
} from '../src/schemas.js';

/** Items of one container a graph draws unless the client asks for another number. */
const DEFAULT_GRAPH_ITEMS = 50;

export default async function inspectRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { routes: t } = ctx;
  const { maxGraphNodes } = ctx.config.limits;
  // Objects an object listing may count past its page before it stops counting.
  const objectScanBudget = graphBudget(maxGraphNodes).maxSweep;
  // Graph replies of unchanged sandboxes: 16 at most, within 64 MiB.
  const graphs = new ReadCache(16, 64 * 2 ** 20);
  const tag = 'inspection';
  const params = SandboxParams;
  const problems = [400, 404];
  const apiKey = true;

  addRoute(app, t, {
    method: 'GET', path: '/v1/sandboxes/{id}/stats', operationId: 'getStats', tag, params, problems, apiKey,
    summary: 'gc.get_stats(), get_count(), get_threshold(), isenabled(), get_freeze_count(), len(gc.garbage), totals',
    responses: { 200: { description: 'Collector state', schema: Stats } },
  }, async ({ params }, req) => (await sandboxFor(ctx, req, params.id)).sandbox.stats());

  addRoute(app, t, {
    method: 'GET', path: '/v1/sandboxes/{id}/objects', operationId: 'listObjects', tag, params, problems, apiKey,
    summary: 'Live objects, filtered and paginated', query: ObjectsQuery,
    description: `A page of at most \`limit\` objects (capped at maxGraphNodes, see /v1/limits). \`truncated\` is true ` +
      'when more objects match than this page holds (ask for the next page with `offset`). Counting stops after the page ' +
      'once 16 × maxGraphNodes objects were looked at; `totalIsLowerBound: true` then says `total` is what was counted.',
    responses: { 200: { description: 'A page of objects', schema: ObjectList } },
  }, async ({ params, query }, req) => {
    const limit = Math.min(query.limit, maxGraphNodes);
    const page = (await sandboxFor(ctx, req, params.id)).sandbox.listObjects({ ...query, limit, maxScan: objectScanBudget });
    const reply = { total: page.total, offset: query.offset, limit, items: page.items, truncated: query.offset + page.items.length < page.total };
    return page.totalIsLowerBound ? { ...reply, totalIsLowerBound: true as const } : reply;
  });

  addRoute(app, t, {
    method: 'GET', path: '/v1/sandboxes/{id}/objects/{oid}', operationId: 'getObject', tag, params: ObjectParams, problems, apiKey,
    summary: 'One object: type, refcount, size, referents, referrers, generation, tracked, finalized',
    description: 'referents and referrers hold at most maxGraphNodes ids each and repr at most 65,536 characters; ' +
      'when any was cut, `truncated` maps it to its full length.',
    responses: { 200: { description: 'The object', schema: ObjectDetail } },
  }, async ({ params }, req) => {
    const o = (await sandboxFor(ctx, req, params.id)).sandbox.object(params.oid);
    if (o === null) throw new ProblemError(404, ProblemType.notFound, 'Not Found', `No live object ${params.oid} in this sandbox.`);
    return boundDetail(o, maxGraphNodes);
  });

  addRoute(app, t, {
    method: 'GET', path: '/v1/sandboxes/{id}/objects/{oid}/path', operationId: 'whyAlive', tag, params: ObjectParams, problems, apiKey,
    summary: 'Why is this object alive: the shortest labelled chain of references from a root, or that none reaches it',
    description: 'Roots: module globals, the locals of call frames, gc.garbage, gc.callbacks, then what only the interpreter ' +
      'holds (compiled constants). Every strong reference is followed (untracked tuples and dicts, cells, frames, bound ' +
      'methods, an instance\'s class). The search examines at most 16 × maxGraphNodes references; `status: "unknown"` ' +
      'says it stopped there.',
    responses: { 200: { description: 'Why it is alive', schema: AlivePath } },
  }, async ({ params }, req) => {
    const p = (await sandboxFor(ctx, req, params.id)).sandbox.whyAlive(params.oid, objectScanBudget);
    if (p === null) throw new ProblemError(404, ProblemType.notFound, 'Not Found', `No live object ${params.oid} in this sandbox.`);
    return p;
  });

  addRoute(app, t, {
    method: 'GET', path: '/v1/sandboxes/{id}/names', operationId: 'getNames', tag, params, problems, apiKey,
    summary: 'Name bindings per frame (globals first)',
    description: 'At most maxGraphNodes names in all (see /v1/limits); `truncated: true` says more exist.',
    responses: { 200: { description: 'Frames and their names', schema: Names } },
  }, async ({ params }, req) => {
    const { frames, truncated } = (await sandboxFor(ctx, req, params.id)).sandbox.boundedNames(maxGraphNodes);
    return truncated ? { frames, truncated } : { frames };
  });

  addRoute(app, t, {
    method: 'GET', path: '/v1/sandboxes/{id}/graph', operationId: 'getGraph', tag, params, problems, apiKey, query: GraphQuery,
    summary: 'The heap as a graph: nodes, edges, names as roots (or Graphviz with ?format=dot, a picture with ?format=svg)',
    description: 'At most maxGraphNodes nodes (see /v1/limits), the nearest to the roots first, with the edges between ' +
      'them. `truncated` says whether anything was left out and `totals` how big the whole graph is; the DOT form ' +
      'says it in a comment and a "truncated" note node.',
    responses: { 200: { description: 'The graph', schema: Graph, alternatives: { 'text/vnd.graphviz': z.string(), 'image/svg+xml': z.string() } } },
  }, async ({ params, query }, req, reply) => {
    const entry = await sandboxFor(ctx, req, params.id);
    const format = query.format ?? 'json';
    const items = query.items ?? DEFAULT_GRAPH_ITEMS;
    // A picture is laid out in one go on the event loop: it holds fewer nodes than data does.
    const maxNodes = format === 'svg' ? Math.min(maxGraphNodes, MAX_SVG_NODES) : maxGraphNodes;
    const build = (): string => {
      const g = graphReply(entry.sandbox.graph({ view: query.view, maxNodes, maxItems: items }), maxNodes);
      return format === 'json' ? JSON.stringify(g) : toDot(g);
    };
    const key = `${entry.id}:${entry.version}:${query.view ?? 'names'}:${items}`;
    if (format === 'svg') {
      const svg = await dotToSvg(graphs.getOrBuild(`${key}:dot`, build));
      return reply.type('image/svg+xml; charset=utf-8').send(svg);
    }
    const body = graphs.getOrBuild(`${key}:${format}`, build);
    return reply.type(format === 'dot' ? 'text/vnd.graphviz; charset=utf-8' : 'application/json; charset=utf-8').send(body);
  });

  addRoute(app, t, {
    method: 'GET', path: '/v1/sandboxes/{id}/log', operationId: 'getLog', tag, params, problems, apiKey, query: LogQuery,
    summary: 'The op log, replayable with POST /v1/sandboxes {"replay": log} (or a Python program with ?format=python)',
    responses: { 200: { description: 'The log', schema: SandboxLog, alternatives: { 'text/x-python': z.string() } } },
  }, async ({ params, query }, req, reply) => {
    const sb = (await sandboxFor(ctx, req, params.id)).sandbox;
    if (query.format === 'python') return reply.type('text/x-python; charset=utf-8').send(sb.exportPython());
    return sb.log();
  });
}
