import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/executor-setup.ts'],
    // The interpreter is a tree walker: 1000 Python frames (CPython's recursion limit) need a
    // deeper JS stack than Node's default.
    execArgv: ['--stack-size=3900'],
  },
});
