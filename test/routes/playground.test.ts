/** The playground's static files: the page, its script and stylesheet, and nothing else. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, makeApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../playground/build.mjs', import.meta.url))]);
  t = await makeApp();
}, 60_000);
afterAll(() => t.close());

describe('GET /play', () => {
  it('serves the page as HTML with its own script policy and no framing', async () => {
    const res = await t.http.get('/play');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<script type="module" src="/play/assets/playground.js">');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('lets only the configured origins frame it (HEAPLAB_FRAME_ANCESTORS)', async () => {
    const course = await makeApp({ frameAncestors: ['https://course.example', 'https://lms.example:8443'] });
    try {
      const res = await course.http.get('/play?sandbox=abc');
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toContain('frame-ancestors https://course.example https://lms.example:8443');
      expect(res.headers['x-frame-options']).toBeUndefined();
      // The API itself is never framed.
      expect((await course.http.get('/healthz')).headers['content-security-policy']).toContain("frame-ancestors 'none'");
    } finally {
      await course.close();
    }
  });

  it('serves the seed lesson\'s cells as a static asset', async () => {
    const res = await t.http.get('/play/assets/lesson.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const cells = (res.body as { cells: Array<{ title: string; code: string }> }).cells;
    expect(cells.map((c) => c.title.split(':')[0])).toEqual(['In [1]', 'In [2]', 'In [3]', 'In [4]', 'In [5]', 'In [6]', 'In [8]']);
    expect(cells[6]!.code).toContain('obj1.ref=obj2');
  });

  it('serves the bundled script and the stylesheet with their content types', async () => {
    const js = await t.http.get('/play/assets/playground.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.text).toContain('/v1/sandboxes');
    const css = await t.http.get('/play/assets/playground.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.text).toContain('.cm-step-line');
  });

  it('answers 404 for a file it does not serve', async () => {
    expectProblem(await t.http.get('/play/assets/nope.js'), 404);
    expectProblem(await t.http.get('/play/assets/index.html'), 404);
    expectProblem(await t.http.get('/play/assets/build.mjs'), 404);
  });

  it('never follows a path out of the asset list', async () => {
    for (const p of ['/play/assets/..%2F..%2Fpackage.json', '/play/assets/%2E%2E%2Fplayground.css', '/play/assets/..%5Cpackage.json']) {
      const res = await t.http.get(p);
      expectProblem(res, 404);
      expect(res.text).not.toContain('"name": "heaplab"');
    }
    const up = await t.http.get('/play/assets/../../package.json');
    expect(up.status).toBe(404);
    expect(up.text).not.toContain('"name": "heaplab"');
  });
});
