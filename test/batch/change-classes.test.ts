/**
 * A scripted pair of audits of one client's estate through the real lab and a real SQLite file: between the two
 * audits domains are dropped, added, fixed, broken, and one policy host times out. Each domain must get exactly
 * the expected change class (CHECKS §7.3), whichever order the two audits are named in, and a time-out must
 * never read as a removed policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeClass, DomainComparison } from '../../shared/changes';
import { startLab, type Lab } from '../../electron/lab/lab';
import { BASE_MX_HOSTS } from '../../electron/lab/estate';
import { HEALTHY_ENFORCE, policyBody, type DomainSpec } from '../../electron/lab/estate/spec';
import { executeRun, startNewRun } from '../../electron/run-service';
import { compareRuns, orderRuns } from '../../electron/store/comparisons';
import { getResult } from '../../electron/store/results';
import { tallyChanges } from '../../electron/io/report/changes';
import { tempStore, type TempStore } from '../store/helpers';

const spec = (name: string, extra: Partial<DomainSpec> = {}): DomainSpec => ({ name, about: 'change classes', ...extra, expect: { posture: 'enforce', codes: HEALTHY_ENFORCE } });
const THREE_MX: [number, string][] = [[10, 'mx1.provider.test'], [20, 'mx2.provider.test'], [30, 'mx.other.test']];

/** [before (undefined: not in the first list), after (undefined: not in the second list), expected class]. */
const SCRIPT: [string, Partial<DomainSpec> | undefined, Partial<DomainSpec> | undefined, ChangeClass][] = [
  ['cc-unchanged.test', {}, {}, 'unchanged'],
  ['cc-dropped.test', {}, undefined, 'out-of-scope'],
  ['cc-added.test', undefined, {}, 'new-domain'],
  // A third MX the policy forgot (broken), then listed with a new id (protected).
  ['cc-fixed.test', { mx: THREE_MX }, { mx: THREE_MX, sts: ['v=STSv1; id=20260301T000000Z'], policy: policyBody('enforce', ['*.provider.test', 'mx.other.test']) }, 'fixed'],
  // Enforce, then the policy file answers 404: observed gone, so removed without the mode none step.
  ['cc-regressed.test', {}, { https: { status: 404, body: 'not found' } }, 'regressed'],
  // Enforce, then TLS-RPT withdrawn: the outcome stays protected but a problem appeared.
  ['cc-new-defect.test', {}, { tlsrpt: null }, 'new-defect'],
  // The policy host stops answering in time: the second audit could not look.
  ['cc-timeout.test', {}, { https: { headerDelayMs: 30_000 } }, 'could-not-compare'],
  // An extension field appears: an info fact only, nothing for the client to act on.
  ['cc-fact-only.test', {}, { sts: ['v=STSv1; id=20240101T000000Z; ext=1'] }, 'unchanged'],
];

let lab: Lab;
let store: TempStore;
let byDomain: Map<string, DomainComparison>;
let runs: [number, number];

async function audit(name: string, which: 0 | 1): Promise<number> {
  const domains = SCRIPT.filter((s) => s[which + 1] !== undefined).map(([d]) => ({ input: d, domain: d, tags: {} }));
  const settings = { ...lab.settings, httpTimeoutMs: 2000, httpIdleTimeoutMs: 1500 };
  const run = startNewRun(store.db, { name, client: 'Acme', settings, domains });
  const done = await executeRun(store.db, run.id, { concurrency: 8 });
  expect(done.completed).toBe(true);
  return run.id;
}

beforeAll(async () => {
  store = tempStore();
  const before = SCRIPT.filter(([, b]) => b !== undefined).map(([name, b]) => spec(name, b));
  lab = await startLab({ domains: before, mxHosts: BASE_MX_HOSTS });
  const first = await audit('Q1', 0);
  for (const [name, , after] of SCRIPT) if (after !== undefined) await lab.update(spec(name, after));
  const second = await audit('Q2', 1);
  runs = [first, second];
  // Named later-first on purpose: the comparison follows the dates.
  const [earlier, later] = orderRuns(store.db, second, first);
  expect([earlier.id, later.id]).toEqual([first, second]);
  byDomain = new Map([...compareRuns(store.db, earlier.id, later.id)].map((c) => [c.domain, c]));
}, 120_000);

afterAll(async () => {
  await lab?.close();
  store?.cleanup();
});

describe('changes between two audits', () => {
  it.each(SCRIPT.map(([name, , , want]) => [name, want] as const))('%s is %s', (name, want) => {
    const c = byDomain.get(name)!;
    expect(c.changeClass, JSON.stringify(c)).toBe(want);
  });

  it('counts a dropped domain as out of scope, never as fixed problems', () => {
    const dropped = byDomain.get('cc-dropped.test')!;
    expect(dropped.defectsFixed).toEqual([]);
    const t = tallyChanges(byDomain.values());
    expect(t.classes['out-of-scope']).toBe(1);
    expect(t.defectsFixed).toBe(byDomain.get('cc-fixed.test')!.defectsFixed.length);
  });

  it('carries severity and the outcome before and after on each row', () => {
    expect(byDomain.get('cc-fixed.test')).toMatchObject({ severity: 'high', before: { outcome: 'broken' }, after: { outcome: 'protected' } });
    expect(byDomain.get('cc-fixed.test')!.defectsFixed.map((d) => d.code)).toContain('MTASTS_MX_NOT_COVERED');
    expect(byDomain.get('cc-regressed.test')).toMatchObject({ before: { outcome: 'protected' }, after: { outcome: 'broken' } });
    expect(byDomain.get('cc-new-defect.test')).toMatchObject({ severity: 'medium', defectsNew: [{ code: 'TLSRPT_MISSING_WITH_POLICY', severity: 'medium' }] });
    expect(byDomain.get('cc-fact-only.test')!.factsGained).toEqual(['MTASTS_DNS_UNKNOWN_FIELD']);
  });

  it('says a policy was removed only when its absence was observed, never after a time-out', () => {
    const codes = (d: string) => getResult(store.db, runs[1], d)!.findings.map((f) => f.code);
    expect(codes('cc-regressed.test')).toContain('MTASTS_DNS_REMOVED_WITHOUT_NONE');
    expect(codes('cc-timeout.test')).not.toContain('MTASTS_DNS_REMOVED_WITHOUT_NONE');
    expect(byDomain.get('cc-timeout.test')!.transient).toContain('MTASTS_HTTPS_TIMEOUT');
  });
});
