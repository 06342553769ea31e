/**
 * DEV-ONLY STAND-IN — NOT THE PRODUCT. DELETE THIS FILE when main's engine snapshot
 * (sandbox/snapshot/index.ts, Sandbox.snapshot(), Sandbox.restoreFrom()) is merged; then
 * src/engine.ts re-exports the real ones.
 *
 * It follows the engine contract exactly, so the stores and the registry can be written and
 * tested against it: a "snapshot" here is the JSON of the log prefix, and restoring from it
 * replays that prefix and then the tail (so it proves nothing about restore time).
 */
import type { Event } from '../sandbox/events.js';
import type { SandboxOptions } from '../sandbox/ops.js';
import type { OpLog } from '../sandbox/oplog.js';
import { Sandbox, type LogEntry, type ReplayBudget } from '../sandbox/sandbox.js';

export const SNAPSHOT_FORMAT = -1;

export interface SandboxSnapshot {
  format: number;
  atEntry: number;
  cost: number;
  lastSeq: number;
  data: Uint8Array;
}

export class SnapshotError extends Error {}

export function takeSnapshot(sb: Sandbox): { snapshot: SandboxSnapshot } | { refused: string } {
  const entries = sb.log().entries;
  return {
    snapshot: {
      format: SNAPSHOT_FORMAT, atEntry: entries.length, cost: sb.replayCost, lastSeq: sb.lastSeq,
      data: new TextEncoder().encode(JSON.stringify(entries)),
    },
  };
}

export function restoreFromSnapshot(options: SandboxOptions, snap: SandboxSnapshot, log: OpLog<LogEntry>,
  budget?: ReplayBudget, onEvents?: (events: readonly Event[]) => void): Sandbox {
  if (snap.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`snapshot format ${snap.format}, not ${SNAPSHOT_FORMAT}`);
  let prefix: LogEntry[];
  try {
    prefix = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(snap.data)) as LogEntry[];
  } catch (err) {
    throw new SnapshotError(`unreadable snapshot: ${String(err)}`);
  }
  if (!Array.isArray(prefix) || prefix.length !== snap.atEntry) throw new SnapshotError('snapshot length mismatch');
  const all = [...prefix, ...log.readFrom(snap.atEntry)];
  let restoring = true;
  const view: OpLog<LogEntry> = {
    get length() {
      return log.length;
    },
    append: (e) => log.append(e),
    read: () => (restoring ? all : log.read()),
    readFrom: (s) => log.readFrom(s),
  };
  let n = 0;
  const sb = Sandbox.restore(options, view, budget, (events) => {
    if (n++ >= snap.atEntry) onEvents?.(events);
  });
  restoring = false;
  return sb;
}
