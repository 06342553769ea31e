/**
 * The command line's grading thread (started by grade.ts on an ENGINE_STACK_MB stack): grade
 * the submission it was given and post back the JSON the command prints (and the op log's).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { gradeSubmission } from '../grading/service.js';
import { DEFAULT_LIMITS } from '../../sandbox/runtime.js';
import type { GradeJob, GradeReply } from './grade.js';

const job = workerData as GradeJob;
const g = gradeSubmission(job.exercise, job.submission, { format: job.format, reveal: true, host: { ...DEFAULT_LIMITS, maxMs: job.maxMs } });
parentPort!.postMessage({ result: JSON.stringify(g.result, null, 2), log: g.log ? JSON.stringify(g.log) : null } satisfies GradeReply);
