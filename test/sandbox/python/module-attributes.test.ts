/** module attributes: CPython's AttributeError/ImportError for names CPython lacks; every expected output is what python3 (3.11.7) printed for the same program. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const CASES: { name: string; program: string; cpython: string }[] = [
  {
    name: "module_attrs",
    program: "import gc, sys, weakref\ndef show(label, f):\n    try:\n        r = f()\n        print(label, '->', r)\n    except Exception as e:\n        print(label, '->', type(e).__name__ + ':', e)\nshow('gc.no_such', lambda: gc.no_such)\nshow('sys.no_such', lambda: sys.no_such)\nshow('weakref.no_such', lambda: weakref.no_such)\nshow('gc.__name__', lambda: gc.__name__)\nshow('sys.__name__', lambda: sys.__name__)\nshow('weakref.__name__', lambda: weakref.__name__)\nshow('gc.get_freeze_count()', lambda: gc.get_freeze_count())\ntry:\n    import no_such_module_here\nexcept ImportError as e:\n    print(type(e).__name__, e)\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "gc.no_such -> AttributeError: module 'gc' has no attribute 'no_such'\nsys.no_such -> AttributeError: module 'sys' has no attribute 'no_such'\nweakref.no_such -> AttributeError: module 'weakref' has no attribute 'no_such'\ngc.__name__ -> gc\nsys.__name__ -> sys\nweakref.__name__ -> weakref\ngc.get_freeze_count() -> 0\nModuleNotFoundError No module named 'no_such_module_here'\n",
  },
  {
    name: "from_import_missing",
    program: "try:\n    from gc import nope\nexcept ImportError as e:\n    print(type(e).__name__, e)\ntry:\n    from weakref import nope\nexcept ImportError as e:\n    print(type(e).__name__, e)\nfrom weakref import ref, finalize\nprint(ref, finalize.__name__)\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "ImportError cannot import name 'nope' from 'gc' (unknown location)\nImportError cannot import name 'nope' from 'weakref' (/root/.pyenv/versions/3.11.7/lib/python3.11/weakref.py)\n<class 'weakref.ReferenceType'> finalize\n",
  },
];

const mask = (s: string): string => s.replace(/0x[0-9a-f]+/g, '0x?');

describe("module attributes: CPython's AttributeError/ImportError for names CPython lacks", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(mask(r.stdout)).toBe(c.cpython);
    });
  }
});

describe('names CPython has and heaplab lacks', () => {
  it('are refused as NotImplementedError naming them, not AttributeError', () => {
    // python3 prints a number here (sys.getallocatedblocks exists in CPython 3.11).
    const r = new Sandbox().exec('import sys\nprint(sys.getallocatedblocks())\n');
    expect(r.error?.type).toBe('NotImplementedError');
    expect(r.error?.message).toBe("heaplab does not support 'sys.getallocatedblocks'");
  });
  it('refuses a standard-library module it lacks, but not an unknown one', () => {
    expect(new Sandbox().exec('import json\n').error?.type).toBe('NotImplementedError');
    expect(new Sandbox().exec('import jsonx\n').error?.type).toBe('ModuleNotFoundError');
  });
});
