/**
 * Python runs on threads whose JavaScript stack heaplab sizes itself.
 *
 * A Python call needs no JS stack (the bytecode machine pushes frames as data), but a
 * builtin that calls back into Python (`==` on containers calling `__eq__`, repr calling
 * `__repr__`, sorted's key, a dict lookup calling `__hash__`, a generator resumed by `list`)
 * nests the machine's loop on the JS stack, as CPython nests on its C stack. CPython counts
 * each nest against sys.getrecursionlimit() (1000 by default); the machine caps nests at
 * 10,000 whatever a raised limit says (vm/machine's NESTED_LIMIT). The stack must hold that
 * cap's nests of the costliest kind, with the JIT not yet warm (interpreted frames are the
 * largest): then the cap, not the stack's end, decides where a deep recursion stops, and the
 * same program stops at the same depth on every run. Node's main thread has about 984 KB,
 * which held 448 nested `__eq__` and 295 nested `__repr__`; a worker thread gets the stack
 * its creator asks for.
 *
 * Measured (2-core machine, `node --no-opt --no-sparkplug --no-maglev`, i.e. every frame
 * interpreted, sys.setrecursionlimit(100000)): a `__repr__` returning `str([R()])`, `__hash__`
 * through a dict lookup, `__eq__` through `==` and a sort key calling sorted() all reach the
 * cap on 64 MB; on 32 MB the `__hash__` path ran out of stack at 9,849 nests, and on 16 MB a
 * warm `__repr__` path at 3,294 (a RecursionError at a depth that depends on the JIT). A
 * thread's stack is reserved address space: pages are committed only as deep as a program
 * actually nests.
 *
 * A JS RangeError past the stack (a JS-only recursion such as comparing two nested lists
 * 90,000 deep after sys.setrecursionlimit(100000), which would overflow CPython's C stack)
 * still becomes a catchable RecursionError in the frame that raised it.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The JS stack, in MiB, of every thread that runs sandboxes (server, CLI, bench). One owner. */
export const ENGINE_STACK_MB = 64;

/**
 * `name` (written with a .js extension) beside the module at `base`, with base's extension:
 * from the TypeScript sources (tsx, vitest) that is the .ts file, from dist/ the .js one.
 */
export function moduleBeside(base: string, name: string): URL {
  const url = new URL(name, base);
  if (new URL(base).pathname.endsWith('.ts')) url.pathname = url.pathname.replace(/\.js$/, '.ts');
  return url;
}

/** A worker thread running module `entry` on an ENGINE_STACK_MB stack. */
export function engineWorker(entry: URL, options: WorkerOptions = {}): Worker {
  return workerFor(entry, { ...options, resourceLimits: { ...options.resourceLimits, stackSizeMb: ENGINE_STACK_MB } });
}

/**
 * A worker thread running module `entry` (with the given options). A .ts entry is loaded
 * through tsx: Node 20 carries neither the parent's `--import tsx` hooks nor tsx's
 * register() into a worker, so the worker registers tsx itself before importing it.
 */
export function workerFor(entry: URL, options: WorkerOptions): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(entry.href)});\n`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), options);
}
