/**
 * Interpreter benchmark: a loop-heavy program building a 300,000-object graph, run in a
 * sandbox and in CPython in the same benchmark run (CPython timed around exec() of the same
 * source, so interpreter start-up is not counted). Prints the ratio.
 */
import { spawnSync } from 'node:child_process';
import { Sandbox } from '../sandbox/sandbox.js';

export const GRAPH_PROGRAM = `
class Node:
    def __init__(self, value):
        self.value = value
        self.children = []

nodes = []
for i in range(100000):
    nodes.append(Node(i))
for i in range(1, 100000):
    parent = nodes[(i * 7) % i]
    parent.children.append(nodes[i])
total = 0
for n in nodes:
    total += len(n.children) + n.value % 3
print(total)
`;

function timeCPython(source: string): { ms: number; stdout: string } | null {
  const runner = `
import sys, time, io, contextlib
src = sys.stdin.read()
buf = io.StringIO()
t0 = time.perf_counter()
with contextlib.redirect_stdout(buf):
    exec(compile(src, "bench", "exec"), {"__name__": "__main__"})
t1 = time.perf_counter()
print((t1 - t0) * 1000)
print(buf.getvalue(), end="")
`;
  const r = spawnSync('python3', ['-c', runner], { input: source, encoding: 'utf8' });
  if (r.status !== 0) return null;
  const [ms, ...rest] = r.stdout.split('\n');
  return { ms: Number(ms), stdout: rest.join('\n') };
}

export function runPythonBench(): void {
  console.log('\n## Interpreter: building a 300,000-object graph (100k instances, their lists, links)');
  new Sandbox().exec(GRAPH_PROGRAM.replace(/100000/g, '5000')); // warm-up
  const sb = new Sandbox();
  const t0 = performance.now();
  const r = sb.exec(GRAPH_PROGRAM);
  const ours = performance.now() - t0;
  if (r.error) {
    console.log(`sandbox failed: ${r.error.type}: ${r.error.message}`);
    return;
  }
  const py = timeCPython(GRAPH_PROGRAM);
  const same = py ? (py.stdout === r.stdout ? 'same output' : `OUTPUT DIFFERS (${JSON.stringify(r.stdout)} vs ${JSON.stringify(py.stdout)})`) : '';
  console.log(`ours ${ours.toFixed(0)} ms   CPython ${py ? py.ms.toFixed(0) + ' ms' : 'n/a'}   ratio ${py ? (ours / py.ms).toFixed(1) + 'x' : 'n/a'} (target <= 30x)   ${same}`);
}

if (import.meta.url === `file://${process.argv[1]}`) runPythonBench();
