/** The heap graph: what a lesson draws, and everything with view 'all'. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox.js';

const SEED_CYCLE = `
class MyObject:
    def __init__(self, name):
        self.name = name

obj1 = MyObject("obj1")
obj2 = MyObject("Obj2")
obj1.ref = obj2
obj2.ref = obj1
`;

describe('graph', () => {
  it('starts from the names, labels edges by slot, and keeps classes as leaves', () => {
    const sb = new Sandbox();
    expect(sb.exec(SEED_CYCLE + 'items = [obj1, {"k": obj2}]\n').error).toBeNull();
    const g = sb.graph();
    const byLabel = (l: string) => g.nodes.filter((n) => n.label === l);
    expect(byLabel('MyObject instance')).toHaveLength(2);
    expect(g.roots.map((r) => r.name).sort()).toEqual(['MyObject', 'items', 'obj1', 'obj2']);
    const labels = g.edges.map((e) => e.label);
    expect(labels).toEqual(expect.arrayContaining(['.name', '.ref', '.__class__', '[0]', '[1]', "['k']"]));
    // The class is drawn but not opened: no MRO tuple or namespace dict in the picture.
    const cls = g.nodes.find((n) => n.label === 'class MyObject')!;
    expect(g.edges.filter((e) => e.from === cls.id)).toEqual([]);
    expect(g.nodes.some((n) => n.type === 'tuple')).toBe(false);
  });

  it('shows a cycle that lost its names until the collector frees it', () => {
    const sb = new Sandbox();
    sb.exec('import gc\ngc.disable()\n' + SEED_CYCLE + 'del obj1, obj2\n');
    const before = sb.graph();
    const instances = before.nodes.filter((n) => n.label === 'MyObject instance');
    expect(instances).toHaveLength(2);
    expect(instances.every((n) => n.refcount === 1 && n.generation === 0)).toBe(true);
    expect(before.edges.filter((e) => e.label === '.ref')).toHaveLength(2);
    sb.exec('gc.collect()');
    expect(sb.graph().nodes.filter((n) => n.label === 'MyObject instance')).toHaveLength(0);
  });

  it("view 'all' includes the class internals, and dot output carries edge labels", () => {
    const sb = new Sandbox();
    sb.exec(SEED_CYCLE);
    const all = sb.graph({ view: 'all' });
    expect(all.nodes.some((n) => n.type === 'tuple')).toBe(true); // __mro__ / __bases__
    expect(all.nodes.length).toBeGreaterThan(sb.graph().nodes.length);
    const dot = sb.toDot();
    expect(dot).toMatch(/^digraph heap \{/);
    expect(dot).toContain('[label=".ref"]');
  });
});
