/** a set display of constants is built from a frozenset constant (set_merge sizing); every expected output is what python3 (3.11.7) printed for the same program. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const CASES: { name: string; program: string; cpython: string }[] = [
  {
    name: "set_display_sizes",
    program: "import sys\nprint(sys.getsizeof({1, 2, 3}), sys.getsizeof(set([1, 2, 3])))\nprint(sys.getsizeof({1, 2, 3, 4, 5}), sys.getsizeof(set([1, 2, 3, 4, 5])))\nprint(sys.getsizeof({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), sys.getsizeof(set(range(1, 11))))\nprint(sys.getsizeof({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}), sys.getsizeof(set(range(1, 21))))\ns = {'a', 'b', 'c', 'd', 'e'}\nprint(sys.getsizeof(s))\nx = 1\nprint(sys.getsizeof({x, 2, 3, 4, 5}), sys.getsizeof({x, 2, 3}))\nprint(sys.getsizeof({1, 2}), sys.getsizeof({1}), sys.getsizeof({1, 2, 3, 4}))\nprint(sys.getsizeof({(1, 2), (3, 4), 5}))\nt = {1, 2, 3}\nt.add(4); t.add(5)\nprint(sys.getsizeof(t))\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "216 216\n472 728\n728 728\n1240 2264\n472\n728 216\n216 216 216\n216\n728\n",
  },
];

const mask = (s: string): string => s.replace(/0x[0-9a-f]+/g, '0x?');

describe("a set display of constants is built from a frozenset constant (set_merge sizing)", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(mask(r.stdout)).toBe(c.cpython);
    });
  }
});
