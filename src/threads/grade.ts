/**
 * `heaplab grade` runs the submission on a thread of ENGINE_STACK_MB stack (grade-entry.ts),
 * as the server does, so a program nests as deep with no `node --stack-size` flag.
 */
import type { Format } from '../../sandbox/grading/formats.js';
import type { Exercise } from '../../sandbox/grading/exercise.js';
import { engineWorker, moduleBeside } from './engine-thread.js';

export interface GradeJob { exercise: Exercise; submission: string; format: Format; maxMs: number }
/** The result as the command prints it (indented JSON) and the op log as one JSON line, if any. */
export interface GradeReply { result: string; log: string | null }

export function gradeInThread(job: GradeJob): Promise<GradeReply> {
  return new Promise((resolve, reject) => {
    const worker = engineWorker(moduleBeside(import.meta.url, './grade-entry.js'), { workerData: job });
    let reply: GradeReply | null = null;
    worker.once('message', (m: GradeReply) => (reply = m));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (reply) resolve(reply);
      else reject(new Error(`the grading thread exited with status ${code} and no result`));
    });
  });
}
