/**
 * Entry point. The server runs on a thread of its own (src/threads/serve-entry.ts) whose JS
 * stack heaplab sizes (ENGINE_STACK_MB: Python nested in builtins reaches CPython's recursion
 * limit without a `node --stack-size` flag). This main thread checks the configuration,
 * starts it, passes SIGTERM/SIGINT on for a graceful shutdown and exits with its status.
 */
import { ConfigError, loadConfig } from './config.js';
import { startServerThread } from './threads/supervise.js';

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
const server = startServerThread({ graceMs: config.shutdownGraceMs });
process.once('SIGTERM', () => server.shutdown('SIGTERM'));
process.once('SIGINT', () => server.shutdown('SIGINT'));
process.exitCode = await server.exited;
