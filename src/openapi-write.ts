/**
 * `npm run openapi`: regenerate the committed contract, `openapi.yaml`, from the routes and
 * zod schemas (the drift test in test/src/openapi.test.ts fails until you do).
 */
import { writeFileSync } from 'node:fs';
import { buildApp, openApiOf } from './app.js';
import { testConfig } from './config.js';
import { toYaml } from './openapi.js';

const app = await buildApp(testConfig(), { logger: false, sweep: false });
await app.ready();
const target = new URL('../openapi.yaml', import.meta.url);
writeFileSync(target, toYaml(openApiOf(app)));
await app.close();
process.stdout.write(`wrote ${target.pathname}\n`);
