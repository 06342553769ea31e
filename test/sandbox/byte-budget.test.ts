/**
 * The byte budget's arithmetic: the heap's running total is sys.getsizeof summed over live
 * objects (CPython's numbers, printed by python3 3.11.7), it follows containers as they
 * grow and shrink, and an allocation that would cross the budget raises MemoryError first,
 * leaving the heap as it was.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox.js';
import { bitLength, getsizeof, intSize, intSizeForBits, strSize } from '../../sandbox/sizes.js';
import { mulSteps, powBits } from '../../sandbox/bigint.js';

describe('sizes computed without walking digits or characters', () => {
  it('int sizes come from the bit length', () => {
    // sys.getsizeof(0), (1), (2**30-1), (2**30), (-2**60), (10**100)
    expect([0, 1, 2 ** 30 - 1, 2 ** 30].map(intSize)).toEqual([28, 28, 28, 32]);
    expect(intSize(-(2n ** 60n))).toBe(36);
    expect(intSize(10n ** 100n)).toBe(72);
    // (10**10**6).bit_length() and sys.getsizeof(10**10**6)
    expect(bitLength(10n ** 1_000_000n)).toBe(3_321_929);
    expect(intSizeForBits(3_321_929)).toBe(442_948);
  });

  it('str sizes follow the widest character', () => {
    // 'a'*100, 'é'*100, 'ā'*100, '😀'*100, 'a'*99 + '😀'
    expect(['a'.repeat(100), 'é'.repeat(100), 'ā'.repeat(100), '😀'.repeat(100), 'a'.repeat(99) + '😀'].map(strSize))
      .toEqual([149, 173, 274, 476, 476]);
  });

  it('powers are sized from the base and exponent before they are computed', () => {
    // (10**10**8).bit_length() == 332192810; the estimate may round up by a bit or two
    const bits = powBits(10n, 100_000_000n);
    expect(bits).toBeGreaterThanOrEqual(332_192_810);
    expect(bits).toBeLessThanOrEqual(332_192_812);
    // Multiplication cost grows faster than linearly in the operands' size.
    expect(mulSteps(2_000_000, 2_000_000)).toBeGreaterThan(2 * mulSteps(1_000_000, 1_000_000));
  });
});

describe('the running total', () => {
  /** Simulated bytes a program adds to a fresh sandbox (measured after a warm-up run). */
  function added(setup: string, code: string, limits = {}): { sb: Sandbox; delta: () => number } {
    const sb = new Sandbox({ limits });
    expect(sb.exec(setup).error).toBeNull();
    const base = sb.runtime.heap.bytes;
    expect(sb.exec(code).error).toBeNull();
    return { sb, delta: () => sb.runtime.heap.bytes - base };
  }

  it('follows a list as it grows by appends (list_resize), a dict and a set as their tables grow', () => {
    // l = []; getsizeof(l) after each of 20 appends of small ints
    const lists = [88, 88, 88, 88, 120, 120, 120, 120, 184, 184, 184, 184, 184, 184, 184, 184, 248, 248, 248, 248];
    const dicts = [224, 224, 224, 224, 224, 352, 352, 352, 352, 352, 632, 632, 632, 632, 632, 632, 632, 632, 632, 632];
    const sets = [216, 216, 216, 216, 728, 728, 728, 728, 728, 728, 728, 728, 728, 728, 728, 728, 728, 728, 2264, 2264];
    const sb = new Sandbox();
    expect(sb.exec('l = []\nd = {}\ns = set()\ni = 0').error).toBeNull();
    for (const [name, add, want] of [['l', 'l.append(i)', lists], ['d', 'd[i] = i', dicts], ['s', 's.add(i)', sets]] as const) {
      const got: number[] = [];
      for (let i = 0; i < 20; i++) {
        expect(sb.exec(`i = ${i}\n${add}`).error).toBeNull();
        const o = sb.runtime.lookup(name)!;
        // What the heap accounts the container for is what sys.getsizeof says now.
        expect(o.simBytes).toBe(getsizeof(o));
        got.push(o.simBytes);
      }
      expect(got).toEqual(want);
    }
  });

  it('goes back to where it was when everything a program made is freed', () => {
    const { sb, delta } = added('import gc\ngc.collect()', 'class N:\n    pass\nx = [N() for i in range(1000)]\ny = {i: str(i) * 3 for i in range(1000)}\nz = set(range(300, 2000))\nw = x[0]\nw.me = w\n');
    expect(delta()).toBeGreaterThan(100_000);
    expect(sb.exec('del x, y, z, w, N\ngc.collect()').error).toBeNull();
    // What stays is what stays in CPython too: the interned names and the code's constants.
    expect(delta()).toBeLessThan(1024);
  });

  it('a list of a million ints is 8448728 + 28 per int past the small ones, as CPython counts', () => {
    // The set-up names `range` too: identifiers are interned when code is compiled, and in
    // CPython the str 'range' exists before any program runs.
    const { delta } = added('nums = None\nrange', 'nums = [i for i in range(1_000_000)]');
    // sys.getsizeof(nums) == 8448728; ints 0..256 are shared (not allocated); the code's
    // constant 1_000_000 is one more int, and the comprehension's code object (compiled
    // with the program, as CPython compiles it) is sys.getsizeof 208 in CPython.
    expect(delta()).toBe(8_448_728 + 28 * (1_000_000 - 257) + 28 + 208);
  });
});

describe('MemoryError before the allocation that would cross the budget', () => {
  it('an append whose list_resize does not fit fails, and the list is as it was', () => {
    const sb = new Sandbox();
    expect(sb.exec('import sys\nl = []\nfor i in range(16):\n    l.append(i)\nprint(sys.getsizeof(l))').stdout).toBe('184\n');
    const heap = sb.runtime.heap;
    // The next append grows the list from 184 to 248 bytes: leave room for 63 more only.
    heap.maxBytes = heap.bytes + 63;
    const r = sb.exec('l.append(16)');
    expect(r.error?.type).toBe('MemoryError');
    expect(r.error?.message).toBe(`the sandbox's memory budget of ${heap.maxBytes} bytes cannot fit 64 bytes more (${heap.maxBytes - 63} in use)`);
    heap.maxBytes = Infinity;
    expect(sb.exec('print(len(l), sys.getsizeof(l))').stdout).toBe('16 184\n');
  });

  it('a dict whose table does not fit stays usable', () => {
    const sb = new Sandbox();
    expect(sb.exec('import sys\nd = {}\nfor i in range(5):\n    d[i] = i\nprint(sys.getsizeof(d))').stdout).toBe('224\n');
    const heap = sb.runtime.heap;
    heap.maxBytes = heap.bytes + 10;
    expect(sb.exec('d[5] = 5').error?.type).toBe('MemoryError');
    heap.maxBytes = Infinity;
    expect(sb.exec('d[5] = 5\nprint(len(d), sys.getsizeof(d), d[5])').stdout).toBe('6 352 5\n');
  });

  it('the budget is a sandbox option, reported back in its limits', () => {
    const sb = new Sandbox({ limits: { maxBytes: 100_000 } });
    expect(sb.limits.maxBytes).toBe(100_000);
    expect(sb.exec('x = [0] * 20_000').error?.type).toBe('MemoryError');
    expect(sb.exec('x = [0] * 10_000').error).toBeNull();
  });
});
