import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Builtins that call back into Python (sorted's key, __eq__ in a dict lookup, ...) nest on
    // the JS stack: deep nests need a deeper JS stack than Node's default.
    execArgv: ['--stack-size=3900'],
    // Tests (and the servers they start) keep sandboxes in memory unless a test asks for a
    // store: the durability tests set HEAPLAB_STORE=sqlite and a temporary HEAPLAB_DATA_DIR.
    env: { HEAPLAB_STORE: 'memory' },
  },
});
