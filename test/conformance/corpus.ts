// Data side of the conformance suite: the recorded CPython 3.11 expectations
// for the hand-written corpus (expected.json) and the generated programs
// (random-expected.json), plus helpers to compare a sandbox's output with them
// and to re-run the oracle.
//
// A test of the sandbox interpreter typically does:
//
//   for (const p of loadCorpus()) {
//     const got = runInSandbox(p.source, p.name);            // your code
//     expect(maskAddresses(got.stdout)).toBe(maskAddresses(p.stdout));
//   }
//
// Recorded stderr is what CPython prints for `python3 NNN_name.py` run from the
// program's folder: tracebacks name the file `NNN_name.py` and show the source
// line with 3.11's ~~~^^^ markers. `tracebackSkeleton` drops the source and
// marker lines when only the frames and the final message matter.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Expectation {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface CorpusProgram extends Expectation {
  /** Manifest key: `NNN_topic.py`, or `shared/NN_name.py` for the shared programs. */
  name: string;
  /** Absolute path of the program file. */
  path: string;
  source: string;
}

export interface RandomProgram extends Expectation {
  seed: number;
  source: string;
}

export const CONFORMANCE_DIR = dirname(fileURLToPath(import.meta.url));
export const CORPUS_DIR = join(CONFORMANCE_DIR, 'corpus');
export const SHARED_DIR = join(CONFORMANCE_DIR, 'shared');
const REPO_ROOT = resolve(CONFORMANCE_DIR, '..', '..');

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(CONFORMANCE_DIR, file), 'utf8')) as T;
}

/** File path of a manifest key. */
export function programPath(name: string): string {
  return name.startsWith('shared/') ? join(SHARED_DIR, name.slice('shared/'.length)) : join(CORPUS_DIR, name);
}

/** Every corpus and shared program with its recorded expectation, sorted by name. */
export function loadCorpus(): CorpusProgram[] {
  const manifest = readJson<Record<string, Expectation>>('expected.json');
  return Object.keys(manifest)
    .sort()
    .map((name) => {
      const path = programPath(name);
      const e = manifest[name]!;
      return { name, path, source: readFileSync(path, 'utf8'), stdout: e.stdout, stderr: e.stderr, exitCode: e.exitCode };
    });
}

/** Names of the `.py` files present on disk (corpus and shared), as manifest keys. */
export function listProgramFiles(): string[] {
  const corpus = readdirSync(CORPUS_DIR).filter((n) => n.endsWith('.py'));
  const shared = existsSync(SHARED_DIR) ? readdirSync(SHARED_DIR).filter((n) => n.endsWith('.py')) : [];
  return [...corpus, ...shared.map((n) => `shared/${n}`)].sort();
}

/** The generated programs (see generate.ts) with their recorded expectations, by seed. */
export function loadRandom(): RandomProgram[] {
  const manifest = readJson<Record<string, Expectation & { source: string }>>('random-expected.json');
  return Object.keys(manifest)
    .map(Number)
    .sort((a, b) => a - b)
    .map((seed) => {
      const e = manifest[String(seed)]!;
      return { seed, source: e.source, stdout: e.stdout, stderr: e.stderr, exitCode: e.exitCode };
    });
}

/** Replaces memory addresses (`0x7f3a...`) so outputs can be compared. */
export function maskAddresses(s: string): string {
  return s.replace(/0x[0-9a-f]+/g, '0x?');
}

/**
 * Keeps only the structure of tracebacks: drops the source lines and the
 * `~~~^^^` marker lines under each `File "...", line N, in f` line.
 */
export function tracebackSkeleton(stderr: string): string {
  const out: string[] = [];
  let inFrame = false;
  for (const line of stderr.split('\n')) {
    if (/^ {2}File ".*", line \d+, in /.test(line)) {
      inFrame = true;
      out.push(line);
    } else if (inFrame && line.startsWith('    ')) {
      continue;
    } else {
      inFrame = false;
      out.push(line);
    }
  }
  return out.join('\n');
}

/**
 * The only normalisation a strict stderr comparison needs: the program's file name (the
 * recordings say `File "NNN_name.py"` in tracebacks and `NNN_name.py:3: SyntaxWarning: ...`
 * in warnings, the sandbox its own name) and addresses.
 */
export function normalizeTracebackFile(stderr: string): string {
  return maskAddresses(stderr)
    .replace(/^( {2}File )"[^"]*"(, line \d+)/gm, '$1"<prog>"$2')
    // a compile-time warning names the file the same way: `prog.py:3: SyntaxWarning: ...`
    .replace(/^[^\s:][^:\n]*(:\d+: \w+Warning: )/gm, '<prog>$1');
}

/** Drops the oracle's own frame from a traceback (as record.py does). */
export function stripOracleFrames(stderr: string): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of stderr.split(/(?<=\n)/)) {
    if (/^ {2}File ".*oracle\.py", line \d+, in /.test(line)) {
      skipping = true;
    } else if (!(skipping && line.startsWith('    '))) {
      skipping = false;
      out.push(line);
    }
  }
  return out.join('');
}

let pythonChecked: boolean | undefined;

/** True when `python3` is on PATH and is CPython 3.11 (the recording interpreter). */
export function hasPython(): boolean {
  if (pythonChecked === undefined) {
    const r = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[:2] == (3, 11))'], { encoding: 'utf8' });
    pythonChecked = r.status === 0 && r.stdout.trim() === 'True';
  }
  return pythonChecked;
}

/** The shared oracle when the shared folder is present, else the vendored copy. */
export function oraclePath(): string {
  const shared = resolve(REPO_ROOT, '..', 'shared', 'conformance', 'oracle.py');
  return existsSync(shared) ? shared : join(CONFORMANCE_DIR, 'oracle.py');
}

function pythonEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PYTHON')) env[k] = v;
  env.PYTHONIOENCODING = 'utf-8';
  env.PYTHONDONTWRITEBYTECODE = '1';
  return env;
}

/**
 * Runs a program file through the oracle exactly as record.py does (from the
 * file's folder, oracle frame removed from tracebacks). Needs `hasPython()`.
 */
export function runOracle(programFile: string, oracle: string = oraclePath()): Expectation {
  const r = spawnSync('python3', [oracle, basename(programFile)], {
    cwd: dirname(programFile),
    encoding: 'utf8',
    env: pythonEnv(),
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: stripOracleFrames(r.stderr), exitCode: r.status ?? -1 };
}

/** Masks addresses in every field, for equality checks. */
export function normalize(e: Expectation): Expectation {
  return { stdout: maskAddresses(e.stdout), stderr: maskAddresses(e.stderr), exitCode: e.exitCode };
}
