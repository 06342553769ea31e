/**
 * Freed memory is handed out again, as CPython 3.11's free lists and pymalloc do (see
 * sandbox/addresses.ts). Every expected output below is what python3 3.11.7 printed for the
 * program (run by test/conformance/oracle.py).
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox.js';

const CASES: [program: string, cpython: string][] = [
  [
    "print(id([]) == id([]), id({}) == id({}), id(object()) == id(object()), id(set()) == id(set()))\n",
    "True True True True\n",
  ],
  [
    "class A: pass\nprint(id(A()) == id(A()), id(A()) == id([]), id([]) == id({}))\n",
    "True False False\n",
  ],
  [
    "class A: pass\nclass B:\n    def __init__(self, v):\n        self.v = v\nprint(id(A()) == id(B(1)), id(B(1)) == id(B(2)))\n",
    "True True\n",
  ],
  [
    "a = [1]\ni = id(a)\ndel a\nb = [2]\nprint(id(b) == i)\n",
    "True\n",
  ],
  [
    "class A: pass\np = q = None\nx = A()\ny = A()\ni, j = id(x), id(y)\ndel x, y\np = A()\nq = A()\nprint(id(p) == j, id(q) == i)\n",
    "True True\n",
  ],
  [
    "class A: pass\nl1 = [A() for _ in range(3)]\nids = [id(o) for o in l1]\ndel l1\nl2 = [A() for _ in range(3)]\nprint([ids.index(id(o)) if id(o) in ids else None for o in l2])\n",
    "[0, 1, 2]\n",
  ],
  [
    "for k in range(3):\n    x = []\n    print(id(x) == id([]))\n",
    "False\nFalse\nFalse\n",
  ],
  [
    "class A: pass\nids = []\nfor k in range(3):\n    ids.append(id(A()))\nprint(ids[0] == ids[1] == ids[2])\n",
    "True\n",
  ],
  [
    "k = 2\nprint(id(str(k) * 3) == id(str(k) * 3))\n",
    "False\n",
  ],
  [
    "k = 1\nfor n in (19, 20, 21):\n    a = tuple(range(n * k))\n    i = id(a)\n    del a\n    b = tuple(range(n * k))\n    print(n, id(b) == i)\n    del b\n",
    "19 True\n20 False\n21 True\n",
  ],
  [
    "class A: pass\nk = 9\nprint(id(A()) == id('abcdefgh' + str(k)))\n",
    "False\n",
  ],
  [
    "k = 1\nprint(id('x' * (1400 * k)) == id('y' * (2100 * k)), id('x' * (600 * k)) == id('y' * (700 * k)), id('x' * (600 * k)) == id('y' * (600 * k)))\n",
    "True False True\n",
  ],
  [
    "k = 1\nprint(id((k, [])) == id((k, [])), id((k,)) == id((k, k)))\n",
    "True False\n",
  ],
  [
    "class B:\n    def m(self): pass\nb = B()\ndef f(): yield 1\nprint(id(b.m) == id(b.m), id(iter([])) == id(iter([])), id(f()) == id(f()), id(b.m) == id(iter([])))\n",
    "True True True False\n",
  ],
  [
    "class Node:\n    def __init__(self, name):\n        self.name = name\n    def __repr__(self):\n        return \"Node(%s)\" % self.name\na = Node(1)\nold = id(a)\ndel a\nb = Node(2)\nprint(id(b) == old, b)\n",
    "True Node(2)\n",
  ],  [
    // A name first bound between the del and the new object was interned by the parser.
    "class Point:\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\np1 = Point(1, 2)\naddr = id(p1)\ndel p1\ntmp_value = 5\np2 = Point(3, 4)\nprint(id(p2) == addr)\n",
    "True\n",
  ],
];

describe('address reuse', () => {
  it.each(CASES)('%s', (program, cpython) => {
    const r = new Sandbox().exec(program);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(cpython);
  });

  it('never gives two live objects one id', () => {
    const sb = new Sandbox();
    // Lists, tuples of several lengths, instances, strs and big ints born and freed in
    // an interleaved order, so every kind of freed block is handed out again.
    const r = sb.exec([
      'class A: pass',
      'live = []',
      'for i in range(600):',
      '    k = i % 5',
      '    live.append([] if k == 0 else (i, i) if k == 1 else A() if k == 2 else str(i) * 3 if k == 3 else 10 ** 20 + i)',
      '    if i % 3 == 0:',
      '        del live[(i * 7) % len(live)]',
      'ids = [id(o) for o in live]',
      'print(len(ids), len(set(ids)))',
    ].join('\n') + '\n');
    expect(r.stderr).toBe('');
    const [n, distinct] = r.stdout.trim().split(' ');
    expect(distinct).toBe(n);
    const all = sb.listObjects({ offset: 0, limit: 1_000_000 }).items.map((o) => o.id);
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives the same ids on replay and in a fork', () => {
    const program = 'class A: pass\nx = [A() for _ in range(5)]\ndel x[1:3]\ny = (A(), [], {})\nprint([hex(id(o)) for o in x + list(y)])\n';
    const sb = new Sandbox();
    const first = sb.exec(program).stdout;
    const again = Sandbox.replay(sb.log()).exec(program).stdout;
    const forked = sb.fork().exec(program).stdout;
    expect(sb.exec(program).stdout).toBe(again);
    expect(forked).toBe(again);
    expect(first).toMatch(/^\['0x7f/);
  });
});
