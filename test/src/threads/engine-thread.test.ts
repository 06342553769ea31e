/**
 * Engine threads: Python nested in builtins reaches CPython's depths on the stack heaplab
 * gives its threads (ENGINE_STACK_MB), where a thread with Node's default worker stack does not.
 */
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { engineWorker, moduleBeside, workerFor } from '../../../src/threads/engine-thread.js';
import { DEEP_HASH, DEEP_HASH_STDOUT, DEEP_REPR, DEEP_REPR_STDOUT } from './deep.js';

type Outcome = { stdout: string; error: string | null };

function outcome(w: Worker): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
}

const entry = moduleBeside(import.meta.url, './exec-entry.js');

describe('engine threads', () => {
  it('nest __hash__ through dict insertion 900 deep (python3: 900)', async () => {
    expect(await outcome(engineWorker(entry, { workerData: DEEP_HASH }))).toEqual({ stdout: DEEP_HASH_STDOUT, error: null });
  });

  it('nest __repr__ through a list\'s repr 900 deep under a raised limit (python3: 1801)', async () => {
    expect(await outcome(engineWorker(entry, { workerData: DEEP_REPR }))).toEqual({ stdout: DEEP_REPR_STDOUT, error: null });
  });

  it('on a thread with a 2 MB stack the same nests run out of JS stack first', async () => {
    // What heaplab's own stack size is for: there the JS stack ends first, and the engine
    // reports it as a RecursionError (CPython would overflow its C stack), never a crash.
    const out = await outcome(workerFor(entry, { workerData: DEEP_REPR, resourceLimits: { stackSizeMb: 2 } }));
    expect(out).toEqual({ stdout: '', error: 'RecursionError: maximum recursion depth exceeded' });
  });
});
