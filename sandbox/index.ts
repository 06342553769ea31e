/**
 * heaplab's engine: a simulated CPython 3.11 heap.
 *
 * # The model
 *
 * A sandbox is one isolated heap (heap.ts) of PyObjects (objects.ts). Every value a
 * program can touch — lists, dicts, instances, classes, functions, strings, ints — is an
 * object on it, with the header CPython gives it: a reference count, a type, an address
 * (what `id()` returns, handed out deterministically), and for containers a GC header
 * linking it into one of the collector's lists.
 *
 * Reference counts are exact: a name binding, a list slot, a dict entry, an attribute,
 * an instance's pointer to its class, a frame's local and a value being evaluated each
 * hold one reference. That is why `sys.getrefcount(a)` right after `a = []` is 2: the
 * name, plus the argument being passed. When a count reaches zero the object dies at
 * once (Heap.decref → die): its `__del__` runs first (once only, PEP 442 — and it may
 * resurrect the object), weak references to it are cleared and their callbacks run, then
 * its references are released in the order CPython's deallocator releases them (list
 * items last to first, dict entries first to last, instance attributes first to last,
 * then the class). Releasing may kill more objects; those deaths happen depth first, as
 * CPython's nested calls would, but on an explicit stack, and with CPython's "trashcan"
 * (which defers deaths nested deeper than 50), so a million-deep chain frees in
 * CPython's order without deep recursion.
 *
 * Nothing is immortal in 3.11. The objects CPython shares — None, True, False, Ellipsis,
 * NotImplemented, the small ints -5..256, the empty tuple, str and bytes, the
 * one-character strs and the builtin types — are shared by all sandboxes too, and each
 * heap counts the references it holds to them (Heap.sharedCounts, one slot per shared
 * object). `sys.getrefcount` of one answers the baseline a fresh CPython shows under the
 * oracle (recorded in baselines.ts by test/sandbox/record-baselines.py) plus that count
 * (refcounts.ts), so the change a lesson makes — `x = 7` adds one, `[None] * 10` ten — is
 * exact. The baseline itself is CPython's interpreter state; None's moves by a few from
 * run to run even in CPython.
 *
 * Constants are what CPython's compiler makes them (python/constants.ts): each code
 * object holds its co_consts from compile time; equal constants of one compilation are one
 * object; the AST optimizer's folds apply, within its limits; identifier-like strs are
 * interned. So `x = 1000; y = 1000; x is y` is True, and a literal's refcount counts the
 * code object's reference.
 *
 * # The collector
 *
 * Reference counting cannot free a cycle: `a.b = b; b.a = a; del a, b` leaves two objects
 * each holding the other. The cyclic collector (collector.ts) finds such groups. Tracked
 * objects live on three generation lists (plus the permanent one `gc.freeze()` fills);
 * new containers join generation 0. `gc.collect(g)` — or an allocation that pushes
 * generation 0's count past its threshold — collects generation g together with the
 * younger ones:
 *
 * 1. merge the younger generations into g's list ("young");
 * 2. copy each object's refcount into gc_refs, then subtract every reference that comes
 *    from another object in young: what remains counts references from outside;
 * 3. scan young: objects with outside references are reachable, and so is everything
 *    they reference; the rest move to an "unreachable" list (in scan order — the order
 *    finalizers will run in);
 * 4. untrack survivor tuples that hold only atoms; promote survivors one generation
 *    (on a full collection, untrack dicts of atoms instead);
 * 5. clear weak references to the unreachable objects; call the callbacks of those weak
 *    references that are themselves still reachable;
 * 6. call each unreachable object's `__del__` (once per object, ever);
 * 7. redo the reachability analysis on the unreachable set: objects a finalizer made
 *    reachable again are resurrected — they survive and are not counted;
 * 8. clear the rest (tp_clear), which lets reference counting free each cycle — or, with
 *    DEBUG_SAVEALL, append them to `gc.garbage`;
 * 9. account: per-generation stats; `gc.collect()` returns collected + uncollectable.
 *
 * Each phase is a small function in collector.ts named after its CPython counterpart,
 * with the invariant it establishes written above it.
 *
 * Counting (what `gc.get_count()` shows) follows a documented, simple model: allocating a
 * container adds one to generation 0, deallocating one subtracts one, collecting
 * generation g resets generations 0..g and adds one to g+1; thresholds default to
 * (700, 10, 10), and the oldest generation is collected automatically only once the
 * objects awaiting it exceed 25% of those that survived the last full collection.
 * CPython's own counts also include interpreter-internal allocations no lesson sees.
 *
 * # Driving it
 *
 * The op vocabulary (ops.ts) — alloc, class, ref, del, collect, stats, getrefcount,
 * getsizeof, gc, weakref, call/return, exec — is the engine's public API: apply.ts gives
 * each op the semantics of its Python statement, sandbox.ts applies batches (atomically
 * if asked), logs them for replay, and exports the log as a Python program. The Python
 * front end (python/) parses source and runs it on the same heap through the same
 * primitives. Every effect is an event (events.ts) with a per-sandbox sequence number.
 *
 * A sandbox's state can also be written as a snapshot (snapshot/): its object graph, with
 * what it was built with named by position rather than copied, so a host rebuilds it from
 * the latest snapshot plus the log after it instead of replaying the whole log. What the
 * encoder cannot carry exactly (a closure a program made) refuses the snapshot by name; the
 * log still replays.
 *
 * Nothing here does I/O, reads a clock or draws a random number: the same ops always give
 * the same heap, addresses and events.
 */
export { Sandbox, ReplayError, SandboxLog, LogEntry, installPythonFrontEnd } from './sandbox.js';
export type { ApplyResult, ExecResult, ExecError, PythonErrorInfo } from './sandbox.js';
export { Op, SandboxOptions } from './ops.js';
export { Event, EVENT_TYPES } from './events.js';
export type { EventType } from './events.js';
export { PyError } from './containers.js';
export { BudgetExceeded } from './heap.js';
