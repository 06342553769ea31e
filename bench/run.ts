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
type Suite = () => Promise<void> | void;

/**
 * Measured in this process: on an engine thread (src/threads/engine-thread.ts), where the
 * service runs its sandboxes. The second list runs only when asked for by name.
 */
const inProcess: Record<string, Suite> = {
  gc: () => runGcBench(process.env.BENCH_N ? [Number(process.env.BENCH_N)] : undefined),
  engine: () => runEngineBench(),
  python: async () => {
    await runPythonBench();
  },
  fairness: async () => {
    await runFairnessBench();
  },
};
const inProcessOnRequest: Record<string, Suite> = {
  pressure: () => runPressureBench(),
  durable: () => runDurableBench(),
};

/**
 * Measured against servers in child processes, from the main thread (autocannon sums up its
 * latencies only on a main thread). `hostile` runs only when asked for by name: it starts a
 * server process per request of issue 8's catalogue and takes minutes.
 */
const againstServers: Record<string, Suite> = {
  http: async () => {
    console.log('\n## HTTP');
    await runHttpBench();
  },
};
const againstServersOnRequest: Record<string, Suite> = {
  hostile: async () => {
    await runHostileBench();
  },
  // Issue 12's figures in one run: after the journal's cost and restore times (in process,
  // above), the throughput of one and of two engine threads against bare Fastify.
  durable: async () => {
    console.log('\n## Throughput: one and two engine threads against bare Fastify');
    await runHttpBench({ sandboxes: 0 });
  },
};

async function runSuites(all: Record<string, Suite>, onRequest: Record<string, Suite>): Promise<void> {
  for (const [name, run] of Object.entries(all)) {
    if (only && only !== name) continue;
    await run();
  }
  if (only && onRequest[only]) await onRequest[only]();
}

/** Run the in-process suites on an engine thread; its exit status (non-zero: a suite threw). */
function runOnEngineThread(): Promise<number> {
  const worker = engineWorker(moduleBeside(import.meta.url, './run.js'), { workerData: { only } });
  return new Promise<number>((resolve) => worker.once('exit', resolve));
}

if (isMainThread) {
  const wanted = (suites: Record<string, Suite>, onRequest: Record<string, Suite>) =>
    only ? only in suites || only in onRequest : Object.keys(suites).length > 0;
  if (wanted(inProcess, inProcessOnRequest)) process.exitCode = await runOnEngineThread();
  if (!process.exitCode) await runSuites(againstServers, againstServersOnRequest);
} else {
  await runSuites(inProcess, inProcessOnRequest);
}
