/**
 * sys.setrecursionlimit on the machine: frames are data, so Python recursion goes as deep
 * as the limit says. Expected output: `python3 prog.py` (CPython 3.11.7) — run as a
 * script, as a sandbox's depth counts (the oracle adds its own frames).
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../sandbox/sandbox.js';

const CASES = [
  {
    name: 'raised, lowered and restored',
    program: 'import sys\nsys.setrecursionlimit(5000)\ndef d(n):\n    return 0 if n == 0 else d(n - 1) + 1\nprint(d(4000))\n' +
      'def f(n):\n    try:\n        return f(n + 1)\n    except RecursionError:\n        return n\nprint(f(0))\n' +
      'sys.setrecursionlimit(100)\nprint(f(0))\nsys.setrecursionlimit(1000)\nprint(sys.getrecursionlimit(), f(0))\n',
    cpython: '4000\n4998\n98\n1000 998\n',
  },
  {
    name: 'bad values',
    program: 'import sys\nfor bad in (1.5, "x", 0, -3, 2**40):\n    try:\n        sys.setrecursionlimit(bad)\n    except Exception as e:\n        print(type(e).__name__, e)\n' +
      'def f():\n    sys.setrecursionlimit(2)\ntry:\n    f()\nexcept RecursionError as e:\n    print(e)\nprint(sys.getrecursionlimit())\n',
    cpython: "TypeError 'float' object cannot be interpreted as an integer\nTypeError 'str' object cannot be interpreted as an integer\n" +
      'ValueError recursion limit must be greater or equal than 1\nValueError recursion limit must be greater or equal than 1\n' +
      'OverflowError Python int too large to convert to C int\n' +
      'cannot set the recursion limit to 2 at the recursion depth 3: the limit is too low\n1000\n',
  },
];

describe('sys.setrecursionlimit on the machine', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(c.cpython);
    });
  }

  it('bounds a raised limit by the frame stack\'s memory: MemoryError, not a crash', () => {
    const r = new Sandbox({ limits: { maxSteps: 5_000_000 } }).exec('import sys\nsys.setrecursionlimit(10**9)\ndef f(n):\n    return f(n + 1)\nf(0)\n');
    expect(r.error?.type).toBe('MemoryError');
    expect(r.error?.message).toBe("the sandbox's frame stack is full (100000 frames)");
  });
});
