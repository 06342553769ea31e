/**
 * `/docs`: Swagger UI (@fastify/swagger-ui) over this server's own OpenAPI document, the one
 * `/openapi.json` serves. Every asset (Swagger UI's bundle, stylesheet, initializer) comes
 * from this server, so the page works offline, and "Try it out" calls the running server
 * (the document's server URL is relative).
 *
 * Registered after every other route plugin: the document is built from the route table
 * once, here, so it must be complete. The page's own Content-Security-Policy replaces the
 * API's (which allows no script): scripts, styles and requests from this origin only, inline
 * styles (Swagger UI sets style attributes), no framing, no validator badge from outside.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../src/context.js';
import { buildOpenApi } from '../src/openapi.js';
import { documentRoute } from '../src/route.js';

export const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export default async function docsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  documentRoute(ctx.routes, {
    method: 'GET', path: '/docs', operationId: 'docs', tag: 'service',
    summary: 'Browse and try this API (Swagger UI, served by this server)',
    description: 'Swagger UI over /openapi.json; its assets live under /docs/static/ and the document it reads under /docs/json.',
    responses: { 200: { description: 'The Swagger UI page', alternatives: { 'text/html': z.string() } } },
    problems: [],
  });
  await app.register(swagger, { mode: 'static', specification: { document: buildOpenApi(ctx.routes, ctx.version) as never } });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: DOCS_CSP,
    uiConfig: { deepLinking: true, tryItOutEnabled: false, displayOperationId: true },
    validatorUrl: false,
    theme: { title: 'heaplab API' },
  });
}
