/**
 * Events: every observable effect inside a sandbox, in the order it happened.
 *
 * Each event carries a per-sandbox sequence number `seq` (1, 2, 3, ...) so a client that
 * reconnects can ask for what it missed. One operation may free a million objects, so the
 * sink caps how many events one operation records and counts the rest in a single
 * `truncated` event instead of building an unbounded array.
 */
import { z } from 'zod';

const Base = { seq: z.number().int() };

export const GcStartEvent = z.object({
  ...Base,
  type: z.literal('gc.start'),
  generation: z.number().int(),
  trigger: z.enum(['manual', 'automatic']),
});
export const GcStopEvent = z.object({
  ...Base,
  type: z.literal('gc.stop'),
  generation: z.number().int(),
  trigger: z.enum(['manual', 'automatic']),
  unreachable: z.number().int().describe('What gc.collect() returned for this collection'),
  collected: z.number().int(),
  uncollectable: z.number().int(),
  duration: z.number().describe('Engine steps the collection took (deterministic; not wall time)'),
});
export const FinalizerEvent = z.object({
  ...Base,
  type: z.literal('finalizer'),
  object: z.string().describe('The object id'),
  class: z.string(),
  printed: z.string().describe('What the finalizer wrote to stdout'),
  resurrected: z.boolean(),
});
export const DeallocEvent = z.object({
  ...Base,
  type: z.literal('dealloc'),
  object: z.string(),
  objectType: z.string(),
});
export const WeakrefCallbackEvent = z.object({
  ...Base,
  type: z.literal('weakref.callback'),
  weakref: z.string(),
  printed: z.string(),
});
export const GarbageEvent = z.object({
  ...Base,
  type: z.literal('garbage'),
  object: z.string(),
  objectType: z.string(),
});
export const StdoutEvent = z.object({ ...Base, type: z.literal('stdout'), text: z.string() });
export const StderrEvent = z.object({ ...Base, type: z.literal('stderr'), text: z.string() });
export const TruncatedEvent = z.object({
  ...Base,
  type: z.literal('truncated'),
  dropped: z.number().int().describe('Events of this operation not recorded past the cap'),
  byType: z.record(z.string(), z.number().int()),
});

export const Event = z.discriminatedUnion('type', [
  GcStartEvent, GcStopEvent, FinalizerEvent, DeallocEvent, WeakrefCallbackEvent, GarbageEvent,
  StdoutEvent, StderrEvent, TruncatedEvent,
]);
export type Event = z.infer<typeof Event>;
export type EventType = Event['type'];
export const EVENT_TYPES: readonly EventType[] = [
  'gc.start', 'gc.stop', 'finalizer', 'dealloc', 'weakref.callback', 'garbage', 'stdout', 'stderr', 'truncated',
];

/** An event before the sink numbers it. */
export type EventBody = Event extends infer E ? (E extends { seq: number } ? Omit<E, 'seq'> : never) : never;

/**
 * Numbers events and bounds how many one operation records. `begin()` starts a request's
 * batch; `nextOp()` marks where the next operation's events start; `end()` returns the
 * batch. The cap is per operation — each op that hits it ends in its own `truncated`
 * summary — so an op records the same events (and seq numbers) whether it ran in a batch
 * or alone, which is what lets a replay (one op at a time) reproduce a batch exactly.
 */
export class EventSink {
  private seq = 0;
  private batch: Event[] = [];
  /** Where the current operation's events start in `batch`. */
  private opStart = 0;
  private dropped = 0;
  private droppedByType: Record<string, number> = {};
  private droppedDeallocs = 0;
  /** Called with every recorded event (live subscribers). */
  listener: ((e: Event) => void) | null = null;

  constructor(public capPerOp: number) {}

  get lastSeq(): number {
    return this.seq;
  }

  begin(): void {
    this.batch = [];
    this.opStart = 0;
    this.dropped = 0;
    this.droppedByType = {};
    this.droppedDeallocs = 0;
  }

  /** Whether the current batch still records events (callers skip building bodies if not). */
  get accepting(): boolean {
    return this.batch.length - this.opStart < this.capPerOp;
  }

  /** Count an event that was not built because the batch is full. */
  drop(type: EventType): void {
    this.dropped++;
    // Deallocations are nearly all of what a big free drops: count them without a lookup.
    if (type === 'dealloc') this.droppedDeallocs++;
    else this.droppedByType[type] = (this.droppedByType[type] ?? 0) + 1;
  }

  emit(body: EventBody): void {
    if (!this.accepting) {
      this.drop(body.type);
      return;
    }
    const e = { seq: ++this.seq, ...body } as Event;
    this.batch.push(e);
    this.listener?.(e);
  }

  /** The current operation is over: summarise what it dropped; the next one starts afresh. */
  nextOp(): void {
    if (this.dropped > 0) {
      const byType = this.droppedDeallocs > 0 ? { ...this.droppedByType, dealloc: this.droppedDeallocs } : this.droppedByType;
      const e: Event = { seq: ++this.seq, type: 'truncated', dropped: this.dropped, byType };
      this.batch.push(e);
      this.listener?.(e);
    }
    this.opStart = this.batch.length;
    this.dropped = 0;
    this.droppedByType = {};
    this.droppedDeallocs = 0;
  }

  end(): Event[] {
    this.nextOp();
    const out = this.batch;
    this.batch = [];
    this.opStart = 0;
    return out;
  }

  /** Restore numbering (a forked or replayed sandbox continues from its source). */
  setSeq(n: number): void {
    this.seq = n;
  }
}
