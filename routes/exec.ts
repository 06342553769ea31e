/** Run Python source in a sandbox: `POST /v1/sandboxes/{id}/exec`. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../src/context.js';
import { sandboxFor } from '../src/access.js';
import { addRoute } from '../src/route.js';
import { ExecRequest, ExecResponse, SandboxParams } from '../src/schemas.js';

export default async function execRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { registry } = ctx;

  addRoute(app, ctx.routes, {
    method: 'POST', path: '/v1/sandboxes/{id}/exec', operationId: 'exec', tag: 'operations', apiKey: true,
    summary: 'Run Python source (JSON {"code"} or a raw text/x-python body)',
    description:
      'Runs the code as a module-level cell: names persist in the sandbox between calls. A Python exception is part ' +
      'of the result (`error`, with the traceback in `stderr`), not an HTTP error. With `Accept: text/plain` the ' +
      'reply is what a terminal would show: stdout, then stderr. With `"trace": true` the code runs on the bytecode ' +
      'machine and `steps` holds one step per sys.settrace event (call/line/return/exception, at CPython\'s lines): ' +
      'the frame stack\'s names and what the previous line changed on the heap. At most `maxTraceSteps` steps ' +
      '(default 2000) are recorded; past them the program runs on untraced and `truncated` says so.',
    params: SandboxParams,
    body: ExecRequest, textField: 'code',
    bodyAlternatives: {
      'text/x-python': ExecRequest.shape.code,
      'text/plain': ExecRequest.shape.code,
      'application/x-www-form-urlencoded': ExecRequest.shape.code.describe("Raw source: what `curl --data-binary @cell.py` sends"),
    },
    responses: {
      200: { description: 'The run', schema: ExecResponse, alternatives: { 'text/plain': z.string() } },
    },
    problems: [400, 404, 413, 415],
  }, async ({ params, body }, req, reply) => {
    const entry = await sandboxFor(ctx, req, params.id);
    const r = await registry.exec(entry, body.code, body.trace ? { maxSteps: body.maxTraceSteps } : undefined);
    if (wantsText(req.headers.accept)) return reply.type('text/plain; charset=utf-8').send(r.stdout + r.stderr);
    const out = { stdout: r.stdout, stderr: r.stderr, error: r.error, events: r.events };
    return body.trace ? { ...out, steps: r.steps, after: r.after, truncated: r.truncated } : out;
  });
}

/** True when the client prefers text/plain over JSON. */
function wantsText(accept: string | undefined): boolean {
  if (!accept) return false;
  let text = -1;
  let json = -1;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    if (type === 'text/plain') text = Math.max(text, q);
    else if (type === 'application/json') json = Math.max(json, q);
  }
  return text > 0 && text > json;
}
