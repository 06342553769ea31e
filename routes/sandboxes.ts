/** Sandbox lifecycle: create (fresh or replayed), list (with API keys), get, fork, delete. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../src/context.js';
import { sandboxFor } from '../src/access.js';
import { invalid, ProblemError, ProblemType } from '../src/problem.js';
import { addRoute } from '../src/route.js';
import { CreatedSandbox, CreateSandboxRequest, ForkRequest, SandboxList, SandboxParams, SandboxSummary } from '../src/schemas.js';
import { checkRequestedLimits, replayProblem, summarize } from '../src/shape.js';

export default async function sandboxRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { registry, keys, routes: t } = ctx;
  const tag = 'sandboxes';

  addRoute(app, t, {
    method: 'POST', path: '/v1/sandboxes', operationId: 'createSandbox', tag, apiKey: true,
    summary: 'Create a sandbox (optionally by replaying an op log)',
    description: 'Returns the new sandbox id: 128 random bits, and the only capability needed to use the sandbox.',
    body: CreateSandboxRequest, bodyOptional: true,
    responses: { 201: { description: 'Created', schema: CreatedSandbox, headers: { location: 'The sandbox URL' } } },
    problems: [400, 401, 413, 415, 422, 429],
  }, ({ body }, req, reply) => {
    const owner = keys.authenticate(req);
    if (body.replay && (body.gc || body.limits)) {
      throw invalid('body.replay', 'a replayed sandbox takes its gc and limits options from the log; omit body.gc and body.limits');
    }
    const options = body.replay?.options ?? { gc: body.gc, limits: body.limits };
    checkRequestedLimits(options.limits, ctx.config.limits, body.replay ? 'body.replay.options.limits' : 'body.limits');
    let entry;
    try {
      entry = registry.create({ options, label: body.label, owner, subject: keys.subject(req), replay: body.replay?.entries });
    } catch (err) {
      throw replayProblem(err) ?? err;
    }
    return reply.code(201).header('location', `/v1/sandboxes/${entry.id}`).send({ id: entry.id });
  });

  addRoute(app, t, {
    method: 'GET', path: '/v1/sandboxes', operationId: 'listSandboxes', tag, apiKey: true,
    summary: "List the caller's sandboxes (only when the server has API keys)",
    description: 'Lists the sandboxes created with the same API key. Without configured keys this route does not exist (404).',
    responses: { 200: { description: 'Your sandboxes', schema: SandboxList } },
    problems: [401, 404],
  }, (_i, req) => {
    if (!keys.enabled) throw new ProblemError(404, ProblemType.notFound, 'Not Found', `No route ${req.method} ${req.url.split('?')[0]}.`);
    const owner = keys.authenticate(req)!;
    return { items: registry.listOwnedBy(owner).map((e) => summarize(registry, e)) };
  });

  addRoute(app, t, {
    method: 'GET', path: '/v1/sandboxes/{id}', operationId: 'getSandbox', tag, apiKey: true, summary: 'Summary of a sandbox',
    params: SandboxParams,
    responses: { 200: { description: 'The sandbox', schema: SandboxSummary } },
    problems: [400, 404],
  }, async ({ params }, req) => summarize(registry, await sandboxFor(ctx, req, params.id)));

  addRoute(app, t, {
    method: 'DELETE', path: '/v1/sandboxes/{id}', operationId: 'deleteSandbox', tag, apiKey: true,
    summary: 'Delete a sandbox (its WebSocket subscribers get close code 4410)',
    params: SandboxParams,
    responses: { 204: { description: 'Deleted' } },
    problems: [400, 404],
  }, ({ params }, req, reply) => {
    const owner = keys.authenticate(req);
    if (!registry.delete(params.id, owner)) registry.require(params.id, owner);
    return reply.code(204).send();
  });

  addRoute(app, t, {
    method: 'POST', path: '/v1/sandboxes/{id}/fork', operationId: 'forkSandbox', tag, apiKey: true,
    summary: 'Copy a sandbox into a new, independent one (now, or at a step of its last traced exec)',
    description: 'The copy is the sandbox\'s log replayed, so it is refused (422 naming the limit) when that replay would ' +
      'spend more than one request may (maxStepsPerRequest, maxRequestMs).\n\n' +
      'With `{"atStep": n}` the copy is the sandbox at step n of its last traced exec: the heap GET .../steps/{n} shows, ' +
      'step n\'s line about to run. Its log is the log up to that exec, then the exec stopped exactly there (recorded ' +
      'with `stoppedAfterSteps`, as a step budget stops a program), so it replays and restores exactly; later entries ' +
      'are not copied. Frames still open at step n (calls in progress, a for loop\'s iterator, the exception an except block handles) are abandoned as a budget ' +
      'abandons them, their references released: the copy runs further code at module level with the globals of step n. ' +
      'Only a `line` step can be forked (422 for call/return/exception); 404 when there is no traced exec or no step n.',
    params: SandboxParams,
    body: ForkRequest, bodyOptional: true,
    responses: { 201: { description: 'The copy', schema: CreatedSandbox, headers: { location: 'The new sandbox URL' } } },
    problems: [400, 401, 404, 415, 422, 429],
  }, ({ params, body }, req, reply) => {
    const owner = keys.authenticate(req);
    const entry = registry.fork(registry.require(params.id, owner), owner, keys.subject(req), body.atStep);
    return reply.code(201).header('location', `/v1/sandboxes/${entry.id}`).send({ id: entry.id });
  });
}
