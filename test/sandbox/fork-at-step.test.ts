/**
 * Sandbox.forkAtStep against Sandbox.stepAt, step by step: a fork at every step of a traced
 * run is refused exactly for the steps that are not `line` events (or do not exist), and at a
 * module-level line step holds the globals (names and ids) the step shows, with the refcounts
 * of the objects they reach — whether the trace was cut by its budget, the program raised,
 * or it called functions. Forks replay their logs to the same heap.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox.js';
import { loadCorpus } from '../conformance/corpus.js';

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
        // Revisiting builds only the steps from n - 1 on: step n is still the one recorded.
        expect(sb.stepAt(n, {}, 500)?.step ?? null, `stepAt(${n})`).toEqual(step ?? null);
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

  it('revisits and forks steps of every corpus program as they were recorded', () => {
    const corpus = loadCorpus();
    expect(corpus.length).toBeGreaterThan(200);
    const differ: string[] = [];
    for (const c of corpus) {
      const sb = new Sandbox();
      const steps = sb.exec(c.source, { trace: { maxSteps: 300 } }).steps!;
      const picks = new Set([1, 2, Math.floor(steps.length / 2), steps.length - 2, steps.length - 1].filter((n) => n >= 0 && n < steps.length));
      for (const n of picks) {
        const at = sb.stepAt(n, {}, 500);
        if (JSON.stringify(at?.step) !== JSON.stringify(steps[n])) differ.push(`${c.name} step ${n}: revisited differs`);
        const step = steps[n]!;
        const fork = sb.forkAtStep(n);
        if (step.event !== 'line') {
          if (!('refused' in fork)) differ.push(`${c.name} step ${n}: a ${step.event} step was forked`);
        } else if ('refused' in fork) {
          differ.push(`${c.name} step ${n}: refused ${JSON.stringify(fork)}`);
        } else if (step.stack[0]!.function === '<module>' &&
          JSON.stringify(fork.boundedNames(500).frames[0]!.names) !== JSON.stringify(step.stack[0]!.names)) {
          // (A step with no module frame is a finalizer run after the module's end.) A finalizer
          // run by abandoning the open frames could change globals; none in the corpus does.
          differ.push(`${c.name} step ${n}: fork's globals differ`);
        }
      }
    }
    expect(differ).toEqual([]);
  }, 300_000);
});
