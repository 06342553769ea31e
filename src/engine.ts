/**
 * The one place the service touches the engine's API: everything else imports from here,
 * so a change in the engine's surface is a change in one file.
 */
export { ReplayError, ReplayLimitError, Sandbox, SandboxLog, LogEntry, isLogged } from '../sandbox/sandbox.js';
export type { ApplyResult, ExecResult, ReplayBudget, StepForkRefusal } from '../sandbox/sandbox.js';
export { graphBudget, graphToDot } from '../sandbox/queries.js';
export { optTrace } from '../sandbox/python/opt-trace.js';
// DEV-ONLY until main's engine snapshot (sandbox/snapshot/) is merged: then SNAPSHOT_FORMAT,
// SnapshotError and SandboxSnapshot come from there, takeSnapshot(sb) is sb.snapshot() and
// restoreFromSnapshot is Sandbox.restoreFrom, and src/snapshot-standin.ts is deleted.
export { SNAPSHOT_FORMAT, SnapshotError, takeSnapshot, restoreFromSnapshot } from './snapshot-standin.js';
export type { SandboxSnapshot } from './snapshot-standin.js';
