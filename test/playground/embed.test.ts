/**
 * A course platform embedding the playground, in chromium: heaplab with API keys and one
 * configured frame origin (HEAPLAB_FRAME_ANCESTORS), the platform's page on another origin
 * framing `/play?sandbox=ID#key=KEY` for a sandbox it created with that key. The frame runs
 * a seed cell with the key (requests as Bearer, the event stream through the key
 * subprotocol); a page on an origin not configured cannot frame it.
 *
 * Skips, saying so, only when no chromium binary is found (`.ci/run` installs one).
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { findChromium, NO_CHROMIUM } from './chromium.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const browserPath = findChromium();
const KEY = 'course-platform-key-0123456789';

/** A page on its own origin that frames `src`. */
async function platformPage(src: () => string): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>course</title><iframe name="lab" src="${src()}" width="1200" height="900"></iframe>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.skipIf(browserPath === null)(`embedding the playground${browserPath === null ? ` — SKIPPED: ${NO_CHROMIUM}` : ''}`, () => {
  let app: FastifyInstance;
  let base = '';
  let sandbox = '';
  let browser: Browser;
  let allowed: { server: Server; origin: string };
  let other: { server: Server; origin: string };
  const frameSrc = () => `${base}/play?sandbox=${sandbox}#key=${KEY}`;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'playground', 'build.mjs')], { stdio: 'inherit' });
    allowed = await platformPage(frameSrc);
    other = await platformPage(frameSrc);
    app = await buildApp(testConfig({ apiKeys: [KEY], frameAncestors: [allowed.origin] }), { logger: false, sweep: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const created = await fetch(`${base}/v1/sandboxes`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` } });
    expect(created.status).toBe(201);
    sandbox = ((await created.json()) as { id: string }).id;
    browser = await chromium.launch({ executablePath: browserPath!, headless: true, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    allowed?.server.close();
    other?.server.close();
  });

  it('runs in a frame of the configured origin, with the key for requests and the event stream', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(allowed.origin);
    const lab = page.frameLocator('iframe[name="lab"]');
    await expect.poll(() => lab.locator('#status').textContent(), { timeout: 30_000 }).toBe(`Working in sandbox ${sandbox}.`);
    await expect.poll(() => lab.locator('#ws-state').textContent(), { timeout: 30_000 }).toBe('(live)');
    await lab.locator('#cells li').first().getByRole('button', { name: /^Run cell/ }).click();
    await expect.poll(() => lab.locator('#status').textContent(), { timeout: 30_000 }).toMatch(/^Ran in sandbox/);
    // python3: sys.getrefcount(a) for a fresh list is 2.
    expect(await lab.locator('#stdout').textContent()).toBe('2\n');
    // The run went to the platform's sandbox, under its key.
    const names = await fetch(`${base}/v1/sandboxes/${sandbox}/names`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(Object.keys(((await names.json()) as { frames: Array<{ names: object }> }).frames[0]!.names)).toEqual(['sys', 'a']);
    mkdirSync(join(root, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(root, 'test-artifacts', 'embedded.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('cannot be framed by an origin that is not configured', async () => {
    const page = await browser.newPage();
    const refusals: string[] = [];
    page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) refusals.push(m.text()); });
    await page.goto(other.origin);
    await expect.poll(() => refusals.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.frameLocator('iframe[name="lab"]').locator('#cells').count()).toBe(0);
    await page.close();
  }, 60_000);
});
