#!/usr/bin/env python3
"""Record CPython's trace events for many programs at once (trace_oracle.py's `trace`, one
python3 start-up for a whole corpus).

usage: python3 test/sandbox/python/vm/trace-many.py OUT.json FILE.py...

Writes {path: [[event, line], ...]} (with ["uncaught", type] last when the program raised).
"""
import importlib.util
import json
import os
import sys

ORACLE_DIR = '/work/shared/conformance'
spec = importlib.util.spec_from_file_location('trace_oracle', os.path.join(ORACLE_DIR, 'trace_oracle.py'))
trace_oracle = importlib.util.module_from_spec(spec)
spec.loader.exec_module(trace_oracle)

out = {}
for path in sys.argv[2:]:
    with open(path, encoding='utf-8') as f:
        source = f.read()
    try:
        out[path] = trace_oracle.trace(source)['steps']
    except SyntaxError as e:
        out[path] = [['syntax-error', str(e)]]
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    json.dump(out, f)
