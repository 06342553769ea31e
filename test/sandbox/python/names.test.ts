/** Names that are also properties of every JavaScript object are ordinary Python names. */
import { describe, expect, it } from 'vitest';
import { parse } from '../../../sandbox/python/parser.js';
import { Sandbox } from '../../../sandbox/sandbox.js';

const JS_NAMES = ['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];

describe('JavaScript prototype names', () => {
  it.each(JS_NAMES)('%s parses as a Name', (name) => {
    const stmt = parse(name).body[0]!;
    expect(stmt.type).toBe('Expr');
    expect((stmt as { value: { type: string; id: string } }).value).toMatchObject({ type: 'Name', id: name });
  });

  it.each(JS_NAMES)('%s is unbound until assigned, then behaves like any name', (name) => {
    const sb = new Sandbox();
    const r1 = sb.exec(name);
    // CPython 3.11: NameError: name 'toString' is not defined
    expect(r1.error).toMatchObject({ type: 'NameError', message: `name '${name}' is not defined` });
    const r2 = sb.exec(`${name} = [1]\nprint(${name}, len(${name}))\ndel ${name}`);
    expect(r2.error).toBeNull();
    expect(r2.stdout).toBe('[1] 1\n');
  });
});

describe('builtins heaplab lacks', () => {
  it.each(['memoryview', 'FileNotFoundError', 'compile'])('%s is a clear NotImplementedError, not a NameError', (name) => {
    const r = new Sandbox().exec(`x = ${name}`);
    expect(r.error).toMatchObject({ type: 'NotImplementedError', message: `heaplab does not support the builtin '${name}'` });
  });

  it('a name that is no builtin is still a NameError', () => {
    expect(new Sandbox().exec('x = nosuchname').error).toMatchObject({ type: 'NameError' });
  });
});
