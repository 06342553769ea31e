// Shared by the conformance tests: run a program in a fresh sandbox and compare its
// output with CPython's recorded output.
import { Sandbox } from '../../sandbox/sandbox.js';
import { maskAddresses, tracebackSkeleton } from './corpus.js';

export interface Outcome {
  stdout: string;
  stderr: string;
}

export function runInSandbox(source: string): Outcome {
  const sb = new Sandbox();
  const r = sb.exec(source);
  return { stdout: r.stdout, stderr: r.stderr };
}

/** File names differ (the sandbox has no file); source/caret lines are compared loosely. */
export function normalizeStderr(s: string): string {
  return maskAddresses(tracebackSkeleton(s)).replace(/File "[^"]*"/g, 'File "<prog>"');
}

/** null when the outcome matches, else a short description of the first difference. */
export function compareOutcome(got: Outcome, want: Outcome): string | null {
  const gs = maskAddresses(got.stdout);
  const ws = maskAddresses(want.stdout);
  if (gs !== ws) return `stdout differs:\n--- got\n${gs}\n--- want\n${ws}`;
  const ge = normalizeStderr(got.stderr);
  const we = normalizeStderr(want.stderr);
  if (ge !== we) return `stderr differs:\n--- got\n${ge}\n--- want\n${we}`;
  return null;
}
