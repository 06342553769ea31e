/**
 * The main thread's side of the server: it starts the server thread (serve-entry.ts) on an
 * ENGINE_STACK_MB stack, passes signals on as a `shutdown` message, writes the thread's
 * start-up failures to stderr, and ends with the thread's exit status. The thread keeps its
 * own shutdown grace (HEAPLAB_SHUTDOWN_GRACE_MS); should the thread not end BACKSTOP_MS after
 * that, the main thread stops it and exits 1.
 */
import type { Worker } from 'node:worker_threads';
import { engineWorker, moduleBeside } from './engine-thread.js';
import type { FromServer, ToServer } from './protocol.js';

const BACKSTOP_MS = 1_000;

export interface ServerThread {
  readonly worker: Worker;
  /** The port it listens on, once it does (rejects if it ends first). */
  readonly listening: Promise<number>;
  /** Its exit status: 0 after a clean shutdown, 1 when it could not start or stop cleanly. */
  readonly exited: Promise<number>;
  /** Stop gracefully (idempotent). */
  shutdown(signal: string): void;
}

/** Start the server thread; `env` is its process.env (default: this process's). */
export function startServerThread(o: { graceMs: number; env?: NodeJS.ProcessEnv }): ServerThread {
  const worker = engineWorker(moduleBeside(import.meta.url, './serve-entry.js'), { env: o.env ?? process.env });
  let onListening!: (port: number) => void;
  let onFailed!: (e: Error) => void;
  const listening = new Promise<number>((resolve, reject) => {
    onListening = resolve;
    onFailed = reject;
  });
  listening.catch(() => {});
  worker.on('message', (m: FromServer) => {
    if (m.type === 'listening') onListening(m.port);
    else process.stderr.write(`heaplab: ${m.message}\n`);
  });
  const exited = new Promise<number>((resolve) => {
    worker.on('error', (err) => {
      // An exception nothing caught ends the thread, as it would have ended the process.
      process.stderr.write(`heaplab: the server thread failed: ${err.stack ?? String(err)}\n`);
    });
    worker.on('exit', (code) => {
      onFailed(new Error(`the server thread exited with status ${code} before listening`));
      resolve(code);
    });
  });
  let stopping = false;
  return {
    worker, listening, exited,
    shutdown(signal: string) {
      if (stopping) return;
      stopping = true;
      worker.postMessage({ type: 'shutdown', signal } satisfies ToServer);
      const backstop = setTimeout(() => {
        process.stderr.write('heaplab: the server thread outlived its shutdown grace; stopping it\n');
        void worker.terminate();
      }, o.graceMs + BACKSTOP_MS);
      backstop.unref();
    },
  };
}
