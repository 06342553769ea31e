/**
 * Start-up restore through the registry: kept sandboxes wait to be rebuilt, a request
 * rebuilds the one it needs at once, waiting ones count against quotas and capacity, a
 * waiting one that expires is deleted, and the background pass rebuilds the rest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../../src/config.js';
import { SandboxRegistry } from '../../../src/registry.js';
import { SqliteStore } from '../../../src/store/sqlite.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const limits = testConfig({ limits: { idleTtlSeconds: 100, maxSandboxesPerKey: 3 } }).limits;

/** A data directory holding three sandboxes of subject "s", used at times 0, 10 and 20 s. */
async function keptThree(): Promise<{ dir: string; ids: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'heaplab-restore-'));
  dirs.push(dir);
  const store = new SqliteStore(dir);
  let clock = 0;
  const r = new SandboxRegistry(limits, () => clock, store);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    clock = i * 10_000;
    const e = r.create({ options: {}, subject: 's' });
    await r.exec(e, `x = [${i}] * ${i + 1}`);
    ids.push(e.id);
  }
  r.close();
  store.close();
  return { dir, ids };
}

describe('restoring at start-up', () => {
  it('rebuilds a waiting sandbox the moment it is asked for; waiting ones count against the quota', async () => {
    const { dir, ids } = await keptThree();
    const store = new SqliteStore(dir);
    const r = new SandboxRegistry(limits, () => 30_000, store);
    expect(r.load()).toEqual({ waiting: 3, expired: 0 });
    expect(r.size).toBe(3);
    expect(r.countFor('s')).toBe(3);
    expect(() => r.create({ options: {}, subject: 's' })).toThrow(/You hold 3 sandboxes/);
    const e = r.require(ids[1]!);
    expect(e.logEntries).toBe(1);
    expect((await r.exec(e, 'print(x)')).stdout).toBe('[1, 1]\n');
    expect(r.size).toBe(3);
    expect(r.countFor('s')).toBe(3);
    r.close();
    store.close();
  });

  it('deletes a waiting sandbox that expires before anyone asks for it', async () => {
    const { dir, ids } = await keptThree();
    const store = new SqliteStore(dir);
    let clock = 30_000;
    const r = new SandboxRegistry(limits, () => clock, store);
    r.load();
    clock = 105_000; // the first (used at 0 s) has expired; the others (10 s, 20 s) have not
    expect(r.sweep()).toBe(1);
    expect(r.get(ids[0]!)).toBeUndefined();
    expect(r.size).toBe(2);
    expect(store.load().map((k) => k.record.id).sort()).toEqual([ids[1], ids[2]].sort());
    r.close();
    store.close();
  });

  it('rebuilds the rest in the background, yielding between sandboxes', async () => {
    const { dir, ids } = await keptThree();
    const store = new SqliteStore(dir);
    const r = new SandboxRegistry(limits, () => 30_000, store);
    r.load();
    const report = await new Promise<ReturnType<SandboxRegistry['restoreAll']>>((done) => r.restoreInBackground(done));
    expect(report).toMatchObject({ restored: 3, failed: [], entries: 3 });
    for (const [i, id] of ids.entries()) expect((await r.exec(r.require(id), 'print(len(x))')).stdout).toBe(`${i + 1}\n`);
    r.close();
    store.close();
  });
});
