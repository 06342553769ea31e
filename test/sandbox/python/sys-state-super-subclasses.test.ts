// sys state functions and int_info, one-argument super, and type.__subclasses__() in creation order.
// Expected outputs were produced by CPython 3.11.7 (conformance/oracle.py) and hard-coded here.
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';
import { compareOutcome } from '../../conformance/run-sandbox.js';

const CASES: Record<string, { source: string; stdout: string; stderr: string }> = {
  "sys_state_super_subclasses": { source: "import gc, sys\nprint(sys.exc_info(), sys.exception())\ntry:\n    raise KeyError('k')\nexcept KeyError as e:\n    t, v, tb = sys.exc_info()\n    print(t is KeyError, v is e, tb is e.__traceback__, sys.exception() is e)\n    try:\n        1 / 0\n    except ZeroDivisionError:\n        print(sys.exc_info()[0].__name__)\n    print(sys.exc_info()[0].__name__)\nprint(sys.exc_info())\nfor f, a in ((sys.exc_info, (1,)), (sys.getdefaultencoding, (1,)), (sys.setswitchinterval, ()), (sys.setswitchinterval, ('a',)), (sys.setswitchinterval, (0,)), (sys.getswitchinterval, (1, 2))):\n    try:\n        f(*a)\n    except (TypeError, ValueError) as e:\n        print(type(e).__name__, e)\nprint(sys.getdefaultencoding(), sys.getswitchinterval())\nsys.setswitchinterval(1e-05)\nprint(sys.getswitchinterval())\nsys.setswitchinterval(True)\nprint(sys.getswitchinterval())\ns = super(int)\nprint(repr(s), sys.getsizeof(s))\nclass A:\n    pass\nprint(repr(super(A, A())))\nclass B(A):\n    pass\nclass C(A):\n    pass\nclass D(B):\n    pass\nprint(A.__subclasses__(), B.__subclasses__(), D.__subclasses__())\ndel B, D\ngc.collect()\nprint(A.__subclasses__())\ntry:\n    A.__subclasses__(1)\nexcept TypeError as e:\n    print(e)\n", stdout: "(None, None, None) None\nTrue True True True\nZeroDivisionError\nKeyError\n(None, None, None)\nTypeError sys.exc_info() takes no arguments (1 given)\nTypeError sys.getdefaultencoding() takes no arguments (1 given)\nTypeError sys.setswitchinterval() takes exactly one argument (0 given)\nTypeError must be real number, not str\nValueError switch interval must be strictly positive\nTypeError sys.getswitchinterval() takes no arguments (2 given)\nutf-8 0.005\n9.999999999999999e-06\n1.0\n<super: <class 'int'>, NULL> 56\n<super: <class 'A'>, <A object>>\n[<class '__main__.B'>, <class '__main__.C'>] [<class '__main__.D'>] []\n[<class '__main__.C'>]\nA.__subclasses__() takes no arguments (1 given)\n", stderr: "" },
  "sys_int_info": { source: "import sys\nprint(sys.int_info, sys.getsizeof(sys.int_info))\nprint(sys.int_info[0], len(sys.int_info), sys.int_info.bits_per_digit, sys.int_info.sizeof_digit, tuple(sys.int_info))\nprint(2 ** sys.int_info.bits_per_digit, isinstance(sys.int_info, tuple))\ntry:\n    sys.int_info.x\nexcept AttributeError as e:\n    print('AttributeError')\n", stdout: "sys.int_info(bits_per_digit=30, sizeof_digit=4, default_max_str_digits=4300, str_digits_check_threshold=640) 72\n30 4 30 4 (30, 4, 4300, 640)\n1073741824 True\nAttributeError\n", stderr: "" },
};

describe('sys.exc_info/exception/getdefaultencoding/switchinterval/int_info, super(C), __subclasses__', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, () => {
      const r = new Sandbox().exec(c.source);
      expect(compareOutcome(r, c)).toBeNull();
    });
  }
});
