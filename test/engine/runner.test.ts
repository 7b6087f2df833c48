/**
 * The runner's failure handling: a throwing comparison step or progress listener never loses a result, and
 * a failed save stops the run cleanly (rejecting once, no stray rejections). Inputs that are not domain
 * names are audited without any network, so the runner is exercised on its own.
 */
import { describe, expect, it } from 'vitest';
import { etaRange, runAudits, type RunItem } from '../../electron/engine/runner';
import type { AuditContext } from '../../electron/engine/context';
import type { DomainResult } from '../../shared/types';

const ctx = { now: () => new Date(), toolVersion: 'test' } as unknown as AuditContext;
const items: RunItem[] = Array.from({ length: 6 }, (_, i) => ({ runDomainId: i + 1, input: `not a domain ${i}!`, domain: '' }));

describe('runAudits', () => {
  it('keeps a result whose comparison step throws, and says so on the result', async () => {
    const saved: DomainResult[] = [];
    const outcome = await runAudits(items, ctx, (_item, r) => saved.push(r), {
      concurrency: 3, total: items.length,
      enrich: (r) => {
        if (r.input.endsWith('2!')) throw new Error('previous run unreadable');
        return r;
      },
    });
    expect(outcome.completed).toBe(true);
    expect(saved).toHaveLength(6);
    const broken = saved.find((r) => r.input.endsWith('2!'))!;
    expect(broken.findings.map((f) => f.code)).toEqual(['AUDIT_DOMAIN_INVALID', 'AUDIT_INTERNAL_ERROR']);
    expect(broken.findings[1]!.message).toContain('previous run unreadable');
  });

  it('finishes the run when the progress listener throws', async () => {
    const saved: DomainResult[] = [];
    const outcome = await runAudits(items, ctx, (_item, r) => saved.push(r), {
      concurrency: 2, total: items.length, progressIntervalMs: 0,
      onProgress: () => {
        throw new Error('window closed');
      },
    });
    expect(outcome.completed).toBe(true);
    expect(saved).toHaveLength(6);
  });

  it('stops on a failed save and rejects with that error once every worker has ended', async () => {
    let saves = 0;
    const run = runAudits(items, ctx, () => {
      saves++;
      if (saves === 2) throw new Error('disk full');
    }, { concurrency: 3, total: items.length });
    await expect(run).rejects.toThrow('disk full');
    expect(saves).toBeLessThanOrEqual(4);
  });
});

describe('runAudits after an abort', () => {
  it('returns after the grace period while audits still hang, and never saves them afterwards', async () => {
    // A resolver that never answers: every audit hangs in its first DNS question.
    const hanging = { ...ctx, dns: { query: () => new Promise(() => undefined) }, settings: { allowPrivate: false, privateAllowlist: [] } } as unknown as AuditContext;
    const domains: RunItem[] = Array.from({ length: 4 }, (_, i) => ({ runDomainId: i + 1, input: `d${i}.example`, domain: `d${i}.example` }));
    const abort = new AbortController();
    const saved: DomainResult[] = [];
    setTimeout(() => abort.abort(), 50);
    const started = performance.now();
    const outcome = await runAudits(domains, hanging, (_item, r) => saved.push(r), { concurrency: 2, total: 4, signal: abort.signal, abortGraceMs: 200 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(outcome.completed).toBe(false);
    expect(outcome.progress.done).toBe(0);
    expect(saved).toEqual([]);
  });

  it('saves the audits in flight that finish within the grace period, and starts no new one', async () => {
    // A resolver that answers NXDOMAIN after 100 ms: each audit takes a few hundred milliseconds.
    const slow = {
      ...ctx, settings: { allowPrivate: false, privateAllowlist: [] },
      dns: { query: (name: string, type: string) => new Promise((resolve) => setTimeout(() => resolve({ name, type, outcome: 'nxdomain', rcode: 'NXDOMAIN', authenticated: false, records: [], cnames: [], server: 'fake', elapsedMs: 100, attempts: 1 }), 100)) },
    } as unknown as AuditContext;
    const domains: RunItem[] = Array.from({ length: 6 }, (_, i) => ({ runDomainId: i + 1, input: `d${i}.example`, domain: `d${i}.example` }));
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    const saved: DomainResult[] = [];
    const outcome = await runAudits(domains, slow, (_item, r) => saved.push(r), { concurrency: 2, total: 6, signal: abort.signal, abortGraceMs: 10_000 });
    expect(saved.map((r) => [r.domain, r.posture])).toEqual([['d0.example', 'no-mail'], ['d1.example', 'no-mail']]);
    expect(outcome).toMatchObject({ completed: false, progress: { done: 2 } });
  });

  it('takes nothing when aborted before the start, without waiting out the grace period', async () => {
    const abort = new AbortController();
    abort.abort();
    const saved: DomainResult[] = [];
    const started = performance.now();
    const outcome = await runAudits(items, ctx, (_item, r) => saved.push(r), { concurrency: 2, total: items.length, signal: abort.signal, abortGraceMs: 10_000 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(saved).toEqual([]);
    expect(outcome.completed).toBe(false);
  });
});

describe('etaRange', () => {
  it('gives a range from the slower and faster rate, wide after few domains and narrow after many', () => {
    const early = etaRange(1000, 2, 2, 4)!;
    const late = etaRange(1000, 2, 2, 900)!;
    // 1000 domains at 2/s is 500 s: both ranges hold it, the early one far more loosely.
    expect(early[0]).toBeLessThan(500);
    expect(early[1]).toBeGreaterThan(500);
    expect(early[1] / early[0]).toBeGreaterThan(3.9);
    expect(late[0]).toBeLessThan(500);
    expect(late[1]).toBeGreaterThan(500);
    expect(late[1] / late[0]).toBeLessThan(1.4);
    // A recent slowdown widens the upper end.
    expect(etaRange(1000, 2, 1, 900)![1]).toBeGreaterThan(late[1] * 1.8);
    expect(etaRange(0, 2, 2, 10)).toEqual([0, 0]);
    expect(etaRange(10, 0, 0, 0)).toBeNull();
  });
});
