// Child of cross-process.test.ts, in two roles, each a fresh process built the same way (a
// snapshot is read only by the build that wrote it):
// - `write FILE [corpus|wild]`: run every program of the conformance (or wild) corpus, snapshot its sandbox, and ship the snapshot, the
//   log and what the follow-up program shows of the original to FILE;
// - `read FILE`: first make the shared objects a sandbox makes lazily in another order than
//   the writer did (so their slots differ), then restore each shipped snapshot, run the
//   follow-up and print what it shows, by program.
import { readFileSync, writeFileSync } from 'node:fs';
import { Sandbox, type LogEntry } from '../../../sandbox/sandbox.js';
import { MemoryLog } from '../../../sandbox/oplog.js';
import { loadCorpus } from '../../conformance/corpus.js';
import { loadWild } from '../../conformance/wild.js';
import { SKIP_OBJECTS, observe, type Shipped } from './roundtrip.js';

const [role, file, which] = process.argv.slice(2) as ['write' | 'read', string, 'corpus' | 'wild' | undefined];
if (role === 'write') {
  const shipped: Shipped[] = [];
  for (const p of which === 'wild' ? loadWild() : loadCorpus()) {
    const log = new MemoryLog<LogEntry>();
    const sb = new Sandbox({}, log);
    sb.exec(p.source);
    if (sb.objectCount > SKIP_OBJECTS) continue;
    const s = sb.snapshot();
    if ('refused' in s) continue;
    const { data, ...meta } = s.snapshot;
    shipped.push({ name: p.name, snapshot: meta, data: Buffer.from(data).toString('base64'), entries: log.read(), want: observe(sb) });
  }
  writeFileSync(file, JSON.stringify(shipped));
} else {
  const shipped = JSON.parse(readFileSync(file, 'utf8')) as Shipped[];
  const warm = new Sandbox();
  warm.exec('import weakref, gc, sys, copy, collections\nx = iter(range(3)); y = reversed([1]); z = iter({1: 2}.items())\n' +
    'names = [sys.intern(s) for s in ("__weakref__", "append", "keys", "zzz_not_startup")]\n' +
    'def g():\n    yield 1\nw = g(); next(w)\n');
  const out: Record<string, string> = {};
  for (const s of shipped) {
    const log = new MemoryLog<LogEntry>();
    for (const e of s.entries) log.append(e);
    const data = Uint8Array.from(Buffer.from(s.data, 'base64'));
    try {
      out[s.name] = observe(Sandbox.restoreFrom({}, { ...s.snapshot, data }, log));
    } catch (err) {
      out[s.name] = `restore failed: ${(err as Error).stack}`;
    }
  }
  process.stdout.write(JSON.stringify(out));
}
