/**
 * POST /v1/grade and /v1/grade/batch: the shipped exercises through HTTP in all three
 * formats, inline exercises (with their log and hidden details), and bad input as problems
 * naming the field.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultExercisesDir } from '../../src/grading/exercises.js';
import { GradeBatchResponse, GradeResponse } from '../../src/grading/schemas.js';
import { expectProblem, expectSchema, makeApp, type TestApp } from './helpers.js';

const dir = defaultExercisesDir();
const ids = readdirSync(dir).sort();
const read = (id: string, f: string) => readFileSync(join(dir, id, f), 'utf8');
const wrongOf = (id: string) => readdirSync(join(dir, id)).filter((f) => f.startsWith('wrong-')).sort();

let t: TestApp;
beforeAll(async () => {
  t = await makeApp({ grading: { exercisesDir: null, maxBatch: 30, maxSubmissionChars: 2000 } });
});
afterAll(() => t.close());

describe('POST /v1/grade', () => {
  it('grades every shipped exercise by id: reference full, wrong less, in all three formats', async () => {
    for (const id of ids) {
      for (const [file, full] of [['reference.py', true] as const, ...wrongOf(id).map((f) => [f, false] as const)]) {
        const submission = read(id, file);
        const h = await t.http.post('/v1/grade').send({ exercise: id, submission });
        expect(h.status, JSON.stringify(h.body)).toBe(200);
        const body = expectSchema(GradeResponse, h.body);
        const r = body.result as { score: number; maxScore: number; passed: boolean };
        expect(r.passed, `${id} ${file}`).toBe(full);
        expect(r.score === r.maxScore, `${id} ${file}`).toBe(full);
        expect(body.log).toBeUndefined();

        const gs = (await t.http.post('/v1/grade').send({ exercise: id, submission, format: 'gradescope' })).body.result;
        const tests = gs.tests as Array<{ score: number; max_score: number; status: string }>;
        expect(gs.score).toBe(r.score);
        expect(tests.every((x) => x.status === 'passed'), `${id} ${file}`).toBe(full);

        const pl = (await t.http.post('/v1/grade').send({ exercise: id, submission, format: 'prairielearn' })).body.result;
        expect(pl.gradable).toBe(true);
        expect(pl.score === 1, `${id} ${file}`).toBe(full);
      }
    }
  });

  it('an exercise sent inline comes back with its hidden details and a replayable log', async () => {
    const exercise = { id: 'inline', title: 'Inline', prompt: '', setup: 'import sys\n',
      checks: [{ kind: 'refcount', name: 'secret count', expr: 'a', equals: 2, visibility: 'hidden' }] };
    const res = await t.http.post('/v1/grade').send({ exercise, submission: 'a = []\n' });
    const body = expectSchema(GradeResponse, res.body);
    expect((body.result.checks as Array<{ name: string; observed: number }>)[0]).toMatchObject({ name: 'secret count', observed: 2 });
    const created = await t.http.post('/v1/sandboxes').send({ replay: body.log });
    expect(created.status).toBe(201);
    const probe = await t.http.post(`/v1/sandboxes/${created.body.id}/exec`).send({ code: 'print(sys.getrefcount(a))\n' });
    expect(probe.body.stdout).toBe('2\n');
  });

  it('by id, a hidden check is anonymous in every format', async () => {
    for (const format of ['heaplab', 'gradescope', 'prairielearn']) {
      const res = await t.http.post('/v1/grade').send({ exercise: 'alias-refcount', submission: read('alias-refcount', 'reference.py'), format });
      expect(JSON.stringify(res.body), format).not.toContain('The list from the setup is still alive');
    }
  });

  it('refuses bad input with a problem naming the field', async () => {
    const bad = { id: 'x', title: 'X', prompt: '', checks: [{ kind: 'refcount', name: 'r', expr: 'a' }] };
    const p = expectProblem(await t.http.post('/v1/grade').send({ exercise: bad, submission: '' }), 400);
    expect(p.errors?.map((e) => e.field)).toContain('body.exercise.checks[0].equals');
    const q = expectProblem(await t.http.post('/v1/grade').send({ exercise: 'no-such-exercise', submission: '' }), 404);
    expect(q.errors?.[0]?.field).toBe('body.exercise');
    const r = expectProblem(await t.http.post('/v1/grade').send({ exercise: ids[0], submission: 'x' .repeat(2001) }), 422);
    expect(r).toMatchObject({ limit: 'maxSubmissionChars', errors: [{ field: 'body.submission' }] });
    const s = expectProblem(await t.http.post('/v1/grade').send({ exercise: ids[0], submission: '', format: 'moodle' }), 400);
    expect(s.errors?.[0]?.field).toBe('body.format');
    expectProblem(await t.http.post('/v1/grade').send({ exercise: '../../etc/passwd', submission: '' }), 400);
  });

  it('grades exercises from HEAPLAB_EXERCISES_DIR, and reports a broken one there as 422', async () => {
    const own = mkdtempSync(join(tmpdir(), 'heaplab-exercises-'));
    writeFileSync(join(own, 'mine.json'), JSON.stringify({ id: 'mine', title: 'Mine', prompt: '', checks: [{ kind: 'no_error', name: 'runs' }] }));
    writeFileSync(join(own, 'broken.yaml'), 'id: broken\ntitle: B\nprompt: ""\nchecks: []\n');
    const other = await makeApp({ grading: { exercisesDir: own, maxBatch: 10, maxSubmissionChars: 1000 } });
    try {
      const res = await other.http.post('/v1/grade').send({ exercise: 'mine', submission: 'pass\n' });
      expect(res.body.result).toMatchObject({ score: 1, maxScore: 1 });
      expectProblem(await other.http.post('/v1/grade').send({ exercise: 'broken', submission: '' }), 422);
      expectProblem(await other.http.post('/v1/grade').send({ exercise: ids[0], submission: '' }), 404);
    } finally {
      await other.close();
    }
  });
});

describe('POST /v1/grade/batch', () => {
  it('grades many submissions of one exercise, in order, with their labels, in all three formats', async () => {
    const full: Record<string, (r: Record<string, unknown>) => boolean> = {
      heaplab: (r) => r.passed === true,
      gradescope: (r) => (r.tests as Array<{ status: string }>).every((x) => x.status === 'passed'),
      prairielearn: (r) => r.score === 1,
    };
    for (const id of ids) {
      const files = ['reference.py', ...wrongOf(id)];
      for (const format of Object.keys(full)) {
        const res = await t.http.post('/v1/grade/batch').send({
          exercise: id, format, submissions: files.map((f) => ({ id: f, submission: read(id, f) })),
        });
        const body = expectSchema(GradeBatchResponse, res.body);
        expect(body.results.map((r) => r.id)).toEqual(files);
        expect(body.results.map((r) => full[format]!(r.result)), `${id} ${format}`).toEqual(files.map((f) => f === 'reference.py'));
      }
    }
  });

  it('refuses more than maxBatch submissions, naming the limit', async () => {
    const p = expectProblem(await t.http.post('/v1/grade/batch').send({
      exercise: ids[0], submissions: Array.from({ length: 31 }, () => ({ submission: 'pass\n' })),
    }), 422);
    expect(p).toMatchObject({ limit: 'maxBatch', errors: [{ field: 'body.submissions' }] });
    const q = expectProblem(await t.http.post('/v1/grade/batch').send({
      exercise: ids[0], submissions: [{ submission: 'pass\n' }, { submission: 'y'.repeat(2001) }],
    }), 422);
    expect(q.errors?.[0]?.field).toBe('body.submissions[1].submission');
  });
});
