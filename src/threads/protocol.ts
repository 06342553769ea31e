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
