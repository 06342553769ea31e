/**
 * A class's namespace holds a `__dict__` / `__weakref__` getset descriptor only for what its
 * instances have that its base's don't (type_new_descriptors). BaseException's instances
 * already have a dict, so an exception class gets only `__weakref__`: deleting three
 * exception classes leaves 11 objects for the collector, not 12 (python3 3.11.7, as
 * importing tracemalloc does with pickle's). Expected output printed by python3.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const PROGRAM = "import gc, sys\ngc.collect()\nfor base in (Exception, ValueError, BaseException, KeyError, OSError, StopIteration, object, list, dict, int, str, tuple, float):\n    class X(base): pass\n    print(base.__name__, sorted(k for k in X.__dict__ if k in ('__dict__', '__weakref__')))\n    e = X()\n    e.attr = 1\n    print(e.__dict__, sys.getsizeof(e) if base in (Exception, ValueError) else '')\n    del X, e\n    print(gc.collect())\nclass MyErr(Exception):\n    def __init__(self, msg, code):\n        super().__init__(msg)\n        self.code = code\ntry:\n    raise MyErr('bad', 42)\nexcept MyErr as err:\n    print(err, err.code, err.__dict__, err.args)\n";

const EXPECTED = "Exception ['__weakref__']\n{'attr': 1} 96\n5\nValueError ['__weakref__']\n{'attr': 1} 96\n5\nBaseException ['__weakref__']\n{'attr': 1} \n5\nKeyError ['__weakref__']\n{'attr': 1} \n5\nOSError ['__weakref__']\n{'attr': 1} \n5\nStopIteration ['__weakref__']\n{'attr': 1} \n5\nobject ['__dict__', '__weakref__']\n{'attr': 1} \n6\nlist ['__dict__', '__weakref__']\n{'attr': 1} \n6\ndict ['__dict__', '__weakref__']\n{'attr': 1} \n6\nint ['__dict__']\n{'attr': 1} \n5\nstr ['__dict__', '__weakref__']\n{'attr': 1} \n6\ntuple ['__dict__']\n{'attr': 1} \n5\nfloat ['__dict__', '__weakref__']\n{'attr': 1} \n6\nbad 42 {'code': 42} ('bad',)\n";

describe('class descriptors', () => {
  it('an exception class has no __dict__ descriptor of its own; other bases as CPython', () => {
    const r = new Sandbox().exec(PROGRAM);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(EXPECTED);
  });

  it('three exception classes collected are 11 objects', () => {
    const r = new Sandbox().exec([
      'import gc', 'gc.collect()', 'class PickleError(Exception): pass', 'class PicklingError(PickleError): pass',
      'class UnpicklingError(PickleError): pass', 'del PickleError, PicklingError, UnpicklingError', 'print(gc.collect())',
    ].join('\n'));
    expect(r.stdout).toBe('11\n');
  });
});
