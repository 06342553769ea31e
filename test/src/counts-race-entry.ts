/** A thread of counts.test.ts's race: 2,000 tries for two subjects (limit 600 each, 1,000 in all). */
import { parentPort, workerData } from 'node:worker_threads';
import { Counts } from '../../src/counts.js';

const c = new Counts(1000, (workerData as { buffer: SharedArrayBuffer }).buffer);
let won = 0;
for (let i = 0; i < 2000; i++) if (c.tryTake(i % 2 ? 'key:1' : 'key:2', 600, 1000) === null) won++;
parentPort!.postMessage(won);
