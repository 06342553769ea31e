/**
 * Traced runs over HTTP: exec with "trace": true, and POST /v1/trace in Python Tutor's
 * format. The (event, line) sequence of PROGRAM is what CPython 3.11's sys.settrace reports
 * (trace_oracle.py); refcounts and sizes are python3's (sys.getrefcount(x) - 1 is 1, then 3
 * once y holds x twice; sys.getsizeof([1, 2]) and of [a, a] are 72).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecResponse, TraceResponse } from '../../src/schemas.js';
import { expectProblem, expectSchema, makeApp, newSandbox, type TestApp } from './helpers.js';

const PROGRAM = 'def f(a):\n    b = [a, a]\n    return b\nx = [1, 2]\ny = f(x)\nprint(len(y))\n';
const CPYTHON = 'c0 l1 l4 l5 c1 l2 l3 r3 l6 r6';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(() => t.close());

describe('POST /v1/sandboxes/{id}/exec with "trace": true', () => {
  it('answers the steps CPython\'s tracer reports, with names and deltas', async () => {
    const id = await newSandbox(t);
    const res = await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: PROGRAM, trace: true });
    expect(res.status).toBe(200);
    const r = expectSchema(ExecResponse, res.body);
    expect(r.stdout).toBe('2\n');
    expect(r.steps!.map((s) => `${s.event[0]}${s.line}`).join(' ')).toBe(CPYTHON);
    expect(r.truncated).toBeNull();
    // Inside f at its return: the frames are the module's and f's, with their names.
    const ret = r.steps!.find((s) => s.event === 'return' && s.function === 'f')!;
    expect(ret.stack.map((f) => f.function)).toEqual(['<module>', 'f']);
    expect(Object.keys(ret.stack[1]!.names)).toEqual(['a', 'b']);
    const x = ret.stack[0]!.names.x!;
    // Line 2 (b = [a, a]) made the list and moved x's refcount from 2 (x, a) to 4.
    const l3 = r.steps!.find((s) => s.event === 'line' && s.line === 3)!;
    expect(l3.delta.refcounts).toContainEqual({ id: x, from: 2, to: 4 });
    expect(l3.delta.created).toContainEqual({ id: ret.stack[1]!.names.b, type: 'list' });
    // The names persist: the sandbox holds y afterwards.
    const names = await t.http.get(`/v1/sandboxes/${id}/names`);
    expect(Object.keys(names.body.frames[0].names)).toContain('y');
  });

  it('stops recording at maxTraceSteps and says so', async () => {
    const id = await newSandbox(t);
    const r = expectSchema(ExecResponse, (await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: PROGRAM, trace: true, maxTraceSteps: 4 })).body);
    expect(r.steps!.map((s) => `${s.event[0]}${s.line}`).join(' ')).toBe('c0 l1 l4 l5');
    expect(r.truncated).toMatchObject({ atStep: 4 });
    expect(r.stdout).toBe('2\n');
  });

  it('refuses a bad step budget', async () => {
    const id = await newSandbox(t);
    expectProblem(await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: PROGRAM, trace: true, maxTraceSteps: 0 }), 400);
  });
});

type Enc = null | boolean | number | string | Enc[];
interface OptFrame { func_name: string; is_highlighted: boolean; encoded_locals: Record<string, Enc>; ordered_varnames: string[] }
interface OptEntry {
  event: string; line: number; globals: Record<string, Enc>; ordered_globals: string[]; stack_to_render: OptFrame[];
  heap: Record<string, Enc>; stdout: string; exception_msg?: string; heaplab_objects: Record<string, Record<string, unknown>>;
}
/** The heap id a ["REF", n] names. */
const refId = (v: Enc | undefined): number => (v as [string, number])[1];

/** Every ["REF", n] inside an encoded value. */
function refs(v: unknown, out: number[] = []): number[] {
  if (Array.isArray(v)) {
    if (v[0] === 'REF' && typeof v[1] === 'number') out.push(v[1]);
    else for (const x of v) refs(x, out);
  }
  return out;
}

describe('POST /v1/trace', () => {
  it('answers Python Tutor\'s format, with every field its front end reads, plus heaplab\'s', async () => {
    const res = await t.http.post('/v1/trace').send({ code: PROGRAM, format: 'opt' });
    expect(res.status).toBe(200);
    const doc = expectSchema(TraceResponse, res.body) as { code: string; trace: OptEntry[] };
    expect(doc.code).toBe(PROGRAM);
    // Python Tutor starts at the module's first line (no entry for the module's call).
    expect(doc.trace.map((e) => `${e.event}:${e.line}`).join(' '))
      .toBe('step_line:1 step_line:4 step_line:5 call:1 step_line:2 step_line:3 return:3 step_line:6 return:6');
    for (const e of doc.trace) {
      expect(Object.keys(e.globals).sort()).toEqual([...e.ordered_globals].sort());
      for (const f of e.stack_to_render) expect(Object.keys(f.encoded_locals).sort()).toEqual([...f.ordered_varnames].sort());
      // Every reference points into this entry's heap, and every heap object has heaplab's fields.
      for (const n of refs([Object.values(e.globals), e.stack_to_render.map((f) => Object.values(f.encoded_locals)), Object.values(e.heap)])) {
        expect(e.heap[n], `heap ${n}`).toBeDefined();
      }
      expect(Object.keys(e.heaplab_objects).sort()).toEqual(Object.keys(e.heap).sort());
    }
    const atReturn = doc.trace[6]!;
    expect(atReturn.stack_to_render.map((f) => [f.func_name, f.is_highlighted])).toEqual([['f', true]]);
    const xRef = refId(atReturn.globals.x);
    expect(atReturn.heap[xRef]).toEqual(['LIST', 1, 2]);
    expect(atReturn.heap[refId(atReturn.stack_to_render[0]!.encoded_locals.b)]).toEqual(['LIST', ['REF', xRef], ['REF', xRef]]);
    expect((atReturn.globals.f as Enc[])[0]).toBe('REF');
    expect(atReturn.heap[refId(atReturn.globals.f)]).toEqual(['FUNCTION', 'f(a)', null]);
    const last = doc.trace.at(-1)!;
    expect(last.stdout).toBe('2\n');
    const x = last.heaplab_objects[refId(last.globals.x)];
    expect(x).toMatchObject({ refcount: 3, size: 72, tracked: true, finalized: false });
    expect(last.heaplab_objects[refId(last.globals.y)]).toMatchObject({ refcount: 1, size: 72 });
  });

  it('ends with the uncaught exception or the step limit, as Python Tutor does', async () => {
    const err = (await t.http.post('/v1/trace').send({ code: 'x = 1\ny = x / 0\n', format: 'opt' })).body;
    expect(err.trace.at(-1)).toMatchObject({ event: 'uncaught_exception', exception_msg: 'ZeroDivisionError: division by zero' });
    const cut = (await t.http.post('/v1/trace').send({ code: PROGRAM, format: 'opt', maxTraceSteps: 3 })).body;
    expect((cut.trace as OptEntry[]).map((e) => e.event)).toEqual(['step_line', 'step_line', 'instruction_limit_reached']);
    expect(cut.heaplab.truncated).toMatchObject({ atStep: 3 });
  });

  it('answers heaplab\'s own steps with format "heaplab"', async () => {
    const r = (await t.http.post('/v1/trace').send({ code: PROGRAM, format: 'heaplab' })).body;
    expect((r.steps as Array<{ event: string; line: number }>).map((s) => `${s.event[0]}${s.line}`).join(' ')).toBe(CPYTHON);
  });

  it('refuses an unknown format', async () => {
    expectProblem(await t.http.post('/v1/trace').send({ code: PROGRAM, format: 'png' }), 400);
  });
});
