/**
 * The embedded durable store: one SQLite database file, `heaplab.db` under the data
 * directory, written synchronously (better-sqlite3) so a request's entries are on disk
 * before its reply is sent.
 *
 * Durability: WAL journal with `synchronous = NORMAL`. A commit is in the WAL file (the
 * operating system's page cache) when `commit` returns, so a killed process — `kill -9`,
 * a crash, an OOM kill — loses nothing acknowledged; only a power cut or kernel crash
 * can lose the last commits (SQLite's documented trade-off for WAL + NORMAL).
 *
 * Two heaplab processes never serve one data directory: the second refuses to start,
 * naming the file. A server on one engine thread opens the database with an exclusive
 * lock. A server on several (HEAPLAB_THREADS, src/threads/) holds `heaplab.lock` instead
 * ({@link holdDataDir}, which also checks and migrates the database once) and each engine
 * thread opens its own connection to the shared file ({@link SqliteOptions.shared}); every
 * server takes `heaplab.lock`, so the two kinds exclude each other too. Each thread writes
 * only its own sandboxes' rows; SQLite serialises their transactions (WAL: one writer at a
 * time, readers never blocked), and a writer that finds the file busy waits up to
 * BUSY_TIMEOUT_MS.
 *
 * Schema (version 2, kept in `meta`): `sandboxes` (one row per sandbox: id, label, owner,
 * quota subject, options JSON, created and last-used times in ms since the epoch), `ops`
 * (sandbox, seq from 0, the log entry as JSON) and `snapshots` (at most one row per
 * sandbox, its latest heap snapshot: the log entries it stands for, the engine's format,
 * replay cost and last event seq at that point, the encoded heap, the events retained for
 * `since=` as JSON, and when it was taken). Version 1 (the previous release: no
 * `snapshots`) is migrated in place at open; a file from a newer version is refused
 * rather than misread.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Event } from '../../sandbox/events.js';
import type { LogEntry, SandboxSnapshot } from '../engine.js';
import {
  StoreError, type JournalLog, type SandboxRecord, type Store, type StoredSandbox, type StoredSnapshot,
} from './store.js';

export const SCHEMA_VERSION = 2;
export const DB_FILE = 'heaplab.db';
export const LOCK_FILE = 'heaplab.lock';
/** How long a write waits for another engine thread's transaction on the shared file. */
const BUSY_TIMEOUT_MS = 5_000;

export interface SqliteOptions {
  /**
   * One of several engine threads sharing the file, which {@link holdDataDir} has checked,
   * migrated and holds for the process: no exclusive lock, no check of its own.
   */
  shared?: boolean;
}

/** The data directory held by this process: release it at shutdown. */
export interface DataDirHold {
  readonly file: string;
  release(): void;
}

/**
 * Hold `dataDir` for this process (its `heaplab.lock`, exclusively, until release), and
 * check and migrate its database once, for engine threads that will share it. A StoreError
 * names the file when another process holds the directory or the database is unusable.
 */
export function holdDataDir(dataDir: string): DataDirHold {
  const lock = takeLock(dataDir);
  try {
    new SqliteStore(dataDir, { shared: true, check: true }).close();
  } catch (err) {
    lock.close();
    throw err;
  }
  return { file: resolve(join(dataDir, DB_FILE)), release: () => lock.open && lock.close() };
}

/**
 * `dataDir/heaplab.lock`, written once in exclusive locking mode: SQLite then keeps the
 * exclusive lock until the connection closes (or the process ends, kill -9 included), and
 * any other connection to it fails with SQLITE_BUSY.
 */
function takeLock(dataDir: string): Database.Database {
  const file = resolve(join(dataDir, LOCK_FILE));
  let db: Database.Database | null = null;
  try {
    mkdirSync(dataDir, { recursive: true });
    db = new Database(file);
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL)');
    db.prepare('DELETE FROM holder').run();
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
    return db;
  } catch (err) {
    db?.close();
    throw new StoreError(`${file}: ${explain(err)}${busyHint(err)}. The file was left as it is; ` +
      'stop the other server (or set HEAPLAB_DATA_DIR to another directory) and start again.');
  }
}

const busyHint = (err: unknown) =>
  (err as { code?: unknown }).code === 'SQLITE_BUSY' ? ' (is another heaplab process using this data directory?)' : '';
/** Deferred last-use times are written at least this often. */
const TOUCH_FLUSH_MS = 5_000;
/** A failed store is probed with a write at most this often. */
const PROBE_EVERY_MS = 1_000;

/**
 * A sandbox's log in the database: `stored` entries on disk (rows seq 0..stored-1) and the
 * entries appended since the last commit, in memory until then. Invariant: length =
 * stored + pending.length, and read() returns the rows in seq order, then the pending ones.
 */
class SqliteLog implements JournalLog {
  pending: LogEntry[] = [];

  constructor(private readonly store: SqliteStore, readonly id: string, public stored: number) {}

  get length(): number {
    return this.stored + this.pending.length;
  }

  append(entry: LogEntry): void {
    this.pending.push(entry);
  }

  read(): LogEntry[] {
    return this.readFrom(0);
  }

  /** Rows seq >= start from disk, then the pending entries past start. */
  readFrom(start: number): LogEntry[] {
    const out = this.store.readEntries(this.id, start);
    const expected = Math.max(0, this.stored - start);
    if (out.length !== expected) {
      throw new StoreError(`sandbox ${this.id}: the database holds ${out.length} log entries from entry ${start}, expected ${expected}`);
    }
    for (const e of this.pending.slice(Math.max(0, start - this.stored))) out.push(e);
    return out;
  }

  discardPending(): void {
    this.pending = [];
  }
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly keepsSnapshots = true;
  readonly file: string;
  private readonly db: Database.Database;
  private readonly touches = new Map<string, number>();
  private readonly touchTimer: NodeJS.Timeout;
  private lastFailure: string | null = null;
  private lastProbe = 0;
  private readonly q: ReturnType<typeof prepareStatements>;
  /** `heaplab.lock`, held while this store is open (a server on one thread); null when shared. */
  private readonly lock: Database.Database | null;

  /** Open (creating if needed) `dataDir/heaplab.db`; a StoreError names the file if it cannot be used. */
  constructor(dataDir: string, opts: SqliteOptions & { check?: boolean } = {}) {
    this.file = resolve(join(dataDir, DB_FILE));
    let lock: Database.Database | null = null;
    try {
      // A server on one thread holds the directory itself (see holdDataDir).
      if (!opts.shared) lock = takeLock(dataDir);
      mkdirSync(dataDir, { recursive: true });
      this.db = new Database(this.file);
      if (opts.shared) this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      else this.db.pragma('locking_mode = EXCLUSIVE');
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      if (!opts.shared || opts.check) {
        const check = this.db.pragma('quick_check', { simple: true });
        if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
        this.migrate();
      }
      this.q = prepareStatements(this.db);
    } catch (err) {
      lock?.close();
      if (err instanceof StoreError) throw err;
      throw new StoreError(`${this.file}: ${explain(err)}${busyHint(err)}. The file was left as it is; ` +
        'fix or move it (or set HEAPLAB_DATA_DIR to another directory) and start again.');
    }
    this.lock = lock;
    this.touchTimer = setInterval(() => this.flush(), TOUCH_FLUSH_MS);
    this.touchTimer.unref();
  }

  /**
   * Bring the file to {@link SCHEMA_VERSION}: create the tables in a new file, migrate an
   * older one step by step (each step one transaction, so a crash mid-way leaves the last
   * complete version), or refuse one from a newer heaplab.
   */
  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
    let v = row === undefined ? 0 : Number(row.value);
    if (v > SCHEMA_VERSION) throw new Error(`written by a newer heaplab (schema version ${v}; this one reads up to ${SCHEMA_VERSION})`);
    for (; v < SCHEMA_VERSION; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)").run(String(v + 1));
      })();
    }
  }

  newLog(id: string): JournalLog {
    return new SqliteLog(this, id, 0);
  }

  private logOf(log: JournalLog): SqliteLog {
    if (!(log instanceof SqliteLog)) throw new TypeError('not a log of this store');
    return log;
  }

  /** Write the log's pending entries (inside a transaction the caller holds). */
  private writePending(log: SqliteLog): void {
    let seq = log.stored;
    for (const e of log.pending) this.q.insertOp.run(log.id, seq++, JSON.stringify(e));
  }

  /** The pending entries are now stored. */
  private committed(log: SqliteLog): void {
    log.stored += log.pending.length;
    log.pending = [];
  }

  create(r: SandboxRecord, journal: JournalLog): void {
    const log = this.logOf(journal);
    this.write(() => {
      this.q.insertSandbox.run(r.id, r.label, r.owner, r.subject, JSON.stringify(r.options), r.createdAt, r.lastUsedAt);
      this.writePending(log);
    });
    this.committed(log);
  }

  commit(id: string, journal: JournalLog, lastUsedAt: number): void {
    const log = this.logOf(journal);
    this.write(() => {
      this.writePending(log);
      this.q.touch.run(lastUsedAt, id);
    });
    this.touches.delete(id);
    this.committed(log);
  }

  touch(id: string, lastUsedAt: number): void {
    this.touches.set(id, lastUsedAt);
  }

  delete(id: string): void {
    this.write(() => {
      this.q.deleteOps.run(id);
      this.q.deleteSnapshot.run(id);
      this.q.deleteSandbox.run(id);
    });
    this.touches.delete(id);
  }

  /**
   * Replace `id`'s snapshot, in one transaction that first checks the journal holds the
   * entries it stands for (entry atEntry - 1 is on disk). Not a journal write: a failure is
   * thrown to the caller but does not mark the store unwritable.
   */
  saveSnapshot(id: string, _log: JournalLog, snap: SandboxSnapshot, events: readonly Event[], takenAt: number): void {
    this.db.transaction(() => {
      if (snap.atEntry > 0 && this.q.hasOp.get(id, snap.atEntry - 1) === undefined) {
        throw new StoreError(`sandbox ${id}: the journal does not hold entry ${snap.atEntry - 1}; snapshot not kept`);
      }
      this.q.putSnapshot.run(id, snap.atEntry, snap.format, snap.cost, snap.lastSeq, Buffer.from(snap.data.buffer, snap.data.byteOffset, snap.data.byteLength),
        JSON.stringify(events), takenAt);
    })();
  }

  snapshotOf(id: string): StoredSnapshot | null {
    const r = this.q.snapshot.get(id) as {
      at_entry: number; format: number; cost: number; last_seq: number; data: Buffer; events: string;
    } | undefined;
    if (r === undefined) return null;
    return {
      snapshot: { format: r.format, atEntry: r.at_entry, cost: r.cost, lastSeq: r.last_seq, data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) },
      events: JSON.parse(r.events) as Event[],
    };
  }

  /** Run `body` in one transaction; a failure is remembered (see failure()) and rethrown. */
  private write(body: () => void): void {
    try {
      this.db.transaction(body)();
      this.lastFailure = null;
    } catch (err) {
      this.lastFailure = explain(err);
      this.lastProbe = Date.now();
      throw err;
    }
  }

  /** The stored entries of `id` from seq `start` on, in order. */
  readEntries(id: string, start = 0): LogEntry[] {
    return (this.q.entries.all(id, start) as string[]).map((s) => JSON.parse(s) as LogEntry);
  }

  load(): StoredSandbox[] {
    const rows = this.q.all.all() as Array<{
      id: string; label: string | null; owner: number | null; subject: string; options: string; created_at: number; last_used_at: number;
    }>;
    return rows.map((r) => ({
      record: {
        id: r.id, label: r.label, owner: r.owner, subject: r.subject, options: JSON.parse(r.options) as SandboxRecord['options'],
        createdAt: r.created_at, lastUsedAt: r.last_used_at,
      },
      log: new SqliteLog(this, r.id, this.q.count.get(r.id) as number),
      snapshot: () => this.snapshotOf(r.id),
    }));
  }

  failure(): string | null {
    if (this.lastFailure === null) return null;
    const t = Date.now();
    if (t - this.lastProbe < PROBE_EVERY_MS) return this.lastFailure;
    this.lastProbe = t;
    try {
      this.q.probe.run(String(t));
      this.lastFailure = null;
    } catch (err) {
      this.lastFailure = explain(err);
    }
    return this.lastFailure;
  }

  flush(): void {
    if (this.touches.size === 0) return;
    const batch = [...this.touches];
    try {
      this.write(() => {
        for (const [id, t] of batch) this.q.touch.run(t, id);
      });
      this.touches.clear();
    } catch {
      // Remembered by write(); the touches stay queued for the next flush.
    }
  }

  close(): void {
    clearInterval(this.touchTimer);
    this.flush();
    if (this.db.open) this.db.close();
    if (this.lock?.open) this.lock.close();
  }

  /** For tests: make every later write fail as on a read-only disk (true), or work again. */
  setReadOnlyForTests(readOnly: boolean): void {
    this.db.pragma(`query_only = ${readOnly ? 1 : 0}`);
  }
}

/**
 * MIGRATIONS[v] takes a file from schema version v to v + 1 (0: a new file). Version 1 is
 * the first release's; 2 adds `snapshots` (a rowid table: its rows hold large blobs).
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE sandboxes (
     id TEXT PRIMARY KEY, label TEXT, owner INTEGER, subject TEXT NOT NULL, options TEXT NOT NULL,
     created_at INTEGER NOT NULL, last_used_at INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE TABLE ops (
     sandbox TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (sandbox, seq)
   ) WITHOUT ROWID;`,
  `CREATE TABLE snapshots (
     sandbox TEXT PRIMARY KEY, at_entry INTEGER NOT NULL, format INTEGER NOT NULL, cost INTEGER NOT NULL,
     last_seq INTEGER NOT NULL, data BLOB NOT NULL, events TEXT NOT NULL, created_at INTEGER NOT NULL
   );`,
];

/** The statements the store runs, prepared once. */
function prepareStatements(db: Database.Database) {
  return {
    insertSandbox: db.prepare('INSERT INTO sandboxes (id, label, owner, subject, options, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertOp: db.prepare('INSERT INTO ops (sandbox, seq, entry) VALUES (?, ?, ?)'),
    touch: db.prepare('UPDATE sandboxes SET last_used_at = ? WHERE id = ?'),
    deleteOps: db.prepare('DELETE FROM ops WHERE sandbox = ?'),
    deleteSandbox: db.prepare('DELETE FROM sandboxes WHERE id = ?'),
    deleteSnapshot: db.prepare('DELETE FROM snapshots WHERE sandbox = ?'),
    entries: db.prepare('SELECT entry FROM ops WHERE sandbox = ? AND seq >= ? ORDER BY seq').pluck(),
    hasOp: db.prepare('SELECT 1 FROM ops WHERE sandbox = ? AND seq = ?').pluck(),
    putSnapshot: db.prepare('INSERT OR REPLACE INTO snapshots (sandbox, at_entry, format, cost, last_seq, data, events, created_at) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    snapshot: db.prepare('SELECT at_entry, format, cost, last_seq, data, events FROM snapshots WHERE sandbox = ?'),
    count: db.prepare('SELECT count(*) FROM ops WHERE sandbox = ?').pluck(),
    all: db.prepare('SELECT * FROM sandboxes ORDER BY created_at, id'),
    probe: db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('probe', ?)"),
  };
}

function explain(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
