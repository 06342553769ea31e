/**
 * The shipped exercises against CPython itself: every reference and wrong solution runs in
 * python3 (test/src/grading/cpython-grade.py: setup, submission and after in one __main__,
 * then the checks' very probes — probeOf — at module level), and the output of each part
 * and each value a refcount, size, python, collect or no_garbage check reads must be what
 * the grader read in the sandbox. Skipped where python3 is absent.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { grade, probeOf, type Probe } from '../../../sandbox/grading/grade.js';
import { defaultExercisesDir, loadExercise } from '../../../src/grading/exercises.js';

const dir = defaultExercisesDir();
const driver = fileURLToPath(new URL('./cpython-grade.py', import.meta.url));
const python = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[:2] == (3, 11))'], { encoding: 'utf8' });
const haveCPython = python.status === 0 && python.stdout.trim() === 'True';

describe.skipIf(!haveCPython)('shipped exercises read what CPython shows', () => {
  for (const id of readdirSync(dir).sort()) {
    const ex = loadExercise(dir, id);
    if (!ex) continue;
    for (const file of readdirSync(join(dir, id)).filter((f) => f.endsWith('.py')).sort()) {
      it(`${id}/${file}`, () => {
        const submission = readFileSync(join(dir, id, file), 'utf8');
        const r = grade(ex, submission);
        const probed = ex.checks.map((c, i) => ({ i, p: probeOf(c) })).filter((x): x is { i: number; p: Probe } => x.p !== null);
        const job = { setup: ex.setup ?? null, submission, after: ex.after ?? null, probes: probed.map((x) => x.p) };
        const run = spawnSync('python3', [driver], { input: JSON.stringify(job), encoding: 'utf8', timeout: 60_000 });
        expect(run.status, run.stderr).toBe(0);
        const cp = JSON.parse(run.stdout) as { parts: Array<[string, string | null] | null>; values: string[] };
        const ours = [r.setup, r.submission, r.after].map((p) => (p === null ? null : [p.stdout, p.error?.type ?? null]));
        expect(ours).toEqual(cp.parts);
        const observed = probed.map(({ i }) => {
          const o = r.checks[i]!.observed;
          return typeof o === 'boolean' ? (o ? 'True' : 'False') : String(o);
        });
        expect(observed).toEqual(cp.values);
      });
    }
  }
});
