/**
 * A grading result in the shapes graders read: heaplab's own, Gradescope's results.json
 * and PrairieLearn's results.json.
 *
 * What a learner may see: a `hidden` check's name, feedback and values never appear where
 * the platform shows them to learners. Gradescope hides a test whose `visibility` is hidden
 * (and shows an `after_due_date` one after the due date), so its tests carry their details
 * with that visibility. PrairieLearn shows every test, so hidden and after_due_date checks
 * appear there only as "Hidden check N" with their points. heaplab's own format carries the
 * details only when `reveal` is set (the caller wrote the exercise); otherwise it redacts
 * them as PrairieLearn does. A check that could not be evaluated is an exercise error:
 * PrairieLearn's `gradable: false`, a failed test saying so on Gradescope.
 */
import type { CheckResult, GradeResult, PartResult } from './grade.js';

export type Format = 'heaplab' | 'gradescope' | 'prairielearn';
export const FORMATS: readonly Format[] = ['heaplab', 'gradescope', 'prairielearn'];

export interface FormatOptions {
  /** Whoever asked wrote the exercise: hidden checks' details may be shown (heaplab, gradescope). */
  reveal: boolean;
  /** Wall-clock seconds grading took, for Gradescope's execution_time (the host measures it). */
  seconds?: number;
}

/** Learner output quoted in a summary at most (the rest is cut, and says so). */
const MAX_QUOTED = 10_000;

const isHidden = (c: CheckResult) => c.visibility !== 'visible';

function quote(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}\n… (${text.length - MAX_QUOTED} more characters)` : text;
}

/** How the learner's own run ended, in a sentence (safe for learners: it is their program). */
export function runSummary(r: GradeResult): string {
  const s = r.submission;
  const lines: string[] = [];
  if (s.stoppedBy === 'steps') lines.push(`Your program was stopped: it ran past its step budget (${s.error!.message}).`);
  else if (s.stoppedBy === 'time') lines.push(`Your program was stopped: it ran past its time budget (${s.error!.message}).`);
  else if (s.error) lines.push(`Your program raised ${s.error.type}: ${s.error.message}${s.error.line !== null ? ` (line ${s.error.line})` : ''}.`);
  else lines.push('Your program ran to its end.');
  if (r.exerciseErrors.length > 0) lines.push('Some checks could not be evaluated: an error in the exercise, not in your work.');
  return lines.join('\n');
}

/** One check's text for a learner: what was found, and the instructor's feedback when it failed. */
function checkText(c: CheckResult): string {
  if (c.status === 'error') return `Exercise error (not your doing): ${c.message}`;
  const parts = [c.message];
  if (c.status === 'failed' && c.feedback) parts.push(c.feedback);
  if (c.status === 'failed' && c.expected !== undefined) parts.push(`expected: ${show(c.expected)}\nobserved: ${show(c.observed)}`);
  return parts.join('\n');
}

function show(v: unknown): string {
  return quote(typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? 'null');
}

function hiddenName(i: number): string {
  return `Hidden check ${i + 1}`;
}

export function toHeaplab(r: GradeResult, o: FormatOptions): Record<string, unknown> {
  return {
    exercise: r.exercise,
    score: r.score,
    maxScore: r.maxScore,
    passed: r.exerciseErrors.length === 0 && r.score === r.maxScore,
    summary: runSummary(r),
    checks: r.checks.map((c, i) => (o.reveal || !isHidden(c)
      ? c
      : { name: hiddenName(i), kind: 'hidden', status: c.status, points: c.points, score: c.score, visibility: c.visibility })),
    submission: learnerPart(r.submission),
    exerciseErrors: o.reveal ? r.exerciseErrors : r.exerciseErrors.length,
  };
}

function learnerPart(p: PartResult): PartResult {
  return { ...p, stdout: quote(p.stdout), stderr: quote(p.stderr) };
}

/**
 * Gradescope's results.json: `score` (the sum of the tests'), `execution_time` (seconds),
 * `output` (about the whole submission), and one test per check with `name`, `score`,
 * `max_score`, `status` (passed/failed), `output` and `visibility`.
 */
export function toGradescope(r: GradeResult, o: FormatOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {
    score: r.score,
    ...(o.seconds !== undefined ? { execution_time: Math.round(o.seconds * 1000) / 1000 } : {}),
    output: runSummary(r),
    tests: r.checks.map((c, i) => {
      const redact = isHidden(c) && !o.reveal;
      return {
        name: redact ? hiddenName(i) : c.name,
        score: c.score,
        max_score: c.points,
        status: c.status === 'passed' ? 'passed' : 'failed',
        output: redact ? '' : checkText(c),
        visibility: c.visibility,
      };
    }),
  };
  return out;
}

/**
 * PrairieLearn's results.json: `gradable` (false when the exercise itself failed, so the
 * learner is not charged for it), `score` from 0 to 1, `message`, and one test per check
 * with `name`, `points`, `max_points`, `message` and `output`.
 */
export function toPrairieLearn(r: GradeResult): Record<string, unknown> {
  const gradable = r.exerciseErrors.length === 0;
  return {
    gradable,
    score: r.maxScore > 0 ? r.score / r.maxScore : 1,
    message: runSummary(r),
    tests: r.checks.map((c, i) => {
      const redact = isHidden(c);
      return {
        name: redact ? hiddenName(i) : c.name,
        points: c.score,
        max_points: c.points,
        message: redact ? '' : c.status === 'passed' ? 'passed' : c.status === 'error' ? 'exercise error' : 'failed',
        output: redact ? '' : checkText(c),
      };
    }),
  };
}

export function formatResult(r: GradeResult, format: Format, o: FormatOptions): Record<string, unknown> {
  switch (format) {
    case 'heaplab': return toHeaplab(r, o);
    case 'gradescope': return toGradescope(r, o);
    case 'prairielearn': return toPrairieLearn(r);
  }
}
