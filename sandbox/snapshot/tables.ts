/**
 * What the snapshot encoder must know of the engine's modules, registered by them: this
 * file imports nothing, so any engine module may register here without an import cycle.
 *
 * - **Side tables**: module-level WeakMaps (and WeakSets) that hold per-sandbox state keyed by
 *   an object of the sandbox — the interpreter of a runtime, an object's weak reference list,
 *   a code constant's CodeInfo. A walk of the object graph cannot see into a WeakMap, so
 *   each one that holds state (not a pure cache, which a restored sandbox simply refills)
 *   registers here under a stable name; the encoder asks it about every object it meets.
 * - **Module exports** (classes.ts registers every engine module's): a class's prototype or
 *   a module-level function is named by `file:export` in a snapshot, the same name in every
 *   process.
 */

/** A weak table the encoder asks about every object it meets. */
export type SideTable = WeakMap<object, unknown> | WeakSet<object>;

const sideTables = new Map<string, SideTable>();
const keyFilters = new Map<SideTable, (o: object) => boolean>();

/**
 * Register a module-level weak table holding per-sandbox state (not a pure cache).
 * `mayHold(o)`, when given, says cheaply whether `o` can be a key (the encoder then asks
 * the table only about those: a million objects, a handful of keys).
 */
export function registerSideTable(name: string, table: SideTable, mayHold?: (o: object) => boolean): void {
  if (sideTables.has(name)) throw new Error(`snapshot side table ${name} registered twice`);
  sideTables.set(name, table);
  if (mayHold) keyFilters.set(table, mayHold);
}

/** The registered side tables, in registration order (stable per build). */
export function registeredSideTables(): ReadonlyMap<string, SideTable> {
  return sideTables;
}

/** The key filter registered with a table (see registerSideTable), if any. */
export function keyFilterOf(table: SideTable): ((o: object) => boolean) | undefined {
  return keyFilters.get(table);
}

/** The engine modules' exports, by module key (see classes.ts). */
const modules = new Map<string, Record<string, unknown>>();

export function registerModules(entries: Record<string, Record<string, unknown>>): void {
  for (const [key, ns] of Object.entries(entries)) modules.set(key, ns);
}

export function registeredModules(): ReadonlyMap<string, Record<string, unknown>> {
  return modules;
}
