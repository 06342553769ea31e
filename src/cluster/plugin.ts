/**
 * Many nodes on one Redis (HEAPLAB_REDIS_URL): which node serves a request for a sandbox.
 *
 * Every sandbox is held by at most one node at a time, under a lease in Redis (see
 * src/store/redis.ts). Before a request for `/v1/sandboxes/{id}...` reaches its route:
 * - held here (lease valid): the route serves it;
 * - no lease, or ours from before: this node takes the sandbox over — the lease, then its
 *   record and log read back and rebuilt by replay (the registry's restore) — and serves it;
 * - another node's lease: the request is forwarded to that node's URL and its reply sent
 *   back. A holder that cannot be connected to (killed) is waited out: when its lease
 *   lapses (HEAPLAB_LEASE_MS) this node takes over and serves the request itself;
 * - an events WebSocket for a sandbox another node holds is not forwarded: it is relayed
 *   from the sandbox's event stream in Redis (src/cluster/relay.ts), so it outlives the
 *   holder and `since=` works on any node.
 * Routes are unchanged. A request changing a sandbox is answered only once Redis has
 * confirmed its writes (onSend waits for them; a failed one turns the reply into a 503).
 *
 * Quotas and listings are the cluster's: a creation or fork first reserves its place in
 * Redis's counts (RedisStore.admit: maxSandboxesPerKey and maxSandboxes over every node,
 * checked and reserved in one step), settled once the reply is known; `GET /v1/sandboxes`
 * lists a key's sandboxes wherever they are held, asking each holder for its own.
 */
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { WebSocket } from 'ws';
import { requireEventsProtocolWithKey } from '../../routes/events.js';
import type { AppContext } from '../context.js';
import { Subscriber } from '../fanout.js';
import { parseOr400, PROBLEM_CONTENT_TYPE, ProblemError, ProblemType } from '../problem.js';
import { quotaProblem, SANDBOX_ID_PATTERN, storeUnavailable } from '../registry.js';
import { EventsQuery, SandboxParams } from '../schemas.js';
import { requestWrites, type RedisStore, type RequestWrites } from '../store/redis.js';
import { CLIENT_HEADER, forward, FORWARDED_HEADER } from './forward.js';
import { clusterMetrics } from './metrics.js';
import { Relay } from './relay.js';

const EVENTS_URL = '/v1/sandboxes/:id/events';
const SANDBOX_URL = /^\/v1\/sandboxes\/:id(\/|$)/;
const FORWARDED = Symbol('forwarded');
const REMOTE = Symbol('remote-events');
const WRITES = Symbol('writes');
const RESERVED = Symbol('reserved');
type Marked = FastifyRequest & {
  [FORWARDED]?: true; [REMOTE]?: true; [WRITES]?: RequestWrites; [RESERVED]?: { subject: string; reservation: string };
};
/** The routes that make a sandbox, and so take a place in the quotas first. */
const MAKES_SANDBOX = new Set(['POST /v1/sandboxes', 'POST /v1/sandboxes/:id/fork']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Install the cluster's hooks on `app` (before its routes and protections are registered). */
export function installCluster(app: FastifyInstance, ctx: AppContext, store: RedisStore): void {
  const { registry } = ctx;
  const relay = new Relay(store.redis);
  let token: Buffer | null = null;
  const leaseMs = store.opts.leaseMs;
  const forwardTimeoutMs = Math.max(60_000, 4 * ctx.config.limits.maxRequestMs);
  /** Takeovers in progress here, by sandbox id (two requests must not adopt it twice). */
  const takingOver = new Map<string, Promise<'local' | 'missing' | 'held'>>();

  const metrics = clusterMetrics(ctx.metrics.registry, () => store.leaseCount, () => relay.size);
  store.onWrite = metrics.redisWrite;
  store.onLost = (id, why) => registry.release(id, `sandbox moved (${why}); reconnect with since=<last seq>`);
  store.onFailed = (id) => registry.rollBack(id);

  const fetchToken = () => store.clusterToken().then((t) => (token = Buffer.from(t)), () => {});
  store.redis.on('ready', () => void fetchToken());

  app.addHook('onReady', async () => {
    // Start serving once Redis answers (or after 5 s without: /readyz says so meanwhile).
    if (await store.ready(5_000)) await fetchToken();
  });
  app.addHook('onListen', async () => {
    const a = app.server.address();
    if (a === null || typeof a === 'string') return;
    const host = ctx.config.host === '0.0.0.0' || ctx.config.host === '::' ? hostname() : ctx.config.host;
    store.listening(`http://${host.includes(':') ? `[${host}]` : host}:${a.port}`);
  });
  app.addHook('onClose', async () => {
    relay.stop();
    await store.shutdown();
  });

  // A request another node forwarded (it carries the cluster's token): keyed on the client
  // it names, never forwarded again. Runs before the rate limiter (registered after this).
  app.addHook('onRequest', (req, _reply, done) => {
    const t = req.headers[FORWARDED_HEADER];
    if (typeof t === 'string' && token !== null && t.length === token.length && timingSafeEqual(Buffer.from(t), token)) {
      (req as Marked)[FORWARDED] = true;
      const client = req.headers[CLIENT_HEADER];
      if (typeof client === 'string' && isIP(client) !== 0) Object.defineProperty(req, 'ip', { value: client });
    }
    done();
  });

  app.addHook('onRoute', (opts) => {
    if (opts.url === EVENTS_URL && opts.wsHandler) relayRemoteEvents(opts);
    if (opts.url === '/v1/sandboxes' && opts.method === 'GET') listClusterWide(opts);
    if (opts.url === '/v1/limits' && opts.method === 'GET') limitsClusterWide(opts);
  });

  app.addHook('preValidation', (req, reply, done) => {
    place(req, reply).then((where) => {
      if (where === 'sent') return; // forwarded: the holder's reply is sent
      if (where === 'remote') {
        (req as Marked)[REMOTE] = true;
        done();
        return;
      }
      return admit(req).then(() => {
        const writes: RequestWrites = { promises: [] };
        (req as Marked)[WRITES] = writes;
        requestWrites.run(writes, done);
      });
    }).catch((err: unknown) => done(err as Error));
  });

  /**
   * A request that makes a sandbox takes its place in the cluster's quotas before its route
   * runs (the route's own check then counts this node's sandboxes, never more than the
   * cluster's). Refused: the 429 the route would give, with the cluster's count.
   */
  async function admit(req: FastifyRequest): Promise<void> {
    if (!MAKES_SANDBOX.has(`${req.method} ${req.routeOptions.url}`)) return;
    const { maxSandboxesPerKey, maxSandboxes } = ctx.config.limits;
    const subject = ctx.keys.subject(req);
    let got;
    try {
      got = await store.admit(subject, maxSandboxesPerKey, maxSandboxes);
    } catch (err) {
      throw storeUnavailable(err);
    }
    if ('refused' in got) {
      const wait = got.refused === 'maxSandboxesPerKey' ? await store.secondsUntilOneDue(subject).catch(() => 1) : 0;
      throw quotaProblem(got.refused, ctx.config.limits, got.held, wait);
    }
    (req as Marked)[RESERVED] = { subject, reservation: got.reservation };
  }

  /** The reservation becomes the sandbox the reply names, or is given back. */
  async function settle(req: FastifyRequest, status: number, payload: unknown): Promise<void> {
    const r = (req as Marked)[RESERVED];
    if (r === undefined) return;
    (req as Marked)[RESERVED] = undefined;
    let id: string | null = null;
    if (status === 201 && typeof payload === 'string') id = (JSON.parse(payload) as { id?: string }).id ?? null;
    await store.settle(r.subject, r.reservation, id);
  }

  // The reply to a request that wrote waits for Redis to confirm every write.
  app.addHook('onSend', async (req, reply, payload) => {
    const writes = (req as Marked)[WRITES];
    if (writes === undefined || writes.promises.length === 0) {
      await settle(req, reply.statusCode, payload).catch((err: unknown) => req.log.warn({ err }, 'quota reservation not settled'));
      return payload;
    }
    try {
      await Promise.all(writes.promises);
      await settle(req, reply.statusCode, payload).catch((err: unknown) => req.log.warn({ err }, 'quota reservation not settled'));
      return payload;
    } catch (err) {
      await settle(req, 503, null).catch(() => {});
      const p = storeUnavailable(err);
      reply.code(503).type(PROBLEM_CONTENT_TYPE).header('retry-after', String(p.extra.retryAfterSeconds));
      reply.removeHeader('location');
      return JSON.stringify(p.toJSON(String(req.id)));
    }
  });

  /**
   * Where `req` is served: here ('local': held, taken over, or no such sandbox — its
   * route answers), by the holder ('sent'), or relayed ('remote': an events WebSocket).
   */
  async function place(req: FastifyRequest, reply: FastifyReply): Promise<'local' | 'sent' | 'remote'> {
    const url = req.routeOptions.url;
    const id = (req.params as { id?: unknown } | undefined)?.id;
    if (url === undefined || !SANDBOX_URL.test(url) || typeof id !== 'string' || !SANDBOX_ID_PATTERN.test(id)) return 'local';
    for (let attempt = 0; attempt < 4; attempt++) {
      if (registry.holds(id) && store.holds(id)) return 'local';
      let holder;
      try {
        holder = await store.holder(id);
      } catch (err) {
        // Redis unreachable: what this node holds can still be read (changes get a 503).
        if (registry.holds(id) && req.method === 'GET') return 'local';
        throw storeUnavailable(err);
      }
      // Held here on a lease that lapsed: rebuilt from Redis, which may have moved on.
      if (registry.holds(id)) registry.release(id, 'lease lapsed');
      if (holder === null || holder.nodeId === store.nodeId) {
        const got = await takeOver(id);
        if (got !== 'held') return 'local';
        continue; // another node was faster
      }
      if (url === EVENTS_URL) return 'remote';
      if ((req as Marked)[FORWARDED]) {
        throw new ProblemError(503, ProblemType.unavailable, 'Sandbox Moving',
          'This sandbox is moving between nodes; try again in a moment.', { retryAfterSeconds: 1 });
      }
      if (token === null) throw storeUnavailable('no cluster token yet');
      let outcome;
      try {
        outcome = await forward(req, reply, holder.url, token.toString(), forwardTimeoutMs);
      } catch (err) {
        req.log.warn({ err, holder: holder.url }, 'forwarded request failed');
        throw new ProblemError(502, ProblemType.unavailable, 'Bad Gateway',
          'The node holding this sandbox failed while handling the request; whether it ran is unknown. ' +
          'Read the sandbox (GET .../log) before retrying a change.', { retryAfterSeconds: 1 });
      }
      if (outcome === 'sent') {
        metrics.forwarded();
        return 'sent';
      }
      req.log.warn({ sandbox: id, holder: holder.url }, 'holder unreachable: waiting for its lease to lapse');
      if (!(await lapse(id))) {
        // Alive for Redis (it renews its lease) but not reachable from here: nothing to take over.
        throw new ProblemError(503, ProblemType.unavailable, 'Holder Unreachable',
          'The node holding this sandbox cannot be reached from this node; try again later.', { retryAfterSeconds: 5 });
      }
    }
    throw new ProblemError(503, ProblemType.unavailable, 'Sandbox Moving',
      'This sandbox is moving between nodes; try again in a moment.', { retryAfterSeconds: 1 });
  }

  /** Take `id` over (once, however many requests ask at the same time). */
  function takeOver(id: string): Promise<'local' | 'missing' | 'held'> {
    let p = takingOver.get(id);
    if (p === undefined) {
      p = store.takeOver(id).then((kept) => {
        if (kept === 'held') return 'held';
        if (kept === null) return 'missing';
        metrics.takenOver();
        return registry.adopt(kept) ? 'local' : 'missing';
      }, (err: unknown) => {
        throw storeUnavailable(err);
      }).finally(() => takingOver.delete(id));
      takingOver.set(id, p);
    }
    return p;
  }

  /** Wait until `id`'s lease has lapsed; false if it is still held after about two lease times (renewed). */
  async function lapse(id: string): Promise<boolean> {
    const end = Date.now() + 2 * leaseMs + 1_000;
    while (Date.now() < end) {
      const left = await store.leaseLeft(id).catch(() => 250);
      if (left <= 0) return true;
      await sleep(Math.min(left + 5, 250));
    }
    return false;
  }

  /**
   * `GET /v1/sandboxes` over the cluster: the key's sandboxes are the members of its quota
   * set in Redis. Those held here (or held by nobody: taken over, as a request for one
   * would) are summarised here; each other holder is asked once for its own listing (a
   * forwarded request, which lists only what that node holds). Merged oldest first, as
   * one node lists them. A holder that cannot be reached makes the listing a 503 rather
   * than a list with sandboxes missing.
   */
  function listClusterWide(opts: RouteOptions): void {
    const local = opts.handler;
    opts.handler = async function (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
      if ((req as Marked)[FORWARDED] || !ctx.keys.enabled) return local.call(this, req, reply);
      const owner = ctx.keys.authenticate(req)!;
      const remote = new Set<string>();
      try {
        const ids = (await store.idsOf(`key:${owner}`)).filter((id) => !(registry.holds(id) && store.holds(id)));
        const holders = await store.holders(ids);
        for (const [k, id] of ids.entries()) {
          const holder = holders[k]!;
          if (holder !== null && holder.nodeId !== store.nodeId) {
            remote.add(holder.url);
            continue;
          }
          if (registry.holds(id)) registry.release(id, 'lease lapsed');
          await takeOver(id);
        }
      } catch (err) {
        throw err instanceof ProblemError ? err : storeUnavailable(err);
      }
      const mine = (await local.call(this, req, reply)) as { items: Array<{ id: string; createdAt: string }> };
      const theirs = await Promise.all([...remote].map((url) => listAt(url, req)));
      const seen = new Set<string>();
      const items = [...mine.items, ...theirs.flat()].filter((i) => !seen.has(i.id) && seen.add(i.id));
      items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      return { items };
    };
  }

  /** `GET /v1/limits`: the caller's usage is what the cluster's quota counts, not this node's share. */
  function limitsClusterWide(opts: RouteOptions): void {
    const local = opts.handler;
    opts.handler = async function (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
      const out = (await local.call(this, req, reply)) as { caller: { sandboxes: number } | null };
      if (out.caller !== null) {
        out.caller.sandboxes = await store.heldBy(ctx.keys.subject(req)).catch((err: unknown) => {
          throw storeUnavailable(err);
        });
      }
      return out;
    };
  }

  /** What the node at `url` holds of the caller's sandboxes (its own listing, asked as a forwarded request). */
  async function listAt(url: string, req: FastifyRequest): Promise<Array<{ id: string; createdAt: string }>> {
    if (token === null) throw storeUnavailable('no cluster token yet');
    let res: Response;
    try {
      res = await fetch(new URL('/v1/sandboxes', url), {
        headers: { authorization: String(req.headers.authorization ?? ''), [FORWARDED_HEADER]: token.toString(), [CLIENT_HEADER]: req.ip },
        signal: AbortSignal.timeout(forwardTimeoutMs),
      });
    } catch {
      throw new ProblemError(503, ProblemType.unavailable, 'Holder Unreachable',
        'A node holding some of your sandboxes cannot be reached; try again in a moment.', { retryAfterSeconds: 2 });
    }
    if (!res.ok) {
      throw new ProblemError(503, ProblemType.unavailable, 'Holder Unavailable',
        `A node holding some of your sandboxes answered ${res.status}; try again in a moment.`, { retryAfterSeconds: 2 });
    }
    return ((await res.json()) as { items: Array<{ id: string; createdAt: string }> }).items;
  }

  /**
   * The events route, for a sandbox another node holds: checked as the route checks it
   * (query, subprotocols, owner, subscriber caps) against the record in Redis, and served
   * by the relay.
   */
  function relayRemoteEvents(opts: RouteOptions): void {
    const check = opts.preValidation;
    const serve = opts.wsHandler!;
    if (typeof check !== 'function') throw new TypeError('events route: one preValidation function expected');
    const { maxSubscribersPerSandbox, wsMaxBufferedBytes } = ctx.config.limits;
    opts.preValidation = async function (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
      if (!(req as Marked)[REMOTE]) return (check as (this: FastifyInstance, q: FastifyRequest, r: FastifyReply) => Promise<void>).call(this, req, reply);
      const { id } = parseOr400(SandboxParams, req.params, 'path');
      parseOr400(EventsQuery, req.query, 'query');
      requireEventsProtocolWithKey(req);
      const who = ctx.keys.authenticate(req);
      const record = await store.peek(id).catch((err: unknown) => {
        throw storeUnavailable(err);
      });
      if (record === null || record.owner !== who) {
        throw new ProblemError(404, ProblemType.notFound, 'Not Found', 'No such sandbox (it may have expired).');
      }
      if (relay.count(id) >= maxSubscribersPerSandbox || ctx.subscribers.full) {
        throw new ProblemError(429, ProblemType.limit, 'Too Many Subscribers', 'Too many subscribers; try again later.',
          { limit: ctx.subscribers.full ? 'maxSubscribers' : 'maxSubscribersPerSandbox', retryAfterSeconds: 5 });
      }
    };
    opts.wsHandler = function (this: FastifyInstance, socket: WebSocket, req: FastifyRequest) {
      if (!(req as Marked)[REMOTE]) return serve.call(this, socket, req);
      const { id } = parseOr400(SandboxParams, req.params, 'path');
      const q = parseOr400(EventsQuery, req.query, 'query');
      if (!ctx.subscribers.tryAcquire()) {
        socket.close(1013, 'too many subscribers (maxSubscribers)');
        return;
      }
      const sub = new Subscriber(socket, q.types ?? null, wsMaxBufferedBytes);
      let unsubscribe: () => void = () => {};
      relay.subscribe(id, sub, q.since ?? null).then((u) => {
        if (sub.closed) u();
        else unsubscribe = u;
      }, () => sub.close(1011, 'could not read the event stream'));
      socket.on('close', () => {
        sub.closed = true;
        unsubscribe();
        ctx.subscribers.release();
      });
      socket.on('message', () => {});
    };
  }
}
