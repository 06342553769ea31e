"""Record the refcount baselines of the objects every sandbox shares, from CPython 3.11.

Nothing is immortal in 3.11: `sys.getrefcount(7)` under the oracle prints about 10**9 plus
the references the interpreter and the program hold. A sandbox prints the *baseline* (what
CPython's own interpreter holds, recorded here) plus the references the sandbox holds.

For each shared object this runs `print(sys.getrefcount(EXPR))` under the oracle and
subtracts what the program itself holds at that point:
  - a literal (None, 7, -5, '', 'a', (), b'', ...) is a constant of the module's code
    object (one reference, merged with any equal constant) and the call's argument: 2;
  - a name or an attribute (NotImplemented, int, types.FunctionType): the argument: 1.
Each value is the most common over several runs: None's count moves by a few between runs
(with the hash seed and addresses: which dicts and sets built at start-up hold it). Programs
run the way the conformance recordings run them (test/conformance/record.py: from the
program's folder, by its base name, in its environment): some counts move by one with the
length of the program's path ('string': 1000000025 for a short name, 24 for a long one).

The strs CPython has interned before the program runs (the start-up modules' identifiers,
the statically allocated `_Py_ID` strings, the deep-frozen modules' code constants, the
oracle's own names) are shared objects too: a literal or a name the program writes is that
object, with its count. They are found in two steps (see startup_interned):
  - candidates: every str of name characters that an oracle-started process can reach (code
    objects' names and constants, module, type and instance dicts) and every run of name
    characters in libpython's bytes (the static strings sit there as plain ASCII);
  - test: each candidate's literal, `print(sys.getrefcount('word'))` under the oracle. A str
    nobody interned before is made by compiling the literal and held by the program alone:
    exactly 2 (co_consts + argument; 3 for the program's own names print, sys and
    getrefcount, which co_names holds too). More than that is an object the interpreter
    had: its baseline is the count minus what the program holds, as for the others. The
    literal interns nothing but the word it tests, and it is exactly what a sandbox's
    program does. Checked by hand: 'print' records 1000000022 and `x = "print"` then
    prints 1000000026 (co_consts, co_names, x, argument); 'string' records 1000000025 and
    a function's `s = "string"` prints 1000000028. 'getrefcount' records 3, which includes
    the entry `sys.getrefcount` leaves in CPython's type attribute cache (a program that
    reads it without the attribute sees 2): every program that calls sys.getrefcount has
    that entry, and the sandbox does not model the cache.
  Nothing else is missed: the literals of 2,909 other words (common lesson names and the
  identifiers of collections, weakref, copy, dataclasses, typing, json) show a count above
  2 exactly when the word is in the table.
Only strs of name characters (ASCII letters, digits, '_'; at least two: '' and one
character are above) are kept: CPython's compiler interns only those among literals
(all_name_chars), and they are what a program meets as a name.

usage: python3 test/sandbox/record-baselines.py > sandbox/baselines.ts
"""
import collections
import os
import re
import subprocess
import sys
import sysconfig
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'conformance'))
from record import clean_env, oracle_path  # noqa: E402

RUNS = 15

# Exception types, by their builtin names.
EXCEPTIONS = """BaseException Exception SystemExit KeyboardInterrupt GeneratorExit ArithmeticError
ZeroDivisionError OverflowError FloatingPointError LookupError KeyError IndexError NameError
UnboundLocalError AttributeError TypeError ValueError RuntimeError RecursionError
NotImplementedError StopIteration AssertionError MemoryError OSError TimeoutError ImportError
ModuleNotFoundError ReferenceError SyntaxError IndentationError UnicodeError BufferError EOFError
Warning UserWarning DeprecationWarning ResourceWarning RuntimeWarning""".split()

# Builtin types a sandbox has: key name -> an expression naming the type (holds nothing).
TYPES = {name: name for name in """type object int bool float str bytes tuple list dict set
frozenset range slice property staticmethod classmethod super""".split()}
TYPES.update({name: name for name in EXCEPTIONS})
TYPES.update({
    'NoneType': 'types.NoneType',
    'ellipsis': 'types.EllipsisType',
    'NotImplementedType': 'types.NotImplementedType',
    'builtin_function_or_method': 'types.BuiltinFunctionType',
    'getset_descriptor': 'types.GetSetDescriptorType',
    'function': 'types.FunctionType',
    'method': 'types.MethodType',
    'cell': 'types.CellType',
    'generator': 'types.GeneratorType',
    'module': 'types.ModuleType',
    'frame': 'types.FrameType',
    'traceback': 'types.TracebackType',
    'weakref': 'weakref.ref',
})

# Types of the modules a sandbox has (Python-visible as module.name): key name -> expression.
# Recorded by their own program (importing their module would move the counts above).
MODULE_TYPES = {
    'deque': 'collections.deque',
    'defaultdict': 'collections.defaultdict',
    'OrderedDict': 'collections.OrderedDict',
    'Counter': 'collections.Counter',
}


def record_module_types():
    """The module types' baselines: their count less the argument's reference."""
    modules = sorted({expr.split('.')[0] for expr in MODULE_TYPES.values()})
    program = 'import sys\n' + ''.join(f'import {m}\n' for m in modules) + ''.join(
        f'print(sys.getrefcount({expr}))\n' for expr in MODULE_TYPES.values())
    seen = [collections.Counter() for _ in MODULE_TYPES]
    for _ in range(RUNS):
        lines = run(program)
        for i, _ in enumerate(MODULE_TYPES):
            seen[i][int(lines[i])] += 1
    return [(f'type:{k}', seen[i].most_common(1)[0][0] - 1) for i, k in enumerate(MODULE_TYPES)]


def split_chars():
    """The one-character strs whose literal is not the latin-1 cache's object.

    A literal made of name characters is interned, and for some characters (single-letter
    names the standard library interned first) the interned str is another object than
    the one `chr()` and indexing return. Those characters have two shared objects.
    """
    program = ''.join(f'print({ascii(chr(c))} is chr({c}))\n' for c in range(256))
    return [c for c, line in enumerate(run(program)) if line == 'False']


def entries(split):
    """(key, expression, references the program holds) for every shared object."""
    out = [('None', 'None', 2), ('True', 'True', 2), ('False', 'False', 2),
           ('Ellipsis', '...', 2), ('NotImplemented', 'NotImplemented', 1)]
    out += [(f'int:{i}', str(i), 2) for i in range(-5, 257)]
    out += [('str:empty', "''", 2), ('bytes:empty', "b''", 2), ('tuple:empty', '()', 2)]
    out += [(f'str:{c}', f'chr({c})', 1) if c in split else (f'str:{c}', ascii(chr(c)), 2) for c in range(256)]
    out += [(f'istr:{c}', ascii(chr(c)), 2) for c in split]
    out += [(f'type:{k}', v, 1) for k, v in TYPES.items()]
    return out


def run(program):
    with tempfile.NamedTemporaryFile('w', suffix='.py', delete=False) as f:
        f.write(program)
        path = f.name
    try:
        # Run as the conformance recordings run (record.py): from the program's folder, by its
        # base name, in the same environment. Counts depend on it: some start-up strs' counts
        # move by one with the length of the program's path.
        r = subprocess.run([sys.executable, oracle_path(), os.path.basename(path)], cwd=os.path.dirname(path),
                           env=clean_env(), capture_output=True, text=True, check=True)
        return r.stdout.split('\n')
    finally:
        os.unlink(path)


def record(split):
    es = entries(split)
    # One program prints them all: each literal appears once, so each is one constant.
    # Written through: a buffered stdout's pending writes would hold each line's '\n'.
    program = 'import sys\nimport types\nimport weakref\nsys.stdout.reconfigure(write_through=True)\n' + ''.join(
        f'print(sys.getrefcount({expr}))\n' for _, expr, _ in es)
    seen = [collections.Counter() for _ in es]
    for _ in range(RUNS):
        lines = run(program)
        for i, _ in enumerate(es):
            seen[i][int(lines[i])] += 1
    # The singletons' counts move with the program's size (None most): each gets the
    # smallest program that shows it, as a lesson's first cell would.
    for i, (key, expr, _) in enumerate(es[:5]):
        seen[i].clear()
        for _ in range(RUNS):
            seen[i][int(run(f'import sys\nprint(sys.getrefcount({expr}))\n')[0])] += 1
    return [(key, seen[i].most_common(1)[0][0] - held) for i, (key, _, held) in enumerate(es)]


# Modules a sandbox has that a fresh CPython has not imported yet under the oracle: their
# first import builds module state that holds shared objects (gc: None, False, 0, 1, ...).
FRESH_MODULES = ['gc']


def import_deltas(es, module):
    """How much the first `import MODULE` moves each shared object's count (nonzero only)."""
    # The counts go into machine-int arrays: a list of the counts would itself hold small
    # ints and move what it measures.
    exprs = ', '.join(expr for _, expr, _ in es)
    program = (f'import sys\nimport types\nimport weakref\nimport array\n'
               f'objs = ({exprs},)\n'
               f'def counts(buf):\n'
               f'    for i, o in enumerate(objs):\n'
               f'        buf[i] = sys.getrefcount(o)\n'
               f'before = array.array("q", bytes(8 * len(objs)))\n'
               f'after = array.array("q", bytes(8 * len(objs)))\n'
               f'counts(after)\ncounts(before)\nimport {module}\ncounts(after)\n'
               f'print(*[b - a for a, b in zip(before, after)])\n')
    seen = [collections.Counter() for _ in es]
    for _ in range(RUNS):
        for i, d in enumerate(run(program)[0].split()):
            seen[i][int(d)] += 1
    # the module's name, bound in the program, is not the module's own state
    return [(key, seen[i].most_common(1)[0][0]) for i, (key, _, _) in enumerate(es)
            if seen[i].most_common(1)[0][0] != 0]


# What `print(sys.getrefcount(WORD))` holds of WORD: the program's constant and the argument.
LITERAL_HELD = 2
# The names the recording program itself uses: its co_names holds each one once more.
RECORDER_NAMES = {'print', 'sys', 'getrefcount'}
NAME_CHARS = re.compile(r'[A-Za-z0-9_]{2,}\Z')

# Run under the oracle: print every str of name characters reachable from the objects the
# interpreter has (gc's tracked objects, the modules, every type; code objects' names and
# constants, nested code included; dicts' keys and values). A superset: the test decides.
WALKER = r"""
import gc, re, sys, types
NAME = re.compile(r'[A-Za-z0-9_]{2,}\Z')
found = set()
seen = set()
todo = list(gc.get_objects()) + list(sys.modules.values())
types_todo = [object]
while types_todo:
    t = types_todo.pop()
    todo.append(t)
    types_todo.extend(type.__subclasses__(t))
while todo:
    o = todo.pop()
    if type(o) is str:
        if NAME.match(o):
            found.add(o)
        continue
    if id(o) in seen:
        continue
    seen.add(id(o))
    if isinstance(o, types.CodeType):
        todo += [o.co_name, o.co_qualname, *o.co_names, *o.co_varnames, *o.co_cellvars,
                 *o.co_freevars, *o.co_consts]
    elif isinstance(o, dict):
        todo += [*o.keys(), *o.values()]
    elif isinstance(o, (tuple, list, set, frozenset)):
        todo += list(o)
    elif isinstance(o, type):
        todo += [o.__name__, o.__qualname__, o.__dict__, *o.__dict__.values()]
    elif isinstance(o, types.FunctionType):
        todo += [o.__code__, o.__name__, o.__qualname__]
    elif isinstance(o, types.ModuleType):
        todo.append(o.__dict__)
    else:
        for a in ('__name__', '__qualname__', '__dict__'):
            try:
                todo.append(object.__getattribute__(o, a))
            except Exception:
                pass
print(' '.join(sorted(found)))
"""


def binary_words():
    """Every run of name characters in libpython's bytes: the statically allocated strs."""
    lib = os.path.join(sysconfig.get_config_var('LIBDIR') or '', sysconfig.get_config_var('LDLIBRARY') or '')
    path = lib if os.path.isfile(lib) else sys.executable
    with open(path, 'rb') as f:
        return {w.decode() for w in re.findall(rb'[A-Za-z0-9_]{2,}', f.read())}


def startup_interned():
    """(str, baseline) for every str of name characters interned before a program runs."""
    candidates = sorted(set(run(WALKER)[0].split()) | binary_words())
    program = 'import sys\n' + ''.join(f'print(sys.getrefcount({w!r}))\n' for w in candidates)
    seen = [collections.Counter() for _ in candidates]
    for _ in range(RUNS):
        lines = run(program)
        for i, _ in enumerate(candidates):
            seen[i][int(lines[i])] += 1
    out = []
    for w, counts in zip(candidates, seen):
        held = LITERAL_HELD + (w in RECORDER_NAMES)
        baseline = counts.most_common(1)[0][0] - held
        if baseline > 0:
            out.append((w, baseline))
    return sorted(out + compiler_names())


# Names the compiler makes that are not name characters but that code objects intern as
# names (co_varnames): a comprehension's argument '.0'. A literal would not be interned, so
# each is probed through sys.intern, which gives the interpreter's own object when one
# exists: its count less the argument. Interned before the program runs when that is above 1.
COMPILER_NAMES = ['.0']


def compiler_names():
    program = 'import sys\n' + ''.join(
        f'print(sys.getrefcount(sys.intern("".join({list(w)!r}))))\n' for w in COMPILER_NAMES)
    lines = run(program)
    return [(w, int(n) - 1) for w, n in zip(COMPILER_NAMES, lines) if int(n) - 1 > 1]


def wrapped(items, width=100):
    """Space-separated items in lines of about `width` characters."""
    lines, line = [], ''
    for it in items:
        if line and len(line) + 1 + len(it) > width:
            lines.append(line)
            line = it
        else:
            line = f'{line} {it}' if line else it
    return '\n'.join(lines + [line])


def main():
    split = split_chars()
    table = record(split) + record_module_types()
    deltas = {m: import_deltas(entries(split), m) for m in FRESH_MODULES}
    startup = startup_interned()
    print('// Generated by test/sandbox/record-baselines.py from CPython '
          f'{sys.version.split()[0]} under the oracle; do not edit.')
    print('/**')
    print(' * What CPython\'s own interpreter holds of each object every sandbox shares: the count')
    print(' * `sys.getrefcount` shows in a fresh program under the oracle, minus the references that')
    print(' * program holds (see the recorder). A sandbox adds the references it holds (refcounts.ts).')
    print(' */')
    print('export const BASELINES: ReadonlyMap<string, number> = new Map<string, number>([')
    for key, value in table:
        print(f'  [{key!r}, {value}],')
    print(']);')
    print()
    print('/**')
    print(' * The one-character strs whose literal (interned) is another object than the latin-1')
    print(' * cache\'s (what chr() and indexing return): ' + ascii(''.join(chr(c) for c in split)) + '.')
    print(' */')
    print(f'export const SPLIT_INTERNED_CHARS: ReadonlySet<number> = new Set([{", ".join(map(str, split))}]);')
    print()
    print('/**')
    print(' * What the first import of a module CPython has not loaded yet under the oracle adds to')
    print(' * the shared objects\' counts (the module\'s own state holds them).')
    print(' */')
    print('export const FIRST_IMPORT: ReadonlyMap<string, ReadonlyArray<readonly [string, number]>> = new Map([')
    for m, ds in deltas.items():
        print(f'  [{m!r}, [' + ', '.join(f'[{k!r}, {d}]' for k, d in ds) + ']],')
    print(']);')
    print()
    print('/**')
    print(' * The strs of name characters (two or more) CPython has interned before a program runs, and')
    print(" * the compiler's non-identifier names code objects intern ('.0'),")
    print(' * under the oracle — identifiers of the start-up modules, the static `_Py_ID` strings, the')
    print(' * deep-frozen code constants — each as `str=baseline`, sorted, whitespace-separated: one')
    print(f' * string rather than a Map literal of {len(startup)} entries. A literal, a name or sys.intern')
    print(' * equal to one of them is that object (objects.ts, internedSharedStr).')
    print(' */')
    print('export const STARTUP_INTERNED = `')
    print(wrapped(f'{w}={b}' for w, b in startup))
    print('`;')


if __name__ == '__main__':
    main()
