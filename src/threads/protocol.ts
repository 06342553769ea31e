/** Messages between the main thread (src/main.ts, supervise.ts) and the server thread (serve-entry.ts). */

/** Main → server: stop (a signal arrived). */
export type ToServer = { type: 'shutdown'; signal: string };

/**
 * Server → main: it listens (`port`); or it cannot start (`message` for stderr, then it exits
 * with status 1).
 */
export type FromServer = { type: 'listening'; port: number } | { type: 'fatal'; message: string };
