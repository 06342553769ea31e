// Uncaught-exception tracebacks and "Exception ignored in" blocks, byte for byte against
// CPython 3.11.7: the caret lines (`^^^`, `~~~^^^` anchors) under each entry's source line.
// Expected texts come from `python3 prog.py` (run from its folder) and are hard-coded; only
// the file name (the sandbox has no file) and addresses are normalised.
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';
import { sourceAndCarets } from '../../../sandbox/python/carets.js';

const mask = (s: string): string => s.replace(/0x[0-9a-f]+/g, '0x?');

function run(source: string): { stdout: string; stderr: string } {
  const r = new Sandbox().exec(source);
  return { stdout: r.stdout, stderr: r.stderr.replaceAll('File "<sandbox>"', 'File "prog.py"') };
}

const CASES: [title: string, source: string, stdout: string, stderr: string][] = [
  ["a call's failure points at the call",
    "def f(x):\n    return int(x)\n\ny = f('z')\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 4, in <module>\n    y = f('z')\n        ^^^^^^\n  File \"prog.py\", line 2, in f\n    return int(x)\n           ^^^^^^\nValueError: invalid literal for int() with base 10: 'z'\n"],
  ["division by zero anchors on the operator",
    "x = 1/0\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 1, in <module>\n    x = 1/0\n        ~^~\nZeroDivisionError: division by zero\n"],
  ["a + b TypeError anchors on the operator with the operands in tildes",
    "a = 1\nb = 'two'\nc = a + b  # mixed\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 3, in <module>\n    c = a + b  # mixed\n        ~~^~~\nTypeError: unsupported operand type(s) for +: 'int' and 'str'\n"],
  ["a two-character operator gets two carets",
    "n = 7\nq = n // 0\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 2, in <module>\n    q = n // 0\n        ~~^^~~\nZeroDivisionError: integer division or modulo by zero\n"],
  ["parenthesised left operand",
    "x = (1) + 'a'\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 1, in <module>\n    x = (1) + 'a'\n        ~~~~^~~~~\nTypeError: unsupported operand type(s) for +: 'int' and 'str'\n"],
  ["dict subscript",
    "d = {}\nv = d['k']\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 2, in <module>\n    v = d['k']\n        ~^^^^^\nKeyError: 'k'\n"],
  ["list subscript inside a call",
    "l = [1, 2]\nprint(l[10])\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 2, in <module>\n    print(l[10])\n          ~^^^^\nIndexError: list index out of range\n"],
  ["subscript assignment and deletion",
    "l = []\ntry:\n    l[0] = 1\nexcept IndexError:\n    pass\nd = {}\ndel d['gone']\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 7, in <module>\n    del d['gone']\n        ~^^^^^^^^\nKeyError: 'gone'\n"],
  ["augmented assignment loads the target",
    "counts = {}\ncounts['a'] += 1\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 2, in <module>\n    counts['a'] += 1\n    ~~~~~~^^^^^\nKeyError: 'a'\n"],
  ["attribute load",
    "class C:\n    pass\n\nc = C()\nprint(c.missing)\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 5, in <module>\n    print(c.missing)\n          ^^^^^^^^^\nAttributeError: 'C' object has no attribute 'missing'\n"],
  ["missing method points at the attribute only",
    "class C:\n    pass\n\nC().nomethod(1, 2)\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 4, in <module>\n    C().nomethod(1, 2)\n    ^^^^^^^^^^^^\nAttributeError: 'C' object has no attribute 'nomethod'\n"],
  ["a raise statement spanning its line has no carets",
    "def check(v):\n    if v < 0:\n        raise ValueError(f'negative: {v}')\n    return v\n\ncheck(-1)\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 6, in <module>\n    check(-1)\n  File \"prog.py\", line 3, in check\n    raise ValueError(f'negative: {v}')\nValueError: negative: -1\n"],
  ["a raise after a colon is marked",
    "if True: raise KeyError('x')\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 1, in <module>\n    if True: raise KeyError('x')\n             ^^^^^^^^^^^^^^^^^^^\nKeyError: 'x'\n"],
  ["nested frames",
    "def outer(x):\n    return middle(x) + 1\n\ndef middle(y):\n    return inner(y) * 2\n\ndef inner(z):\n    return z['key']\n\nouter([])\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 10, in <module>\n    outer([])\n  File \"prog.py\", line 2, in outer\n    return middle(x) + 1\n           ^^^^^^^^^\n  File \"prog.py\", line 5, in middle\n    return inner(y) * 2\n           ^^^^^^^^\n  File \"prog.py\", line 8, in inner\n    return z['key']\n           ~^^^^^^^\nTypeError: list indices must be integers or slices, not str\n"],
  ["name error and unpacking",
    "def f():\n    a, b = [1, 2, 3]\n\nprint(undefined_name if False else 0)\nf()\n",
    "0\n",
    "Traceback (most recent call last):\n  File \"prog.py\", line 5, in <module>\n    f()\n  File \"prog.py\", line 2, in f\n    a, b = [1, 2, 3]\n    ^^^^\nValueError: too many values to unpack (expected 2)\n"],
  ["comprehension frame",
    "vals = [1, 0]\nr = [10 / v for v in vals]\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 2, in <module>\n    r = [10 / v for v in vals]\n        ^^^^^^^^^^^^^^^^^^^^^^\n  File \"prog.py\", line 2, in <listcomp>\n    r = [10 / v for v in vals]\n         ~~~^~~\nZeroDivisionError: division by zero\n"],
  ["assert with a comparison marks the comparison",
    "x = 3\nassert x == 4, 'x is not 4'\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 2, in <module>\n    assert x == 4, 'x is not 4'\n           ^^^^^^\nAssertionError: x is not 4\n"],
  ["assert without a comparison",
    "ok = False\nassert ok\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 2, in <module>\n    assert ok\nAssertionError\n"],
  ["multi-line expression marks to the end of its first line",
    "total = (1 +\n         'a')\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 1, in <module>\n    total = (1 +\n             ^^^\nTypeError: unsupported operand type(s) for +: 'int' and 'str'\n"],
  ["recursion collapse keeps the carets",
    "def down(n):\n    return down(n + 1)\n\ndown(0)\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 4, in <module>\n    down(0)\n  File \"prog.py\", line 2, in down\n    return down(n + 1)\n           ^^^^^^^^^^^\n  File \"prog.py\", line 2, in down\n    return down(n + 1)\n           ^^^^^^^^^^^\n  File \"prog.py\", line 2, in down\n    return down(n + 1)\n           ^^^^^^^^^^^\n  [Previous line repeated 996 more times]\nRecursionError: maximum recursion depth exceeded\n"],
  ["bounded recursion collapse",
    "def f(n):\n    if n == 0:\n        return 1 / n\n    return f(n - 1)\n\nf(10)\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 6, in <module>\n    f(10)\n  File \"prog.py\", line 4, in f\n    return f(n - 1)\n           ^^^^^^^^\n  File \"prog.py\", line 4, in f\n    return f(n - 1)\n           ^^^^^^^^\n  File \"prog.py\", line 4, in f\n    return f(n - 1)\n           ^^^^^^^^\n  [Previous line repeated 7 more times]\n  File \"prog.py\", line 3, in f\n    return 1 / n\n           ~~^~~\nZeroDivisionError: division by zero\n"],
  ["exception in __del__",
    "class C:\n    def __del__(self):\n        self.close()\n\n    def close(self):\n        return 1 + 'x'\n\nc = C()\ndel c\nprint('after')\n",
    "after\n",
    "Exception ignored in: <function C.__del__ at 0x7f59708f9bc0>\nTraceback (most recent call last):\n  File \"prog.py\", line 3, in __del__\n    self.close()\n  File \"prog.py\", line 6, in close\n    return 1 + 'x'\n           ~~^~~~~\nTypeError: unsupported operand type(s) for +: 'int' and 'str'\n"],
  ["raise in __del__",
    "class C:\n    def __del__(self):\n        raise RuntimeError('boom')\n\nc = C()\nc = None\n",
    "",
    "Exception ignored in: <function C.__del__ at 0x7f69132a9bc0>\nTraceback (most recent call last):\n  File \"prog.py\", line 3, in __del__\n    raise RuntimeError('boom')\nRuntimeError: boom\n"],
  ["non-ASCII source: accented",
    "s = 'héllo'; t = s + 1\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 1, in <module>\n    s = 'héllo'; t = s + 1\n                     ~~^~~\nTypeError: can only concatenate str (not \"int\") to str\n"],
  ["non-ASCII source: wide characters count two columns",
    "名前 = {'日本': 1}; v = 名前['東京']\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 1, in <module>\n    名前 = {'日本': 1}; v = 名前['東京']\n                            ~~~~^^^^^^^^\nKeyError: '東京'\n"],
  ["non-ASCII source: emoji",
    "s = '😀'; x = [s][3]\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 1, in <module>\n    s = '😀'; x = [s][3]\n                  ~~~^^^\nIndexError: list index out of range\n"],
  ["indented body with trailing comment",
    "def f():\n    data = {'a': [1]}\n    return data['a'][5]  # out of range\n\nf()\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 5, in <module>\n    f()\n  File \"prog.py\", line 3, in f\n    return data['a'][5]  # out of range\n           ~~~~~~~~~^^^\nIndexError: list index out of range\n"],
  ["a comprehension's loop has the comprehension's position",
    "def g():\n    yield 1\n    return {}['k']\n\nl = [x for x in g()]\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 5, in <module>\n    l = [x for x in g()]\n        ^^^^^^^^^^^^^^^^\n  File \"prog.py\", line 5, in <listcomp>\n    l = [x for x in g()]\n        ^^^^^^^^^^^^^^^^\n  File \"prog.py\", line 3, in g\n    return {}['k']\n           ~~^^^^^\nKeyError: 'k'\n"],

  // Chained exceptions (__context__, __cause__, __suppress_context__) and re-raise.
  ["a caught exception's traceback keeps the raising frame's locals until the except block ends",
    "class D:\n    def __init__(self, n): self.n = n\n    def __del__(self): print(\"del\", self.n)\n\ndef f(n):\n    d = D(n)\n    raise ValueError(n)\n\nkeep = []\ntry:\n    f(1)\nexcept ValueError as e:\n    print(\"caught 1\")\nprint(\"after 1\")\ntry:\n    f(2)\nexcept ValueError as e:\n    keep.append(e)\n    print(\"caught 2\")\nprint(\"after 2\")\nkeep.clear()\nprint(\"cleared\")\ntry:\n    f(3)\nexcept ValueError as e:\n    err = e\nprint(\"after 3\")\ndel err\nprint(\"deleted err\")\nimport sys\ntry:\n    f(4)\nexcept ValueError as e:\n    print(sys.getrefcount(e))\nprint(\"end\")\n",
    "caught 1\ndel 1\nafter 1\ncaught 2\nafter 2\ndel 2\ncleared\nafter 3\ndel 3\ndeleted err\n3\ndel 4\nend\n",
    ""],
  ["raise ... from e prints the cause first, each block with its own carets",
    "def parse(s):\n    return int(s)\n\ndef load(s):\n    try:\n        return parse(s)\n    except ValueError as e:\n        raise RuntimeError(\"bad config\") from e\n\nload(\"x\")\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 6, in load\n    return parse(s)\n           ^^^^^^^^\n  File \"prog.py\", line 2, in parse\n    return int(s)\n           ^^^^^^\nValueError: invalid literal for int() with base 10: 'x'\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n  File \"prog.py\", line 10, in <module>\n    load(\"x\")\n  File \"prog.py\", line 8, in load\n    raise RuntimeError(\"bad config\") from e\nRuntimeError: bad config\n"],
  ["an error inside an except block prints the handled one as its context",
    "d = {}\ntry:\n    d[\"k\"]\nexcept KeyError:\n    print(undefined_name)\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 3, in <module>\n    d[\"k\"]\n    ~^^^^^\nKeyError: 'k'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"prog.py\", line 5, in <module>\n    print(undefined_name)\n          ^^^^^^^^^^^^^^\nNameError: name 'undefined_name' is not defined\n"],
  ["raise ... from None suppresses the context",
    "def f():\n    try:\n        1 / 0\n    except ZeroDivisionError:\n        raise ValueError(\"no zero\") from None\n\nf()\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 7, in <module>\n    f()\n  File \"prog.py\", line 5, in f\n    raise ValueError(\"no zero\") from None\nValueError: no zero\n"],
  ["raise e of a caught exception keeps its traceback and adds the new frame in front",
    "def inner():\n    raise KeyError(\"a\")\n\ndef outer():\n    try:\n        inner()\n    except KeyError as e:\n        err = e\n    print(\"caught\")\n    raise err\n\nouter()\n",
    "caught\n",
    "Traceback (most recent call last):\n  File \"prog.py\", line 12, in <module>\n    outer()\n  File \"prog.py\", line 10, in outer\n    raise err\n  File \"prog.py\", line 6, in outer\n    inner()\n  File \"prog.py\", line 2, in inner\n    raise KeyError(\"a\")\nKeyError: 'a'\n"],
  ["an exception raised in finally has the pending one as its context",
    "def f():\n    try:\n        raise ValueError(\"body\")\n    finally:\n        raise TypeError(\"finally\")\n\nf()\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 3, in f\n    raise ValueError(\"body\")\nValueError: body\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"prog.py\", line 7, in <module>\n    f()\n  File \"prog.py\", line 5, in f\n    raise TypeError(\"finally\")\nTypeError: finally\n"],
  ["a bare raise in a helper re-raises without an entry for the helper",
    "def helper():\n    raise\n\ntry:\n    [][1]\nexcept IndexError:\n    helper()\n",
    "",
    "Traceback (most recent call last):\n  File \"prog.py\", line 7, in <module>\n    helper()\n  File \"prog.py\", line 5, in <module>\n    [][1]\n    ~~^^^\nIndexError: list index out of range\n"],
  ["Exception ignored in prints no chain",
    "class Noisy:\n    def __del__(self):\n        try:\n            1 / 0\n        except ZeroDivisionError:\n            raise ValueError(\"in del\")\n\nn = Noisy()\ndel n\nprint(\"after\")\n",
    "after\n",
    "Exception ignored in: <function Noisy.__del__ at 0x7fe1fb225bc0>\nTraceback (most recent call last):\n  File \"prog.py\", line 6, in __del__\n    raise ValueError(\"in del\")\nValueError: in del\n"],
  ["context cycles are cut; __exit__ raising while handling the body's exception",
    "try:\n    try:\n        raise ValueError(1)\n    except ValueError as e:\n        try:\n            raise TypeError(2)\n        except TypeError as t:\n            raise e\nexcept ValueError as v:\n    print(repr(v.__context__), repr(v.__context__.__context__))\nclass CM:\n    def __enter__(self): return self\n    def __exit__(self, *a):\n        raise RuntimeError(\"exit\")\nwith CM():\n    raise KeyError(\"body\")\n",
    "TypeError(2) None\n",
    "Traceback (most recent call last):\n  File \"prog.py\", line 16, in <module>\n    raise KeyError(\"body\")\nKeyError: 'body'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"prog.py\", line 15, in <module>\n    with CM():\n  File \"prog.py\", line 14, in __exit__\n    raise RuntimeError(\"exit\")\nRuntimeError: exit\n"],
  ["__traceback__, tb_next, __cause__, __suppress_context__; a cause that was never raised has no traceback",
    "def f():\n    try:\n        raise ValueError(\"v\")\n    except ValueError as e:\n        raise e\n\ndef g():\n    f()\n\ntry:\n    g()\nexcept ValueError as e:\n    tb = e.__traceback__\n    n = 0\n    while tb:\n        n += 1\n        print(tb.tb_lineno)\n        tb = tb.tb_next\ne2 = ValueError(\"x\")\ntry:\n    raise TypeError(\"t\") from e2\nexcept TypeError as t:\n    print(t.__cause__ is e2, t.__context__, t.__suppress_context__)\n    t.__cause__ = None\n    print(t.__cause__)\nraise KeyError(\"k\") from ValueError(\"cause never raised\")\n",
    "11\n8\n5\n3\nTrue None True\nNone\n",
    "ValueError: cause never raised\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n  File \"prog.py\", line 26, in <module>\n    raise KeyError(\"k\") from ValueError(\"cause never raised\")\nKeyError: 'k'\n"],
];

describe('tracebacks match CPython 3.11 byte for byte', () => {
  for (const [title, source, stdout, stderr] of CASES) {
    it(title, () => {
      const got = run(source);
      expect(got.stdout).toBe(stdout);
      expect(mask(got.stderr)).toBe(mask(stderr));
    });
  }
});

describe('sourceAndCarets (traceback.c rules)', () => {
  const at = (lineno: number, col: number, endLineno: number, endCol: number) =>
    ({ lineno, col_offset: col, end_lineno: endLineno, end_col_offset: endCol });
  it('prints no marker when the instruction spans the whole line', () => {
    expect(sourceAndCarets('    foo(1)', at(1, 4, 1, 10))).toBe('    foo(1)\n');
  });
  it('prints no marker without a position', () => {
    expect(sourceAndCarets('  x = a + b', null)).toBe('    x = a + b\n');
  });
  it('prints no marker for a line without columns (co_positions gives None, as tb_displayline skips)', () => {
    expect(sourceAndCarets('  x = a + b', at(1, -1, 1, -1))).toBe('    x = a + b\n');
  });
  it('anchors a binary operation even when it spans the whole line', () => {
    expect(sourceAndCarets('1/0', at(1, 0, 1, 3))).toBe('    1/0\n    ~^~\n');
  });
  it('converts byte offsets to characters, also inside the left operand', () => {
    // python3: the operator of `'é' + 1` is at character 4 (byte 5).
    expect(sourceAndCarets("x = 'é' + 1", at(1, 4, 1, 12))).toBe("    x = 'é' + 1\n        ~~~~^~~\n");
  });
  it('keeps trailing blanks, which then keep the marker of a whole statement', () => {
    // python3 prog.py with `raise ValueError(1)   ` (trailing blanks) marks the raise.
    expect(sourceAndCarets('raise ValueError(1)   ', at(1, 0, 1, 19)))
      .toBe('    raise ValueError(1)   \n    ^^^^^^^^^^^^^^^^^^^\n');
  });
  it('marks a multi-line instruction to the end of its first line', () => {
    expect(sourceAndCarets('x = (1 +   ', at(1, 5, 2, 5))).toBe('    x = (1 +   \n         ^^^\n');
  });
});
