/**
 * The one place the service touches the engine's API: everything else imports from here,
 * so a change in the engine's surface is a change in one file.
 */
export { ReplayError, ReplayLimitError, Sandbox, SandboxLog, LogEntry, isLogged } from '../sandbox/sandbox.js';
export type { ApplyResult, ExecResult, ReplayBudget, StepForkRefusal } from '../sandbox/sandbox.js';
export { graphBudget, graphToDot } from '../sandbox/queries.js';
export { optTrace } from '../sandbox/python/opt-trace.js';
