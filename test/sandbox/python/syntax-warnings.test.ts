/**
 * The SyntaxWarnings CPython 3.11's compiler prints before a program runs (see
 * sandbox/python/syntax-warnings.ts). Expected output: python3 3.11.7 running the program
 * from its folder (so warnings echo the source line), its file name replaced by the
 * sandbox's `<sandbox>`.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const PROGRAM = "x = 5\n" +
  "print(x is 5, x is not 'a', x is None, x is ..., x is [])\n" +
  "if x is -1: pass\n" +
  "y = (x is\n" +
  "     (1, 2))\n" +
  "def f():\n" +
  "    for i in range(3):\n" +
  "        try:\n" +
  "            if i: return x is 1.5\n" +
  "            break\n" +
  "        finally:\n" +
  "            print(x is 2)\n" +
  "assert (x, \"msg\")\n" +
  "if x == 0:\n" +
  "    assert ()\n" +
  "l = [x is 6 for q in [x is 7] if x is 8]\n" +
  "print(x is 'a' * 4096, x is 'a' * 4097, 1 is x is 2)\n" +
  "try:\n" +
  "    \"abc\"(1)\n" +
  "except TypeError as e:\n" +
  "    print(e)\n" +
  "try:\n" +
  "    5[0]\n" +
  "except TypeError as e:\n" +
  "    print(e)\n" +
  "try:\n" +
  "    [1, 2]['a']\n" +
  "except TypeError as e:\n" +
  "    print(e)\n" ;

const CPYTHON_STDOUT = "True True False False False\nFalse False False\n'str' object is not callable\n'int' object is not subscriptable\nlist indices must be integers or slices, not str\n";

const CPYTHON_STDERR = "<sandbox>:2: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n" +
  "  print(x is 5, x is not 'a', x is None, x is ..., x is [])\n" +
  "<sandbox>:2: SyntaxWarning: \"is not\" with a literal. Did you mean \"!=\"?\n" +
  "  print(x is 5, x is not 'a', x is None, x is ..., x is [])\n" +
  "<sandbox>:3: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n" +
  "  if x is -1: pass\n" +
  "<sandbox>:4: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n" +
  "  y = (x is\n" +
  "<sandbox>:9: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n" +
  "  if i: return x is 1.5\n" +
  "<sandbox>:12: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n" +
  "  print(x is 2)\n" +
  "<sandbox>:12: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n" +
  "  print(x is 2)\n" +
  "<sandbox>:12: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n" +
  "  print(x is 2)\n" +
  "<sandbox>:12: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n" +
  "  print(x is 2)\n" +
  "<sandbox>:13: SyntaxWarning: assertion is always true, perhaps remove parentheses?\n" +
  "  assert (x, \"msg\")\n" +
  "<sandbox>:16: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n" +
  "  l = [x is 6 for q in [x is 7] if x is 8]\n" +
  "<sandbox>:16: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n" +
  "  l = [x is 6 for q in [x is 7] if x is 8]\n" +
  "<sandbox>:16: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n" +
  "  l = [x is 6 for q in [x is 7] if x is 8]\n" +
  "<sandbox>:17: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n" +
  "  print(x is 'a' * 4096, x is 'a' * 4097, 1 is x is 2)\n" +
  "<sandbox>:17: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n" +
  "  print(x is 'a' * 4096, x is 'a' * 4097, 1 is x is 2)\n" +
  "<sandbox>:19: SyntaxWarning: 'str' object is not callable; perhaps you missed a comma?\n" +
  "  \"abc\"(1)\n" +
  "<sandbox>:23: SyntaxWarning: 'int' object is not subscriptable; perhaps you missed a comma?\n" +
  "  5[0]\n" +
  "<sandbox>:27: SyntaxWarning: list indices must be integers or slices, not str; perhaps you missed a comma?\n" +
  "  [1, 2]['a']\n" ;

describe('compile-time SyntaxWarnings', () => {
  it('warns for is-with-a-literal, parenthesised asserts, calling and indexing literals, as 3.11 does', () => {
    const r = new Sandbox().exec(PROGRAM);
    expect(r.stdout).toBe(CPYTHON_STDOUT);
    expect(r.stderr).toBe(CPYTHON_STDERR);
  });

  it('warns before anything runs, and not at all when the program does not parse', () => {
    const r = new Sandbox().exec('print(1)\nprint(1 is 1)\n');
    expect(r.stderr).toBe('<sandbox>:2: SyntaxWarning: "is" with a literal. Did you mean "=="?\n  print(1 is 1)\n');
    expect(r.stdout).toBe('1\nTrue\n');
    const bad = new Sandbox().exec('x = 1 is 1\n)\n');
    expect(bad.stderr).not.toContain('SyntaxWarning');
  });
});
