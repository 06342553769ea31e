/**
 * The command line: `heaplab grade EXERCISE SUBMISSION.py [--format F]` grades with no
 * server (inside a Gradescope or PrairieLearn autograder image) and prints the same JSON
 * the endpoint's `result` holds. EXERCISE is a YAML/JSON file, or the id of a shipped
 * exercise (or one in HEAPLAB_EXERCISES_DIR). Exit status 0 when grading ran, whatever the
 * score; 2 on misuse, 1 when the exercise or submission cannot be read; a message on
 * stderr either way.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FORMATS, type Format } from '../sandbox/grading/formats.js';
import type { Exercise } from '../sandbox/grading/exercise.js';
import { gradeInThread } from './threads/grade.js';

const USAGE = `usage: heaplab grade EXERCISE SUBMISSION.py [--format heaplab|gradescope|prairielearn]
                     [--output FILE] [--log FILE] [--max-ms N]

  EXERCISE       an exercise file (.yaml, .yml, .json) or the id of one in HEAPLAB_EXERCISES_DIR
                 (default: the shipped exercises/)
  SUBMISSION.py  the learner's program ("-" reads it from stdin)
  --format       heaplab (default), gradescope or prairielearn: their results.json
  --output FILE  write the JSON there instead of stdout (e.g. /autograder/results/results.json)
  --log FILE     also write the run's op log (replayable: POST /v1/sandboxes {"replay": ...})
  --max-ms N     wall-clock guard for the run (default 60000; steps are the deterministic budget)
`;

class Usage extends Error {}

function fail(status: number, message: string): never {
  process.stderr.write(`heaplab: ${message}\n`);
  if (status === 2) process.stderr.write(USAGE);
  process.exit(status);
}

/**
 * The exercise loader: loaded once the arguments are known good (a usage error answers at
 * once). The engine itself is loaded by the grading thread.
 */
const engine = async () => ({
  ...(await import('./grading/exercises.js')),
});
type Engine = Awaited<ReturnType<typeof engine>>;

function readExercise({ parseExercise, loadExercise, defaultExercisesDir }: Engine, arg: string): Exercise {
  if (existsSync(arg)) return parseExercise(readFileSync(arg, 'utf8'), arg);
  const dir = process.env.HEAPLAB_EXERCISES_DIR || defaultExercisesDir();
  const ex = loadExercise(dir, arg);
  if (ex === null) throw new Usage(`no exercise file or id "${arg}" (looked in ${dir})`);
  return ex;
}

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        format: { type: 'string', default: 'heaplab' }, output: { type: 'string' }, log: { type: 'string' },
        'max-ms': { type: 'string', default: '60000' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    fail(2, (e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const [command, exerciseArg, submissionArg, ...rest] = positionals;
  if (command !== 'grade') fail(2, command === undefined ? 'no command given' : `unknown command "${command}"`);
  if (exerciseArg === undefined || submissionArg === undefined) fail(2, 'grade needs an EXERCISE and a SUBMISSION');
  if (rest.length > 0) fail(2, `unexpected argument "${rest[0]}"`);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) fail(2, `--format must be one of ${FORMATS.join(', ')} (got "${values.format}")`);
  const maxMs = Number(values['max-ms']);
  if (!Number.isInteger(maxMs) || maxMs < 1) fail(2, `--max-ms must be a positive integer (got "${values['max-ms']}")`);

  const e = await engine();
  let exercise: Exercise;
  let submission: string;
  try {
    exercise = readExercise(e, exerciseArg);
    submission = readFileSync(submissionArg === '-' ? 0 : submissionArg, 'utf8');
  } catch (err) {
    if (err instanceof Usage) fail(2, err.message);
    if (err instanceof e.ExerciseError) fail(1, `the exercise is not valid: ${err.message}`);
    fail(1, (err as Error).message);
  }
  if (submission.charCodeAt(0) === 0xfeff) submission = submission.slice(1);

  // The engine runs on a thread with the stack heaplab sizes (src/threads/engine-thread.ts).
  const g = await gradeInThread({ exercise, submission, format, maxMs });
  const json = `${g.result}\n`;
  if (values.output) writeFileSync(values.output, json);
  else process.stdout.write(json);
  if (values.log && g.log) writeFileSync(values.log, `${g.log}\n`);
}

await main(process.argv.slice(2));
