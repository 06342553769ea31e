/**
 * The `heaplab` command, spawned as package.json's bin runs it: grading with no server in
 * all three formats, exit status 0 whatever the score, 2 on misuse, 1 on a broken exercise.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Sandbox, SandboxLog } from '../../src/engine.js';
import { DEEP_HASH } from './threads/deep.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const bin = join(root, pkg.bin.heaplab!);
const ex = (id: string, f: string) => join(root, 'exercises', id, f);

function heaplab(args: string[], input?: string) {
  // Run the file itself, as npx does: its shebang gives Node its flags.
  const r = spawnSync(bin, args, { cwd: root, encoding: 'utf8', input, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('heaplab grade', () => {
  it('prints Gradescope results.json for a wrong solution and exits 0', () => {
    const r = heaplab(['grade', ex('refcount-predict', 'exercise.yaml'), ex('refcount-predict', 'wrong-extra-name.py'), '--format', 'gradescope']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { score: number; tests: Array<{ status: string }> };
    expect(out.score).toBe(3);
    expect(out.tests.map((t) => t.status)).toEqual(['passed', 'failed', 'passed', 'failed']);
  });

  it('grades the reference full in every format', () => {
    for (const format of ['heaplab', 'gradescope', 'prairielearn']) {
      const r = heaplab(['grade', 'collect-finalizers', ex('collect-finalizers', 'reference.py'), '--format', format]);
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { passed?: boolean; score: number; tests?: Array<{ status: string }> };
      if (format === 'heaplab') expect(out.passed).toBe(true);
      if (format === 'gradescope') expect(out.tests!.every((x) => x.status === 'passed')).toBe(true);
      if (format === 'prairielearn') expect(out.score).toBe(1);
    }
  });

  it('takes an exercise id, the submission on stdin, writes --output and a replayable --log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heaplab-cli-'));
    const out = join(dir, 'results.json');
    const log = join(dir, 'log.json');
    const r = heaplab(['grade', 'weakref-parent', '-', '--format', 'prairielearn', '--output', out, '--log', log],
      readFileSync(ex('weakref-parent', 'reference.py'), 'utf8'));
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ gradable: true, score: 1 });
    const sb = Sandbox.replay(SandboxLog.parse(JSON.parse(readFileSync(log, 'utf8'))));
    expect(sb.exec('print(child.parent())\n').stdout).toBe('None\n');
  });

  it('nests Python in builtins as deep as the server does (its engine thread\'s stack, no Node flag)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heaplab-cli-'));
    writeFileSync(join(dir, 'deep.yaml'), 'id: deep\ntitle: D\nprompt: ""\nchecks: [{kind: stdout, name: s, equals: "900\\n"}]\n');
    writeFileSync(join(dir, 'deep.py'), DEEP_HASH);
    const r = heaplab(['grade', join(dir, 'deep.yaml'), join(dir, 'deep.py'), '--format', 'prairielearn']);
    expect(JSON.parse(r.stdout)).toMatchObject({ score: 1 });
  });

  it('exits 2 with a message on misuse, 1 on an exercise that fails its schema', () => {
    for (const args of [['grade', 'gc-stats'], ['lint', 'a', 'b'], ['grade', 'no-such-id', ex('gc-stats', 'reference.py')],
      ['grade', 'gc-stats', ex('gc-stats', 'reference.py'), '--format', 'moodle']]) {
      const r = heaplab(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^heaplab: /);
    }
    const dir = mkdtempSync(join(tmpdir(), 'heaplab-cli-'));
    writeFileSync(join(dir, 'bad.yaml'), 'id: bad\ntitle: B\nprompt: ""\nchecks: [{kind: refcount, name: r, expr: a}]\n');
    const r = heaplab(['grade', join(dir, 'bad.yaml'), ex('gc-stats', 'reference.py')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('checks[0].equals');
  });
});
