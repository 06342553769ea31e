/**
 * Grade submissions against exercises: `POST /v1/grade` and `POST /v1/grade/batch`. Each
 * submission runs in a fresh sandbox of its own (not one of the registry's: nothing is
 * kept), within the server's per-sandbox limits and the exercise's budgets.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../src/context.js';
import type { Exercise } from '../sandbox/grading/exercise.js';
import type { Format } from '../sandbox/grading/formats.js';
import { ExerciseError, defaultExercisesDir, loadExercise } from '../src/grading/exercises.js';
import { GradeBatchRequest, GradeBatchResponse, GradeRequest, GradeResponse } from '../src/grading/schemas.js';
import { gradeSubmissionSliced, type HostLimits } from '../src/grading/service.js';
import { ProblemError, ProblemType } from '../src/problem.js';
import { addRoute } from '../src/route.js';

export default async function gradeRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { limits, grading } = ctx.config;
  const dir = grading.exercisesDir ?? defaultExercisesDir();
  const host: HostLimits = {
    maxObjects: limits.maxObjectsPerSandbox, maxBytes: limits.maxBytesPerSandbox, maxSteps: limits.maxStepsPerRequest,
    maxEventsPerOp: limits.maxEventsPerOp, maxMs: limits.maxRequestMs,
  };
  const { sliceInstructions } = limits;
  const tag = 'grading';

  /** The exercise a request names: inline (the caller wrote it: reveal), or by id from the folder. */
  const resolve = (ref: string | Exercise): { ex: Exercise; reveal: boolean } => {
    if (typeof ref !== 'string') return { ex: ref, reveal: true };
    let ex: Exercise | null;
    try {
      ex = loadExercise(dir, ref);
    } catch (e) {
      if (!(e instanceof ExerciseError)) throw e;
      throw new ProblemError(422, ProblemType.invalid, 'Invalid Exercise',
        `body.exercise: the server's exercise "${ref}" does not pass the exercise schema: ${e.message}`,
        { errors: [{ field: 'body.exercise', message: e.message }] });
    }
    if (ex === null) {
      throw new ProblemError(404, ProblemType.notFound, 'Not Found', `body.exercise: no exercise "${ref}" in this server's exercise folder.`,
        { errors: [{ field: 'body.exercise', message: `no exercise "${ref}"` }] });
    }
    return { ex, reveal: false };
  };

  const checkSize = (code: string, field: string) => {
    if (code.length > grading.maxSubmissionChars) {
      throw new ProblemError(422, ProblemType.limit, 'Submission Too Large',
        `${field}: ${code.length} characters; this server grades at most ${grading.maxSubmissionChars} (maxSubmissionChars).`,
        { limit: 'maxSubmissionChars', errors: [{ field, message: `at most ${grading.maxSubmissionChars} characters` }] });
    }
  };

  const authenticate = (req: FastifyRequest) => ctx.keys.authenticate(req);

  addRoute(app, ctx.routes, {
    method: 'POST', path: '/v1/grade', operationId: 'grade', tag, apiKey: true,
    summary: 'Grade one submission against an exercise (inline or by id)',
    description:
      'Runs the exercise\'s setup, the submission and its `after` code in a fresh sandbox, then its checks in order, and ' +
      'answers in the format asked for. A submission that fails or runs past its budget is graded (it earns what it ' +
      'earned); a check that cannot be evaluated is an exercise error (PrairieLearn: `gradable: false`). Hidden checks\' ' +
      'details and the op log come back only when the exercise was sent inline. The submission runs in slices: other ' +
      'requests are served meanwhile.',
    body: GradeRequest,
    responses: { 200: { description: 'The graded submission', schema: GradeResponse } },
    problems: [400, 404, 413, 415, 422],
  }, async ({ body }, req) => {
    authenticate(req);
    checkSize(body.submission, 'body.submission');
    const { ex, reveal } = resolve(body.exercise);
    const format = (body.format ?? 'heaplab') as Format;
    const g = await gradeSubmissionSliced(ex, body.submission, { format, reveal, host, sliceInstructions });
    return { format, result: g.result, ...(g.log ? { log: g.log } : {}) };
  });

  addRoute(app, ctx.routes, {
    method: 'POST', path: '/v1/grade/batch', operationId: 'gradeBatch', tag, apiKey: true,
    summary: 'Grade many submissions of one exercise',
    description:
      'Each submission is graded as by POST /v1/grade, one after another, each in its own fresh sandbox; other requests ' +
      'are served between two submissions and between two slices of one. At most maxBatch submissions ' +
      '(HEAPLAB_GRADE_MAX_BATCH) per request.',
    body: GradeBatchRequest,
    responses: { 200: { description: 'One result per submission, in order', schema: GradeBatchResponse } },
    problems: [400, 404, 413, 415, 422],
  }, async ({ body }, req) => {
    authenticate(req);
    if (body.submissions.length > grading.maxBatch) {
      throw new ProblemError(422, ProblemType.limit, 'Too Many Submissions',
        `body.submissions: ${body.submissions.length} submissions; this server grades at most ${grading.maxBatch} per request (maxBatch).`,
        { limit: 'maxBatch', errors: [{ field: 'body.submissions', message: `at most ${grading.maxBatch} submissions` }] });
    }
    body.submissions.forEach((s, i) => checkSize(s.submission, `body.submissions[${i}].submission`));
    const { ex, reveal } = resolve(body.exercise);
    const format = (body.format ?? 'heaplab') as Format;
    const results = [];
    for (const s of body.submissions) {
      // Other requests are served between two submissions, and between two slices of one.
      if (results.length > 0) await new Promise((r) => setImmediate(r));
      const g = await gradeSubmissionSliced(ex, s.submission, { format, reveal, host, sliceInstructions });
      results.push({ ...(s.id !== undefined ? { id: s.id } : {}), result: g.result, ...(g.log ? { log: g.log } : {}) });
    }
    return { format, results };
  });
}
