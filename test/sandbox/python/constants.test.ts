/** Constant tuples exist from compile time, so an early collection untracks them (CPython 3.11). */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const PROGRAM = "import gc\ngc.collect()\nclass A: pass\nprint(gc.is_tracked([]), gc.is_tracked(1), gc.is_tracked({}), gc.is_tracked({'a': []}), gc.is_tracked((1, 2)), gc.is_tracked(A()))\ndef f():\n    return (3, 4)\nprint(gc.is_tracked(f()))\nt = (5, 6)\nprint(gc.is_tracked(t), gc.is_tracked((7, [])))\n";

// python3 3.11.7 printed:
const CPYTHON = 'True False False True False True\nFalse\nFalse True\n';

describe('constant tuples', () => {
  it('are made before the first statement runs, as the compiler makes them', () => {
    const r = new Sandbox().exec(PROGRAM);
    expect(r.error).toBeNull();
    expect(r.stdout).toBe(CPYTHON);
  });
});

describe('__debug__', () => {
  it('is the constant True, as 3.11\'s AST optimizer makes it (one more reference to True, from co_consts)', () => {
    const r = new Sandbox().exec("print(__debug__, not __debug__)\nimport sys\nif __debug__:\n    print(\"dbg\")\nassert True\nimport sys\nprint(sys.getrefcount(True))\nx = __debug__\nprint(sys.getrefcount(True))\n");
    expect(r.error).toBeNull();
    // python3 3.11.7 printed under the oracle:
    expect(r.stdout).toBe("True False\ndbg\n443\n444\n");
  });
});
