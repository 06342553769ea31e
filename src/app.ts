/**
 * The app factory: a configured Fastify instance with every route, the sandbox registry,
 * problem+json error handling, CORS, WebSocket support and request-id logging.
 *
 * `buildApp` does not listen; `src/main.ts` does, and tests use `app.inject`/supertest.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import cors from '@fastify/cors';
import helmet, { type HelmetOptions } from 'helmet';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import websocket from '@fastify/websocket';
import { getHeapStatistics } from 'node:v8';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import docsRoutes from '../routes/docs.js';
import eventsRoutes from '../routes/events.js';
import execRoutes from '../routes/exec.js';
import gradeRoutes from '../routes/grade.js';
import traceRoutes from '../routes/trace.js';
import inspectRoutes from '../routes/inspect.js';
import opsRoutes from '../routes/ops.js';
import playgroundRoutes from '../routes/playground.js';
import sandboxRoutes from '../routes/sandboxes.js';
import systemRoutes from '../routes/system.js';
import { ApiKeys, EVENTS_PROTOCOL } from './auth.js';
import { DEFAULT_SNAPSHOT_EVERY, type Config } from './config.js';
import type { AppContext } from './context.js';
import { lazyChildLoggerFactory, loggerOptions } from './logger.js';
import { buildOpenApi } from './openapi.js';
import { answerClientError, fromFastifyError, ProblemError, ProblemType, sendProblem } from './problem.js';
import { SandboxRegistry } from './registry.js';
import type { RouteTable } from './route.js';
import { capReplies } from './replies.js';
import { SubscriberBudget } from './fanout.js';
import { Counts } from './counts.js';
import { RateTable, rateStore } from './rates.js';
import type { Placement } from './threads/placement.js';
import { openStore } from './store/open.js';
import { Metrics } from './metrics.js';
import type { Store } from './store/store.js';
import { RedisStore } from './store/redis.js';
import { installCluster } from './cluster/plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    heaplab: AppContext;
  }
}

export interface BuildOptions {
  /** Clock for idle expiry (tests). */
  now?: () => number;
  /** Override the logger (tests pass `false`). */
  logger?: FastifyServerOptions['logger'];
  /** Sweep expired sandboxes on a timer (default true). */
  sweep?: boolean;
  /** The store to keep sandboxes in (default: the one config.store names, opened here and closed with the app). */
  store?: Store;
  /**
   * One of several engine threads (src/threads/): the counts every thread shares, and which
   * sandbox ids are this thread's. Default: the only thread.
   */
  placement?: Placement;
}

/** Trust the `hops` nearest peers to report who they forward for (proxy-addr's hop index). */
function hopsTrusted(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Request ids: a random per-process prefix and a counter — unique, and cheap to make. */
const reqIdPrefix = randomBytes(6).toString('base64url');
let reqCounter = 0;

/** package.json's version: one level up from src/, two from dist/src/. */
function packageVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'heaplab' && pkg.version) return pkg.version;
    } catch {
      // not there: try the next location
    }
  }
  return '0.0.0';
}

export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(config),
    childLoggerFactory: lazyChildLoggerFactory,
    bodyLimit: config.limits.bodyLimitBytes,
    // The client address rate limits and logs are keyed on (see Config.trustProxy). Fastify
    // reads a bare number as "trust nothing"; a hop count is a function of the hop index.
    trustProxy: typeof config.trustProxy === 'number' ? hopsTrusted(config.trustProxy) : config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && REQUEST_ID.test(h) ? h : `${reqIdPrefix}-${(++reqCounter).toString(36)}`;
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    // Requests Node's HTTP parser refuses never reach a route: problem+json all the same.
    clientErrorHandler: (err, socket) => answerClientError(err, socket),
    // Errors Fastify raises before routing (bad URL encoding, bad media type) as problems too.
    frameworkErrors: (err, _req, reply) => {
      sendProblem(reply, fromFastifyError(err as FastifyError) ??
        new ProblemError(400, ProblemType.malformed, 'Bad Request', err.message));
    },
  });

  // Opened before anything else: a store that cannot be used stops start-up (StoreError).
  const store = opts.store ?? openStore(config.store);
  const routes: RouteTable = [];
  const metrics = new Metrics();
  const counts = opts.placement?.counts ?? new Counts(config.limits.maxSandboxes);
  const ctx: AppContext = {
    config,
    registry: new SandboxRegistry(config.limits, opts.now, store, {
      ...metrics.hooks(),
      warn: (msg, detail) => app.log.warn(detail, msg),
    }, { counts, owns: opts.placement?.owns ?? (() => true) }, { every: config.store.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY }),
    metrics,
    keys: new ApiKeys(config.apiKeys),
    routes,
    state: { shuttingDown: false },
    subscribers: new SubscriberBudget(config.limits.maxSubscribers, counts),
    version: packageVersion(),
  };
  app.decorate('heaplab', ctx);
  metrics.watch(ctx.registry);
  metrics.instrument(app);

  // Raw Python source for the exec endpoint. `curl --data-binary @cell.py` sends
  // application/x-www-form-urlencoded; heaplab has no form endpoints, so that is raw text too.
  app.addContentTypeParser(['text/x-python', 'text/plain', 'application/x-www-form-urlencoded'], { parseAs: 'string' },
    (_req, body, done) => done(null, body));

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ProblemError) return sendProblem(reply, err);
    const p = fromFastifyError(err);
    if (p) return sendProblem(reply, p);
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, new ProblemError(500, ProblemType.internal, 'Internal Server Error',
      'Something went wrong on our side; quote the requestId if you report it.'));
  });

  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, new ProblemError(404, ProblemType.notFound, 'Not Found', `No route ${req.method} ${req.url.split('?')[0]}.`)),
  );

  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
      methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'accept'],
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    });
  }

  // Many nodes on one Redis: which node serves a sandbox's requests (src/cluster/).
  if (store instanceof RedisStore) installCluster(app, ctx, store);

  await registerProtections(app, ctx, opts.placement?.rates ?? new RateTable());

  await app.register(websocket, {
    // Echo heaplab's own subprotocol when offered, and nothing else: never the key subprotocol.
    options: { maxPayload: 4096, handleProtocols: (offered) => (offered.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false) },
    preClose(done) {
      ctx.registry.close();
      for (const client of app.websocketServer.clients) client.close(1001, 'server shutting down');
      done();
    },
  });

  await app.register(systemRoutes, ctx);
  await app.register(sandboxRoutes, ctx);
  await app.register(opsRoutes, ctx);
  await app.register(execRoutes, ctx);
  await app.register(traceRoutes, ctx);
  await app.register(inspectRoutes, ctx);
  await app.register(eventsRoutes, ctx);
  await app.register(gradeRoutes, ctx);
  await app.register(playgroundRoutes, ctx);
  // Last: /docs renders the OpenAPI document built from every route registered above.
  await app.register(docsRoutes, ctx);

  app.addHook('onClose', async () => {
    ctx.registry.close();
    if (opts.store === undefined) store.close();
  });

  // Take in what the store keeps; sandboxes are rebuilt in the background once the server
  // is ready, or the moment a request needs one, whichever comes first.
  const kept = ctx.registry.load();
  if (kept.waiting + kept.expired > 0) {
    app.log.info({ ...kept, store: store.kind }, 'sandboxes to restore');
    app.addHook('onReady', async () => ctx.registry.restoreInBackground((report) => {
      app.log.info({ ...report, failed: report.failed.length, store: store.kind }, 'sandboxes restored');
    }));
  }

  if (opts.sweep !== false) app.addHook('onReady', async () => ctx.registry.startSweeping());
  return app;
}

/**
 * The headers helmet sets for `options`, computed once. They are the same for every request
 * (no nonces), and building helmet's middleware per request, as @fastify/helmet does, took
 * 9% of a one-op request's CPU.
 */
function securityHeaders(options: HelmetOptions): Record<string, string> {
  const out: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string) => void (out[name.toLowerCase()] = value),
    removeHeader: () => {},
  };
  helmet(options)({} as never, res as never, () => {});
  return out;
}

const isProbe = (req: FastifyRequest) => (req.routeOptions.config as { probe?: boolean } | undefined)?.probe === true;

/**
 * What keeps one client (or a flood) from hurting the others, in the order a request meets
 * them: security headers on every reply; load shedding (503 + Retry-After while the event
 * loop lags or memory is past its bound, before any work is queued); a per-key (per-address
 * without keys) request rate (429 + Retry-After); and a cap on every reply's size.
 * Probes (/healthz, /readyz) are exempt from shedding and rate limits: they stay cheap and
 * truthful (/readyz itself reports the pressure).
 */
async function registerProtections(app: FastifyInstance, ctx: AppContext, rates: RateTable): Promise<void> {
  const { limits } = ctx.config;
  // An API: nothing may be framed or run from its replies (/docs and /play set their own CSP).
  const secure = securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    // The API is meant to be called from other origins (CORS decides which).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(secure);
    done();
  });

  await app.register(underPressure, {
    maxEventLoopDelay: limits.maxEventLoopDelayMs,
    maxRssBytes: limits.maxRssMiB * 2 ** 20,
    // V8 aborts the process at its heap limit; shed load well before that.
    maxHeapUsedBytes: Math.floor(getHeapStatistics().heap_size_limit * 0.95),
    retryAfter: RETRY_AFTER_SECONDS,
    pressureHandler: (req, _reply, type) => {
      if (isProbe(req)) return undefined; // proceed
      throw new ProblemError(503, ProblemType.overloaded, 'Service Unavailable',
        `This server is overloaded (${type}); try again in ${RETRY_AFTER_SECONDS} s.`,
        { limit: type, retryAfterSeconds: RETRY_AFTER_SECONDS });
    },
  });

  if (limits.rateLimitPerSecond > 0) {
    await app.register(rateLimit, {
      global: true,
      max: limits.rateLimitPerSecond,
      timeWindow: 1000,
      // Counted where every engine thread sees it (src/rates.ts): the limit is per client, not per thread.
      store: rateStore(rates),
      keyGenerator: (req) => ctx.keys.subject(req),
      allowList: (req) => isProbe(req),
      errorResponseBuilder: (_req, c) => new ProblemError(429, ProblemType.rateLimited, 'Too Many Requests',
        `More than ${c.max} requests per second from this ${ctx.keys.enabled ? 'API key' : 'address'} ` +
        `(rateLimitPerSecond); try again in ${Math.max(1, Math.ceil(c.ttl / 1000))} s.`,
        { limit: 'rateLimitPerSecond', retryAfterSeconds: Math.max(1, Math.ceil(c.ttl / 1000)) }),
    });
  }

  capReplies(app, limits.maxReplyBytes);
}

const RETRY_AFTER_SECONDS = 2;

/** The OpenAPI document for an app built by {@link buildApp}. */
export function openApiOf(app: FastifyInstance): Record<string, unknown> {
  return buildOpenApi(app.heaplab.routes, app.heaplab.version);
}
