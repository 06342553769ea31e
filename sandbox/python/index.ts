/**
 * The Python front end's exec hooks: `new Sandbox().exec(code)` parses and runs the code
 * with one interpreter per sandbox runtime (notebook semantics: module globals and
 * definitions persist across exec calls), compiled to code objects and run on the bytecode
 * machine (vm/exec.ts).
 * `pythonStartHook` starts a run the caller advances in slices (Sandbox.startExec).
 * sandbox.ts installs them as its default front end (it imports this module rather than
 * the other way round, so there is no import cycle).
 */
import type { ExecHook } from '../apply.js';
import type { SandboxRuntime } from '../runtime.js';
import { type ExecOutcome, interpreterFor } from './interpreter.js';
import { execTraced } from './steps.js';
import { execProgram, startProgram } from './vm/exec.js';
import { machineFor } from './vm/machine/machine.js';

export const pythonExecHook: ExecHook = (rt, code, trace) => {
  if (trace) return { ...execTraced(rt, code, trace.maxSteps) };
  return execProgram(interpreterFor(rt), code);
};

/** A program started in a sandbox: advanced in slices until its outcome is known. */
export interface StartedProgram {
  advance(budget: number): boolean;
  readonly outcome: ExecOutcome | null;
}
export type ExecStartHook = (rt: SandboxRuntime, code: string) => StartedProgram;

/** Start a program on the machine: resumable at any instruction boundary. */
export const pythonStartHook: ExecStartHook = (rt, code) => startProgram(interpreterFor(rt), code);

export { interpreterFor };

/** Attach the interpreter and its machine to `rt` now (a snapshot's baseline includes them: see Sandbox.snapshot). */
export function startInterpreter(rt: SandboxRuntime): void {
  machineFor(interpreterFor(rt));
}

/** Whether `rt` has an interpreter attached. */
export { hasInterpreter } from './interpreter.js';
