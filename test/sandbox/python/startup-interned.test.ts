/**
 * Strs CPython 3.11 interned before the program ran (start-up modules' identifiers, the
 * static `_Py_ID` strings, deep-frozen code constants) are objects the interpreter already
 * has: a literal, a name or sys.intern equal to one is that object, counted from the
 * baseline recorded from CPython (baselines.ts STARTUP_INTERNED) plus what the sandbox holds.
 *
 * Every expected output is what python3 (CPython 3.11.7) printed running the same program
 * under the oracle the way the conformance recordings run it (test/conformance/record.py:
 * from the program's folder, by its base name). Some of these counts move by one with the
 * length of the program's path ('string': 1000000027 for `prog.py`, 1000000026 for
 * `a_much_longer_program_name.py`); the recorder measures them the same way.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';
import { refcountOf } from '../../../sandbox/refcounts.js';
import { MAX_SHARED, internedSharedStr } from '../../../sandbox/objects.js';
import { STARTUP_INTERNED } from '../../../sandbox/baselines.js';

function run(source: string): string {
  const r = new Sandbox().exec(source);
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('strs interned at start-up start from CPython counts', () => {
  it('a start-up str literal shows CPython count; a str nobody interned before shows 2', () => {
    const src = [
      'import sys',
      'print(sys.getrefcount("string"), sys.getrefcount("self"))',
      'print(sys.getrefcount("hello"), sys.getrefcount("abc_def"), sys.getrefcount("heaplab_word"))',
      's = "string"',
      't = s',
      'u = [s, s, s]',
      'print(sys.getrefcount(s))',
      'del t, u',
      'print(sys.getrefcount(s))',
      '',
    ].join('\n');
    expect(run(src)).toBe('1000000027 1000000622\n2 2 2\n1000000032\n1000000028\n');
  });

  it("a builtin's name is a start-up str the code's names count too", () => {
    // co_consts, co_names (print is called), x and the argument hold it.
    expect(run('import sys\nx = "print"\nprint(sys.getrefcount(x))\n')).toBe('1000000026\n');
  });

  it('the vpatsenko homework: a literal in a function', () => {
    const src = 'def task1():\n    import sys\n\n    s = "string"\n    a = sys.getrefcount(s)\n\n    ref = s\n    b = sys.getrefcount(s)\n\n    del ref\n    c = sys.getrefcount(s)\n\n    return (a, b, c)\n\nprint( task1())\n';
    expect(run(src)).toBe('(1000000028, 1000000029, 1000000028)\n');
  });

  it('identity is CPython: a built equal str is another object until sys.intern gives the shared one', () => {
    const src = 'import sys\ns = "string"\nb = "".join(["str", "ing"])\nprint(s is b, sys.intern(b) is s, sys.getrefcount(b))\ndef string():\n    pass\nprint(string.__name__ is s, id(s) == id("string"))\n';
    expect(run(src)).toBe('False True 2\nTrue True\n');
  });

  it('one object for every sandbox: the same id everywhere, counts per sandbox', () => {
    const a = new Sandbox();
    const b = new Sandbox();
    const ida = a.exec('print(id("string"))\n').stdout;
    expect(b.exec('print(id("string"))\n').stdout).toBe(ida);
    const s = internedSharedStr('string')!;
    const before = refcountOf(b.runtime.heap, s);
    a.exec('x = ["string"] * 10\n');
    expect(refcountOf(b.runtime.heap, s)).toBe(before);
    // The list's 10 slots and the second program's constant.
    expect(refcountOf(a.runtime.heap, s) - refcountOf(b.runtime.heap, s)).toBe(11);
  });

  it("a heap's count table grows to the start-up strs made after it", () => {
    // 800 literals of the table (each a constant of the module): more shared objects than
    // the table a heap starts with. The program's other words are counted all the same.
    const words = STARTUP_INTERNED.split(/\s+/).filter((w) => w.includes('=')).map((w) => w.slice(0, w.indexOf('=')))
      .slice(2000, 2800).filter((w) => !['zlib', 'unicodedata', 'self', 'print', 'sys', 'getrefcount', 'words', 'len'].includes(w));
    const sb = new Sandbox();
    sb.exec('pass\n');
    const src = `import sys\nwords = [\n${words.map((w) => `    '${w}',\n`).join('')}]\n`
      + 'print(sys.getrefcount("zlib"), sys.getrefcount("unicodedata"), sys.getrefcount("self"))\n';
    const r = sb.exec(src);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('1000000017 11 1000000622\n');
    expect(sb.runtime.heap.sharedCounts.length).toBeGreaterThan(MAX_SHARED);
    const last = internedSharedStr(words[words.length - 1]!)!;
    // co_consts and the list.
    expect(refcountOf(sb.runtime.heap, last) - refcountOf(new Sandbox().runtime.heap, last)).toBe(2);
  });
});
