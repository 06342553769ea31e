/**
 * Bounded reads: a graph or object listing stops at its caps while it walks, so its cost
 * follows the reply, not the heap — and a heap within the caps reads exactly as unbounded.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox.js';
import { graphBudget } from '../../sandbox/queries.js';

const PROGRAMS = [
  'import gc\ngc.disable()\nclass A:\n    pass\na = A(); b = A(); a.b = b; b.a = a\ndel a, b\nl = [1, [2, (3, {"k": [4]})], {5}]\n',
  'l = [[] for _ in range(300)]\nd = {i: str(i) for i in range(50)}\ns = {frozenset([1, 2]), (1, 2)}\n',
  'class N:\n    pass\nh = N()\nc = h\nfor _ in range(40):\n    c.n = N()\n    c = c.n\n',
  'def f(x):\n    y = [x]\n    return y\nz = f(3)\nb = b"abc" * 10\n',
];

function sandbox(code: string): Sandbox {
  const sb = new Sandbox();
  expect(sb.exec(code).error).toBeNull();
  return sb;
}

describe('graph within its caps', () => {
  it('is the unbounded graph, exactly, and says so', () => {
    for (const code of PROGRAMS) {
      const sb = sandbox(code);
      for (const view of ['names', 'all'] as const) {
        const whole = sb.graph({ view });
        const capped = sb.graph({ view, maxNodes: sb.objectCount });
        expect(whole.truncated).toBe(false);
        expect(capped).toEqual(whole);
        expect(whole.found).toEqual({ nodes: whole.nodes.length, edges: whole.edges.length, roots: whole.roots.length });
      }
    }
  });
});

describe('graph past its caps', () => {
  it('keeps a prefix of the whole walk, with only edges between kept nodes (view all)', () => {
    const sb = sandbox(PROGRAMS[1]!);
    const whole = sb.graph({ view: 'all' });
    for (const k of [1, 7, 50, 200]) {
      const g = sb.graph({ view: 'all', maxNodes: k });
      expect(g.truncated).toBe(true);
      expect(g.nodes.map((n) => n.id)).toEqual(whole.nodes.slice(0, k).map((n) => n.id));
      const kept = new Set(g.nodes.map((n) => n.id));
      expect(g.edges).toEqual(whole.edges.filter((e) => kept.has(e.from) && kept.has(e.to)));
      expect(g.roots.every((r) => kept.has(r.id))).toBe(true);
      expect(g.found.nodes).toBeGreaterThan(k);
    }
  });

  it('stops inside a long list instead of after it (references budget)', () => {
    // 1000 references to one object: two nodes, but more references than 8 × 10 may be examined.
    const sb = sandbox('x = []\nl = [x] * 1000\n');
    const g = sb.graph({ maxNodes: 10 });
    expect(g.truncated).toBe(true);
    expect(g.nodes.map((n) => n.type).sort()).toEqual(['list', 'list']);
    expect(g.edges.length).toBe(graphBudget(10).maxReferences);
    expect(sb.graph({ maxNodes: 1000 }).edges).toHaveLength(1000);
  });

  it('lists at most maxNodes names and counts the rest', () => {
    const sb = sandbox('a = []\nb = []\nc = []\nd = []\n');
    const g = sb.graph({ maxNodes: 2 });
    expect(g.truncated).toBe(true);
    expect(g.roots.map((r) => r.name)).toEqual(['a', 'b']);
    expect(g.found.roots).toBe(4);
    expect(sb.boundedNames(2)).toEqual({ frames: [{ frame: '<module>', names: { a: g.roots[0]!.id, b: g.roots[1]!.id } }], truncated: true });
    expect(sb.boundedNames(4)).toEqual({ frames: sb.names(), truncated: false });
  });

  it('says truncated when the cycle search would pass its budget', () => {
    // A small names picture over a heap too big to search for unreachable cycles within 16 × 2 objects.
    const sb = sandbox('class C:\n    pass\nC.big = [[] for _ in range(100)]\n');
    const g = sb.graph({ maxNodes: 2 });
    expect(g.nodes.map((n) => n.label)).toEqual(['class C']);
    expect(g.truncated).toBe(true);
    expect(sb.graph({ maxNodes: 1000 }).truncated).toBe(false);
  });
});

describe('object listing', () => {
  it('pages in the same order as the whole listing, and counts exactly within its budget', () => {
    const sb = sandbox(PROGRAMS[1]!);
    const all = sb.listObjects({ offset: 0, limit: 1_000_000 });
    expect(all.totalIsLowerBound).toBe(false);
    const page = sb.listObjects({ offset: 10, limit: 5, maxScan: 1_000_000 });
    expect(page).toEqual({ total: all.total, items: all.items.slice(10, 15), totalIsLowerBound: false });
    const lists = sb.listObjects({ type: 'list', offset: 0, limit: 1_000_000 });
    expect(lists.items.every((o) => o.type === 'list')).toBe(true);
    expect(lists.total).toBeGreaterThanOrEqual(300);
  });

  it('stops counting past maxScan once the page is full, and says the total is a lower bound', () => {
    const sb = sandbox(PROGRAMS[1]!);
    const all = sb.listObjects({ offset: 0, limit: 1_000_000 });
    const page = sb.listObjects({ offset: 0, limit: 5, maxScan: 20 });
    expect(page.items).toEqual(all.items.slice(0, 5));
    expect(page.totalIsLowerBound).toBe(true);
    expect(page.total).toBeLessThan(all.total);
    expect(page.total).toBeGreaterThan(5);
    // A page is always filled, whatever the budget.
    expect(sb.listObjects({ offset: 100, limit: 5, maxScan: 20 }).items).toEqual(all.items.slice(100, 105));
  });
});

describe('LiveObjects.inOrder', () => {
  it('produces what values() lists, in the same order', () => {
    for (const code of PROGRAMS) {
      const heap = (sandbox(code) as unknown as { rt: { heap: import('../../sandbox/heap.js').Heap } }).rt.heap;
      expect([...heap.objects.inOrder(true)]).toEqual([...heap.objects.values()]);
      expect([...heap.objects.inOrder(false)]).toEqual([...heap.objects.reachableFromRoots()!]);
    }
  });
});
