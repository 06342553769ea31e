// The machine's recorded fixtures (record-fixtures.py): CPython 3.11's code objects for each
// fixtures/NAME.py, what the oracle printed running it, and CPython's trace events.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeObject } from '../../../../sandbox/python/vm/code.js';
import { codeFromJson } from './code-json.js';

export const FIXTURES_DIR = join(import.meta.dirname, 'fixtures');

export interface Fixture {
  name: string;
  source: string;
  code: CodeObject;
  stdout: string;
  stderr: string;
  trace: [string, number | string][];
}

export function loadFixture(name: string): Fixture {
  const j = JSON.parse(readFileSync(join(FIXTURES_DIR, `${name}.json`), 'utf8')) as {
    code: Record<string, unknown>; stdout: string; stderr: string; trace: [string, number | string][];
  };
  return { name, source: readFileSync(join(FIXTURES_DIR, `${name}.py`), 'utf8'), code: codeFromJson(j.code), stdout: j.stdout, stderr: j.stderr, trace: j.trace };
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR).filter((n) => n.endsWith('.py')).map((n) => n.slice(0, -3)).sort();
}
