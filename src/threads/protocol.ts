/** Messages between the main thread (src/main.ts, supervise.ts) and the server thread (serve-entry.ts). */
import type { Config } from '../config.js';

/** Main → server: stop (a signal arrived). */
export type ToServer = { type: 'shutdown'; signal: string };

/**
 * Server → main: it listens (`port`); or it cannot start (`message` for stderr, then it exits
 * with status 1).
 */
export type FromServer = { type: 'listening'; port: number } | { type: 'fatal'; message: string };

/**
 * Messages between the front thread (front.ts) and an engine thread (shard-entry.ts). A
 * request travels as its method, URL, headers, client address and body, and its reply as
 * the status, headers and body an in-process request (Fastify's inject) produced. An events
 * WebSocket is upgraded by the front and relayed: `ws-send` carries one message, `ws-ack`
 * says how many bytes the client's socket has taken (what the engine thread counts as the
 * socket's bufferedAmount), `ws-close` and `ws-closed` end it from either side.
 */
export interface HttpRequest {
  type: 'http';
  rid: number;
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  remoteAddress: string;
  body: Uint8Array | null;
}
export type ToShard =
  | HttpRequest
  | { type: 'subscribe'; sid: number; url: string }
  | { type: 'ws-ack'; sid: number; bytes: number }
  | { type: 'ws-closed'; sid: number }
  | { type: 'metrics'; rid: number }
  | { type: 'shutdown' };

export interface HttpReply {
  type: 'http';
  rid: number;
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Uint8Array;
}
export type FromShard =
  | HttpReply
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'ws-send'; sid: number; data: Uint8Array }
  | { type: 'ws-close'; sid: number; code: number; reason: string }
  | { type: 'metrics'; rid: number; json: unknown[] };

/** What an engine thread is started with (its workerData). */
export interface ShardData {
  /** The server's configuration, as the front read it (plain data). */
  config: Config;
  index: number;
  count: number;
  /** The limits' shared counts (src/counts.ts). */
  counts: SharedArrayBuffer;
  /** Request rates per client (src/rates.ts). */
  rates: SharedArrayBuffer;
}

/**
 * `bytes` in an ArrayBuffer of their own, to post (and transfer). A Buffer is usually a view
 * of Node's shared 8 KiB pool, and posting a view clones its whole ArrayBuffer: every small
 * request or reply would copy the pool, which measured at 17% of the front thread's time.
 */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.byteLength);
  out.set(bytes);
  return out;
}

/**
 * Messages to one thread, posted together once per event-loop turn (in its check phase):
 * the other thread is woken once for all the requests (or replies) one turn produced
 * instead of once each. Order is kept. The receiver gets an array.
 */
export class Outbox<M> {
  private batch: M[] = [];
  private transfer: ArrayBuffer[] = [];
  private scheduled = false;

  constructor(private readonly send: (batch: M[], transfer: ArrayBuffer[]) => void) {}

  push(m: M, transfer?: ArrayBuffer[]): void {
    this.batch.push(m);
    if (transfer) for (const t of transfer) this.transfer.push(t);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  /** Post what is queued now. */
  readonly flush = (): void => {
    this.scheduled = false;
    if (this.batch.length === 0) return;
    const batch = this.batch;
    const transfer = this.transfer;
    this.batch = [];
    this.transfer = [];
    this.send(batch, transfer);
  };
}
