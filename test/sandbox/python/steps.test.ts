/**
 * Traced runs (sandbox/python/steps.ts): the events are CPython's — for every corpus program
 * the sequence of (event, line) equals what sys.settrace records under
 * /work/shared/conformance/trace_oracle.py (fixtures/trace-oracle.json, recorded by
 * record-trace-oracle.ts) — and each step's delta says what the previous line did.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';
import { loadCorpus } from '../../conformance/corpus.js';

const oracle = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'trace-oracle.json'), 'utf8')) as Record<string, string>;

/** Steps each corpus program is traced for: longer runs are compared up to the cut. */
const BUDGET = 1000;

/** A traced run in the oracle's notation: the uncaught exception noted where it leaves the module. */
function traced(source: string): string {
  const r = new Sandbox().exec(source, { trace: { maxSteps: BUDGET } });
  const out = r.steps!.map((s) => `${s.event[0]}${s.line}`);
  if (r.truncated) {
    expect(out).toHaveLength(BUDGET);
    return out.join(' ');
  }
  if (r.error) {
    let at = out.length;
    r.steps!.forEach((s, i) => {
      if (s.event === 'return' && s.function === '<module>' && s.stack.length === 1) at = i + 1;
    });
    out.splice(at, 0, `u:${r.error.type}`);
  }
  return out.join(' ');
}

describe('trace events are sys.settrace\'s', () => {
  // Under settrace CPython's tracer runs as Python frames in the same recursion budget, so
  // where runaway recursion stops differs from an untraced run: not compared.
  const skipped = new Set(['179_recursion_error_caught.py']);
  const corpus = loadCorpus().filter((c) => !skipped.has(c.name));
  it(`for all ${corpus.length} corpus programs (the first ${BUDGET} events of longer ones)`, () => {
    expect(corpus.length).toBeGreaterThan(200);
    const differ: string[] = [];
    let cut = 0;
    for (const c of corpus) {
      const got = traced(c.source);
      const all = oracle[c.name]!.split(' ');
      const want = all.slice(0, BUDGET).join(' ');
      if (all.length > BUDGET) cut++;
      if (got !== want) differ.push(`${c.name}\n  got  ${got}\n  want ${want}`);
    }
    expect(differ).toEqual([]);
    expect(cut).toBeGreaterThan(0);
  }, 120_000);
});

const CYCLE = `import gc
class MyObject:
    def __del__(self):
        print("bye")
a = MyObject()
b = MyObject()
a.other = b
b.other = a
del a
del b
n = gc.collect()
`;

describe('step deltas', () => {
  const sb = new Sandbox();
  const r = sb.exec(CYCLE, { trace: {} });
  const steps = r.steps!;
  const at = (line: number) => steps.find((s) => s.event === 'line' && s.line === line)!;

  it('shows the frame stack with names → ids', () => {
    expect(r.error).toBeNull();
    const s = at(7);
    expect(s.stack).toHaveLength(1);
    expect(Object.keys(s.stack[0]!.names)).toEqual(['gc', 'MyObject', 'a', 'b']);
    expect(s.function).toBe('<module>');
  });

  it('says which refcounts moved and which references were added', () => {
    // Line 7 (a.other = b) ran before the step for line 8: b gained a reference from a.
    const s = at(8);
    const a = s.stack[0]!.names.a!;
    const b = s.stack[0]!.names.b!;
    expect(s.delta.refsAdded).toEqual([{ from: a, to: b, label: '.other' }]);
    expect(s.delta.refcounts).toEqual([{ id: b, from: 1, to: 2 }]);
  });

  it('reports the collection and the finalizers where the collecting line ran', () => {
    const last = steps.at(-1)!;
    expect(last.event).toBe('return');
    expect(last.delta.collections).toEqual([{ generation: 2, trigger: 'manual', unreachable: 2, collected: 2, uncollectable: 0 }]);
    expect(last.delta.finalizers.map((f) => f.class)).toEqual(['MyObject', 'MyObject']);
    expect(last.delta.finalizers.map((f) => f.printed)).toEqual(['bye\n', 'bye\n']);
    expect(last.delta.freed.filter((f) => f.type === 'MyObject')).toHaveLength(2);
    // The finalizers run as traced frames (CPython's tracer sees __del__ too); what they print
    // is in the steps of their lines, and all the steps' output is the run's.
    expect(steps.filter((s) => s.event === 'call' && s.function === '__del__')).toHaveLength(2);
    expect(steps.map((s) => s.delta.stdout).join('')).toBe('bye\nbye\n');
    expect(r.stdout).toBe('bye\nbye\n');
  });

  it('marks created objects at the step after the line that made them', () => {
    const s = at(6);
    expect(s.delta.created).toContainEqual({ id: s.stack[0]!.names.a, type: 'MyObject' });
  });
});

describe('the step budget', () => {
  it('keeps every step up to the cut, says why, and lets the program finish', () => {
    const sb = new Sandbox();
    const r = sb.exec('total = 0\nfor i in range(100):\n    total += i\nprint(total)\n', { trace: { maxSteps: 10 } });
    expect(r.steps).toHaveLength(10);
    expect(r.steps!.map((s) => `${s.event[0]}${s.line}`).join(' ')).toBe('c0 l1 l2 l3 l2 l3 l2 l3 l2 l3');
    expect(r.truncated).toEqual({ reason: 'the trace reached its step budget (10 steps); the program ran on untraced', atStep: 10 });
    expect(r.stdout).toBe('4950\n');
  });

  it('replays: a sandbox rebuilt from the log of a traced run has the same heap', () => {
    const sb = new Sandbox();
    sb.exec(CYCLE, { trace: {} });
    const copy = Sandbox.replay(sb.log());
    expect(copy.names()).toEqual(sb.names());
    expect(copy.stats()).toEqual(sb.stats());
  });

  it('source that does not compile runs untraced and says so', () => {
    const r = new Sandbox().exec('x = (', { trace: {} });
    expect(r.steps).toEqual([]);
    expect(r.error!.type).toBe('SyntaxError');
    expect(r.truncated!.reason).toMatch(/does not compile/);
  });
});
