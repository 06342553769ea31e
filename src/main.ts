/**
 * Entry point: read the configuration, open the store and restore its sandboxes, listen on
 * HOST:PORT, shut down gracefully on SIGTERM/SIGINT (stop accepting, close WebSockets with
 * 1001, finish in-flight requests, write what the store deferred and close it).
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { StoreError } from './store/store.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`heaplab: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  let app;
  try {
    app = await buildApp(config);
  } catch (err) {
    // A store that cannot be used (corrupt file, newer schema, held by another process) is
    // reported naming the file; nothing is deleted, so a restart loop cannot lose data.
    if (err instanceof StoreError) {
      process.stderr.write(`heaplab: ${err.message}\n`);
      process.exit(1);
    }
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
      process.exit(1);
    }, config.shutdownGraceMs);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    app.log.fatal({ err }, 'could not listen');
    process.exit(1);
  }
}

void main();
