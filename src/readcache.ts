/**
 * A small process-wide cache of expensive read replies (the heap graph), keyed by sandbox
 * id, the sandbox's version and the query. Reading a graph does not change the heap, so
 * eight clients asking for the same 49k-object graph at once cost one build, not eight.
 *
 * Bounded twice: at most `maxEntries` replies and `maxBytes` characters in all; the least
 * recently used go first. A new version of a sandbox makes its old entries unreachable (they
 * age out), so a stale reply is never served.
 */
export class ReadCache {
  /** Insertion order is recency order (a hit is re-inserted). */
  private readonly entries = new Map<string, string>();
  private chars = 0;

  constructor(readonly maxEntries: number, readonly maxBytes: number) {}

  /** The cached reply for `key`, or `build()`'s (cached if it fits). */
  getOrBuild(key: string, build: () => string): string {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = build();
    if (value.length <= this.maxBytes / 4) {
      this.entries.set(key, value);
      this.chars += value.length;
      this.evict();
    }
    return value;
  }

  private evict(): void {
    for (const [k, v] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxBytes) return;
      this.entries.delete(k);
      this.chars -= v.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
