// Interpreter features one by one; expected outputs were produced by CPython 3.11.7
// (conformance/oracle.py) and hard-coded here.
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';
import { compareOutcome } from '../../conformance/run-sandbox.js';

const CASES: Record<string, { source: string; stdout: string; stderr: string }> = {
  "refcount_args": { source: "import sys\nx = []\ndef f(a):\n    return sys.getrefcount(a)\nprint(sys.getrefcount(x), f(x))\n", stdout: "2 3\n", stderr: "" },
  "method_self": { source: "import sys\nclass C:\n    def m(self):\n        return sys.getrefcount(self)\nc = C()\nprint(c.m(), sys.getrefcount(c))\nm = c.m\nprint(sys.getrefcount(c))\n", stdout: "3 2\n3\n", stderr: "" },
  "closure_cell": { source: "def outer():\n    x = [1]\n    def inner():\n        return len(x)\n    return inner\nf = outer()\nprint(f(), f.__closure__[0].cell_contents)\n", stdout: "1 [1]\n", stderr: "" },
  "nonlocal": { source: "def counter():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\nc = counter()\nc(); c()\nprint(c())\n", stdout: "3\n", stderr: "" },
  "generator": { source: "def g(n):\n    for i in range(n):\n        x = yield i\n        if x:\n            print('got', x)\n    return 'done'\nit = g(3)\nprint(next(it), it.send('hi'), next(it))\ntry:\n    next(it)\nexcept StopIteration as e:\n    print('stop', e.value)\nprint(list(x * 2 for x in range(4)), sum(i for i in range(10)))\n", stdout: "got hi\n0 1 2\nstop done\n[0, 2, 4, 6] 45\n", stderr: "" },
  "del_order": { source: "class V:\n    def __init__(self, n): self.n = n\n    def __del__(self): print('del', self.n)\ndef f():\n    a = V(1)\n    b = V(2)\n    c = V(3)\nf()\nl = [V(4), V(5)]\ndel l\nd = {'x': V(6), 'y': V(7)}\nd = None\n", stdout: "del 1\ndel 2\ndel 3\ndel 5\ndel 4\ndel 6\ndel 7\n", stderr: "" },
  "cycle_collect": { source: "import gc\ngc.disable()\nclass N:\n    pass\na = N(); b = N(); a.o = b; b.o = a\ndel a, b\nprint(gc.collect())\nl = []; l.append(l)\ndel l\nprint(gc.collect())\n", stdout: "2\n1\n", stderr: "" },
  "finalizer_exception": { source: "class B:\n    def __del__(self):\n        1/0\nb = B()\ndel b\nprint('after')\n", stdout: "after\n", stderr: "Exception ignored in: <function B.__del__ at 0x7f60cedde2a0>\nTraceback (most recent call last):\n  File \"finalizer_exception.py\", line 3, in __del__\n    1/0\n    ~^~\nZeroDivisionError: division by zero\n" },
  "exceptions": { source: "try:\n    {}['k']\nexcept KeyError as e:\n    print(repr(e), str(e))\ntry:\n    raise ValueError('bad', 2)\nexcept Exception as e:\n    print(e, e.args)\nclass MyErr(Exception):\n    pass\ntry:\n    raise MyErr('x')\nexcept MyErr as e:\n    print(type(e).__name__, e)\nfinally:\n    print('fin')\n", stdout: "KeyError('k') 'k'\n('bad', 2) ('bad', 2)\nMyErr x\nfin\n", stderr: "" },
  "formatting": { source: "print(f'{3.14159:.2f}|{42:>6}|{42:<6}|{42:^6}|{1234567:,}|{255:#x}|{0.25:%}|{12345.678:e}|{7:05d}')\nprint('%s-%d-%.3f-%r' % ('a', 5, 2.5, 'q'))\nprint('{} {:>4} {name}'.format(1, 2, name='n'))\nprint(0.1, 1e-05, 1e16, 1e22, 123456789.0, float('inf'), -0.0, 2.5e-7, 1/3)\n", stdout: "3.14|    42|42    |  42  |1,234,567|0xff|25.000000%|1.234568e+04|00007\na-5-2.500-'q'\n1    2 n\n0.1 1e-05 1e+16 1e+22 123456789.0 inf -0.0 2.5e-07 0.3333333333333333\n", stderr: "" },
  "reprs": { source: "l = [1, 'a', (2,), {'k': None}, {3}, set(), frozenset()]\nl.append(l)\nprint(l)\nprint(repr('it\\'s'), repr('say \"hi\"'), repr('a\\nb'))\nclass P:\n    def __repr__(self): return 'P()'\nprint([P()], str(P()))\n", stdout: "[1, 'a', (2,), {'k': None}, {3}, set(), frozenset(), [...]]\n\"it's\" 'say \"hi\"' 'a\\nb'\n[P()] P()\n", stderr: "" },
  "arith": { source: "print(7 // 2, -7 // 2, 7 % -3, 2 ** 100, 10 / 4, 2 ** -1, divmod(-7, 2), abs(-3.5), round(2.5), round(3.14159, 2))\nprint(1 == 1.0, True + 1, 'ab' * 3, [0] * 3, (1, 2) + (3,), 3 < 4 < 5, 'b' > 'a')\n", stdout: "3 -4 -2 1267650600228229401496703205376 2.5 0.5 (-4, 1) 3.5 2 3.14\nTrue 2 ababab [0, 0, 0] (1, 2, 3) True True\n", stderr: "" },
  "builtins": { source: "print(sorted([3, 1, 2], reverse=True), list(zip('ab', [1, 2, 3])), list(enumerate('xy', 1)), min([4, 2, 8]), max('hello'))\nprint(any([0, 1]), all([]), list(map(str, [1, 2])), list(filter(None, [0, 1, 2])), isinstance(True, int), issubclass(bool, int))\nprint(dict(a=1, b=2), list(range(10, 0, -3)), 'a,b,c'.split(','), '-'.join(['x', 'y']), ' pad '.strip(), 'Hello'.upper())\n", stdout: "[3, 2, 1] [('a', 1), ('b', 2)] [(1, 'x'), (2, 'y')] 2 o\nTrue True ['1', '2'] [1, 2] True True\n{'a': 1, 'b': 2} [10, 7, 4, 1] ['a', 'b', 'c'] x-y pad HELLO\n", stderr: "" },
  "sizes": { source: "import sys\nprint(sys.getsizeof([]), sys.getsizeof([1, 2, 3]), sys.getsizeof([n for n in range(10)]), sys.getsizeof(list(range(10))), sys.getsizeof({}), sys.getsizeof({'a': 1}), sys.getsizeof(()), sys.getsizeof((1, 2)), sys.getsizeof('abc'), sys.getsizeof(2 ** 64))\n", stdout: "56 88 184 136 64 184 40 56 52 36\n", stderr: "" },
  "weakref": { source: "import weakref\nclass C:\n    pass\nc = C()\nw = weakref.ref(c, lambda r: print('cb', r() is None))\nprint(w() is c, weakref.getweakrefcount(c))\ndel c\nprint(w())\nf = weakref.finalize(C(), print, 'finalized')\nprint(f.alive)\n", stdout: "True 1\ncb True\nNone\nfinalized\nFalse\n", stderr: "" },
  "gc_module": { source: "import gc\ngc.disable()\nprint(gc.isenabled(), gc.get_threshold(), gc.is_tracked([]), gc.is_tracked(1), gc.is_tracked({}), gc.is_tracked({'a': []}))\ngc.set_threshold(500, 5, 5)\nprint(gc.get_threshold())\ngc.enable()\nprint(gc.isenabled(), gc.get_debug())\nprint([sorted(d) for d in gc.get_stats()][0])\n", stdout: "False (700, 10, 10) True False False True\n(500, 5, 5)\nTrue 0\n['collected', 'collections', 'uncollectable']\n", stderr: "" },
  "classes": { source: "class A:\n    kind = 'a'\n    def __init__(self, v):\n        self.v = v\n    def show(self):\n        return f'{self.kind}:{self.v}'\n    @staticmethod\n    def s():\n        return 'static'\n    @classmethod\n    def c(cls):\n        return cls.__name__\n    @property\n    def double(self):\n        return self.v * 2\nclass B(A):\n    kind = 'b'\n    def show(self):\n        return 'B' + super().show()\nb = B(3)\nprint(b.show(), B.s(), B.c(), b.double, isinstance(b, A), B.__mro__)\n", stdout: "Bb:3 static B 6 True (<class '__main__.B'>, <class '__main__.A'>, <class 'object'>)\n", stderr: "" },
  "control": { source: "for i in range(5):\n    if i == 1:\n        continue\n    if i == 3:\n        break\n    print(i)\nelse:\n    print('no')\nn = 0\nwhile n < 3:\n    n += 1\nelse:\n    print('done', n)\na, *b, c = [1, 2, 3, 4]\nprint(a, b, c)\nx = y = [1]\nprint(x is y, [i * j for i in range(3) for j in range(2) if j], {k: k * k for k in range(3)}, {v % 2 for v in range(5)})\n", stdout: "0\n2\ndone 3\n1 [2, 3] 4\nTrue [0, 1, 2] {0: 0, 1: 1, 2: 4} {0, 1}\n", stderr: "" },
};

describe('interpreter features (expected output from CPython 3.11)', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, () => {
      const r = new Sandbox().exec(c.source);
      expect(compareOutcome(r, c)).toBeNull();
    });
  }
});

describe('sandbox behaviour around the interpreter', () => {
  it('keeps globals across exec calls (notebook cells)', () => {
    const sb = new Sandbox();
    expect(sb.exec('x = [1, 2]\ndef f():\n    return len(x)\n').error).toBeNull();
    expect(sb.exec('print(f(), x)\n').stdout).toBe('2 [1, 2]\n');
  });

  it('reports a SyntaxError with line and column, running nothing', () => {
    const r = new Sandbox().exec('print(1)\nx = (\n');
    expect(r.stdout).toBe('');
    expect(r.error?.type).toBe('SyntaxError');
    expect(r.error?.line).toBe(2);
    expect(r.stderr).toContain("SyntaxError: '(' was never closed");
  });

  it('reports an uncaught exception with a traceback and keeps the sandbox usable', () => {
    const sb = new Sandbox();
    const r = sb.exec('d = {}\nprint(d["k"])\n');
    expect(r.error).toMatchObject({ type: 'KeyError', message: "'k'", line: 2 });
    expect(r.stderr).toBe('Traceback (most recent call last):\n  File "<sandbox>", line 2, in <module>\n    print(d["k"])\n          ~^^^^^\nKeyError: \'k\'\n');
    expect(sb.exec('print(len(d))\n').stdout).toBe('0\n');
  });

  it('stops a runaway loop at the step budget and stays usable', () => {
    const sb = new Sandbox({ limits: { maxSteps: 100_000 } });
    const r = sb.exec('while True:\n    pass\n');
    expect(r.error?.type).toBe('TimeoutError');
    expect(r.error?.message).toMatch(/step budget exhausted/);
    expect(sb.exec('print("still here")\n').stdout).toBe('still here\n');
  });

  it('raises RecursionError at the recursion limit without a JS stack overflow escaping', () => {
    const r = new Sandbox().exec('def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError as e:\n    print(e)\n');
    expect(r.stdout).toBe('maximum recursion depth exceeded\n');
  });

  it('refuses a standard-library module it lacks, naming it', () => {
    for (const src of ['import os\n', 'from os import path\n', 'import os.path\n', '__import__("os")\n']) {
      const r = new Sandbox().exec(src);
      expect(r.error?.type).toBe('NotImplementedError');
      expect(r.error?.message).toMatch(/^heaplab does not support the 'os(\.path)?' module$/);
    }
  });

  it('keeps CPython\'s ModuleNotFoundError for modules CPython 3.11 on Linux cannot import', () => {
    // Messages from python3 3.11.7.
    const cases: Record<string, string> = {
      'import nosuch\n': "No module named 'nosuch'",
      'from nosuch import x\n': "No module named 'nosuch'",
      'import nosuch.sub\n': "No module named 'nosuch'",
      'import winreg\n': "No module named 'winreg'",
      'import gc.x\n': "No module named 'gc.x'; 'gc' is not a package",
    };
    for (const [src, msg] of Object.entries(cases)) {
      const r = new Sandbox().exec(src);
      expect(r.error).toMatchObject({ type: 'ModuleNotFoundError', message: msg });
    }
  });

  it('gives slotted instances no __dict__ (python3: AttributeError at line 4)', () => {
    const r = new Sandbox().exec("class P:\n    __slots__ = ('x',)\np = P()\np.z = 3\nprint('unreached')\n");
    expect(r.stdout).toBe('');
    expect(r.error).toMatchObject({ type: 'AttributeError', message: "'P' object has no attribute 'z'", line: 4 });
  });
});
