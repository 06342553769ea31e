/** protocol methods of builtin objects (hasattr([], '__iter__'), [].__len__()) as in CPython; every expected output is what python3 (3.11.7) printed for the same program. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const CASES: { name: string; program: string; cpython: string }[] = [
  {
    name: "hasattr_protocols",
    program: "def f(): pass\nclass C:\n    pass\nc = C()\nobjs = [[], {}, (), 'abc', 1, 1.5, None, f, len, C, c, iter([]), range(3), {1}]\nfor name in ['__iter__', '__len__', '__getitem__', '__contains__', '__call__', '__next__', '__class__', '__name__', 'append', 'keys', '__hash__', '__eq__', '__init__', '__repr__', '__str__', '__bool__']:\n    row = []\n    for o in objs:\n        try:\n            row.append('1' if hasattr(o, name) else '0')\n        except NotImplementedError:\n            row.append('N')\n    print(name.ljust(14), ''.join(row))\nit = [1, 2].__iter__()\nprint(it.__next__(), next(it), [1, 2, 3].__len__(), {'a': 1}.__getitem__('a'), (1, 2).__contains__(2), len.__call__([1]))\nprint(f.__call__() is None, (5).__bool__(), range(3).__iter__().__next__())\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "__iter__       11110000000111\n__len__        11110000000011\n__getitem__    11110000000010\n__contains__   11110000000011\n__call__       00000001110000\n__next__       00000000000100\n__class__      11111111111111\n__name__       00000001110000\nappend         10000000000000\nkeys           01000000000000\n__hash__       11111111111111\n__eq__         11111111111111\n__init__       11111111111111\n__repr__       11111111111111\n__str__        11111111111111\n__bool__       00001110000010\n1 2 3 1 True 1\nTrue True 0\n",
  },
];

const mask = (s: string): string => s.replace(/0x[0-9a-f]+/g, '0x?');

describe("protocol methods of builtin objects (hasattr([], '__iter__'), [].__len__()) as in CPython", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(mask(r.stdout)).toBe(c.cpython);
    });
  }
});
