/**
 * The playground in a real browser: Debian's chromium, driven by playwright-core, against the
 * real server (src/main.ts in its own process on a free port). Types a reference cycle, runs
 * it, and reads what the page shows: stdout, the step count, the line highlighted by the
 * slider, the heap picture, and "why is this alive" for an object of the picture.
 *
 * Skips, saying so, only when no chromium binary is found (`.ci/run` installs one).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A chromium binary: $CHROMIUM_PATH, else `chromium` or `chromium-browser` on PATH. */
function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

const browserPath = findChromium();
const skipReason = 'no chromium binary found (set CHROMIUM_PATH or `apt-get install chromium`)';
if (browserPath === null) console.warn(`playground e2e skipped: ${skipReason}`);

// A cycle: b holds a, a holds b; `del b` leaves b alive only through a[0].
const PROGRAM = 'a = []\nb = [a]\na.append(b)\nprint(len(a), len(b))\ndel b\n';

describe.skipIf(browserPath === null)(`playground in chromium${browserPath === null ? ` — SKIPPED: ${skipReason}` : ''}`, () => {
  let server: ChildProcess;
  let browser: Browser;
  let page: Page;
  let base = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'heaplab-e2e-'));
  const artifacts = join(root, 'test-artifacts');

  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'playground', 'build.mjs')], { stdio: 'inherit' });
    server = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'main.ts')], {
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', HEAPLAB_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      server.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
    base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: browserPath!, headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs typed code and shows stdout, steps, the heap picture and why an object is alive', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${base}/play`);
    const editor = page.getByRole('textbox', { name: 'Python code' });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(PROGRAM);
    expect((await page.locator('.cm-content').innerText()).trimEnd()).toBe(PROGRAM.trimEnd());

    await page.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => page.locator('#stdout').textContent(), { timeout: 30_000 }).toBe('1 1\n');
    expect(await page.locator('#stderr').textContent()).toBe('');
    // python3's sys.settrace records 7 events for PROGRAM: call, lines 1-5, return.
    expect(await page.locator('#step-label').textContent()).toBe('7 / 7');
    await expect.poll(() => page.locator('#graph svg g.node').count(), { timeout: 30_000 }).toBeGreaterThan(0);

    // The slider, by keyboard: Home is the first step (the call), then → to line 2.
    const slider = page.getByRole('slider', { name: /Step/ });
    await slider.focus();
    await page.keyboard.press('Home');
    expect(await page.locator('#step-label').textContent()).toBe('1 / 7');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#step-label').textContent()).toBe('3 / 7');
    expect(await page.locator('#step-info').innerText()).toContain('line at line 2');
    expect(await page.locator('.cm-step-line').innerText()).toBe('b = [a]');

    // b's list is held only through a[0] now: the path answer says so.
    const names = await page.locator('#graph g.node[data-oid]').evaluateAll((gs) => gs.map((g) => (g as HTMLElement).dataset.oid!));
    expect(names.length).toBeGreaterThanOrEqual(2);
    let answer = '';
    for (const oid of names) {
      await page.locator(`#graph g.node[data-oid="${oid}"]`).click();
      await expect.poll(() => page.locator('#why').innerText()).toContain(`Why is ${oid} alive?`);
      answer = await page.locator('#why').innerText();
      if (answer.includes('a[0]')) break;
    }
    expect(answer).toContain('global');
    expect(answer).toContain('a[0]');

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'playground.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);
});
