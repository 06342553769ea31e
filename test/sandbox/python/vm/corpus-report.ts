// How many conformance programs (test/conformance/corpus/*.py, shared/*.py and wild/**/*.py)
// give CPython's exact output when CPython's own code objects run on the machine.
//
//   npx tsx test/sandbox/python/vm/corpus-report.ts [--diffs] [--ours] [filter]
//
// --ours runs the program the way the product runs it (Sandbox.exec: heaplab's own compiler,
// its SyntaxWarnings, the machine): nothing from CPython but the expected output.
// Compares as the conformance suite does: stdout byte for byte after masking addresses,
// stderr after normalising the traceback's file name. Prints the counts, and each failing
// program's first differing line (or the JS error that stopped it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxRuntime } from '../../../../sandbox/runtime.js';
import { Sandbox } from '../../../../sandbox/sandbox.js';
import { execCompiled } from '../../../../sandbox/python/vm/exec.js';
import { CONFORMANCE_DIR, loadCorpus, maskAddresses, normalizeTracebackFile } from '../../../conformance/corpus.js';
import { codeFromJson } from './code-json.js';

interface Case { name: string; path: string; source: string; stdout: string; stderr: string }

function wildCases(): Case[] {
  const out: Case[] = [];
  const root = join(CONFORMANCE_DIR, 'wild');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir).sort()) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.py')) {
        const exp = JSON.parse(readFileSync(p.replace(/\.py$/, '.expected.json'), 'utf8')) as { stdout: string; stderr: string };
        out.push({ name: 'wild/' + p.slice(root.length + 1), path: p, source: readFileSync(p, 'utf8'), stdout: exp.stdout, stderr: exp.stderr });
      }
    }
  };
  walk(root);
  return out;
}

const args = process.argv.slice(2);
const showDiffs = args.includes('--diffs');
const ours = args.includes('--ours');
const filter = args.find((a) => !a.startsWith('--')) ?? '';
const cases: Case[] = [
  ...loadCorpus().map((p) => ({ name: p.name, path: p.path, source: p.source, stdout: p.stdout, stderr: p.stderr })),
  ...wildCases(),
].filter((c) => c.name.includes(filter));
const tmp = join(mkdtempSync(join(tmpdir(), 'vm-corpus-')), 'code.json');
execFileSync('python3', [join(import.meta.dirname, 'dump-many.py'), tmp, ...cases.map((c) => c.path)], { stdio: 'inherit' });
const dumped = JSON.parse(readFileSync(tmp, 'utf8')) as Record<string, Record<string, unknown>>;

const tally = { same: 0, refused: 0, different: 0, crashed: 0 };
const reasons = new Map<string, number>();
for (const c of cases) {
  const j = dumped[c.path]!;
  let verdict: keyof typeof tally;
  let why = '';
  if (j.error) {
    verdict = 'different';
    why = `not compiled: ${String(j.error)}`;
  } else {
    try {
      const out = ours ? new Sandbox().exec(c.source) : execCompiled(new SandboxRuntime(), codeFromJson(j), c.source);
      const so = maskAddresses(out.stdout) === maskAddresses(c.stdout);
      const se = normalizeTracebackFile(out.stderr) === normalizeTracebackFile(c.stderr);
      if (so && se) verdict = 'same';
      else if (/NotImplementedError: heaplab/.test(out.stderr)) {
        verdict = 'refused';
        why = /NotImplementedError: (.*)/.exec(out.stderr)![1]!;
      } else {
        verdict = 'different';
        const [g, w] = so ? [normalizeTracebackFile(out.stderr), normalizeTracebackFile(c.stderr)] : [maskAddresses(out.stdout), maskAddresses(c.stdout)];
        const gl = g.split('\n');
        const wl = w.split('\n');
        let i = 0;
        while (i < gl.length && gl[i] === wl[i]) i++;
        why = `${so ? 'stderr' : 'stdout'} line ${i + 1}: got ${JSON.stringify(gl[i] ?? '<end>')} want ${JSON.stringify(wl[i] ?? '<end>')}`;
      }
    } catch (e) {
      verdict = 'crashed';
      why = e instanceof Error ? `${e.name}: ${e.message.split("\n")[0]} ${(e.stack ?? "").split("\n").slice(1, 4).join(" ")}` : `${(e as object).constructor.name}`;
    }
  }
  tally[verdict]++;
  if (verdict !== 'same') {
    const key = verdict === 'refused' ? why : verdict;
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
    if (showDiffs) console.log(`${verdict.padEnd(9)} ${c.name}: ${why.slice(0, 300)}`);
  }
}
console.log(`${cases.length} programs: ${tally.same} same as CPython, ${tally.refused} refused by name, ${tally.different} different, ${tally.crashed} crashed`);
for (const [k, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${String(n).padStart(4)}  ${k}`);
