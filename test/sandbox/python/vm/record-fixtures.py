#!/usr/bin/env python3
"""Record the machine's fixtures: for each fixtures/NAME.py, CPython 3.11's code objects for
it (dump-code.py's shape, compiled as NAME.py, the way the oracle compiles it), what the
oracle prints running it, and the call/line/return/exception events CPython's sys.settrace
reports for it (trace_oracle.py), into fixtures/NAME.json:
{"code": ..., "stdout": ..., "stderr": ..., "trace": [[event, line], ...]}.

usage: python3 test/sandbox/python/vm/record-fixtures.py [NAME ...]
"""
import importlib.util
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, 'fixtures')
ORACLE = '/work/shared/conformance/oracle.py'
if not os.path.exists(ORACLE):
    ORACLE = os.path.join(HERE, '..', '..', '..', 'conformance', 'oracle.py')
TRACE_ORACLE = os.path.join(os.path.dirname(ORACLE), 'trace_oracle.py')

spec = importlib.util.spec_from_file_location('dump_code', os.path.join(HERE, 'dump-code.py'))
dump_code = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dump_code)

assert sys.version_info[:2] == (3, 11), 'record with CPython 3.11'


def strip_oracle_frames(stderr):
    """Drop the oracle's own frame from a traceback (a harness artefact, as record.py does)."""
    lines = stderr.split('\n')
    out = []
    i = 0
    while i < len(lines):
        if lines[i].startswith('  File "') and 'oracle.py' in lines[i]:
            i += 2
            continue
        out.append(lines[i])
        i += 1
    return '\n'.join(out)


def record(name):
    path = os.path.join(FIXTURES, name + '.py')
    with open(path, encoding='utf-8') as f:
        source = f.read()
    runs = [subprocess.run([sys.executable, os.path.abspath(ORACLE), name + '.py'], cwd=FIXTURES,
                           capture_output=True, text=True) for _ in range(2)]
    if runs[0].stdout != runs[1].stdout or runs[0].stderr != runs[1].stderr:
        raise SystemExit(f'{name}: output differs between runs; not recorded')
    traced = subprocess.run([sys.executable, TRACE_ORACLE, name + '.py'], cwd=FIXTURES,
                            capture_output=True, text=True, check=True)
    out = {'code': dump_code.dump_source(source, name + '.py'), 'stdout': runs[0].stdout,
           'stderr': strip_oracle_frames(runs[0].stderr), 'trace': json.loads(traced.stdout)['steps']}
    with open(os.path.join(FIXTURES, name + '.json'), 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=True, indent=None)
        f.write('\n')
    print('recorded', name)


def main(names):
    if not names:
        names = sorted(n[:-3] for n in os.listdir(FIXTURES) if n.endswith('.py'))
    for n in names:
        record(n)


if __name__ == '__main__':
    main(sys.argv[1:])
