import { describe, expect, it } from 'vitest';
import { boundDetail, boundGraph, MAX_REPR_CHARS, toDot } from '../../src/bounds.js';
import { ReadCache } from '../../src/readcache.js';

const node = (id: string) => ({ id, type: 'list', refcount: 1, generation: 0, tracked: true, label: '[]' });

describe('boundGraph', () => {
  const g = {
    nodes: ['a', 'b', 'c', 'd'].map(node),
    edges: [{ from: 'a', to: 'b', label: '[0]' }, { from: 'b', to: 'c', label: '[0]' }, { from: 'c', to: 'a', label: '[0]' }],
    roots: [{ name: 'x', frame: '<module>', id: 'a' }, { name: 'y', frame: '<module>', id: 'd' }],
  };

  it('leaves a graph within the cap whole', () => {
    expect(boundGraph(g, 4)).toEqual({ ...g, truncated: false, maxNodes: 4, totals: { nodes: 4, edges: 3, roots: 2 } });
  });

  it('keeps the first nodes and only what points between them', () => {
    const b = boundGraph(g, 2);
    expect(b.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(b.edges).toEqual([{ from: 'a', to: 'b', label: '[0]' }]);
    expect(b.roots.map((r) => r.name)).toEqual(['x']);
    expect(b).toMatchObject({ truncated: true, maxNodes: 2, totals: { nodes: 4, edges: 3, roots: 2 } });
    expect(toDot(b)).toContain('// truncated: showing 2 of 4 objects (maxNodes=2), 1 of 3 references');
    expect(toDot(boundGraph(g, 4))).not.toContain('truncated');
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
