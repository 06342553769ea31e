/**
 * `npm run bench`: every benchmark, each against its peer in the same run (CPython on the
 * same graph or program, bare Fastify on the same body), printing ratios. Benchmarks, not
 * tests: nothing here asserts a time.
 */
import { runGcBench } from './gc.js';
import { runEngineBench } from './engine.js';
import { runPythonBench } from './python.js';
import { runHttpBench } from './http.js';

const only = process.argv[2];
const suites: Record<string, () => Promise<void> | void> = {
  gc: () => runGcBench(Number(process.env.BENCH_N ?? 1_000_000)),
  engine: () => runEngineBench(),
  python: () => runPythonBench(),
  http: async () => {
    console.log('\n## HTTP');
    await runHttpBench();
  },
};

for (const [name, run] of Object.entries(suites)) {
  if (only && only !== name) continue;
  await run();
}
