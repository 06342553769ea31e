#!/usr/bin/env python3
"""Record what CPython 3.11 prints for the conformance programs.

usage (from anywhere):
  python3 test/conformance/record.py                 # corpus + shared -> expected.json
  python3 test/conformance/record.py --random DIR    # DIR/seed_N.py -> random-expected.json
  python3 test/conformance/record.py --check         # re-run, compare, write nothing

Every program runs RUNS times through the oracle (the shared
../shared/conformance/oracle.py when present, else the vendored
test/conformance/oracle.py), from the program's own folder so tracebacks show
source lines exactly as `python3 NNN_name.py` would.  Any difference between
runs (after masking 0x... addresses) is an error: the program is not
deterministic and must be fixed, not recorded.

The oracle's own frame ("File .../oracle.py", line N, in ...) is removed from
tracebacks: it is an artefact of the recording harness, not of the program.
"""
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")
SHARED_COPY = os.path.join(HERE, "shared")
SHARED_SRC = os.path.normpath(os.path.join(ROOT, "..", "shared", "conformance"))
EXPECTED = os.path.join(HERE, "expected.json")
RANDOM_EXPECTED = os.path.join(HERE, "random-expected.json")
RUNS = 3
ADDRESS = re.compile(r"0x[0-9a-f]+")


def oracle_path():
    shared = os.path.join(SHARED_SRC, "oracle.py")
    return shared if os.path.isfile(shared) else os.path.join(HERE, "oracle.py")


def strip_oracle_frames(stderr):
    """Drop the oracle's frame (its File line plus the indented source/caret lines)."""
    out = []
    skipping = False
    for line in stderr.splitlines(keepends=True):
        if re.match(r'  File ".*oracle\.py", line \d+, in ', line):
            skipping = True
            continue
        if skipping and line.startswith("    "):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


def clean_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_once(path):
    proc = subprocess.run(
        [sys.executable, oracle_path(), os.path.basename(path)],
        cwd=os.path.dirname(path),
        capture_output=True,
        env=clean_env(),
        timeout=120,
    )
    return {
        "stdout": proc.stdout.decode("utf-8"),
        "stderr": strip_oracle_frames(proc.stderr.decode("utf-8")),
        "exitCode": proc.returncode,
    }


def masked(result):
    return {k: ADDRESS.sub("0x?", v) if isinstance(v, str) else v for k, v in result.items()}


def record(path):
    results = [run_once(path) for _ in range(RUNS)]
    first = masked(results[0])
    for other in results[1:]:
        if masked(other) != first:
            raise SystemExit(f"{path}: output differs between runs:\n{first}\n---\n{masked(other)}")
    return results[0]


def record_all(paths):
    with ThreadPoolExecutor(max_workers=max(2, (os.cpu_count() or 2))) as pool:
        return dict(zip(paths, pool.map(record, paths)))


def sync_shared():
    """Copy the shared programs into test/conformance/shared (self-contained suite)."""
    if not os.path.isdir(SHARED_SRC):
        return
    os.makedirs(SHARED_COPY, exist_ok=True)
    for name in sorted(os.listdir(SHARED_SRC)):
        if name.endswith(".py") and name != "oracle.py":
            shutil.copyfile(os.path.join(SHARED_SRC, name), os.path.join(SHARED_COPY, name))


def write_json(path, data):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")


def corpus_programs():
    """(manifest key, path) for every corpus and shared program."""
    items = [(n, os.path.join(CORPUS, n)) for n in sorted(os.listdir(CORPUS)) if n.endswith(".py")]
    if os.path.isdir(SHARED_COPY):
        items += [("shared/" + n, os.path.join(SHARED_COPY, n))
                  for n in sorted(os.listdir(SHARED_COPY)) if n.endswith(".py")]
    return items


def main(argv):
    check = "--check" in argv
    if sys.version_info[:2] != (3, 11):
        raise SystemExit(f"need CPython 3.11, this is {sys.version.split()[0]}")
    if "--random" in argv:
        directory = argv[argv.index("--random") + 1]
        names = [n for n in os.listdir(directory) if re.fullmatch(r"seed_\d+\.py", n)]
        names.sort(key=lambda n: int(n[5:-3]))
        paths = [os.path.abspath(os.path.join(directory, n)) for n in names]
        results = record_all(paths)
        data = {}
        for name, path in zip(names, paths):
            with open(path, encoding="utf-8") as f:
                source = f.read()
            data[name[5:-3]] = {"source": source, **results[path]}
        target = RANDOM_EXPECTED
    else:
        if not check:
            sync_shared()
        items = corpus_programs()
        results = record_all([p for _, p in items])
        data = {key: results[path] for key, path in items}
        target = EXPECTED
    if check:
        with open(target, encoding="utf-8") as f:
            old = json.load(f)
        bad = [k for k in data if k not in old or masked(old[k]) != masked(data[k])]
        for k in bad:
            print("MISMATCH", k)
        print(f"checked {len(data)} programs, {len(bad)} mismatches")
        return 1 if bad else 0
    write_json(target, data)
    print(f"wrote {len(data)} programs to {os.path.relpath(target, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
