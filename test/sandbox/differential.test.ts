/**
 * Differential test: random op programs, the sandbox against CPython 3.11.
 *
 * generator.ts writes a valid random program per seed; the sandbox runs it and exports it
 * as Python. What that Python program prints (one line per getrefcount/getsizeof/collect,
 * finalizer and weakref-callback output inline, an error line for a failing op) is built
 * from the sandbox's results and compared with what CPython printed: recorded for seeds
 * 1..1000 in fixtures/differential.json (record-differential.ts), and run live for fresh
 * seeds when python3 3.11 is installed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox.js';
import type { Op } from '../../sandbox/ops.js';
import { generate } from './generator.js';
import { HAS_PY311, batchProgram, oracleMany, printedFor } from './helpers.js';
import { FIXTURE, programHash, type DifferentialFixture } from './record-differential.js';

interface SandboxRun {
  ops: Op[];
  program: string;
  /** What the exported program should print, op by op. */
  chunks: string[];
}

function runSeed(seed: number): SandboxRun {
  const ops = generate(seed);
  const sb = new Sandbox();
  const r = sb.apply(ops);
  const chunks = ops.map((op, i) => {
    const err = r.error?.index === i ? r.error.pythonError : undefined;
    return i < r.results.length || err ? printedFor(op, r.results[i], err) : '';
  });
  return { ops, program: batchProgram(ops, r), chunks };
}

/** null when CPython printed the same; otherwise where they part. */
function disagreement(run: SandboxRun, python: string): string | null {
  const want = run.chunks.join('');
  if (want === python) return null;
  let pos = 0;
  for (let i = 0; i < run.chunks.length; i++) {
    const c = run.chunks[i]!;
    if (python.slice(pos, pos + c.length) !== c) {
      return `op ${i} ${JSON.stringify(run.ops[i])}: sandbox printed ${JSON.stringify(c)}, CPython ${JSON.stringify(python.slice(pos, pos + c.length + 40))}`;
    }
    pos += c.length;
  }
  return `CPython printed more: ${JSON.stringify(python.slice(pos, pos + 80))}`;
}

const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as DifferentialFixture;
const SEEDS = Object.keys(fixture.seeds).map(Number);

describe('differential: random op programs against CPython 3.11', () => {
  it('the fixture holds 1000 recorded seeds', () => {
    expect(SEEDS.length).toBeGreaterThanOrEqual(1000);
  });

  it('agrees with the recorded CPython output on every recorded seed', () => {
    const stale: number[] = [];
    const failures: string[] = [];
    let agreed = 0;
    for (const seed of SEEDS) {
      const rec = fixture.seeds[String(seed)]!;
      const run = runSeed(seed);
      if (programHash(run.program) !== rec.program) {
        stale.push(seed);
        continue;
      }
      const d = disagreement(run, rec.stdout);
      if (d) failures.push(`seed ${seed}: ${d}`);
      else agreed++;
    }
    // A changed generator or exporter changes the programs: re-record, don't patch numbers.
    expect(stale, 'programs changed since recording: run npx tsx test/sandbox/record-differential.ts').toEqual([]);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(agreed).toBe(SEEDS.length);
  });

  it('generated programs are deterministic (same seed, same program and results)', () => {
    for (const seed of [1, 2, 3, 500]) {
      expect(runSeed(seed)).toEqual(runSeed(seed));
    }
  });

  it('programs have 20-80 ops, start with gc.disable() + gc.collect(), and fail only at the end', () => {
    for (const seed of SEEDS.slice(0, 200)) {
      const run = runSeed(seed);
      expect(run.ops.slice(0, 2)).toEqual([{ op: 'gc', call: 'disable' }, { op: 'collect' }]);
      expect(run.ops.length).toBeGreaterThanOrEqual(20);
      expect(run.ops.length).toBeLessThanOrEqual(90);
      const errLine = run.chunks.findIndex((c) => /^[A-Za-z]+Error: /m.test(c));
      if (errLine >= 0) expect(errLine).toBe(run.ops.length - 1);
    }
  });

  it.skipIf(!HAS_PY311)('agrees with CPython 3.11 run live on 50 fresh seeds', async () => {
    const seeds = Array.from({ length: 50 }, (_, i) => 100_000 + i * 7919);
    const runs = seeds.map(runSeed);
    const outs = await oracleMany(runs.map((r) => r.program), 8);
    const failures = runs.map((r, i) => disagreement(r, outs[i]!)).map((d, i) => (d ? `seed ${seeds[i]}: ${d}` : null)).filter(Boolean);
    expect(failures).toEqual([]);
  });
});
