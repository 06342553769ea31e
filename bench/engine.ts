/**
 * Engine benchmarks: operations per second through Sandbox.apply (one op per call, the
 * shape an HTTP request has), and memory per empty sandbox.
 */
import { Sandbox } from '../sandbox/sandbox.js';
import type { Op } from '../sandbox/ops.js';

function opsPerSecond(label: string, setup: Op[], op: (i: number) => Op[], iterations: number): void {
  const sb = new Sandbox({ gc: { enabled: false } });
  sb.apply(setup);
  for (let i = 0; i < Math.min(2000, iterations); i++) sb.apply(op(i)); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) {
    const r = sb.apply(op(i));
    if (r.error) throw new Error(`${label}: ${r.error.pythonError.type}: ${r.error.pythonError.message}`);
  }
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(34)} ${Math.round((iterations / ms) * 1000).toLocaleString('en').padStart(10)} ops/s`);
}

export function runEngineBench(): void {
  console.log('\n## Engine operations (one op per Sandbox.apply call)');
  const n = 100_000;
  opsPerSecond('alloc list (rebinding a name)', [], () => [{ op: 'alloc', type: 'list', name: 'a' }], n);
  opsPerSecond('ref (x.attr = y)', [
    { op: 'class', name: 'C' }, { op: 'alloc', type: 'instance', class: 'C', name: 'x' }, { op: 'alloc', type: 'list', name: 'y' },
  ], () => [{ op: 'ref', from: 'x', attr: 'item', to: 'y' }], n);
  opsPerSecond('alloc + del', [], (i) => (i % 2 === 0 ? [{ op: 'alloc', type: 'dict', name: 'd' }] : [{ op: 'del', name: 'd' }]), n);
  opsPerSecond('getrefcount', [{ op: 'alloc', type: 'list', name: 'a' }], () => [{ op: 'getrefcount', target: 'a' }], n);
  opsPerSecond('collect(0) on a small heap', [{ op: 'alloc', type: 'list', name: 'a' }], () => [{ op: 'collect', generation: 0 }], n / 10);

  console.log('\n## Memory per empty sandbox');
  const count = 20_000;
  const keep: Sandbox[] = [];
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) keep.push(new Sandbox());
  global.gc?.();
  const after = process.memoryUsage().heapUsed;
  const per = (after - before) / count;
  console.log(`${count.toLocaleString('en')} sandboxes: ${(per / 1024).toFixed(2)} KiB each (target <= 10 KiB), ${Math.floor((1 << 30) / per).toLocaleString('en')} per GiB${global.gc ? '' : ' (run node with --expose-gc for a steadier figure)'}`);
  keep.length = 0;
}

if (import.meta.url === `file://${process.argv[1]}`) runEngineBench();
