// Small pure modules: string's constants, operator's functions, contextlib's context managers (contextmanager, suppress, closing, nullcontext).
// Expected outputs were produced by CPython 3.11.7 (conformance/oracle.py) and hard-coded here.
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';
import { compareOutcome } from '../../conformance/run-sandbox.js';

const CASES: Record<string, { source: string; stdout: string; stderr: string }> = {
  "string_operator": { source: "import string, operator\nfor n in ('ascii_letters', 'ascii_lowercase', 'ascii_uppercase', 'digits', 'hexdigits', 'octdigits', 'punctuation', 'whitespace', 'printable'):\n    print(n, repr(getattr(string, n)))\nprint(operator.add(2, 3), operator.sub(5, 7), operator.mul('ab', 2), operator.truediv(1, 4), operator.floordiv(7, 2), operator.mod(7, 3), operator.pow(2, 10))\nprint(operator.lt(1, 2), operator.le(2, 2), operator.eq([1], [1]), operator.ne(1, 1), operator.ge(1, 2), operator.gt(3, 2))\nprint(operator.neg(5), operator.pos(-5), operator.invert(0), operator.not_([]), operator.truth([1]), operator.is_(None, None), operator.is_not(1, None))\nd = {'a': 1}\nprint(operator.getitem(d, 'a'), operator.contains(d, 'a'))\noperator.setitem(d, 'b', [2])\noperator.delitem(d, 'a')\nprint(d)\nl = [1]\nprint(operator.iadd(l, [2]) is l, l, operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3))\nfor f, a in ((operator.lt, (1,)), (operator.not_, ()), (operator.lt, (1, 'a'))):\n    try:\n        f(*a)\n    except TypeError as e:\n        print(e)\nprint(operator.lt, sorted([3, 1, 2], key=None))\n", stdout: "ascii_letters 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'\nascii_lowercase 'abcdefghijklmnopqrstuvwxyz'\nascii_uppercase 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'\ndigits '0123456789'\nhexdigits '0123456789abcdefABCDEF'\noctdigits '01234567'\npunctuation '!\"#$%&\\'()*+,-./:;<=>?@[\\\\]^_`{|}~'\nwhitespace ' \\t\\n\\r\\x0b\\x0c'\nprintable '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&\\'()*+,-./:;<=>?@[\\\\]^_`{|}~ \\t\\n\\r\\x0b\\x0c'\n5 -2 abab 0.25 3 1 1024\nTrue True True False False True\n-5 -5 -1 True True True True\n1 True\n{'b': [2]}\nTrue [1, 2] 2 7 5\nlt expected 2 arguments, got 1\n_operator.not_() takes exactly one argument (0 given)\n'<' not supported between instances of 'int' and 'str'\n<built-in function lt> [1, 2, 3]\n", stderr: "" },
  "contextlib_cm": { source: "import contextlib, gc, sys\n@contextlib.contextmanager\ndef tag(name, **kw):\n    print('enter', name, kw)\n    try:\n        yield name.upper()\n    except KeyError as e:\n        print('handled', repr(e))\n    finally:\n        print('exit', name)\nprint(repr(tag)[:13], tag.__name__)\nwith tag('a', x=1) as t:\n    print('body', t)\nwith tag('b'):\n    raise KeyError('k')\nprint('after b')\ntry:\n    with tag('c'):\n        raise ValueError('v')\nexcept ValueError as e:\n    print('propagated', repr(e))\n@contextlib.contextmanager\ndef noyield():\n    if False:\n        yield\ntry:\n    with noyield():\n        pass\nexcept RuntimeError as e:\n    print(e)\n@contextlib.contextmanager\ndef twice():\n    yield 1\n    yield 2\ntry:\n    with twice():\n        pass\nexcept RuntimeError as e:\n    print(e)\nclass K:\n    @classmethod\n    @contextlib.contextmanager\n    def cm(cls):\n        yield cls.__name__\n    @contextlib.contextmanager\n    def m(self, v):\n        yield (type(self).__name__, v)\nwith K.cm() as n:\n    print(n)\nwith K().m(5) as n:\n    print(n)\nx = []\ncm = tag('r', data=x)\nprint(sys.getrefcount(x))\nwith cm as v:\n    print(sys.getrefcount(x))\nprint(sys.getrefcount(x))\ndel cm\nprint(sys.getrefcount(x))\nwith contextlib.suppress(KeyError, IndexError):\n    [][1]\nprint('suppressed')\ntry:\n    with contextlib.suppress(KeyError):\n        1 / 0\nexcept ZeroDivisionError:\n    print('not suppressed')\nclass R:\n    def close(self):\n        print('closed')\nwith contextlib.closing(R()) as r:\n    print(type(r).__name__)\nwith contextlib.nullcontext(5) as n:\n    print(n)\n", stdout: "<function tag tag\nenter a {'x': 1}\nbody A\nexit a\nenter b {}\nhandled KeyError('k')\nexit b\nafter b\nenter c {}\nexit c\npropagated ValueError('v')\ngenerator didn't yield\ngenerator didn't stop\nK\n('K', 5)\n4\nenter r {'data': []}\n3\nexit r\n2\n2\nsuppressed\nnot suppressed\nR\nclosed\n5\n", stderr: "" },
};

describe('the string, operator and contextlib modules', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, () => {
      const r = new Sandbox().exec(c.source);
      expect(compareOutcome(r, c)).toBeNull();
    });
  }
});

describe('the rest of these modules is refused, not missing', () => {
  it('names the construct', () => {
    const cases: Record<string, string> = {
      "import string\nstring.Template('$x')\n": "heaplab does not support 'string.Template'",
      'import operator\noperator.itemgetter(1)\n': "heaplab does not support 'operator.itemgetter'",
      'import contextlib\ncontextlib.ExitStack()\n': "heaplab does not support 'contextlib.ExitStack'",
    };
    for (const [src, msg] of Object.entries(cases)) {
      expect(new Sandbox().exec(src).error).toMatchObject({ type: 'NotImplementedError', message: msg });
    }
  });
});
