/**
 * Where a sandbox keeps its op log. The engine only appends entries and, for a fork, an
 * atomic batch's trial copy or an export, reads them all back in order; it never needs
 * the log in memory otherwise. The host chooses the keeping: {@link MemoryLog} (an array,
 * the engine's default) or a durable journal (src/store/), which holds nothing in the JS
 * heap but the entries of the request in flight.
 *
 * Invariant for every implementation: `read()` yields exactly the entries appended, in
 * order, and `length` counts them. Generic in the entry type (sandbox.ts's LogEntry) so
 * this file imports nothing.
 */
export interface OpLog<E> {
  readonly length: number;
  append(entry: E): void;
  /** Every entry, oldest first. */
  read(): E[];
  /** The entries from index `start` on, oldest first (restoring from a snapshot reads only these). */
  readFrom(start: number): E[];
}

/** The log as an array in memory. */
export class MemoryLog<E> implements OpLog<E> {
  private readonly entries: E[] = [];

  get length(): number {
    return this.entries.length;
  }

  append(entry: E): void {
    this.entries.push(entry);
  }

  read(): E[] {
    return this.entries.slice();
  }

  readFrom(start: number): E[] {
    return this.entries.slice(start);
  }
}

/**
 * A log that only counts, except that it keeps what is appended after {@link keep} is
 * called. A replay into it (restoring a journaled sandbox, an atomic batch's trial copy)
 * holds none of the replayed entries; the trial copy's own new entries are kept so the
 * sandbox that adopts it can append them to its real log.
 */
export class TailLog<E> implements OpLog<E> {
  private count = 0;
  private kept: E[] | null = null;

  get length(): number {
    return this.count;
  }

  append(entry: E): void {
    this.count++;
    this.kept?.push(entry);
  }

  /** Keep every entry appended from now on. */
  keep(): void {
    this.kept = [];
  }

  /** The entries appended since {@link keep}. */
  get tail(): readonly E[] {
    return this.kept ?? [];
  }

  read(): E[] {
    throw new Error('TailLog holds only its tail; read the log it stands in for');
  }

  readFrom(_start: number): E[] {
    throw new Error('TailLog holds only its tail; read the log it stands in for');
  }
}
