/**
 * Idle sandbox density: create N idle sandboxes through the service's registry (what a
 * POST /v1/sandboxes stores: engine sandbox + registry entry + event channel) and report
 * heap bytes per sandbox and sandboxes per GiB of heap. Target: ≥ 100,000 per GiB.
 *
 * Standalone: `npx tsx bench/sandboxes.ts [count]`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { testConfig } from '../src/config.js';
import { SandboxRegistry } from '../src/registry.js';

export interface SandboxDensity {
  count: number;
  bytesPerSandbox: number;
  sandboxesPerGiB: number;
  createMs: number;
}

/** V8's gc(), exposed if the process was not started with --expose-gc. */
export function collector(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** The JS heap in use after three full V8 collections. */
export function settledHeap(gc: () => void): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

export async function runSandboxDensityBench(count = 100_000): Promise<SandboxDensity> {
  const gc = collector();
  const registry = new SandboxRegistry(testConfig({ limits: { maxSandboxes: count + 1, maxSandboxesPerKey: count + 1 } }).limits);
  const before = settledHeap(gc);
  const t0 = performance.now();
  for (let i = 0; i < count; i++) registry.create({ options: {} });
  const createMs = performance.now() - t0;
  const after = settledHeap(gc);
  if (registry.size !== count) throw new Error('sandboxes went missing');
  const bytesPerSandbox = (after - before) / count;
  const result = { count, bytesPerSandbox, sandboxesPerGiB: Math.floor(2 ** 30 / bytesPerSandbox), createMs };
  registry.close();
  console.log(
    `idle sandboxes: ${count.toLocaleString('en')} created in ${(createMs / 1000).toFixed(1)} s; ` +
      `${(bytesPerSandbox / 1024).toFixed(2)} KiB heap each → ${result.sandboxesPerGiB.toLocaleString('en')} sandboxes per GiB ` +
      `(target ≥ 100,000: ${result.sandboxesPerGiB >= 100_000 ? 'met' : 'NOT met'})`,
  );
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runSandboxDensityBench(Number(process.argv[2] ?? 100_000));
}
