// Sandbox.snapshot and Sandbox.restoreFrom: a snapshot taken mid-life plus the log after it
// rebuilds what a full replay rebuilds; what the codec cannot carry is refused by name; a
// snapshot that cannot be read is a SnapshotError (the host then replays the whole log).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Sandbox, type LogEntry } from '../../../sandbox/sandbox.js';
import { MemoryLog } from '../../../sandbox/oplog.js';
import { SnapshotError, type SandboxSnapshot } from '../../../sandbox/snapshot/index.js';
import { FOLLOW_UP } from './roundtrip.js';

function take(sb: Sandbox): SandboxSnapshot {
  const s = sb.snapshot();
  if ('refused' in s) throw new Error(`refused: ${s.refused}`);
  return s.snapshot;
}

const observe = (sb: Sandbox) => {
  const r = sb.exec(FOLLOW_UP);
  return { stdout: r.stdout, stderr: r.stderr, events: r.events, stats: sb.stats(), lastSeq: sb.lastSeq, objects: sb.objectCount };
};

describe('Sandbox.snapshot / restoreFrom', () => {
  it('rebuilds from a mid-life snapshot plus the later entries what a full replay rebuilds', () => {
    const log = new MemoryLog<LogEntry>();
    const a = new Sandbox({}, log);
    a.exec('class Node:\n    def __init__(self, v):\n        self.v = v\n        self.next = None\n    def __del__(self):\n        print("del", self.v)\n');
    a.exec('a = Node(1); b = Node(2); a.next = b; b.next = a\nkeep = [a]\n');
    const snap = take(a);
    expect(snap.atEntry).toBe(2);
    a.exec('del a, b\nkeep.clear()\nimport gc\nprint(gc.collect())\n');
    a.apply([{ op: 'alloc', type: 'list', name: 'xs', items: [{ value: 1 }] }]);
    const fromSnapshot = Sandbox.restoreFrom({}, snap, log);
    const replayed = Sandbox.restore({}, log);
    expect(fromSnapshot.logLength).toBe(4);
    expect(fromSnapshot.replayCost).toBe(a.replayCost);
    const want = observe(replayed);
    expect(observe(fromSnapshot)).toEqual(want);
    expect(observe(a)).toEqual(want);
  });

  it('carries event sequence numbers: the next event after a restore continues the sequence', () => {
    const log = new MemoryLog<LogEntry>();
    const a = new Sandbox({}, log);
    a.exec('x = [[] for _ in range(3)]\ndel x\n');
    const seq = a.lastSeq;
    expect(seq).toBeGreaterThan(0);
    const b = Sandbox.restoreFrom({}, take(a), log);
    expect(b.lastSeq).toBe(seq);
    expect(b.exec('y = [[]]\ndel y\n').events[0]!.seq).toBe(seq + 1);
  });

  it('snapshots a sandbox driven by JSON ops only (no interpreter), which can run Python afterwards', () => {
    const log = new MemoryLog<LogEntry>();
    const a = new Sandbox({}, log);
    a.apply([
      { op: 'alloc', type: 'list', name: 'a' },
      { op: 'alloc', type: 'list', name: 'b' },
      { op: 'ref', from: 'a', to: 'b' },
      { op: 'ref', from: 'b', to: 'a' },
      { op: 'del', name: 'a' },
    ]);
    const b = Sandbox.restoreFrom({}, take(a), log);
    expect(b.stats()).toEqual(a.stats());
    expect(b.apply([{ op: 'collect' }]).results).toEqual(a.apply([{ op: 'collect' }]).results);
    expect(b.exec('import gc\nprint(gc.collect(), len(b))\n').stdout).toBe(a.exec('import gc\nprint(gc.collect(), len(b))\n').stdout);
  });

  it('refuses, naming why, when the interpreter started after JSON ops had run', () => {
    const a = new Sandbox();
    a.apply([{ op: 'alloc', type: 'list', name: 'a' }]);
    a.exec('b = a\n');
    const s = a.snapshot();
    expect(s).toEqual({ refused: 'the Python interpreter was started after the sandbox\'s first request' });
  });

  it('refuses a closure a program made (weakref.finalize\'s callback), naming it', () => {
    const a = new Sandbox();
    a.exec('import weakref\nclass C: pass\nc = C()\nf = weakref.finalize(c, print, "bye")\n');
    const s = a.snapshot();
    expect('refused' in s && s.refused).toMatch(/^a function made after the sandbox started \(/);
  });

  it('keeps options: gc thresholds and limits survive, as the fresh sandbox is built with them', () => {
    const log = new MemoryLog<LogEntry>();
    const options = { gc: { threshold: [5, 3, 2] }, limits: { maxSteps: 50_000 } };
    const a = new Sandbox(options, log);
    a.exec('import gc\ngc.set_threshold(9, 8, 7)\nxs = [[] for _ in range(20)]\n');
    const b = Sandbox.restoreFrom(options, take(a), log);
    expect(b.stats()).toEqual(a.stats());
    const probe = 'import gc\nprint(gc.get_threshold(), gc.get_count())\n';
    expect(b.exec(probe).stdout).toBe(a.exec(probe).stdout);
    expect(b.exec(probe).stdout).toMatch(/^\(9, 8, 7\) /);
  });

  it('takes a snapshot after an atomic batch (the adopted trial runtime keeps a baseline)', () => {
    const log = new MemoryLog<LogEntry>();
    const a = new Sandbox({}, log);
    a.exec('xs = []\n');
    const r = a.apply([{ op: 'alloc', type: 'list', name: 'ys' }, { op: 'ref', from: 'xs', to: 'ys', append: true }], { atomic: true });
    expect(r.error).toBeNull();
    const seen: number[] = [];
    a.subscribe((e) => seen.push(e.seq));
    const b = Sandbox.restoreFrom({}, take(a), log);
    expect(observe(b)).toEqual(observe(a));
    expect(seen.length).toBeGreaterThan(0); // the adopted runtime still publishes to a's subscribers
  });

  it('throws SnapshotError for another format, a log shorter than the snapshot, and bytes that are not a state', () => {
    const log = new MemoryLog<LogEntry>();
    const a = new Sandbox({}, log);
    a.exec('x = 1\n');
    const snap = take(a);
    expect(() => Sandbox.restoreFrom({}, { ...snap, format: snap.format + 1 }, log)).toThrow(SnapshotError);
    expect(() => Sandbox.restoreFrom({}, { ...snap, atEntry: 5 }, log)).toThrow(SnapshotError);
    expect(() => Sandbox.restoreFrom({}, { ...snap, data: new TextEncoder().encode('{"not": "a state"}') }, log)).toThrow(SnapshotError);
    expect(() => Sandbox.restoreFrom({}, { ...snap, data: snap.data.slice(0, 100) }, log)).toThrow(SnapshotError);
  });

  it('throws SnapshotError for a snapshot of a build whose sandboxes start differently', () => {
    const log = new MemoryLog<LogEntry>();
    const a = new Sandbox({}, log);
    a.exec('x = 1\n');
    const snap = take(a);
    const body = JSON.parse(new TextDecoder().decode(snap.data)) as { baseline: { length: number } };
    body.baseline.length += 1;
    const data = new TextEncoder().encode(JSON.stringify(body));
    expect(() => Sandbox.restoreFrom({}, { ...snap, data }, log)).toThrow(/start differently/);
  });

  it('registers every engine module for the codec (sandbox/snapshot/classes.ts)', () => {
    const root = join(__dirname, '../../../sandbox');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(relative(root, p).replace(/\.ts$/, ''));
      }
    };
    walk(root);
    const entryPoints = new Set(['sandbox', 'index', 'export']);
    const want = files.filter((f) => !entryPoints.has(f) && !f.startsWith('grading/') && !f.startsWith('snapshot/')).sort();
    const src = readFileSync(join(root, 'snapshot/classes.ts'), 'utf8');
    const have = [...src.matchAll(/^ {2}'([^']+)': /gm)].map((m) => m[1]!).sort();
    expect(have).toEqual(want);
  });
});
