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
import type { LogEntry, SandboxSnapshot } from '../engine.js';
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

/**
 * A heap snapshot as kept: the engine's snapshot (it stands for log entries [0, atEntry))
 * and the events a subscriber's `since=` could replay at that point (the last
 * eventsRetained of them, oldest first), so a restore from it retains what a full replay
 * would.
 */
export interface StoredSnapshot {
  snapshot: SandboxSnapshot;
  events: Event[];
}

export interface StoredSandbox {
  record: SandboxRecord;
  log: JournalLog;
  /**
   * The latest snapshot kept of it, or null. Read when called, not at load: a restore
   * needs it once, and holding every waiting sandbox's snapshot from start-up on would
   * not be bounded. Throws if it cannot be read (the caller then replays the whole log).
   */
  snapshot(): StoredSnapshot | null;
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
  /** Whether this store keeps snapshots at all (the memory store has nothing to restore). */
  readonly keepsSnapshots: boolean;
  /**
   * Keep `snap` (taken right after a commit) as `id`'s latest snapshot, replacing the one
   * before, with the events retained for `since=` at that point; it is deleted with the
   * sandbox. Refused (throws, or the promise rejects) unless the journal holds the log
   * entries the snapshot stands for. A promise: the write goes on after the request (no
   * reply waits for it; the journal is what is durable).
   */
  saveSnapshot(id: string, log: JournalLog, snap: SandboxSnapshot, events: readonly Event[], takenAt: number): void | Promise<void>;
  /** The latest snapshot of a sandbox this node holds, read now; null if none, or if it cannot be read synchronously here. */
  snapshotOf(id: string): StoredSnapshot | null;
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
  readonly keepsSnapshots = false;
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
  saveSnapshot(): void {}
  snapshotOf(): StoredSnapshot | null {
    return null;
  }
  failure(): string | null {
    return null;
  }
  flush(): void {}
  close(): void {}
}
