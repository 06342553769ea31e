/** Clocks for budgets of time that slicing must not eat into. */

/**
 * A sliced program's own running time: `interrupt` fires once the time spent between
 * resume() and pause() calls exceeds `budgetMs`. The gaps between slices, where other
 * requests run, are not counted.
 */
export function programClock(budgetMs: number): { resume(): void; pause(): void; interrupt: () => boolean } {
  let spent = 0;
  let since: number | null = null;
  return {
    resume() {
      since = performance.now();
    },
    pause() {
      if (since !== null) spent += performance.now() - since;
      since = null;
    },
    interrupt: () => spent + (since === null ? 0 : performance.now() - since) > budgetMs,
  };
}
