// A snapshot restored in another process: one fresh process runs the corpus programs and
// ships their snapshots, logs and follow-up output (restore-child.ts write); another, which
// has made shared objects in another order first, restores them (restore-child.ts read);
// the restored sandboxes must show what the originals showed. In-process round trips
// (corpus.test.ts) cannot see state that differs between processes: the slots of shared
// objects, the shared index, the type epoch, start-up strs made lazily.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Shipped, sameFollowUp } from './roundtrip.js';

const child = (role: 'write' | 'read', file: string, which: 'corpus' | 'wild') =>
  spawnSync(process.execPath, ['--stack-size=30000', '--import', 'tsx', join(import.meta.dirname, 'restore-child.ts'), role, file, which], {
    encoding: 'utf8', maxBuffer: 256 * 2 ** 20,
  });

describe('a snapshot restored in another process', () => {
  for (const [which, least] of [['corpus', 200], ['wild', 380]] as const) {
    it(`shows what the original showed, for every ${which} program snapshotted`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'heaplab-snap-'));
      try {
        const file = join(dir, 'shipped.json');
        const w = child('write', file, which);
        expect(w.status, w.stderr).toBe(0);
        const shipped = JSON.parse(readFileSync(file, 'utf8')) as Shipped[];
        expect(shipped.length).toBeGreaterThan(least);
        const r = child('read', file, which);
        expect(r.status, r.stderr).toBe(0);
        const seen = JSON.parse(r.stdout) as Record<string, string>;
        const different: string[] = [];
        for (const s of shipped) {
          const got = seen[s.name];
          if (!sameFollowUp(s.want, got)) {
            different.push(`${s.name}\n${s.want.slice(0, 1500)}\n${got?.slice(0, 1500)}`);
          }
        }
        expect(different).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 240_000);
  }
});
