/**
 * Input is validated, never coerced: each op field a type does not take, or a value of the
 * wrong kind, is a 400 naming the field, and the sandbox is left exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, makeApp, newSandbox, ops, pythonAvailable, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(() => t.close());

/** The state a refused request must not change: the op log and the live-object count. */
async function snapshot(id: string) {
  const log = (await t.http.get(`/v1/sandboxes/${id}/log`)).body as { entries: unknown[] };
  const stats = await t.http.get(`/v1/sandboxes/${id}/stats`);
  expect(stats.status).toBe(200);
  return { entries: log.entries.length, objects: (stats.body as { objects: number }).objects };
}

/** Each op, refused with a 400 naming `field`, whose message matches `why`. */
const refused: [object, string, RegExp][] = [
  [{ op: 'alloc', type: 'int', name: 'n', value: 'abc' }, 'value', /must be an integer/],
  [{ op: 'alloc', type: 'int', name: 'n', value: '12' }, 'value', /must be an integer/],
  [{ op: 'alloc', type: 'int', name: 'n', value: 1.5 }, 'value', /must be an integer/],
  [{ op: 'alloc', type: 'int', name: 'n', value: true }, 'value', /must be an integer/],
  [{ op: 'alloc', type: 'int', name: 'n', value: 2 ** 60 }, 'value', /within ±9007199254740991/],
  [{ op: 'alloc', type: 'float', name: 'f', value: '1.5' }, 'value', /must be a number/],
  [{ op: 'alloc', type: 'str', name: 's', value: 5 }, 'value', /must be a string/],
  [{ op: 'alloc', type: 'bytes', name: 'b', value: '€' }, 'value', /latin-1.*U\+20AC at index 0/],
  [{ op: 'alloc', type: 'bytes', name: 'b', value: 'ok\u0100' }, 'value', /U\+0100 at index 2/],
  [{ op: 'alloc', type: 'bytes', name: 'b', value: 7 }, 'value', /latin-1 string/],
  [{ op: 'alloc', type: 'list', name: 'l', value: 3 }, 'value', /not allowed for type "list"/],
  [{ op: 'alloc', type: 'dict', name: 'd', items: [{ value: 1 }] }, 'items', /even number/],
  [{ op: 'alloc', type: 'str', name: 's', items: [] }, 'items', /not allowed for type "str"/],
  [{ op: 'alloc', type: 'list', name: 'l', class: 'C' }, 'class', /not allowed/],
  [{ op: 'alloc', type: 'instance', name: 'i' }, 'class', /required/],
  [{ op: 'alloc', type: 'list', name: 'l', items: [{ value: 1e300 }] }, 'items[0].value', /within ±9007199254740991/],
  [{ op: 'ref', name: 'x' }, 'to', /required/],
  [{ op: 'ref', name: 'x', to: 'a', value: 1 }, 'value', /not both/],
  [{ op: 'ref', to: 'a' }, 'name', /required/],
  [{ op: 'ref', name: 'x', to: 'a', attr: 'y' }, 'attr', /only with "from"/],
  [{ op: 'ref', from: 'a', name: 'x', to: 'a', append: true }, 'name', /not allowed with "from"/],
  [{ op: 'ref', from: 'a', to: 'a' }, 'from', /needs one of/],
  [{ op: 'ref', from: 'a', to: 'a', index: 0, key: 'k' }, 'key', /not several/],
  [{ op: 'del' }, 'name', /required/],
  [{ op: 'del', from: 'a', index: 0, attr: 'x' }, 'index', /not several/],
  [{ op: 'gc', call: 'enable', threshold: [5] }, 'threshold', /only for set_threshold/],
  [{ op: 'gc', call: 'set_threshold' }, 'threshold', /required/],
  [{ op: 'gc', call: 'set_debug' }, 'flags', /required/],
  [{ op: 'return', name: 'r' }, 'name', /only with "value"/],
];

describe('op validation: refused, never coerced', () => {
  it.each(refused.map(([op, field, why]) => [JSON.stringify(op), op, field, why] as const))(
    '%s → 400 naming the field', async (_name, op, field, why) => {
      const id = await newSandbox(t);
      await ops(t, id, [{ op: 'alloc', type: 'list', name: 'a' }]);
      const before = await snapshot(id);
      const p = expectProblem(await t.http.post(`/v1/sandboxes/${id}/ops`).send({ ops: [{ op: 'stats' }, op] }), 400);
      const e = p.errors!.find((x) => x.field === `body.ops[1].${field}`);
      expect(e, JSON.stringify(p.errors)).toBeDefined();
      expect(e!.message).toMatch(why);
      expect(await snapshot(id)).toEqual(before);
    });

  it('accepts each type with a value of its own kind (the values python3 would build)', async () => {
    const id = await newSandbox(t);
    const r = await ops(t, id, [
      { op: 'alloc', type: 'int', name: 'i', value: -9007199254740991 },
      { op: 'alloc', type: 'float', name: 'f', value: 1.5 },
      { op: 'alloc', type: 'str', name: 's', value: '€' },
      { op: 'alloc', type: 'bytes', name: 'b', value: '\u00ff\u0000A' },
      { op: 'alloc', type: 'dict', name: 'd', items: [{ value: 'k' }, { value: 1 }] },
    ]);
    expect(r.results.map((x) => x.type)).toEqual(['int', 'float', 'str', 'bytes', 'dict']);
    const repr = async (name: string) => {
      const names = (await t.http.get(`/v1/sandboxes/${id}/names`)).body.frames[0].names as Record<string, string>;
      return (await t.http.get(`/v1/sandboxes/${id}/objects/${names[name]}`)).body.repr as string;
    };
    // python3: repr(-9007199254740991), repr(1.5), repr('€'), repr(b'\xff\x00A'), repr({'k': 1})
    expect(await repr('i')).toBe('-9007199254740991');
    expect(await repr('f')).toBe('1.5');
    expect(await repr('s')).toBe("'€'");
    expect(await repr('b')).toBe("b'\\xff\\x00A'");
    expect(await repr('d')).toBe("{'k': 1}");
    expect((await t.http.get(`/v1/sandboxes/${id}/stats`)).status).toBe(200);
  });

  it('refuses the same coercions inside a replayed log (400, no sandbox created)', async () => {
    const before = (await t.http.get('/v1/limits')).body.caller.sandboxes as number;
    const res = await t.http.post('/v1/sandboxes').send({
      replay: { version: 1, options: {}, entries: [{ op: { op: 'alloc', type: 'int', name: 'n', value: 'abc' } }] },
    });
    expect([400, 422]).toContain(res.status);
    expect(JSON.stringify(res.body)).toMatch(/value/);
    expect((await t.http.get('/v1/limits')).body.caller.sandboxes).toBe(before);
  });
});

describe.skipIf(!pythonAvailable)('a byte order mark in Python source', () => {
  it('is dropped at the start of a file, as python3 does (raw and JSON)', async () => {
    const id = await newSandbox(t);
    // python3 on a file starting with EF BB BF: runs it, prints 1.
    let res = await t.http.post(`/v1/sandboxes/${id}/exec`).set('content-type', 'text/x-python').send('\ufeffprint(1)\n');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stdout: '1\n', error: null });
    res = await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: '\ufeffprint(2)\n' });
    expect(res.body).toMatchObject({ stdout: '2\n', error: null });
  });

  it('is a SyntaxError anywhere else (python3: line 2, "invalid non-printable character U+FEFF")', async () => {
    const id = await newSandbox(t);
    const res = await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'x = 1\n\ufeffprint(1)\n' });
    expect(res.status).toBe(200);
    expect(res.body.error).toMatchObject({ type: 'SyntaxError', line: 2 });
  });
});
