/**
 * The OpenAPI 3.1 document, generated from the route table and the zod schemas.
 *
 * `openapi.yaml` at the repository root is this document, committed; a test fails when
 * they differ. Regenerate with `npm run openapi`.
 */
import { stringify } from 'yaml';
import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from './problem.js';
import type { RouteSpec, RouteTable } from './route.js';
import { schemaIdOf, schemas } from './schemas.js';

type Json = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function schemaRef(s: z.ZodType, where: string): Json {
  const id = schemaIdOf(s);
  if (id === undefined) throw new Error(`OpenAPI: ${where} uses a schema not registered in src/schemas.ts`);
  return ref(id);
}

function inline(s: z.ZodType): Json {
  const out = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Malformed JSON or an invalid field (the problem names it)',
  401: 'An API key is required (only when the server has keys configured)',
  404: 'No such sandbox, object or route',
  413: 'Request body over the size limit',
  415: 'Unsupported request media type',
  422: 'A Python-level error, or a per-request limit exceeded',
  426: 'Not a WebSocket upgrade request',
  429: 'A quota or rate limit was reached (Retry-After: seconds to wait)',
  503: 'Overloaded, shutting down, or (for a request that would change a sandbox) the store cannot be written; nothing was changed (Retry-After: seconds to wait)',
};

function parameters(r: RouteSpec): Json[] {
  const out: Json[] = [];
  for (const [where, s] of [['path', r.params], ['query', r.query]] as const) {
    if (!s) continue;
    const js = inline(s) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(js.properties ?? {})) {
      const { description, ...rest } = schema as { description?: string };
      out.push({
        name,
        in: where,
        required: where === 'path' || (js.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  return out;
}

function operation(r: RouteSpec): Json {
  const op: Json = {
    operationId: r.operationId,
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    tags: [r.tag],
  };
  const params = parameters(r);
  if (params.length) op.parameters = params;
  if (r.body) {
    const content: Json = { 'application/json': { schema: schemaRef(r.body, r.operationId) } };
    for (const [type, s] of Object.entries(r.bodyAlternatives ?? {})) content[type] = { schema: inline(s) };
    op.requestBody = { required: !r.bodyOptional, content };
  }
  const responses: Json = {};
  for (const [status, resp] of Object.entries(r.responses)) {
    const content: Json = {};
    if (resp.schema) content['application/json'] = { schema: schemaRef(resp.schema, `${r.operationId} ${status}`) };
    for (const [type, s] of Object.entries(resp.alternatives ?? {})) content[type] = s ? { schema: inline(s) } : {};
    responses[status] = {
      description: resp.description,
      ...(resp.headers
        ? { headers: Object.fromEntries(Object.entries(resp.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) }
        : {}),
      ...(Object.keys(content).length ? { content } : {}),
    };
  }
  for (const status of r.problems) responses[status] = { $ref: `#/components/responses/Problem${status}` };
  op.responses = responses;
  // Declared on every operation (linters ask): a key when the server has keys, or none;
  // an empty list says the route needs no authentication at all.
  op.security = r.apiKey ? [{ apiKey: [] }, {}] : [];
  return op;
}

export function buildOpenApi(routes: RouteTable, version: string): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r);

  const generated = z.toJSONSchema(schemas, {
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Json> };
  const componentSchemas: Record<string, Json> = {};
  for (const id of Object.keys(generated.schemas).sort()) {
    const { $schema: _s, $id: _i, ...rest } = generated.schemas[id]!;
    componentSchemas[id] = rest;
  }
  const statuses = [...new Set(routes.flatMap((r) => r.problems))].sort((a, b) => a - b);
  const problemResponses = Object.fromEntries(
    statuses.map((s) => [
      `Problem${s}`,
      { description: STATUS_TEXT[s] ?? `HTTP ${s}`, content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } } },
    ]),
  );

  return {
    openapi: '3.1.0',
    info: {
      title: 'heaplab',
      version,
      summary: 'Memory sandboxes: isolated, simulated CPython 3.11 heaps over HTTP and WebSocket',
      description:
        'Create a sandbox, drive it with heap operations (alloc, ref, del, collect, getrefcount, ...) or Python ' +
        'source, and inspect reference counts, generations, finalizers and collections. The sandbox id is a ' +
        'capability: whoever holds it may use the sandbox. Errors are RFC 9457 problem details.',
      // No license: heaplab declares none (package.json is private). A license object needs an
      // SPDX identifier or a URL, and a made-up one would be worse than none.
    },
    // Relative: the document describes the server that serves it, wherever it is deployed.
    servers: [{ url: '/', description: 'The server this document was fetched from' }],
    tags: [
      { name: 'sandboxes', description: 'Create, fork, replay, inspect and delete sandboxes' },
      { name: 'operations', description: 'Drive a sandbox: heap operations and Python source' },
      { name: 'inspection', description: 'Read a sandbox: gc stats, objects, names, graph, op log' },
      { name: 'events', description: 'Live events over WebSocket' },
      { name: 'grading', description: 'Grade submissions against memory exercises (heaplab, Gradescope, PrairieLearn formats)' },
      { name: 'service', description: 'Health, limits and this document' },
    ],
    paths,
    components: {
      schemas: componentSchemas,
      responses: problemResponses,
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'Needed only when the server sets HEAPLAB_API_KEYS; then a sandbox is visible only to the key that created it (404 for any other)',
        },
      },
    },
  };
}

export function toYaml(doc: Json): string {
  return stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}
