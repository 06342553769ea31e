import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { lazyChildLoggerFactory } from '../../src/logger.js';

function sink() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, stream };
}

describe('request logging', () => {
  it('logs each request with its request id (the one sent back as x-request-id)', async () => {
    const { lines, stream } = sink();
    const app = await buildApp(testConfig(), { logger: { level: 'info', stream }, sweep: false });
    const res = await app.inject({ url: '/v1/limits', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    await app.inject({ method: 'POST', url: '/v1/sandboxes', headers: { authorization: 'Bearer secret' } });
    await app.close();
    const mine = lines.filter((l) => l.reqId === 'abc-123').map((l) => l.msg);
    expect(mine).toEqual(['incoming request', 'request completed']);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('builds a request logger only when something is logged at an enabled level', () => {
    const { lines, stream } = sink();
    const root = pino({ level: 'warn' }, stream);
    let children = 0;
    const counting = Object.assign(Object.create(root) as typeof root, {
      child: (b: pino.Bindings, o?: pino.ChildLoggerOptions) => {
        children++;
        return root.child(b, o);
      },
    });
    const log = lazyChildLoggerFactory(counting, { reqId: 'r1' }, {});
    log.info('not written');
    log.debug({ x: 1 }, 'nor this');
    expect(children).toBe(0);
    expect(log.level).toBe('warn');
    log.warn({ detail: 7 }, 'written');
    log.error('and this');
    expect(children).toBe(1);
    stream.end();
    expect(lines.map((l) => [l.reqId, l.msg])).toEqual([['r1', 'written'], ['r1', 'and this']]);
    expect(lines[0]!.detail).toBe(7);
    // A route with its own level gets a real child at once.
    lazyChildLoggerFactory(counting, { reqId: 'r2' }, { level: 'info' });
    expect(children).toBe(2);
  });
});
