/**
 * The exercise format: one zod schema, the source of the TypeScript type, the HTTP
 * validation, the OpenAPI document and the YAML/JSON files under `exercises/`.
 *
 * An exercise is run as: `setup` (the instructor's), the learner's submission, `after`
 * (the instructor's), then its checks, in the order listed, in that one sandbox. A check
 * reads the heap the way a lesson would (sys.getrefcount, gc.collect(), ...), so checks
 * that change the heap (`collect`, `python`) affect the checks after them, exactly as the
 * same statements appended to the program would.
 */
import { z } from 'zod';

/** A Python identifier: a name the setup, the submission or `after` binds at module level. */
const Name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier').max(100);

/** A Python expression the checks evaluate at module level after the run. */
const Expression = z.string().min(1).max(2_000).refine((s) => s.trim().length > 0, 'must not be blank')
  .describe('A Python expression, evaluated at module level after the run');

/** Python source the instructor runs around the submission. */
const Source = z.string().max(100_000);

/** Whether a learner may see a check's details: Gradescope's test visibility values. */
export const Visibility = z.enum(['visible', 'hidden', 'after_due_date'])
  .describe('visible: always shown; hidden: never shown to learners; after_due_date: shown once the due date passed ' +
    '(Gradescope honours it; formats without due dates treat it as hidden)');
export type Visibility = z.infer<typeof Visibility>;

const common = {
  name: z.string().min(1).max(200).describe('Shown to the learner (unless hidden)'),
  points: z.number().min(0).max(1_000_000).optional().describe('Points the check is worth (default 1)'),
  feedback: z.string().max(10_000).optional().describe('Shown when the check fails (Markdown)'),
  visibility: Visibility.optional().describe('Default visible'),
};

/**
 * A number compared with what the run shows: `equals`, or a range (`atLeast`, `atMost`,
 * either or both). Exactly one form.
 */
const compare = {
  equals: z.number().optional(),
  atLeast: z.number().optional(),
  atMost: z.number().optional(),
};
type Compare = { equals?: number; atLeast?: number; atMost?: number };
function oneComparison(c: Compare, ctx: z.core.$RefinementCtx): void {
  const range = c.atLeast !== undefined || c.atMost !== undefined;
  if (c.equals === undefined && !range) ctx.addIssue({ code: 'custom', path: ['equals'], message: 'give equals, or atLeast and/or atMost' });
  if (c.equals !== undefined && range) ctx.addIssue({ code: 'custom', path: ['equals'], message: 'equals cannot be combined with atLeast/atMost' });
}

/**
 * A regular expression the learner's output is searched with (JavaScript syntax). Output is
 * untrusted, so a pattern that can backtrack exponentially — a quantified group that holds a
 * quantifier, or a backreference — is refused; the searched text is also capped (see grade.ts).
 */
export const SafePattern = z.string().min(1).max(1_000).superRefine((src, ctx) => {
  try {
    new RegExp(src);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(e as Error).message}` });
    return;
  }
  const why = unsafePattern(src);
  if (why) ctx.addIssue({ code: 'custom', message: why });
});

/**
 * Why `src` may backtrack exponentially, or null: a group containing a quantifier or an
 * alternation that is itself quantified (`(a+)+`, `(a|aa)+`), or a backreference. A linear
 * scan over the source with a stack of open groups (bounded by the pattern's length).
 */
export function unsafePattern(src: string): string | null {
  const groups: boolean[] = []; // per open group: does it contain a quantifier or an alternation?
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      if (/[1-9k]/.test(src[i + 1] ?? '')) return 'backreferences are not allowed (they can make a search take exponential time)';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') groups.push(false);
    else if (c === ')') {
      const hadQuantifier = groups.pop() ?? false;
      const next = src[i + 1];
      if (hadQuantifier && (next === '*' || next === '+' || next === '?' || next === '{')) {
        return 'a quantified group may not contain a quantifier or an alternation (e.g. (a+)+, (a|aa)+): it can make a search take exponential time';
      }
      if (hadQuantifier && groups.length > 0) groups[groups.length - 1] = true;
      if (next === '*' || next === '+' || next === '{') {
        if (groups.length > 0) groups[groups.length - 1] = true;
      }
    } else if ((c === '*' || c === '+' || c === '{' || c === '|') && groups.length > 0) groups[groups.length - 1] = true;
  }
  return null;
}

const check = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S, description: string) =>
  z.object({ kind: z.literal(kind), ...common, ...shape }).strict().describe(description);

export const StdoutCheck = check('stdout', {
  equals: z.string().max(1_000_000).optional(),
  contains: z.string().min(1).max(100_000).optional(),
  matches: SafePattern.optional(),
}, "The submission's stdout (what it printed, finalizers included) equals, contains or matches (a search) the given text")
  .superRefine((c, ctx) => {
    const n = [c.equals, c.contains, c.matches].filter((x) => x !== undefined).length;
    if (n !== 1) ctx.addIssue({ code: 'custom', path: ['equals'], message: 'give exactly one of equals, contains, matches' });
  });

export const RefcountCheck = check('refcount', { expr: Expression, ...compare },
  'What print(sys.getrefcount(expr)) would show at module level after the run')
  .superRefine(oneComparison);

/** Where alive/freed find their object: by variable, right after `setup` or right after the submission. */
const watched = {
  variable: Name.optional().describe('A module-level name; the object it is bound to at `when` is watched'),
  type: Name.optional().describe('Instead of a variable: every object of the class with this __name__'),
  when: z.enum(['setup', 'submission']).optional()
    .describe('For variable: take the object after the setup (default) or after the submission (then `after` may free it)'),
};
function variableOrType(c: { variable?: string; type?: string; when?: string }, ctx: z.core.$RefinementCtx): void {
  if ((c.variable === undefined) === (c.type === undefined)) ctx.addIssue({ code: 'custom', path: ['variable'], message: 'give exactly one of variable, type' });
  if (c.type !== undefined && c.when !== undefined) ctx.addIssue({ code: 'custom', path: ['when'], message: 'only with variable' });
}

export const AliveCheck = check('alive', watched,
  'The watched object is still alive when the check runs (for a type: at least one instance is)')
  .superRefine(variableOrType);

export const FreedCheck = check('freed', {
  ...watched,
  by: z.enum(['any', 'refcount', 'collector']).optional()
    .describe('refcount: freed outside any collection (its count reached zero); collector: freed during a collection. Default any'),
}, 'The watched object was freed by the time the check runs (for a type: none is alive, at least one was freed, each as `by` says)')
  .superRefine(variableOrType);

export const CollectCheck = check('collect', {
  generation: z.number().int().min(0).max(2).optional().describe('Default 2 (a full collection)'),
  ...compare,
}, 'gc.collect(generation) run now returns a number in range (0: nothing was left for the collector)')
  .superRefine(oneComparison);

export const FinalizersCheck = check('finalizers', {
  order: z.array(z.string().max(10_000)).max(10_000).describe('What ran, in order'),
  match: z.enum(['printed', 'class']).optional()
    .describe('printed (default): what each __del__ printed, without its final newline; class: the class name'),
}, 'The __del__ methods that ran since the submission started (up to this check), in order, are exactly `order`');

export const NoGarbageCheck = check('no_garbage', {}, 'gc.garbage is empty');

export const NoCyclesCheck = check('no_cycles', { variable: Name },
  'No reference cycle among the objects `variable` reaches (classes, functions and modules are not followed)');

export const PeakCheck = check('peak', {
  measure: z.enum(['bytes', 'objects']).optional().describe('bytes (default): simulated bytes (sys.getsizeof summed); objects: live objects'),
  atMost: z.number().int().min(0),
}, 'The most memory the submission held at once, above what was live when it started, is at most atMost');

export const SizeCheck = check('size', { expr: Expression, ...compare }, 'sys.getsizeof(expr) after the run')
  .superRefine(oneComparison);

export const RaisesCheck = check('raises', {
  type: Name.describe('The exception class name, e.g. ValueError'),
  message: z.string().max(10_000).optional().describe("str() of the exception, exactly"),
}, 'The submission stopped with this uncaught exception');

export const NoErrorCheck = check('no_error', {}, 'The submission ran to its end without an uncaught exception');

export const PythonCheck = check('python', { expr: Expression },
  'An instructor expression, true after the run. If evaluating it raises, that is an exercise error, not a failure');

export const Check = z.discriminatedUnion('kind', [
  StdoutCheck, RefcountCheck, AliveCheck, FreedCheck, CollectCheck, FinalizersCheck, NoGarbageCheck, NoCyclesCheck,
  PeakCheck, SizeCheck, RaisesCheck, NoErrorCheck, PythonCheck,
]).describe('One check; `kind` says which');
export type Check = z.infer<typeof Check>;

export const Budgets = z.object({
  maxSteps: z.number().int().min(1).optional().describe('Engine steps for each part of the run (setup, submission, after, each check)'),
  maxBytes: z.number().int().min(1024).optional().describe('Simulated bytes the sandbox may hold'),
  maxObjects: z.number().int().min(1).optional().describe('Live objects the sandbox may hold'),
}).strict().describe('Lower limits than the server\'s for this exercise (the server\'s maxima still apply)');
export type Budgets = z.infer<typeof Budgets>;

export const Exercise = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _').max(100),
  title: z.string().min(1).max(200),
  prompt: z.string().max(100_000).describe('What the learner reads (Markdown)'),
  starter: z.string().max(100_000).optional().describe('Code the learner starts from'),
  setup: Source.optional().describe('Run before the submission, in the same sandbox'),
  after: Source.optional().describe('Run after the submission, before the checks'),
  budgets: Budgets.optional(),
  checks: z.array(Check).min(1).max(100),
}).strict().describe('A memory exercise: code around the submission and checks on the heap after it');
export type Exercise = z.infer<typeof Exercise>;
