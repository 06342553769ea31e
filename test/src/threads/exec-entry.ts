// Run by engine-thread.test.ts on an engine thread: exec one program in a fresh sandbox and
// post back what it printed and the error that ended it.
import { parentPort, workerData } from 'node:worker_threads';
import { Sandbox } from '../../../sandbox/sandbox.js';

const r = new Sandbox().exec(workerData as string);
parentPort!.postMessage({ stdout: r.stdout, error: r.error ? `${r.error.type}: ${r.error.message}` : null });
