/** Read a sandbox: gc stats, objects, names, the heap graph and the op log. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../src/context.js';
import { ProblemError, ProblemType } from '../src/problem.js';
import { addRoute } from '../src/route.js';
import {
  Graph, GraphQuery, LogQuery, Names, ObjectDetail, ObjectList, ObjectParams, ObjectsQuery, SandboxLog, SandboxParams, Stats,
} from '../src/schemas.js';

export default async function inspectRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { registry, routes: t } = ctx;
  const tag = 'inspection';
  const params = SandboxParams;
  const problems = [400, 404];

  addRoute(app, t, {
    method: 'GET', path: '/v1/sandboxes/{id}/stats', operationId: 'getStats', tag, params, problems,
    summary: 'gc.get_stats(), get_count(), get_threshold(), isenabled(), get_freeze_count(), len(gc.garbage), totals',
    responses: { 200: { description: 'Collector state', schema: Stats } },
  }, ({ params }) => registry.require(params.id).sandbox.stats());

  addRoute(app, t, {
    method: 'GET', path: '/v1/sandboxes/{id}/objects', operationId: 'listObjects', tag, params, problems,
    summary: 'Live objects, filtered and paginated', query: ObjectsQuery,
    responses: { 200: { description: 'A page of objects', schema: ObjectList } },
  }, ({ params, query }) => {
    const page = registry.require(params.id).sandbox.listObjects(query);
    return { total: page.total, offset: query.offset, limit: query.limit, items: page.items };
  });

  addRoute(app, t, {
    method: 'GET', path: '/v1/sandboxes/{id}/objects/{oid}', operationId: 'getObject', tag, params: ObjectParams, problems,
    summary: 'One object: type, refcount, size, referents, referrers, generation, tracked, finalized',
    responses: { 200: { description: 'The object', schema: ObjectDetail } },
  }, ({ params }) => {
    const o = registry.require(params.id).sandbox.object(params.oid);
    if (o === null) throw new ProblemError(404, ProblemType.notFound, 'Not Found', `No live object ${params.oid} in this sandbox.`);
    return o;
  });

  addRoute(app, t, {
    method: 'GET', path: '/v1/sandboxes/{id}/names', operationId: 'getNames', tag, params, problems,
    summary: 'Name bindings per frame (globals first)',
    responses: { 200: { description: 'Frames and their names', schema: Names } },
  }, ({ params }) => ({ frames: registry.require(params.id).sandbox.names() }));

  addRoute(app, t, {
    method: 'GET', path: '/v1/sandboxes/{id}/graph', operationId: 'getGraph', tag, params, problems, query: GraphQuery,
    summary: 'The heap as a graph: nodes, edges, names as roots (or Graphviz with ?format=dot)',
    responses: { 200: { description: 'The graph', schema: Graph, alternatives: { 'text/vnd.graphviz': z.string() } } },
  }, ({ params, query }, _req, reply) => {
    const sb = registry.require(params.id).sandbox;
    if (query.format === 'dot') return reply.type('text/vnd.graphviz; charset=utf-8').send(sb.toDot({ view: query.view }));
    return sb.graph({ view: query.view });
  });

  addRoute(app, t, {
    method: 'GET', path: '/v1/sandboxes/{id}/log', operationId: 'getLog', tag, params, problems, query: LogQuery,
    summary: 'The op log, replayable with POST /v1/sandboxes {"replay": log} (or a Python program with ?format=python)',
    responses: { 200: { description: 'The log', schema: SandboxLog, alternatives: { 'text/x-python': z.string() } } },
  }, ({ params, query }, _req, reply) => {
    const sb = registry.require(params.id).sandbox;
    if (query.format === 'python') return reply.type('text/x-python; charset=utf-8').send(sb.exportPython());
    return sb.log();
  });
}
