"""Run an exercise's parts and its checks' probes in CPython, the way the grader runs them
in a sandbox, and print what each observed: the truth the grading tests compare with.

Reads JSON on stdin: {"setup", "submission", "after": source or null, "probes": [...]}, where
each probe is {"kind": "exec", "code": ...} (run at module level, then `_heaplab_value` is
read and deleted, as sandbox/grading/grade.ts's probes do) or {"kind": "collect",
"generation": n} or {"kind": "garbage"}. Prints JSON: the stdout of each part and each
probe's value (str() of it, or "raised <Type>").

usage: python3 cpython-grade.py < job.json
"""
import contextlib
import gc
import io
import json
import sys
import types

job = json.load(sys.stdin)
module = types.ModuleType("__main__")
module.__builtins__ = __builtins__
sys.modules["__main__"] = module
g = module.__dict__


def run(source):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            exec(compile(source, "<sandbox>", "exec"), g)
        except BaseException as e:  # the learner's exception is part of the result
            return out.getvalue(), type(e).__name__
    return out.getvalue(), None


result = {"parts": []}
for part in ("setup", "submission", "after"):
    src = job.get(part)
    result["parts"].append(None if src is None else run(src))

values = []
for p in job["probes"]:
    if p["kind"] == "collect":
        with contextlib.redirect_stdout(io.StringIO()):  # what finalizers print
            values.append(str(gc.collect(p["generation"])))
    elif p["kind"] == "garbage":
        values.append(str(len(gc.garbage)))
    else:
        _, err = run(p["code"])
        values.append(f"raised {err}" if err else str(g.get("_heaplab_value")))
        g.pop("_heaplab_value", None)
        g.pop("_heaplab_sys", None)
result["values"] = values
sys.stdout.write(json.dumps(result))
sys.stdout.flush()
