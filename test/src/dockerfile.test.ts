/**
 * The image's HEALTHCHECK, run as Docker runs it (the exec-form command from the
 * Dockerfile) against a real server: it follows HOST (a wildcard means loopback) and PORT.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Server } from '../hostile/harness.js';

const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');

/** The HEALTHCHECK's exec-form CMD (a JSON array, possibly after a line continuation). */
function healthcheck(): string[] {
  const m = /HEALTHCHECK[^\n]*\\\n\s*CMD (\[.*\])\n/.exec(dockerfile);
  if (!m) throw new Error('no exec-form HEALTHCHECK CMD in the Dockerfile');
  return JSON.parse(m[1]!) as string[];
}

function probe(env: Record<string, string>): number | null {
  const [cmd, ...args] = healthcheck();
  expect(cmd).toBe('node');
  return spawnSync(process.execPath, args, { env: { ...process.env, ...env }, timeout: 10_000 }).status;
}

let server: Server;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

describe('Dockerfile HEALTHCHECK', () => {
  it('probes HOST:PORT, and loopback when HOST is the wildcard', () => {
    expect(probe({ HOST: '127.0.0.1', PORT: String(server.port) })).toBe(0);
    expect(probe({ HOST: '0.0.0.0', PORT: String(server.port) })).toBe(0);
  });

  it('fails when nothing answers there', () => {
    expect(probe({ HOST: '127.0.0.2', PORT: String(server.port) })).toBe(1);
  });

  it('runs Node 22 LTS with a shutdown grace under Docker\'s 10 s stop timeout', () => {
    expect([...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1])).toEqual(Array(3).fill('node:22-bookworm-slim'));
    const grace = /HEAPLAB_SHUTDOWN_GRACE_MS=(\d+)/.exec(dockerfile);
    expect(Number(grace![1])).toBeLessThan(10_000);
  });
});
