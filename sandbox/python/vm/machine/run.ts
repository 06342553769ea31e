/**
 * Loading a compiled program into a sandbox's machine, and clearing the engine's run state
 * once it has ended. Running it and reporting how it ended is vm/exec.ts's (ProgramRun).
 */
import type { SandboxRuntime } from '../../../runtime.js';
import { interpreterFor } from '../../interpreter.js';
import type { CodeObject } from '../code.js';
import { type Machine, type Tracer, machineFor } from './machine.js';

/** Load `module` (compiled from `source`) into the sandbox's machine, ready to run. */
export function startCode(rt: SandboxRuntime, module: CodeObject, source: string, tracer: Tracer | null = null): Machine {
  const I = interpreterFor(rt);
  const m = machineFor(I);
  m.tracer = tracer;
  I.frames = [];
  I.depth = 0;
  I.excStack = [];
  m.load(module, source);
  return m;
}

/** A run has ended: the engine's frame state is cleared; the output so far is taken. */
export function endRun(rt: SandboxRuntime, m: Machine): { stdout: string; stderr: string } {
  const I = m.I;
  I.frames = [];
  I.depth = 0;
  I.excStack = [];
  return rt.takeOutput();
}
