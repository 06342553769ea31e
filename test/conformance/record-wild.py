#!/usr/bin/env python3
"""Record what CPython 3.11 prints for the programs under test/conformance/wild/.

usage:
  python3 test/conformance/record-wild.py                # every wild program without a recording
  python3 test/conformance/record-wild.py --all          # re-record every wild program
  python3 test/conformance/record-wild.py FILE.py ...    # just these
  python3 test/conformance/record-wild.py --check        # re-run all, compare, write nothing

Each `wild/<group>/<name>.py` gets a sibling `<name>.expected.json` with stdout, stderr and
exitCode, recorded the way record.py records the hand-written corpus (three runs through the
oracle from the program's folder; a program whose masked output differs between runs is
refused, not recorded). One file per program keeps groups independent of each other.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from record import masked, record, record_all  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
WILD = os.path.join(HERE, "wild")


def expected_path(py):
    return py[:-3] + ".expected.json"


def all_programs():
    out = []
    for root, _dirs, files in os.walk(WILD):
        out += [os.path.join(root, f) for f in files if f.endswith(".py")]
    return sorted(out)


def check_header(path):
    with open(path, encoding="utf-8") as f:
        first = f.readline()
    if not first.startswith("# Source: http"):
        raise SystemExit(f"{path}: first line must be '# Source: <address it was taken from>'")


def main(argv):
    if sys.version_info[:2] != (3, 11):
        raise SystemExit(f"need CPython 3.11, this is {sys.version.split()[0]}")
    files = [os.path.abspath(a) for a in argv if a.endswith(".py")]
    if "--check" in argv:
        bad = 0
        paths = all_programs()
        results = record_all(paths)
        for p in paths:
            with open(expected_path(p), encoding="utf-8") as f:
                if masked(json.load(f)) != masked(results[p]):
                    print("MISMATCH", os.path.relpath(p, HERE))
                    bad += 1
        print(f"checked {len(paths)} programs, {bad} mismatches")
        return 1 if bad else 0
    if not files:
        files = [p for p in all_programs() if "--all" in argv or not os.path.exists(expected_path(p))]
    for p in files:
        check_header(p)
    failed = 0
    for p in files:
        try:
            result = record(p)
        except SystemExit as e:  # nondeterministic: say so, keep going
            print(e, file=sys.stderr)
            failed += 1
            continue
        with open(expected_path(p), "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1, sort_keys=True, ensure_ascii=False)
            f.write("\n")
    print(f"recorded {len(files) - failed} programs, {failed} refused as nondeterministic")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
