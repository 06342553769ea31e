/**
 * The playground: `GET /play` (the page) and `GET /play/assets/{file}` (its script,
 * stylesheet and the seed lesson's cells). `npm run build` writes them to dist/playground/ (playground/build.mjs bundles
 * CodeMirror with esbuild), so every asset comes from this server and the page works offline.
 *
 * Only the names in {@link ASSETS} are served: a request names a file of that list or gets a
 * 404, so no path from the request ever reaches the file system (no traversal by construction).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../src/context.js';
import { ProblemError, ProblemType } from '../src/problem.js';
import { addRoute } from '../src/route.js';

/** The files the page is made of, with the content type each is served as. */
const ASSETS: ReadonlyMap<string, string> = new Map([
  ['playground.js', 'text/javascript; charset=utf-8'],
  ['playground.css', 'text/css; charset=utf-8'],
  ['lesson.json', 'application/json; charset=utf-8'],
]);

/**
 * The page's own policy (helmet's default one allows no script): its bundled module from this
 * origin only, CodeMirror's injected style elements, the API and its WebSocket on this origin,
 * and framing only by the configured origins (HEAPLAB_FRAME_ANCESTORS; none by default).
 */
export function pageCsp(frameAncestors: readonly string[]): string {
  const ancestors = frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'";
  return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; " +
    `img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors ${ancestors}`;
}

/** The checkout's root: the nearest folder above this module holding package.json (works from dist/ too). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4 && !existsSync(join(dir, 'package.json')); i++) dir = dirname(dir);
  return dir;
}

export default async function playgroundRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const t = ctx.routes;
  const tag = 'service';
  const built = join(projectRoot(), 'dist', 'playground');
  const cache = new Map<string, Buffer>();
  const embedders = ctx.config.frameAncestors;
  const csp = pageCsp(embedders);

  // A built file's bytes (read once), or a 404 saying the build has not run.
  const load = async (name: string): Promise<Buffer> => {
    const hit = cache.get(name);
    if (hit !== undefined) return hit;
    let bytes: Buffer;
    try {
      bytes = await readFile(join(built, name));
    } catch {
      throw new ProblemError(404, ProblemType.notFound, 'Not Found', 'The playground is not built here: run `npm run build`.');
    }
    cache.set(name, bytes);
    return bytes;
  };

  addRoute(app, t, {
    method: 'GET', path: '/play', operationId: 'playground', tag, summary: 'The playground (HTML): edit Python, run it, step through it, see the heap',
    description: 'Opens with the seed lesson\'s cells ready to run. `?sandbox=ID` works in an existing sandbox (a course ' +
      'platform creates it, then embeds the page in a frame: allowed only for the origins in HEAPLAB_FRAME_ANCESTORS). ' +
      '`#key=...` in the URL fills the API key field (a fragment never reaches the server or its logs).',
    query: z.object({ sandbox: z.string().max(100).optional().describe('Work in this sandbox instead of a new one') }),
    responses: { 200: { description: 'The playground page', alternatives: { 'text/html': z.string() } } },
    problems: [404],
  }, async (_i, _req, reply) => {
    // X-Frame-Options cannot name origins: DENY without embedders; with them, CSP alone decides.
    if (embedders.length > 0) reply.removeHeader('x-frame-options');
    else reply.header('x-frame-options', 'DENY');
    return reply.type('text/html; charset=utf-8').header('content-security-policy', csp).send(await load('index.html'));
  });

  addRoute(app, t, {
    method: 'GET', path: '/play/assets/{file}', operationId: 'playgroundAsset', tag,
    summary: "The playground's script, stylesheet and lesson cells",
    params: z.object({ file: z.string().describe('playground.js, playground.css or lesson.json') }),
    responses: { 200: { description: 'The asset', alternatives: { 'text/javascript': z.string(), 'text/css': z.string(), 'application/json': z.string() } } },
    problems: [404],
  }, async ({ params }, _req, reply) => {
    const type = ASSETS.get(params.file);
    if (type === undefined) throw new ProblemError(404, ProblemType.notFound, 'Not Found', `No playground asset named ${JSON.stringify(params.file)}.`);
    return reply.type(type).send(await load(params.file));
  });
}
