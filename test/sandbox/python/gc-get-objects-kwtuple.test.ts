// The first keyword call of gc.get_objects creates argument clinic's kwtuple ('generation',), one more tracked object from then on.
// Expected outputs were produced by CPython 3.11.7 (conformance/oracle.py) and hard-coded here.
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';
import { compareOutcome } from '../../conformance/run-sandbox.js';

const CASES: Record<string, { source: string; stdout: string; stderr: string }> = {
  "gc_get_objects_kwtuple": { source: "import gc\ngc.disable()\ngc.collect()\na = len(gc.get_objects()); b = len(gc.get_objects(generation=None)); c = len(gc.get_objects(generation=None)); d = len(gc.get_objects())\nprint(b - a, c - a, d - a)\nprint(len(gc.get_objects()) == len(gc.get_objects(generation=None)))\nx = gc.get_objects(generation=None)\nprint([o for o in x if type(o) is tuple and o == ('generation',)])\n", stdout: "1 1 1\nTrue\n[('generation',)]\n", stderr: "" },
};

describe('gc.get_objects: the keyword tuple argument clinic makes', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, () => {
      const r = new Sandbox().exec(c.source);
      expect(compareOutcome(r, c)).toBeNull();
    });
  }
});
