/** round() as CPython 3.11: exact binary values, ties to even; expected output from python3. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const PROGRAM = 'vals = [2.675, 0.125, 0.375, 2.5, 3.5, -2.675, 1.005, 123.456, 0.0001234, 1e-10, 5e-324, 1234.5678, -0.5, 0.5, 1.15, 2.345, 99.995]\nfor v in vals:\n    print(round(v, 2), round(v, 0), round(v, 1), round(v, 3), round(v, -1), round(v, -2), round(v))\nprint(round(1e300, 2), round(1.23456789e15, 3), round(-1.5), round(2.5), round(0.5))\nprint(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(-1251, -2), round(15, -1), round(25, -1), round(7, 2), round(True), round(-0.5), round(1.5), round(-2.5))\n';

// python3 3.11.7 printed:
const CPYTHON = '2.67 3.0 2.7 2.675 0.0 0.0 3\n0.12 0.0 0.1 0.125 0.0 0.0 0\n0.38 0.0 0.4 0.375 0.0 0.0 0\n2.5 2.0 2.5 2.5 0.0 0.0 2\n3.5 4.0 3.5 3.5 0.0 0.0 4\n-2.67 -3.0 -2.7 -2.675 -0.0 -0.0 -3\n1.0 1.0 1.0 1.005 0.0 0.0 1\n123.46 123.0 123.5 123.456 120.0 100.0 123\n0.0 0.0 0.0 0.0 0.0 0.0 0\n0.0 0.0 0.0 0.0 0.0 0.0 0\n0.0 0.0 0.0 0.0 0.0 0.0 0\n1234.57 1235.0 1234.6 1234.568 1230.0 1200.0 1235\n-0.5 -0.0 -0.5 -0.5 -0.0 -0.0 0\n0.5 0.0 0.5 0.5 0.0 0.0 0\n1.15 1.0 1.1 1.15 0.0 0.0 1\n2.35 2.0 2.3 2.345 0.0 0.0 2\n100.0 100.0 100.0 99.995 100.0 100.0 100\n1e+300 1234567890000000.0 -2 2 0\n1200 1200 1400 -1200 -1300 20 20 7 1 0 2 -2\n';

describe('round', () => {
  it('matches CPython for floats (2.675 -> 2.67, 0.125 -> 0.12) and ints with negative ndigits', () => {
    const r = new Sandbox().exec(PROGRAM);
    expect(r.error).toBeNull();
    expect(r.stdout).toBe(CPYTHON);
  });
});
