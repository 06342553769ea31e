/**
 * str's whitespace, line breaks and printability are CPython 3.11's (sandbox/unicode.ts over
 * tables python3 generated), not JavaScript's `\\s`: split/rsplit with maxsplit keep what is
 * left as CPython does, U+001C..U+001F and U+0085 are whitespace and U+FEFF is not,
 * splitlines breaks where CPython does (keepends too), repr() escapes what is not printable,
 * and a splitter's one unchanged part is the str itself. Expected output from python3 3.11.7.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';
import { isPyLineBreak, isPyPrintable, isPySpace } from '../../../sandbox/unicode.js';
import { HAS_PY311 } from '../helpers.js';

const PROGRAM = "print(' a b  c '.split(None, 1))\nprint(' a b  c '.split(maxsplit=2))\nprint('  a  '.split(None, 0), ' a b '.rsplit(None, 1), ' a b '.rsplit(maxsplit=0), ' a b c '.rsplit(None, 1))\ns = 'x\\x1cy\\x1dz\\x1e\\x1fw\\x85v\\ufeffu'\nprint(s.split(), repr(s.strip()), '\\x1c a \\x85'.strip(), s.isspace(), '\\x1c\\x85 '.isspace(), ''.isspace())\nprint('\\u3000a\\u2028b'.split(), 'a\\u00a0b'.split())\nprint(' a '.lstrip(), ' a '.rstrip(), 'a\\x0bb\\x0cc'.split())\nprint('a\\x1cb\\x85c\\u2028d\\x0be\\r\\nf\\rg\\n'.splitlines(), 'a\\r\\nb\\n\\nc'.splitlines(True), 'x\\r'.splitlines(keepends=1), ''.splitlines())\nprint(repr('\\x85\\ufeff\\u200b\\U0001f600\\U000e0001\\x7f\\xa0\\xad\\u0378\u00e9'), 'ab'.isprintable(), 'a\\n'.isprintable(), ''.isprintable(), '\\U0001f600'.isprintable())\nprint(['\u00e9\\u2028', 'tab\\there'])\ns = 'abcdef' * 2\nprint(s.split()[0] is s, s.splitlines()[0] is s, s.rsplit()[0] is s, s.strip() is s)\ntry: 'a'.splitlines(1.5)\nexcept TypeError as e: print(e)\nimport sys\ns = 'abcdef' * 2\nbefore = sys.getrefcount(s)\nl = s.split(); m = s.splitlines(); n = s.split(',')\nprint(sys.getrefcount(s) - before)\n";

const EXPECTED = "['a', 'b  c ']\n['a', 'b', 'c ']\n['a  '] [' a', 'b'] [' a b'] [' a b', 'c']\n['x', 'y', 'z', 'w', 'v\\ufeffu'] 'x\\x1cy\\x1dz\\x1e\\x1fw\\x85v\\ufeffu' a False True False\n['a', 'b'] ['a', 'b']\na   a ['a', 'b', 'c']\n['a', 'b', 'c', 'd', 'e', 'f', 'g'] ['a\\r\\n', 'b\\n', '\\n', 'c'] ['x\\r'] []\n'\\x85\\ufeff\\u200b\ud83d\ude00\\U000e0001\\x7f\\xa0\\xad\\u0378\u00e9' True False True True\n['\u00e9\\u2028', 'tab\\there']\nTrue True True True\n'float' object cannot be interpreted as an integer\n3\n";

describe('str whitespace, line breaks and repr escapes', () => {
  it('split/rsplit/strip/isspace/splitlines/isprintable/repr print what python3 prints', () => {
    const r = new Sandbox().exec(PROGRAM);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(EXPECTED);
  });

  it.skipIf(!HAS_PY311)('the three predicates agree with python3 on every code point', () => {
    const py = spawnSync('python3', ['-c', [
      'import sys',
      'for c in range(0x110000):',
      '    ch = chr(c)',
      "    sys.stdout.write('%d%d%d' % (ch.isspace(), len(('a' + ch + 'b').splitlines()) == 2, ch.isprintable()))",
    ].join('\n')], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
    expect(py.status).toBe(0);
    const bits = py.stdout;
    const wrong: string[] = [];
    for (let c = 0; c < 0x110000 && wrong.length < 10; c++) {
      const got = `${+isPySpace(c)}${+isPyLineBreak(c)}${+isPyPrintable(c)}`;
      if (got !== bits.slice(3 * c, 3 * c + 3)) wrong.push(`U+${c.toString(16)}: ${got} vs ${bits.slice(3 * c, 3 * c + 3)}`);
    }
    expect(wrong).toEqual([]);
  });
});
