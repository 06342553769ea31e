/**
 * Where sandboxes are kept between requests and across restarts.
 *
 * The registry talks to a {@link Store} at a few named points — a sandbox created, a
 * request's log entries committed (before its reply), a use, a deletion, the start-up load —
 * and nowhere else. The engine sees only the {@link OpLog} the store hands out for each
 * sandbox: {@link MemoryStore}'s is an array in the JS heap; the SQLite store's holds only
 * the entries of the request in flight and reads the rest back from disk when a fork, an
 * export or a replay needs them.
 *
 * Invariant: an entry the engine appended is either committed (durable, acknowledged) or,
 * after a failed commit, discarded together with the in-memory state it produced (the
 * registry rebuilds the sandbox from what the store holds). No reply acknowledges an op
 * the store did not accept.
 */
import type { Event } from '../../sandbox/events.js';
import type { SandboxOptions } from '../../sandbox/ops.js';
import type { LogEntry } from '../engine.js';
import { MemoryLog, type OpLog } from '../../sandbox/oplog.js';

/** What is kept of a sandbox besides its log. */
export interface SandboxRecord {
  id: string;
  label: string | null;
  owner: number | null;
  subject: string;
  options: SandboxOptions;
  createdAt: number;
  lastUsedAt: number;
}

/** A sandbox's log as a store keeps it: entries appended since the last commit are pending. */
export interface JournalLog extends OpLog<LogEntry> {
  /** Drop the entries appended since the last commit (their commit failed). */
  discardPending(): void;
}

export interface StoredSandbox {
  record: SandboxRecord;
  log: JournalLog;
}

export interface Store {
  /** `memory`, `sqlite` or `redis`: what /readyz and /metrics report. */
  readonly kind: string;
  /** The (empty) log of a sandbox about to be created with this id. */
  newLog(id: string): JournalLog;
  /** Keep a new sandbox and its log's pending entries, all or nothing. Throws if it cannot. */
  create(record: SandboxRecord, log: JournalLog): void;
  /** Keep the log's pending entries and the sandbox's last use, all or nothing. Throws if it cannot. */
  commit(id: string, log: JournalLog, lastUsedAt: number): void;
  /** Note a use that changed nothing; may be written later (a lost one only shortens a lifetime). */
  touch(id: string, lastUsedAt: number): void;
  /** Forget a sandbox and its log. Throws if it cannot. */
  delete(id: string): void;
  /** Every kept sandbox, oldest first (start-up). */
  load(): StoredSandbox[];
  /** Null while writes succeed; otherwise why the last one failed (probing again at most once a second). */
  failure(): string | null;
  /** Write what is deferred (touches). */
  flush(): void;
  /** Events a request published, after its commit (a store that relays them: see redis.ts). */
  published?(id: string, events: readonly Event[]): void;
  close(): void;
}

/** A store that failed to open or refuses to (corrupt file, newer schema, in use). */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** A memory log is its own journal: nothing is pending, nothing to discard. */
class MemoryJournal extends MemoryLog<LogEntry> implements JournalLog {
  discardPending(): void {}
}

/** Sandboxes live only in this process (HEAPLAB_STORE=memory): every write succeeds trivially. */
export class MemoryStore implements Store {
  readonly kind = 'memory';
  newLog(): JournalLog {
    return new MemoryJournal();
  }
  create(): void {}
  commit(): void {}
  touch(): void {}
  delete(): void {}
  load(): StoredSandbox[] {
    return [];
  }
  failure(): string | null {
    return null;
  }
  flush(): void {}
  close(): void {}
}
