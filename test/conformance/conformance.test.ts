// The sandbox interpreter against CPython 3.11: every corpus program, every recorded
// random program, the seed notebook's cells, and (when python3 3.11 is present) fresh
// random programs checked against the live oracle.
//
// Comparison: stdout and stderr exactly after masking addresses; in stderr only the
// traceback's file name is normalised (the recordings name the program's file).
// Programs listed in known-failures.json must still fail (so fixing one forces removing
// it from the list); everything else must pass.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox.js';
import {
  CONFORMANCE_DIR, hasPython, loadCorpus, loadRandom, maskAddresses, normalizeTracebackFile, runOracle,
} from './corpus.js';
import { generateProgram } from './generate.js';
import { type Outcome, runInSandbox } from './run-sandbox.js';

/** null when the outcome matches byte for byte (bar addresses and the file name). */
function compareOutcome(got: Outcome, want: Outcome): string | null {
  const gs = maskAddresses(got.stdout);
  const ws = maskAddresses(want.stdout);
  if (gs !== ws) return `stdout differs:\n--- got\n${gs}\n--- want\n${ws}`;
  const ge = normalizeTracebackFile(got.stderr);
  const we = normalizeTracebackFile(want.stderr);
  if (ge !== we) return `stderr differs:\n--- got\n${ge}\n--- want\n${we}`;
  return null;
}

const known = JSON.parse(readFileSync(join(CONFORMANCE_DIR, 'known-failures.json'), 'utf8')) as Record<string, string>;

function check(key: string, source: string, want: { stdout: string; stderr: string }): void {
  const diff = compareOutcome(runInSandbox(source), want);
  if (key in known) {
    expect(diff, `${key} is listed in known-failures.json but now passes: remove it`).not.toBeNull();
  } else {
    expect(diff, key).toBeNull();
  }
}

describe('corpus programs (hand-written + shared)', () => {
  for (const p of loadCorpus()) {
    it(p.name, () => check(`corpus:${p.name}`, p.source, p));
  }
});

describe('recorded random programs', () => {
  const all = loadRandom();
  // Batches keep the report readable; each program is still checked on its own.
  for (let i = 0; i < all.length; i += 100) {
    const batch = all.slice(i, i + 100);
    it(`seeds ${batch[0]!.seed}..${batch[batch.length - 1]!.seed}`, () => {
      const failures: string[] = [];
      for (const p of batch) {
        const key = `random:${p.seed}`;
        const diff = compareOutcome(runInSandbox(p.source), p);
        if (key in known) {
          if (diff === null) failures.push(`${key} passes now: remove it from known-failures.json`);
        } else if (diff !== null) failures.push(`${key}: ${diff}`);
      }
      expect(failures).toEqual([]);
    });
  }
});

describe('seed notebook cells 1-8 in one sandbox', () => {
  it('prints what the lesson shows', () => {
    const sb = new Sandbox();
    const run = (code: string): string => {
      const r = sb.exec(code);
      expect(r.error).toBeNull();
      expect(r.stderr).toBe('');
      return r.stdout;
    };
    expect(run('import sys\n\na=[]\nprint(sys.getrefcount(a))\n')).toBe('2\n');
    expect(run('b=a\nprint(sys.getrefcount(b))\n')).toBe('3\n');
    expect(run('import gc\n## enable garbage collection \ngc.enable()\n')).toBe('');
    expect(run('gc.disable()\n')).toBe('');
    // Cell 5 (`gc.collect()`) showed 59 in the notebook: an expression's value is echoed by
    // Jupyter only, and the number counts the notebook kernel's own garbage. A sandbox runs
    // cells as scripts, so nothing is printed.
    expect(run('gc.collect()\n')).toBe('');
    // Cell 6: the notebook's numbers count everything the kernel had collected since start;
    // only the shape (three generations, CPython's keys in order) is interpreter-independent.
    const stats = run('## get garbage collection stats\nprint(gc.get_stats())\n');
    expect(stats).toMatch(/^\[\{'collections': \d+, 'collected': \d+, 'uncollectable': 0\}, \{'collections': \d+, 'collected': \d+, 'uncollectable': 0\}, \{'collections': \d+, 'collected': \d+, 'uncollectable': 0\}\]\n$/);
    const cell8 = [
      'import gc', '', 'class MyObject:', '    def __init__(self, name):', '        self.name=name',
      '        print(f"object {self.name} created")', '', '    def __del__(self):',
      '        print(f"Object {self.name} deleted")', '', '## create circular reference',
      'obj1=MyObject("obj1")', 'obj2=MyObject("Obj2")', 'obj1.ref=obj2', 'obj2.ref=obj1', '', 'del obj1',
      'del obj2', '## manually trigger the using gc ', 'print(gc.collect())', '',
    ].join('\n');
    expect(run(cell8)).toBe('object obj1 created\nobject Obj2 created\nObject obj1 deleted\nObject Obj2 deleted\n2\n');
  });
});

describe('differential against live CPython 3.11 (fresh random seeds)', () => {
  const first = Number(process.env.HEAPLAB_DIFF_SEED ?? 1001);
  const count = Number(process.env.HEAPLAB_DIFF_COUNT ?? 40);
  it.skipIf(!hasPython())(`seeds ${first}..${first + count - 1}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'heaplab-diff-'));
    const failures: string[] = [];
    try {
      for (let seed = first; seed < first + count; seed++) {
        const source = generateProgram(seed);
        const file = join(dir, `gen_${seed}.py`);
        writeFileSync(file, source);
        const want = runOracle(file);
        const diff = compareOutcome(runInSandbox(source), want);
        if (diff !== null) failures.push(`seed ${seed}: ${diff}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(failures).toEqual([]);
  });
});

void maskAddresses;
