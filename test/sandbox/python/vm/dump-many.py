#!/usr/bin/env python3
"""Dump many programs' code objects at once (one python3 start-up for a whole corpus).

usage: python3 test/sandbox/python/vm/dump-many.py OUT.json FILE.py...

Writes {path: CodeObject-JSON} with each program compiled under its own base name (as the
oracle runs it), using dump-code.py's dump_source; a program CPython cannot compile maps to
{"error": "<exception>"}.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib.util  # noqa: E402

spec = importlib.util.spec_from_file_location('dump_code', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'dump-code.py'))
dump_code = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dump_code)

out = {}
for path in sys.argv[2:]:
    with open(path, encoding='utf-8') as f:
        source = f.read()
    try:
        out[path] = dump_code.dump_source(source, os.path.basename(path))
    except SyntaxError as e:
        out[path] = {'error': f'{type(e).__name__}: {e}'}
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    json.dump(out, f, ensure_ascii=True)
