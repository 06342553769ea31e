/**
 * Record CPython 3.11's output for the differential test's fixed seeds.
 *
 *   npx tsx test/sandbox/record-differential.ts [count]
 *
 * For each seed 1..count (default 1000) it generates the op sequence (generator.ts), lets a
 * sandbox export it as a Python program, runs that program through the oracle and stores
 * what CPython printed, with a hash of the program so the test can tell when the
 * generator or the exporter changed and the fixture must be recorded again. The sandbox's
 * own numbers are never stored: the expectations come from CPython only.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox } from '../../sandbox/sandbox.js';
import { generate } from './generator.js';
import { HAS_PY311, HERE, batchProgram, oracleMany } from './helpers.js';

export const FIXTURE = join(HERE, 'fixtures', 'differential.json');

export interface DifferentialFixture {
  python: string;
  seeds: Record<string, { program: string; stdout: string }>;
}

export function programFor(seed: number): string {
  const ops = generate(seed);
  return batchProgram(ops, new Sandbox().apply(ops));
}

export function programHash(program: string): string {
  return createHash('sha256').update(program).digest('hex').slice(0, 16);
}

async function main(): Promise<void> {
  if (!HAS_PY311) throw new Error('python3 must be CPython 3.11 to record expectations');
  const count = Number(process.argv[2] ?? 1000);
  const seeds = Array.from({ length: count }, (_, i) => i + 1);
  const programs = seeds.map(programFor);
  const outs = await oracleMany(programs, 16);
  const fixture: DifferentialFixture = { python: '3.11', seeds: {} };
  seeds.forEach((s, i) => (fixture.seeds[String(s)] = { program: programHash(programs[i]!), stdout: outs[i]! }));
  writeFileSync(FIXTURE, JSON.stringify(fixture, null, 0).replace(/\},"/g, '},\n"') + '\n');
  console.log(`recorded ${count} seeds into ${FIXTURE}`);
}

if (process.argv[1] && /record-differential\.ts$/.test(process.argv[1])) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
