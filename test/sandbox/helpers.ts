/**
 * Helpers shared by the engine's tests: running ops, building the text an exported program
 * prints, and running a program through CPython 3.11 (the oracle) when it is installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Sandbox, type ApplyResult } from '../../sandbox/sandbox.js';
import type { Op } from '../../sandbox/ops.js';
import type { OpResult } from '../../sandbox/apply.js';
import { exportPython } from '../../sandbox/export.js';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ORACLE = resolve(HERE, '..', 'conformance', 'oracle.py');

/** Whether `python3` is CPython 3.11 (the oracle); computed once. */
export const HAS_PY311: boolean = (() => {
  try {
    const r = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[:2] == (3, 11))'], { encoding: 'utf8' });
    return r.status === 0 && r.stdout.trim() === 'True';
  } catch {
    return false;
  }
})();

/** Apply ops and fail loudly on an unexpected Python error. */
export function run(sb: Sandbox, ops: Op[]): ApplyResult {
  const r = sb.apply(ops);
  if (r.error) throw new Error(`op ${r.error.index} failed: ${r.error.pythonError.type}: ${r.error.pythonError.message}`);
  return r;
}

/** A fresh sandbox with automatic collection off and a clean heap, then `ops`. */
export function fresh(ops: Op[] = []): { sb: Sandbox; r: ApplyResult } {
  const sb = new Sandbox();
  const r = run(sb, [{ op: 'gc', call: 'disable' }, { op: 'collect' }, ...ops]);
  return { sb, r };
}

/**
 * The text an exported program prints for one applied op: finalizer/callback output the
 * op caused, then the number the op's Python statement prints (getrefcount, getsizeof,
 * collect), or the error line the export's try/except prints for a failed op.
 */
export function printedFor(op: Op, result: OpResult | undefined, error?: { type: string; message: string }): string {
  let out = typeof result?.stdout === 'string' ? result.stdout : '';
  if (error) return out + `${error.type}: ${error.message}\n`;
  if (!result) return out;
  if (op.op === 'getrefcount') out += `${String(result.refcount)}\n`;
  else if (op.op === 'getsizeof') out += `${String(result.size)}\n`;
  else if (op.op === 'collect') out += `${String(result.unreachable)}\n`;
  return out;
}

/**
 * A batch as the Python program that prints every number it reported, reads included:
 * the ops up to the one that failed (marked failed), exported as a log would be. The
 * sandbox's own log leaves the reads out (they change nothing), so this is the program
 * to compare with CPython when the reads' numbers are what is being checked.
 */
export function batchProgram(ops: Op[], r: ApplyResult): string {
  const n = r.error ? r.error.index + 1 : ops.length;
  return exportPython(ops.slice(0, n).map((op, i) => (r.error?.index === i ? { op, failed: true } : { op })));
}

/** Everything printed for a batch (see printedFor). */
export function printedForBatch(ops: Op[], r: ApplyResult): string {
  let out = '';
  r.results.forEach((res, i) => {
    const err = r.error && r.error.index === i ? r.error.pythonError : undefined;
    out += printedFor(ops[i]!, res, err);
  });
  if (r.error && r.results.length <= r.error.index) out += `${r.error.pythonError.type}: ${r.error.pythonError.message}\n`;
  return out;
}

/** Run a program through the oracle synchronously; returns its stdout. */
export function oracleSync(program: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'heaplab-oracle-'));
  try {
    const file = join(dir, 'program.py');
    writeFileSync(file, program);
    const r = spawnSync('python3', [ORACLE, file], { encoding: 'utf8' });
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run many programs through the oracle, `parallel` at a time; returns their stdouts. */
export async function oracleMany(programs: string[], parallel = 8): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'heaplab-oracle-'));
  const out: string[] = new Array<string>(programs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < programs.length) {
      const i = next++;
      const file = join(dir, `p${i}.py`);
      writeFileSync(file, programs[i]!);
      out[i] = await new Promise<string>((res, rej) => {
        const p = spawn('python3', [ORACLE, file], { stdio: ['ignore', 'pipe', 'ignore'] });
        let s = '';
        p.stdout.setEncoding('utf8');
        p.stdout.on('data', (d: string) => (s += d));
        p.on('error', rej);
        p.on('close', () => res(s));
      });
    }
  };
  try {
    await Promise.all(Array.from({ length: parallel }, worker));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** mulberry32: a tiny seeded PRNG (deterministic; the tests never use Math.random). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
