/**
 * The server thread (started by supervise.ts on an ENGINE_STACK_MB stack): read the
 * configuration, open the store and restore its sandboxes, listen on HOST:PORT; on the main
 * thread's `shutdown` stop accepting, close WebSockets with 1001, finish in-flight requests,
 * write what the store deferred and close it. The thread's exit status is the process's.
 *
 * With HEAPLAB_THREADS > 1 this thread is the front (front.ts) and the sandboxes live on
 * engine threads it starts; the steps are the same.
 */
import { parentPort } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { StoreError } from '../store/store.js';
import { startFront, type FrontServer } from './front.js';
import type { FromServer, ToServer } from './protocol.js';

const port = parentPort!;
const tell = (m: FromServer) => port.postMessage(m);

/** Report why the server cannot start (the main thread writes it to stderr) and end the thread. */
function fatal(message: string): never {
  tell({ type: 'fatal', message });
  process.exit(1);
}

/**
 * End the thread with `code` once the log lines written so far are out. pino writes
 * asynchronously and flushes at exit only on the main thread: a line logged just before a
 * worker's process.exit would be lost.
 */
function exitFlushed(app: FastifyInstance, code: number): void {
  const log = app.log as FastifyInstance['log'] & { flush?: (cb: () => void) => void };
  if (log.flush) log.flush(() => process.exit(code));
  else process.exit(code);
}

async function serve(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fatal(err.message);
    throw err;
  }
  if (config.threads > 1) return serveFront(config);
  let app;
  try {
    app = await buildApp(config);
  } catch (err) {
    // A store that cannot be used (corrupt file, newer schema, held by another process) is
    // reported naming the file; nothing is deleted, so a restart loop cannot lose data.
    if (err instanceof StoreError) fatal(err.message);
    throw err;
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.heaplab.state.shuttingDown = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown grace period elapsed; exiting');
      exitFlushed(app, 1);
    }, config.shutdownGraceMs);
    timer.unref();
    app.close().then(
      () => exitFlushed(app, 0),
      (err: unknown) => {
        app.log.error({ err }, 'error while shutting down');
        exitFlushed(app, 1);
      },
    );
  };
  port.on('message', (m: ToServer) => {
    if (m.type === 'shutdown') shutdown(m.signal);
  });

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    app.log.fatal({ err }, 'could not listen');
    exitFlushed(app, 1);
    return;
  }
  const address = app.server.address();
  tell({ type: 'listening', port: typeof address === 'object' && address ? address.port : config.port });
}

/** Several engine threads: this thread is the front (front.ts); it logs as the app would. */
async function serveFront(config: Config): Promise<void> {
  let front: FrontServer;
  const exit = (code: number) => front.log.flush(() => process.exit(code));
  try {
    // An engine thread lost ends the process, as the one server thread's death would: what
    // restarts it restores every sandbox from the store.
    front = await startFront(config, { onThreadLost: () => exit(1) });
  } catch (err) {
    if (err instanceof StoreError) fatal(err.message);
    fatal(`could not start the engine threads: ${err instanceof Error ? err.message : String(err)}`);
  }
  let stopping = false;
  port.on('message', (m: ToServer) => {
    if (m.type !== 'shutdown' || stopping) return;
    stopping = true;
    front.log.info({ signal: m.signal }, 'shutting down');
    const timer = setTimeout(() => {
      front.log.error('shutdown grace period elapsed; exiting');
      exit(1);
    }, config.shutdownGraceMs);
    timer.unref();
    front.close().then(() => exit(0), (err: unknown) => {
      front.log.error({ err }, 'error while shutting down');
      exit(1);
    });
  });
  front.server.once('error', (err) => {
    front.log.fatal({ err }, 'could not listen');
    exit(1);
  });
  front.server.listen(config.port, config.host, () => {
    const a = front.server.address();
    const at = typeof a === 'object' && a ? a : { address: config.host, family: 'IPv4', port: config.port };
    front.log.info({ threads: front.threads }, `Server listening at http://${at.family === 'IPv6' ? `[${at.address}]` : at.address}:${at.port}`);
    tell({ type: 'listening', port: at.port });
  });
}

await serve();
