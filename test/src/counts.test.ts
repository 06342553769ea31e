/**
 * The shared counts behind maxSandboxes, maxSandboxesPerKey and maxSubscribers: a model
 * check against a Map over random sequences (a small table, so probe runs collide and
 * deletions shift), and two threads racing for the same last slots.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Counts } from '../../src/counts.js';
import { moduleBeside, workerFor } from '../../src/threads/engine-thread.js';

describe('Counts', () => {
  it('agrees with a Map of counts over random takes and gives', () => {
    const subjects = fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `key:${i}`), 'anonymous', '203.0.113.7', '');
    const op = fc.oneof(
      fc.record({ kind: fc.constant('try' as const), subject: subjects }),
      fc.record({ kind: fc.constant('take' as const), subject: subjects }),
      fc.record({ kind: fc.constant('give' as const), subject: subjects }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
      const max = 8; // capacity 16: most subjects share probe runs
      const perKey = 3;
      const c = new Counts(max);
      const model = new Map<string, number>();
      let total = 0;
      for (const o of ops) {
        const held = model.get(o.subject) ?? 0;
        if (o.kind === 'try') {
          const want = held >= perKey ? 'maxSandboxesPerKey' : total >= max ? 'maxSandboxes' : null;
          expect(c.tryTake(o.subject, perKey, max)).toBe(want);
          if (want === null) {
            model.set(o.subject, held + 1);
            total++;
          }
        } else if (o.kind === 'take' && total < max) {
          c.take(o.subject);
          model.set(o.subject, held + 1);
          total++;
        } else if (o.kind === 'give' && held > 0) {
          c.give(o.subject);
          model.set(o.subject, held - 1);
          total--;
        }
        for (const [s, n] of model) expect(c.of(s)).toBe(n);
        expect(c.total).toBe(total);
      }
    }), { numRuns: 300 });
  });

  it('gives a subscriber slot back once and never passes the cap', () => {
    const c = new Counts(10);
    expect(c.tryTakeSubscriber(2)).toBe(true);
    expect(c.tryTakeSubscriber(2)).toBe(true);
    expect(c.tryTakeSubscriber(2)).toBe(false);
    c.giveSubscriber();
    expect(c.subscribers).toBe(1);
    c.giveSubscriber();
    c.giveSubscriber();
    expect(c.subscribers).toBe(0);
  });

  it('lets two threads racing for the last slots take exactly the limit between them', async () => {
    const max = 1000;
    const buffer = Counts.buffer(max);
    // Each thread tries 2,000 times for two subjects (limit 600 each) and the server (limit 1000).
    const run = () => new Promise<number>((resolve, reject) => {
      const w = workerFor(moduleBeside(import.meta.url, './counts-race-entry.js'), { workerData: { buffer } });
      w.once('message', resolve).once('error', reject);
    });
    const [a, b] = await Promise.all([run(), run()]);
    const c = new Counts(max, buffer);
    expect(a + b).toBe(1000);
    expect(c.total).toBe(1000);
    expect(c.of('key:1')).toBeLessThanOrEqual(600);
    expect(c.of('key:2')).toBeLessThanOrEqual(600);
    expect(c.of('key:1') + c.of('key:2')).toBe(1000);
  });
});
