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

/** A JSON scalar standing for a Python constant: str, int, float, bool or None (null). */
export const Scalar = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof Scalar>;

export const AllocType = z.enum(['list', 'dict', 'tuple', 'set', 'str', 'int', 'float', 'bytes', 'instance']);

export const AllocOp = z
  .object({
    op: z.literal('alloc'),
    type: AllocType,
    name: Identifier.optional().describe('Bind the new object to this name (otherwise it lives only as long as the reply)'),
    class: Identifier.optional().describe('For type "instance": the class (defined with the class op)'),
    value: Scalar.optional().describe('For str/int/float/bytes: the value (bytes from a latin-1 string)'),
    items: z.array(z.union([Target, z.object({ value: Scalar }).strict()])).max(10_000).optional()
      .describe('For list/tuple/set: the items; for dict: alternating keys and values'),
  })
  .strict()
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
  .describe('Leave the current function: its locals die');

export const ExecOp = z
  .object({ op: z.literal('exec'), code: z.string().max(1_000_000) })
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
