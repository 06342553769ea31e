/** obj.__sizeof__() vs sys.getsizeof(obj): the GC header and 3.11's pre-header; expected output from python3. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const PROGRAM = 'import sys\nx = [1, 2, 3]\nprint(x.__sizeof__(), sys.getsizeof(x))\nprint((1,).__sizeof__(), {}.__sizeof__(), "ab".__sizeof__(), (5).__sizeof__(), 1.5.__sizeof__(), set().__sizeof__())\nclass C: pass\nc = C()\nprint(c.__sizeof__(), sys.getsizeof(c), sys.getsizeof(c) - c.__sizeof__())\n';

// python3 3.11.7 printed:
const CPYTHON = '72 88\n32 48 51 28 24 200\n24 56 32\n';

describe('__sizeof__', () => {
  it('is getsizeof without the GC header (and without the managed-dict pre-header for instances)', () => {
    const r = new Sandbox().exec(PROGRAM);
    expect(r.error).toBeNull();
    expect(r.stdout).toBe(CPYTHON);
  });
});
