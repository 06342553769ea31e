/**
 * POST /v1/grade runs the submission in slices and serves other requests between two, as
 * /exec does: a long submission does not hold another learner's request, and the result is
 * the one grading it in one piece gives. Ordering only — no timing bounds here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grade } from '../../sandbox/grading/grade.js';
import { checkExercise } from '../../src/grading/exercises.js';
import { makeApp, newSandbox, type TestApp } from './helpers.js';

// Each check's value is what CPython 3.11 gives for the submission and the check's probe.
const EXERCISE = {
  id: 'long', title: 'A long submission', prompt: '',
  checks: [
    { kind: 'stdout', name: 'prints the sum', equals: '449994\n' },
    { kind: 'refcount', name: 'n is held once', expr: 'n', equals: 2 },
    { kind: 'collect', name: 'no cycles left', equals: 0 },
  ],
};
const SUBMISSION = 'n = 0\nfor i in range(150_000):\n    n += i % 7\nprint(n)\n';

describe('time-sliced grading', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ limits: { sliceInstructions: 2_000, maxRequestMs: 60_000 } });
  });
  afterAll(() => t.close());

  it("answers another sandbox's request while a submission runs, and grades as an unsliced run does", async () => {
    const b = await newSandbox(t);
    const order: string[] = [];
    const graded = t.http.post('/v1/grade').send({ exercise: EXERCISE, submission: SUBMISSION }).then((r) => {
      order.push('grade');
      return r;
    });
    await new Promise((r) => setTimeout(r, 20));
    const short = await t.http.post(`/v1/sandboxes/${b}/exec`).send({ code: 'print(6 * 7)' });
    order.push('short');
    const g = await graded;
    expect(short.body.stdout).toBe('42\n');
    expect(order).toEqual(['short', 'grade']);
    const whole = grade(checkExercise(EXERCISE), SUBMISSION);
    const checks = g.body.result.checks as Array<{ name: string; status: string; observed: unknown }>;
    expect(checks.map((c) => [c.name, c.status, c.observed])).toEqual(whole.checks.map((c) => [c.name, c.status, c.observed]));
    expect(g.body.result.score).toBe(whole.score);
    // Values from CPython 3.11 running the submission and the checks' probes.
    expect(checks.map((c) => c.status)).toEqual(['passed', 'passed', 'passed']);
  });
});
