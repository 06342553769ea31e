/**
 * The front thread of a server on several engine threads (HEAPLAB_THREADS > 1).
 *
 * Every sandbox lives on one engine thread (shard-entry.ts), chosen by its id
 * (placement.ts). The front owns the listening socket and does only what must happen
 * before a request's thread is known, or across threads:
 *
 *   route   — a request under /v1/sandboxes/{id} goes to threadOf(id); a request for no
 *             sandbox (create, trace, grade, limits, docs, the playground) to the next
 *             thread in turn. The engine thread answers it as the one-thread server would
 *             (its app, in process), and the front writes that reply back.
 *   merge   — GET /v1/sandboxes (a key's sandboxes, on every thread), /metrics (every
 *             thread's counters summed; process figures once) and /readyz (ready only when
 *             every thread is).
 *   relay   — an events WebSocket: the holder's app checks the upgrade (its 426 means the
 *             checks passed), the front completes it and relays messages both ways.
 *
 * Limits that are the server's, not a thread's (maxSandboxes, maxSandboxesPerKey,
 * maxSubscribers, rateLimitPerSecond), are counted in memory all threads share
 * (src/counts.ts, src/rates.ts), so they bind as on one thread. A program running on one
 * engine thread never delays the sandboxes of another: each has its own event loop, and
 * the front does no engine work.
 *
 * Invariant: every request read is answered exactly once — by its thread, or with 503
 * when that thread has ended — and every relayed socket is closed when its thread ends.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import pino, { type Logger } from 'pino';
import { AggregatorRegistry } from 'prom-client';
import { WebSocket, WebSocketServer } from 'ws';
import { EVENTS_PROTOCOL } from '../auth.js';
import type { Config } from '../config.js';
import { Counts } from '../counts.js';
import { RateTable } from '../rates.js';
import { CloseCode } from '../fanout.js';
import { loggerOptions } from '../logger.js';
import { answerClientError, PROBLEM_CONTENT_TYPE, ProblemError, ProblemType } from '../problem.js';
import { holdDataDir, type DataDirHold } from '../store/sqlite.js';
import { engineWorker, moduleBeside } from './engine-thread.js';
import { threadOf } from './placement.js';
import { Outbox, ownBytes, type FromShard, type HttpReply, type HttpRequest, type ShardData, type ToShard } from './protocol.js';

/** One metric as a thread's registry.getMetricsAsJSON() gives it. */
type MetricJson = { name: string; aggregator?: string };

/** `/v1/sandboxes/{id}...`: the sandbox a request is about. */
const SANDBOX_PATH = /^\/v1\/sandboxes\/([^/?#]+)/;
/** Response headers that describe one connection, not the reply: the front's own socket sets them. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date']);
/** Fastify's keep-alive timeout, so clients see the same connection behaviour on either kind of server. */
const KEEP_ALIVE_MS = 72_000;

/** One engine thread, as the front sees it. */
class EngineThread {
  private readonly replies = new Map<number, (r: HttpReply | null) => void>();
  private readonly metricsWaiting = new Map<number, (json: MetricJson[]) => void>();
  private next = 0;
  private readonly outbox: Outbox<ToShard>;
  ended = false;

  constructor(readonly index: number, readonly worker: Worker, private readonly sockets: Map<number, WebSocket>) {
    this.outbox = new Outbox((batch, transfer) => {
      if (!this.ended) worker.postMessage(batch, transfer);
    });
    worker.on('message', (batch: FromShard[]) => {
      for (const m of batch) this.receive(m);
    });
    worker.on('exit', () => this.end());
  }

  /** Hand a request to this thread; its reply, or null if the thread has ended. */
  request(r: Omit<HttpRequest, 'type' | 'rid'>): Promise<HttpReply | null> {
    if (this.ended) return Promise.resolve(null);
    const rid = this.next++;
    return new Promise((resolve) => {
      this.replies.set(rid, resolve);
      this.post({ type: 'http', rid, ...r }, r.body === null ? undefined : [r.body.buffer as ArrayBuffer]);
    });
  }

  /** This thread's metrics as prom-client JSON (empty if it has ended). */
  metrics(): Promise<MetricJson[]> {
    if (this.ended) return Promise.resolve([]);
    const rid = this.next++;
    return new Promise((resolve) => {
      this.metricsWaiting.set(rid, resolve);
      this.post({ type: 'metrics', rid });
    });
  }

  post(m: ToShard, transfer?: ArrayBuffer[]): void {
    if (!this.ended) this.outbox.push(m, transfer);
  }

  private receive(m: FromShard): void {
    switch (m.type) {
      case 'http': {
        const done = this.replies.get(m.rid);
        this.replies.delete(m.rid);
        done?.(m);
        break;
      }
      case 'metrics': {
        const done = this.metricsWaiting.get(m.rid);
        this.metricsWaiting.delete(m.rid);
        done?.(m.json as MetricJson[]);
        break;
      }
      case 'ws-send': {
        const ws = this.sockets.get(m.sid);
        if (ws === undefined || ws.readyState !== WebSocket.OPEN) break;
        const bytes = m.data.byteLength;
        ws.send(m.data, { binary: false }, () => this.post({ type: 'ws-ack', sid: m.sid, bytes }));
        break;
      }
      case 'ws-close':
        this.sockets.get(m.sid)?.close(m.code, m.reason);
        break;
      default:
        break; // 'ready' and 'fatal' are read by startEngineThreads
    }
  }

  /** The thread is gone: what waited for it gets null (a 503). */
  private end(): void {
    this.ended = true;
    for (const done of this.replies.values()) done(null);
    this.replies.clear();
    for (const done of this.metricsWaiting.values()) done([]);
    this.metricsWaiting.clear();
  }
}

export interface FrontServer {
  readonly server: Server;
  readonly log: Logger;
  readonly threads: number;
  /** The engine threads, by index. */
  readonly workers: readonly Worker[];
  /** Stop: no new connections, relayed sockets closed with 1001, every engine thread shut down. */
  close(): Promise<void>;
}

export interface FrontOptions {
  /**
   * An engine thread ended while the server was not stopping (an uncaught error, or its
   * heap limit): its sandboxes cannot be served. Default: log it; serve-entry.ts ends the
   * process with status 1, as a one-thread server's death ends it, so whatever restarts the
   * process restores them from the store.
   */
  onThreadLost?: (index: number, code: number) => void;
}

/**
 * Start `config.threads` engine threads, then the front. A StoreError (data directory in
 * use, database unusable) is thrown before any thread starts.
 */
export async function startFront(config: Config, opts: FrontOptions = {}): Promise<FrontServer> {
  const log = pino(loggerOptions(config) as object) as Logger;
  const hold: DataDirHold | null = config.store.kind === 'sqlite' ? holdDataDir(config.store.dataDir) : null;
  const sockets = new Map<number, WebSocket>();
  let threads: EngineThread[];
  try {
    threads = await startEngineThreads(config, sockets);
  } catch (err) {
    hold?.release();
    throw err;
  }
  const front = new Front(config, threads, sockets, log, opts.onThreadLost ?? (() => {}));
  return {
    server: front.server,
    log,
    threads: threads.length,
    workers: threads.map((t) => t.worker),
    close: async () => {
      await front.close();
      hold?.release();
    },
  };
}

/** Start the engine threads and wait until every one is ready (or one fails: all are stopped). */
async function startEngineThreads(config: Config, sockets: Map<number, WebSocket>): Promise<EngineThread[]> {
  const counts = Counts.buffer(config.limits.maxSandboxes);
  const rates = RateTable.buffer();
  const entry = moduleBeside(import.meta.url, './shard-entry.js');
  const workers = Array.from({ length: config.threads }, (_, index) =>
    engineWorker(entry, { workerData: { config, index, count: config.threads, counts, rates } satisfies ShardData }));
  const ready = workers.map((w, index) => new Promise<void>((resolve, reject) => {
    const onMessage = (batch: FromShard[]) => {
      for (const m of batch) {
        if (m.type === 'ready') resolve();
        if (m.type === 'fatal') reject(new Error(m.message));
      }
    };
    w.on('message', onMessage);
    w.once('exit', (code) => reject(new Error(`engine thread ${index} exited with status ${code} while starting`)));
    w.once('error', (err) => reject(err));
  }));
  try {
    await Promise.all(ready);
  } catch (err) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw err;
  }
  return workers.map((w, index) => new EngineThread(index, w, sockets));
}

class Front {
  readonly server: Server;
  private readonly wss: WebSocketServer;
  private turn = 0;
  private nextSid = 0;
  private closing = false;

  constructor(
    private readonly config: Config,
    private readonly threads: EngineThread[],
    private readonly sockets: Map<number, WebSocket>,
    private readonly log: Logger,
    onThreadLost: (index: number, code: number) => void,
  ) {
    this.server = createServer({ keepAliveTimeout: KEEP_ALIVE_MS, requestTimeout: 0 }, (req, res) => void this.serve(req, res));
    this.wss = new WebSocketServer({
      noServer: true, maxPayload: 4096,
      // heaplab's own subprotocol when offered, never the key subprotocol (as routes/events.ts).
      handleProtocols: (offered) => (offered.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false),
    });
    this.server.on('upgrade', (req, socket, head) => void this.upgrade(req, socket, head));
    this.server.on('clientError', (err, socket) => answerClientError(err, socket));
    for (const t of threads) {
      t.worker.on('exit', (code) => {
        if (this.closing) return;
        log.fatal({ thread: t.index, code }, 'engine thread ended; its sandboxes cannot be served');
        onThreadLost(t.index, code);
      });
    }
  }

  /** The thread holding the sandbox `url` names, or the next in turn. */
  private threadFor(url: string): EngineThread {
    const m = SANDBOX_PATH.exec(url);
    if (m) {
      let id: string;
      try {
        id = decodeURIComponent(m[1]!);
      } catch {
        id = m[1]!;
      }
      return this.threads[threadOf(id, this.threads.length)]!;
    }
    this.turn = (this.turn + 1) % this.threads.length;
    return this.threads[this.turn]!;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { body, whole } = await readBody(req, this.config.limits.bodyLimitBytes);
    if (!whole) res.setHeader('connection', 'close'); // the rest of an over-long body is never read
    // As the app routes (ignoreTrailingSlash; HEAD answers as GET without the body).
    const path = (req.url ?? '/').split('?', 1)[0]!.replace(/(.)\/+$/, '$1');
    const read = req.method === 'GET' || req.method === 'HEAD';
    let reply: HttpReply | null;
    if (read && path === '/v1/sandboxes') reply = await this.listing(req);
    else if (read && path === '/metrics') reply = await this.metrics(req);
    else if (read && path === '/readyz') reply = await this.readiness(req);
    else reply = await this.threadFor(req.url ?? '/').request(requestOf(req, body));
    write(res, reply);
  }

  /** A key's sandboxes are on every thread: each lists its own, merged oldest first as one thread lists them. */
  private async listing(req: IncomingMessage): Promise<HttpReply | null> {
    const replies = await Promise.all(this.threads.map((t) => t.request(asGet(req))));
    const failed = replies.find((r) => r === null || r.status !== 200);
    if (failed !== undefined) return failed;
    type Item = { createdAt?: string; id: string };
    const items = replies.flatMap((r) => (JSON.parse(Buffer.from(r!.body).toString('utf8')) as { items: Item[] }).items);
    items.sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.id.localeCompare(b.id));
    const first = replies[0]!;
    const body = Buffer.from(JSON.stringify({ items }));
    return { ...first, headers: { ...first.headers, 'content-length': body.length }, body };
  }

  /**
   * Every thread's counters and histograms summed (prom-client's cluster aggregation);
   * process figures (CPU, resident memory, file descriptors) are the whole process's on
   * every thread, so they are taken once.
   */
  private async metrics(req: IncomingMessage): Promise<HttpReply | null> {
    const reply = await this.threads[0]!.request(asGet(req));
    if (reply === null || reply.status !== 200) return reply;
    const all = await Promise.all(this.threads.map((t) => t.metrics()));
    for (const list of all) {
      for (const m of list as MetricJson[]) if (m.name.startsWith('heaplab_process_')) m.aggregator = 'first';
    }
    const body = Buffer.from(await AggregatorRegistry.aggregate(all).metrics());
    return { ...reply, headers: { ...reply.headers, 'content-length': body.length }, body };
  }

  /** Ready when every engine thread is (the first that is not says why). */
  private async readiness(req: IncomingMessage): Promise<HttpReply | null> {
    const replies = await Promise.all(this.threads.map((t) => t.request(asGet(req))));
    return replies.find((r) => r === null || r.status !== 200) ?? replies[0]!;
  }

  /**
   * An upgrade: the holder's app checks it as a GET (its 426 "Upgrade Required" means the
   * checks passed); then the front completes the handshake and the thread subscribes.
   * Anything else is written back as the app's HTTP reply.
   */
  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const thread = this.threadFor(req.url ?? '/');
    // In process the app has no socket to upgrade, so the route's checks run and its plain
    // handler answers 426; `upgrade: websocket` stays, as it decides where a key may come from.
    const check = await thread.request({ ...requestOf(req, null), method: 'GET' });
    if (this.closing || check === null || check.status !== 426 || !SANDBOX_PATH.test(req.url ?? '')) {
      writeRaw(socket, check);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const sid = this.nextSid++;
      this.sockets.set(sid, ws);
      ws.on('message', () => {}); // clients have nothing to say
      ws.on('close', () => {
        this.sockets.delete(sid);
        thread.post({ type: 'ws-closed', sid });
      });
      if (thread.ended) ws.close(CloseCode.GoingAway, 'server shutting down');
      else thread.post({ type: 'subscribe', sid, url: req.url ?? '/' });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const ws of this.sockets.values()) ws.close(CloseCode.GoingAway, 'server shutting down');
    this.server.closeIdleConnections();
    await Promise.all(this.threads.map((t) => new Promise<void>((resolve) => {
      if (t.ended) return resolve();
      t.worker.once('exit', () => resolve());
      t.post({ type: 'shutdown' });
    })));
    this.server.closeAllConnections();
    await closed;
  }
}

/** What an engine thread needs of a request. */
function requestOf(req: IncomingMessage, body: Buffer | null): Omit<HttpRequest, 'type' | 'rid'> {
  return {
    method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, remoteAddress: req.socket.remoteAddress ?? '',
    body: body === null ? null : ownBytes(body),
  };
}

/** A merged read asks every thread with GET (for a HEAD too: the front drops the body). */
const asGet = (req: IncomingMessage) => ({ ...requestOf(req, null), method: 'GET' });

/**
 * A request's body, at most `limit` + 1 bytes of it (enough for the engine thread's app to
 * answer 413 as it would on its own socket); `whole` is false when more was sent.
 */
function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer | null; whole: boolean }> {
  if (req.method === 'GET' || req.method === 'HEAD' || (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined)) {
    req.resume();
    return Promise.resolve({ body: null, whole: true });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (whole: boolean) => {
      req.removeAllListeners('data');
      if (!whole) req.pause();
      resolve({ body: Buffer.concat(chunks, Math.min(size, limit + 1)), whole });
    };
    req.on('data', (c: Buffer) => {
      chunks.push(c);
      size += c.length;
      if (size > limit) done(false);
    });
    req.on('end', () => done(true));
    req.on('error', () => done(false));
  });
}

/** What a request gets when its engine thread has ended (the server is stopping). */
function unavailable(): HttpReply {
  const p = new ProblemError(503, ProblemType.unavailable, 'Service Unavailable', 'The server is shutting down; try again shortly.',
    { retryAfterSeconds: 2 });
  return {
    type: 'http', rid: -1, status: 503, headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'retry-after': '2' },
    body: Buffer.from(JSON.stringify(p.toJSON())),
  };
}

/** Write an engine thread's reply (null: the thread has ended). */
function write(res: ServerResponse, r: HttpReply | null): void {
  const reply = r ?? unavailable();
  for (const [name, value] of Object.entries(reply.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) res.setHeader(name, value as string | string[] | number);
  }
  res.writeHead(reply.status).end(Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength));
}

/** An HTTP reply written on a socket that asked to upgrade (and will not be). */
function writeRaw(socket: Duplex, r: HttpReply | null): void {
  const reply = r ?? unavailable();
  const body = Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength);
  let head = `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ''}\r\n`;
  for (const [name, value] of Object.entries(reply.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === 'content-length') continue;
    for (const v of Array.isArray(value) ? value : [value]) head += `${name}: ${v}\r\n`;
  }
  head += `connection: close\r\ncontent-length: ${body.length}\r\n\r\n`;
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
}
