/** an attribute CPython's builtin type has but heaplab lacks is NotImplementedError; one CPython lacks is AttributeError; every expected output is what python3 (3.11.7) printed for the same program. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const CASES: { name: string; program: string; cpython: string }[] = [
  {
    name: "type_attrs",
    program: "class C:\n    pass\nc = C()\ndef show(label, f):\n    try:\n        r = f()\n        print(label, '->', r)\n    except AttributeError as e:\n        print(label, '->', 'AttributeError:', e)\nshow('c.nope', lambda: c.nope)\nshow('C.nope', lambda: C.nope)\nshow('[].nope', lambda: [].nope)\nshow('int.nope', lambda: int.nope)\nshow('(1).nope', lambda: (1).nope)\nshow('None.nope', lambda: None.nope)\nshow('len.nope', lambda: len.nope)\nshow('\"s\".nope', lambda: \"s\".nope)\ntry:\n    raise ValueError('x')\nexcept ValueError as e:\n    show('e.nope', lambda: e.nope)\nprint(hasattr(c, 'nope'), getattr([], 'nope', 'dflt'))\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "c.nope -> AttributeError: 'C' object has no attribute 'nope'\nC.nope -> AttributeError: type object 'C' has no attribute 'nope'\n[].nope -> AttributeError: 'list' object has no attribute 'nope'\nint.nope -> AttributeError: type object 'int' has no attribute 'nope'\n(1).nope -> AttributeError: 'int' object has no attribute 'nope'\nNone.nope -> AttributeError: 'NoneType' object has no attribute 'nope'\nlen.nope -> AttributeError: 'builtin_function_or_method' object has no attribute 'nope'\n\"s\".nope -> AttributeError: 'str' object has no attribute 'nope'\ne.nope -> AttributeError: 'ValueError' object has no attribute 'nope'\nFalse dflt\n",
  },
];

const mask = (s: string): string => s.replace(/0x[0-9a-f]+/g, '0x?');

describe("an attribute CPython's builtin type has but heaplab lacks is NotImplementedError; one CPython lacks is AttributeError", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(mask(r.stdout)).toBe(c.cpython);
    });
  }
});

describe('a builtin attribute heaplab lacks', () => {
  it('is refused naming it (python3 prints a tuple for [1, 2].__reduce_ex__(2))', () => {
    const r = new Sandbox().exec('x = [1, 2]\nprint(x.__reduce_ex__(2))\n');
    expect(r.error?.type).toBe('NotImplementedError');
    expect(r.error?.message).toBe("heaplab does not support 'list.__reduce_ex__'");
  });
});
