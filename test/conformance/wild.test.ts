// The wild corpus (see wild.ts): code nobody here wrote, against what CPython 3.11 printed.
// A program may print what CPython prints, or stop with NotImplementedError naming what the
// sandbox lacks; it must never print something else. The programs that still do are listed
// in wild-different.json with the class of difference: each must still differ (so a fix
// forces its removal), and the list only shrinks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_DIR } from './corpus.js';
import { loadWild, runWild } from './wild.js';

const programs = loadWild();
const known = JSON.parse(readFileSync(join(CONFORMANCE_DIR, 'wild-different.json'), 'utf8')) as Record<string, string>;

describe('wild corpus data', () => {
  it('holds 300+ programs from outside, in groups by source', () => {
    expect(programs.length).toBeGreaterThanOrEqual(300);
    for (const p of programs) expect(p.name, p.name).toMatch(/^(cpython|tut)_[a-z_]+\/[a-z0-9_]+\.py$/);
  });

  it('names where every program came from, and has CPython output for each', () => {
    for (const p of programs) {
      expect(p.origin, p.name).toMatch(/^https?:\/\/\S+$/);
      expect(p.recorded, `${p.name}: run record-wild.py`).toBe(true);
    }
  });

  it('lists only programs that exist', () => {
    const names = new Set(programs.map((p) => p.name));
    for (const k of Object.keys(known)) expect(names.has(k), k).toBe(true);
  });
});

describe('wild corpus against CPython', () => {
  const byGroup = new Map<string, typeof programs>();
  for (const p of programs) {
    const g = p.name.split('/')[0]!;
    byGroup.set(g, [...(byGroup.get(g) ?? []), p]);
  }
  for (const [group, list] of byGroup) {
    it(`${group}: ${list.length} programs print what CPython prints or are refused by name`, () => {
      const failures: string[] = [];
      for (const p of list) {
        const c = runWild(p);
        if (p.name in known) {
          if (c.verdict !== 'different') failures.push(`${p.name} is ${c.verdict} now: remove it from wild-different.json`);
        } else if (c.verdict === 'different') {
          failures.push(`${p.name}: ${c.detail}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
