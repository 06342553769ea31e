/**
 * str's whitespace, line breaks and printability are CPython 3.11's (sandbox/unicode.ts over
 * tables python3 generated), not JavaScript's `\\s`: split/rsplit with maxsplit keep what is
 * left as CPython does, U+001C..U+001F and U+0085 are whitespace and U+FEFF is not,
 * splitlines breaks where CPython does (keepends too), repr() escapes what is not printable,
 * a splitter's one unchanged part is the str itself, and case mapping follows do_title,
 * do_capitalize and do_swapcase (title case, final sigma). Expected output from python3 3.11.7.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';
import { isPyCased, isPyLineBreak, isPyLower, isPyPrintable, isPySpace, isPyTitle, isPyUpper } from '../../../sandbox/unicode.js';
import { HAS_PY311 } from '../helpers.js';

const PROGRAM = "print(' a b  c '.split(None, 1))\nprint(' a b  c '.split(maxsplit=2))\nprint('  a  '.split(None, 0), ' a b '.rsplit(None, 1), ' a b '.rsplit(maxsplit=0), ' a b c '.rsplit(None, 1))\ns = 'x\\x1cy\\x1dz\\x1e\\x1fw\\x85v\\ufeffu'\nprint(s.split(), repr(s.strip()), '\\x1c a \\x85'.strip(), s.isspace(), '\\x1c\\x85 '.isspace(), ''.isspace())\nprint('\\u3000a\\u2028b'.split(), 'a\\u00a0b'.split())\nprint(' a '.lstrip(), ' a '.rstrip(), 'a\\x0bb\\x0cc'.split())\nprint('a\\x1cb\\x85c\\u2028d\\x0be\\r\\nf\\rg\\n'.splitlines(), 'a\\r\\nb\\n\\nc'.splitlines(True), 'x\\r'.splitlines(keepends=1), ''.splitlines())\nprint(repr('\\x85\\ufeff\\u200b\\U0001f600\\U000e0001\\x7f\\xa0\\xad\\u0378\u00e9'), 'ab'.isprintable(), 'a\\n'.isprintable(), ''.isprintable(), '\\U0001f600'.isprintable())\nprint(['\u00e9\\u2028', 'tab\\there'])\ns = 'abcdef' * 2\nprint(s.split()[0] is s, s.splitlines()[0] is s, s.rsplit()[0] is s, s.strip() is s)\ntry: 'a'.splitlines(1.5)\nexcept TypeError as e: print(e)\nimport sys\ns = 'abcdef' * 2\nbefore = sys.getrefcount(s)\nl = s.split(); m = s.splitlines(); n = s.split(',')\nprint(sys.getrefcount(s) - before)\n";

const CASE_PROGRAM = "for s in ['\u00e9lan vital', \"they're bill's\", 'hello world', '\u01c6emal', '\u00dftra\u00dfe', '\u0130stanbul', '\u0149 x', 'a1b2c', '\ufb01ne', '\u03a3\u0391\u03a3 \u039f\u0394\u039f\u03a3', '\u1f48\u0394\u03a5\u03a3\u03a3\u0395\u038e\u03a3', 'Hello World', 'HELLO', '\u01c5', '', '123', '\u03a3.', 'a\u03a3\\u0301 b']:\n    print(repr(s.title()), repr(s.capitalize()), repr(s.swapcase()), repr(s.upper()), repr(s.lower()), s.istitle(), s.isupper(), s.islower())\n";

const CASE_EXPECTED = "'\u00c9lan Vital' '\u00c9lan vital' '\u00c9LAN VITAL' '\u00c9LAN VITAL' '\u00e9lan vital' False False True\n\"They'Re Bill'S\" \"They're bill's\" \"THEY'RE BILL'S\" \"THEY'RE BILL'S\" \"they're bill's\" False False True\n'Hello World' 'Hello world' 'HELLO WORLD' 'HELLO WORLD' 'hello world' False False True\n'\u01c5emal' '\u01c5emal' '\u01c4EMAL' '\u01c4EMAL' '\u01c6emal' False False True\n'Sstra\u00dfe' 'Sstra\u00dfe' 'SSTRASSE' 'SSTRASSE' '\u00dftra\u00dfe' False False True\n'\u0130stanbul' '\u0130stanbul' 'i\u0307STANBUL' '\u0130STANBUL' 'i\u0307stanbul' True False False\n'\u02bcN X' '\u02bcN x' '\u02bcN X' '\u02bcN X' '\u0149 x' False False True\n'A1B2C' 'A1b2c' 'A1B2C' 'A1B2C' 'a1b2c' False False True\n'Fine' 'Fine' 'FINE' 'FINE' '\ufb01ne' False False True\n'\u03a3\u03b1\u03c2 \u039f\u03b4\u03bf\u03c2' '\u03a3\u03b1\u03c2 \u03bf\u03b4\u03bf\u03c2' '\u03c3\u03b1\u03c2 \u03bf\u03b4\u03bf\u03c2' '\u03a3\u0391\u03a3 \u039f\u0394\u039f\u03a3' '\u03c3\u03b1\u03c2 \u03bf\u03b4\u03bf\u03c2' False True False\n'\u1f48\u03b4\u03c5\u03c3\u03c3\u03b5\u03cd\u03c2' '\u1f48\u03b4\u03c5\u03c3\u03c3\u03b5\u03cd\u03c2' '\u1f40\u03b4\u03c5\u03c3\u03c3\u03b5\u03cd\u03c2' '\u1f48\u0394\u03a5\u03a3\u03a3\u0395\u038e\u03a3' '\u1f40\u03b4\u03c5\u03c3\u03c3\u03b5\u03cd\u03c2' False True False\n'Hello World' 'Hello world' 'hELLO wORLD' 'HELLO WORLD' 'hello world' True False False\n'Hello' 'Hello' 'hello' 'HELLO' 'hello' False True False\n'\u01c5' '\u01c5' '\u01c5' '\u01c4' '\u01c6' True False False\n'' '' '' '' '' False False False\n'123' '123' '123' '123' '123' False False False\n'\u03a3.' '\u03a3.' '\u03c3.' '\u03a3.' '\u03c3.' True True False\n'A\u03c2\u0301 B' 'A\u03c2\u0301 b' 'A\u03c2\u0301 B' 'A\u03a3\u0301 B' 'a\u03c2\u0301 b' False False False\n";

const EXPECTED = "['a', 'b  c ']\n['a', 'b', 'c ']\n['a  '] [' a', 'b'] [' a b'] [' a b', 'c']\n['x', 'y', 'z', 'w', 'v\\ufeffu'] 'x\\x1cy\\x1dz\\x1e\\x1fw\\x85v\\ufeffu' a False True False\n['a', 'b'] ['a', 'b']\na   a ['a', 'b', 'c']\n['a', 'b', 'c', 'd', 'e', 'f', 'g'] ['a\\r\\n', 'b\\n', '\\n', 'c'] ['x\\r'] []\n'\\x85\\ufeff\\u200b\ud83d\ude00\\U000e0001\\x7f\\xa0\\xad\\u0378\u00e9' True False True True\n['\u00e9\\u2028', 'tab\\there']\nTrue True True True\n'float' object cannot be interpreted as an integer\n3\n";

describe('str: whitespace, line breaks, repr escapes and case, as CPython 3.11', () => {
  it('split/rsplit/strip/isspace/splitlines/isprintable/repr print what python3 prints', () => {
    const r = new Sandbox().exec(PROGRAM);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(EXPECTED);
  });

  it('title/capitalize/swapcase/upper/lower/istitle/isupper/islower print what python3 prints', () => {
    // Non-ASCII letters, digraphs (ǆ → ǅ), ß and ligatures (title case Ss, Fi), final sigma.
    const r = new Sandbox().exec(CASE_PROGRAM);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(CASE_EXPECTED);
  });

  it('final sigma looks past astral and case-ignorable code points as python3 does', () => {
    const r = new Sandbox().exec("for s in ['A\\U0001d400\u03a3', '\\U0001d400\u03a3 x', 'a\u0301\u03a3', '\u03a3', 'x\u03a3\u0301a', '\\U00010400\u03a3']:\n    print(ascii(s.title()), ascii(s.swapcase()), ascii(s.capitalize()), ascii(s.lower()))\n");
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe("'A\\U0001d400\\u03c2' 'a\\U0001d400\\u03c2' 'A\\U0001d400\\u03c2' 'a\\U0001d400\\u03c2'\n'\\U0001d400\\u03c2 X' '\\U0001d400\\u03c2 X' '\\U0001d400\\u03c2 x' '\\U0001d400\\u03c2 x'\n'A\\u0301\\u03a3' 'A\\u0301\\u03c2' 'A\\u0301\\u03c2' 'a\\u0301\\u03c2'\n'\\u03a3' '\\u03c3' '\\u03a3' '\\u03c3'\n'X\\u03c3\\u0301A' 'X\\u03c3\\u0301A' 'X\\u03c3\\u0301a' 'x\\u03c3\\u0301a'\n'\\U00010400\\u03c2' '\\U00010428\\u03c2' '\\U00010400\\u03c2' '\\U00010428\\u03c2'\n");
  });

  it.skipIf(!HAS_PY311)('the predicates agree with python3 on every code point', () => {
    const py = spawnSync('python3', ['-c', [
      'import sys, unicodedata',
      'for c in range(0x110000):',
      '    ch = chr(c)',
      "    sys.stdout.write('%d%d%d%d%d%d%d' % (ch.isspace(), len(('a' + ch + 'b').splitlines()) == 2, ch.isprintable(), ch.isupper(), ch.islower(), unicodedata.category(ch) == 'Lt', ch.isupper() or ch.islower() or unicodedata.category(ch) == 'Lt'))",
    ].join('\n')], { encoding: 'utf8', maxBuffer: 32 * 2 ** 20 });
    expect(py.status).toBe(0);
    const bits = py.stdout;
    const wrong: string[] = [];
    for (let c = 0; c < 0x110000 && wrong.length < 10; c++) {
      const got = `${+isPySpace(c)}${+isPyLineBreak(c)}${+isPyPrintable(c)}${+isPyUpper(c)}${+isPyLower(c)}${+isPyTitle(c)}${+isPyCased(c)}`;
      const want = bits.slice(7 * c, 7 * c + 7);
      if (got !== want) wrong.push(`U+${c.toString(16)}: ${got} vs ${want}`);
    }
    expect(wrong).toEqual([]);
  });
});
