/**
 * Running a program on the machine in a sandbox: module code in the sandbox's `__main__`,
 * output collected, an uncaught exception printed as CPython prints it. `execCode` runs to
 * the end; `startCode` returns the machine for the caller to run in slices
 * (`machine.run(budget)`) and `finishRun` reports the outcome.
 */
import { BudgetExceeded } from '../../../heap.js';
import type { SandboxRuntime } from '../../../runtime.js';
import { Raise, interpreterFor } from '../../interpreter.js';
import type { CodeObject } from '../code.js';
import { type Machine, type RunStatus, type Tracer, machineFor } from './machine.js';

export interface MachineOutcome {
  stdout: string;
  stderr: string;
  error: null | { type: string; message: string };
}

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

/** The outcome of a finished run: output so far, and the uncaught exception printed. */
export function finishRun(rt: SandboxRuntime, m: Machine, status: RunStatus): MachineOutcome {
  const I = m.I;
  let error: MachineOutcome['error'] = null;
  if (status.status === 'raised') {
    const r = status.raise;
    rt.write(I.formatException(r.exc), 'stderr');
    error = { type: r.exc.type.name, message: I.excStr(r.exc) };
    I.releaseRaise(r);
  } else if (status.status === 'returned') {
    m.heap.decref(status.value);
  }
  I.frames = [];
  I.depth = 0;
  I.excStack = [];
  return { ...rt.takeOutput(), error };
}

/** Run a compiled program to its end (or its step budget) and report what it printed. */
export function execCode(rt: SandboxRuntime, module: CodeObject, source: string, tracer: Tracer | null = null): MachineOutcome {
  let m: Machine;
  try {
    m = startCode(rt, module, source, tracer);
  } catch (e) {
    // A constant the engine cannot make (a complex number) refuses the whole program.
    if (!(e instanceof Raise)) throw e;
    const I = interpreterFor(rt);
    return finishRun(rt, machineFor(I), { status: 'raised', raise: e });
  }
  let status: RunStatus;
  try {
    status = m.run();
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw e;
    rt.write(`TimeoutError: ${e.message}\n`, 'stderr');
    const out = finishRun(rt, m, { status: 'suspended' });
    return { ...out, error: { type: 'TimeoutError', message: e.message } };
  }
  return finishRun(rt, m, status);
}
