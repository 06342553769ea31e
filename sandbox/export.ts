/**
 * Export an op log as a Python program: each op becomes the statement it stands for, and
 * every op that reports a number (getrefcount, getsizeof, collect) prints it, so running
 * the program in CPython prints the numbers the sandbox reported.
 *
 * `call`/`return` become a function definition and its call: the ops between them are the
 * function's body. Objects addressed by id have no Python spelling; such an op is kept as a
 * comment and the program says so at the top.
 */
import type { LogEntry } from './sandbox.js';
import type { Op, Scalar, Target } from './ops.js';

function scalar(v: Scalar): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return JSON.stringify(v).replace(/\\u([0-9a-f]{4})/g, '\\u$1');
  if (Number.isInteger(v)) return String(v);
  const s = String(v);
  return /[.e]/.test(s) ? s : s + '.0';
}

class NotExpressible extends Error {}

function target(t: Target): string {
  if (typeof t === 'string') return t;
  throw new NotExpressible(`object ${t.id} by id`);
}

function itemExpr(i: Target | { value: Scalar }): string {
  return typeof i === 'object' && i !== null && 'value' in i ? scalar(i.value) : target(i);
}

function fString(template: string): string {
  const body = template
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\{(?![A-Za-z_][A-Za-z0-9_]*\})/g, '{{')
    .replace(/(?<!\{[A-Za-z_][A-Za-z0-9_]*)\}/g, '}}')
    .replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, '{self.$1}')
    .replace(/\n/g, '\\n');
  return `f"${body}"`;
}

/** The Python lines for one op (without indentation). */
function statement(op: Op, frameArgs: string[][]): string[] {
  switch (op.op) {
    case 'alloc': {
      const items = (op.items ?? []).map(itemExpr);
      let expr: string;
      switch (op.type) {
        case 'list': expr = `[${items.join(', ')}]`; break;
        case 'tuple': expr = items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`; break;
        case 'set': expr = items.length ? `{${items.join(', ')}}` : 'set()'; break;
        case 'dict': {
          const pairs: string[] = [];
          for (let i = 0; i + 1 < items.length; i += 2) pairs.push(`${items[i]}: ${items[i + 1]}`);
          expr = `{${pairs.join(', ')}}`;
          break;
        }
        case 'str': expr = scalar(String(op.value ?? '')); break;
        case 'int': expr = `int(${scalar(op.value ?? 0)})`; break;
        case 'float': expr = `float(${scalar(op.value ?? 0)})`; break;
        case 'bytes': expr = `${scalar(String(op.value ?? ''))}.encode('latin-1')`; break;
        case 'instance': expr = `${op.class}()`; break;
      }
      return [op.name ? `${op.name} = ${expr}` : expr];
    }
    case 'class': {
      const lines = [`class ${op.name}${op.base ? `(${op.base})` : ''}:`];
      if (!op.finalizer) return [...lines, '    pass'];
      lines.push('    def __del__(self):');
      if (op.finalizer.print !== undefined) lines.push(`        print(${fString(op.finalizer.print)})`);
      if (op.finalizer.resurrect !== undefined) lines.push(`        ${op.finalizer.resurrect}.append(self)`);
      if (op.finalizer.print === undefined && op.finalizer.resurrect === undefined) lines.push('        pass');
      return lines;
    }
    case 'ref': {
      const v = op.to !== undefined ? target(op.to) : scalar(op.value ?? null);
      if (op.from === undefined) return [`${op.name} = ${v}`];
      const f = target(op.from);
      if (op.attr !== undefined) return [`${f}.${op.attr} = ${v}`];
      if (op.append) return [`${f}.append(${v}) if isinstance(${f}, list) else ${f}.add(${v})`];
      if (op.index !== undefined) return [`${f}[${op.index}] = ${v}`];
      return [`${f}[${scalar(op.key ?? null)}] = ${v}`];
    }
    case 'del': {
      if (op.from === undefined) return [`del ${op.name}`];
      const f = target(op.from);
      if (op.attr !== undefined) return [`del ${f}.${op.attr}`];
      if (op.index !== undefined) return [`del ${f}[${op.index}]`];
      return [`del ${f}[${scalar(op.key ?? null)}]`];
    }
    case 'collect': return [`print(gc.collect(${op.generation ?? ''}))`];
    case 'stats': return ['print(gc.get_stats())'];
    case 'getrefcount': return [`print(sys.getrefcount(${target(op.target)}))`];
    case 'getsizeof': return [`print(sys.getsizeof(${target(op.target)}))`];
    case 'gc': {
      switch (op.call) {
        case 'set_threshold': return [`gc.set_threshold(${(op.threshold ?? []).join(', ')})`];
        case 'set_debug': return [`gc.set_debug(${op.flags ?? 0})`];
        default: return [`gc.${op.call}()`];
      }
    }
    case 'weakref': {
      const cb = op.callback ? `, lambda ref: print(${scalar(op.callback.print)})` : '';
      return [`${op.name} = weakref.ref(${target(op.target)}${cb})`];
    }
    case 'call': {
      const args = Object.entries(op.args ?? {});
      frameArgs.push(args.map(([, t]) => target(t)));
      return [`def ${op.function ?? 'f'}(${args.map(([k]) => k).join(', ')}):`];
    }
    case 'return':
      return [op.value !== undefined ? `return ${target(op.value)}` : 'return'];
    case 'exec':
      return op.code.replace(/\n$/, '').split('\n');
  }
}

export function exportPython(entries: LogEntry[]): string {
  const out: string[] = ['# Exported from a heaplab sandbox: run it with python3 to see the same numbers.', 'import gc', 'import sys', 'import weakref', ''];
  // Each open `call` keeps its header position so the call site can follow its body.
  const open: Array<{ name: string; args: string[] }> = [];
  const frameArgs: string[][] = [];
  let skipped = 0;
  for (const { op, failed } of entries) {
    const indent = '    '.repeat(open.length);
    let lines: string[];
    try {
      lines = statement(op, frameArgs);
    } catch (e) {
      if (!(e instanceof NotExpressible)) throw e;
      skipped++;
      out.push(`${indent}# (not expressible in Python: ${op.op} on ${e.message})`);
      continue;
    }
    if (failed) {
      out.push(`${indent}try:`);
      for (const l of lines) out.push(`${indent}    ${l}`);
      // A name no op binds: `except ... as e` would rebind (and free) a sandbox name `e`.
      out.push(`${indent}except Exception as _heaplab_exc:`, `${indent}    print(type(_heaplab_exc).__name__ + ":", _heaplab_exc)`);
      continue;
    }
    for (const l of lines) out.push(indent + l);
    if (op.op === 'call') open.push({ name: op.function ?? 'f', args: frameArgs[frameArgs.length - 1]! });
    if (op.op === 'return') {
      const f = open.pop();
      if (f) {
        const callIndent = '    '.repeat(open.length);
        const callExpr = `${f.name}(${f.args.join(', ')})`;
        out.push(op.name ? `${callIndent}${op.name} = ${callExpr}` : `${callIndent}${callExpr}`);
      }
    }
  }
  if (skipped > 0) out.splice(1, 0, `# ${skipped} op(s) addressed objects by id and are left as comments.`);
  return out.join('\n') + '\n';
}
