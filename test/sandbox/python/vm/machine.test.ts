// The bytecode machine (sandbox/python/vm/machine) running CPython 3.11's own code objects:
// every fixture must print what CPython printed, stop and resume at any instruction
// boundary with the same output, recurse to depth 990 without a deeper JS stack, and report
// the trace events CPython's sys.settrace reports.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SandboxRuntime } from '../../../../sandbox/runtime.js';
import { execCompiled, startCompiled } from '../../../../sandbox/python/vm/exec.js';
import { machineFor } from '../../../../sandbox/python/vm/machine/machine.js';
import { interpreterFor } from '../../../../sandbox/python/interpreter.js';
import { fixtureNames, loadFixture } from './fixtures.js';

describe('CPython code objects run on the machine', () => {
  for (const name of fixtureNames()) {
    it(`${name} prints what CPython prints`, () => {
      const fx = loadFixture(name);
      const out = execCompiled(new SandboxRuntime(), fx.code, fx.source);
      expect(out.stdout).toBe(fx.stdout);
      expect(out.stderr).toBe(fx.stderr);
    });
  }
});

describe('stopping and resuming', () => {
  for (const [name, slice] of [['generators', 1], ['classes', 7], ['functions', 13], ['exceptions', 50]] as const) {
    it(`${name} run ${slice} instruction(s) at a time prints the same as a whole run`, () => {
      const fx = loadFixture(name);
      const rt = new SandboxRuntime();
      const run = startCompiled(interpreterFor(rt), fx.code, fx.source);
      let slices = 1;
      let printedBeforeEnd = false;
      while (!run.advance(slice)) {
        if (rt.stdout.length > 0) printedBeforeEnd = true;
        slices++;
      }
      const out = run.outcome!;
      expect(slices).toBeGreaterThan(5);
      expect(printedBeforeEnd).toBe(true);
      expect(out.stdout).toBe(fx.stdout);
      expect(out.stderr).toBe(fx.stderr);
    });
  }

  it('a suspended run holds its frames: nothing runs until it is resumed', () => {
    const fx = loadFixture('control_flow');
    const rt = new SandboxRuntime();
    const run = startCompiled(interpreterFor(rt), fx.code, fx.source);
    expect(run.advance(40)).toBe(false);
    const m = machineFor(interpreterFor(rt));
    const printed = rt.stdout;
    expect(printed.length).toBeGreaterThan(0);
    expect(fx.stdout.startsWith(printed)).toBe(true);
    expect(fx.stdout.length).toBeGreaterThan(printed.length);
    expect(m.stack.length).toBe(1);
    expect(rt.stdout).toBe(printed);
    expect(run.advance()).toBe(true);
    expect(run.outcome!.stdout).toBe(fx.stdout);
  });
});

describe('recursion', () => {
  it('reaches depth 990 in a child node without --stack-size', () => {
    const fx = loadFixture('recursion');
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'recursion-child.ts'), 'recursion'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(child.stderr).toBe('');
    const out = JSON.parse(child.stdout) as { stdout: string; stderr: string };
    expect(out.stdout).toBe(fx.stdout);
    expect(out.stderr).toBe(fx.stderr);
  });
});

describe('trace events', () => {
  // Under settrace CPython's own tracer function runs as Python frames in the same recursion
  // budget, so where runaway recursion stops differs from an untraced run: not compared.
  for (const name of fixtureNames().filter((n) => n !== 'recursion')) {
    it(`${name} reports the call/line/return/exception events CPython's tracer sees`, () => {
      const fx = loadFixture(name);
      const steps: [string, number | string][] = [];
      const out = execCompiled(new SandboxRuntime(), fx.code, fx.source, (event, _f, line) => steps.push([event, line]));
      if (out.error) steps.push(['uncaught', out.error.type]);
      expect(steps).toEqual(fx.trace);
    });
  }
});
