/**
 * The time-left estimate from the observed rate and the remaining domains' kinds (engine/eta.ts), driven by
 * scripted progress: a run of N domains with known durations per kind, audited by C workers in list order,
 * simulated exactly; the estimate taken part-way is compared with the time the script really had left.
 */
import { describe, expect, it } from 'vitest';
import { domainKind, EtaModel, type DomainKind } from '../../electron/engine/eta';
import { etaRangeOf } from '../../electron/engine/runner';

const DURATION: Record<DomainKind, number> = { 'no-mx': 120, 'mx-no-policy': 1500, 'mx-policy': 2600, error: 5000 };

interface Script { kinds: DomainKind[]; workers: number }

/** Completion events of the script (workers take the next domain of the list as soon as they are free). */
function simulate({ kinds, workers }: Script): { id: number; kind: DomainKind; start: number; end: number }[] {
  const free = Array.from({ length: workers }, () => 0);
  const events = kinds.map((kind, i) => {
    const w = free.indexOf(Math.min(...free));
    const start = free[w]!;
    free[w] = start + DURATION[kind];
    return { id: i + 1, kind, start, end: free[w]! };
  });
  return events.sort((a, b) => a.end - b.end);
}

/** Feeds the first `doneCount` completions into a model and returns its estimate at that moment, and the truth. */
function estimateAt(script: Script, doneCount: number, known: 'all' | 'none') {
  const events = simulate(script);
  const expected = new Map<number, DomainKind>(known === 'all' ? script.kinds.map((k, i) => [i + 1, k]) : []);
  const model = new EtaModel(script.kinds.map((_, i) => i + 1), expected);
  for (const e of events.slice(0, doneCount)) model.completed(e.id, e.kind, e.end - e.start, e.end);
  const now = events[doneCount - 1]!.end;
  const finish = events.at(-1)!.end;
  return { estimate: model.estimates(now, now)!, truthSec: (finish - now) / 1000, plainSec: (script.kinds.length - doneCount) / (doneCount / (now / 1000)) };
}

describe('time left from the rate and the kinds of the domains ahead', () => {
  // A list sorted by owner: the first owner's 200 parked domains (no MX) come before 200 with MX and a policy.
  const sorted: Script = { workers: 10, kinds: [...Array<DomainKind>(30).fill('mx-policy'), ...Array<DomainKind>(200).fill('no-mx'), ...Array<DomainKind>(200).fill('mx-policy')] };

  it('weighs the domains ahead by their kind when an earlier audit saw them', () => {
    // After the 230 first domains: the slow ones ahead are what is left.
    const { estimate, truthSec, plainSec } = estimateAt(sorted, 230, 'all');
    expect(truthSec).toBeGreaterThan(40);
    expect(Math.abs(estimate.session - truthSec) / truthSec).toBeLessThan(0.15);
    expect(Math.abs(estimate.recent - truthSec) / truthSec).toBeLessThan(0.6);
    // The rate in domains per second, blind to kinds, promises less than half the real time.
    expect(plainSec).toBeLessThan(truthSec / 2);
    const range = etaRangeOf([estimate.session, estimate.recent], 230)!;
    expect(range[0]).toBeLessThanOrEqual(truthSec);
    expect(range[1]).toBeGreaterThanOrEqual(truthSec);
  });

  it('falls back to the plain rate for domains never seen before', () => {
    const { estimate, plainSec } = estimateAt(sorted, 230, 'none');
    expect(estimate.session).toBeCloseTo(plainSec, 6);
  });

  it('uses the mean of all done until a kind has a few domains of its own', () => {
    const model = new EtaModel([1, 2, 3, 4], new Map<number, DomainKind>([[3, 'error'], [4, 'error']]));
    model.completed(1, 'no-mx', 100, 100);
    model.completed(2, 'mx-policy', 300, 300);
    // Two error domains ahead, none seen yet: each counts at the mean of the done ones (200 ms).
    expect(model.workLeftMs()).toBe(400);
    expect(model.estimates(0, 300)).toBeNull();
    // Parallelism 400 ms of work in 300 ms: 400 ms left at that pace is 0.3 s.
    expect(model.estimates(300, 300)!.session).toBeCloseTo(0.3, 6);
  });

  it('says nothing before the first domain is done', () => {
    const model = new EtaModel([1, 2]);
    expect(model.estimates(5000, 5000)).toBeNull();
    expect(etaRangeOf([], 0)).toBeNull();
  });

  it('names the kinds from what a stored result keeps', () => {
    expect(domainKind('error', 2)).toBe('error');
    expect(domainKind('no-mail', 0)).toBe('no-mx');
    expect(domainKind('absent', 0)).toBe('no-mx');
    expect(domainKind('absent', 2)).toBe('mx-no-policy');
    expect(domainKind('enforce', 1)).toBe('mx-policy');
    expect(domainKind('invalid', 1)).toBe('mx-policy');
  });
});
