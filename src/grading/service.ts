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
 * The time guards of one grading run: a clock per part (setup; the submission; after and
 * the checks), each started by `startGuard` and stopping the one before. `pause` and
 * `resume` stop the running part's clock while other requests are served between slices.
 */
function partClocks(maxMs: number): { startGuard: () => () => boolean; pause(): void; resume(): void } {
  const part: { clock: ReturnType<typeof programClock> | null } = { clock: null };
  return {
    startGuard: () => {
      part.clock?.pause();
      const clock = programClock(maxMs);
      clock.resume();
      part.clock = clock;
      return clock.interrupt;
    },
    pause: () => part.clock?.pause(),
    resume: () => part.clock?.resume(),
  };
}

/** A finished run as the caller gets it: shaped by format, timed, the log only if revealed. */
function graded(raw: GradeResult, start: number, o: { format: Format; reveal: boolean }): Graded {
  const ms = performance.now() - start;
  const result = formatResult(raw, o.format, { reveal: o.reveal, seconds: ms / 1000 });
  return { result, ...(o.reveal ? { log: raw.log } : {}), raw, ms };
}

/**
 * Grade one submission in one piece (the command line). `reveal`: the caller may see
 * everything about the exercise (it sent it inline, or runs the command line with the
 * file): hidden checks' details and the log.
 */
export function gradeSubmission(ex: Exercise, submission: string, o: { format: Format; reveal: boolean; host: HostLimits }): Graded {
  const start = performance.now();
  const { startGuard } = partClocks(o.host.maxMs);
  return graded(grade(ex, submission, { limits: limitsFor(ex, o.host), startGuard }), start, o);
}

/**
 * {@link gradeSubmission} for the service: the submission runs in slices of
 * `sliceInstructions` instructions and other requests are served between two, so grading
 * holds no neighbour longer than a slice. Each part's time guard counts only its own
 * running time, so the result does not depend on what else the server did.
 */
export async function gradeSubmissionSliced(
  ex: Exercise, submission: string, o: { format: Format; reveal: boolean; host: HostLimits; sliceInstructions: number },
): Promise<Graded> {
  const start = performance.now();
  const clocks = partClocks(o.host.maxMs);
  const steps = gradeSteps(ex, submission, { limits: limitsFor(ex, o.host), startGuard: clocks.startGuard, sliceInstructions: o.sliceInstructions });
  for (;;) {
    clocks.resume();
    const r = steps.next();
    clocks.pause();
    if (r.done) return graded(r.value, start, o);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
