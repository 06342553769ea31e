// The "wild" corpus: programs taken from code nobody here wrote — tutorials, course notes,
// Q&A answers and CPython's own Lib/test — each under wild/<group>/ with the address it
// came from on its first line and CPython's output beside it (<name>.expected.json, written
// by record-wild.py).
//
// Each program's sandbox run is classified the way a learner would experience it:
// - same:      stdout and stderr are what CPython printed (addresses masked, the
//              traceback's file name normalised);
// - refused:   the sandbox stopped with NotImplementedError naming a construct it lacks,
//              having printed only a prefix of what CPython printed (nothing false);
// - different: anything else — a number, a text or an error that CPython would not print.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CONFORMANCE_DIR, type Expectation, maskAddresses, normalizeTracebackFile } from './corpus.js';
import { type Outcome, runInSandbox } from './run-sandbox.js';

export const WILD_DIR = join(CONFORMANCE_DIR, 'wild');

export interface WildProgram extends Expectation {
  /** `group/name.py`, relative to wild/. */
  name: string;
  path: string;
  source: string;
  /** The address on the first line. */
  origin: string;
}

export type Verdict = 'same' | 'refused' | 'different';

export interface Classified {
  verdict: Verdict;
  /** For refused: the NotImplementedError line; for different: the first difference. */
  detail: string;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (entry.endsWith('.py')) out.push(p);
  }
  return out;
}

/** Every wild program file, with its recording when there is one (null when missing). */
export function loadWild(): (WildProgram & { recorded: boolean })[] {
  return walk(WILD_DIR).map((path) => {
    const source = readFileSync(path, 'utf8');
    const origin = /^# Source: (\S+)/.exec(source)?.[1] ?? '';
    const exp = path.slice(0, -3) + '.expected.json';
    const recorded = existsSync(exp);
    const e: Expectation = recorded
      ? (JSON.parse(readFileSync(exp, 'utf8')) as Expectation)
      : { stdout: '', stderr: '', exitCode: -1 };
    return { name: relative(WILD_DIR, path), path, source, origin, recorded, ...e };
  });
}

function lastLine(s: string): string {
  const lines = s.trimEnd().split('\n');
  return lines[lines.length - 1] ?? '';
}

/**
 * A sandbox has no CPython library source, so it cannot show the frames of a function CPython
 * wrote in Python (`File ".../lib/python3.11/weakref.py", line 136, in __getitem__` and its
 * source and caret lines). Such frames are dropped from CPython's traceback before comparing;
 * everything else in the traceback (the program's own frames, the exception line) must match.
 */
export function dropStdlibFrames(stderr: string): string {
  const out: string[] = [];
  let inLibFrame = false;
  for (const line of stderr.split(/(?<=\n)/)) {
    if (/^ {2}File "[^"]*\/lib\/python3\.\d+\/[^"]*\.py", line \d+, in /.test(line)) inLibFrame = true;
    else if (!(inLibFrame && line.startsWith('    '))) inLibFrame = false;
    if (!inLibFrame) out.push(line);
  }
  return out.join('');
}

/**
 * Where CPython prints the program's own file name as a location (`prog.py:8: size=...`, as
 * tracemalloc's statistics do), the sandbox, which has no file, prints `<sandbox>:8:`; only
 * that name, followed by `:<line>`, is rewritten in CPython's output before comparing.
 */
export function ownFileAsSandbox(stdout: string, fileName: string): string {
  const escaped = fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return stdout.replace(new RegExp(`(^|[\\s(])${escaped}(?=:\\d+)`, 'gm'), '$1<sandbox>');
}

/** How the sandbox's outcome compares with CPython's (see the header). */
export function classify(got: Outcome, want: Expectation, fileName?: string): Classified {
  const gs = maskAddresses(got.stdout);
  const ws = maskAddresses(fileName ? ownFileAsSandbox(want.stdout, fileName) : want.stdout);
  const ge = normalizeTracebackFile(got.stderr);
  const we = normalizeTracebackFile(dropStdlibFrames(want.stderr));
  if (gs === ws && ge === we) return { verdict: 'same', detail: '' };
  const last = lastLine(got.stderr);
  if (last.startsWith('NotImplementedError') && !lastLine(want.stderr).startsWith('NotImplementedError') && ws.startsWith(gs)) {
    return { verdict: 'refused', detail: last };
  }
  if (gs !== ws) return { verdict: 'different', detail: firstDifference('stdout', gs, ws) };
  return { verdict: 'different', detail: firstDifference('stderr', ge, we) };
}

function firstDifference(what: string, got: string, want: string): string {
  const g = got.split('\n');
  const w = want.split('\n');
  for (let i = 0; i < Math.max(g.length, w.length); i++) {
    if (g[i] !== w[i]) return `${what} line ${i + 1}: got ${JSON.stringify(g[i] ?? '<end>')}, CPython ${JSON.stringify(w[i] ?? '<end>')}`;
  }
  return `${what} differs`;
}

/** Runs one wild program in a fresh sandbox and classifies the outcome. */
export function runWild(p: WildProgram): Classified {
  let got: Outcome;
  try {
    got = runInSandbox(p.source);
  } catch (e) {
    return { verdict: 'different', detail: `the sandbox threw: ${String(e)}` };
  }
  return classify(got, p, p.name.split('/').pop());
}
