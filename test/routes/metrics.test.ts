/** GET /metrics: Prometheus text with the sandboxes held, requests by route, steps, journal writes, store health. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, newSandbox, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(() => t.close());

/** The value of one sample line (`name{labels} value`), or undefined. */
function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe('GET /metrics', () => {
  it('counts sandboxes, requests by route template, steps and journal writes', async () => {
    const id = await newSandbox(t);
    await newSandbox(t);
    expect((await t.http.post(`/v1/sandboxes/${id}/exec`).send({ code: 'x = [i for i in range(10)]' })).status).toBe(200);
    expect((await t.http.get(`/v1/sandboxes/${id}/stats`)).status).toBe(200);
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(sample(text, 'heaplab_sandboxes')).toBe(2);
    expect(sample(text, 'heaplab_store_up{store="memory"}')).toBe(1);
    expect(sample(text, 'heaplab_http_requests_total{method="POST",route="/v1/sandboxes",status="201"}')).toBe(2);
    expect(sample(text, 'heaplab_http_requests_total{method="POST",route="/v1/sandboxes/:id/exec",status="200"}')).toBe(1);
    expect(sample(text, 'heaplab_http_request_duration_seconds_count{method="GET",route="/v1/sandboxes/:id/stats"}')).toBe(1);
    expect(sample(text, 'heaplab_program_steps_total')).toBeGreaterThan(0);
    expect(sample(text, 'heaplab_program_duration_seconds_count')).toBe(1);
    // Two creations and one exec were committed (the memory store's commit is free but still timed).
    expect(sample(text, 'heaplab_journal_write_duration_seconds_count')).toBe(3);
    expect(text).not.toContain(id);
    expect(sample(text, 'heaplab_process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});
