/**
 * The entry point as a real process: listens on PORT/HOST, refuses bad configuration,
 * and on SIGTERM closes WebSockets with 1001 and exits 0. The server runs on an engine thread
 * (src/threads) that the main thread supervises.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEEP_HASH, DEEP_HASH_STDOUT, DEEP_REPR, DEEP_REPR_STDOUT } from './threads/deep.js';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function start(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

/** Resolve with the listening port, read from the log line pino writes. */
function listening(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

describe('src/main.ts', () => {
  it('serves on HOST:PORT and shuts down gracefully on SIGTERM', async () => {
    // On two engine threads: the front passes SIGTERM on and closes the relayed WebSocket.
    const child = start({ PORT: '0', HOST: '127.0.0.1', HEAPLAB_THREADS: '2' });
    const port = await listening(child);
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const { id } = (await (await fetch(`${base}/v1/sandboxes`, { method: 'POST' })).json()) as { id: string };
    const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/sandboxes/${id}/events`);
    await new Promise((r, j) => ws.once('open', r).once('error', j));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    const exit = exited(child);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.kill('SIGTERM');
    expect(await closed).toBe(1001);
    expect(await exit).toBe(0);
    // Logged on the server thread just before it ends: flushed, not lost with the thread.
    expect(out).toContain('"signal":"SIGTERM","msg":"shutting down"');
  });

  it('runs Python nested in builtins as deep as CPython does, with no Node flag (its engine thread\'s stack)', async () => {
    const child = start({ PORT: '0', HOST: '127.0.0.1' });
    const base = `http://127.0.0.1:${await listening(child)}`;
    const { id } = (await (await fetch(`${base}/v1/sandboxes`, { method: 'POST' })).json()) as { id: string };
    for (const [code, stdout] of [[DEEP_HASH, DEEP_HASH_STDOUT], [DEEP_REPR, DEEP_REPR_STDOUT]]) {
      const r = await fetch(`${base}/v1/sandboxes/${id}/exec`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      expect(await r.json()).toMatchObject({ stdout, error: null });
    }
    const exit = exited(child);
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });

  it('refuses to start with invalid configuration, naming the variable', async () => {
    const child = start({ PORT: 'eighty' });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    expect(await exited(child)).toBe(1);
    expect(err).toMatch(/PORT/);
  });

  it('refuses to start when HEAPLAB_API_KEYS is set but names no key (fails closed, never open)', async () => {
    const child = start({ PORT: '0', HOST: '127.0.0.1', HEAPLAB_API_KEYS: ',' });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    expect(await exited(child)).toBe(1);
    expect(err).toMatch(/HEAPLAB_API_KEYS: set but names no key/);
  });
});
