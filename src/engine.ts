/**
 * The one place the service touches the engine's API: everything else imports from here,
 * so a change in the engine's surface is a change in one file.
 */
import { Sandbox } from '../sandbox/sandbox.js';

export { ReplayError, ReplayLimitError, Sandbox, SandboxLog, LogEntry, isLogged } from '../sandbox/sandbox.js';
export type { ApplyResult, ExecResult, ReplayBudget, StepForkRefusal } from '../sandbox/sandbox.js';
export { graphBudget, graphToDot } from '../sandbox/queries.js';
export { optTrace } from '../sandbox/python/opt-trace.js';
export { SNAPSHOT_FORMAT, SnapshotError } from '../sandbox/snapshot/index.js';
export type { SandboxSnapshot } from '../sandbox/snapshot/index.js';

/** A snapshot of `sb` between requests, or why the engine cannot take one now (Sandbox.snapshot). */
export function takeSnapshot(sb: Sandbox): ReturnType<Sandbox['snapshot']> {
  return sb.snapshot();
}

/** Sandbox.restoreFrom: `snap` and the log after it (SnapshotError when the snapshot cannot be read). */
export const restoreFromSnapshot: typeof Sandbox.restoreFrom = (...args) => Sandbox.restoreFrom(...args);
