/**
 * Sandbox snapshots: a sandbox's whole state as bytes, so a host can restore it from the
 * latest snapshot plus the log entries after it instead of replaying the whole log.
 *
 * What a snapshot is, and why it is exact, is graph.ts's and codec.ts's to say. This file
 * adds what makes one readable by another process of the same build, and only by one:
 * - the baseline's signature (its length and its objects' kinds), checked on restore, so a
 *   snapshot written by a build whose sandboxes are built differently is refused
 *   (SnapshotError) rather than written into the wrong objects;
 * - the type epoch (objects.ts typeEpoch): caches on types are stamped with it, and a
 *   restored cache must not look current in a process whose counter happens to match.
 *
 * A host treats a SnapshotError as "no snapshot": it replays the whole log, which is
 * always exact.
 */
import { typeEpoch } from '../objects.js';
import { type EncodedGraph, SnapshotError, SnapshotRefusal, type Template, decodeGraph, encodeGraph, templateOf } from './codec.js';
import { type Ref, exportName } from './graph.js';

export { SnapshotError, SnapshotRefusal, type Template, templateOf };

/** The encoding's version: a snapshot of another format is not read. */
export const SNAPSHOT_FORMAT = 2;

export interface SandboxSnapshot {
  /** SNAPSHOT_FORMAT when written; another value is not read (restore replays the whole log). */
  format: number;
  /** It stands for log entries [0, atEntry). */
  atEntry: number;
  /** The sandbox's replay cost at that point (a fork still replays the whole log). */
  cost: number;
  /** The event sequence number at that point. */
  lastSeq: number;
  /** The state, opaque to hosts. */
  data: Uint8Array;
}

/** What the data holds besides the graph. */
interface Body {
  /** Whether the baseline includes the Python interpreter (restore builds one first). */
  python: boolean;
  baseline: { length: number; signature: string };
  epoch: number;
  graph: EncodedGraph;
}

/** The signature of a baseline: how many objects, and an FNV-1a hash of their kinds in order. */
export function baselineSignature(baseline: readonly Ref[]): { length: number; signature: string } {
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  };
  for (const o of baseline) {
    if (typeof o === 'function') mix('f' + Function.prototype.toString.call(o).length);
    else {
      const proto = Object.getPrototypeOf(o) as object | null;
      mix(proto === null ? 'n' : (exportName(proto) ?? (proto as { constructor?: { name?: string } }).constructor?.name ?? '?'));
    }
  }
  return { length: baseline.length, signature: h.toString(16) };
}

/**
 * Encode a sandbox's state (its runtime is `root`), leaving out what a fresh sandbox built
 * the same way holds (`template`). Throws SnapshotRefusal.
 */
export function encodeState(root: object, baseline: readonly Ref[], python: boolean, template: Template): Uint8Array {
  const body: Body = { python, baseline: baselineSignature(baseline), epoch: typeEpoch.value, graph: encodeGraph([root], baseline, template) };
  return new TextEncoder().encode(JSON.stringify(body));
}

/** Whether restoring `data` needs the Python interpreter in the fresh sandbox's baseline. */
export function needsPython(data: Uint8Array): boolean {
  return readBody(data).python;
}

/**
 * Write the state in `data` into a fresh sandbox whose baseline is `baseline`; returns its
 * runtime (the decoded root), which must be the fresh sandbox's own. Throws SnapshotError.
 */
export function decodeState(data: Uint8Array, baseline: readonly Ref[]): object {
  const body = readBody(data);
  const sig = baselineSignature(baseline);
  if (sig.length !== body.baseline.length || sig.signature !== body.baseline.signature) {
    throw new SnapshotError(`the snapshot was taken by a build whose sandboxes start differently (baseline ${body.baseline.length}/${body.baseline.signature}, here ${sig.length}/${sig.signature})`);
  }
  const [root] = decodeGraph(body.graph, baseline);
  // Caches stamped with an epoch of the writing process must look stale here.
  typeEpoch.value = Math.max(typeEpoch.value, body.epoch) + 1;
  return root as object;
}

const bodies = new WeakMap<Uint8Array, Body>();

function readBody(data: Uint8Array): Body {
  let body = bodies.get(data);
  if (body) return body;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data)) as Body;
  } catch (err) {
    throw new SnapshotError(`the snapshot's bytes are not readable: ${(err as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || typeof body.python !== 'boolean' || typeof body.epoch !== 'number' ||
    typeof body.baseline?.length !== 'number' || typeof body.graph !== 'object' || body.graph === null ||
    !Array.isArray(body.graph.objects) || !Array.isArray(body.graph.baseline) || !Array.isArray(body.graph.tables) ||
    !Array.isArray(body.graph.roots) || !Array.isArray(body.graph.shapes) || !Array.isArray(body.graph.deleted)) {
    throw new SnapshotError('the snapshot\'s bytes are not a sandbox state');
  }
  bodies.set(data, body);
  return body;
}
