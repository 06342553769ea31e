// Checks the conformance data itself (not the sandbox): every program has a
// recorded expectation, names are well-formed and unique, the generator still
// reproduces the recorded random programs, and — when CPython 3.11 is present —
// a sample of recorded expectations still matches what the oracle prints.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CONFORMANCE_DIR,
  hasPython,
  listProgramFiles,
  loadCorpus,
  loadRandom,
  maskAddresses,
  normalize,
  oraclePath,
  runOracle,
  stripOracleFrames,
  tracebackSkeleton,
} from './corpus.js';
import { generateProgram, mulberry32 } from './generate.js';

const corpus = loadCorpus();
const random = loadRandom();

/** Every k-th element, so the sample is spread out and deterministic. */
function spread<T>(items: T[], n: number): T[] {
  const step = Math.max(1, Math.floor(items.length / n));
  return items.filter((_, i) => i % step === 0).slice(0, n);
}

describe('hand-written corpus', () => {
  it('has an expectation for every program file and a file for every expectation', () => {
    expect(corpus.map((p) => p.name)).toEqual(listProgramFiles());
  });

  it('has 160+ corpus programs plus the 13 shared ones', () => {
    const own = corpus.filter((p) => !p.name.startsWith('shared/'));
    const shared = corpus.filter((p) => p.name.startsWith('shared/'));
    expect(own.length).toBeGreaterThanOrEqual(160);
    expect(shared.length).toBe(13);
  });

  it('uses unique NNN_topic_name.py names', () => {
    const own = corpus.filter((p) => !p.name.startsWith('shared/')).map((p) => p.name);
    for (const name of own) expect(name).toMatch(/^\d{3}_[a-z0-9_]+\.py$/);
    const numbers = own.map((n) => n.slice(0, 3));
    expect(new Set(numbers).size).toBe(numbers.length);
    const topics = own.map((n) => n.slice(4));
    expect(new Set(topics).size).toBe(topics.length);
  });

  it('keeps programs small, each with a first-line comment saying what it shows', () => {
    for (const p of corpus.filter((q) => !q.name.startsWith('shared/'))) {
      const lines = p.source.trimEnd().split('\n');
      expect(lines[0], p.name).toMatch(/^# \S/);
      expect(lines.length, p.name).toBeGreaterThanOrEqual(5);
      expect(lines.length, p.name).toBeLessThanOrEqual(45);
    }
  });

  it('stays inside the subset: only gc, sys and weakref are imported', () => {
    for (const p of corpus) {
      for (const line of p.source.split('\n')) {
        const m = /^\s*(?:import|from)\s+(.+)$/.exec(line);
        if (!m) continue;
        const modules = line.trim().startsWith('from') ? [m[1]!.split(/\s+/)[0]!] : m[1]!.split(',').map((s) => s.trim());
        for (const mod of modules) expect(['gc', 'sys', 'weakref'], `${p.name}: ${line}`).toContain(mod);
      }
    }
  });

  it('records a traceback exactly when the exit code is nonzero', () => {
    for (const p of corpus) {
      expect([0, 1], p.name).toContain(p.exitCode);
      if (p.exitCode === 1) expect(p.stderr, p.name).toMatch(/^Traceback \(most recent call last\):\n/);
      expect(p.stderr, p.name).not.toMatch(/oracle\.py/);
    }
    expect(corpus.filter((p) => p.exitCode !== 0).length).toBeGreaterThanOrEqual(5);
  });
});

describe('generated programs', () => {
  it('records 1000 seeds', () => {
    expect(random.length).toBe(1000);
    expect(random.map((r) => r.seed)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });

  it('the generator still reproduces every recorded program', () => {
    for (const r of random) expect(generateProgram(r.seed), `seed ${r.seed}`).toBe(r.source);
  });

  it('generates programs that disable the collector and stay within 15-60 statements', () => {
    for (const r of spread(random, 50)) {
      expect(r.source).toContain('import gc, sys, weakref\n\ngc.disable()\ngc.collect()\n');
      expect(r.exitCode).toBe(0);
    }
  });

  it('mulberry32 is deterministic', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b()));
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('helpers', () => {
  it('maskAddresses hides addresses only', () => {
    expect(maskAddresses('<__main__.C object at 0x7f3a769fe2a0> 0x10 x0')).toBe('<__main__.C object at 0x?> 0x? x0');
  });

  it('stripOracleFrames removes only the oracle frame', () => {
    const raw = [
      'Traceback (most recent call last):',
      '  File "/x/oracle.py", line 21, in run',
      '    exec(code, module.__dict__)',
      '  File "001_a.py", line 3, in <module>',
      '    x["a"]',
      '    ~^^^^^',
      "KeyError: 'a'",
      '',
    ].join('\n');
    const stripped = stripOracleFrames(raw);
    expect(stripped).not.toContain('oracle.py');
    expect(stripped).toContain('  File "001_a.py", line 3, in <module>\n    x["a"]\n');
    expect(tracebackSkeleton(stripped)).toBe(
      'Traceback (most recent call last):\n  File "001_a.py", line 3, in <module>\nKeyError: \'a\'\n',
    );
  });
});

describe.runIf(hasPython())('recorded expectations still hold (CPython 3.11 present)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'heaplab-conformance-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const withErrors = corpus.filter((p) => p.stderr !== '').slice(0, 4);
  const sample = [...new Set([...withErrors, ...spread(corpus, 16)])];

  it.each(sample.map((p) => [p.name, p] as const))('%s', (_name, p) => {
    expect(normalize(runOracle(p.path))).toEqual(normalize(p));
  });

  it.each(spread(random, 5).map((r) => [r.seed, r] as const))('random seed %i', (seed, r) => {
    const file = join(tmp, `seed_${seed}.py`);
    writeFileSync(file, r.source);
    expect(normalize(runOracle(file))).toEqual(normalize(r));
  });

  it('the vendored oracle behaves like the shared one', () => {
    const vendored = join(CONFORMANCE_DIR, 'oracle.py');
    expect(oraclePath().length).toBeGreaterThan(0);
    for (const p of withErrors.slice(0, 3)) {
      expect(normalize(runOracle(p.path, vendored)), p.name).toEqual(normalize(p));
    }
    expect(readFileSync(vendored, 'utf8')).toContain('os._exit');
  });
});
