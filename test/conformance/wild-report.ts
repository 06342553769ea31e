// Prints how the sandbox does on the wild corpus: the three counts (same as CPython /
// clearly refused / different), then each refusal's construct and each difference.
//
//   npx tsx test/conformance/wild-report.ts            # summary plus every non-"same" program
//   npx tsx test/conformance/wild-report.ts GROUP      # only wild/GROUP/
//   npx tsx test/conformance/wild-report.ts --json     # {name: {verdict, detail}} for tooling
import { loadWild, runWild, type Verdict } from './wild.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const groups = args.filter((a) => !a.startsWith('--'));
const programs = loadWild().filter((p) => groups.length === 0 || groups.some((g) => p.name.startsWith(`${g}/`)));
const counts: Record<Verdict, number> = { same: 0, refused: 0, different: 0 };
const rows: Record<string, { verdict: Verdict; detail: string }> = {};
const unrecorded: string[] = [];
const refusals = new Map<string, number>();
for (const p of programs) {
  if (!p.recorded) {
    unrecorded.push(p.name);
    continue;
  }
  const c = runWild(p);
  counts[c.verdict]++;
  rows[p.name] = c;
  if (c.verdict === 'refused') refusals.set(c.detail, (refusals.get(c.detail) ?? 0) + 1);
}
if (json) {
  console.log(JSON.stringify(rows, null, 1));
} else {
  for (const [name, c] of Object.entries(rows)) if (c.verdict === 'different') console.log(`DIFFERENT ${name}\n    ${c.detail}`);
  console.log('\nrefusals by construct:');
  for (const [line, n] of [...refusals].sort((a, b) => b[1] - a[1])) console.log(`  ${n}× ${line}`);
  if (unrecorded.length) console.log(`\nnot recorded yet (run record-wild.py): ${unrecorded.join(', ')}`);
  const total = counts.same + counts.refused + counts.different;
  console.log(`\n${total} programs: ${counts.same} same as CPython, ${counts.refused} clearly refused, ${counts.different} different`);
}
