/**
 * The grader's mechanics, check kind by check kind. Numbers are CPython 3.11's (python3
 * under the oracle): sys.getsizeof([1, 2, 3]) is 88 and its getrefcount 2; a lone
 * self-referencing instance is 1 object for gc.collect(); a dict holding itself shows
 * getrefcount 3; `raise ValueError('bad value')` is what it says.
 */
import { describe, expect, it } from 'vitest';
import { Exercise, unsafePattern, type Check } from '../../../sandbox/grading/exercise.js';
import { grade, type CheckResult } from '../../../sandbox/grading/grade.js';

const ex = (checks: unknown[], more: Record<string, unknown> = {}): Exercise =>
  Exercise.parse({ id: 't', title: 'T', prompt: '', checks, ...more });
const one = (check: Record<string, unknown>, submission: string, more: Record<string, unknown> = {}): CheckResult =>
  grade(ex([{ name: 'c', ...check }], more), submission).checks[0]!;

describe('checks read the heap as the lesson would', () => {
  it('refcount and size are what sys.getrefcount / sys.getsizeof return', () => {
    expect(one({ kind: 'refcount', expr: 'xs', equals: 2 }, 'xs = [1, 2, 3]\n')).toMatchObject({ status: 'passed', observed: 2 });
    expect(one({ kind: 'size', expr: 'xs', equals: 88 }, 'xs = [1, 2, 3]\n')).toMatchObject({ status: 'passed', observed: 88 });
    expect(one({ kind: 'refcount', expr: 'd', equals: 3 }, "d = {}\nd['self'] = d\n")).toMatchObject({ status: 'passed', observed: 3 });
    expect(one({ kind: 'size', expr: 'xs', atLeast: 100 }, 'xs = [1, 2, 3]\n')).toMatchObject({ status: 'failed', observed: 88 });
  });

  it('a refcount of a name the learner never bound fails (not an exercise error)', () => {
    const c = one({ kind: 'refcount', expr: 'missing', equals: 2 }, 'pass\n');
    expect(c.status).toBe('failed');
    expect(c.message).toContain("NameError: name 'missing' is not defined");
  });

  it('the probes leave no names behind and do not change what the next check sees', () => {
    const r = grade(ex([
      { kind: 'refcount', name: 'a', expr: 'xs', equals: 2 },
      { kind: 'refcount', name: 'b', expr: 'xs', equals: 2 },
      // (the probe running this one has bound sys, not yet its value)
      { kind: 'python', name: 'c', expr: "'_heaplab_value' not in globals()" },
    ]), 'xs = []\n');
    expect(r.checks.map((c) => c.status)).toEqual(['passed', 'passed', 'passed']);
  });

  it('collect runs gc.collect() now; finalizers and freed see what it did', () => {
    const setup = 'class Node:\n    def __del__(self):\n        print("bye")\n';
    const r = grade(ex([
      { kind: 'finalizers', name: 'none yet', order: [] },
      { kind: 'collect', name: 'one left', equals: 1 },
      { kind: 'finalizers', name: 'then one', order: ['bye'] },
      { kind: 'finalizers', name: 'of a Node', order: ['Node'], match: 'class' },
      { kind: 'freed', name: 'by the collector', type: 'Node', by: 'collector' },
      { kind: 'freed', name: 'not by refcount', type: 'Node', by: 'refcount' },
      { kind: 'collect', name: 'none left', equals: 0 },
    ], { setup }), 'n = Node()\nn.me = n\ndel n\n');
    expect(r.checks.map((c) => c.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'failed', 'passed']);
  });

  it('freed by variable tells reference counting from the collector', () => {
    const setup = 'class Box:\n    pass\nb = Box()\n';
    const byRefcount = grade(ex([{ kind: 'freed', name: 'f', variable: 'b', by: 'refcount' }], { setup }), 'del b\n');
    expect(byRefcount.checks[0]).toMatchObject({ status: 'passed', observed: { alive: false, freedBy: 'refcount' } });
    const cyclic = grade(ex([
      { kind: 'alive', name: 'still there', variable: 'b' },
      { kind: 'collect', name: 'c', equals: 1 },
      { kind: 'freed', name: 'f', variable: 'b', by: 'collector' },
    ], { setup }), 'b.me = b\ndel b\n');
    expect(cyclic.checks.map((c) => c.status)).toEqual(['passed', 'passed', 'passed']);
  });

  it('a variable the setup never bound is an exercise error', () => {
    const r = grade(ex([{ kind: 'alive', name: 'a', variable: 'nothing' }]), 'pass\n');
    expect(r.checks[0]!.status).toBe('error');
    expect(r.exerciseErrors).toHaveLength(1);
  });

  it('no_cycles finds a cycle through containers, not through classes and functions', () => {
    const tree = 'class T:\n    def __init__(self):\n        self.kids = []\n    def m(self):\n        pass\nroot = T()\nroot.kids.append(T())\n';
    expect(one({ kind: 'no_cycles', variable: 'root' }, tree).status).toBe('passed');
    const c = one({ kind: 'no_cycles', variable: 'root' }, `${tree}root.kids[0].up = root\n`);
    expect(c).toMatchObject({ status: 'failed', observed: ['T', 'list', 'T', 'T'] });
  });

  it('raises and no_error read how the submission ended', () => {
    const code = "raise ValueError('bad value')\n";
    expect(one({ kind: 'raises', type: 'ValueError', message: 'bad value' }, code).status).toBe('passed');
    expect(one({ kind: 'raises', type: 'KeyError' }, code).status).toBe('failed');
    expect(one({ kind: 'no_error' }, code).status).toBe('failed');
    expect(one({ kind: 'no_error' }, 'pass\n').status).toBe('passed');
  });

  it('stdout equals / contains / matches', () => {
    expect(one({ kind: 'stdout', equals: 'hi\n' }, "print('hi')\n").status).toBe('passed');
    expect(one({ kind: 'stdout', contains: 'i' }, "print('hi')\n").status).toBe('passed');
    expect(one({ kind: 'stdout', matches: '^h\\w$' }, "print('hi')\n").status).toBe('failed');
    expect(one({ kind: 'stdout', matches: '^h\\w$', }, "print('hi', end='')\n").status).toBe('passed');
  });

  it('no_garbage sees gc.garbage', () => {
    expect(one({ kind: 'no_garbage' }, 'import gc\ngc.garbage.append(1)\n').status).toBe('failed');
    expect(one({ kind: 'no_garbage' }, 'pass\n').status).toBe('passed');
  });

  it('a python check that raises is an exercise error, not the learner\'s failure', () => {
    const r = grade(ex([{ kind: 'python', name: 'p', expr: '1 / 0 == 1' }]), 'pass\n');
    expect(r.checks[0]).toMatchObject({ status: 'error', score: 0 });
    expect(r.exerciseErrors[0]).toContain('ZeroDivisionError');
  });

  it('a failing setup makes every check an exercise error', () => {
    const r = grade(ex([{ kind: 'no_error', name: 'n' }], { setup: 'import nosuchmodule\n' }), 'pass\n');
    expect(r.checks[0]!.status).toBe('error');
    expect(r.exerciseErrors[0]).toContain('ModuleNotFoundError');
  });
});

describe('budgets and determinism', () => {
  it('a submission that never ends is stopped by its step budget and scores what it earned', () => {
    const r = grade(ex([
      { kind: 'no_error', name: 'ends' },
      { kind: 'python', name: 'x was set', expr: 'x == 1' },
    ], { budgets: { maxSteps: 10_000 } }), 'x = 1\nwhile True:\n    pass\n', { limits: { maxSteps: 10_000 } });
    expect(r.submission.stoppedBy).toBe('steps');
    expect(r.submission.error?.type).toBe('TimeoutError');
    expect(r.checks.map((c) => c.status)).toEqual(['failed', 'passed']);
    expect(r.score).toBe(1);
  });

  it('a submission stopped by its time guard leaves the checks a guard of their own', () => {
    let started = 0;
    // The second guard (the submission's) fires at once; the others never do.
    const startGuard = () => (++started === 2 ? () => true : () => false);
    const r = grade(ex([
      { kind: 'no_error', name: 'ends' },
      { kind: 'python', name: 'x was set', expr: 'x == 1' },
    ], { setup: 'x = 1\n' }), 'while True:\n    pass\n', { startGuard });
    expect(r.submission.stoppedBy).toBe('time');
    expect(r.checks.map((c) => c.status)).toEqual(['failed', 'passed']);
  });

  it('a check stopped by a budget (code the submission left behind runs away) fails; it is no exercise error', () => {
    const code = 'class Forever:\n    def __bool__(self):\n        while True:\n            pass\nf = Forever()\n';
    const r = grade(ex([{ kind: 'python', name: 'p', expr: 'f' }]), code, { limits: { maxSteps: 10_000 } });
    expect(r.checks[0]).toMatchObject({ status: 'failed' });
    expect(r.checks[0]!.message).toContain('stopped by a budget');
    expect(r.exerciseErrors).toEqual([]);
  });

  it('grading the same submission twice gives the same result and the same log', () => {
    const e = ex([{ kind: 'collect', name: 'c', equals: 1 }, { kind: 'refcount', name: 'r', expr: 'a', equals: 2 }],
      { setup: 'import gc\n', after: 'a = []\n' });
    const code = 'class N:\n    pass\nn = N()\nn.me = n\ndel n\nprint(id(object()))\n';
    expect(grade(e, code)).toEqual(grade(e, code));
  });

  it('the log replays the learner\'s run (setup, submission, after), without the checks\' probes', () => {
    const r = grade(ex([{ kind: 'refcount', name: 'r', expr: 'a', equals: 2 }], { setup: 's = 1\n', after: 't = 2\n' }), 'a = []\n');
    expect(r.log.entries.map((e) => e.op.op === 'exec' && e.op.code)).toEqual(['s = 1\n', 'a = []\n', 't = 2\n']);
  });
});

describe('the exercise schema', () => {
  it('names the field at fault', () => {
    const r = Exercise.safeParse({ id: 't', title: 'T', prompt: '', checks: [{ kind: 'refcount', name: 'r', expr: 'a' }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['checks', 0, 'equals']);
  });

  it('refuses patterns that can backtrack exponentially', () => {
    for (const p of ['(a+)+$', '(a|aa)+', '(\\w*)*x', '(a)\\1']) expect(unsafePattern(p), p).not.toBeNull();
    for (const p of ['^\\d+$', 'a+b*', '(ab)+', '[(+]+', 'Object \\w+ deleted']) expect(unsafePattern(p), p).toBeNull();
    const c: Check | undefined = Exercise.safeParse({ id: 't', title: 'T', prompt: '', checks: [{ kind: 'stdout', name: 's', matches: '(a+)+' }] }).data?.checks[0];
    expect(c).toBeUndefined();
  });
});
