// Snapshots of the conformance corpus (programs written for heaplab's lessons): each
// program's sandbox is snapshotted, restored into a fresh sandbox, and the two must not be
// told apart — the restored one encodes to the same graph, and a follow-up program prints
// the same, with the same events, stats and sequence numbers. Most programs must be
// snapshotted at all (a codec that refused everything would pass the rest vacuously).
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../conformance/corpus.js';
import { roundTripAll } from './roundtrip.js';

describe('snapshots of the conformance corpus', () => {
  const corpus = loadCorpus();
  it('restore every program\'s sandbox exactly, or refuse it', () => {
    const { refused, skipped, different } = roundTripAll(corpus);
    expect(different).toEqual([]);
    // Measured: all but a few snapshotted; the rest hold closures made by contextlib,
    // WeakMethod, weakref.finalize, zip and tracemalloc (see sandbox/snapshot/graph.ts).
    expect(skipped.length).toBeLessThan(corpus.length * 0.02);
    expect(corpus.length - skipped.length - refused.length, refused.join('\n')).toBeGreaterThanOrEqual(Math.floor(corpus.length * 0.95));
  });
});
