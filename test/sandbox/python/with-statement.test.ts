/**
 * The with statement: 3.11's parenthesized with-items (the grammar's first alternative, tried
 * before a parenthesized expression) and BEFORE_WITH's TypeErrors. Every expected output is
 * what python3 (3.11.7) printed for the same program under the oracle.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const CASES: { name: string; program: string; cpython: string }[] = [
  {
    name: "parenthesized_items",
    program: "class CM:\n    def __init__(s, n): s.n = n\n    def __enter__(s): print('enter', s.n); return s\n    def __exit__(s, *a): print('exit', s.n)\nwith (CM(1), CM(2)):\n    print('body')\nwith (CM(3) as a, CM(4) as b):\n    print(a.n, b.n)\nwith (CM(5)):\n    print('one')\n",
    cpython: "enter 1\nenter 2\nbody\nexit 2\nexit 1\nenter 3\nenter 4\n3 4\nexit 4\nexit 3\nenter 5\none\nexit 5\n",
  },
  {
    name: "items_and_protocol_errors",
    program: "class CM:\n    def __init__(s, n): s.n = n\n    def __enter__(s): print('enter', s.n); return s\n    def __exit__(s, *a): print('exit', s.n)\nwith (CM(1)) as a:\n    print(a.n)\nwith (CM(2), CM(3),):\n    print('trailing')\nwith (\n    CM(6) as x,\n    CM(7) as y,\n):\n    print(x.n + y.n)\ntry:\n    with (CM(8), CM(9)) as t:\n        pass\nexcept TypeError as e:\n    print('TypeError', e)\nclass OnlyEnter:\n    def __enter__(self): return self\ntry:\n    with OnlyEnter():\n        pass\nexcept TypeError as e:\n    print(e)\ntry:\n    with 5:\n        pass\nexcept TypeError as e:\n    print(e)\nimport contextlib\n@contextlib.contextmanager\ndef cm():\n    print('in'); yield 1; print('out')\nwith cm() as v:\n    print(v)\n",
    cpython: "enter 1\n1\nexit 1\nenter 2\nenter 3\ntrailing\nexit 3\nexit 2\nenter 6\nenter 7\n13\nexit 7\nexit 6\nTypeError 'tuple' object does not support the context manager protocol\n'OnlyEnter' object does not support the context manager protocol (missed __exit__ method)\n'int' object does not support the context manager protocol\nin\n1\nout\n",
  },
];

describe('with statements as CPython 3.11 parses and runs them', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(r.stdout).toBe(c.cpython);
    });
  }
});
