/**
 * The README's walkthrough is run, not typed: every `sh` block from "Walkthrough" to "Look
 * around" runs in one bash session (real curl and jq, as a reader would paste them) against
 * a server, and each block's output must be the fenced output block that follows it in the
 * README; so do the grading section's curl examples (run from the repository, whose
 * exercises they read). Request ids are random per process, so they are compared by shape: the README's
 * must look like the server's (an 8-character base64url prefix, a dash, a base-36 counter).
 * `UPDATE_DOCS=1 npx vitest run test/docs/walkthrough.test.ts` rewrites the output blocks
 * from the run.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../routes/helpers.js';

const readme = new URL('../../README.md', import.meta.url);
const update = process.env.UPDATE_DOCS === '1';
/** The README's runnable stretches: from a heading to a marker, run in one bash session each. */
const SECTIONS = [
  { first: '## Walkthrough', last: '### Look around', cwd: 'tmp' },
  { first: '## Grading memory exercises', last: '**From the command line**', cwd: 'repo' },
] as const;
/** What the server's request ids look like (src/app.ts: a random per-process prefix and a counter). */
const REQUEST_ID = /"requestId":"([A-Za-z0-9_-]{8}-[0-9a-z]+)"/g;

interface Block {
  /** Offsets of the output block's body in the README (when the sh block has one). */
  out: { start: number; end: number; text: string } | null;
  script: string;
}

/** The sh blocks of the walkthrough, each with the output block right after it, if any. */
function walkthrough(text: string, first: string, last: string): Block[] {
  const from = text.indexOf(first);
  const to = text.indexOf(last, from);
  const fence = /^```(\w*)\n([\s\S]*?)^```\n/gm;
  fence.lastIndex = from;
  const blocks: Block[] = [];
  let prevEnd = -1;
  for (let m = fence.exec(text); m !== null && m.index < to; m = fence.exec(text)) {
    const [whole, lang, body] = m;
    if (lang === 'sh') {
      blocks.push({ script: body!, out: null });
    } else if (blocks.length > 0 && blocks.at(-1)!.out === null && m.index === prevEnd) {
      const start = m.index + whole.indexOf('\n') + 1;
      blocks.at(-1)!.out = { start, end: start + body!.length, text: body! };
    }
    prevEnd = m.index + whole.length;
  }
  return blocks;
}

let t: TestApp;
let base: string;
let dir: string;
beforeAll(async () => {
  t = await makeApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'heaplab-walkthrough-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the README's walkthrough", () => {
  it.each(SECTIONS)('$first prints what the README shows, run with curl and jq against the server', async ({ first, last, cwd }) => {
    const text = readFileSync(readme, 'utf8');
    const blocks = walkthrough(text, first, last);
    expect(blocks.filter((b) => b.out !== null).length).toBeGreaterThan(0);
    // One bash session: variables ($SB) and functions (run) carry over, as in a terminal.
    const marker = (i: number) => `@@@ block ${i} @@@`;
    const script = `H=${base}\n` + blocks.map((b, i) =>
      `${b.script.replace(/^H=http:\/\/localhost:8080$/m, `H=${base}`)}\necho; echo '${marker(i)}'\n`).join('');
    // Asynchronously: the server answering curl runs in this process.
    const run = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile('bash', ['-c', script], { cwd: cwd === 'tmp' ? dir : fileURLToPath(new URL('../../', import.meta.url)), encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) =>
        resolve({ status: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr }));
    });
    expect(run.status, run.stderr).toBe(0);
    const outputs = run.stdout.split(/\n?\n@@@ block \d+ @@@\n/);
    let next = text;
    for (const [i, b] of [...blocks.entries()].reverse()) {
      const got = outputs[i]!.length > 0 ? `${outputs[i]}\n` : '';
      if (b.out === null) {
        expect(got, `block ${i} prints nothing in the README:\n${b.script}`).toBe('');
        continue;
      }
      const shown = [...b.out.text.matchAll(REQUEST_ID)].length;
      if (!update) {
        expect(shown, `block ${i}: every requestId the README shows has the server's shape`)
          .toBe((b.out.text.match(/"requestId"/g) ?? []).length);
      }
      const mask = (s: string) => s.replace(REQUEST_ID, '"requestId":"<id>"');
      if (update) {
        // Keep the README's own request ids (any of the right shape): the rest is the run's.
        const ids = [...b.out.text.matchAll(REQUEST_ID)].map((x) => x[1]);
        let k = 0;
        const fresh = got.replace(REQUEST_ID, (all, id: string) => `"requestId":"${ids[k++] ?? id}"`);
        next = next.slice(0, b.out.start) + fresh + next.slice(b.out.end);
      } else {
        expect(mask(got), `block ${i}:\n${b.script}`).toBe(mask(b.out.text));
      }
    }
    if (update) writeFileSync(readme, next);
  });
});
