/**
 * An engine thread (started by front.ts on an ENGINE_STACK_MB stack): the whole app —
 * routes, registry, store connection — for the sandboxes whose ids are this thread's
 * (placement.ts), listening on no socket. The front hands it requests as messages; it
 * answers each with what the app replies to the same request made in process (Fastify's
 * inject: routing, validation, hooks, problem+json, all as on a socket). It serves relayed
 * events WebSockets through {@link RelayedSocket}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parse as parseQuery } from 'node:querystring';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { Counts } from '../counts.js';
import { RateTable } from '../rates.js';
import { parseOr400, PROBLEM_CONTENT_TYPE, ProblemError, ProblemType } from '../problem.js';
import { EventsQuery, SandboxParams } from '../schemas.js';
import { SqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { attachSubscriber, type SubscriberSocket } from '../subscriptions.js';
import { placement } from './placement.js';
import { Outbox, ownBytes, type FromShard, type HttpRequest, type ShardData, type ToShard } from './protocol.js';

const port = parentPort!;
const outbox = new Outbox<FromShard>((batch, transfer) => port.postMessage(batch, transfer));
const tell = (m: FromShard, transfer?: ArrayBuffer[]) => outbox.push(m, transfer);
/** Post a reply or message with its bytes moved, not cloned (ownBytes). */
const tellBytes = (m: FromShard & { body?: Uint8Array; data?: Uint8Array }, bytes: Uint8Array) => tell(m, [bytes.buffer as ArrayBuffer]);
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/**
 * The engine thread's side of a WebSocket the front upgraded. Its bufferedAmount is what
 * was sent and not yet acknowledged as taken by the client's socket, so the fan-out's
 * slow-consumer cap (src/fanout.ts) holds across the relay as it does on a local socket.
 */
class RelayedSocket implements SubscriberSocket {
  readyState = OPEN;
  private sent = 0;
  private taken = 0;
  private readonly onClose: Array<() => void> = [];

  constructor(readonly sid: number) {}

  get bufferedAmount(): number {
    return this.sent - this.taken;
  }

  send(data: Buffer): void {
    if (this.readyState !== OPEN) return;
    this.sent += data.length;
    const own = ownBytes(data);
    tellBytes({ type: 'ws-send', sid: this.sid, data: own }, own);
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState !== OPEN) return;
    this.readyState = CLOSING;
    tell({ type: 'ws-close', sid: this.sid, code, reason });
  }

  on(_event: 'close', listener: () => void): void {
    this.onClose.push(listener);
  }

  acked(bytes: number): void {
    this.taken += bytes;
  }

  /** The client's socket is closed (either side closed it): the subscriber lets go. */
  closed(): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    for (const l of this.onClose) l();
  }
}

async function start(): Promise<void> {
  const data = workerData as ShardData;
  const { config } = data;
  const counts = new Counts(config.limits.maxSandboxes, data.counts);
  // SQLite: a connection of this thread's own to the file the front holds (holdDataDir).
  const store: Store | undefined = config.store.kind === 'sqlite' ? new SqliteStore(config.store.dataDir, { shared: true }) : undefined;
  let app: FastifyInstance;
  try {
    app = await buildApp(config, { placement: placement(data.index, data.count, counts, new RateTable(data.rates)), store });
    await app.ready();
  } catch (err) {
    store?.close();
    tell({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
    outbox.flush();
    process.exit(1);
  }
  const sockets = new Map<number, RelayedSocket>();

  const answer = async (m: HttpRequest) => {
    try {
      const res = await app.inject({
        method: m.method as 'GET', url: m.url, headers: m.headers, remoteAddress: m.remoteAddress,
        ...(m.body === null ? {} : { payload: Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength) }),
      });
      const body = ownBytes(res.rawPayload);
      tellBytes({ type: 'http', rid: m.rid, status: res.statusCode, headers: res.headers, body }, body);
    } catch (err) {
      app.log.error({ err }, 'engine thread could not answer a request');
      const p = new ProblemError(500, ProblemType.internal, 'Internal Server Error',
        'Something went wrong on our side; try again, and report it if it persists.');
      const body = ownBytes(Buffer.from(JSON.stringify(p.toJSON())));
      tellBytes({ type: 'http', rid: m.rid, status: 500, headers: { 'content-type': PROBLEM_CONTENT_TYPE }, body }, body);
    }
  };

  /** A relayed events socket: the front's upgrade passed the route's checks; subscribe as the route does. */
  const subscribe = (sid: number, url: string) => {
    const socket = new RelayedSocket(sid);
    sockets.set(sid, socket);
    socket.on('close', () => sockets.delete(sid));
    try {
      const [path, query = ''] = url.split('?', 2) as [string, string?];
      const id = decodeURIComponent(path.split('/')[3] ?? '');
      parseOr400(SandboxParams, { id }, 'path');
      const q = parseOr400(EventsQuery, parseQuery(query), 'query');
      attachSubscriber(app.heaplab, { id, since: q.since ?? null, types: q.types ?? null }, socket);
    } catch {
      socket.close(1011, 'bad events request');
    }
  };

  let stopping = false;
  port.on('message', (batch: ToShard[]) => {
    for (const m of batch) receive(m);
  });
  const receive = (m: ToShard) => {
    switch (m.type) {
      case 'http': void answer(m); break;
      case 'subscribe': subscribe(m.sid, m.url); break;
      case 'ws-ack': sockets.get(m.sid)?.acked(m.bytes); break;
      case 'ws-closed': sockets.get(m.sid)?.closed(); break;
      case 'metrics':
        void app.heaplab.metrics.registry.getMetricsAsJSON().then((json) => tell({ type: 'metrics', rid: m.rid, json }));
        break;
      case 'shutdown':
        if (stopping) break;
        stopping = true;
        app.heaplab.state.shuttingDown = true;
        void app.close().finally(() => {
          store?.close();
          outbox.flush();
          process.exit(0);
        });
        break;
    }
  };
  tell({ type: 'ready' });
}

await start();
