/**
 * The shared request-rate table behind rateLimitPerSecond: fixed windows per key (as
 * @fastify/rate-limit's own LocalStore counts), stale slots reused, and a full table letting
 * a new client through uncounted rather than refusing it.
 */
import { describe, expect, it } from 'vitest';
import { RATE_CAPACITY, RateTable } from '../../src/rates.js';

describe('RateTable', () => {
  it('counts each key in fixed windows', () => {
    let t = 1_000_000;
    const r = new RateTable(RateTable.buffer(), () => t);
    expect(r.hit('key:1', 1000)).toEqual({ current: 1, ttl: 1000 });
    t += 300;
    expect(r.hit('key:1', 1000)).toEqual({ current: 2, ttl: 700 });
    expect(r.hit('key:2', 1000)).toEqual({ current: 1, ttl: 1000 });
    t += 700; // key:1's window ends
    expect(r.hit('key:1', 1000)).toEqual({ current: 1, ttl: 1000 });
    expect(r.hit('key:2', 1000)).toEqual({ current: 2, ttl: 300 });
  });

  it('shares the counts between tables over one buffer (what each engine thread holds)', () => {
    const buffer = RateTable.buffer();
    const a = new RateTable(buffer, () => 5000);
    const b = new RateTable(buffer, () => 5000);
    a.hit('203.0.113.7', 1000);
    b.hit('203.0.113.7', 1000);
    expect(a.hit('203.0.113.7', 1000).current).toBe(3);
  });

  it('reuses stale slots, and lets a client through uncounted only while every slot is live', () => {
    let t = 0;
    const r = new RateTable(RateTable.buffer(), () => t);
    t = 1;
    for (let i = 0; i < RATE_CAPACITY; i++) expect(r.hit(`client-${i}`, 1000).current).toBe(1);
    // Full: every slot is live for another client.
    expect(r.hit('one-too-many', 1000)).toEqual({ current: 1, ttl: 1000 });
    expect(r.hit('one-too-many', 1000)).toEqual({ current: 1, ttl: 1000 });
    expect(r.hit('client-7', 1000).current).toBe(2);
    t = 2000; // every window has passed: slots are reused, old keys still found first
    expect(r.hit('client-7', 1000)).toEqual({ current: 1, ttl: 1000 });
    expect(r.hit('one-too-many', 1000).current).toBe(1);
    expect(r.hit('one-too-many', 1000).current).toBe(2);
    expect(r.hit('client-7', 1000).current).toBe(2);
  });
});
