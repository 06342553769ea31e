/**
 * "Why is this alive" (sandbox/paths.ts). Every expression below evaluates to the object in
 * CPython 3.11 (checked with python3 on the same program), and is the shortest chain from a
 * name: the search follows untracked dicts, cells, bound methods and an instance's class.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox.js';

const PROGRAM = `
import gc
class Node:
    def __init__(self, v): self.v = v; self.next = None
    def m(self): return self.v
a = Node(1)
a.next = Node(2)
a.next.next = [10, (20, 'x'), {'k': Node(3)}]
def outer():
    secret = Node(4)
    def inner(): return secret
    return inner
f = outer()
d = {'a': 'hello world'}
class K: pass
k = K()
del K
bm = Node(8).m
c = Node(5); c.me = c
ids = {
  'deep': hex(id(a.next.next[2]['k'])), 'cell': hex(id(f.__closure__[0].cell_contents)), 'str': hex(id(d['a'])),
  'cls': hex(id(k.__class__)), 'self': hex(id(bm.__self__)), 'c': hex(id(c)), 'tuple': hex(id(a.next.next[1])),
}
del c
print(ids)
`;

function setUp(): { sb: Sandbox; ids: Record<string, string> } {
  const sb = new Sandbox();
  const r = sb.exec(PROGRAM);
  expect(r.error).toBeNull();
  return { sb, ids: JSON.parse(r.stdout.replace(/'/g, '"')) as Record<string, string> };
}

describe('why is this alive', () => {
  const { sb, ids } = setUp();
  const path = (k: string) => sb.whyAlive(ids[k]!, 100_000)!;

  it('gives the shortest labelled chain from a global, as a Python expression', () => {
    const p = path('deep');
    expect(p.status).toBe('reachable');
    expect(p.root).toEqual({ kind: 'global', name: 'a', frame: '<module>' });
    expect(p.chain.map((l) => l.via)).toEqual([null, '.next', '.next', '[2]', "['k']"]);
    expect(p.chain.map((l) => l.type)).toEqual(['Node', 'Node', 'list', 'dict', 'Node']);
    expect(p.chain.at(-1)!.id).toBe(ids.deep);
    expect(p.expression).toBe("a.next.next[2]['k']");
  });

  it('prefers a name over the compiled constant that also holds an object', () => {
    expect(path('tuple').expression).toBe('a.next.next[1]');
  });

  it('follows cells, untracked dicts, bound methods and the class of an instance', () => {
    expect(path('cell').expression).toBe('f.__closure__[0].cell_contents');
    const s = path('str');
    expect(s.expression).toBe("d['a']");
    expect(s.chain[0]!.type).toBe('dict');
    expect(path('cls').expression).toBe('k.__class__');
    expect(path('self').expression).toBe('bm.__self__');
  });

  it('says when only a cycle awaiting the collector holds an object, and names the holder', () => {
    const p = path('c');
    expect(p.status).toBe('unreachable');
    expect(p.chain).toEqual([]);
    expect(p.referrers).toEqual([{ id: ids.c, type: 'Node', via: '.me' }]);
    expect(p.tracked).toBe(true);
    expect(p.generation).toBe(0);
    expect(sb.exec('gc.collect()').error).toBeNull();
    expect(sb.whyAlive(ids.c!, 100_000)).toBeNull();
  });

  it('finds gc.garbage as a root', () => {
    const sb2 = new Sandbox();
    const r = sb2.exec('import gc\ngc.set_debug(gc.DEBUG_SAVEALL)\nclass A: pass\nx = A(); x.me = x\ni = hex(id(x))\ndel x\ngc.collect()\nprint(i)\n');
    expect(r.error).toBeNull();
    const p = sb2.whyAlive(r.stdout.trim(), 100_000)!;
    expect(p.root).toEqual({ kind: 'gc.garbage', name: 'gc.garbage', frame: '<module>' });
    expect(p.expression).toBe('gc.garbage[0]');
  });

  it('stops at its budget and says so', () => {
    const p = sb.whyAlive(ids.deep!, 3)!;
    expect(p.status).toBe('unknown');
    expect(p.examined).toBe(3);
    expect(p.chain).toEqual([]);
  });

  it('answers null for an id that is not a live object', () => {
    expect(sb.whyAlive('0x1', 100)).toBeNull();
    expect(sb.whyAlive('nonsense', 100)).toBeNull();
  });
});
