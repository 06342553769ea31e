/**
 * Running a program's source on the machine in a sandbox: compile (compile.ts), load, run,
 * and report — output, and the SyntaxError, refusal, uncaught exception or budget that
 * ended it, printed as CPython prints them.
 *
 * `startProgram` gives a run the caller advances in slices (`ProgramRun.advance(n)` runs
 * at most n instructions): everything needed to continue is in the machine's frames, so
 * slicing never changes what the program does.
 */
import { BudgetExceeded } from '../../heap.js';
import { type ExecError, type ExecOutcome, type Interpreter, Raise, interpreterFor } from '../interpreter.js';
import { compileProgram } from './compile.js';
import type { Machine, Tracer } from './machine/machine.js';
import type { SandboxRuntime } from '../../runtime.js';
import type { CodeObject } from './code.js';
import { endRun, startCode } from './machine/run.js';

/** A program started on the machine, run in slices until it ends. */
export class ProgramRun {
  /** The outcome once the program has ended (null while it can still run). */
  outcome: ExecOutcome | null = null;

  constructor(
    private readonly I: Interpreter,
    private readonly m: Machine | null,
    outcome: ExecOutcome | null,
  ) {
    this.outcome = outcome;
  }

  /** Whether the program got as far as running (false: it did not compile, or was refused). */
  get started(): boolean {
    return this.m !== null;
  }

  /** Run at most `budget` more instructions; true once the program has ended. */
  advance(budget = Infinity): boolean {
    if (this.outcome) return true;
    const m = this.m!;
    const I = this.I;
    let status;
    try {
      status = m.run(budget);
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      const line = e.frames.length > 0 ? e.frames[e.frames.length - 1]!.line : null;
      const error = I.budgetFailure(e, line ?? 0);
      this.outcome = this.finish(error);
      return true;
    }
    if (status.status === 'suspended') return false;
    if (status.status === 'raised') {
      this.outcome = this.finish(I.uncaught(status.raise));
    } else {
      m.heap.decref(status.value);
      this.outcome = this.finish(null);
    }
    return true;
  }

  private finish(error: ExecError | null): ExecOutcome {
    return { ...endRun(this.I.rt, this.m!), error };
  }
}

/** Compile `source` and load it into the sandbox's machine, ready to advance. */
export function startProgram(I: Interpreter, source: string, filename = I.filename, tracer: Tracer | null = null): ProgramRun {
  let compiled;
  try {
    compiled = compileProgram(source, filename);
  } catch (e) {
    const failed = I.compileFailure(e);
    if (failed) return new ProgramRun(I, null, failed);
    throw e;
  }
  if (compiled.warnings) I.rt.write(compiled.warnings, 'stderr');
  return startCompiled(I, compiled.code, source, tracer);
}

/** Load a compiled program into the sandbox's machine, ready to advance. */
export function startCompiled(I: Interpreter, code: CodeObject, source: string, tracer: Tracer | null = null): ProgramRun {
  let m: Machine;
  try {
    m = startCode(I.rt, code, source, tracer);
  } catch (e) {
    // A constant the engine cannot make (a complex number) refuses the whole program.
    if (!(e instanceof Raise)) throw e;
    const error = I.uncaught(e);
    return new ProgramRun(I, null, { ...I.rt.takeOutput(), error });
  }
  return new ProgramRun(I, m, null);
}

/** Run `source` on the machine to its end (or its budget). */
export function execProgram(I: Interpreter, source: string, filename = I.filename, tracer: Tracer | null = null): ExecOutcome {
  const run = startProgram(I, source, filename, tracer);
  run.advance();
  return run.outcome!;
}

/** Run a compiled program (CPython's own, in the tests) in a sandbox to its end. */
export function execCompiled(rt: SandboxRuntime, code: CodeObject, source: string, tracer: Tracer | null = null): ExecOutcome {
  const run = startCompiled(interpreterFor(rt), code, source, tracer);
  run.advance();
  return run.outcome!;
}
