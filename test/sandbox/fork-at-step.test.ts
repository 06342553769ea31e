/**
 * Sandbox.forkAtStep against Sandbox.stepAt, step by step: a fork at every step of a traced
 * run is refused exactly for the steps that are not `line` events (or do not exist), and at a
 * module-level line step holds the globals (names and ids) the step shows, with the refcounts
 * of the objects they reach — whether the trace was cut by its budget, the program raised,
 * or it called functions. Forks replay their logs to the same heap.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox.js';

/**
 * [what, code, maxTraceSteps, temporaries]: `temporaries` marks programs whose module frame
 * holds objects on its stack at some steps (a for loop's iterator, the exception an except
 * block handles): a fork abandons them, so refcounts of what they hold differ from the step's.
 */
const PROGRAMS: Array<[string, string, number | undefined, boolean]> = [
  ['straight line', 'a = [1, 2]\nb = [a]\nc = (a, b)\ndel a\nd = {"k": b}\n', undefined, false],
  ['a loop', 'acc = []\nfor i in range(3):\n    acc.append([i])\nlast = acc[-1]\n', undefined, true],
  ['calls', 'def f(p):\n    q = [p]\n    return q\nr = f([7])\ns = f(r)\n', undefined, false],
  ['an exception caught', 'try:\n    x = [1][2]\nexcept IndexError as e:\n    y = e\nz = 1\n', undefined, true],
  ['a trace cut by its budget', 'n = []\nfor i in range(10):\n    n.append(i)\nm = n\n', 5, true],
];

/** The globals' names → ids and each reached node's refcount, as a graph of the names sees them. */
function heapOf(sb: Sandbox) {
  const g = sb.graph({ maxNodes: 500 });
  return { roots: g.roots.map((r) => [r.name, r.id]), refcounts: Object.fromEntries(g.nodes.map((x) => [x.id, x.refcount])) };
}

describe('Sandbox.forkAtStep', () => {
  for (const [what, code, maxSteps, temporaries] of PROGRAMS) {
    it(`agrees with stepAt at every step: ${what}`, () => {
      const sb = new Sandbox();
      sb.exec('before = "kept"\n');
      const steps = sb.exec(code, { trace: { maxSteps } }).steps!;
      expect(steps.length).toBeGreaterThan(2);
      for (let n = 0; n <= steps.length; n++) {
        const fork = sb.forkAtStep(n);
        const step = steps[n];
        if (step === undefined) {
          expect(fork).toEqual({ refused: 'no-step', steps: steps.length });
          continue;
        }
        if (step.event !== 'line') {
          expect(fork).toEqual({ refused: 'not-a-line', event: step.event });
          continue;
        }
        if ('refused' in fork) throw new Error(`step ${n} refused: ${JSON.stringify(fork)}`);
        expect(fork.boundedNames(500).frames.map((f) => f.names), `step ${n}`).toEqual([step.stack[0]!.names]);
        if (step.stack.length === 1 && !temporaries) {
          const at = sb.stepAt(n, {}, 500)!;
          const refcounts = Object.fromEntries(at.graph.nodes.map((x) => [x.id, x.refcount]));
          expect(heapOf(fork).refcounts, `step ${n}`).toEqual(refcounts);
        }
        expect(heapOf(Sandbox.replay(fork.log())), `replay of the fork at step ${n}`).toEqual(heapOf(fork));
      }
    });
  }
});
