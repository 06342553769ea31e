/** sys.getsizeof and sys.getrefcount across object kinds; expected output from python3 3.11.7. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const PROGRAM = 'import gc, sys, weakref\ndef f(): pass\nclass K:\n    def m(self): pass\nk = K()\nprint(sys.getsizeof(f), sys.getsizeof(K), sys.getsizeof(k.m), sys.getsizeof(gc), sys.getsizeof(range(10)), sys.getsizeof(None))\nprint(sys.getsizeof(iter([])), sys.getsizeof(iter({})), sys.getsizeof(slice(1, 2)), sys.getsizeof(weakref.ref(k)), sys.getsizeof(lambda: 0))\nprint(sys.getsizeof(3.0), sys.getsizeof(True), sys.getsizeof(2 ** 64), sys.getsizeof(-2 ** 64), sys.getsizeof(b"x" * 10), sys.getsizeof("x" * 10))\nprint(sys.getsizeof(frozenset([1, 2])), sys.getsizeof(set(range(100))), sys.getsizeof([None] * 100), sys.getsizeof(tuple(range(100))))\nprint(sys.getsizeof({}.keys()), sys.getsizeof(object()), sys.getsizeof(Exception("x")), sys.getsizeof(ValueError()))\nprint(sys.getrefcount(k), sys.getrefcount(K), sys.getrefcount(f))\nm = k.m\nprint(sys.getrefcount(k), m.__self__ is k)\ndel m\nlst = [k] * 5\nprint(sys.getrefcount(k))\nlst2 = lst * 2\nprint(sys.getrefcount(k), len(lst2))\nlst.extend(lst)\nprint(sys.getrefcount(k))\nt = (k, k)\nprint(sys.getrefcount(k))\ns = {k}\nprint(sys.getrefcount(k))\nd = {k: k, 1: k}\nprint(sys.getrefcount(k))\n';

// python3 3.11.7 printed:
const CPYTHON = '152 1688 64 72 48 16\n48 72 56 80 152\n24 28 36 36 43 59\n216 8408 856 840\n40 16 88 88\n2 6 2\n3 True\n7\n17 10\n22\n24\n25\n28\n';

describe('sizes and refcounts of many kinds', () => {
  it('match CPython (functions, classes, methods, modules, iterators, exceptions, repeats)', () => {
    const r = new Sandbox().exec(PROGRAM);
    expect(r.error).toBeNull();
    expect(r.stdout).toBe(CPYTHON);
  });

  it('match CPython for types, modules, descriptors, super and weakref.finalize', () => {
    const program = 'import sys, weakref\nclass C: pass\nprint(sys.getsizeof(int), sys.getsizeof(list), sys.getsizeof(C), sys.getsizeof(sys), sys.getsizeof(property()), sys.getsizeof(staticmethod(len)), sys.getsizeof(classmethod(len)), sys.getsizeof(super(C, C())), sys.getsizeof(weakref.finalize(C, print)), sys.getsizeof(object()), sys.getsizeof({}.keys()))\n';
    // printed by python3 3.11.7 through the oracle (no interpreter shutdown, so the finalize never fires):
    const cpython = '424 424 1688 72 80 48 48 56 32 16 40\n';
    const r = new Sandbox().exec(program);
    expect(r.error).toBeNull();
    expect(r.stdout).toBe(cpython);
  });

  it('a failing augmented assignment leaks no reference (names, attributes, items)', () => {
    const program = 'import sys\nclass C: pass\no = C()\no.a = [1]\nd = {"k": [2]}\ntry:\n    o.a += 5\nexcept TypeError as e:\n    print(e)\ntry:\n    d["k"] += 5\nexcept TypeError as e:\n    print(e)\nprint(sys.getrefcount(o.a), sys.getrefcount(d["k"]))\nimport sys\nx = [1]\ntry:\n    x += 5\nexcept TypeError as e:\n    print(e)\nprint(sys.getrefcount(x))\ndef g():\n    y = [2]\n    try:\n        y += 5\n    except TypeError:\n        pass\n    return sys.getrefcount(y)\nprint(g())\n';
    // python3 3.11.7 printed:
    const cpython = "'int' object is not iterable\n'int' object is not iterable\n2 2\n'int' object is not iterable\n2\n2\n";
    const r = new Sandbox().exec(program);
    expect(r.error).toBeNull();
    expect(r.stdout).toBe(cpython);
  });
});
