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
