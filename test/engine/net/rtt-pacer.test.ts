/**
 * The two pieces under the stub resolver's pacing: RFC 6298's retransmission time-out from measured round
 * trips (within a floor and a ceiling, doubled per retry), and the token bucket behind the per-resolver
 * query ceiling (retransmissions first, withdrawn questions leave the line). Clocks are injected.
 */
import { describe, expect, it } from 'vitest';
import { RttEstimator } from '../../../electron/engine/net/rtt-estimator';
import { PacerAborted, QueryPacer } from '../../../electron/engine/net/query-pacer';

describe('RttEstimator (RFC 6298 §2)', () => {
  const bounds = { floorMs: 250, ceilingMs: 3000, initialMs: 1000 };

  it('starts at the initial time-out and follows the measured round trips', () => {
    const e = new RttEstimator(bounds);
    expect(e.rto()).toBe(1000);
    e.sample(400); // SRTT 400, RTTVAR 200: 400 + 800
    expect(e.rto()).toBe(1200);
    e.sample(400); // RTTVAR 3/4·200 + 1/4·0 = 150; SRTT 400: 400 + 600
    expect(e.rto()).toBe(1000);
  });

  it('keeps within the floor and the ceiling, and doubles per retry up to the ceiling', () => {
    const fast = new RttEstimator(bounds);
    for (let i = 0; i < 20; i++) fast.sample(2);
    expect(fast.rto()).toBe(250);
    expect([0, 1, 2, 3, 4].map((n) => fast.backedOff(n))).toEqual([250, 500, 1000, 2000, 3000]);
    const slow = new RttEstimator(bounds);
    slow.sample(5000);
    expect(slow.rto()).toBe(3000);
  });
});

describe('QueryPacer', () => {
  it('lets a tenth of a second through at once, then one per 1/rate, retransmissions first', async () => {
    let now = 0;
    const pacer = new QueryPacer(100, () => now);
    const order: string[] = [];
    const take = (label: string, retransmission = false) => pacer.acquire(retransmission).then(() => order.push(label));
    const burst = Array.from({ length: 10 }, (_, i) => take(`b${i}`));
    await Promise.all(burst);
    expect(order).toHaveLength(10);
    const later = [take('fresh1'), take('fresh2'), take('retry', true)];
    expect(pacer.waiting).toBe(3);
    expect(pacer.delayMs()).toBeCloseTo(40, 0);
    now += 10; // one slot's worth
    await new Promise((r) => setTimeout(r, 30));
    expect(order.slice(10)).toEqual(['retry']);
    now += 20;
    await Promise.all(later);
    expect(order.slice(10)).toEqual(['retry', 'fresh1', 'fresh2']);
  });

  it('drops a withdrawn question from the line', async () => {
    let now = 0;
    const pacer = new QueryPacer(1, () => now);
    await pacer.acquire();
    const ctl = new AbortController();
    const waiting = pacer.acquire(false, ctl.signal);
    expect(pacer.waiting).toBe(1);
    ctl.abort();
    await expect(waiting).rejects.toBeInstanceOf(PacerAborted);
    expect(pacer.waiting).toBe(0);
    now += 1000;
    await pacer.acquire();
  });
});
