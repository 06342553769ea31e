// Writes generated programs to a folder, for recording with record.py:
//
//   npx tsx test/conformance/gen-cli.ts OUTDIR FIRST LAST
//   python3 test/conformance/record.py --random OUTDIR
//
// OUTDIR/seed_N.py is generateProgram(N) for every N in FIRST..LAST.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateProgram } from './generate.js';

const [outDir, firstArg, lastArg] = process.argv.slice(2);
const first = Number(firstArg);
const last = Number(lastArg);
if (!outDir || !Number.isInteger(first) || !Number.isInteger(last) || last < first) {
  console.error('usage: gen-cli.ts OUTDIR FIRST LAST');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
for (let seed = first; seed <= last; seed++) {
  writeFileSync(join(outDir, `seed_${seed}.py`), generateProgram(seed));
}
console.log(`wrote ${last - first + 1} programs to ${outDir}`);
