import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as A from '../../../sandbox/python/ast.js';
import { checkSemantics, parse, parseExpression, PySyntaxError } from '../../../sandbox/python/parser.js';
import { UnsupportedError } from '../../../sandbox/python/scope.js';

function syntaxError(src: string, filename?: string): PySyntaxError {
  try {
    parse(src, filename);
  } catch (e) {
    if (e instanceof PySyntaxError) return e;
    throw e;
  }
  throw new Error('expected a SyntaxError');
}

const firstExpr = (src: string): A.Expr => {
  const s = parse(src).body[0];
  if (s.type !== 'Expr') throw new Error(`not an expression statement: ${s.type}`);
  return s.value;
};

describe('parse API', () => {
  it('returns a Module of CPython-shaped nodes', () => {
    const m = parse('a = b = []\n');
    expect(m.type).toBe('Module');
    const assign = m.body[0] as A.Assign;
    expect(assign.targets.map((t) => [t.type, (t as A.Name).id, (t as A.Name).ctx])).toEqual([
      ['Name', 'a', 'Store'],
      ['Name', 'b', 'Store'],
    ]);
    expect(assign.value).toMatchObject({ type: 'List', elts: [], ctx: 'Load' });
    expect(assign).toMatchObject({ lineno: 1, col_offset: 0, end_lineno: 1, end_col_offset: 10 });
  });

  it('keeps integers of any size exact', () => {
    const c = firstExpr('123456789012345678901234567890') as A.Constant;
    expect(c.value).toEqual({ kind: 'int', value: 123456789012345678901234567890n });
    expect(parseExpression('0b1010_1010')).toMatchObject({ value: { kind: 'int', value: 170n } });
  });

  it('gives bytes as a Uint8Array', () => {
    const c = firstExpr("b'\\x00\\xffA'") as A.Constant;
    expect(c.value.kind).toBe('bytes');
    expect([...(c.value as { value: Uint8Array }).value]).toEqual([0, 255, 65]);
  });

  it('spells ExceptHandler.type as type_', () => {
    const t = parse('try:\n  pass\nexcept (A, B) as e:\n  pass\n').body[0] as A.Try;
    expect(t.handlers[0]).toMatchObject({ type: 'ExceptHandler', type_: { type: 'Tuple' }, name: 'e' });
  });

  it('reports errors with filename, source text and CPython columns', () => {
    const e = syntaxError('x = 1\nprint(a b)\n', 'lesson.py');
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({
      type: 'SyntaxError',
      msg: 'invalid syntax. Perhaps you forgot a comma?',
      filename: 'lesson.py',
      lineno: 2,
      offset: 7,
      endLineno: 2,
      endOffset: 10,
      text: 'print(a b)',
    });
  });

  it('counts error columns in code points and AST columns in UTF-8 bytes, like CPython', () => {
    expect(syntaxError("s = 'é' +\n").offset).toBe(10);
    const call = firstExpr("f('é', x)") as A.Call;
    expect(call.args[1]).toMatchObject({ col_offset: 8, end_col_offset: 9 });
  });

  it('can skip the compiler-stage checks', () => {
    expect(() => parse('return 1\n')).toThrow(PySyntaxError);
    const m = parse('return 1\n', '<s>', { checkSemantics: false });
    expect(m.body[0].type).toBe('Return');
    expect(() => checkSemantics(m, 'return 1\n')).toThrow("'return' outside function");
  });

  it('parses a lesson program end to end', () => {
    const src = [
      'import gc, sys',
      '',
      'class Node:',
      '    def __init__(self, name):',
      '        self.name = name',
      '        self.ref = None',
      '',
      '    def __del__(self):',
      '        print(f"{self.name!r} freed")',
      '',
      'a, b = Node("a"), Node("b")',
      'a.ref, b.ref = b, a',
      'print(sys.getrefcount(a) - 1)',
      'del a, b',
      'print(gc.collect() >= 2)',
      '',
    ].join('\n');
    const m = parse(src);
    expect(m.body.map((s) => s.type)).toEqual(['Import', 'ClassDef', 'Assign', 'Assign', 'Expr', 'Delete', 'Expr']);
  });
});

describe('depth limits', () => {
  it('turns deep nesting into a SyntaxError, never a stack overflow', () => {
    for (const src of ['-'.repeat(100_000) + '1', 'not '.repeat(20_000) + 'x', 'lambda: '.repeat(5000) + '1', '['.repeat(199) + ']'.repeat(199)]) {
      let err: unknown;
      try {
        parse(src + '\n');
      } catch (e) {
        err = e;
      }
      if (err !== undefined) expect(err).toBeInstanceOf(PySyntaxError);
    }
    expect(syntaxError('x = ' + '('.repeat(201) + ')'.repeat(201)).msg).toBe('too many nested parentheses');
  });

  it('keeps long flat chains iterative', () => {
    const m = parse('x = ' + Array(2000).fill('a').join(' and ') + '\n');
    expect(((m.body[0] as A.Assign).value as A.BoolOp).values).toHaveLength(2000);
  });

  it('bounds left-nested chains', () => {
    const e = syntaxError('x = ' + Array(50_000).fill('1').join(' + ') + '\n');
    expect(e.type).toBe('SyntaxError');
    expect(parse('x = ' + Array(500).fill('1').join(' + ') + '\n').body).toHaveLength(1);
  });
});

describe('robustness', () => {
  const pieces = [
    'x', 'y', '1', '2.5', "'s'", 'f"{x}"', '(', ')', '[', ']', '{', '}', ',', ':', ';', '=', '==', '+', '-', '*',
    '**', '/', '.', ' ', '\n', '    ', '\t', 'if ', 'else', 'for ', ' in ', 'def ', 'return ', 'lambda ', 'not ',
    'and ', 'yield ', 'class ', 'try:', 'except', 'del ', '#', '\\', '"', "'''", '@', 'async ', '$',
  ];
  // Besides CPython's SyntaxErrors, the one other answer is a named refusal of valid syntax
  // the sandbox does not run (`async def/for/with`).
  it('only ever throws PySyntaxError or UnsupportedError', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        try {
          parse(parts.join(''));
        } catch (e) {
          if (!(e instanceof PySyntaxError) && !(e instanceof UnsupportedError)) throw e;
        }
      }),
      { numRuns: 3000 },
    );
  });
});
