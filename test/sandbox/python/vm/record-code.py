#!/usr/bin/env python3
"""Record CPython 3.11's code objects for the bytecode compiler's differential test.

usage: python3 test/sandbox/python/vm/record-code.py

Writes test/sandbox/python/vm/fixtures/code/<group>.json: {relative path: code object} for
  - programs: test/sandbox/python/vm/programs/*.py (small programs, one construct each)
  - corpus:   test/conformance/corpus/*.py
  - wild:     test/conformance/wild/**/*.py
each compiled with filename '<sandbox>' by dump-code.py (the JSON shape of vm/code.ts).
A program CPython refuses to compile is recorded as {"error": "<exception type>"}.
"""
import json
import warnings
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
sys.path.insert(0, HERE)
dump = __import__('dump-code')

GROUPS = {
    'programs': os.path.join(HERE, 'programs'),
    'corpus': os.path.join(ROOT, 'test', 'conformance', 'corpus'),
    'wild': os.path.join(ROOT, 'test', 'conformance', 'wild'),
}


def programs(folder):
    out = []
    for root, _dirs, files in os.walk(folder):
        out += [os.path.join(root, f) for f in files if f.endswith('.py')]
    return sorted(out)


def main():
    assert sys.version_info[:2] == (3, 11), 'record with CPython 3.11'
    warnings.simplefilter('ignore')
    dest = os.path.join(HERE, 'fixtures', 'code')
    os.makedirs(dest, exist_ok=True)
    for group, folder in GROUPS.items():
        result = {}
        for p in programs(folder):
            with open(p, encoding='utf-8') as f:
                src = f.read()
            try:
                result[os.path.relpath(p, folder)] = dump.dump_source(src)
            except SyntaxError as e:
                result[os.path.relpath(p, folder)] = {'error': type(e).__name__}
        with open(os.path.join(dest, group + '.json'), 'w', encoding='utf-8') as f:
            json.dump(result, f, separators=(',', ':'), ensure_ascii=True)
            f.write('\n')
        print(group, len(result))


if __name__ == '__main__':
    main()
