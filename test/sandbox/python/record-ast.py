#!/usr/bin/env python3
"""Record CPython 3.11's view of the parser test corpus.

For every snippet below (plus the conformance programs and the seed notebook
cells), compile it with CPython. A snippet that compiles is recorded as its
`ast.parse` tree in the normalised JSON shape that parser.test.ts builds from
heaplab's AST; one that fails is recorded as its SyntaxError (type, msg,
lineno, offset, end_lineno, end_offset).

    python3 test/sandbox/python/record-ast.py            # rewrite the fixture
    python3 test/sandbox/python/record-ast.py --stdout   # print it instead

Must be run with CPython 3.11 (messages and positions differ between
versions). The conformance/seed sources are read from /work/shared when it
exists; the fixture keeps their text, so the test does not need them.
"""

import ast
import glob
import json
import os
import re
import sys
import warnings

warnings.simplefilter("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "fixtures", "ast-cases.json")
SHARED = "/work/shared"

# ---------------------------------------------------------------------------
# Valid syntax

VALID = {
    # literals
    "ints": "0\n7\n1_000_000\n0x_FF\n0o17\n0b1010_1010\n123456789012345678901234567890\n0XAB\n00\n0_0\n",
    "floats": "1.5\n1.\n.5\n1e10\n1E-3\n1_0.0_1e+1_0\n0.0\n3.14j\n1e3J\n10j\n",
    "strings": "'a'\n\"b\"\n'''c\nd'''\n\"\"\"e\"\"\"\nr'\\n'\nR\"\\d\"\nu'x'\nb'by'\nB'\\x00\\xff'\nrb'\\x'\nBR'x'\n",
    "escapes": "'\\n\\t\\r\\\\\\'\\\"\\a\\b\\f\\v\\0\\101\\x41\\u00e9\\U0001F600\\q'\n'a\\\nb'\nb'\\101\\n'\n",
    "implicit concat": "x = ('a' 'b'\n     \"c\")\ny = b'a' b'b'\nz = 'x' r'\\y'\n",
    "unicode": "s = 'héllo wörld'\nt = '日本語'\né = 1\nprint(s, t, é)\nu = '😀'; v = 2\n",
    "constants": "None\nTrue\nFalse\n...\nx = ...\n",
    # f-strings
    "fstring simple": "f'a{x}b'\nf\"{x!r} {y!s} {z!a}\"\nf'{{}}{x}}}'\nf''\nF'{x}'\n",
    "fstring spec": "f'{x:>10}'\nf'{x:{w}.{p}f}'\nf'{x!r:^{w}}'\nf'{3.14:.2f}'\n",
    "fstring nested": "f'{f\"{x}\"}'\nf'{[a for a in b]}'\nf'{d[\"k\"]}'\nf'{x if y else z}'\nf'{ x }'\nf'{x, y}'\n",
    "fstring concat": "x = 'a' f'{b}' 'c'\ny = f'{a}' f'{b}'\nz = 'p' f''\nw = f'' 'q'\n",
    "fstring debug": "f'{x=}'\nf'{x = }'\nf'{x=!s}'\nf'{x=:>4}'\nf'{a.b=}'\n",
    "fstring raw and triple": "rf'{x}\\n'\nfr'\\d{y}'\nf'''a\n{x}\nb'''\nf'\\n{x}\\t'\n",
    "fstring call": "print(f\"object {self.name} created\")\n",
    # names, attributes, calls, subscripts
    "primaries": "a.b.c\nf()\nf(1)(2)\na[1]\na[1][2]\na.b[c].d()\nx = f(a)[0].y\n",
    "call args": "f(1, 2)\nf(a, b=1)\nf(*args)\nf(**kw)\nf(*a, *b, c=1, **d)\nf(a, *b, c, d=1, *e, **f)\nf(x, )\nf(a=1, *b)\n",
    "call genexp": "sum(x for x in y)\nf(x for x in y if x)\nsorted((x for x in y), key=k)\n",
    "slices": "a[1:2]\na[:]\na[::2]\na[1:]\na[:2]\na[::]\na[1:2:3]\na[1:2, 3]\na[:, None]\na[1, 2]\na[(1, 2)]\na[x:=1]\na[1,]\n",
    # operators
    "arith": "a + b * c - d / e // f % g @ h\n-2 ** 2\n2 ** -1\na ** b ** c\n+a\n~a\n- - a\n(a + b) * c\n",
    "bitwise": "a | b ^ c & d << e >> f\na << b + c\n~a & b\n",
    "bool": "a and b or c\na or b or c\na and b and c\nnot a\nnot not a\na and not b\n(a or b) or c\na or (b or c)\n",
    "compare": "a < b\na < b < c\na == b != c\na is b\na is not b\na in b\na not in b\na <= b >= c > d\nnot a == b\n",
    "conditional": "a if b else c\na if b else c if d else e\nx = lambda: a if b else c\n",
    "lambda": "lambda: 0\nlambda x: x\nlambda x, y=1, *a, z, w=2, **k: x\nlambda *a: a\nlambda *, k: k\nlambda x, /, y: x\n",
    "walrus": "if (n := len(a)) > 10:\n    pass\nwhile (x := f()):\n    pass\n[y := 1, y]\nprint(z := 3)\n",
    # displays and comprehensions
    "tuples": "()\n(1,)\n(1, 2)\n1, 2\nx = 1,\nx = ()\n(a)\n((a, b),)\n",
    "lists": "[]\n[1]\n[1, 2,]\n[*a, *b]\n[[1], [2]]\n",
    "dicts": "{}\n{1: 2}\n{1: 2, 3: 4,}\n{**a, 'b': 1, **c}\n{'k': [1, 2]}\n",
    "sets": "{1}\n{1, 2}\n{*a, 1}\n",
    "comprehensions": (
        "[x for x in y]\n[x for x in y if x if z]\n[x * y for x in a for y in b]\n"
        "{x for x in y}\n{k: v for k, v in d.items()}\n(x for x in y)\n"
        "[(a, b) for a, b in c if a > b for d in e]\n[x for x, in y]\n[x for *a, b in c]\n"
    ),
    "yield": "def g():\n    yield\n    yield 1\n    yield 1, 2\n    x = yield\n    y = yield from z\n    await_ = (yield)\n    return (yield x)\n",
    "starred": "a, *b = c\n*a, b = c\n[a, *b] = c\nprint(*a)\nx = [*a]\nx = *a, b\nfor *a, b in c: pass\n",
    # statements
    "assign": "a = 1\na = b = []\na, b = b, a\n[a, b] = c\n(a, b) = c\na.b = 1\na[0] = 1\na[1:2] = []\na.b.c, d[e] = f\n((a, b), c) = d\n",
    "augassign": "a += 1\na -= 1\na *= 2\na /= 2\na //= 2\na %= 2\na **= 2\na >>= 1\na <<= 1\na &= 1\na |= 1\na ^= 1\na @= b\na.b += 1\na[0] += 1\ndef g():\n    x += yield\n",
    "annassign": "x: int\ny: int = 1\n(z): int = 2\na.b: str\nc[0]: list = []\n",
    "del": "del a\ndel a, b\ndel a.b\ndel a[0]\ndel a[1:2]\ndel (a, b)\ndel [a, b]\ndel a,\n",
    "pass break continue": "for x in y:\n    pass\n    break\n    continue\nwhile 1:\n    if x: break\n    else: continue\n",
    "if": "if a:\n    pass\nelif b:\n    pass\nelif c:\n    x = 1\nelse:\n    y = 2\nif x: pass\nif x: a; b\n",
    "for while else": "for i in range(10):\n    pass\nelse:\n    pass\nwhile x:\n    x -= 1\nelse:\n    done()\nfor a, b in c: pass\nfor x in 1, 2: pass\n",
    "def": (
        "def f(): pass\n"
        "def g(a, b=1, *args, c, d=2, **kwargs):\n    return a\n"
        "def h(a, /, b, *, c): pass\n"
        "def k(*, a=1): pass\n"
        "def m(a: int, b: 'str' = 'x') -> None:\n    return\n"
        "@dec\n@dec2(1)\ndef n(): pass\n"
        "@a.b.c\nclass D: pass\n"
        "def o(a, b, /): pass\n"
        "def p(*args: int, **kw: str): pass\n"
    ),
    "class": "class A: pass\nclass B(A): pass\nclass C(A, B, metaclass=M): x = 1\nclass D():\n    def m(self):\n        return self\n",
    "global nonlocal": "x = 0\ndef f():\n    global x, y\n    x = 1\n    def g():\n        nonlocal z\n        z = 2\n    z = 3\n",
    "try": (
        "try:\n    pass\nexcept:\n    pass\n"
        "try:\n    a\nexcept E:\n    b\nexcept (A, B) as e:\n    c\nelse:\n    d\nfinally:\n    f\n"
        "try:\n    pass\nfinally:\n    pass\n"
        "try: x\nexcept E as e: y\n"
    ),
    "raise assert": "raise\nraise E\nraise E('x') from e\nraise E from None\nassert x\nassert x, 'msg'\n",
    "import": (
        "import gc\nimport gc, sys\nimport os.path\nimport os.path as p, sys as s\n"
        "from x import a\nfrom x import a, b as c\nfrom x.y import (a,\n    b)\nfrom . import m\nfrom .. import m\nfrom .a import b\nfrom ...a import b\nfrom x import *\n"
    ),
    "with": "with a: pass\nwith a as b: pass\nwith a as b, c as d:\n    pass\nwith open(f) as (a, b): pass\nwith a as b.c: pass\n",
    "semicolons": "a = 1; b = 2\nx; y;\nif x: a = 1; b = 2\n",
    "comments and blanks": "# comment\n\nx = 1  # trailing\n\n\n    # indented comment\ny = 2\n\n",
    "continuation": "x = 1 + \\\n    2\nif a and \\\n   b:\n    pass\n",
    "implicit joining": "x = [\n    1,\n    2,\n]\ny = f(a,\n      b)\nz = {\n  'k':\n     1}\n",
    "tabs": "if x:\n\tif y:\n\t\tpass\n\telse:\n\t\tpass\n",
    "mixed indent ok": "if x:\n        a\n\tb\n" if False else "if x:\n    a = 1\n    if y:\n      b = 2\n    c = 3\n",
    "nested functions": "def outer():\n    x = []\n    def inner():\n        return x\n    return inner\n",
    "no trailing newline": "x = 1",
    "empty": "",
    "only comments": "# nothing\n",
    "crlf": "x = 1\r\nif x:\r\n    y = 2\r\n",
    "deep nesting ok": "x = " + "(" * 150 + "1" + ")" * 150 + "\n",
    "long chain": "x = " + " + ".join(["1"] * 500) + "\n",
    "keyword-ish names": "match = 1\ncase = 2\n_ = 3\ntype = 4\nprint(match, case, _)\n",
    "number then keyword": "x = 1if y else 2\n",
    "dict of lists": "d = {'a': [1, 2], 'b': (3, 4), 'c': {5}}\n",
    "generators lesson": (
        "import sys\n\ndef gen(n):\n    for i in range(n):\n        yield i\n\n"
        "g = gen(3)\nprint(next(g))\nprint(sys.getsizeof([i for i in range(10)]))\n"
    ),
}

# ---------------------------------------------------------------------------
# SyntaxErrors (all verified against CPython 3.11 by this script)

INVALID = [
    "print(1\nx = 2\n",
    "print(1\n",
    "foo(a, [1, 2)\n",
    "foo(a, [1, 2\n)\n",
    "x = 1)\n",
    "x = ]\n",
    "\n\n)\n",
    "x = (1, 2\ny = 3\n",
    "x = (\n",
    "x = [\n1,\n2\n",
    "foo(\n  a b\n",
    "foo(a b\n",
    "if x\n  pass\n",
    "def f()\n  pass\n",
    "class C\n  pass\n",
    "for x in y\n  pass\n",
    "while x\n  pass\n",
    "while True print(1)\n",
    "x = = 2\n",
    "if x:\npass\n",
    "def f():\nreturn 1\n",
    "for i in x:\n\nprint(i)\n",
    "if x:\n  if y:\n  pass\n",
    "class C:\npass\n",
    "while x:\npass\n",
    "if x:\n  pass\nelif y:\npass\n",
    "if x:\n  pass\nelse:\npass\n",
    "try:\npass\n",
    "try:\n  pass\nexcept:\npass\n",
    "try:\n  pass\nfinally:\npass\n",
    "with x:\npass\n",
    "try:\n  pass\nexcept E as e:\npass\n",
    "for x in y:\n  pass\nelse:\npass\n",
    "  x = 1\n",
    "x = 1\n  y = 2\n",
    "if x:\n  pass\n    y\n",
    "x = 1\n\tif y:\n",
    "if x:\n    a\n  b\n",
    "if x:\n    a\n  bcdef = 1\n",
    "if x:\n\tpass\n        pass\n",
    "if x:\n        a\n\tb\n",
    "s = 'abc\n",
    "s = \"abc\nt = 1\n",
    "s = '''abc\n\nx\n",
    "s = '''abc",
    "x = 'a' 'b\n",
    "x = 'a\\\nb\n",
    "x = f'abc\n",
    "x = rb'abc\n",
    "1 = x\n",
    "'abc' = 1\n",
    "f() = 1\n",
    "(f()) = 1\n",
    "x + 1 = 2\n",
    "a.b + 1 = 2\n",
    "-a = 1\n",
    "[x for x in y] = 1\n",
    "x, 1 = y\n",
    "x = 1 = 2\n",
    "[1, 2] = x\n",
    "f() = x = 1\n",
    "x = f() = 1\n",
    "a < b = 1\n",
    "not a = 1\n",
    "a if b else c = 1\n",
    "True = 1\n",
    "None = 1\n",
    "print(a b)\n",
    "x = [1 2]\n",
    "f(a, b c)\n",
    "x = (1 2)\n",
    "x = {1, 2 3}\n",
    "d[a b]\n",
    "print 'hello'\n",
    "return 1\n",
    "class C:\n    return 1\n",
    "break\n",
    "continue\n",
    "for x in y:\n    pass\nelse:\n    break\n",
    "def f():\n    break\n",
    "while x:\n    def f():\n        continue\n",
    "yield 1\n",
    "class C:\n    yield\n",
    "def f():\n    x = 1\n    global x\n",
    "def f():\n    print(x)\n    global x\n",
    "def f(x):\n    global x\n",
    "nonlocal x\n",
    "x = $\n",
    "a ! b\n",
    "x = 1 +\n",
    "else:\n  pass\n",
    "f(**)\n",
    "print(*)\n",
    "x := 1\n",
    "def f(:\n  pass\n",
    "import\n",
    "from x import\n",
    "a.1\n",
    "a + = 1\n",
    "(a, b) = = 1\n",
    "x = 0777\n",
    "x = 1_\n",
    "x = 1abc\n",
    "x = 123abc\n",
    "x = 12_3_\n",
    "x = 1__0\n",
    "x = 0x\n",
    "x = 1e\n",
    "x = 0b12\n",
    "x = \\ 1\n",
    "def f(x, x): pass\n",
    "lambda x, x: 1\n",
    "f(x for x in y, 1)\n",
    "f(1, x for x in y)\n",
    "del f()\n",
    "del 1\n",
    "del (a, 1)\n",
    "a, b += 1\n",
    "x() += 1\n",
    "f(a=1, 2)\n",
    "f(**a, 2)\n",
    "f(x=1, x=2)\n",
    "def f(a=1, b): pass\n",
    "def f(*): pass\n",
    "try:\n  pass\n",
    "try:\n  pass\nx = 1\n",
    "x = {1: 2, 3}\n",
    "f'{'\n",
    "f'{}'\n",
    "f'}'\n",
    "f'{x!z}'\n",
    "a = 1 if b\n",
    "if x = 1:\n  pass\n",
    "while x = 1: pass\n",
    "for 1 in x: pass\n",
    "for f() in x: pass\n",
    "with open(x) as 1: pass\n",
    "x = yield = 1\n",
    "*a = 1\n",
    "a = *b\n",
    "a, *b, *c = d\n",
    "b'\u00e9'\n",
    "x = 'a' b'b'\n",
    "x = " + "(" * 201 + "1" + ")" * 201 + "\n",
    "x = 1\nif y:\n    z = 2\n  w = 3\n",
    "def f():\n    pass\n  x = 1\n",
    "try:\n    pass\nexcept A, B:\n    pass\n",
    "from x import a,\n",
    "x = \u20ac\n",
    "f(a.b=1)\n",
    # forced tokens and block-header details
    "try x:\n pass\n",
    "if x:\n pass\nelse x:\n pass\n",
    "try:\n pass\nfinally x:\n pass\n",
    "def f() x:\n pass\n",
    "def f x:\n pass\n",
    "class C x: pass\n",
    "if x y:\n pass\n",
    "if x:\n    a = 1\n    if y:\n-      b = 2\n",
    "if x:\n  if y:\n\nz\n",
    "if x:\n",
    "try:\n  pass\nexcept:\n  pass\nexcept E:\n  pass\n",
    # tokenizer errors found after a parser error
    " 2}\n{*a, 1}\n",
    "x = 1 {2,\n3\n",
    "x = 1 2 3\n",
    "if x:\n\t\nif y:\n\t\tpass\n\telse:\n\t\tpass\n",
    # more hints
    "{k: v for k, v i d.items()}\n",
    "print(match, case _)\n",
    "x = [a if b for c in d]\n",
    "f'{!r}'\n",
    "f'{x\\n}'\n",
    "'\\x'\n",
    "b'\\x0'\n",
    "'\\u00e\\n'\n",
    "f'{*a}'\n",
]


def norm(node):
    """CPython ast -> the JSON shape parser.test.ts builds from heaplab's AST."""
    if isinstance(node, list):
        return [norm(n) for n in node]
    if node is None:
        return None
    if isinstance(node, (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)):
        return type(node).__name__
    if not isinstance(node, ast.AST):
        return node
    out = {"type": type(node).__name__}
    for field in node._fields:
        if field in ("type_comment", "kind", "type_ignores"):
            continue
        value = getattr(node, field)
        key = "type_" if (isinstance(node, ast.ExceptHandler) and field == "type") else field
        out[key] = const(value) if (isinstance(node, ast.Constant) and field == "value") else norm(value)
    for attr in node._attributes:
        if hasattr(node, attr):
            out[attr] = getattr(node, attr)
    return out


def const(v):
    if v is None:
        return {"kind": "none"}
    if v is Ellipsis:
        return {"kind": "ellipsis"}
    if isinstance(v, bool):
        return {"kind": "bool", "value": v}
    if isinstance(v, int):
        return {"kind": "int", "value": str(v)}
    if isinstance(v, float):
        return {"kind": "float", "value": v}
    if isinstance(v, complex):
        return {"kind": "complex", "real": v.real, "imag": v.imag}
    if isinstance(v, str):
        return {"kind": "str", "value": v}
    if isinstance(v, bytes):
        return {"kind": "bytes", "value": list(v)}
    raise TypeError(type(v))


def record(name, source):
    try:
        compile(source, "<string>", "exec")
    except SyntaxError as e:
        return {
            "name": name,
            "source": source,
            "error": {
                "type": type(e).__name__,
                "msg": e.msg,
                "lineno": e.lineno,
                "offset": e.offset,
                "end_lineno": e.end_lineno,
                "end_offset": e.end_offset,
            },
        }
    return {"name": name, "source": source, "ast": norm(ast.parse(source))}


def notebook_cells(path):
    """Code cells of a notebook text dump: the longest compiling prefix after each 'In [n]:'."""
    text = open(path, encoding="utf-8").read()
    cells = []
    for m in re.finditer(r"^In \[\d+\]:\n(.*?)(?=^In \[|\Z)", text, re.S | re.M):
        chunks = re.split(r"\n\s*\n", m.group(1))
        code = ""
        for chunk in chunks:
            candidate = code + ("\n\n" if code else "") + chunk
            try:
                compile(candidate + "\n", path, "exec")
            except SyntaxError:
                break
            code = candidate
        if code.strip():
            cells.append(code + "\n")
    return cells


def corpus():
    cases = [record(name, src) for name, src in VALID.items()]
    cases += [record("error: " + src[:40], src) for src in INVALID]
    for path in sorted(glob.glob(os.path.join(SHARED, "conformance", "*.py"))):
        cases.append(record("conformance/" + os.path.basename(path), open(path, encoding="utf-8").read()))
    for path in sorted(glob.glob(os.path.join(SHARED, "seed", "*.txt"))):
        for k, cell in enumerate(notebook_cells(path)):
            cases.append(record(f"seed/{os.path.basename(path)} cell {k}", cell))
    return cases


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("record-ast.py must run under CPython 3.11")
    cases = corpus()
    valid_names = [c["name"] for c in cases if "ast" not in c and not c["name"].startswith("error")]
    if valid_names:
        sys.exit(f"valid cases failed to compile: {valid_names}")
    out = json.dumps({"python": sys.version.split()[0], "cases": cases}, indent=1, ensure_ascii=False)
    if "--stdout" in sys.argv:
        print(out)
    else:
        os.makedirs(os.path.dirname(FIXTURE), exist_ok=True)
        with open(FIXTURE, "w", encoding="utf-8") as f:
            f.write(out + "\n")
        print(f"wrote {len(cases)} cases to {FIXTURE}")


if __name__ == "__main__":
    main()
