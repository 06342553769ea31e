/**
 * Differential tests: heaplab's parser against CPython 3.11.
 *
 * fixtures/ast-cases.json is written by record-ast.py (run it with python3.11
 * after adding cases). Each case holds a source and either CPython's AST
 * (normalised JSON) or the SyntaxError CPython's compile() raised. The
 * fixture covers the syntax a memory lesson uses, the conformance programs,
 * the seed notebook cells, and these verified SyntaxError messages:
 *
 *   '(' was never closed · unmatched ')' · closing parenthesis ')' does not
 *   match opening parenthesis '[' (and "... on line N") · expected ':' ·
 *   invalid syntax · expected an indented block after 'if'/'elif'/'else'/
 *   'for'/'while'/'try'/'except'/'finally'/'with' statement, function
 *   definition, class definition on line N · unexpected indent · unindent
 *   does not match any outer indentation level · inconsistent use of tabs and
 *   spaces in indentation (TabError) · unterminated string literal (detected
 *   at line N) · unterminated triple-quoted string literal (detected at line
 *   N) · cannot assign to literal/function call/expression/list
 *   comprehension here. Maybe you meant '==' instead of '='? · cannot assign
 *   to literal/function call/comparison/expression/conditional expression/
 *   True/None · invalid syntax. Perhaps you forgot a comma? · Missing
 *   parentheses in call to 'print'. Did you mean print(...)? · 'return'
 *   outside function · 'break' outside loop · 'continue' not properly in loop
 *   · 'yield' outside function · name 'x' is assigned to before global
 *   declaration · name 'x' is used prior to global declaration · name 'x' is
 *   parameter and global · nonlocal declaration not allowed at module level ·
 *   number literal errors (invalid decimal/hexadecimal literal, invalid digit
 *   in binary literal, leading zeros) · unexpected character after line
 *   continuation character · duplicate argument in function definition ·
 *   Generator expression must be parenthesized · cannot delete ... · '...'
 *   is an illegal expression for augmented assignment · positional argument
 *   follows keyword argument (unpacking) · keyword argument repeated · non-
 *   default argument follows default argument · named arguments must follow
 *   bare * · expected 'except' or 'finally' block · ':' expected after
 *   dictionary key · f-string: expecting '}' / empty expression not allowed /
 *   single '}' is not allowed / invalid conversion character · expected
 *   'else' after 'if' expression · invalid syntax. Maybe you meant '==' or
 *   ':=' instead of '='? · assignment to yield expression not possible ·
 *   starred assignment target must be in a list or tuple · can't use starred
 *   expression here · multiple starred expressions in assignment · bytes can
 *   only contain ASCII literal characters · cannot mix bytes and nonbytes
 *   literals · too many nested parentheses · multiple exception types must be
 *   parenthesized · trailing comma not allowed without surrounding
 *   parentheses · invalid character · expression cannot contain assignment.
 *
 * CPython reports odd end positions for a few tokenizer errors (end_offset 0
 * or -1); those are reproduced too. When python3 is 3.11 the fixture is also
 * re-recorded live and must match the committed one.
 */

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, PySyntaxError } from '../../../sandbox/python/parser.js';
import { UnsupportedError } from '../../../sandbox/python/scope.js';
import { toJson } from './astjson.js';
import type { Json } from './astjson.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixturePath = join(here, 'fixtures', 'ast-cases.json');

interface CpythonError {
  type: string;
  msg: string;
  lineno: number;
  offset: number;
  end_lineno: number;
  end_offset: number;
}

interface Case {
  name: string;
  source: string;
  ast?: Json;
  error?: CpythonError;
}

const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as { python: string; cases: Case[] };

function errorOf(source: string): CpythonError | undefined {
  try {
    parse(source);
    return undefined;
  } catch (e) {
    if (!(e instanceof PySyntaxError)) throw e;
    return {
      type: e.type,
      msg: e.msg,
      lineno: e.lineno,
      offset: e.offset,
      end_lineno: e.endLineno,
      end_offset: e.endOffset,
    };
  }
}

describe('parser matches CPython 3.11 ast', () => {
  const valid = fixture.cases.filter((c) => c.ast !== undefined);
  it.each(valid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(toJson(parse(c.source))).toEqual(c.ast);
  });
});

describe('parser raises CPython 3.11 SyntaxErrors', () => {
  const invalid = fixture.cases.filter((c) => c.error !== undefined);
  it.each(invalid.map((c) => [JSON.stringify(c.source).slice(0, 60), c] as const))('%s', (_name, c) => {
    expect(errorOf(c.source)).toEqual(c.error);
  });
});

function python311(): boolean {
  try {
    return execFileSync('python3', ['--version'], { encoding: 'utf8' }).startsWith('Python 3.11');
  } catch {
    return false;
  }
}

describe.runIf(python311())('fixture is up to date', () => {
  it('record-ast.py reproduces the committed fixture', () => {
    const live = execFileSync('python3', [join(here, 'record-ast.py'), '--stdout'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const recorded = JSON.parse(live) as { cases: Case[] };
    const names = new Set(fixture.cases.map((c) => c.name));
    // /work/shared may be absent; compare the cases both sides have.
    for (const c of recorded.cases.filter((r) => names.has(r.name))) {
      expect(fixture.cases.find((f) => f.name === c.name)).toEqual(c);
    }
  });
});

// `async def/for/with` are valid Python the sandbox does not run: refused by name, where
// CPython 3.11 compiles them; `async` before anything else stays CPython's SyntaxError.
describe('async statements are refused, not reported as SyntaxError', () => {
  it.each([
    ['async def f():\n    yield\n', "heaplab does not support 'async def' (coroutines)"],
    ['@d\nasync def f(): pass\n', "heaplab does not support 'async def' (coroutines)"],
    ['def g():\n    async for x in y: pass\n', "heaplab does not support 'async for' (coroutines)"],
    ['def g():\n    async with x: pass\n', "heaplab does not support 'async with' (coroutines)"],
  ])('%j', (source, message) => {
    expect(() => parse(source)).toThrow(UnsupportedError);
    expect(() => parse(source)).toThrow(message);
  });
  it('async x = 1 is invalid syntax', () => {
    expect(errorOf('async x = 1\n')).toEqual({ type: 'SyntaxError', msg: 'invalid syntax', lineno: 1, offset: 7, end_lineno: 1, end_offset: 8 });
  });
});
