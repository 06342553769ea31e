/**
 * Exercises from files: YAML (or JSON, which YAML reads as well) checked against the one
 * schema (sandbox/grading/exercise.ts), and the exercise folder the server grades by id.
 *
 * The folder is `HEAPLAB_EXERCISES_DIR` (default: the shipped `exercises/`); an exercise
 * `ID` lives in `ID/exercise.yaml` (beside its reference and wrong solutions) or `ID.yaml`
 * (`.yml` and `.json` work too).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { Exercise } from '../../sandbox/grading/exercise.js';
import { fieldErrors, type FieldError } from '../problem.js';

/** The shipped exercises: `exercises/` at the package root (from src/grading or dist/src/grading). */
export function defaultExercisesDir(): string {
  for (const rel of ['../../exercises', '../../../exercises']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  return fileURLToPath(new URL('../../exercises', import.meta.url));
}

/** An exercise text that is not valid YAML/JSON or fails the schema: the fields at fault. */
export class ExerciseError extends Error {
  constructor(message: string, readonly errors: FieldError[]) {
    super(message);
  }
}

/** Parse and check an exercise given as YAML or JSON text; `where` prefixes field names. */
export function parseExercise(text: string, where = 'exercise'): Exercise {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    const message = `not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`;
    throw new ExerciseError(`${where}: ${message}`, [{ field: where, message }]);
  }
  return checkExercise(raw, where);
}

/** Check a parsed exercise against the schema. */
export function checkExercise(raw: unknown, where = 'exercise'): Exercise {
  const r = Exercise.safeParse(raw);
  if (r.success) return r.data;
  const errors = fieldErrors(where, r.error.issues);
  throw new ExerciseError(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

const ID = /^[a-z0-9][a-z0-9_-]{0,99}$/;

/** The file holding exercise `id` in `dir`, or null (an id is a plain name: no paths). */
export function exerciseFile(dir: string, id: string): string | null {
  if (!ID.test(id)) return null;
  for (const f of ['exercise.yaml', 'exercise.yml', 'exercise.json'].map((n) => join(dir, id, n))
    .concat(['.yaml', '.yml', '.json'].map((e) => join(dir, id + e)))) {
    if (existsSync(f)) return f;
  }
  return null;
}

/** Load exercise `id` from `dir`: null when there is none; ExerciseError when it is broken. */
export function loadExercise(dir: string, id: string): Exercise | null {
  const f = exerciseFile(dir, id);
  if (f === null) return null;
  const ex = parseExercise(readFileSync(f, 'utf8'), `exercise ${id}`);
  if (ex.id !== id) throw new ExerciseError(`exercise ${id}: its id field says "${ex.id}"`, [{ field: `exercise ${id}.id`, message: `must be "${id}", the name it is stored under` }]);
  return ex;
}
