/** Shared test plumbing: build an app with overrides, talk to it with supertest. */
import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { expect } from 'vitest';
import type { z } from 'zod';
import type { Event } from '../../sandbox/events.js';
import { buildApp, type BuildOptions } from '../../src/app.js';
import { testConfig, type Config, type Limits } from '../../src/config.js';
import { Problem } from '../../src/problem.js';
import { Sandbox } from '../../src/engine.js';

export type Overrides = { limits?: Partial<Limits> } & Partial<Omit<Config, 'limits'>>;

export interface TestApp {
  app: FastifyInstance;
  http: ReturnType<typeof request>;
  close: () => Promise<void>;
}

export async function makeApp(overrides: Overrides = {}, opts: BuildOptions = {}): Promise<TestApp> {
  const app = await buildApp(testConfig(overrides), { logger: false, sweep: false, ...opts });
  await app.ready();
  return { app, http: request(app.server), close: () => app.close() };
}

/** Create a sandbox and return its id. */
export async function newSandbox(t: TestApp, body?: object): Promise<string> {
  const req = t.http.post('/v1/sandboxes');
  const res = body ? await req.send(body) : await req;
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Apply ops expecting success; returns the parsed body. */
export async function ops(t: TestApp, id: string, list: object[], atomic?: boolean) {
  const res = await t.http.post(`/v1/sandboxes/${id}/ops`).send(atomic === undefined ? { ops: list } : { ops: list, atomic });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { results: Record<string, unknown>[]; events: Event[] };
}

/** Assert an RFC 9457 problem with this status, returning the body. */
export function expectProblem(res: { status: number; headers: Record<string, string>; body: unknown }, status: number) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const p = Problem.parse(res.body);
  expect(p.status).toBe(status);
  expect(p.title.length).toBeGreaterThan(0);
  return p;
}

/** The response matches the documented schema. */
export function expectSchema<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body);
  expect(r.success, r.success ? '' : JSON.stringify(r.error.issues)).toBe(true);
  return r.data as z.output<S>;
}

/** Whether the Python front end is installed yet (exec-semantics tests skip until it is). */
export const pythonAvailable: boolean = (() => {
  try {
    return new Sandbox().exec('x = 1').error === null;
  } catch {
    return false;
  }
})();
