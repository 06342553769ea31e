/**
 * pino options: JSON lines in production, pretty (pino-pretty) in development. Every
 * request line carries the request id (`reqId`): the caller's `x-request-id` if it sent a
 * sane one (echoed back), otherwise ours (returned in problem bodies and headers).
 */
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  const base = {
    level: config.logLevel,
    // Keys travel in Authorization, or on a browser's WebSocket in Sec-WebSocket-Protocol.
    redact: { paths: ['req.headers.authorization', 'req.headers["sec-websocket-protocol"]'], remove: true },
  };
  if (config.development) {
    return { ...base, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } };
  }
  return base;
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type Bindings = Record<string, unknown>;
interface Parent {
  child(bindings: Bindings, opts?: object): FastifyBaseLogger;
  isLevelEnabled(level: string): boolean;
  level: string;
}

/**
 * A request logger that creates the real pino child (with the request id binding) only
 * when something is actually logged at an enabled level. Fastify builds one child logger
 * per request; at LOG_LEVEL=warn almost none of them ever log, and building them was the
 * largest per-request cost of the service.
 */
class LazyChildLogger {
  private real: FastifyBaseLogger | null = null;
  constructor(
    private readonly parent: Parent,
    private readonly bindings: Bindings,
  ) {}

  private get target(): FastifyBaseLogger {
    return (this.real ??= this.parent.child(this.bindings));
  }

  get level(): string {
    return this.real?.level ?? this.parent.level;
  }
  set level(l: string) {
    this.target.level = l;
  }
  isLevelEnabled(level: string): boolean {
    return this.real ? (this.real as unknown as Parent).isLevelEnabled(level) : this.parent.isLevelEnabled(level);
  }
  child(bindings: Bindings, opts?: object): FastifyBaseLogger {
    return this.target.child(bindings, opts);
  }
  private emit(level: Level, args: unknown[]): void {
    if (this.real === null && !this.parent.isLevelEnabled(level)) return;
    (this.target[level] as (...a: unknown[]) => void)(...args);
  }
  fatal(...a: unknown[]): void { this.emit('fatal', a); }
  error(...a: unknown[]): void { this.emit('error', a); }
  warn(...a: unknown[]): void { this.emit('warn', a); }
  info(...a: unknown[]): void { this.emit('info', a); }
  debug(...a: unknown[]): void { this.emit('debug', a); }
  trace(...a: unknown[]): void { this.emit('trace', a); }
  silent(): void {}
}

/** Fastify `childLoggerFactory`: lazy unless the route changes the level or serializers. */
export function lazyChildLoggerFactory(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  opts: { level?: string; serializers?: unknown },
): FastifyBaseLogger {
  const plain = typeof (logger as unknown as Partial<Parent>).isLevelEnabled !== 'function'; // no logger at all
  if (plain || opts.level !== undefined || opts.serializers !== undefined) return logger.child(bindings, opts as object);
  return new LazyChildLogger(logger as unknown as Parent, bindings) as unknown as FastifyBaseLogger;
}
