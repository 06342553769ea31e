/**
 * The operation vocabulary: the one language every way of driving a sandbox speaks.
 *
 * JSON clients send these ops; the Python front end runs the same engine primitives; the
 * replay log records them; `exportPython` turns each back into the Python statement it
 * stands for. Each op has exactly one zod schema here, and that schema is the source of
 * the TypeScript type, the HTTP validation and the OpenAPI document.
 */
import { z } from 'zod';

/** A Python identifier (the names ops bind, delete and look up). */
export const Identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier')
  .max(100)
  .describe('A Python identifier');

/** An object by id: the hexadecimal address `id()` reports, e.g. "0x7f3a00001040". */
export const ObjectRef = z
  .object({ id: z.string().regex(/^0x[0-9a-f]+$/, 'must be an object id like "0x7f3a00001040"') })
  .strict()
  .describe('An object by its id (address)');

/** A target: a name in the current scope, or an object by id. */
export const Target = z.union([Identifier, ObjectRef]).describe('A name in the current scope or {"id": ...}');
export type Target = z.infer<typeof Target>;

/**
 * A JSON number standing for a Python int (integral) or float (not). An integral number past
 * ±(2^53 − 1) has already lost digits in JSON, so it is refused rather than guessed at.
 */
const ScalarNumber = z.number().refine((n) => !Number.isInteger(n) || Number.isSafeInteger(n), {
  message: 'an integral number must be within ±9007199254740991 (JSON cannot carry it exactly); use exec for big ints',
});

/** A JSON scalar standing for a Python constant: str, int, float, bool or None (null). */
export const Scalar = z.union([z.string().max(10_000), ScalarNumber, z.boolean(), z.null()]);
export type Scalar = z.infer<typeof Scalar>;

export const AllocType = z.enum(['list', 'dict', 'tuple', 'set', 'str', 'int', 'float', 'bytes', 'instance']);

type Issues = z.core.$RefinementCtx;
const issue = (ctx: Issues, field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });

/** Which of `fields` are present (not undefined) in `o`. */
const present = <T extends object>(o: T, fields: readonly (keyof T & string)[]) => fields.filter((f) => o[f] !== undefined);

/** Each present field of `fields` is refused: it would otherwise be silently ignored. */
function refuse<T extends object>(o: T, ctx: Issues, fields: readonly (keyof T & string)[], why: string): void {
  for (const f of present(o, fields)) issue(ctx, f, why);
}

/** Latin-1: one character per byte, U+0000–U+00FF. The index of the first other character, or -1. */
const nonLatin1 = (s: string) => s.search(/[^\u0000-\u00ff]/);

/**
 * `alloc`'s fields depend on its type: a value only where Python's constructor takes one
 * (`str`, `int`, `float`, `bytes`), of exactly that type; items only for containers; a
 * class only for instances. Nothing is converted: a wrong value is refused, never coerced.
 */
function checkAlloc(op: { type: z.infer<typeof AllocType>; value?: Scalar; items?: unknown[]; class?: string }, ctx: Issues): void {
  const v = op.value;
  switch (op.type) {
    case 'list': case 'tuple': case 'set': case 'dict':
      refuse(op, ctx, ['value', 'class'], `not allowed for type "${op.type}" (give its contents in "items")`);
      if (op.type === 'dict' && op.items && op.items.length % 2 !== 0) {
        issue(ctx, 'items', 'for type "dict", items alternate keys and values (an even number of them)');
      }
      return;
    case 'instance':
      refuse(op, ctx, ['value', 'items'], 'not allowed for type "instance"');
      if (op.class === undefined) issue(ctx, 'class', 'required for type "instance"');
      return;
    default:
      refuse(op, ctx, ['items', 'class'], `not allowed for type "${op.type}" (give its value in "value")`);
  }
  if (v === undefined) return; // str(), int(), float(), bytes(): the empty/zero value
  switch (op.type) {
    case 'str':
      if (typeof v !== 'string') issue(ctx, 'value', 'must be a string for type "str"');
      return;
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        issue(ctx, 'value', 'must be an integer (a JSON number without a fraction) for type "int"');
      }
      return;
    case 'float':
      if (typeof v !== 'number') issue(ctx, 'value', 'must be a number for type "float"');
      return;
    case 'bytes': {
      if (typeof v !== 'string') {
        issue(ctx, 'value', 'must be a latin-1 string for type "bytes" (each character U+0000–U+00FF is one byte)');
        return;
      }
      const at = nonLatin1(v);
      if (at >= 0) {
        const cp = v.codePointAt(at)!.toString(16).toUpperCase().padStart(4, '0');
        issue(ctx, 'value', `must be a latin-1 string for type "bytes" (each character U+0000–U+00FF is one byte); U+${cp} at index ${at} is not`);
      }
    }
  }
}

export const AllocOp = z
  .object({
    op: z.literal('alloc'),
    type: AllocType,
    name: Identifier.optional().describe('Bind the new object to this name (otherwise it lives only as long as the reply)'),
    class: Identifier.optional().describe('For type "instance" (required there, refused elsewhere): the class (defined with the class op)'),
    value: Scalar.optional().describe(
      'Only for str (a string), int (an integral JSON number within ±9007199254740991; bigger ints need exec), float ' +
      '(a JSON number) and bytes (a latin-1 string: each character U+0000–U+00FF is one byte, e.g. "\\u00ff" is b"\\xff"). ' +
      'Omitted: the empty/zero value. Any other type or kind of value is refused (400), never converted'),
    items: z.array(z.union([Target, z.object({ value: Scalar }).strict()])).max(10_000).optional()
      .describe('Only for list/tuple/set: the items; for dict: alternating keys and values (an even number)'),
  })
  .strict()
  .superRefine(checkAlloc)
  .describe('`a = []`, `a = MyObject()`: allocate an object');

export const FinalizerSpec = z
  .object({
    print: z.string().max(1000).optional()
      .describe('What __del__ prints; "{attr}" is replaced by str(self.attr)'),
    resurrect: Identifier.optional()
      .describe('Name of a global list __del__ appends self to (resurrecting it)'),
  })
  .strict();

export const ClassOp = z
  .object({
    op: z.literal('class'),
    name: Identifier,
    base: Identifier.optional().describe('A class defined earlier in this sandbox'),
    finalizer: FinalizerSpec.optional().describe('Give the class a __del__'),
  })
  .strict()
  .describe('`class MyObject: def __del__(self): ...`: define a class');

/**
 * Where a ref/del acts: a name (without `from`), or exactly one of `places` on `from`.
 * Every other combination leaves a field unused, so it is refused.
 */
function checkPlace<T extends { from?: unknown; name?: string }>(op: T, ctx: Issues, name: keyof T & string, places: readonly (keyof T & string)[]): void {
  const on = present(op, places);
  if (op.from === undefined) {
    if (op[name] === undefined) issue(ctx, name, 'required: a name, or "from" with one of ' + places.join('/'));
    for (const f of on) issue(ctx, f, 'only with "from"');
    return;
  }
  if (op[name] !== undefined) issue(ctx, name, 'not allowed with "from"');
  if (on.length === 0) issue(ctx, 'from', `needs one of ${places.join('/')}`);
  for (const f of on.slice(1)) issue(ctx, f, `give one of ${places.join('/')}, not several`);
}

export const RefOp = z
  .object({
    op: z.literal('ref'),
    name: Identifier.optional().describe('Bind this name (`name = to`)'),
    from: Target.optional().describe('The container or instance to store into'),
    attr: Identifier.optional().describe('`from.attr = to`'),
    index: z.number().int().optional().describe('`from[index] = to` (list)'),
    key: Scalar.optional().describe('`from[key] = to` (dict)'),
    append: z.literal(true).optional().describe('`from.append(to)` (list) or `from.add(to)` (set)'),
    to: Target.optional().describe('The object stored (a name or id)'),
    value: Scalar.optional().describe('A constant stored instead of `to`'),
  })
  .strict()
  .superRefine((op, ctx) => {
    const src = present(op, ['to', 'value']);
    if (src.length === 0) issue(ctx, 'to', 'required: the object stored ("to") or a constant ("value")');
    if (src.length === 2) issue(ctx, 'value', 'give "to" or "value", not both');
    checkPlace(op, ctx, 'name', ['attr', 'index', 'key', 'append']);
  })
  .describe('`b = a`, `x.attr = y`, `x[i] = y`, `x.append(y)`: add a reference');

export const DelOp = z
  .object({
    op: z.literal('del'),
    name: Identifier.optional().describe('`del name`'),
    from: Target.optional().describe('The container or instance to delete from'),
    attr: Identifier.optional().describe('`del from.attr`'),
    index: z.number().int().optional().describe('`del from[index]`'),
    key: Scalar.optional().describe('`del from[key]`'),
  })
  .strict()
  .superRefine((op, ctx) => checkPlace(op, ctx, 'name', ['attr', 'index', 'key']))
  .describe('`del a`, `del x.attr`, `del x[k]`: drop a reference');

export const CollectOp = z
  .object({
    op: z.literal('collect'),
    generation: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  })
  .strict()
  .describe('`gc.collect(generation)`');

export const StatsOp = z.object({ op: z.literal('stats') }).strict().describe('`gc.get_stats()`, `gc.get_count()`, ...');

export const GetRefcountOp = z
  .object({ op: z.literal('getrefcount'), target: Target })
  .strict()
  .describe('`sys.getrefcount(x)`');

export const GetSizeofOp = z
  .object({ op: z.literal('getsizeof'), target: Target })
  .strict()
  .describe('`sys.getsizeof(x)`');

export const GcOp = z
  .object({
    op: z.literal('gc'),
    call: z.enum(['enable', 'disable', 'set_threshold', 'set_debug', 'freeze', 'unfreeze']),
    threshold: z.array(z.number().int().min(0).max(1_000_000_000)).min(1).max(3).optional()
      .describe('For set_threshold: threshold0[, threshold1[, threshold2]]'),
    flags: z.number().int().min(0).max(63).optional().describe('For set_debug: gc.DEBUG_* flags (DEBUG_SAVEALL = 32)'),
  })
  .strict()
  .superRefine((op, ctx) => {
    // Each argument belongs to one call: required there (CPython's TypeError otherwise), refused elsewhere.
    for (const [field, call] of [['threshold', 'set_threshold'], ['flags', 'set_debug']] as const) {
      if (op.call === call && op[field] === undefined) issue(ctx, field, `required for ${call}`);
      if (op.call !== call && op[field] !== undefined) issue(ctx, field, `only for ${call}`);
    }
  })
  .describe('`gc.enable()`, `gc.disable()`, `gc.set_threshold(...)`, `gc.set_debug(...)`, `gc.freeze()`, `gc.unfreeze()`');

export const WeakrefOp = z
  .object({
    op: z.literal('weakref'),
    target: Target,
    name: Identifier.describe('Name bound to the weakref object'),
    callback: z
      .object({ print: z.string().max(1000).describe('What the callback prints') })
      .strict()
      .optional(),
  })
  .strict()
  .describe('`w = weakref.ref(x, callback)`');

export const CallOp = z
  .object({
    op: z.literal('call'),
    function: Identifier.optional().describe('A label for the frame (the function name)'),
    args: z.record(Identifier, Target).optional().describe('Locals bound on entry: parameter name → argument'),
  })
  .strict()
  .describe('Enter a function: a new frame whose locals shadow globals');

export const ReturnOp = z
  .object({ op: z.literal('return'), value: Target.optional().describe('Returned object, bound in the caller if `name` is given'), name: Identifier.optional() })
  .strict()
  .superRefine((op, ctx) => {
    if (op.name !== undefined && op.value === undefined) issue(ctx, 'name', 'only with "value" (the object to bind)');
  })
  .describe('Leave the current function: its locals die');

export const ExecOp = z
  .object({
    op: z.literal('exec'),
    code: z.string().max(1_000_000),
    trace: z.boolean().optional()
      .describe('Run on the bytecode machine with its trace hook and answer `steps` (one per sys.settrace event)'),
    maxTraceSteps: z.number().int().min(1).max(100_000).optional()
      .describe('Steps recorded before the trace stops (default 2000); the program runs on untraced'),
  })
  .strict()
  .describe('Run Python source in the sandbox (the Python front end)');

export const Op = z.discriminatedUnion('op', [
  AllocOp, ClassOp, RefOp, DelOp, CollectOp, StatsOp, GetRefcountOp, GetSizeofOp, GcOp, WeakrefOp,
  CallOp, ReturnOp, ExecOp,
]);
export type Op = z.infer<typeof Op>;
export type AllocOp = z.infer<typeof AllocOp>;
export type ClassOp = z.infer<typeof ClassOp>;
export type RefOp = z.infer<typeof RefOp>;
export type DelOp = z.infer<typeof DelOp>;
export type CollectOp = z.infer<typeof CollectOp>;
export type GcOp = z.infer<typeof GcOp>;
export type WeakrefOp = z.infer<typeof WeakrefOp>;
export type CallOp = z.infer<typeof CallOp>;
export type ReturnOp = z.infer<typeof ReturnOp>;
export type ExecOp = z.infer<typeof ExecOp>;

/** Options a sandbox is created with (all optional). */
export const SandboxOptions = z
  .object({
    gc: z
      .object({
        enabled: z.boolean().optional(),
        threshold: z.array(z.number().int().min(0).max(1_000_000_000)).min(1).max(3).optional(),
      })
      .strict()
      .optional(),
    limits: z
      .object({
        maxObjects: z.number().int().min(1).optional(),
        maxBytes: z.number().int().min(1).optional(),
        maxSteps: z.number().int().min(1).optional(),
        maxEventsPerOp: z.number().int().min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type SandboxOptions = z.infer<typeof SandboxOptions>;
