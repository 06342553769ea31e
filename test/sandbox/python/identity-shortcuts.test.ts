/**
 * Where CPython 3.11 returns the operand itself instead of a new object (a whole slice of a
 * tuple/str/bytes, str(s), int(n), frozenset(fs), +n, abs(n), t + (), s * 1, f'{s}', an
 * unchanged s.strip() ...). Expected output: python3 3.11.7 running the program.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const PROGRAM = "k = 3\n" +
  "t = (1, 2, [k])\n" +
  "s = 'hello' + str(k)\n" +
  "fs = frozenset([1, k])\n" +
  "n = 10 ** 20 + k\n" +
  "f = 1.5 + k\n" +
  "b = bytes([k, 1])\n" +
  "e = ()\n" +
  "print(t[:] is t, t[0:] is t, t[::1] is t, t[:100] is t, t[-100:] is t, t[::-1] is t, t[1:] is t)\n" +
  "print(tuple(t) is t, t * 1 is t, 1 * t is t, t + e is t, e + t is t, t * 2 is t, e * 3 is e)\n" +
  "print(s[:] is s, s[::1] is s, s[0:100] is s, s[1:] is s, str(s) is s, s * 1 is s, s + '' is s, '' + s is s)\n" +
  "print(frozenset(fs) is fs, fs.copy() is fs, set(fs) is fs)\n" +
  "print(int(n) is n, n * 1 is n, n + 0 is n, +n is n, abs(n) is n, abs(-n) is -n, int(True) is True)\n" +
  "print(float(f) is f, +f is f, f * 1 is f, abs(f) is f)\n" +
  "print(bytes(b) is b, b[:] is b, b * 1 is b, b + b'' is b, b[1:] == bytes([1]))\n" +
  "print(s.upper() is s, ''.join([s]) is s, format(s) is s, f'{s}' is s, f'{s:}' is s, f'{s!r}' is s, s.center(2) is s, s.ljust(1) is s, s.zfill(1) is s)\n" +
  "print(s.strip() is s, s.lstrip() is s, s.rstrip('x') is s, s.strip('h') is s, s.replace('z', 'y') is s, s.replace('h', 'j') is s, s.rjust(1) is s)\n";

const CPYTHON = "True True True True True False False\n" +
  "True True True True True False True\n" +
  "True True True False True True True True\n" +
  "True True False\n" +
  "True False False True True False False\n" +
  "True True False False\n" +
  "True True True True True\n" +
  "False True True True True False True True True\n" +
  "True True True False True False True\n";

describe('identity shortcuts', () => {
  it('gives back the same object where CPython does, and a new one where it does not', () => {
    const r = new Sandbox().exec(PROGRAM);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(CPYTHON);
  });

  it('counts the extra reference: sys.getrefcount(t) after u = t[:]', () => {
    const r = new Sandbox().exec('import sys\nk = 3\nt = (1, [k])\nu = t[:]\nprint(sys.getrefcount(t), u is t)\n');
    expect(r.stdout).toBe("3 True\n");
  });
});

describe('numbers formatted as str', () => {
  // long_to_decimal_string and float_repr make a new str even one character long; '%d' and
  // str.format go through unicode_result and hand back the shared one. python3 3.11.7:
  it('str(), repr(), format() and f-strings of ints are new strs; % and .format are shared', () => {
    const program = "k = 2; f = 2.0\na = ['2']\ns = a[0]\n" +
      "print(str(k) is s, repr(k) is s, f'{k}' is s, format(k) is s, '%d' % k is s, '{}'.format(k) is s, str(k)[0] is s)\n" +
      "print(str(f)[0] is s, str(k).strip() is s, id(str(k) * 3) == id(str(k) * 3))\n";
    const r = new Sandbox().exec(program);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('False False False False True True True\nTrue False False\n');
  });
});
