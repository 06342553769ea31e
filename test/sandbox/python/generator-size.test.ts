/** sys.getsizeof of generators: the object plus its frame, 168 + 8 x (locals + stack depth) in 3.11. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const PROGRAM = 'import sys\ndef f(): yield 1\ndef g(n):\n    for i in range(n): yield i\ndef h(a, b, c):\n    x = a + b * c\n    for i in range(x): yield (i, x, a)\ndef countdown(n):\n    while n > 0:\n        yield n\n        n -= 1\ndef pairs(d):\n    for k, v in d.items():\n        if v:\n            yield f"{k}={v}"\ndef fib():\n    a, b = 0, 1\n    while True:\n        yield a\n        a, b = b, a + b\ny = [1]\ngens = [(i*i for i in range(3)), (x for x in y), (x+1 for x in y if x), f(), g(3), h(1,2,3), countdown(5), pairs({}), fib(), (n * n for n in range(1000)), (str(x) for x in y), ((a, b) for a in y for b in y), (len(s) for s in ["a"] if s != "b")]\nfor gen in gens:\n    print(sys.getsizeof(gen))\nprint(sys.getsizeof(x for x in range(10)))\ndef chain(xs):\n    for x in xs:\n        if 0 < x < 10 and x != 5:\n            yield x * 2 + 1\ndef withtry(xs):\n    try:\n        for x in xs:\n            yield x\n    except ValueError as e:\n        yield str(e)\n    finally:\n        print("done")\ndef calls(d):\n    yield sorted(d.keys(), key=len)\n    yield max(1, 2, 3, key=abs)\ndef nested(m):\n    for row in m:\n        for v in row:\n            yield v\nfor gen in [chain([1]), withtry([1]), calls({}), nested([[1]]), (a for a in range(3) if a % 2 == 0), ({k: v} for k, v in {}.items())]:\n    print(sys.getsizeof(gen))\n';

// python3 3.11.7 printed:
const CPYTHON = '208\n200\n208\n176\n208\n240\n192\n224\n208\n208\n216\n224\n216\n200\n216\n232\n224\n216\n208\n216\n';

describe('generator sizes', () => {
  it('match CPython for generator expressions and functions of several shapes', () => {
    const r = new Sandbox().exec(PROGRAM);
    expect(r.error).toBeNull();
    expect(r.stdout).toBe(CPYTHON);
  });
});
