#!/usr/bin/env python3
"""Print the code objects CPython 3.11 compiles a Python source file to, as JSON in the shape of
sandbox/python/vm/code.ts (CodeObject / CodeConst), recursively through co_consts.

usage:
  python3 test/sandbox/python/vm/dump-code.py FILE.py [--filename NAME] [--indent]

  --filename NAME   the co_filename to compile with (default: '<sandbox>', what a sandbox uses)
  --indent          pretty-print (default: one line)

Both sides of issue 9 are checked against this output: the compiler must build these very code
objects, and the machine must run them to CPython's output.

How the code.ts shape is written as JSON (JSON has no bigint and no non-finite numbers):
  - co_code: list of 16-bit code units, `opcode | arg << 8`, read two bytes at a time from
    co.co_code (so EXTENDED_ARG prefixes and the zeroed inline CACHE units are there, and jump
    arguments count code units, as in CPython).
  - co_lines: co.co_lines() with byte offsets halved to code units: {start, end, line|null},
    adjacent ranges of the same line merged. (3.11's co_lines() yields one range per entry of
    its location table, which also splits where only the column changes; 3.12 merges them.
    Line events depend only on each instruction's line, so merging loses nothing.)
  - co_positions: co.co_positions() as lists, one per code unit: [line, end_line, col, end_col]
    (None as null), as 3.11's location table (co_linetable) gives them.
  - co_exceptiontable: dis._parse_exception_table(co) with byte offsets halved to code units:
    {start, end (exclusive), target, depth, lasti}.
  - co_consts entries, by kind:
      {"kind": "None"} | {"kind": "Ellipsis"} | {"kind": "bool", "value": true}
      {"kind": "int", "value": "<decimal digits>"}        -> bigint
      {"kind": "float", "value": "<repr(float)>"}         -> number; repr gives 'inf', '-inf',
                                                             'nan', '-0.0' for the odd ones
      {"kind": "complex", "real": "<repr>", "imag": "<repr>"}
      {"kind": "str", "value": "<string>"}                 (lone surrogates kept, as \\udxxx)
      {"kind": "bytes", "value": [0..255, ...]}
      {"kind": "tuple", "items": [...]}
      {"kind": "frozenset", "items": [...]}   items sorted by their JSON text: CPython's own order
                                              is hash order, which varies run to run for strs
      {"kind": "code", "code": {...CodeObject...}}
"""
import dis
import json
import sys

assert sys.version_info[:2] == (3, 11), 'dump with CPython 3.11'


def float_text(x):
    """repr of a float; JS reads it back with Number() except inf/-inf/nan (spelled out here)."""
    return repr(x)


def const(c):
    """One co_consts entry in the code.ts CodeConst shape."""
    if c is None:
        return {'kind': 'None'}
    if c is Ellipsis:
        return {'kind': 'Ellipsis'}
    if isinstance(c, bool):
        return {'kind': 'bool', 'value': c}
    if isinstance(c, int):
        return {'kind': 'int', 'value': str(c)}
    if isinstance(c, float):
        return {'kind': 'float', 'value': float_text(c)}
    if isinstance(c, complex):
        return {'kind': 'complex', 'real': float_text(c.real), 'imag': float_text(c.imag)}
    if isinstance(c, str):
        return {'kind': 'str', 'value': c}
    if isinstance(c, bytes):
        return {'kind': 'bytes', 'value': list(c)}
    if isinstance(c, tuple):
        return {'kind': 'tuple', 'items': [const(x) for x in c]}
    if isinstance(c, frozenset):
        items = [const(x) for x in c]
        items.sort(key=lambda j: json.dumps(j, sort_keys=True))
        return {'kind': 'frozenset', 'items': items}
    if hasattr(c, 'co_code'):
        return {'kind': 'code', 'code': code(c)}
    raise TypeError(f'unexpected constant {c!r}')


def code(co):
    """A code object in the code.ts CodeObject shape (field order as code.ts declares them)."""
    raw = co.co_code
    units = [raw[i] | (raw[i + 1] << 8) for i in range(0, len(raw), 2)]
    lines = []
    for s, e, ln in co.co_lines():
        if lines and lines[-1]['line'] == ln and lines[-1]['end'] == s // 2:
            lines[-1]['end'] = e // 2
        else:
            lines.append({'start': s // 2, 'end': e // 2, 'line': ln})
    table = [
        {'start': e.start // 2, 'end': e.end // 2, 'target': e.target // 2, 'depth': e.depth, 'lasti': e.lasti}
        for e in dis._parse_exception_table(co)
    ]
    return {
        'co_name': co.co_name,
        'co_qualname': co.co_qualname,
        'co_filename': co.co_filename,
        'co_firstlineno': co.co_firstlineno,
        'co_argcount': co.co_argcount,
        'co_posonlyargcount': co.co_posonlyargcount,
        'co_kwonlyargcount': co.co_kwonlyargcount,
        'co_flags': co.co_flags,
        'co_code': units,
        'co_consts': [const(c) for c in co.co_consts],
        'co_names': list(co.co_names),
        'co_varnames': list(co.co_varnames),
        'co_cellvars': list(co.co_cellvars),
        'co_freevars': list(co.co_freevars),
        'co_stacksize': co.co_stacksize,
        'co_lines': lines,
        'co_positions': [list(p) for p in co.co_positions()],
        'co_exceptiontable': table,
    }


def dump_source(source, filename='<sandbox>'):
    """The module code object CPython compiles `source` to, as code.ts-shaped data."""
    return code(compile(source, filename, 'exec', dont_inherit=True))


def main(argv):
    args = [a for a in argv if not a.startswith('--')]
    filename = '<sandbox>'
    if '--filename' in argv:
        filename = argv[argv.index('--filename') + 1]
        args.remove(filename)
    if len(args) != 1:
        raise SystemExit(__doc__)
    with open(args[0], encoding='utf-8') as f:
        source = f.read()
    out = dump_source(source, filename)
    print(json.dumps(out, indent=1 if '--indent' in argv else None, ensure_ascii=True))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
