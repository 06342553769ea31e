// Selects the executor new sandboxes run Python on, for a whole test run:
// HEAPLAB_EXECUTOR=machine npx vitest run
import { setDefaultExecutor } from '../sandbox/python/interpreter.js';

if (process.env.HEAPLAB_EXECUTOR === 'walker') setDefaultExecutor('walker');
