// Shared by the snapshot tests: run a program, snapshot the sandbox, restore the snapshot
// into a fresh one, and check that the two cannot be told apart.
import { Sandbox } from '../../../sandbox/sandbox.js';
import { MemoryLog } from '../../../sandbox/oplog.js';
import type { LogEntry } from '../../../sandbox/sandbox.js';

/**
 * A program run after the restore in both sandboxes: every global's type, refcount, id and
 * repr, what a collection finds, and the collector's counts. Anything the snapshot lost or
 * changed shows up here (or in the events and stats compared with it).
 */
export const FOLLOW_UP = [
  'import gc as _gc, sys as _sys',
  'print(_gc.collect(), _gc.get_count(), len(_gc.get_objects()))',
  'for _k, _v in list(globals().items()):',
  '    if not _k.startswith("_"):',
  '        try: print(_k, type(_v).__name__, _sys.getrefcount(_v), id(_v), repr(_v)[:80])',
  '        except Exception as _e: print(_k, "error", type(_e).__name__)',
  'print(_gc.collect(), _gc.get_stats())',
].join('\n') + '\n';

export type Outcome =
  | { kind: 'refused'; reason: string }
  | { kind: 'skipped'; objects: number }
  | { kind: 'same' }
  | { kind: 'different'; what: string; expected: string; got: string };

/** The encoded graph of a snapshot (its bytes hold the process's type epoch too, which differs). */
function graphOf(data: Uint8Array): string {
  return JSON.stringify((JSON.parse(new TextDecoder().decode(data)) as { graph: unknown }).graph);
}

/** What the follow-up program shows of a sandbox (compared between a sandbox and its restored copy). */
export function observe(sb: Sandbox): string {
  const r = sb.exec(FOLLOW_UP);
  return JSON.stringify({ stdout: r.stdout, stderr: r.stderr, error: r.error, events: r.events, stats: sb.stats(), lastSeq: sb.lastSeq });
}

/**
 * Whether two follow-ups agree. A finalizer recursing until the JavaScript stack ends stops
 * at a depth that depends on how V8 compiled the frames so far (the server's 64 MB engine
 * stack never gets there; a test worker's 4 MB does), so such a follow-up only has to fail
 * the same way.
 */
export function sameFollowUp(want: string, got: string | undefined): boolean {
  return got === want || (got !== undefined && got.includes('RecursionError') && want.includes('RecursionError'));
}

/** Heaps with more objects than this are not round-tripped by the tests. */
export const SKIP_OBJECTS = 200_000;

/** Run `sources` (one exec each) and compare the sandbox with its snapshot restored. */
export function roundTrip(sources: string[]): Outcome {
  const log = new MemoryLog<LogEntry>();
  const a = new Sandbox({}, log);
  for (const s of sources) a.exec(s);
  // A heap this big takes seconds to encode, decode, encode again and follow up in a test
  // worker; the server does not snapshot heaps past about this size either (registry.ts).
  if (a.objectCount > SKIP_OBJECTS) return { kind: 'skipped', objects: a.objectCount };
  const taken = a.snapshot();
  if ('refused' in taken) return { kind: 'refused', reason: taken.refused };
  const b = Sandbox.restoreFrom({}, taken.snapshot, log);
  const again = b.snapshot();
  if ('refused' in again) return { kind: 'different', what: 'the restored sandbox refused a snapshot', expected: '', got: again.refused };
  const g1 = graphOf(taken.snapshot.data);
  const g2 = graphOf(again.snapshot.data);
  if (g1 !== g2) return { kind: 'different', what: 'encoding of the restored sandbox', expected: g1.slice(0, 200), got: g2.slice(0, 200) };
  const oa = observe(a);
  const ob = observe(b);
  if (!sameFollowUp(oa, ob)) {
    return { kind: 'different', what: 'follow-up program', expected: oa, got: ob };
  }
  return { kind: 'same' };
}

/** A snapshot shipped to another process (cross-process.test.ts): its bytes in base64, and the log. */
export interface Shipped {
  name: string;
  snapshot: { format: number; atEntry: number; cost: number; lastSeq: number };
  data: string;
  entries: LogEntry[];
  /** What the follow-up program showed of the original. */
  want: string;
}

/** Round-trip each program (one exec each): the ones refused (with why), skipped and different. */
export function roundTripAll(programs: ReadonlyArray<{ name: string; source: string }>): { refused: string[]; skipped: string[]; different: string[] } {
  const out = { refused: [] as string[], skipped: [] as string[], different: [] as string[] };
  for (const p of programs) {
    const r = roundTrip([p.source]);
    if (r.kind === 'refused') out.refused.push(`${p.name}: ${r.reason}`);
    else if (r.kind === 'skipped') out.skipped.push(p.name);
    else if (r.kind === 'different') out.different.push(`${p.name}: ${r.what}\n${r.expected.slice(0, 2000)}\n${r.got.slice(0, 2000)}`);
  }
  return out;
}
