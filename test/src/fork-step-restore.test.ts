/**
 * A sandbox forked at a step (POST .../fork {"atStep": n}) is kept like any other: its log
 * (the traced exec stopped at step n) is journaled, and after a restart the SQLite store's
 * replay rebuilds the same heap, which runs on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { SandboxRegistry } from '../../src/registry.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const limits = testConfig().limits;
const PROGRAM = 'a = [1, 2]\nb = [a]\nc = 3\ndel a\nd = 4\n';

it('restores a fork at a step after a restart, exactly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'heaplab-fork-step-'));
  dirs.push(dir);
  let store = new SqliteStore(dir);
  let r = new SandboxRegistry(limits, () => 0, store);
  const src = r.create({ options: {}, subject: 's' });
  const traced = await r.exec(src, PROGRAM, { maxSteps: 100 });
  const n = traced.steps!.findIndex((s) => s.event === 'line' && s.line === 4);
  const fork = r.fork(src, null, 's', n);
  const before = fork.sandbox.boundedNames(100);
  const graphBefore = fork.sandbox.graph({ maxNodes: 100 });
  r.close();
  store.close();

  store = new SqliteStore(dir);
  r = new SandboxRegistry(limits, () => 1000, store);
  expect(r.load()).toEqual({ waiting: 2, expired: 0 });
  const back = r.require(fork.id);
  expect(back.sandbox.boundedNames(100)).toEqual(before);
  expect(back.sandbox.graph({ maxNodes: 100 })).toEqual(graphBefore);
  // Lines 1-3 in python3, then this cell: "3 1 3" (a, b[0] and getrefcount's argument).
  expect((await r.exec(back, 'import sys\nprint(sys.getrefcount(a), len(b), c)')).stdout).toBe('3 1 3\n');
  r.close();
  store.close();
});
