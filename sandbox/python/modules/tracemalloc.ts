/**
 * The tracemalloc module: start/stop tracing, the traced memory (current, peak), and
 * snapshots grouped into statistics — printed the way CPython's Lib/tracemalloc.py prints
 * them. The blocks themselves (what is traced, free lists, sizes) are the engine's model
 * in sandbox/alloctrace.ts; this file is the Python face of it.
 *
 * What the program's own calls make in CPython's tracemalloc.py is traced at its lines
 * (LIB_LINE): a snapshot's Snapshot and _Traces objects and its list of traces (built with
 * tracing suspended, so the traces themselves are never in it), filter_traces' copies, the
 * str/repr of statistics, tracebacks and frames, _group_by's error messages.
 *
 * Differences from CPython, by design (README, fidelity): tracebacks keep one frame
 * (start(nframe) with nframe > 1 is refused); a snapshot keeps its statistics, not its raw
 * traces (Snapshot.traces, dump and load are refused). Not modelled, as interpreter state
 * rather than the program's: the temporaries of tracemalloc.py's Python code (argument
 * tuples, _group_by's dicts and Traceback objects) and the tuples a snapshot is filled with
 * come off CPython's free lists, whose occupancy depends on start-up and on when the first
 * automatic collection ran; when a list has run dry CPython traces a fresh block (48 bytes
 * at tracemalloc.py:313 or :423) that the sandbox does not.
 */
import { AllocTracer, inlineValuesSize } from '../../alloctrace.js';
import {
  SHARED, None, PyInt, PyNative, PyObject, PyStr, PyType, objectType, typeType,
} from '../../objects.js';
import { reprStr } from '../../repr.js';
import type { Builtins } from '../builtins.js';
import { PyExtObject } from '../extobject.js';
import { PyModule } from '../pyobjects.js';
import { REFERENCE_STDLIB_DIR } from './cpython-names.js';

/**
 * Addresses of this module's objects (a range no other native uses): its types, made once
 * per process, then the functions and module each sandbox's install makes, counted again
 * from INSTALL_ADDR by every install so that no id depends on other sandboxes.
 */
let nextAddr = 0x55d0c0f00000;
function immortal<T extends PyObject>(o: T): T {
  o.gcFlags |= SHARED;
  o.addr = nextAddr;
  nextAddr += 0x48;
  return o;
}

function modType(name: string): PyType {
  return immortal(new PyType(typeType, name, 'other', objectType, false, 'tracemalloc'));
}
export const snapshotType = modType('Snapshot');
export const statisticType = modType('Statistic');
export const statisticDiffType = modType('StatisticDiff');
export const tracebackType = modType('Traceback');
export const frameType = modType('Frame');
export const filterType = modType('Filter');
export const domainFilterType = modType('DomainFilter');
const INSTALL_ADDR = nextAddr;

/** Where CPython's tracemalloc.py is (the reference python3's, as its frames print). */
export const LIB_FILE = `${REFERENCE_STDLIB_DIR}/tracemalloc.py`;

/** Lines of CPython 3.11.7's tracemalloc.py that allocate what a snapshot keeps. */
export const LIB_LINE = {
  /** take_snapshot: `traces = _get_traces()` (the list of trace tuples). */
  getTraces: 558,
  /** take_snapshot: `return Snapshot(traces, traceback_limit)`. */
  takeSnapshot: 560,
  /** Snapshot.__init__: `self.traces = _Traces(traces)`. */
  tracesInit: 423,
  /** filter_traces with filters: `new_traces = [trace for trace in ...]`. */
  filterComprehension: 469,
  /** filter_traces without filters: `new_traces = self.traces._traces.copy()`. */
  filterCopy: 474,
  /** filter_traces: `return Snapshot(new_traces, self.traceback_limit)`. */
  filterSnapshot: 475,
  /** _group_by: `raise ValueError("unknown key_type: %r" % (key_type,))`. */
  unknownKeyType: 479,
  /** _group_by: `raise ValueError("cumulative mode cannot by used " ...)`. */
  cumulativeKeyType: 481,
  /** Statistic.__str__: the text ends at `text = (...)`, or at `text += ", average=..."`. */
  statisticStr: 53,
  statisticStrAverage: 59,
  statisticRepr: 63,
  /** StatisticDiff.__str__ and __repr__, likewise. */
  statisticDiffStr: 98,
  statisticDiffStrAverage: 106,
  statisticDiffRepr: 110,
  /** Frame.__str__ (Traceback.__str__ returns its first frame's str) and Frame.__repr__. */
  frameStr: 173,
  frameRepr: 176,
  /** Traceback.__repr__: `s += ">"` ends it (no total_nframe). */
  tracebackRepr: 231,
};

/**
 * Where tracemalloc.py builds the str or repr of one of its objects (the text object a
 * program can keep: print holds it until stdout is flushed).
 */
function textLine(o: PyObject, kind: 'str' | 'repr'): number | null {
  if (o instanceof PyTmStatistic) {
    const averaged = o.group.count !== 0;
    if (o.diff) return kind === 'repr' ? LIB_LINE.statisticDiffRepr : averaged ? LIB_LINE.statisticDiffStrAverage : LIB_LINE.statisticDiffStr;
    return kind === 'repr' ? LIB_LINE.statisticRepr : averaged ? LIB_LINE.statisticStrAverage : LIB_LINE.statisticStr;
  }
  if (o instanceof PyTmTraceback) return kind === 'repr' ? LIB_LINE.tracebackRepr : LIB_LINE.frameStr;
  if (o instanceof PyTmFrame) return kind === 'repr' ? LIB_LINE.frameRepr : LIB_LINE.frameStr;
  return null;
}

/**
 * A class of tracemalloc.py whose instances keep a __dict__ (Snapshot, _Traces). CPython 3.11
 * gives each new instance an inline values array sized from its class's shared keys
 * (init_inline_values: entries + room, the room shrinking by one per instance while above
 * one), and the first instance's __init__ adds the class's attribute names to those keys —
 * the model the engine uses for a program's own classes (objects.ts, attributes.ts).
 */
class LibClass {
  private keys = 0;
  private usable = 30;
  constructor(private readonly attrs: number) {}

  /** A new instance (its __init__ run): the size of its values array. */
  newValuesSize(): number {
    if (this.usable > 1) this.usable--;
    const size = inlineValuesSize(this.keys + this.usable);
    if (this.keys === 0) {
      this.keys = this.attrs;
      this.usable -= this.attrs;
    }
    return size;
  }
}

/** An instance of a plain class with a __dict__ (3.11: GC header, dict/weakref pre-header): 56 bytes. */
const LIB_INSTANCE_SIZE = 56;

/** list_resize's capacity after n appends to an empty list (LIST_APPEND in a comprehension). */
function capacityAfterAppends(n: number): number {
  let allocated = 0;
  while (allocated < n) {
    const size = allocated + 1;
    allocated = (size + (size >> 3) + 6) & ~3;
  }
  return allocated;
}

/** One group of traces: where (file, line; line 0 when grouped by file), bytes, blocks. */
interface Group {
  file: string;
  line: number;
  size: number;
  count: number;
}

/**
 * _format_size: at most 4 significant digits with a binary unit: "xx.x KiB" under 100
 * units, "xxxx B" / "xxxx KiB" under 10 x 1024 of a unit, "%+..." when signed.
 */
export function formatSize(size: number, sign: boolean): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  for (const unit of units) {
    if (Math.abs(size) < 100 && unit !== 'B') return `${fixed(size, 1, sign)} ${unit}`;
    if (Math.abs(size) < 10 * 1024 || unit === 'TiB') return `${fixed(size, 0, sign)} ${unit}`;
    size /= 1024;
  }
  return '';
}

/**
 * '%.<d>f' (with '+' when `sign`): the exact value correctly rounded, an exact tie to
 * even — toFixed rounds ties up. (Ties here are sizes like 31.25 KiB: exact in binary.)
 */
function fixed(x: number, d: number, sign: boolean): string {
  const scale = 10 ** d;
  const t = Math.abs(x) * scale;
  let body = Math.abs(x).toFixed(d);
  if (t - Math.floor(t) === 0.5) {
    const n = Math.floor(t) % 2 === 0 ? Math.floor(t) : Math.floor(t) + 1;
    body = (n / scale).toFixed(d);
  }
  const neg = x < 0 || Object.is(x, -0);
  return (neg ? '-' : sign ? '+' : '') + body;
}

function signed(n: number): string {
  return n >= 0 ? `+${n}` : String(n);
}

/** Frame: one (filename, lineno) of a traceback. */
export class PyTmFrame extends PyExtObject {
  constructor(
    readonly file: string,
    readonly line: number,
    private readonly b: Builtins,
  ) {
    super(frameType);
  }
  attr(name: string): PyObject | null {
    if (name === 'filename') return this.b.str(this.file);
    if (name === 'lineno') return this.b.int(this.line);
    return null;
  }
  repr(): string {
    return `<Frame filename=${reprStr(this.file)} lineno=${this.line}>`;
  }
  override str(): string {
    return `${this.file}:${this.line}`;
  }
}

/** Traceback: a sequence of frames (here always the innermost one). */
export class PyTmTraceback extends PyExtObject {
  constructor(
    readonly file: string,
    readonly line: number,
    /** The source lines of the program, for format(). */
    readonly source: (file: string, line: number) => string,
    private readonly b: Builtins,
  ) {
    super(tracebackType);
  }
  attr(name: string): PyObject | null {
    if (name === 'total_nframe') return this.b.none();
    return null;
  }
  repr(): string {
    return `<Traceback (${new PyTmFrame(this.file, this.line, this.b).repr()},)>`;
  }
  override str(): string {
    return `${this.file}:${this.line}`;
  }
}

/** Statistic (or StatisticDiff when `diff` is set): one group's size and count. */
export class PyTmStatistic extends PyExtObject {
  constructor(
    readonly group: Group,
    readonly diff: { size: number; count: number } | null,
    private readonly makeTraceback: (g: Group) => PyTmTraceback,
    private readonly b: Builtins,
  ) {
    super(diff ? statisticDiffType : statisticType);
  }
  attr(name: string): PyObject | null {
    switch (name) {
      case 'traceback': return this.makeTraceback(this.group);
      case 'size': return this.b.int(this.group.size);
      case 'count': return this.b.int(this.group.count);
      case 'size_diff': return this.diff ? this.b.int(this.diff.size) : null;
      case 'count_diff': return this.diff ? this.b.int(this.diff.count) : null;
      default: return null;
    }
  }
  private tbRepr(): string {
    return `<Traceback (<Frame filename=${reprStr(this.group.file)} lineno=${this.group.line}>,)>`;
  }
  repr(): string {
    const g = this.group;
    if (!this.diff) return `<Statistic traceback=${this.tbRepr()} size=${g.size} count=${g.count}>`;
    return `<StatisticDiff traceback=${this.tbRepr()} size=${g.size} (${signed(this.diff.size)}) count=${g.count} (${signed(this.diff.count)})>`;
  }
  override str(): string {
    const g = this.group;
    let text = this.diff
      ? `${g.file}:${g.line}: size=${formatSize(g.size, false)} (${formatSize(this.diff.size, true)}), count=${g.count} (${signed(this.diff.count)})`
      : `${g.file}:${g.line}: size=${formatSize(g.size, false)}, count=${g.count}`;
    if (g.count) text += `, average=${formatSize(g.size / g.count, false)}`;
    return text;
  }
}

/** Snapshot: the traces at one moment, kept grouped by (file, line). */
export class PyTmSnapshot extends PyExtObject {
  constructor(
    readonly byLine: Group[],
    readonly limit: number,
    private readonly b: Builtins,
  ) {
    super(snapshotType);
  }
  attr(name: string): PyObject | null {
    if (name === 'traceback_limit') return this.b.int(this.limit);
    if (name === 'traces') throw this.b.err('NotImplementedError', "heaplab does not support 'Snapshot.traces' (a snapshot keeps statistics only)");
    return null;
  }
  repr(): string {
    return `<tracemalloc.Snapshot object at 0x${this.addr.toString(16)}>`;
  }
  /** _group_by: 'lineno' and 'traceback' (one frame) group by line, 'filename' by file. */
  grouped(keyType: string): Group[] {
    if (keyType !== 'filename') return this.byLine;
    const byFile = new Map<string, Group>();
    for (const g of this.byLine) {
      const f = byFile.get(g.file);
      if (f) {
        f.size += g.size;
        f.count += g.count;
      } else {
        byFile.set(g.file, { file: g.file, line: 0, size: g.size, count: g.count });
      }
    }
    return [...byFile.values()];
  }
}

/**
 * Filter / DomainFilter. Every trace is in domain 0 (the sandbox has one allocator), and
 * a traceback has one frame, so all_frames changes nothing.
 */
export class PyTmFilter extends PyExtObject {
  constructor(
    readonly inclusive: boolean,
    /** Filter: the fnmatch pattern (null for a DomainFilter). */
    readonly pattern: string | null,
    readonly lineno: number | null,
    readonly domain: number | null,
    private readonly raw: { lineno: PyObject; allFrames: PyObject; domain: PyObject },
    private readonly b: Builtins,
  ) {
    super(pattern === null ? domainFilterType : filterType);
  }
  attr(name: string): PyObject | null {
    const heap = this.b.heap;
    const keep = (o: PyObject): PyObject => {
      heap.incref(o);
      return o;
    };
    switch (name) {
      case 'inclusive': return this.b.bool(this.inclusive);
      case 'filename_pattern': return this.pattern === null ? null : this.b.str(this.pattern);
      case 'lineno': return this.pattern === null ? null : keep(this.raw.lineno);
      case 'all_frames': return this.pattern === null ? null : keep(this.raw.allFrames);
      case 'domain': return keep(this.raw.domain);
      default: return null;
    }
  }
  repr(): string {
    return `<tracemalloc.${this.type.name} object at 0x${this.addr.toString(16)}>`;
  }
  /** Filter._match / DomainFilter._match: true when the trace is kept by this filter. */
  keeps(g: Group): boolean {
    let res: boolean;
    if (this.pattern === null) {
      res = (this.domain === 0) !== !this.inclusive;
      return res;
    }
    const hit = fnmatch(g.file, this.pattern) && (this.lineno === null || g.line === this.lineno);
    res = hit !== !this.inclusive;
    if (this.domain !== null) return this.inclusive ? res && this.domain === 0 : res || this.domain !== 0;
    return res;
  }
}

/** fnmatch.fnmatch on POSIX (case-sensitive): *, ?, [seq], [!seq]. */
export function fnmatch(name: string, pattern: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
      if (body.startsWith('!')) body = '^' + body.slice(1);
      else if (body.startsWith('^')) body = '\\' + body;
      re += `[${body}]`;
      i = end;
    } else {
      re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^(?:${re})$`).test(name);
}

/** Python's tuple order on a traceback's (filename, lineno). */
function compareWhere(a: Group, b: Group): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line;
}

/** Statistic._sort_key, descending: (size, count, traceback). */
function byStatistic(a: Group, b: Group): number {
  return b.size - a.size || b.count - a.count || compareWhere(b, a);
}

interface Diffed {
  g: Group;
  size: number;
  count: number;
}

/** StatisticDiff._sort_key, descending: (|size_diff|, size, |count_diff|, count, traceback). */
function byDiff(a: Diffed, b: Diffed): number {
  return Math.abs(b.size) - Math.abs(a.size) || b.g.size - a.g.size || Math.abs(b.count) - Math.abs(a.count)
    || b.g.count - a.g.count || compareWhere(b.g, a.g);
}

/** Install `tracemalloc` for one interpreter; its heap reports allocations to the tracer. */
export function installTracemalloc(b: Builtins): PyModule {
  nextAddr = INSTALL_ADDR;
  const heap = b.heap;
  const I = b.I;
  const tracer = new AllocTracer();
  heap.allocTracer = tracer;
  tracer.setModuleDict(I.rt.globals);
  tracer.locate = () => {
    const f = I.frames[I.frames.length - 1];
    return f ? [f.code.filename, f.line] : ['<unknown>', 0];
  };
  const source = (file: string, line: number): string => {
    for (let i = I.frames.length - 1; i >= 0; i--) {
      const code = I.frames[i]!.code;
      if (code.filename === file) return (code.lines[line - 1] ?? '').trim();
    }
    return '';
  };
  const makeTraceback = (g: Group): PyTmTraceback => heap.register(new PyTmTraceback(g.file, g.line, source, b));
  const fn = (name: string, impl: (args: PyObject[], kw: Map<string, PyObject> | null) => PyObject): PyNative =>
    immortal(new PyNative(name, impl));
  const intArg = (o: PyObject | undefined, d: number): number => (o instanceof PyInt ? Number(o.value) : d);
  for (const t of [statisticType, statisticDiffType, tracebackType, frameType]) {
    tracer.textSites.set(t, (o, kind) => {
      const line = textLine(o, kind);
      return line === null ? null : [LIB_FILE, line];
    });
  }
  /** _group_by's checks: its errors (and their messages) are made at its lines. */
  const keyTypeOf = (o: PyObject | undefined, cumulative: PyObject | undefined): string => {
    if (!(o instanceof PyStr) || !['traceback', 'filename', 'lineno'].includes(o.value)) {
      throw tracer.inLibrary(LIB_FILE, LIB_LINE.unknownKeyType, () => b.err('ValueError', `unknown key_type: ${o ? b.repr(o) : 'None'}`));
    }
    if (cumulative !== undefined && I.truth(cumulative) && o.value === 'traceback') {
      throw tracer.inLibrary(LIB_FILE, LIB_LINE.cumulativeKeyType, () => b.err('ValueError', "cumulative mode cannot by used with key type 'traceback'"));
    }
    return o.value;
  };
  /** Snapshot work is the module's own (Python-level in CPython): not traced here. */
  const untraced = <T>(work: () => T): T => {
    const was = tracer.tracing;
    tracer.tracing = false;
    try {
      return work();
    } finally {
      tracer.tracing = was;
    }
  };

  const snapshotClass = new LibClass(2); // traces, traceback_limit
  const tracesClass = new LibClass(1); // _traces
  /**
   * What tracemalloc.py allocates for a new Snapshot (held until it is deallocated): the
   * Snapshot instance at `line` and, from its __init__, the _Traces instance wrapping the
   * list of trace tuples. The list itself and its items are the caller's.
   */
  const holdSnapshotObjects = (snap: PyTmSnapshot, line: number): void => {
    tracer.holdAt(snap, LIB_INSTANCE_SIZE, LIB_FILE, line);
    tracer.holdAt(snap, snapshotClass.newValuesSize(), LIB_FILE, line);
    tracer.holdAt(snap, LIB_INSTANCE_SIZE, LIB_FILE, LIB_LINE.tracesInit);
    tracer.holdAt(snap, tracesClass.newValuesSize(), LIB_FILE, LIB_LINE.tracesInit);
  };

  /**
   * take_snapshot(): _get_traces copies the traces first, so the snapshot never holds its own
   * blocks; it makes the list with PyList_New before filling it, and fills it with tracing
   * suspended (set_reentrant), so only that list object can be traced (when the list free
   * list is empty) — then Snapshot and _Traces are made at their lines.
   */
  const takeSnapshot = (): PyObject => {
    if (!tracer.tracing) {
      throw b.err('RuntimeError', 'the tracemalloc module must be tracing memory allocations to take a snapshot');
    }
    tracer.reconcile();
    const lines = tracer.lines();
    heap.step(lines.length);
    const snap = untraced(() => heap.register(new PyTmSnapshot(lines, tracer.nframe, b)));
    tracer.holdListAt(snap, LIB_FILE, LIB_LINE.getTraces);
    holdSnapshotObjects(snap, LIB_LINE.takeSnapshot);
    return snap;
  };

  b.method(snapshotType, 'statistics', (s, args, kw) => {
    const keyType = keyTypeOf(args[0] ?? kw?.get('key_type'), args[1] ?? kw?.get('cumulative'));
    return untraced(() => statistics(s as PyTmSnapshot, keyType));
  });
  const statistics = (snap: PyTmSnapshot, keyType: string): PyObject => {
    const groups = snap.grouped(keyType).map((g) => ({ ...g }));
    heap.step(groups.length);
    groups.sort(byStatistic);
    return b.list(groups.map((g) => heap.register(new PyTmStatistic(g, null, makeTraceback, b))));
  };
  b.method(snapshotType, 'compare_to', (s, args, kw) => {
    const old = args[0] ?? kw?.get('old_snapshot');
    // compare_to groups the new snapshot first: its key_type error comes before the old one's.
    const keyType = keyTypeOf(args[1] ?? kw?.get('key_type'), args[2] ?? kw?.get('cumulative'));
    if (!(old instanceof PyTmSnapshot)) throw b.err('AttributeError', `'${old?.type.name ?? 'NoneType'}' object has no attribute '_group_by'`);
    return untraced(() => compareTo(s as PyTmSnapshot, old, keyType));
  });
  const compareTo = (snap: PyTmSnapshot, old: PyTmSnapshot, keyType: string): PyObject => {
    const key = (g: Group): string => `${g.line}:${g.file}`;
    const oldGroups = new Map(old.grouped(keyType).map((g) => [key(g), g]));
    const out: Diffed[] = [];
    for (const g of snap.grouped(keyType)) {
      const prev = oldGroups.get(key(g));
      oldGroups.delete(key(g));
      out.push({ g: { ...g }, size: g.size - (prev?.size ?? 0), count: g.count - (prev?.count ?? 0) });
    }
    for (const g of oldGroups.values()) out.push({ g: { ...g, size: 0, count: 0 }, size: -g.size, count: -g.count });
    heap.step(out.length);
    out.sort(byDiff);
    return b.list(out.map((d) => heap.register(new PyTmStatistic(d.g, { size: d.size, count: d.count }, makeTraceback, b))));
  };
  /**
   * filter_traces' new list of traces and Snapshot: with filters a comprehension appends the
   * kept traces (a free-listed list object, its items array grown by list_resize), without
   * them list.copy() allocates exactly one slot per trace (none when there are none).
   */
  const holdFilteredTraces = (made: PyTmSnapshot, kept: Group[], filtered: boolean): void => {
    const n = kept.reduce((sum, g) => sum + g.count, 0);
    const line = filtered ? LIB_LINE.filterComprehension : LIB_LINE.filterCopy;
    tracer.holdListAt(made, LIB_FILE, line);
    const slots = filtered ? capacityAfterAppends(n) : n;
    if (slots > 0) tracer.holdAt(made, 8 * slots, LIB_FILE, line);
    holdSnapshotObjects(made, LIB_LINE.filterSnapshot);
  };

  b.method(snapshotType, 'filter_traces', (s, args, kw) => {
    const [made, kept, filtered] = untraced(() => filterTraces(s, args, kw));
    holdFilteredTraces(made, kept, filtered);
    return made;
  });
  const filterTraces = (s: PyObject, args: PyObject[], kw: Map<string, PyObject> | null): [PyTmSnapshot, Group[], boolean] => {
    const snap = s as PyTmSnapshot;
    const arg = args[0] ?? kw?.get('filters');
    if (!arg) throw b.err('TypeError', "Snapshot.filter_traces() missing 1 required positional argument: 'filters'");
    const filters = I.toArray(arg);
    try {
      for (const f of filters) {
        if (!(f instanceof PyTmFilter)) throw b.err('AttributeError', `'${f.type.name}' object has no attribute 'inclusive'`);
      }
      const fs = filters as PyTmFilter[];
      const include = fs.filter((f) => f.inclusive);
      const exclude = fs.filter((f) => !f.inclusive);
      heap.step(snap.byLine.length * (fs.length + 1));
      const kept = snap.byLine.filter((g) =>
        (include.length === 0 || include.some((f) => f.keeps(g))) && !exclude.some((f) => !f.keeps(g)));
      const made = heap.register(new PyTmSnapshot(kept.map((g) => ({ ...g })), snap.limit, b));
      return [made, kept, fs.length > 0];
    } finally {
      for (const f of filters) heap.decref(f);
    }
  };
  const optInt = (o: PyObject | undefined): number | null => (o === undefined || o === None ? null : o instanceof PyInt ? Number(o.value) : NaN);
  const newFilter = (args: PyObject[], kw: Map<string, PyObject> | null): PyObject => {
    const arg = (i: number, name: string): PyObject | undefined => args[i] ?? kw?.get(name);
    const inclusive = arg(0, 'inclusive');
    const pattern = arg(1, 'filename_pattern');
    if (inclusive === undefined || pattern === undefined) {
      throw b.err('TypeError', "Filter.__init__() missing required positional arguments: 'inclusive' and 'filename_pattern'");
    }
    if (!(pattern instanceof PyStr)) throw b.err('TypeError', `expected str, bytes or os.PathLike object, not ${pattern.type.name}`);
    let p = pattern.value;
    if (p.endsWith('.pyc')) p = p.slice(0, -1);
    const lineno = arg(2, 'lineno') ?? None;
    const allFrames = arg(3, 'all_frames') ?? b.bool(false);
    const domain = arg(4, 'domain') ?? None;
    return untraced(() => heap.register(new PyTmFilter(I.truth(inclusive), p, optInt(lineno), optInt(domain), { lineno, allFrames, domain }, b)));
  };
  const newDomainFilter = (args: PyObject[], kw: Map<string, PyObject> | null): PyObject => {
    const inclusive = args[0] ?? kw?.get('inclusive');
    const domain = args[1] ?? kw?.get('domain');
    if (inclusive === undefined || domain === undefined) {
      throw b.err('TypeError', "DomainFilter.__init__() missing required positional arguments: 'inclusive' and 'domain'");
    }
    return untraced(() => heap.register(new PyTmFilter(I.truth(inclusive), null, null, optInt(domain), { lineno: None, allFrames: None, domain }, b)));
  };
  b.constructors.set(filterType, (args, kw) => newFilter(args, kw ? new Map(kw) : null));
  b.constructors.set(domainFilterType, (args, kw) => newDomainFilter(args, kw ? new Map(kw) : null));
  // tracemalloc.py's classes can be built by hand in CPython (a Traceback from frame tuples,
  // ...); here they exist only as the tracer's answers, so building one is refused by name
  // (its own allocations would also be tracemalloc.py's, which the tracer does not model).
  for (const t of [snapshotType, statisticType, statisticDiffType, tracebackType, frameType]) {
    b.constructors.set(t, () => {
      throw b.err('NotImplementedError', `heaplab does not support creating 'tracemalloc.${t.name}' objects`);
    });
  }
  for (const name of ['dump']) {
    b.method(snapshotType, name, () => {
      throw b.err('NotImplementedError', `heaplab does not support 'Snapshot.${name}'`);
    });
  }
  b.method(tracebackType, '__len__', () => b.int(1));
  b.method(tracebackType, '__getitem__', (s, args) => {
    const tb = s as PyTmTraceback;
    const i = args[0];
    if (!(i instanceof PyInt)) throw b.err('NotImplementedError', 'heaplab supports only integer indexes of a tracemalloc Traceback');
    if (i.value !== 0 && i.value !== -1) throw b.err('IndexError', 'tuple index out of range');
    return heap.register(new PyTmFrame(tb.file, tb.line, b));
  });
  b.method(tracebackType, 'format', (s) => untraced(() => {
    const tb = s as PyTmTraceback;
    const lines = [b.str(`  File "${tb.file}", line ${tb.line}`)];
    const text = tb.source(tb.file, tb.line);
    if (text) lines.push(b.str(`    ${text}`));
    return b.list(lines);
  }));

  const m = immortal(new PyModule('tracemalloc', new Map<string, PyObject>(Object.entries({
    start: fn('start', (args, kw) => {
      const n = intArg(args[0] ?? kw?.get('nframe'), 1);
      if (n < 1 || n > 65535) throw b.err('ValueError', 'the number of frames must be in range [1; 65535]');
      if (n > 1) throw b.err('NotImplementedError', 'heaplab traces one frame per allocation (tracemalloc.start(nframe) with nframe > 1)');
      tracer.start(n);
      return b.none();
    }),
    stop: fn('stop', () => {
      tracer.stop();
      return b.none();
    }),
    is_tracing: fn('is_tracing', () => b.bool(tracer.tracing)),
    clear_traces: fn('clear_traces', () => {
      if (tracer.tracing) tracer.clear();
      return b.none();
    }),
    reset_peak: fn('reset_peak', () => {
      if (tracer.tracing) {
        tracer.reconcile();
        tracer.resetPeak();
      }
      return b.none();
    }),
    get_traced_memory: fn('get_traced_memory', () => {
      if (!tracer.tracing) return I.tupleOwned([b.int(0), b.int(0)]);
      tracer.reconcile();
      const [current, peak] = [tracer.current, tracer.peak];
      return I.tupleOwned([b.int(current), b.int(peak)]);
    }),
    get_traceback_limit: fn('get_traceback_limit', () => b.int(tracer.nframe)),
    get_tracemalloc_memory: fn('get_tracemalloc_memory', () => {
      throw b.err('NotImplementedError', "heaplab does not support 'tracemalloc.get_tracemalloc_memory' (the tracer's own memory is CPython's, not the program's)");
    }),
    take_snapshot: fn('take_snapshot', takeSnapshot),
    get_object_traceback: fn('get_object_traceback', (args) => {
      const site = args[0] ? tracer.traceOf(args[0])?.site : null;
      if (!site) return b.none();
      return untraced(() => makeTraceback(site));
    }),
    Snapshot: snapshotType,
    Statistic: statisticType,
    StatisticDiff: statisticDiffType,
    Traceback: tracebackType,
    Frame: frameType,
    Filter: filterType,
    DomainFilter: domainFilterType,
  }))));
  b.modules.set('tracemalloc', m);
  return m;
}
