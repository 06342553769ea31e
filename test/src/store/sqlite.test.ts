/** The SQLite store on its own: what it keeps, and what it refuses to open. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, SCHEMA_VERSION, SqliteStore } from '../../../src/store/sqlite.js';
import { StoreError } from '../../../src/store/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'heaplab-sqlite-'));
  dirs.push(d);
  return d;
}

const record = (id: string) => ({ id, label: 'l', owner: null, subject: 'anonymous', options: { gc: { enabled: true } }, createdAt: 5, lastUsedAt: 6 });

describe('SqliteStore', () => {
  it('keeps records and logs: pending entries are written by create/commit, read back in order', () => {
    const dir = dataDir();
    const s = new SqliteStore(dir);
    const log = s.newLog('a');
    log.append({ op: { op: 'exec', code: 'x = 1' } });
    s.create(record('a'), log);
    log.append({ op: { op: 'exec', code: 'y = 2' }, failed: true });
    log.append({ op: { op: 'exec', code: 'while True: pass' }, failed: true, stoppedAfterSteps: 7 });
    s.commit('a', log, 99);
    log.append({ op: { op: 'exec', code: 'lost' } });
    log.discardPending();
    expect(log.length).toBe(3);
    s.touch('a', 123);
    s.close();

    const again = new SqliteStore(dir);
    const [kept, ...rest] = again.load();
    expect(rest).toEqual([]);
    expect(kept!.record).toEqual({ ...record('a'), lastUsedAt: 123 });
    expect(kept!.log.length).toBe(3);
    expect(kept!.log.read()).toEqual([
      { op: { op: 'exec', code: 'x = 1' } },
      { op: { op: 'exec', code: 'y = 2' }, failed: true },
      { op: { op: 'exec', code: 'while True: pass' }, failed: true, stoppedAfterSteps: 7 },
    ]);
    expect(kept!.log.readFrom(1).map((e) => e.op)).toEqual([{ op: 'exec', code: 'y = 2' }, { op: 'exec', code: 'while True: pass' }]);
    kept!.log.append({ op: { op: 'exec', code: 'z = 3' } });
    expect(kept!.log.readFrom(2).map((e) => e.op)).toEqual([{ op: 'exec', code: 'while True: pass' }, { op: 'exec', code: 'z = 3' }]);
    expect(kept!.log.readFrom(3)).toEqual([{ op: { op: 'exec', code: 'z = 3' } }]);
    kept!.log.discardPending();
    again.delete('a');
    expect(again.load()).toEqual([]);
    again.close();
  });

  it('refuses a file that is not a database, naming it and leaving it in place', () => {
    const dir = dataDir();
    const file = join(dir, DB_FILE);
    writeFileSync(file, 'this is not an SQLite database, just some bytes that happen to be here'.repeat(100));
    expect(() => new SqliteStore(dir)).toThrow(StoreError);
    expect(() => new SqliteStore(dir)).toThrow(file);
    expect(() => new SqliteStore(dir)).toThrow(/SQLITE_NOTADB/);
  });

  it('refuses a database written by a newer schema version', () => {
    const dir = dataDir();
    new SqliteStore(dir).close();
    const db = new Database(join(dir, DB_FILE));
    db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION + 1));
    db.close();
    expect(() => new SqliteStore(dir)).toThrow(/written by a newer heaplab \(schema version 3; this one reads up to 2\)/);
  });

  it('refuses a data directory another store holds open', () => {
    const dir = dataDir();
    const first = new SqliteStore(dir);
    expect(() => new SqliteStore(dir)).toThrow(/SQLITE_BUSY/);
    first.close();
    new SqliteStore(dir).close();
  });

  it('reports a failed write and recovers when writes work again', async () => {
    const s = new SqliteStore(dataDir());
    expect(s.failure()).toBeNull();
    s.setReadOnlyForTests(true);
    const log = s.newLog('b');
    expect(() => s.create(record('b'), log)).toThrow(/readonly/);
    expect(s.failure()).toMatch(/SQLITE_READONLY/);
    s.setReadOnlyForTests(false);
    await new Promise((r) => setTimeout(r, 1100));
    expect(s.failure()).toBeNull();
    s.close();
  });
});
