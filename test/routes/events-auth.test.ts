/**
 * WebSocket auth for browsers: with API keys, an upgrade may carry the key as the
 * `heaplab.key.<key>` subprotocol next to `heaplab.events` (browsers cannot set headers on a
 * WebSocket). Checked with a real ws client against a listening server.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeApp, type TestApp } from './helpers.js';

const ALICE = 'alice-key-0123456789';
const BOB = 'bob-key-0123456789ab';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await makeApp({ apiKeys: [ALICE, BOB] });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

async function sandboxOf(key: string): Promise<string> {
  const res = await t.http.post('/v1/sandboxes').set(bearer(key));
  expect(res.status).toBe(201);
  return res.body.id as string;
}

type Outcome =
  | { open: true; ws: WebSocket; protocol: string; messages: unknown[] }
  | { open: false; status: number; body: string; messages: unknown[] };

/** Connect offering `protocols`; resolves open (with messages collected) or refused (status, body). */
function connect(path: string, protocols: string[], headers: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base}${path}`, protocols, { headers });
    const messages: unknown[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
    ws.once('open', () => resolve({ open: true, ws, protocol: ws.protocol, messages }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () => resolve({ open: false, status: res.statusCode ?? 0, body, messages }));
    });
    ws.once('error', reject);
  });
}

async function runPrint(id: string, key: string): Promise<void> {
  const res = await t.http.post(`/v1/sandboxes/${id}/ops`).set(bearer(key))
    .send({ ops: [{ op: 'class', name: 'C', finalizer: { print: 'bye' } }, { op: 'alloc', type: 'instance', class: 'C', name: 'x' }, { op: 'del', name: 'x' }] });
  expect(res.status).toBe(200);
}

describe('WebSocket key subprotocol', () => {
  it('the right key opens the stream, the server answers heaplab.events (never the key), and events flow', async () => {
    const id = await sandboxOf(ALICE);
    const c = await connect(`/v1/sandboxes/${id}/events`, ['heaplab.events', `heaplab.key.${ALICE}`]);
    expect(c.open).toBe(true);
    if (!c.open) return;
    expect(c.protocol).toBe('heaplab.events');
    await runPrint(id, ALICE);
    await expect.poll(() => c.messages.length).toBeGreaterThan(0);
    expect(c.messages.some((m) => (m as { type: string }).type === 'finalizer')).toBe(true);
    c.ws.close();
  });

  it('a wrong key is refused with 401 before the upgrade, and no event reaches it', async () => {
    const id = await sandboxOf(ALICE);
    const c = await connect(`/v1/sandboxes/${id}/events`, ['heaplab.events', 'heaplab.key.not-a-key-0123456789']);
    expect(c).toMatchObject({ open: false, status: 401 });
    expect(c.open ? '' : JSON.parse(c.body).detail).toBe('The API key is not valid.');
    await runPrint(id, ALICE);
    expect(c.messages).toEqual([]);
  });

  it("another key's sandbox is 404, as over HTTP", async () => {
    const id = await sandboxOf(ALICE);
    const c = await connect(`/v1/sandboxes/${id}/events`, ['heaplab.events', `heaplab.key.${BOB}`]);
    expect(c).toMatchObject({ open: false, status: 404 });
    expect((await t.http.get(`/v1/sandboxes/${id}/stats`).set(bearer(BOB))).status).toBe(404);
  });

  it('no key at all is 401, and the message names both ways to send one', async () => {
    const id = await sandboxOf(ALICE);
    const c = await connect(`/v1/sandboxes/${id}/events`, ['heaplab.events']);
    expect(c).toMatchObject({ open: false, status: 401 });
    expect(c.open ? '' : JSON.parse(c.body).detail).toMatch(/Authorization: Bearer <key>.*heaplab\.events.*heaplab\.key\.<key>/);
  });

  it('a key subprotocol without heaplab.events is a 400 naming the header (the server will not echo the key)', async () => {
    const id = await sandboxOf(ALICE);
    const c = await connect(`/v1/sandboxes/${id}/events`, [`heaplab.key.${ALICE}`]);
    expect(c).toMatchObject({ open: false, status: 400 });
    expect(c.open ? '' : JSON.parse(c.body).errors[0].field).toBe('headers.sec-websocket-protocol');
  });

  it('two key subprotocols are refused (401), even if one is right', async () => {
    const id = await sandboxOf(ALICE);
    const c = await connect(`/v1/sandboxes/${id}/events`, ['heaplab.events', `heaplab.key.${ALICE}`, `heaplab.key.${BOB}`]);
    expect(c).toMatchObject({ open: false, status: 401 });
  });

  it('a key in the query string is not a key', async () => {
    const id = await sandboxOf(ALICE);
    const c = await connect(`/v1/sandboxes/${id}/events?key=${ALICE}`, []);
    expect(c.open).toBe(false);
    if (!c.open) expect([400, 401]).toContain(c.status);
  });

  it('the Authorization header still works for clients that can set it', async () => {
    const id = await sandboxOf(ALICE);
    const c = await connect(`/v1/sandboxes/${id}/events`, [], bearer(ALICE));
    expect(c.open).toBe(true);
    if (c.open) {
      expect(c.protocol).toBe('');
      c.ws.close();
    }
  });
});
