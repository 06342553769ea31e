import { describe, expect, it } from 'vitest';
import { boundDetail, graphReply, MAX_REPR_CHARS, toDot } from '../../src/bounds.js';
import { ReadCache } from '../../src/readcache.js';

const node = (id: string) => ({
  id, type: 'list', refcount: 1, generation: 0, tracked: true, label: '[]', state: 'reachable' as const, finalized: false,
});

describe('graphReply and toDot', () => {
  const g = {
    nodes: ['a', 'b'].map(node),
    edges: [{ from: 'a', to: 'b', label: '[0]' }],
    roots: [{ name: 'x', frame: '<module>', id: 'a' }],
    cut: [],
  };

  it('passes a whole graph through with its exact totals, and DOT says nothing of truncation', () => {
    const r = graphReply({ ...g, truncated: false, found: { nodes: 2, edges: 1, roots: 1 } }, 4);
    expect(r).toEqual({ ...g, truncated: false, maxNodes: 4, totals: { nodes: 2, edges: 1, roots: 1 } });
    expect(toDot(r)).not.toContain('truncated');
  });

  it('says a cut graph is cut, with what the walk had found as lower bounds', () => {
    const r = graphReply({ ...g, truncated: true, found: { nodes: 3, edges: 2, roots: 1 } }, 2);
    expect(r).toMatchObject({ truncated: true, maxNodes: 2, totals: { nodes: 3, edges: 2, roots: 1 } });
    expect(toDot(r)).toContain('// truncated: showing 2 of at least 3 objects (maxNodes=2), 1 of at least 2 references');
    expect(toDot(r)).toContain('"truncated" [shape=note');
  });
});

describe('boundDetail', () => {
  it('cuts long lists and reprs and records their full length', () => {
    const d = {
      id: '0x1', type: 'list', refcount: 1, size: 56, tracked: true, generation: 0, finalized: false,
      referents: ['1', '2', '3'], referrers: ['9'], repr: 'x'.repeat(MAX_REPR_CHARS + 5),
    };
    const b = boundDetail(d, 2);
    expect(b.referents).toEqual(['1', '2']);
    expect(b.referrers).toEqual(['9']);
    expect(b.repr).toHaveLength(MAX_REPR_CHARS);
    expect(b.repr.endsWith('…')).toBe(true);
    expect(b.truncated).toEqual({ referents: 3, repr: MAX_REPR_CHARS + 5 });
    expect(boundDetail({ ...d, repr: '[]' }, 3)).not.toHaveProperty('truncated');
  });
});

describe('ReadCache', () => {
  it('builds once per key, evicts the least recently used, and skips values too big to keep', () => {
    const c = new ReadCache(2, 400);
    let builds = 0;
    const get = (k: string, v = k) => c.getOrBuild(k, () => (builds++, v));
    get('a');
    get('b');
    get('a'); // hit: a is now the most recent
    expect(builds).toBe(2);
    get('c'); // evicts b
    get('a');
    expect(builds).toBe(3);
    get('b');
    expect(builds).toBe(4);
    expect(c.size).toBe(2);
    get('huge', 'x'.repeat(101)); // more than a quarter of maxBytes: served, not kept
    get('huge', 'x'.repeat(101));
    expect(builds).toBe(6);
  });
});
