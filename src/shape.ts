/**
 * Shaping replies and mapping engine outcomes to HTTP: the plumbing routes share so each
 * route stays "validate, call, shape".
 */
import type { SandboxOptions } from '../sandbox/ops.js';
import type { Limits } from './config.js';
import { ProblemError, ProblemType, type FieldError } from './problem.js';
import type { SandboxEntry, SandboxRegistry } from './registry.js';
import type { SandboxSummary } from './schemas.js';
import type { z } from 'zod';
import { ReplayError } from './engine.js';

export function summarize(registry: SandboxRegistry, e: SandboxEntry): z.output<typeof SandboxSummary> {
  return {
    id: e.id,
    label: e.label,
    createdAt: new Date(e.createdAt).toISOString(),
    lastUsedAt: new Date(e.lastUsedAt).toISOString(),
    expiresAt: new Date(registry.expiresAt(e)).toISOString(),
    objects: e.sandbox.objectCount,
    lastSeq: e.sandbox.lastSeq,
    logEntries: e.logEntries,
    replayCost: e.sandbox.replayCost,
    subscribers: e.channel.subscriberCount,
    options: e.options,
  };
}

/** Requested engine limits must stay within the server's maxima (400 naming the field). */
export function checkRequestedLimits(requested: SandboxOptions['limits'], max: Limits, where = 'body.limits'): void {
  if (!requested) return;
  const errors: FieldError[] = [];
  const check = (field: keyof NonNullable<SandboxOptions['limits']>, value: number | undefined, cap: number, name: string) => {
    if (value !== undefined && value > cap) errors.push({ field: `${where}.${field}`, message: `must be at most ${cap} (${name} on this server)` });
  };
  check('maxObjects', requested.maxObjects, max.maxObjectsPerSandbox, 'maxObjectsPerSandbox');
  check('maxBytes', requested.maxBytes, max.maxBytesPerSandbox, 'maxBytesPerSandbox');
  check('maxSteps', requested.maxSteps, max.maxStepsPerRequest, 'maxStepsPerRequest');
  check('maxEventsPerOp', requested.maxEventsPerOp, max.maxEventsPerOp, 'maxEventsPerOp');
  if (errors.length) {
    throw new ProblemError(400, ProblemType.invalid, 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}

export function tooManyOps(n: number, max: number): ProblemError {
  return new ProblemError(422, ProblemType.limit, 'Too Many Operations',
    `body.ops: ${n} operations in one request; this server allows at most ${max} (maxOpsPerRequest).`,
    { limit: 'maxOpsPerRequest', errors: [{ field: 'body.ops', message: `at most ${max} operations per request` }] });
}

export interface PythonErrorInfo {
  type: string;
  message: string;
}

export function pythonProblem(title: string, err: PythonErrorInfo, extra: Record<string, unknown>): ProblemError {
  return new ProblemError(422, ProblemType.python, title, `${err.type}: ${err.message}`, {
    pythonError: { type: err.type, message: err.message },
    ...extra,
  });
}

/** A log that does not replay as recorded → 422 naming the entry; anything else → null. */
export function replayProblem(err: unknown): ProblemError | null {
  if (!(err instanceof ReplayError)) return null;
  const field = `body.replay.entries[${err.index}]`;
  return new ProblemError(422, ProblemType.replay, 'Replay failed', `${field}: ${err.message}`, {
    index: err.index,
    errors: [{ field, message: err.message }],
  });
}
