// Seeded generator of random "memory lesson" programs for differential testing
// against CPython 3.11 (see record.py --random and random-expected.json).
//
// Every program is valid Python in heaplab's subset, deterministic (it never
// prints addresses, ids, reprs of instances or hash-ordered sets), and starts
// with `gc.disable()` + `gc.collect()` so only explicit collections happen.
// The generator tracks which kind of object each variable holds, so it never
// touches an unbound name (except inside `try/except NameError` on purpose)
// and only applies operations that fit the object.
//
// The output for a seed must never change once recorded: random-expected.json
// stores the program text and corpus.test.ts checks that the generator still
// reproduces it.  Changing the generator means re-recording (see gen-cli.ts).

/** mulberry32: a tiny, well-mixed 32-bit PRNG (no Math.random anywhere). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** What a variable currently holds. Instances remember their class index. */
type Kind =
  | { k: 'unbound' }
  | { k: 'none' }
  | { k: 'list' }
  | { k: 'dict' }
  | { k: 'inst'; cls: number };

type ObjKind = Exclude<Kind, { k: 'unbound' } | { k: 'none' }>;

/** Class roles: 0 plain, 1 finalizer prints, 2 finalizer prints and resurrects. */
const CLASS_DEFS: readonly string[] = [
  ['class Plain:', '    def __init__(self, name):', '        self.name = name'].join('\n'),
  [
    'class Loud:',
    '    def __init__(self, name):',
    '        self.name = name',
    '',
    '    def __del__(self):',
    '        print("del", self.name)',
  ].join('\n'),
  [
    'class Phoenix:',
    '    def __init__(self, name):',
    '        self.name = name',
    '',
    '    def __del__(self):',
    '        print("resurrect", self.name)',
    '        saved.append(self)',
  ].join('\n'),
];
const CLASS_NAMES = ['Plain', 'Loud', 'Phoenix'] as const;
const ATTRS = ['a0', 'a1', 'a2'] as const;
const KEYS = ['k0', 'k1', 'k2'] as const;

interface FuncDef {
  name: string;
  /** What a call returns: None, an int worth printing, or an instance of a class. */
  returns: ObjKind | 'none' | 'int';
}

class ProgramBuilder {
  private readonly lines: string[] = [];
  private readonly vars: Kind[];
  private readonly weak: boolean[];
  private readonly funcs: FuncDef[] = [];
  private label = 0;

  constructor(
    private readonly rng: Rng,
    nVars: number,
    nWeak: number,
  ) {
    this.vars = Array.from({ length: nVars }, () => ({ k: 'unbound' }) as Kind);
    this.weak = Array.from({ length: nWeak }, () => false);
  }

  private freshLabel(): string {
    return `o${this.label++}`;
  }

  private emit(line: string): void {
    this.lines.push(line);
  }

  private varsWhere(pred: (kind: Kind) => boolean): number[] {
    const out: number[] = [];
    this.vars.forEach((kind, i) => {
      if (pred(kind)) out.push(i);
    });
    return out;
  }

  private objVars(): number[] {
    return this.varsWhere((k) => k.k === 'list' || k.k === 'dict' || k.k === 'inst');
  }

  private newObjectExpr(): { expr: string; kind: ObjKind } {
    const r = this.rng.int(0, 9);
    if (r < 3) return { expr: '[]', kind: { k: 'list' } };
    if (r < 5) return { expr: '{}', kind: { k: 'dict' } };
    const cls = this.rng.pick([0, 1, 1, 1, 2]);
    return { expr: `${CLASS_NAMES[cls]}("${this.freshLabel()}")`, kind: { k: 'inst', cls } };
  }

  /** Declares one or two helper functions whose locals die on return. */
  defineFunctions(): void {
    const count = this.rng.int(1, 2);
    for (let f = 0; f < count; f++) {
      const name = `f${f}`;
      const cls = this.rng.pick([0, 1, 1, 2]);
      const variant = this.rng.int(0, 3);
      const body: string[] = [`def ${name}(arg):`, `    tmp = ${CLASS_NAMES[cls]}("${name}_tmp")`];
      let returns: FuncDef['returns'] = 'none';
      if (variant === 0) {
        // local linked to the argument, dies on return
        body.push('    tmp.a0 = arg', `    print("${name}", sys.getrefcount(arg))`);
      } else if (variant === 1) {
        // local self-cycle: survives the return until a collection
        body.push('    tmp.a0 = tmp', '    tmp.a1 = arg', `    print("${name}", sys.getrefcount(tmp))`);
      } else if (variant === 2) {
        // the local is returned and survives
        body.push('    tmp.a0 = arg', '    return tmp');
        returns = { k: 'inst', cls };
      } else {
        // a temporary list of objects, freed item by item on return
        body.push(
          '    items = [tmp]',
          '    for i in range(2):',
          `        items.append(${CLASS_NAMES[cls]}(f"${name}_item{i}"))`,
          '    items.append(arg)',
          '    return len(items)',
        );
        returns = 'int';
      }
      this.funcs.push({ name, returns });
      this.emit(body.join('\n'));
      this.emit('');
    }
  }

  /** Emits one random statement that is valid in the current state. */
  statement(): void {
    const objs = this.objVars();
    const lists = this.varsWhere((k) => k.k === 'list');
    const dicts = this.varsWhere((k) => k.k === 'dict');
    const insts = this.varsWhere((k) => k.k === 'inst');
    const unbound = this.varsWhere((k) => k.k === 'unbound');
    const v = (i: number) => `v${i}`;
    const roll = this.rng.int(0, 99);

    if (objs.length < 2 || roll < 14) {
      const target = this.rng.int(0, this.vars.length - 1);
      const { expr, kind } = this.newObjectExpr();
      this.emit(`${v(target)} = ${expr}`);
      this.vars[target] = kind;
      return;
    }
    if (roll < 34) {
      // link: creates references, often cycles
      const a = this.rng.pick(objs);
      const b = this.rng.pick(objs);
      const ka = this.vars[a]!;
      if (ka.k === 'list') this.emit(`${v(a)}.append(${v(b)})`);
      else if (ka.k === 'dict') this.emit(`${v(a)}["${this.rng.pick(KEYS)}"] = ${v(b)}`);
      else this.emit(`${v(a)}.${this.rng.pick(ATTRS)} = ${v(b)}`);
      return;
    }
    if (roll < 38) {
      // a container gets an anonymous new object
      const a = this.rng.pick(objs);
      const cls = this.rng.pick([0, 1, 1, 2]);
      const obj = `${CLASS_NAMES[cls]}("${this.freshLabel()}")`;
      const ka = this.vars[a]!;
      if (ka.k === 'list') this.emit(`${v(a)}.append(${obj})`);
      else if (ka.k === 'dict') this.emit(`${v(a)}["${this.rng.pick(KEYS)}"] = ${obj}`);
      else this.emit(`${v(a)}.${this.rng.pick(ATTRS)} = ${obj}`);
      return;
    }
    if (roll < 44) {
      // unlink
      const a = this.rng.pick(objs);
      const ka = this.vars[a]!;
      const r = this.rng.int(0, 2);
      if (ka.k === 'list') {
        if (r === 0) this.emit(`${v(a)}.clear()`);
        else if (r === 1) this.emit(`if ${v(a)}:\n    ${v(a)}.pop()`);
        else this.emit(`del ${v(a)}[:1]`);
      } else if (ka.k === 'dict') {
        if (r === 0) this.emit(`${v(a)}.clear()`);
        else this.emit(`${v(a)}.pop("${this.rng.pick(KEYS)}", None)`);
      } else {
        const attr = this.rng.pick(ATTRS);
        if (r === 0) this.emit(`${v(a)}.${attr} = None`);
        else this.emit(`if hasattr(${v(a)}, "${attr}"):\n    del ${v(a)}.${attr}`);
      }
      return;
    }
    if (roll < 50) {
      // alias or drop a name
      const a = this.rng.pick(objs);
      const r = this.rng.int(0, 2);
      if (r === 0) {
        const target = this.rng.int(0, this.vars.length - 1);
        this.emit(`${v(target)} = ${v(a)}`);
        this.vars[target] = this.vars[a]!;
      } else if (r === 1) {
        this.emit(`del ${v(a)}`);
        this.vars[a] = { k: 'unbound' };
      } else {
        this.emit(`${v(a)} = None`);
        this.vars[a] = { k: 'none' };
      }
      return;
    }
    if (roll < 58) {
      this.emit(`print(sys.getrefcount(${v(this.rng.pick(objs))}))`);
      return;
    }
    if (roll < 68) {
      const r = this.rng.int(0, 5);
      if (r <= 2) this.emit('print(gc.collect())');
      else if (r === 3) this.emit('print(gc.collect(0))');
      else if (r === 4) this.emit('print(gc.collect(1))');
      else this.emit('gc.collect(0)');
      return;
    }
    if (roll < 72) {
      this.emit(`print(gc.is_tracked(${v(this.rng.pick(objs))}))`);
      return;
    }
    if (roll < 75 && lists.length + dicts.length > 0) {
      this.emit(`print(len(${v(this.rng.pick([...lists, ...dicts]))}))`);
      return;
    }
    if (roll < 81 && insts.length > 0) {
      // weak reference with a printing callback
      const w = this.rng.int(0, this.weak.length - 1);
      const target = this.rng.pick(insts);
      if (this.weak[w] && this.rng.chance(0.5)) {
        this.emit(`print("w${w} dead:", w${w}() is None)`);
      } else {
        this.emit(`w${w} = weakref.ref(${v(target)}, lambda r: print("callback w${w}"))`);
        this.weak[w] = true;
      }
      return;
    }
    if (roll < 86) {
      const f = this.rng.pick(this.funcs);
      const arg = v(this.rng.pick(objs));
      if (f.returns === 'none') {
        this.emit(`${f.name}(${arg})`);
      } else if (f.returns === 'int') {
        this.emit(`print(${f.name}(${arg}))`);
      } else {
        const target = this.rng.int(0, this.vars.length - 1);
        this.emit(`${v(target)} = ${f.name}(${arg})`);
        this.vars[target] = f.returns;
      }
      return;
    }
    if (roll < 89) {
      const r = this.rng.int(0, 2);
      if (r === 0) this.emit('print("saved", len(saved))');
      else if (r === 1) this.emit('saved.clear()');
      else this.emit('print([s.name for s in saved])');
      return;
    }
    if (roll < 92 && insts.length > 0) {
      const a = this.rng.pick(insts);
      const r = this.rng.int(0, 2);
      if (r === 0) this.emit(`print(${v(a)}.name, type(${v(a)}).__name__)`);
      else if (r === 1) this.emit(`print(hasattr(${v(a)}, "${this.rng.pick(ATTRS)}"))`);
      else this.emit(`print(gc.is_finalized(${v(a)}))`);
      return;
    }
    if (roll < 94 && lists.length > 0) {
      // a loop filling a list with fresh objects
      const a = this.rng.pick(lists);
      const cls = this.rng.pick([0, 1, 2]);
      const base = this.freshLabel();
      const n = this.rng.int(2, 3);
      this.emit(`for i in range(${n}):\n    ${v(a)}.append(${CLASS_NAMES[cls]}(f"${base}_{i}"))`);
      return;
    }
    if (roll < 96 && unbound.length > 0) {
      this.emit(`try:\n    print(${v(this.rng.pick(unbound))})\nexcept NameError as e:\n    print(repr(e))`);
      return;
    }
    // fallback: a plain allocation
    const target = this.rng.int(0, this.vars.length - 1);
    const { expr, kind } = this.newObjectExpr();
    this.emit(`${v(target)} = ${expr}`);
    this.vars[target] = kind;
  }

  build(nStatements: number): string {
    const header = [
      '# Generated by test/conformance/generate.ts',
      'import gc, sys, weakref',
      '',
      'gc.disable()',
      'gc.collect()',
      'saved = []',
      '',
    ];
    const lines = [...header];
    // classes (all three, so any statement can use any)
    for (const def of CLASS_DEFS) lines.push(def, '', '');
    this.defineFunctions();
    lines.push(...this.lines.splice(0));
    for (let i = 0; i < nStatements; i++) this.statement();
    lines.push(...this.lines, 'print("end")');
    return lines.join('\n') + '\n';
  }
}

/** The program for a seed: same seed, same text, forever. */
export function generateProgram(seed: number): string {
  const rng = new Rng(seed);
  const nVars = rng.int(3, 6);
  const nWeak = rng.int(1, 3);
  const nStatements = rng.int(15, 60);
  return new ProgramBuilder(rng, nVars, nWeak).build(nStatements);
}
