/**
 * gc.get_referents answers only what heaplab holds exactly as CPython 3.11's tp_traverse
 * visits it. A function's func_traverse also visits its code object, its builtins dict and
 * its module name, and a generator's its code object and names; heaplab's do not hold
 * those, so their lists would be wrong (python3: 8 referents of a plain function where
 * heaplab had 5): both are refused by name. Expected lines printed by python3 3.11.7.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const names = 'lambda o: [type(x).__name__ for x in gc.get_referents(o)]';

describe('gc.get_referents', () => {
  it('lists what a class, a bound method and a cell hold, as python3 does', () => {
    const r = new Sandbox().exec([
      'import gc', `n = ${names}`,
      'class A: pass', 'print(n(A))',
      'class B:', '    def f(self): pass', 'print(n(B().f))',
      'def outer():', '    x = 1', '    def inner(): return x', '    return inner',
      'print(n(outer().__closure__[0]))',
    ].join('\n'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe("['dict', 'tuple', 'tuple', 'type']\n['function', 'B']\n['int']\n");
  });

  it('refuses a function and a generator by name rather than answer a shorter list', () => {
    for (const [setup, arg, what] of [
      ['def f(a, b=2):\n    return a', 'f', 'a function'],
      ['def gen():\n    yield 1\ng = gen()', 'g', 'a generator'],
    ] as const) {
      const r = new Sandbox().exec(`import gc\n${setup}\nprint(gc.get_referents(${arg}))\n`);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`NotImplementedError: heaplab does not support 'gc.get_referents' of ${what}`);
    }
  });
});
