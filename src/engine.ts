/**
 * The one place the service touches the engine's API: everything else imports from here,
 * so a change in the engine's surface is a change in one file.
 */
export { ReplayError, Sandbox, SandboxLog, LogEntry } from '../sandbox/sandbox.js';
export type { ApplyResult, ExecResult } from '../sandbox/sandbox.js';
