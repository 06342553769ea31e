// Record what CPython 3.11's sys.settrace reports for every corpus program (through
// /work/shared/conformance/trace_oracle.py, via test/sandbox/python/vm/trace-many.py) into
// test/sandbox/python/fixtures/trace-oracle.json, which steps.test.ts compares traced runs with.
//
//   npx tsx test/sandbox/python/record-trace-oracle.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadCorpus } from '../../conformance/corpus.js';

const cases = loadCorpus();
const dir = mkdtempSync(join(tmpdir(), 'trace-oracle-'));
execFileSync('python3', [join(import.meta.dirname, 'vm', 'trace-many.py'), join(dir, 'trace.json'), ...cases.map((c) => c.path)], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const traces = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8')) as Record<string, unknown>;
// One string per program: `c0 l2 r3 e10 u:IndexError` (call/line/return/exception at a line,
// then the uncaught exception's type) — a quarter of the JSON arrays' size, and a diff reads as well.
const out: Record<string, string> = {};
for (const c of cases) {
  out[c.name] = (traces[c.path] as [string, unknown][]).map(([e, l]) => (e === 'uncaught' ? `u:${String(l)}` : `${e[0]}${String(l)}`)).join(' ');
}
writeFileSync(join(import.meta.dirname, 'fixtures', 'trace-oracle.json'), JSON.stringify(out, null, 0).replace(/","/g, '",\n"') + '\n');
console.log(`recorded ${cases.length} programs (${relative(process.cwd(), join(import.meta.dirname, 'fixtures', 'trace-oracle.json'))})`);
