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
  },
});
