/**
 * Grading as the service and the command line run it: the exercise's budgets within the
 * host's maxima, a wall-clock guard, the run timed, the result shaped by format. The
 * grading itself is the engine's (sandbox/grading/grade.ts): pure and synchronous.
 */
import type { Exercise } from '../../sandbox/grading/exercise.js';
import { formatResult, type Format } from '../../sandbox/grading/formats.js';
import { grade, gradeSteps, type GradeResult } from '../../sandbox/grading/grade.js';
import { programClock } from '../clock.js';
import type { SandboxLog } from '../engine.js';

/** The sandbox limits a grading run may have: the host's maxima. */
export interface HostLimits {
  maxObjects: number;
  maxBytes: number;
  maxSteps: number;
  maxEventsPerOp: number;
  /** Wall-clock milliseconds each part of a grading run may take (setup; the submission; after and the checks). */
  maxMs: number;
}

export interface Graded {
  result: Record<string, unknown>;
  /** The run's op log (setup, submission, after): only for whoever may see the whole exercise. */
  log?: SandboxLog;
  /** The engine's own result (for logs and tests). */
  raw: GradeResult;
  ms: number;
}

/** The lower of the exercise's budget and the host's maximum, per limit. */
export function limitsFor(ex: Exercise, host: HostLimits): Omit<HostLimits, 'maxMs'> {
  const b = ex.budgets ?? {};
  return {
    maxObjects: Math.min(b.maxObjects ?? Infinity, host.maxObjects),
    maxBytes: Math.min(b.maxBytes ?? Infinity, host.maxBytes),
    maxSteps: Math.min(b.maxSteps ?? Infinity, host.maxSteps),
    maxEventsPerOp: host.maxEventsPerOp,
  };
}

/**
 * Grade one submission. `reveal`: the caller may see everything about the exercise (it sent
 * it inline, or runs the command line with the file): hidden checks' details and the log.
 */
export function gradeSubmission(ex: Exercise, submission: string, o: { format: Format; reveal: boolean; host: HostLimits }): Graded {
  const start = performance.now();
  const startGuard = () => {
    const end = performance.now() + o.host.maxMs;
    return () => performance.now() > end;
  };
  const raw = grade(ex, submission, { limits: limitsFor(ex, o.host), startGuard });
  const ms = performance.now() - start;
  const result = formatResult(raw, o.format, { reveal: o.reveal, seconds: ms / 1000 });
  return { result, ...(o.reveal ? { log: raw.log } : {}), raw, ms };
}

/**
 * {@link gradeSubmission} for the service: the submission runs in slices of
 * `sliceInstructions` instructions and other requests are served between two, so grading
 * holds no neighbour longer than a slice. Each part's time guard counts only its own
 * running time (programClock), so the result does not depend on what else the server did.
 */
export async function gradeSubmissionSliced(
  ex: Exercise, submission: string, o: { format: Format; reveal: boolean; host: HostLimits; sliceInstructions: number },
): Promise<Graded> {
  const start = performance.now();
  // The clock of the part running now (setup; the submission; after and the checks).
  const part: { clock: ReturnType<typeof programClock> | null } = { clock: null };
  const startGuard = () => {
    part.clock?.pause();
    const clock = programClock(o.host.maxMs);
    clock.resume();
    part.clock = clock;
    return clock.interrupt;
  };
  const steps = gradeSteps(ex, submission, { limits: limitsFor(ex, o.host), startGuard, sliceInstructions: o.sliceInstructions });
  let raw: GradeResult;
  for (;;) {
    part.clock?.resume();
    const r = steps.next();
    part.clock?.pause();
    if (r.done) {
      raw = r.value;
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const ms = performance.now() - start;
  const result = formatResult(raw, o.format, { reveal: o.reveal, seconds: ms / 1000 });
  return { result, ...(o.reveal ? { log: raw.log } : {}), raw, ms };
}
