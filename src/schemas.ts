/**
 * The HTTP contract's schemas: request bodies and queries (validated with zod) and response
 * shapes (documented in OpenAPI and checked against real responses in the tests).
 *
 * Operation and event schemas come from the engine (`sandbox/ops.ts`, `sandbox/events.ts`)
 * and are never re-declared here.
 */
import { z } from 'zod';
import * as events from '../sandbox/events.js';
import * as ops from '../sandbox/ops.js';
import * as engine from './engine.js';
import { FieldError, Problem } from './problem.js';

/** Named schemas: each becomes `#/components/schemas/<id>` in the OpenAPI document. */
export const schemas = z.registry<{ id: string }>();
const named = <S extends z.ZodType>(id: string, s: S): S => {
  schemas.add(s, { id });
  return s;
};
export function schemaIdOf(s: z.ZodType): string | undefined {
  return schemas.get(s)?.id;
}

// The engine's vocabulary, named so the document shows it as it is in sandbox/ops.ts.
named('Identifier', ops.Identifier);
named('ObjectRef', ops.ObjectRef);
named('Target', ops.Target);
named('Scalar', ops.Scalar);
named('FinalizerSpec', ops.FinalizerSpec);
for (const [id, s] of [
  ['AllocOp', ops.AllocOp], ['ClassOp', ops.ClassOp], ['RefOp', ops.RefOp], ['DelOp', ops.DelOp],
  ['CollectOp', ops.CollectOp], ['StatsOp', ops.StatsOp], ['GetRefcountOp', ops.GetRefcountOp],
  ['GetSizeofOp', ops.GetSizeofOp], ['GcOp', ops.GcOp], ['WeakrefOp', ops.WeakrefOp], ['CallOp', ops.CallOp],
  ['ReturnOp', ops.ReturnOp], ['ExecOp', ops.ExecOp],
] as const) named(id, s);
export const Op = named('Op', ops.Op);
export const SandboxOptions = named('SandboxOptions', ops.SandboxOptions);
for (const [id, s] of [
  ['GcStartEvent', events.GcStartEvent], ['GcStopEvent', events.GcStopEvent], ['FinalizerEvent', events.FinalizerEvent],
  ['DeallocEvent', events.DeallocEvent], ['WeakrefCallbackEvent', events.WeakrefCallbackEvent],
  ['GarbageEvent', events.GarbageEvent], ['StdoutEvent', events.StdoutEvent], ['StderrEvent', events.StderrEvent],
  ['TruncatedEvent', events.TruncatedEvent],
] as const) named(id, s);
export const Event = named('Event', events.Event);
named('FieldError', FieldError);
named('Problem', Problem);

// ---- sandboxes -------------------------------------------------------------------------

/** A sandbox's op log (GET .../log), replayable with POST /v1/sandboxes {"replay": log}. */
named('LogEntry', engine.LogEntry);
export const SandboxLog = named('SandboxLog', engine.SandboxLog);

export const CreateSandboxRequest = named(
  'CreateSandboxRequest',
  z
    .object({
      gc: ops.SandboxOptions.shape.gc,
      limits: ops.SandboxOptions.shape.limits,
      label: z.string().max(200).optional().describe('Free text for your own bookkeeping (e.g. a learner and lesson)'),
      replay: engine.SandboxLog.optional()
        .describe('Rebuild the sandbox by replaying this log (from GET .../log); the options come from the log'),
    })
    .strict()
    .describe('All fields optional: gc settings, limits within the server maxima (see /v1/limits), a label, a log to replay'),
);

export const ForkRequest = named(
  'ForkRequest',
  z.object({
    atStep: z.number().int().min(0).max(1e9).optional()
      .describe('Fork at this step of the last traced exec (a `line` step; the heap GET .../steps/{n} shows) instead of its present state'),
  }).strict().describe('Optional: where to fork from'),
);

export const CreatedSandbox = named('CreatedSandbox', z.object({ id: z.string().describe('The sandbox id (its capability: keep it secret)') }));

export const SandboxSummary = named(
  'SandboxSummary',
  z.object({
    id: z.string(),
    label: z.string().nullable(),
    createdAt: z.string().describe('ISO 8601'),
    lastUsedAt: z.string().describe('ISO 8601'),
    expiresAt: z.string().describe('ISO 8601: reclaimed if idle until then'),
    objects: z.number().int().describe('Live objects'),
    lastSeq: z.number().int().describe('Sequence number of the latest event'),
    logEntries: z.number().int().describe('Ops in the replayable log (at most maxLogEntries; reads are not logged)'),
    replayCost: z.number().int().describe(
      'Engine steps replaying the log costs (steps its ops took, plus one per entry). A fork, or an atomic batch, ' +
      'replays the log, and is refused once this passes maxStepsPerRequest'),
    subscribers: z.number().int().describe('Open WebSocket subscribers'),
    options: ops.SandboxOptions,
  }),
);
export const SandboxList = named('SandboxList', z.object({ items: z.array(SandboxSummary) }));

export const SandboxParams = z.object({ id: z.string().max(100).describe('The sandbox id') });
export const StepParams = z.object({
  id: z.string().max(100).describe('The sandbox id'),
  n: z.string().regex(/^\d{1,9}$/, 'must be a non-negative integer').transform(Number).describe('The step index'),
});
export const StepQuery = z.object({
  format: z.enum(['json', 'dot', 'svg']).optional()
    .describe('json (default): the step and its graph; dot: the graph as Graphviz source; svg: the picture (at most 200 nodes)'),
});
export const ObjectParams = z.object({
  id: z.string().max(100).describe('The sandbox id'),
  oid: ops.ObjectRef.shape.id.describe('The object id, e.g. 0x7f3a00001040'),
});

// ---- operations ------------------------------------------------------------------------

export const OpsRequest = named(
  'OpsRequest',
  z
    .object({
      ops: z.array(ops.Op).min(1).describe('Applied in order; at most maxOpsPerRequest (see /v1/limits)'),
      atomic: z.boolean().optional().describe('On a Python error, leave the sandbox exactly as it was before the request'),
    })
    .strict(),
);

export const OpResult = named(
  'OpResult',
  z
    .object({})
    .catchall(z.unknown())
    .describe('alloc → {id, type, refcount}; getrefcount → {refcount}; collect → {unreachable, collected, uncollectable}; ...'),
);

export const OpsResponse = named(
  'OpsResponse',
  z.object({
    results: z.array(OpResult).describe('One per op, in order'),
    events: z.array(events.Event).describe('What the ops caused, in order'),
  }),
);

export const PythonErrorBody = named(
  'PythonError',
  z.object({
    type: z.string().describe('Exception class, e.g. NameError'),
    message: z.string(),
    line: z.number().int().nullable().optional(),
    column: z.number().int().nullable().optional(),
    traceback: z.string().optional().describe('As CPython prints it to stderr'),
  }),
);

/**
 * Python source as a file holds it: python3 accepts a UTF-8 byte order mark at the very start
 * of a file (and only there: elsewhere it is "invalid non-printable character U+FEFF"), so
 * a leading U+FEFF is dropped before the source reaches the interpreter.
 */
const SourceFile = ops.ExecOp.shape.code
  .transform((s) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s))
  .describe('Python source (a leading byte order mark is dropped, as python3 does for a file)');

export const ExecRequest = named('ExecRequest', z.object({
  code: SourceFile,
  trace: ops.ExecOp.shape.trace,
  maxTraceSteps: ops.ExecOp.shape.maxTraceSteps,
}).strict());

const Ref = z.object({ from: z.string(), to: z.string(), label: z.string() });
export const StepDelta = named(
  'StepDelta',
  z.object({
    created: z.array(z.object({ id: z.string(), type: z.string() })).describe('Made since the previous step and still alive'),
    freed: z.array(z.object({ id: z.string(), type: z.string() })).describe('Deallocated since the previous step'),
    refcounts: z.array(z.object({ id: z.string(), from: z.number().int(), to: z.number().int() }))
      .describe('Objects the names reach whose refcount moved'),
    refsAdded: z.array(Ref),
    refsRemoved: z.array(Ref),
    collections: z.array(z.object({
      generation: z.number().int(), trigger: z.string(), unreachable: z.number().int(), collected: z.number().int(), uncollectable: z.number().int(),
    })),
    finalizers: z.array(z.object({ object: z.string(), class: z.string(), printed: z.string(), resurrected: z.boolean() })),
    stdout: z.string(),
  }),
);
export const TraceStep = named(
  'TraceStep',
  z.object({
    index: z.number().int(),
    event: z.enum(['call', 'line', 'return', 'exception']).describe("As sys.settrace reports it, at the same line"),
    line: z.number().int(),
    function: z.string(),
    stack: z.array(z.object({ function: z.string(), line: z.number().int(), names: z.record(z.string(), z.string()) }))
      .describe('Outermost (the module) first; names map to object ids'),
    delta: StepDelta.describe("What the previous step's line changed"),
    viewTruncated: z.literal(true).optional().describe('The objects the names reach were more than this step looks at (1000)'),
  }),
);
const TraceTruncated = z.object({ reason: z.string(), atStep: z.number().int() }).nullable()
  .describe('Why the trace stops before the program ends (its step budget), or null');

const Encoded: z.ZodType = named('PythonTutorValue', z.lazy(() => z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(Encoded)]))
  .describe('A value in Python Tutor\'s encoding: a JSON primitive, ["REF", id], or a heap object\'s array'));
export const TraceRequest = named('TraceRequest', z.object({
  code: SourceFile,
  format: z.enum(['opt', 'heaplab']).describe("opt: Python Tutor's trace format (with heaplab_objects); heaplab: native steps"),
  maxTraceSteps: ops.ExecOp.shape.maxTraceSteps,
}).strict());
const OptEntry = z.object({
  event: z.string().describe('step_line, call, return, exception, then uncaught_exception or instruction_limit_reached'),
  line: z.number().int(),
  func_name: z.string(),
  globals: z.record(z.string(), Encoded),
  ordered_globals: z.array(z.string()),
  stack_to_render: z.array(z.object({
    func_name: z.string(), frame_id: z.number().int(), encoded_locals: z.record(z.string(), Encoded), ordered_varnames: z.array(z.string()),
    is_highlighted: z.boolean(), is_parent: z.boolean(), is_zombie: z.boolean(), parent_frame_id_list: z.array(z.number().int()), unique_hash: z.string(),
  })),
  heap: z.record(z.string(), Encoded),
  stdout: z.string(),
  exception_msg: z.string().optional(),
  heaplab_objects: z.record(z.string(), z.object({
    id: z.string(), refcount: z.number().int(), size: z.number().int(),
    generation: z.union([z.number().int(), z.literal('permanent'), z.null()]), tracked: z.boolean(), finalized: z.boolean(),
  })).describe('heaplab\'s additions per heap id (Python Tutor front ends ignore them)'),
});
export const TraceResponse = named('TraceResponse', z.union([
  z.object({
    code: z.string(), trace: z.array(OptEntry),
    heaplab: z.object({ truncated: z.object({ reason: z.string(), atStep: z.number().int() }).nullable() }),
  }).describe('format "opt"'),
  z.object({
    code: z.string(), stdout: z.string(), stderr: z.string(), error: PythonErrorBody.nullable(),
    steps: z.array(TraceStep), after: StepDelta.nullable(),
    truncated: z.object({ reason: z.string(), atStep: z.number().int() }).nullable(),
  }).describe('format "heaplab"'),
]));

export const ExecResponse = named(
  'ExecResponse',
  z.object({
    stdout: z.string(),
    stderr: z.string(),
    error: PythonErrorBody.nullable().describe('The uncaught exception, or null'),
    events: z.array(events.Event),
    steps: z.array(TraceStep).optional().describe('With "trace": true: one step per trace event'),
    after: StepDelta.nullable().optional().describe('With "trace": true: what changed after the last step'),
    truncated: TraceTruncated.optional(),
  }),
);

// ---- inspection ------------------------------------------------------------------------

const GenStats = z.object({ collections: z.number().int(), collected: z.number().int(), uncollectable: z.number().int() });
export const Stats = named(
  'Stats',
  z
    .object({
      stats: z.array(GenStats).describe('gc.get_stats()'),
      count: z.array(z.number().int()).describe('gc.get_count()'),
      threshold: z.array(z.number().int()).describe('gc.get_threshold()'),
      enabled: z.boolean().describe('gc.isenabled()'),
      debug: z.number().int().describe('gc.get_debug()'),
      frozen: z.number().int().describe('gc.get_freeze_count()'),
      garbage: z.number().int().describe('len(gc.garbage)'),
      objects: z.number().int().describe('Live objects'),
      tracked: z.number().int().describe('Objects tracked by the collector'),
      bytes: z.number().int().describe('Sum of sys.getsizeof over live objects'),
    })
    .catchall(z.unknown()),
);

const Generation = z.union([z.number().int(), z.literal('permanent'), z.null()]).describe('0, 1, 2, "permanent" (frozen) or null (untracked)');

const objectSummaryShape = {
  id: z.string().describe('id(obj), hexadecimal'),
  type: z.string().describe('type(obj).__name__'),
  refcount: z.number().int().describe('ob_refcnt (sys.getrefcount would print one more)'),
  size: z.number().int().describe('sys.getsizeof(obj)'),
  tracked: z.boolean().describe('gc.is_tracked(obj)'),
  generation: Generation,
};
export const ObjectSummary = named('ObjectSummary', z.object(objectSummaryShape).catchall(z.unknown()));
export const ObjectList = named(
  'ObjectList',
  z.object({
    total: z.number().int().describe('Objects matching the filters'),
    offset: z.number().int(),
    limit: z.number().int().describe('The page size used: the requested limit, capped at maxGraphNodes'),
    items: z.array(ObjectSummary),
    truncated: z.boolean().describe('More objects match than this page holds'),
    totalIsLowerBound: z.literal(true).optional()
      .describe('Present when counting stopped (past 16 × maxGraphNodes objects): `total` is what was counted'),
  }),
);
export const ObjectDetail = named(
  'ObjectDetail',
  z
    .object({
      ...objectSummaryShape,
      referents: z.array(z.string()).describe('gc.get_referents(obj), as ids'),
      referrers: z.array(z.string()).describe('gc.get_referrers(obj), as ids'),
      finalized: z.boolean().describe('gc.is_finalized(obj)'),
      repr: z.string().describe('repr(obj), cut to 65,536 characters'),
      truncated: z.partialRecord(z.enum(['referents', 'referrers', 'repr']), z.number().int()).optional()
        .describe('Present when a field was cut: its full length (referents/referrers hold at most maxGraphNodes ids)'),
    })
    .catchall(z.unknown()),
);

const int = (dflt: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a non-negative integer')
    .transform(Number)
    .pipe(z.number().int().max(max))
    .optional()
    .transform((v) => v ?? dflt);

export const ObjectsQuery = z
  .object({
    type: z.string().max(100).optional().describe('Only objects of this type name (list, dict, MyObject, ...)'),
    generation: z
      .enum(['0', '1', '2', 'permanent'])
      .optional()
      .transform((g) => (g === undefined || g === 'permanent' ? g : (Number(g) as 0 | 1 | 2)))
      .describe('Only objects in this generation'),
    tracked: z
      .enum(['true', 'false'])
      .optional()
      .transform((t) => (t === undefined ? undefined : t === 'true'))
      .describe('Only objects the collector tracks (or not)'),
    offset: int(0, 1_000_000_000).describe('Skip this many (default 0)'),
    limit: int(100, 1000).describe('At most this many, up to 1000 (default 100)'),
  })
  .strict();

export const Names = named(
  'Names',
  z.object({
    frames: z.array(z.object({ frame: z.string(), names: z.record(z.string(), z.string()) }))
      .describe('Outermost frame (module globals) first; names map to object ids'),
    truncated: z.literal(true).optional()
      .describe('Present when there are more than maxGraphNodes names: the first maxGraphNodes are listed'),
  }),
);

export const Graph = named(
  'Graph',
  z.object({
    nodes: z.array(
      z.object({
        id: z.string(), type: z.string(), refcount: z.number().int(), generation: Generation, tracked: z.boolean(),
        label: z.string().describe('At most 40 characters, cut between tokens and ending in … when cut'),
        state: z.enum(['reachable', 'unreachable', 'unknown'])
          .describe('reachable from a root; unreachable: only the collector can still free it (a cycle awaiting collection); unknown: finding out would cost more than the read may'),
        finalized: z.boolean().describe('Its __del__ already ran (gc.is_finalized)'),
      }).catchall(z.unknown()),
    ),
    edges: z.array(z.object({ from: z.string(), to: z.string(), label: z.string() }).catchall(z.unknown())),
    roots: z.array(z.object({
      name: z.string(), frame: z.string(), id: z.string(),
      label: z.string().optional().describe('Set when the name binds an object the interpreter shares (None, small ints), which is not a node'),
    }).catchall(z.unknown())),
    cut: z.array(z.object({ from: z.string(), shown: z.number().int(), more: z.number().int() }))
      .describe('Containers drawn with only their first `items` items; `more` were left out'),
    truncated: z.boolean().describe('Nodes, edges or roots were left out: the walk stopped at a cap (maxNodes nodes or names, ' +
      '8 × maxNodes references examined, or 16 × maxNodes objects searched for unreachable cycles)'),
    maxNodes: z.number().int().describe('The node cap (maxGraphNodes, see /v1/limits)'),
    totals: z.object({ nodes: z.number().int(), edges: z.number().int(), roots: z.number().int() })
      .describe('The whole graph\'s size; when truncated, what the walk had found before it stopped (lower bounds)'),
  }),
);
const PathLink = z.object({
  id: z.string(), type: z.string(), label: z.string(),
  via: z.string().nullable().describe("The reference from the previous object ('.next', '[0]', \"['k']\", '.__closure__'); null for the root's own object"),
});
export const AlivePath = named(
  'AlivePath',
  z.object({
    id: z.string(),
    status: z.enum(['reachable', 'unreachable', 'unknown'])
      .describe('reachable: `root` and `chain` say why. unreachable: no root reaches it; only objects awaiting the collector hold it (`referrers`). unknown: the search budget ran out first'),
    root: z.object({
      kind: z.enum(['global', 'local', 'gc.garbage', 'gc.callbacks', 'interpreter']),
      name: z.string(), frame: z.string(),
    }).nullable(),
    chain: z.array(PathLink).describe('A shortest chain of strong references from the root to the object (the object last)'),
    expression: z.string().nullable().describe('A Python expression evaluating to the object, when every step has one'),
    referrers: z.array(z.object({ id: z.string(), type: z.string(), via: z.string() }))
      .describe('Unreachable: objects no root reaches that hold it directly (at most 16)'),
    tracked: z.boolean(), generation: Generation, finalized: z.boolean(),
    examined: z.number().int().describe('References examined (at most 16 × maxGraphNodes)'),
    reason: z.string(),
  }),
);
export const StepState = named('StepState', z.object({
  step: TraceStep,
  graph: Graph.describe('The heap at that step, from the module\'s names'),
}));
export const GraphQuery = z
  .object({
    format: z.enum(['json', 'dot', 'svg']).optional()
      .describe('dot: Graphviz source (text/vnd.graphviz); svg: the picture (image/svg+xml), at most 200 nodes'),
    items: z.string().regex(/^\d+$/, 'must be a non-negative integer').transform(Number)
      .pipe(z.number().int().min(1).max(100_000)).optional()
      .describe('Items of one list, tuple, dict or set drawn (default 50); the rest are counted in `cut` (a "… N more" node)'),
    view: z.enum(['names', 'all']).optional()
      .describe('names (default): what the names in scope reach, plus cycles awaiting collection; classes, functions and modules are leaves. all: every live object'),
  })
  .strict();

export const LogQuery = z
  .object({ format: z.enum(['json', 'python']).optional().describe('python: the log as a Python program (text/x-python)') })
  .strict();

// ---- events ----------------------------------------------------------------------------

export const EventsQuery = z
  .object({
    since: z
      .string()
      .regex(/^\d+$/, 'must be a non-negative integer')
      .transform(Number)
      .optional()
      .describe('First replay retained events with seq > since, then go live'),
    types: z
      .string()
      .max(1000)
      .optional()
      .transform((s, ctx) => {
        if (s === undefined) return undefined;
        const list = s.split(',').map((t) => t.trim()).filter((t) => t.length > 0);
        for (const t of list) {
          if (!(events.EVENT_TYPES as readonly string[]).includes(t)) {
            ctx.addIssue({ code: 'custom', message: `unknown event type "${t}" (one of ${events.EVENT_TYPES.join(', ')})` });
            return z.NEVER;
          }
        }
        return new Set(list);
      })
      .describe(`Comma-separated event types to receive: ${events.EVENT_TYPES.join(', ')}`),
  })
  .strict();

// ---- service ---------------------------------------------------------------------------

export const Health = named('Health', z.object({
  status: z.enum(['ok', 'shutting-down', 'overloaded', 'store-unavailable']),
  store: z.string().optional().describe('On /readyz: where sandboxes are kept (sqlite, memory or redis)'),
}));

export const LimitsResponse = named(
  'Limits',
  z.object({
    maxSandboxes: z.number().int(),
    maxHeapMiB: z.number().int(),
    maxObjectsPerSandbox: z.number().int(),
    maxBytesPerSandbox: z.number().int().describe('Simulated bytes (sys.getsizeof of every live object) per sandbox'),
    maxOpsPerRequest: z.number().int(),
    maxLogEntries: z.number().int(),
    maxStepsPerRequest: z.number().int(),
    maxRequestMs: z.number().int().describe("Milliseconds of a request's programs' own running time (an /exec program's slices)"),
    sliceInstructions: z.number().int().describe('Instructions an /exec program runs before it yields the thread to other requests'),
    maxEventsPerOp: z.number().int(),
    eventsRetained: z.number().int(),
    idleTtlSeconds: z.number().int(),
    bodyLimitBytes: z.number().int(),
    wsMaxBufferedBytes: z.number().int(),
    maxSandboxesPerKey: z.number().int().describe('Sandboxes one API key (without keys: one address) may hold at once'),
    rateLimitPerSecond: z.number().int().describe('Requests per second per API key (without keys: per address); 0: no limit'),
    maxEventLoopDelayMs: z.number().int().describe('Past this event-loop lag, requests get 503 + Retry-After; 0: not checked'),
    maxRssMiB: z.number().int().describe('Past this resident memory, requests get 503 + Retry-After; 0: not checked'),
    maxGraphNodes: z.number().int().describe('Nodes per graph reply, objects per page, ids per referents/referrers list'),
    maxReplyBytes: z.number().int().describe('Largest reply body; past it, a 422 problem naming maxReplyBytes'),
    maxSubscribersPerSandbox: z.number().int().describe('WebSocket subscribers of one sandbox'),
    maxSubscribers: z.number().int().describe('WebSocket subscribers in this process'),
    apiKeys: z.boolean().describe('Whether every sandbox route needs an API key'),
    caller: z
      .object({
        sandboxes: z.number().int().describe('Sandboxes you hold now'),
        maxSandboxes: z.number().int().describe('Sandboxes you may hold at once (maxSandboxesPerKey)'),
      })
      .nullable()
      .describe('Your own usage: by your API key, or by your address without keys; null when keys are on and none was sent'),
  }),
);
