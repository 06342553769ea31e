/**
 * `npm run bench`: every benchmark, each against its peer in the same run (CPython on the
 * same graph or program, bare Fastify on the same body), printing ratios. Benchmarks, not
 * tests: nothing here asserts a time.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { engineWorker, moduleBeside } from '../src/threads/engine-thread.js';
import { runGcBench } from './gc.js';
import { runEngineBench } from './engine.js';
import { runPythonBench } from './python.js';
import { runHttpBench } from './http.js';
import { runHostileBench } from './hostile.js';
import { runPressureBench } from './pressure.js';
import { runFairnessBench } from './fairness.js';
import { runDurableBench } from './durable.js';

const only = isMainThread ? process.argv[2] : (workerData as { only?: string }).only;
const suites: Record<string, () => Promise<void> | void> = {
  gc: () => runGcBench(process.env.BENCH_N ? [Number(process.env.BENCH_N)] : undefined),
  engine: () => runEngineBench(),
  python: async () => {
    await runPythonBench();
  },
  fairness: async () => {
    await runFairnessBench();
  },
  http: async () => {
    console.log('\n## HTTP');
    await runHttpBench();
  },
};

/**
 * Run only when asked for by name (`npm run bench -- hostile`): it starts a server process
 * per request of issue 8's catalogue and takes minutes.
 */
const onRequest: Record<string, () => Promise<void> | void> = {
  hostile: async () => {
    await runHostileBench();
  },
  pressure: () => runPressureBench(),
  durable: () => runDurableBench(),
};

/**
 * The in-process measurements run where the service runs its sandboxes: on an engine thread
 * (src/threads/engine-thread.ts), which this main thread starts and waits for.
 */
async function runOnEngineThread(): Promise<void> {
  const worker = engineWorker(moduleBeside(import.meta.url, './run.js'), { workerData: { only } });
  process.exitCode = await new Promise<number>((resolve) => worker.once('exit', resolve));
}

if (isMainThread) {
  await runOnEngineThread();
} else {
  for (const [name, run] of Object.entries(suites)) {
    if (only && only !== name) continue;
    await run();
  }
  if (only && onRequest[only]) await onRequest[only]();
}
