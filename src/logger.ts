/**
 * pino options: JSON lines in production, pretty (pino-pretty) in development. Every
 * request line carries the request id (`reqId`), which is also sent back as `x-request-id`.
 */
import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  const base = {
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization'], remove: true },
  };
  if (config.development) {
    return { ...base, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } };
  }
  return base;
}
