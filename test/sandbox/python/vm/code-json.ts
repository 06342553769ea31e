/**
 * Code objects as dump-code.py writes them (JSON) and as vm/code.ts holds them, plus a
 * `dis`-like listing and a field-by-field comparison for readable test failures.
 */
import type { CodeConst, CodeObject } from '../../../../sandbox/python/vm/code.js';
import { CACHE_ENTRIES, HAVE_ARGUMENT, OPNAME, Op } from '../../../../sandbox/python/vm/opcodes.js';

type Json = Record<string, unknown>;

function floatOf(s: string): number {
  if (s === 'inf') return Infinity;
  if (s === '-inf') return -Infinity;
  if (s === 'nan') return NaN;
  return Number(s);
}

/** A co_consts entry from dump-code.py's JSON. */
export function constFromJson(j: Json): CodeConst {
  switch (j.kind) {
    case 'None': return { kind: 'None' };
    case 'Ellipsis': return { kind: 'Ellipsis' };
    case 'bool': return { kind: 'bool', value: j.value as boolean };
    case 'int': return { kind: 'int', value: BigInt(j.value as string) };
    case 'float': return { kind: 'float', value: floatOf(j.value as string) };
    case 'complex': return { kind: 'complex', real: floatOf(j.real as string), imag: floatOf(j.imag as string) };
    case 'str': return { kind: 'str', value: j.value as string };
    case 'bytes': return { kind: 'bytes', value: j.value as number[] };
    case 'tuple': return { kind: 'tuple', items: (j.items as Json[]).map(constFromJson) };
    case 'frozenset': return { kind: 'frozenset', items: (j.items as Json[]).map(constFromJson) };
    case 'code': return { kind: 'code', code: codeFromJson(j.code as Json) };
    default: throw new Error(`unknown constant kind ${String(j.kind)}`);
  }
}

/** A code object from dump-code.py's JSON. */
export function codeFromJson(j: Json): CodeObject {
  return { ...(j as unknown as CodeObject), co_consts: (j.co_consts as Json[]).map(constFromJson) };
}

/** repr-like text of a constant (code objects by name). */
export function constText(c: CodeConst): string {
  switch (c.kind) {
    case 'None': case 'Ellipsis': return c.kind;
    case 'bool': return c.value ? 'True' : 'False';
    case 'int': return String(c.value);
    case 'float': return Object.is(c.value, -0) ? '-0.0' : Number.isInteger(c.value) ? `${c.value}.0` : String(c.value);
    case 'complex': return `(${c.real}+${c.imag}j)`;
    case 'str': return JSON.stringify(c.value);
    case 'bytes': return `b[${c.value.join(',')}]`;
    case 'tuple': return `(${c.items.map(constText).join(', ')}${c.items.length === 1 ? ',' : ''})`;
    case 'frozenset': return `frozenset({${c.items.map(constText).sort().join(', ')}})`;
    case 'code': return `<code ${c.code.co_qualname}>`;
  }
}

/** A `dis`-like listing: offset, line, opname, argument (caches folded away). */
export function listing(co: CodeObject): string {
  const lines: string[] = [];
  const lineAt = (off: number): number | null | undefined => co.co_lines.find((r) => r.start <= off && off < r.end)?.line;
  let ext = 0;
  for (let i = 0; i < co.co_code.length; i++) {
    const unit = co.co_code[i]!;
    const op = unit & 0xff;
    const arg = (unit >> 8) | (ext << 8);
    const name = OPNAME[op] ?? `<${op}>`;
    lines.push(`${String(i).padStart(4)} ${String(lineAt(i) ?? '-').padStart(4)}  ${name}${op >= HAVE_ARGUMENT ? ' ' + arg : ''}`);
    ext = op === Op.EXTENDED_ARG ? arg : 0;
    i += CACHE_ENTRIES[op] ?? 0;
  }
  return lines.join('\n');
}

/** Every code object, depth first (the module first). */
export function allCodes(co: CodeObject): CodeObject[] {
  const out: CodeObject[] = [];
  const stack = [co];
  while (stack.length) {
    const c = stack.pop()!;
    out.push(c);
    for (let i = c.co_consts.length - 1; i >= 0; i--) {
      const k = c.co_consts[i]!;
      if (k.kind === 'code') stack.push(k.code);
    }
  }
  return out;
}

const FIELDS = [
  'co_name', 'co_qualname', 'co_firstlineno', 'co_argcount', 'co_posonlyargcount', 'co_kwonlyargcount', 'co_flags',
  'co_code', 'co_consts', 'co_names', 'co_varnames', 'co_cellvars', 'co_freevars', 'co_stacksize', 'co_lines', 'co_positions',
  'co_exceptiontable',
] as const;

function fieldText(co: CodeObject, f: (typeof FIELDS)[number]): string {
  if (f === 'co_consts') return co.co_consts.map(constText).join(' | ');
  return JSON.stringify(co[f]);
}

/** The instructions whose co_positions differ (the first 12), with both positions. */
function positionDiff(got: CodeObject, want: CodeObject): string {
  const out = ['  co_positions (offset opname: got | CPython):'];
  let shown = 0;
  for (let i = 0; i < Math.max(got.co_positions.length, want.co_positions.length) && shown < 12; i++) {
    const a = JSON.stringify(got.co_positions[i] ?? null);
    const b = JSON.stringify(want.co_positions[i] ?? null);
    if (a === b) continue;
    const op = (want.co_code[i] ?? 0) & 0xff;
    out.push(`    ${String(i).padStart(4)} ${(OPNAME[op] ?? `<${op}>`).padEnd(20)} ${a} | ${b}`);
    shown++;
  }
  return out.join('\n');
}

/**
 * The differences between two code objects (recursively through co_consts), as readable
 * text with both listings; '' when equal.
 */
export function diffCode(got: CodeObject, want: CodeObject): string {
  const a = allCodes(got);
  const b = allCodes(want);
  const out: string[] = [];
  if (a.length !== b.length) out.push(`code objects: got ${a.length}, CPython ${b.length}`);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const g = a[i]!;
    const w = b[i]!;
    const bad = FIELDS.filter((f) => fieldText(g, f) !== fieldText(w, f));
    if (bad.length === 0) continue;
    out.push(`== ${w.co_qualname}: ${bad.join(', ')} differ`);
    for (const f of bad) if (f !== 'co_code' && f !== 'co_positions') out.push(`  ${f}:\n    got    ${fieldText(g, f)}\n    CPython ${fieldText(w, f)}`);
    if (bad.includes('co_positions') && !bad.includes('co_code')) out.push(positionDiff(g, w));
    if (bad.includes('co_code') || bad.includes('co_lines')) {
      const la = listing(g).split('\n');
      const lb = listing(w).split('\n');
      out.push('  got                                   | CPython');
      for (let k = 0; k < Math.max(la.length, lb.length); k++) {
        const l = (la[k] ?? '').padEnd(38);
        const r = lb[k] ?? '';
        out.push(`  ${l}${l.trimEnd() === r ? ' |' : ' ≠'} ${r}`);
      }
    }
  }
  return out.join('\n');
}
