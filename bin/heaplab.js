#!/usr/bin/env node
// The `heaplab` command (package.json "bin"). From a clone after `npm ci` it runs the
// TypeScript sources through tsx (a dev dependency, so always the current code); where tsx
// is not installed (a production image: `npm ci --omit=dev` after `npm run build`) it runs
// the compiled dist/. Grading runs on a thread with the stack the server's engine has
// (src/threads/engine-thread.ts), so no Node flag is needed here.
let tsx = null;
try {
  tsx = await import('tsx/esm/api');
} catch {
  // no tsx: use the compiled code
}
if (tsx) {
  tsx.register();
  await import('../src/cli.ts');
} else {
  try {
    await import('../dist/src/cli.js');
  } catch (e) {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
    process.stderr.write('heaplab: neither tsx (npm ci installs it) nor a build (npm run build) is present\n');
    process.exit(1);
  }
}
