/**
 * The runner's failure handling: a throwing comparison step or progress listener never loses a result, and
 * a failed save stops the run cleanly (rejecting once, no stray rejections). Inputs that are not domain
 * names are audited without any network, so the runner is exercised on its own.
 */
import { describe, expect, it } from 'vitest';
import { runAudits, type RunItem } from '../../electron/engine/runner';
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
