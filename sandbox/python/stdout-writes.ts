/**
 * sys.stdout's pending writes: what CPython 3.11's TextIOWrapper holds between print() and
 * the moment it hands the text to its buffer.
 *
 * The oracle (and every recording of CPython's output) runs a program with stdout a pipe:
 * not line-buffered, not write-through. TextIOWrapper.write(text) then keeps the text
 * itself — the str object when it is ASCII (and at most a chunk long), else the bytes it
 * encodes to — in `pending_bytes`: a single object first, a list of them from the second
 * write on (PyList_New(2), then list appends). It hands the pending text on when it would
 * grow past the chunk size (flushing first, so the new text starts the next chunk) or
 * reaches it (flushing after). A str printed therefore stays referenced — its refcount one
 * higher, its block still traced — until about 8 KiB more has been printed.
 *
 * print(a, b, sep=s, end=e) writes str(a), the separator, str(b), the end, one write each:
 * the default " " and "\n" are CPython's shared one-character strs (nothing is allocated),
 * str(x) of an exact str is x, of a bool a static str, of anything else a new str — or
 * what a class's __str__ returned.
 *
 * The model (interpreter policy, not the program's; README, tracemalloc): the chunk size is
 * 8192 (io.DEFAULT_BUFFER_SIZE, what TextIOWrapper takes when the buffer does not say);
 * stdout starts with nothing pending (the oracle prints nothing before the program). Each
 * write also makes, and frees, a bound `write` method (72 bytes) and an int for its result
 * (32 bytes above 256 characters); a flush makes the bytes it hands on (33 + length) while
 * the pending text is still held: these move tracemalloc's peak, not its current size. Not
 * modelled: what the BufferedWriter beneath does with the bytes (it copies them into a
 * buffer allocated at start-up, or writes them out through a short-lived memoryview),
 * int-to-str scratch space, and stderr (write-through: every write is handed on at once,
 * nothing stays pending).
 */
import type { Heap } from '../heap.js';
import { type PyObject, PyBool, PyBytes, PyStr, PyType, floatType, intType, strType } from '../objects.js';
import { newBytes, newNumberStr, newStr } from '../factory.js';
import type { Interpreter } from './interpreter.js';
import { PyFunction } from './pyobjects.js';
import type { AllocTracer, Trace } from '../alloctrace.js';

/** TextIOWrapper's chunk size for sys.stdout (io.DEFAULT_BUFFER_SIZE). */
export const CHUNK_SIZE = 8192;

/** A bound builtin method (PyCFunctionObject with its GC header): `file.write`. */
const BOUND_METHOD_SIZE = 72;

/** One pending write: the object held (null for a shared static str) and its byte length. */
interface Pending {
  obj: PyObject | null;
  length: number;
}

export class StdoutWrites {
  /** pending_bytes: nothing, one object, or (2 and more) a list's items. */
  private readonly pending: Pending[] = [];
  /** pending_bytes_count. */
  private count = 0;
  /** The pending list's object and items blocks (as tracemalloc sees them), and its tracer. */
  private listTracer: AllocTracer | null = null;
  private listObject: Trace | null = null;
  private items: Trace | null = null;
  private allocated = 0;

  constructor(
    private readonly I: Interpreter,
    private readonly heap: Heap,
  ) {}

  /**
   * builtin print to sys.stdout: writes each piece, returns the text written. If making a
   * piece raises, what was written before it stays written (`written` receives it).
   */
  print(args: PyObject[], sep: PyObject | null, end: PyObject | null, flush: boolean, written: (text: string) => void): void {
    let text = '';
    try {
      for (let i = 0; i < args.length; i++) {
        if (i > 0) text += this.write(sep, ' ');
        text += this.write(args[i]!, null);
      }
      text += this.write(end, '\n');
      if (flush) this.flush();
    } finally {
      written(text);
    }
  }

  /**
   * PyFile_WriteObject(o, stdout) — or PyFile_WriteString(fallback) when `o` is null: the
   * bound method is made, str(o) taken and written, the method freed.
   */
  private write(o: PyObject | null, fallback: string | null): string {
    const tracer = this.heap.allocTracer;
    const method = tracer ? tracer.transient(BOUND_METHOD_SIZE) : null;
    try {
      if (o === null) {
        this.add({ obj: null, length: fallback!.length });
        return fallback!;
      }
      const value = this.strObject(o);
      const text = value instanceof PyStr ? value.value : (o as PyBool).value ? 'True' : 'False';
      this.add(this.encoded(value, text));
      if (tracer && text.length > 256) tracer.release(tracer.transient(32)); // the int write returns
      return text;
    } finally {
      tracer?.release(method);
    }
  }

  /** PyObject_Str(o) as a new reference; null for a bool's static str. */
  private strObject(o: PyObject): PyObject | null {
    const I = this.I;
    o = this.excStrSource(o);
    if (o.type === strType) {
      this.heap.incref(o);
      return o;
    }
    // PyObject_Str's recursion level (I.str enters its own for what it prints).
    I.enterRecursiveCall(' while getting the str of an object');
    try {
      return this.tpStrObject(o);
    } finally {
      I.leaveRecursiveCall();
    }
  }

  /** strObject's tp_str part: a new reference; null for a bool's static str. */
  private tpStrObject(o: PyObject): PyObject | null {
    const I = this.I;
    if (o instanceof PyBool) return null;
    if (o.type.isHeapType && I.b.isPythonLevel(o.type.lookup('__str__', I.b.methods))) {
      const r = I.callMethod(o, '__str__', []);
      if (!(r instanceof PyStr)) {
        this.heap.decref(r);
        throw I.error('TypeError', `__str__ returned non-string (type ${r.type.name})`);
      }
      return r;
    }
    const text = I.strInside(o);
    const make = (): PyObject => (o.type === intType || o.type === floatType ? newNumberStr(this.heap, text) : newStr(this.heap, text));
    const tracer = this.heap.allocTracer;
    return tracer ? tracer.textObject(o, 'str', make) : make();
  }

  /**
   * BaseException_str: an exception with exactly one argument is its argument's str (for a
   * str, the message object itself — nothing is allocated); KeyError's is the repr, and a
   * class's own __str__ decides for itself. Follows such exceptions to the object whose str
   * is taken.
   */
  private excStrSource(o: PyObject): PyObject {
    const I = this.I;
    const keyError = I.b.names.get('KeyError');
    for (;;) {
      const args = I.excArgs(o);
      if (args === null || args.items.length !== 1 || !o.type.isSubtypeOf(I.b.names.get('BaseException') as PyType)) return o;
      if ((keyError instanceof PyType && o.type.isSubtypeOf(keyError)) || o.type.lookup('__str__', I.b.methods) instanceof PyFunction) return o;
      this.heap.step();
      o = args.items[0]!;
    }
  }

  /**
   * What write() keeps of its text (taking over the reference to `value`): an ASCII str no
   * longer than a chunk itself, anything else the UTF-8 bytes it encodes to.
   */
  private encoded(value: PyObject | null, text: string): Pending {
    if (value === null || (/^[\x00-\x7f]*$/.test(text) && text.length <= CHUNK_SIZE)) return { obj: value, length: text.length };
    const bytes = newBytes(this.heap, new TextEncoder().encode(text));
    this.heap.decref(value);
    return { obj: bytes, length: bytes instanceof PyBytes ? bytes.value.length : 0 };
  }

  /** The pending-text update of TextIOWrapper.write, with its two flush points. */
  private add(p: Pending): void {
    if (this.count + p.length > CHUNK_SIZE) {
      this.flush();
      this.pending.push(p);
    } else if (this.pending.length === 0) {
      this.count = 0;
      this.pending.push(p);
    } else {
      this.pending.push(p);
      this.growList();
    }
    this.count += p.length;
    if (this.count >= CHUNK_SIZE) this.flush();
  }

  /**
   * The pending list after an append: made by PyList_New(2) at the second write, then grown
   * by list_resize's over-allocation (each realloc traced at the current line).
   */
  private growList(): void {
    const tracer = this.heap.allocTracer;
    const size = this.pending.length;
    if (size === 2) {
      this.listTracer = tracer;
      this.listObject = tracer ? tracer.newListObject() : null;
      this.setItems(2);
    } else if (this.allocated < size) {
      this.setItems((size + (size >> 3) + 6) & ~3);
    }
  }

  private setItems(allocated: number): void {
    const tracer = this.listTracer;
    this.allocated = allocated;
    if (!tracer) return;
    tracer.release(this.items);
    this.items = tracer.transient(8 * allocated);
  }

  /**
   * _textiowrapper_writeflush: the pending text becomes one bytes object (a single pending
   * bytes object is used as it is), the pending objects are released — a list frees its
   * items last to first — and the bytes go to the buffer and are freed.
   */
  flush(): void {
    if (this.pending.length === 0) return;
    const tracer = this.heap.allocTracer;
    const single = this.pending.length === 1 ? this.pending[0]!.obj : null;
    const bytes = tracer && !(single instanceof PyBytes) ? tracer.transient(33 + this.count) : null;
    const held = this.pending.splice(0);
    this.count = 0;
    for (let i = held.length - 1; i >= 0; i--) {
      const o = held[i]!.obj;
      if (o !== null) this.heap.decref(o);
    }
    if (held.length > 1) {
      if (this.listTracer) {
        this.listTracer.release(this.items);
        this.listTracer.freeListObject(this.listObject);
      }
      this.listTracer = null;
      this.items = null;
      this.listObject = null;
      this.allocated = 0;
    }
    tracer?.release(bytes);
  }
}
