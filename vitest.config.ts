import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Worker threads (4 MB of JS stack each, Node's default for a worker). The server and the
    // command line run the engine on threads of ENGINE_STACK_MB (src/threads/engine-thread.ts);
    // test/src/threads checks the deepest nests there.
    pool: 'threads',
    // Tests (and the servers they start) keep sandboxes in memory unless a test asks for a
    // store: the durability tests set HEAPLAB_STORE=sqlite and a temporary HEAPLAB_DATA_DIR.
    env: { HEAPLAB_STORE: 'memory' },
  },
});
