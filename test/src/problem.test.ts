import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Op } from '../../sandbox/ops.js';
import { fieldPath, parseOr400, ProblemError } from '../../src/problem.js';

function errorsOf(schema: z.ZodType, value: unknown) {
  try {
    parseOr400(schema, value, 'body');
  } catch (err) {
    expect(err).toBeInstanceOf(ProblemError);
    expect((err as ProblemError).status).toBe(400);
    return (err as ProblemError).extra.errors as { field: string; message: string }[];
  }
  throw new Error('expected a 400');
}

describe('field errors', () => {
  it('renders paths', () => {
    expect(fieldPath('body', ['ops', 2, 'target'])).toBe('body.ops[2].target');
    expect(fieldPath('', ['a', 0])).toBe('a[0]');
  });

  it('names the field inside a discriminated union', () => {
    const Body = z.object({ ops: z.array(Op) });
    expect(errorsOf(Body, { ops: [{ op: 'alloc', type: 'lst' }] })[0]!.field).toBe('body.ops[0].type');
    expect(errorsOf(Body, { ops: [{ op: 'getrefcount', target: 5 }] })[0]!.field).toBe('body.ops[0].target');
    expect(errorsOf(Body, { ops: [{ op: 'bogus' }] })[0]!.field).toBe('body.ops[0].op');
    expect(errorsOf(Body, { ops: [{ op: 'stats', extra: 1 }] })).toEqual([{ field: 'body.ops[0].extra', message: 'unknown field' }]);
  });

  it('returns the parsed value when valid', () => {
    expect(parseOr400(z.object({ a: z.number() }), { a: 1 }, 'body')).toEqual({ a: 1 });
  });
});
