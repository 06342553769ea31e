/**
 * The playground in a real browser: Debian's chromium, driven by playwright-core, against the
 * real server (src/main.ts in its own process on a free port). Types a reference cycle, runs
 * it, and reads what the page shows: stdout, the step count, the line highlighted by the
 * slider, the heap picture, and "why is this alive" for an object of the picture. Runs the
 * seed lesson's cells as the page offers them, and reads their output, the finalizer and
 * collection events of the live log, and the picture at two steps of the slider. Opens /docs
 * (Swagger UI) and checks it renders with every asset from the server and no CSP error.
 * Screenshots go to test-artifacts/ (gitignored).
 *
 * Skips, saying so, only when no chromium binary is found (`.ci/run` installs one).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, NO_CHROMIUM } from './chromium.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const browserPath = findChromium();
const skipReason = NO_CHROMIUM;
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

    await page.getByRole('button', { name: 'Run', exact: true }).click();
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

    // The slider drew the heap at that step; "Heap now" brings back the present.
    await expect.poll(() => page.locator('#graph-caption').textContent(), { timeout: 30_000 }).toContain('at step 3');
    await page.getByRole('button', { name: 'Heap now' }).click();
    await expect.poll(() => page.locator('#graph-caption').textContent(), { timeout: 30_000 }).toBe('The heap now.');

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

  it('runs the seed lesson\'s cells: output, finalizers and a collection in the live log, the picture at two steps', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${base}/play`);
    const cells = page.locator('#cells li');
    await expect.poll(() => cells.count(), { timeout: 30_000 }).toBe(7);
    // The first cell is ready in the editor.
    expect(await page.locator('.cm-content').innerText()).toContain('print(sys.getrefcount(a))');

    // What python3 prints for each cell run in order (the oracle, cell after cell).
    const printed: Record<number, string> = {
      0: '2\n', 1: '3\n',
      6: 'object obj1 created\nobject Obj2 created\nObject obj1 deleted\nObject Obj2 deleted\n',
    };
    for (let i = 0; i < 7; i++) {
      await page.locator('#cells li').nth(i).getByRole('button', { name: /^Run cell/ }).click();
      await expect.poll(() => page.locator('#status').textContent(), { timeout: 30_000 }).toMatch(/^Ran in sandbox/);
      expect(await page.locator('#stderr').textContent()).toBe('');
      if (printed[i] !== undefined) expect(await page.locator('#stdout').textContent()).toBe(printed[i]);
    }

    // The live log: both finalizers, and the collection that ran them (python3: gc.collect() == 2).
    const log = page.locator('#events');
    await expect.poll(() => log.innerText(), { timeout: 30_000 }).toContain('printed "Object Obj2 deleted\\n"');
    const text = await log.innerText();
    expect(text).toContain('finalizer of MyObject');
    expect(text).toContain('printed "Object obj1 deleted\\n"');
    expect(text).toMatch(/collection of generation 2 done \(manual\): \d+ unreachable, 2 collected, 0 uncollectable/);
    expect(await page.locator('#ws-state').textContent()).toBe('(live)');

    // The picture of the heap now, then at the step before `del obj1` (line 17), when both
    // objects still have their names, and at the first step, before they were made.
    await expect.poll(() => page.locator('#graph svg g.node').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const titles = () => page.locator('#graph svg g.node title').allTextContents();
    expect(await titles()).not.toContain('name:<module>:obj1');
    const slider = page.getByRole('slider', { name: /Step/ });
    await slider.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.locator('#graph-caption').textContent(), { timeout: 30_000 }).toContain('at step 1 ');
    const first = await titles();
    expect(first).not.toContain('name:<module>:obj1');
    for (let k = 0; k < 100 && !(await page.locator('#step-info').innerText()).includes('line at line 17 '); k++) {
      await page.keyboard.press('ArrowRight');
    }
    expect(await page.locator('.cm-step-line').innerText()).toBe('del obj1');
    await expect.poll(() => page.locator('#graph-caption').textContent(), { timeout: 30_000 }).toContain('line at line 17');
    await expect.poll(titles, { timeout: 30_000 }).toContain('name:<module>:obj1');
    expect(await titles()).toContain('name:<module>:obj2');
    expect(await titles()).not.toEqual(first);

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'playground-lesson.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 180_000);

  it('serves /docs as Swagger UI from its own assets, with no script or policy error', async () => {
    const errors: string[] = [];
    const outside: string[] = [];
    const docs = await browser.newPage();
    docs.on('pageerror', (e) => errors.push(e.message));
    docs.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    docs.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url()); });
    await docs.goto(`${base}/docs`);
    await expect.poll(() => docs.locator('.opblock').count(), { timeout: 30_000 }).toBeGreaterThan(10);
    expect(await docs.locator('.opblock-summary-path', { hasText: '/v1/sandboxes/{id}/fork' }).count()).toBe(1);
    mkdirSync(artifacts, { recursive: true });
    await docs.screenshot({ path: join(artifacts, 'docs.png') });
    await docs.close();
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
