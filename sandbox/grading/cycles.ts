/**
 * Is there a reference cycle among the objects one object reaches? What a `no_cycles`
 * check asks ("this tree has no parent → child → parent loops").
 *
 * The walk follows strong references (tp_traverse, as gc.get_referents sees them; a weak
 * reference does not hold its referent, so it is not followed) and, as the heap graph's
 * names view does, treats classes, functions, modules and code as leaves: an instance
 * reaches its class, the class its methods, a method its module's globals, and from there
 * everything — plumbing every program has, not a cycle the learner made. The module's own
 * globals dict is a leaf for the same reason.
 */
import type { PyObject } from '../objects.js';
import { LEAF_LAYOUTS } from '../queries.js';
import type { SandboxRuntime } from '../runtime.js';

/** Objects a search looks at before giving up (it is one check, not a heap dump). */
export const MAX_CYCLE_SEARCH = 1_000_000;

const label = (o: PyObject): string => o.type.name;

/**
 * A cycle reachable from `root` as the type names along it (first repeated at the end), null
 * when there is none, or 'too-large' past MAX_CYCLE_SEARCH objects. Depth-first with an
 * explicit stack (no recursion proportional to the heap): an edge to an object still on the
 * stack closes a cycle.
 */
export function findCycle(rt: SandboxRuntime, root: PyObject): string[] | null | 'too-large' {
  const leaf = (o: PyObject) => o === rt.globals || LEAF_LAYOUTS.has(o.type.layout);
  if (leaf(root)) return null;
  const onStack = new Map<PyObject, number>(); // object → its index in `path`
  const done = new Set<PyObject>();
  const path: PyObject[] = [];
  const pending: PyObject[][] = [];
  const enter = (o: PyObject) => {
    onStack.set(o, path.length);
    path.push(o);
    const next: PyObject[] = [];
    o.traverse((r) => {
      if (!leaf(r)) next.push(r);
    });
    next.reverse();
    pending.push(next);
  };
  enter(root);
  let seen = 1;
  while (path.length > 0) {
    const next = pending[pending.length - 1]!;
    const r = next.pop();
    if (r === undefined) {
      const o = path.pop()!;
      pending.pop();
      onStack.delete(o);
      done.add(o);
      continue;
    }
    const at = onStack.get(r);
    if (at !== undefined) return [...path.slice(at).map(label), label(r)];
    if (done.has(r)) continue;
    if (++seen > MAX_CYCLE_SEARCH) return 'too-large';
    enter(r);
  }
  return null;
}
