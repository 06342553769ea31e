/**
 * Budgets: runaway programs stop with a clear error, the sandbox stays usable, and where a
 * program stopped is logged in engine steps so replay stops it at the same point.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox.js';

const LOOP = 'n = 0\nwhile True:\n    n += 1\n';

describe('budgets', () => {
  it('stops an endless loop at the step budget and keeps the sandbox usable', () => {
    const sb = new Sandbox({ limits: { maxSteps: 20_000 } });
    const r = sb.exec(LOOP);
    expect(r.error?.type).toBe('TimeoutError');
    expect(r.error?.message).toMatch(/step budget exhausted \(20000 steps\)/);
    const after = sb.exec('print(n > 0)');
    expect(after.error).toBeNull();
    expect(after.stdout).toBe('True\n');
  });

  it('counts the step budget per request, and replay stops each program where it stopped', () => {
    const sb = new Sandbox({ limits: { maxSteps: 30_000 } });
    // Two loops in one batch share one budget: the second stops early.
    const r = sb.apply([
      { op: 'exec', code: 'a = 0\nwhile a < 5000:\n    a += 1\n' },
      { op: 'exec', code: 'b = 0\nwhile True:\n    b += 1\n' },
    ]);
    expect(r.error?.index).toBe(1);
    const log = sb.log();
    expect(log.entries[1]!.stoppedAfterSteps).toBeGreaterThan(0);
    const copy = Sandbox.replay(log);
    const read = (s: Sandbox): string => s.exec('print(a, b)').stdout;
    expect(read(copy)).toBe(read(sb));
    expect(copy.stats()).toEqual(sb.stats());
  });

  it('stops a program when the host interrupt fires, and replay reproduces it without a clock', () => {
    const sb = new Sandbox();
    let polls = 0;
    const r = sb.exec(LOOP, { interrupt: () => ++polls >= 3 });
    expect(r.error?.type).toBe('TimeoutError');
    expect(r.error?.message).toMatch(/time budget exhausted/);
    const n = sb.exec('print(n)').stdout;
    const copy = Sandbox.replay(sb.log());
    expect(copy.exec('print(n)').stdout).toBe(n);
  });

  it('raises MemoryError at the object limit, and freeing makes room again', () => {
    const sb = new Sandbox({ limits: { maxObjects: 5_000 } });
    const r = sb.exec('x = []\nwhile True:\n    x.append([])\n');
    expect(r.error?.type).toBe('MemoryError');
    expect(sb.exec('del x').error).toBeNull();
    expect(sb.exec('print(len([[] for i in range(100)]))').stdout).toBe('100\n');
  });

  it('turns runaway recursion into RecursionError at CPython depth', () => {
    const sb = new Sandbox();
    const r = sb.exec('def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError as e:\n    print("deep:", e)\n');
    expect(r.error).toBeNull();
    expect(r.stdout).toBe('deep: maximum recursion depth exceeded\n');
  });

  it('charges pprint and deepcopy a step per object, so the step budget stops them inside the call', () => {
    for (const call of ['pprint.pformat(x)', 'copy.deepcopy(x)']) {
      const sb = new Sandbox({ limits: { maxSteps: 300_000 } });
      expect(sb.exec('import pprint, copy\nx = [[i] for i in range(20_000)] * 20\n').error).toBeNull();
      const r = sb.exec(`y = ${call}\n`);
      expect(r.error?.type, call).toBe('TimeoutError');
      // A smaller structure fits the same budget.
      expect(sb.exec(`x = x[:100]\ny = ${call}\n`).error, call).toBeNull();
    }
  });
});
