// Comparing lists and tuples: equality never orders items; orderings use the operator asked for.
// Expected outputs were produced by CPython 3.11.7 (conformance/oracle.py) and hard-coded here.
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';
import { compareOutcome } from '../../conformance/run-sandbox.js';

const CASES: Record<string, { source: string; stdout: string; stderr: string }> = {
  "seq_compare": { source: "n = float('nan')\nprint([n] == [n], [n] == [float('nan')], (1, 2) < (1, 3), (1, 2) >= (1,), [1, [2]] < [1, [3]], [] == [], () != ())\nclass A:\n    def __gt__(self, o): print('A.gt'); return True\n    def __lt__(self, o): print('A.lt'); return False\n    def __eq__(self, o): print('A.eq'); return False\nprint([A()] > [A()])\nprint((A(),) < (A(),))\nprint(sorted([(2, 'b'), (1, 'z'), (2, 'a')]))\nprint([1, 2] == [1, 2, 3], (1, 2) == (1, 2, 3))\nprint(({},) == ({\"z\": 2},), [{}] != [{\"z\": 2}], ({1: 2},) < ({1: 2}, 1))\ntry:\n    ({},) < ({\"z\": 2},)\nexcept TypeError as e:\n    print(e)\n", stdout: "True False True True True True False\nA.eq\nA.gt\nTrue\nA.eq\nA.lt\nFalse\n[(1, 'z'), (2, 'a'), (2, 'b')]\nFalse False\nFalse True True\n'<' not supported between instances of 'dict' and 'dict'\n", stderr: "" },
};

describe('list and tuple comparison (list_richcompare, tuplerichcompare)', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, () => {
      const r = new Sandbox().exec(c.source);
      expect(compareOutcome(r, c)).toBeNull();
    });
  }
});
