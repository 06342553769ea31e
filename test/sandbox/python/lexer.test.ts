import { describe, expect, it } from 'vitest';
import { decodeEscapes, splitStringToken, tokenize } from '../../../sandbox/python/lexer.js';
import type { Token } from '../../../sandbox/python/lexer.js';
import { PySyntaxError } from '../../../sandbox/python/errors.js';

const kinds = (src: string): string[] => tokenize(src).map((t) => (t.kind === 'OP' || t.kind === 'NAME' ? t.value : t.kind));

function lexError(src: string): PySyntaxError {
  try {
    tokenize(src);
  } catch (e) {
    if (e instanceof PySyntaxError) return e;
    throw e;
  }
  throw new Error('expected a SyntaxError');
}

describe('tokenize', () => {
  it('emits NEWLINE/INDENT/DEDENT around blocks', () => {
    expect(kinds('if x:\n    y\nz\n')).toEqual(['if', 'x', ':', 'NEWLINE', 'INDENT', 'y', 'NEWLINE', 'DEDENT', 'z', 'NEWLINE', 'ENDMARKER']);
  });

  it('ignores blank and comment-only lines, whatever their indentation', () => {
    expect(kinds('a\n\n      # c\n   \nb  # t\n')).toEqual(['a', 'NEWLINE', 'b', 'NEWLINE', 'ENDMARKER']);
  });

  it('joins lines inside brackets and after a backslash', () => {
    expect(kinds('f(1,\n  2)\nx = 1 + \\\n 2\n')).toEqual(
      ['f', '(', 'NUMBER', ',', 'NUMBER', ')', 'NEWLINE', 'x', '=', 'NUMBER', '+', 'NUMBER', 'NEWLINE', 'ENDMARKER'],
    );
  });

  it('closes open blocks and the last line at end of file', () => {
    expect(kinds('if x:\n  if y:\n    z')).toEqual(
      ['if', 'x', ':', 'NEWLINE', 'INDENT', 'if', 'y', ':', 'NEWLINE', 'INDENT', 'z', 'NEWLINE', 'DEDENT', 'DEDENT', 'ENDMARKER'],
    );
  });

  it('prefers the longest operator', () => {
    expect(kinds('a **= b // c -> d := e ... != f')).toEqual(
      ['a', '**=', 'b', '//', 'c', '->', 'd', ':=', 'e', '...', '!=', 'f', 'NEWLINE', 'ENDMARKER'],
    );
  });

  it('reads numbers, including a dot-leading float and a keyword straight after a number', () => {
    const nums = tokenize('0x_ff 1_000 .5 1. 1e-3 2j 1if').filter((t) => t.kind === 'NUMBER').map((t) => t.value);
    expect(nums).toEqual(['0x_ff', '1_000', '.5', '1.', '1e-3', '2j', '1']);
  });

  it('keeps string tokens verbatim with their prefix', () => {
    const strings = tokenize(`rb'\\x' f"{a}" '''x\ny''' "it's"`).filter((t) => t.kind === 'STRING');
    expect(strings.map((t) => t.value)).toEqual([`rb'\\x'`, 'f"{a}"', "'''x\ny'''", `"it's"`]);
    const triple = strings[2] as Token;
    expect([triple.line, triple.col, triple.endLine, triple.endCol]).toEqual([1, 14, 2, 4]);
  });

  it('normalises non-ASCII identifiers (NFKC)', () => {
    expect(tokenize('ﬁ = 1')[0].value).toBe('fi');
  });

  it('reports tokenizer errors with CPython positions', () => {
    const e = lexError('x = (1,\n 2]\n');
    expect([e.msg, e.lineno, e.offset]).toEqual(["closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 3]);
    expect(lexError('if x:\n\tpass\n        pass\n').type).toBe('TabError');
    const deep = lexError('x = ' + '['.repeat(201));
    expect([deep.msg, deep.offset]).toEqual(['too many nested parentheses', 205]);
  });

  it('limits indentation depth', () => {
    let src = '';
    for (let i = 0; i < 101; i++) src += ' '.repeat(i) + 'if x:\n';
    src += ' '.repeat(101) + 'pass\n';
    const e = lexError(src);
    expect([e.type, e.msg]).toEqual(['IndentationError', 'too many levels of indentation']);
  });
});

describe('string literal helpers', () => {
  it('splits prefix, quotes and body', () => {
    expect(splitStringToken(`Rb'''a'''`)).toMatchObject({ prefix: 'rb', isBytes: true, isRaw: true, isFormat: false, body: 'a' });
    expect(splitStringToken(`''`)).toMatchObject({ body: '' });
    expect(splitStringToken(`""""""`)).toMatchObject({ body: '' });
  });

  it('decodes escapes like CPython', () => {
    expect(decodeEscapes('\\x41\\101\\u00e9\\U0001F600\\n\\q\\\n!', false)).toBe('AAé😀\n\\q!');
    expect(decodeEscapes('\\777', true)).toBe('\xff');
  });
});
