/**
 * The shipped exercises grade as designed: each reference solution scores full marks and
 * each wrong one (at least two per exercise) scores less, failing the checks named here.
 * What each check observes was run in python3 under the oracle (the CPython results are
 * noted beside each exercise): getrefcounts, gc.collect() results, finalizer order, gc
 * stats, and tracemalloc's peak above the start for the peak checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grade } from '../../../sandbox/grading/grade.js';
import { defaultExercisesDir, loadExercise } from '../../../src/grading/exercises.js';

const dir = defaultExercisesDir();

/** For each exercise and wrong solution: the checks that must fail (by name). CPython's own values in comments. */
const WRONG: Record<string, Record<string, string[]>> = {
  // CPython: reference prints 2; b = a makes it 3; prediction 1 is off by getrefcount's argument.
  'refcount-predict': {
    'wrong-forgot-argument.py': ['The prediction is right'],
    'wrong-extra-name.py': ["`a` is the list's only name", 'The count is printed'],
  },
  // CPython: b = a → 3 and b is a; a.copy() → 2, not a; c = b too → 4.
  'alias-refcount': {
    'wrong-copy.py': ['`b` is the same object as `a`', 'The list has exactly two names', 'The count is printed'],
    'wrong-two-names.py': ['The list has exactly two names', 'The count is printed'],
  },
  // CPython: with weakref.ref the parent dies at `del parent`; a strong back-reference keeps it
  // (child → parent → children → child); weak children die at once; gc.collect() is 0 for all three.
  'weakref-parent': {
    'wrong-strong.py': ['Deleting `parent` frees it at once (reference counting, no collector)',
      "The child's back-reference is a weakref.ref", 'No cycle among what the child reaches'],
    'wrong-weak-children.py': ['The parent holds its child strongly', "The child's back-reference is a weakref.ref"],
  },
  // CPython: del both + collect prints both finalizers, obj1 first, then 2; without the collect
  // (or collecting first) nothing is finalized in the program and a later gc.collect() returns 2.
  'collect-finalizers': {
    'wrong-no-collect.py': ['The program prints both finalizers, then 2', 'Both finalizers ran during your program, obj1 first',
      'The collector freed every MyObject', 'Nothing is left for a later collection'],
    'wrong-collect-first.py': ['The program prints both finalizers, then 2', 'Both finalizers ran during your program, obj1 first',
      'The collector freed every MyObject', 'Nothing is left for a later collection'],
  },
  // CPython tracemalloc peak above the start: generator 1,184 B; the lists 405,520 B.
  'generator-peak': {
    'wrong-list.py': ['Peak memory stays under 16 KiB above the start'],
    'wrong-list-deleted.py': ['Peak memory stays under 16 KiB above the start'],
  },
  // CPython tracemalloc peak above the start: 615,085 B freed early; 1,006,861 / 1,006,850 B kept.
  'free-early': {
    'wrong-kept.py': ['`data` is gone', 'Peak memory stays under 800 KB above the start'],
    'wrong-late-del.py': ['Peak memory stays under 800 KB above the start'],
  },
  // CPython: generation 2's 'collected' goes up by 2; generation 0's by 0; with the names kept, 0.
  'gc-stats': {
    'wrong-generation-0.py': ['`collected` counts the two objects of the cycle', 'The count is printed'],
    'wrong-names-kept.py': ['`collected` counts the two objects of the cycle', 'The count is printed'],
  },
  // CPython: threshold 10 first → 5 generation-0 collections; threshold after the loop, or ints
  // instead of lists → 0.
  'gc-threshold': {
    'wrong-threshold-late.py': ['At least one automatic collection ran', 'The program prints True'],
    'wrong-no-containers.py': ['`keep` holds the 100 lists', 'At least one automatic collection ran', 'The program prints True'],
  },
};

const read = (id: string, f: string) => readFileSync(join(dir, id, f), 'utf8');

describe('shipped exercises', () => {
  it('ships at least eight, each with a reference and at least two wrong solutions', () => {
    const ids = readdirSync(dir).filter((id) => loadExercise(dir, id) !== null);
    expect(ids.sort()).toEqual(Object.keys(WRONG).sort());
    for (const id of ids) {
      const files = readdirSync(join(dir, id));
      expect(files).toContain('reference.py');
      expect(files.filter((f) => f.startsWith('wrong-')).sort()).toEqual(Object.keys(WRONG[id]!).sort());
    }
  });

  for (const [id, wrongs] of Object.entries(WRONG)) {
    describe(id, () => {
      const ex = loadExercise(dir, id)!;
      it('the reference solution scores full marks', () => {
        const r = grade(ex, read(id, 'reference.py'));
        expect(r.checks.filter((c) => c.status !== 'passed').map((c) => `${c.name}: ${c.message}`)).toEqual([]);
        expect(r.score).toBe(r.maxScore);
        expect(r.exerciseErrors).toEqual([]);
      });
      for (const [file, failing] of Object.entries(wrongs)) {
        it(`${file} scores less, failing what it gets wrong`, () => {
          const r = grade(ex, read(id, file));
          expect(r.checks.filter((c) => c.status !== 'passed').map((c) => c.name)).toEqual(failing);
          expect(r.checks.every((c) => c.status !== 'error')).toBe(true);
          expect(r.score).toBeLessThan(r.maxScore);
        });
      }
    });
  }
});
