// How many corpus programs (test/conformance/corpus/*.py and shared/*.py) report exactly
// the call/line/return/exception events CPython 3.11's sys.settrace reports, when CPython's
// own code objects run on the machine with its trace hook.
//
//   npx tsx test/sandbox/python/vm/trace-report.ts [--diffs] [filter]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxRuntime } from '../../../../sandbox/runtime.js';
import { execCompiled } from '../../../../sandbox/python/vm/exec.js';
import { loadCorpus } from '../../../conformance/corpus.js';
import { codeFromJson } from './code-json.js';

const args = process.argv.slice(2);
const showDiffs = args.includes('--diffs');
const filter = args.find((a) => !a.startsWith('--')) ?? '';
const cases = loadCorpus().filter((c) => c.name.includes(filter));
const dir = mkdtempSync(join(tmpdir(), 'vm-trace-'));
const paths = cases.map((c) => c.path);
execFileSync('python3', [join(import.meta.dirname, 'dump-many.py'), join(dir, 'code.json'), ...paths], { stdio: 'inherit' });
execFileSync('python3', [join(import.meta.dirname, 'trace-many.py'), join(dir, 'trace.json'), ...paths], { stdio: ['ignore', 'ignore', 'inherit'] });
const code = JSON.parse(readFileSync(join(dir, 'code.json'), 'utf8')) as Record<string, Record<string, unknown>>;
const traces = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8')) as Record<string, [string, unknown][]>;
let same = 0;
for (const c of cases) {
  const steps: [string, unknown][] = [];
  let why = '';
  try {
    const out = execCompiled(new SandboxRuntime(), codeFromJson(code[c.path]!), c.source, (event, _f, line) => steps.push([event, line]));
    if (out.error) steps.push(['uncaught', out.error.type]);
  } catch (e) {
    why = `crashed: ${String(e)}`;
  }
  const want = traces[c.path]!;
  let i = 0;
  while (i < Math.max(steps.length, want.length) && JSON.stringify(steps[i]) === JSON.stringify(want[i])) i++;
  if (!why && i === Math.max(steps.length, want.length)) {
    same++;
    continue;
  }
  if (showDiffs) console.log(`${c.name}: ${why || `event ${i}: got ${JSON.stringify(steps[i])} want ${JSON.stringify(want[i])} (of ${want.length})`}`);
}
console.log(`${cases.length} corpus programs: ${same} report CPython's exact trace events`);
