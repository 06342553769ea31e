/**
 * The result formats: Gradescope's and PrairieLearn's results.json fields, and hidden
 * checks' details kept out of what a learner can see.
 */
import { describe, expect, it } from 'vitest';
import { Exercise } from '../../../sandbox/grading/exercise.js';
import { grade } from '../../../sandbox/grading/grade.js';
import { toGradescope, toHeaplab, toPrairieLearn } from '../../../sandbox/grading/formats.js';

const SECRET = 'secret_expression_name';
const exercise = Exercise.parse({
  id: 'f', title: 'F', prompt: '',
  checks: [
    { kind: 'stdout', name: 'prints hi', equals: 'hi\n', points: 2, feedback: 'Print hi.' },
    { kind: 'python', name: `hidden ${SECRET}`, expr: `'${SECRET}' == 'x'`, visibility: 'hidden', feedback: `about ${SECRET}` },
    { kind: 'no_error', name: 'later', visibility: 'after_due_date' },
  ],
});
const result = grade(exercise, "print('hello')\n");

describe('formats', () => {
  it('gradescope: score, output and one test per check with its visibility', () => {
    const gs = toGradescope(result, { reveal: true, seconds: 0.1234 });
    expect(gs).toMatchObject({ score: 1, execution_time: 0.123, output: 'Your program ran to its end.' });
    expect(gs.tests).toEqual([
      expect.objectContaining({ name: 'prints hi', score: 0, max_score: 2, status: 'failed', visibility: 'visible' }),
      expect.objectContaining({ name: `hidden ${SECRET}`, score: 0, max_score: 1, status: 'failed', visibility: 'hidden' }),
      expect.objectContaining({ name: 'later', score: 1, max_score: 1, status: 'passed', visibility: 'after_due_date' }),
    ]);
    expect((gs.tests as Array<{ output: string }>)[0]!.output).toContain('Print hi.');
  });

  it('without reveal, no format carries a hidden check\'s name, feedback or values', () => {
    for (const out of [toGradescope(result, { reveal: false }), toPrairieLearn(result), toHeaplab(result, { reveal: false })]) {
      expect(JSON.stringify(out)).not.toContain(SECRET);
    }
  });

  it('prairielearn: gradable, a score from 0 to 1, tests with points and max_points; hidden checks anonymous even with reveal', () => {
    const pl = toPrairieLearn(result);
    expect(pl).toMatchObject({ gradable: true, score: 0.25 });
    expect(pl.tests).toEqual([
      expect.objectContaining({ name: 'prints hi', points: 0, max_points: 2, message: 'failed' }),
      { name: 'Hidden check 2', points: 0, max_points: 1, message: '', output: '' },
      { name: 'Hidden check 3', points: 1, max_points: 1, message: '', output: '' },
    ]);
  });

  it('an exercise error makes the submission ungradable on PrairieLearn and says whose error it is', () => {
    const broken = grade(Exercise.parse({ id: 'b', title: 'B', prompt: '', checks: [{ kind: 'python', name: 'p', expr: 'nope' }] }), 'pass\n');
    expect(toPrairieLearn(broken)).toMatchObject({ gradable: false });
    expect((toGradescope(broken, { reveal: true }).tests as Array<{ output: string }>)[0]!.output).toMatch(/^Exercise error \(not your doing\)/);
  });

  it('heaplab with reveal carries every check as graded', () => {
    const h = toHeaplab(result, { reveal: true });
    expect(h).toMatchObject({ score: 1, maxScore: 4, passed: false });
    expect(h.checks).toEqual(result.checks);
  });
});
