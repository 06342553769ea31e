/**
 * The grading endpoints' schemas, named in the OpenAPI document beside the others
 * (src/schemas.ts's registry). The exercise schema itself is the engine's.
 */
import { z } from 'zod';
import { Check, Exercise } from '../../sandbox/grading/exercise.js';
import { FORMATS } from '../../sandbox/grading/formats.js';
import { SandboxLog, schemas } from '../schemas.js';

const named = <S extends z.ZodType>(id: string, s: S): S => {
  schemas.add(s, { id });
  return s;
};

named('Check', Check);
export const ExerciseSchema = named('Exercise', Exercise);

export const GradeFormat = z.enum(FORMATS as [string, ...string[]])
  .describe('heaplab (default): every check with its values; gradescope / prairielearn: their results.json');

const ExerciseRef = z.union([
  z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'an exercise id: lowercase letters, digits, - and _').max(100)
    .describe("An exercise's id in the server's exercise folder (HEAPLAB_EXERCISES_DIR)"),
  Exercise,
]).describe('The exercise inline, or the id of one in the server\'s folder');

/** A submission's source; its length is checked against maxSubmissionChars by the route. */
const Submission = z.string().describe('The learner\'s Python source');

export const GradeRequest = named('GradeRequest', z.object({
  exercise: ExerciseRef,
  submission: Submission,
  format: GradeFormat.optional(),
}).strict());

export const GradeBatchRequest = named('GradeBatchRequest', z.object({
  exercise: ExerciseRef,
  submissions: z.array(z.object({
    id: z.string().max(200).optional().describe('Your label for it (a learner id): echoed in its result'),
    submission: Submission,
  }).strict()).min(1).describe('Graded in order; at most maxBatch (HEAPLAB_GRADE_MAX_BATCH)'),
  format: GradeFormat.optional(),
}).strict());

const gradeOutcome = {
  result: z.object({}).catchall(z.unknown()).describe(
    'heaplab: {exercise, score, maxScore, passed, summary, checks[], submission, exerciseErrors}; ' +
    'gradescope: results.json {score, execution_time, output, tests[] {name, score, max_score, status, output, visibility}}; ' +
    'prairielearn: results.json {gradable, score (0..1), message, tests[] {name, points, max_points, message, output}}'),
  log: SandboxLog.optional().describe(
    'The run\'s op log (setup, submission, after), replayable with POST /v1/sandboxes {"replay": log}; ' +
    'only when the exercise was sent inline (it holds the exercise\'s own code)'),
};

export const GradeResponse = named('GradeResponse', z.object({ format: GradeFormat, ...gradeOutcome }));
export const GradeBatchResponse = named('GradeBatchResponse', z.object({
  format: GradeFormat,
  results: z.array(z.object({ id: z.string().optional(), ...gradeOutcome })).describe('One per submission, in order'),
}));
