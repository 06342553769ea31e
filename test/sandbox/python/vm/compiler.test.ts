/**
 * The bytecode compiler against CPython 3.11's own compiler: every code object (co_code unit
 * for unit, co_consts, names, variables, flags, co_stacksize, line ranges, each code unit's
 * position (co_positions: the columns a traceback's carets are drawn from), exception table)
 * must equal what CPython built for the same source. CPython's code objects are recorded in
 * fixtures/code/*.json by record-code.py (python3 is not needed to run this test).
 *
 * - programs/: small programs, one group of constructs each — all must match.
 * - the conformance corpus and wild programs — all must match, except the known gaps listed
 *   in compiler-known-gaps.json with the reason (a gap that starts matching fails the test,
 *   so the list stays true).
 * - constructs the compiler does not cover are refused with UnsupportedError naming them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnsupportedError } from '../../../../sandbox/python/scope.js';
import { codeFromJson, diffCode } from './code-json.js';
import { compileSource } from './compile-source.js';

const HERE = __dirname;
const ROOT = join(HERE, '..', '..', '..', '..');
const GROUPS: Record<string, string> = {
  programs: join(HERE, 'programs'),
  corpus: join(ROOT, 'test', 'conformance', 'corpus'),
  wild: join(ROOT, 'test', 'conformance', 'wild'),
};

type Recorded = Record<string, Record<string, unknown>>;

function recorded(group: string): Recorded {
  return JSON.parse(readFileSync(join(HERE, 'fixtures', 'code', `${group}.json`), 'utf8')) as Recorded;
}

const KNOWN_GAPS = JSON.parse(readFileSync(join(HERE, 'compiler-known-gaps.json'), 'utf8')) as Record<string, Record<string, string>>;

/** '' when heaplab's code objects equal CPython's, else the readable difference. */
function compare(group: string, name: string, want: Record<string, unknown>): string {
  const src = readFileSync(join(GROUPS[group]!, name), 'utf8');
  try {
    return diffCode(compileSource(src), codeFromJson(want));
  } catch (e) {
    if (e instanceof UnsupportedError) return `unsupported: ${e.message}`;
    throw e;
  }
}

describe('bytecode compiler: small programs', () => {
  const fx = recorded('programs');
  for (const [name, want] of Object.entries(fx)) {
    it(`${name} compiles to CPython's code objects`, () => {
      expect(compare('programs', name, want)).toBe('');
    });
  }
});

for (const group of ['corpus', 'wild']) {
  describe(`bytecode compiler: ${group} programs`, () => {
    it('compile to CPython\'s code objects (all but the known gaps)', () => {
      const fx = recorded(group);
      const gaps = KNOWN_GAPS[group] ?? {};
      const failures: string[] = [];
      let same = 0;
      for (const [name, want] of Object.entries(fx)) {
        if ('error' in want) continue;
        const d = compare(group, name, want);
        if (d === '') {
          same++;
          if (name in gaps) failures.push(`${name}: listed as a known gap but now compiles identically — drop it from the list`);
        } else if (!(name in gaps)) failures.push(`${name}:\n${d}`);
      }
      expect(failures.join('\n\n')).toBe('');
      expect(same).toBeGreaterThan(0);
    });
  });
}

describe('bytecode compiler: refusals', () => {
  const refused: [string, string][] = [
    ['class A:\n    def f(self):\n        __x = 1\n        return lambda: __x\n', "a private name ('__x') captured by a closure"],
    ['from __future__ import annotations\n', 'from __future__ import annotations'],
  ];
  for (const [src, what] of refused) {
    it(`refuses ${JSON.stringify(src.split('\n')[0])} naming the construct`, () => {
      expect(() => compileSource(src)).toThrow(UnsupportedError);
      expect(() => compileSource(src)).toThrow(what);
    });
  }
});
