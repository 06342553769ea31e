// Run by machine.test.ts in a child `node` WITHOUT --stack-size: one fixture on the machine,
// its outcome printed as JSON. Deep Python recursion must not need a deeper JS stack.
import { SandboxRuntime } from '../../../../sandbox/runtime.js';
import { execCompiled } from '../../../../sandbox/python/vm/exec.js';
import { loadFixture } from './fixtures.js';

const fx = loadFixture(process.argv[2]!);
const out = execCompiled(new SandboxRuntime(), fx.code, fx.source);
process.stdout.write(JSON.stringify({ stdout: out.stdout, stderr: out.stderr }));
