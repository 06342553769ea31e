/**
 * The SQLite store in a real server process. kill -9 mid-load: the process is killed with
 * SIGKILL while clients are changing sandboxes, and restarted on the same data directory;
 * every acknowledged op must be in the restored log, in order, and each restored heap must
 * be the heap its log rebuilds. Snapshots are taken during the load (HEAPLAB_SNAPSHOT_EVERY
 * set low, and requests that pass it), so the restart rebuilds from snapshots and the log
 * after them. SIGTERM writes what was deferred; a corrupt file stops start-up without being
 * touched.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/store/sqlite.js';
import { send, startServer, type Server } from '../../hostile/harness.js';
import { ok, heap } from './server-reads.js';

const servers: Server[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Engine steps between snapshots in these servers; BURN passes it on a small heap. */
const SNAPSHOT_EVERY = '20000';
const BURN = 'for i in range(20000):\n    pass\n';

async function start(dir: string, threads = '1'): Promise<Server> {
  const s = await startServer({
    HEAPLAB_STORE: 'sqlite', HEAPLAB_DATA_DIR: dir, HEAPLAB_RATE_LIMIT_RPS: '0', HEAPLAB_THREADS: threads, HEAPLAB_SNAPSHOT_EVERY: SNAPSHOT_EVERY,
  });
  servers.push(s);
  return s;
}

describe('a server process on the SQLite store', () => {
  // Killed on two engine threads (a front and one SQLite connection per thread), restarted on one.
  it('loses no acknowledged op, and every heap is what its log rebuilds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heaplab-kill9-'));
    dirs.push(dir);
    const first = await start(dir, '2');
    const ids: string[] = [];
    for (let k = 0; k < 3; k++) ids.push((await ok(first, '/v1/sandboxes', { label: `k${k}` })).id as string);
    const t0 = (await ok(first, `/v1/sandboxes/${ids[0]}`)).createdAt;
    // One sandbox rests during the load: its heap must come back exactly as it was read.
    const still = (await ok(first, '/v1/sandboxes', {})).id as string;
    await ok(first, `/v1/sandboxes/${still}/exec`, { code: `class A:\n    pass\na = A(); a.me = a\nb = [a, a]\ndel a\n${BURN}` });
    await ok(first, `/v1/sandboxes/${still}/ops`, { ops: [{ op: 'alloc', type: 'dict', name: 'd' }, { op: 'collect' }] });
    const stillBefore = await heap(first, still);

    // Each client changes its sandbox request after request; acked[k] is what was acknowledged.
    const acked: string[][] = ids.map(() => []);
    let stop = false;
    const clients = ids.map(async (id, k) => {
      for (let n = 0; !stop; n++) {
        const code = n % 5 === 4 ? 'import gc\ngc.collect()\n' : n % 5 === 2 ? BURN
          : `v${n} = [${n}] * ${n % 7}\nc${n} = {'self': None}\nc${n}['self'] = c${n}\n`;
        const r = await send(first, { path: `/v1/sandboxes/${id}/exec`, body: { code }, timeoutMs: 5_000 });
        if (r.status !== 200) break; // the server died under us
        acked[k]!.push(code);
      }
    });
    await new Promise((r) => setTimeout(r, 1_500));
    await first.stop(); // SIGKILL
    stop = true;
    await Promise.all(clients);
    expect(acked.every((a) => a.length > 0)).toBe(true);

    // Snapshots were kept for every sandbox, each standing for a prefix of its journal.
    const db = new Database(join(dir, 'heaplab.db'), { readonly: true });
    const snaps = db.prepare('SELECT sandbox, at_entry, (SELECT count(*) FROM ops WHERE ops.sandbox = s.sandbox) AS entries FROM snapshots s')
      .all() as Array<{ sandbox: string; at_entry: number; entries: number }>;
    db.close();
    expect(snaps.map((r) => r.sandbox).sort()).toEqual([...ids, still].sort());
    for (const r of snaps) expect(r.at_entry).toBeLessThanOrEqual(r.entries);

    const second = await start(dir);
    expect(await heap(second, still)).toEqual(stillBefore);
    for (const [k, id] of ids.entries()) {
      const summary = await ok(second, `/v1/sandboxes/${id}`);
      expect(summary.label).toBe(`k${k}`);
      if (k === 0) expect(summary.createdAt).toBe(t0);
      const log = await ok(second, `/v1/sandboxes/${id}/log`) as { entries: Array<{ op: { code: string } }>; options: object };
      // Every acknowledged op, in order; at most one more (journaled, its reply lost in the kill).
      expect(log.entries.slice(0, acked[k]!.length).map((e) => e.op.code)).toEqual(acked[k]);
      expect(log.entries.length - acked[k]!.length).toBeLessThanOrEqual(1);
      // The restored heap is the one its log rebuilds in a fresh sandbox.
      const replayed = (await ok(second, '/v1/sandboxes', { replay: log })).id as string;
      expect(await heap(second, id)).toEqual(await heap(second, replayed));
    }
    // Every one of them was rebuilt from its snapshot (none fell back to a full replay).
    const metrics = String((await send(second, { path: '/metrics' })).body);
    expect(metrics).toMatch(/heaplab_restores_total\{from="snapshot"\} 4\b/);
    expect(metrics).toMatch(/heaplab_restores_total\{from="replay"\} 0\b/);
  });

  it('on SIGTERM writes what it deferred (a read\'s last use) and closes the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heaplab-term-'));
    dirs.push(dir);
    const first = await start(dir);
    const id = (await ok(first, '/v1/sandboxes', {})).id as string;
    await ok(first, `/v1/sandboxes/${id}/exec`, { code: 'x = 1' });
    await new Promise((r) => setTimeout(r, 20));
    // A read marks the sandbox used without a journal write; the store writes it later.
    const read = await ok(first, `/v1/sandboxes/${id}`);
    process.kill(first.pid, 'SIGTERM');
    for (let i = 0; i < 200 && first.alive; i++) await new Promise((r) => setTimeout(r, 25));
    expect(first.alive).toBe(false);
    // What the store kept: the read's time, not the exec's (committed 20 ms earlier).
    const store = new SqliteStore(dir);
    const [kept] = store.load();
    store.close();
    expect(kept!.record.lastUsedAt).toBe(Date.parse(read.lastUsedAt as string));
  });

  it('refuses to start on a corrupt database, naming the file and leaving it as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heaplab-corrupt-'));
    dirs.push(dir);
    const file = join(dir, 'heaplab.db');
    const junk = 'not a database '.repeat(500);
    writeFileSync(file, junk);
    await expect(start(dir)).rejects.toThrow(/exited 1 before listening[\s\S]*heaplab\.db: SQLITE_NOTADB/);
    expect(readFileSync(file, 'utf8')).toBe(junk);
  });
});
