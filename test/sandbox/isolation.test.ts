/**
 * Isolation between sandboxes in one process (issue 8): builtin types are process-wide
 * singletons, so nothing a sandbox installs or runs may live on them. Each test runs a
 * program in a sandbox alone and again while other sandboxes (created before and after it)
 * run their own programs between its steps; everything the program observes or reports —
 * stdout, errors, events, ids, heap statistics — must be the same both ways.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox.js';
import type { SandboxOptions } from '../../sandbox/ops.js';
import { None, listType, objectType, smallInt } from '../../sandbox/objects.js';

/** What a step shows: its reply (events carry ids) and the heap statistics after it. */
function snapshot(sb: Sandbox, code: string): unknown {
  const r = sb.exec(code);
  return { stdout: r.stdout, stderr: r.stderr, error: r.error, events: r.events, stats: sb.stats(), bytes: sb.approxBytes(), objects: sb.objectCount };
}

function runAlone(steps: string[], options?: SandboxOptions): unknown[] {
  const sb = new Sandbox(options);
  return steps.map((s) => snapshot(sb, s));
}

/**
 * `steps` in sandbox A while `others` sandboxes (some made before A, some after) run
 * `noise` between each of A's steps; A's snapshots.
 */
function runAmong(steps: string[], noise: string[], options?: SandboxOptions): unknown[] {
  const before = new Sandbox();
  before.exec(noise[0]!);
  const a = new Sandbox(options);
  const out: unknown[] = [];
  const after: Sandbox[] = [];
  steps.forEach((s, i) => {
    const late = new Sandbox();
    late.exec(noise[i % noise.length]!);
    after.push(late);
    out.push(snapshot(a, s));
    before.exec(noise[(i + 1) % noise.length]!);
    for (const o of after) o.exec(noise[(i + 2) % noise.length]!);
  });
  return out;
}

/** Programs touching the builtin types' methods every way a program can reach them. */
const PROGRAMS: Record<string, string[]> = {
  'unbound builtin methods': [
    'a = []\nd = {}\nfor i in range(1000):\n    list.append(a, i)\nprint(len(a))',
    "dict.setdefault(d, 'k', 1)\ns = str.join(',', ['x', 'y'])\ngetattr(list, 'append')(a, 2)\nprint(d, s, len(a))",
    'type(a).append(a, 3)\ntype(d).update(d, z=2)\nimport sys\nprint(sys.getrefcount(a), sys.getsizeof(a), sys.getsizeof(d), id(len), id(sys))',
    'm = list.append\nprint(m, list.count(a, 3), dict.get(d, "k"), set.add, str.upper("ab"))',
  ],
  'methods through subclass instances': [
    'class C:\n    def __init__(self):\n        super().__init__()\n        object.__setattr__(self, "x", [])\ncs = [C() for _ in range(300)]\nprint(cs[0].__sizeof__(), C.__init__, cs[0].x)',
    'class E(ValueError):\n    pass\ne = E(1, 2)\nprint(e.args, e.with_traceback(None) is e, str(e))\nimport gc\nprint(gc.collect())',
  ],
  'copy and pprint': [
    'import copy, pprint\nx = [[1, 2], {3: 4}, (5, [6])]\ny = copy.deepcopy(x)\nz = copy.copy(x)\npprint.pprint(y)',
    'import sys\nprint(sys.getrefcount(x[0]), y == x, z[0] is x[0], y[0] is x[0])',
  ],
  'weakref collections': [
    'import weakref, gc\nclass C:\n    pass\nobjs = [C() for _ in range(5)]\nws = weakref.WeakSet(objs)\nwd = weakref.WeakValueDictionary()\nwd[1] = objs[0]\nwk = weakref.WeakKeyDictionary()\nwk[objs[1]] = 2',
    'print(len(ws), len(wd), len(wk))\ndel objs\nprint(gc.collect(), len(ws), len(wd), len(wk))',
  ],
  tracemalloc: [
    'import tracemalloc\ntracemalloc.start()\nx = [0] * 1000\nprint(tracemalloc.get_traced_memory())',
    'y = [x] * 10\nsnap = tracemalloc.take_snapshot()\nprint(len(snap.statistics("lineno")) > 0, id(tracemalloc.start))\ntracemalloc.stop()',
  ],
  bytearray: [
    "b = bytearray(b'abc')\nb.extend(b'def')\nbytearray.append(b, 65)\nprint(b, len(b))",
    'import sys\nprint(sys.getsizeof(b), b.pop(), bytearray.pop(b), len(b))',
  ],
  'weakrefs to builtin types': [
    'import weakref\nr = weakref.ref(list)\nr2 = weakref.ref(ValueError, print)\nr3 = weakref.ref(list)\nprint(r is r3, r() is list, weakref.getweakrefcount(list), weakref.getweakrefcount(ValueError))',
    'print(weakref.getweakrefs(list) == [r], len(weakref.getweakrefs(ValueError)), id(r))\ndel r, r3\nprint(weakref.getweakrefcount(list))',
  ],
  'attributes on object() and exception instances': [
    "o = object()\ntry:\n    o.a = 1\nexcept AttributeError as err:\n    print(err)\ne = KeyError(1)\ne.y = 2\ne.z = 3\nprint(sorted(e.__dict__))",
    "try:\n    o.__dict__\nexcept AttributeError as err:\n    print(err)\nimport sys\nprint(sys.getsizeof(e.__dict__))",
  ],
  'exception instances and linecache': [
    'e = ValueError(1)\ne.x = 1\nimport sys, linecache\nprint(sys.getsizeof(e.__dict__), e.x, id(linecache.getline))',
    'try:\n    [].pop()\nexcept IndexError as err:\n    print(err, err.args)',
  ],
};

/** What the other sandboxes run meanwhile: the same kinds of work, more of it. */
const NOISE = [
  'n = []\nfor i in range(2000):\n    list.append(n, i)\nclass L(list):\n    pass\nq = L()\nq.append(1)',
  "import copy, pprint, weakref, tracemalloc\ntracemalloc.start()\nk = copy.deepcopy([[1] * 50] * 5)\ndict.setdefault({}, 'a', k)\nb = bytearray(100)\nb.extend(b'x' * 100)",
  'import gc\nclass N:\n    pass\nws = weakref.WeakSet([N() for _ in range(20)])\ne = KeyError(2)\ne.y = [1, 2]\ngc.collect()\ntracemalloc.stop()',
  'import weakref\nkeep = [weakref.ref(list), weakref.ref(ValueError, len), weakref.ref(KeyError), weakref.ref(list, print)]\ntry:\n    object().b = 1\nexcept AttributeError:\n    pass\nfor i in range(40):\n    e = KeyError(i)\n    setattr(e, "n" + str(i), i)',
];

describe('sandboxes in one process do not see each other', () => {
  for (const [title, steps] of Object.entries(PROGRAMS)) {
    it(`${title}: the same program alone and among other sandboxes`, () => {
      const alone = runAlone(steps);
      for (const s of alone) expect((s as { error: unknown }).error).toBeNull();
      expect(runAmong(steps, NOISE)).toEqual(alone);
      // And alone again after all that: nothing accumulated in the process.
      expect(runAlone(steps)).toEqual(alone);
    });
  }

  it('every program, run together in one sandbox, alone and among others', () => {
    const steps = Object.values(PROGRAMS).flat();
    expect(runAmong(steps, NOISE)).toEqual(runAlone(steps));
  });

  /** A deterministic generator (mulberry32) for the property below. */
  const rng = (seed: number) => (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  it('property: any mix of programs in A, any others in B, A sees what it sees alone', () => {
    const groups = Object.values(PROGRAMS);
    for (let seed = 1; seed <= 6; seed++) {
      const next = rng(seed);
      const order = groups.map((g) => ({ g, k: next() })).sort((x, y) => x.k - y.k).map((x) => x.g);
      const cut = 1 + Math.floor(next() * (order.length - 1));
      const mine = order.slice(0, cut).flat();
      const theirs = order.slice(cut).flat();
      expect(runAmong(mine, theirs), `seed ${seed}`).toEqual(runAlone(mine));
    }
  });

  it('builtin types and singletons are frozen once a sandbox exists: writing to one throws', () => {
    new Sandbox().exec('x = [1]');
    for (const t of [listType, objectType]) {
      expect(Object.isFrozen(t)).toBe(true);
      expect(() => {
        (t as { unhashable: boolean }).unhashable = true;
      }).toThrow(TypeError);
      expect(() => t.sharedKeys.push('x')).toThrow(TypeError);
    }
    for (const o of [None, smallInt(1)!]) {
      expect(() => {
        (o as { weakrefs: unknown }).weakrefs = [];
      }).toThrow(TypeError);
    }
  });

  it("another sandbox's appends are not charged to this sandbox's byte budget", () => {
    const options: SandboxOptions = { limits: { maxBytes: 64 * 1024 } };
    const small = new Sandbox(options);
    const s0 = snapshot(small, 'a = []');
    const big = new Sandbox();
    big.exec('b = []');
    const smallLast = new Sandbox(options);
    smallLast.exec('a = []');
    const before = [small.stats(), small.approxBytes(), smallLast.stats(), smallLast.approxBytes()];
    const r = big.exec('for i in range(20000):\n    list.append(b, i)\n    dict.setdefault({}, i, b)\nprint(len(b))');
    expect(r.error).toBeNull();
    expect(r.stdout).toBe('20000\n');
    expect([small.stats(), small.approxBytes(), smallLast.stats(), smallLast.approxBytes()]).toEqual(before);
    // The small sandboxes still have their whole budget.
    const step = 'for i in range(1000):\n    list.append(a, i)\nprint(len(a))';
    expect(snapshot(small, step)).toEqual(runAlone(['a = []', step], options)[1]);
    expect(s0).toEqual(runAlone(['a = []'], options)[0]);
  });

  it("a MemoryError in one sandbox is its own: the other's heap is untouched", () => {
    const options: SandboxOptions = { limits: { maxBytes: 64 * 1024 } };
    const tight = new Sandbox(options);
    tight.exec('a = []');
    const roomy = new Sandbox();
    roomy.exec('b = []');
    const before = [roomy.stats(), roomy.approxBytes()];
    const r = tight.exec('for i in range(100000):\n    list.append(a, i)');
    expect(r.error?.type).toBe('MemoryError');
    expect([roomy.stats(), roomy.approxBytes()]).toEqual(before);
    expect(roomy.exec('for i in range(10000):\n    list.append(b, i)\nprint(len(b))').stdout).toBe('10000\n');
  });
});
