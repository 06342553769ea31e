"""Vendored oracle for heaplab's conformance suite.

Runs one program the way a sandbox does, so CPython's output can be recorded:

* the source is compiled under its base file name (tracebacks then say
  ``File "NNN_name.py"``, and show source lines when run from its folder);
* it executes as live code in a brand-new ``__main__`` module;
* an uncaught exception prints the usual traceback on stderr, exit status 1;
* the process ends with ``os._exit``: no interpreter shutdown, so objects that
  are still alive at the end are never finalized and print nothing.

It behaves like the shared ../shared/conformance/oracle.py and is only used when
that file is absent.  record.py drops this file's own frame from tracebacks.

usage: python3 oracle.py PROGRAM.py
"""
import os
import sys
import traceback
import types


def fresh_main():
    main = types.ModuleType("__main__")
    main.__builtins__ = __builtins__
    sys.modules["__main__"] = main
    return main


def execute(program_path):
    with open(program_path, encoding="utf-8") as handle:
        text = handle.read()
    compiled = compile(text, os.path.basename(program_path), "exec")
    namespace = fresh_main().__dict__
    try:
        exec(compiled, namespace)
    except BaseException:
        traceback.print_exc()
        return 1
    return 0


if __name__ == "__main__":
    exit_status = execute(sys.argv[1])
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(exit_status)
