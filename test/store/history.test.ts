/** The previous audit of the same client's estate, and a domain's previous result. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/types';
import { createRun, pendingDomains, previousRunOf } from '../../electron/store/runs';
import { previousResultOf, saveResult } from '../../electron/store/results';
import { makeResult } from './fixtures/domain-results';
import { newRun, savePending, tagsOf, tempStore, type TempStore } from './helpers';

let store: TempStore;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.cleanup());

const names = (prefix: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}.example`);

describe('previousRunOf', () => {
  it('is the latest earlier run sharing at least half of the domains', () => {
    const r1 = newRun(store.db, names('a', 0, 10), 'estate Q1');
    const r2 = newRun(store.db, names('other', 0, 50), 'another client');
    const r3 = newRun(store.db, [...names('a', 0, 5), ...names('new', 0, 5)], 'estate Q2'); // 5 of 10 shared with r1
    const r4 = newRun(store.db, [...names('a', 1, 10), 'x.example'], 'estate Q3'); // r3: 4 of 10; r1: 9 of 10
    const r5 = newRun(store.db, [...names('a', 1, 10), 'x.example'], 'estate Q3 again');
    expect(previousRunOf(store.db, r1.id)).toBeUndefined();
    expect(previousRunOf(store.db, r2.id)).toBeUndefined();
    expect(previousRunOf(store.db, r3.id)?.id).toBe(r1.id);
    expect(previousRunOf(store.db, r4.id)?.id).toBe(r1.id);
    expect(previousRunOf(store.db, r5.id)?.id).toBe(r4.id);
  });

  it('counts distinct domains and ignores inputs that are no domain', () => {
    const r1 = newRun(store.db, ['a.example', 'b.example'], 'first');
    // Distinct: a, c, d, e (4); shared with r1: a only (1 < 2). Repeating a must not push it to half.
    const r2 = newRun(store.db, ['a.example', 'a.example', 'a.example', 'c.example', 'd.example', 'e.example', '', ''], 'second');
    expect(previousRunOf(store.db, r2.id)).toBeUndefined();
    const r3 = newRun(store.db, ['a.example', 'b.example', '', '', '', ''], 'third');
    expect(previousRunOf(store.db, r3.id)?.id).toBe(r2.id);
    const r4 = newRun(store.db, ['', ''], 'nothing valid');
    expect(previousRunOf(store.db, r4.id)).toBeUndefined();
    expect(r1.id).toBe(1);
  });

  it('never looks at later runs', () => {
    const r1 = newRun(store.db, names('a', 0, 4));
    newRun(store.db, names('a', 0, 4));
    expect(previousRunOf(store.db, r1.id)).toBeUndefined();
  });
});

describe('previousResultOf', () => {
  it('is the latest saved result of the domain in an earlier run', () => {
    const domains = names('a', 0, 3);
    const r1 = newRun(store.db, domains);
    savePending(store.db, r1.id, { variant: 'q1' });
    const r2 = newRun(store.db, domains);
    // In r2 only a0 is saved; a1 stays pending there.
    const [a0] = pendingDomains(store.db, r2.id);
    saveResult(store.db, r2.id, a0!.runDomainId, { ...makeResult('a0.example', { variant: 'q2' }), input: a0!.input });
    const r3 = newRun(store.db, domains);

    const saved = (domain: string, variant: string) => ({ ...makeResult(domain, { variant }), input: makeResult(domain).input });
    expect(previousResultOf(store.db, r3.id, 'a0.example')).toEqual(saved('a0.example', 'q2'));
    expect(previousResultOf(store.db, r3.id, 'a1.example')).toEqual(saved('a1.example', 'q1'));
    expect(previousResultOf(store.db, r2.id, 'a0.example')).toEqual(saved('a0.example', 'q1'));
    expect(previousResultOf(store.db, r1.id, 'a0.example')).toBeUndefined();
    expect(previousResultOf(store.db, r3.id, 'unknown.example')).toBeUndefined();
  });

  it('re-attaches the probes of the run the result belongs to', () => {
    const domain = names('a', 0, 40).find((d) => makeResult(d).mx.some((h) => h.probes.length > 0))!;
    const r1 = newRun(store.db, [domain]);
    savePending(store.db, r1.id);
    const r2 = newRun(store.db, [domain]);
    savePending(store.db, r2.id, { variant: 'later' });
    store.db.prepare('DELETE FROM mx_probes WHERE run_id = ?').run(r2.id); // probes of r2 cannot be what r1's result uses
    expect(previousResultOf(store.db, r2.id, domain)).toEqual(makeResult(domain));
  });
});

/**
 * Confidentiality: a consultant's report for one client must never draw on another client's audits. Runs of
 * client B that share (or even contain) client A's domains are never A's baseline, nor the source of a
 * domain's "previous result".
 */
describe('the same client only', () => {
  const runOf = (client: string | undefined, domains: string[], name = `audit for ${client ?? 'nobody'}`) => createRun(store.db, {
    name, client, source: 'estate.csv', settings: DEFAULT_SETTINGS, toolVersion: '0.1.0', resolver: 'system resolvers',
    domains: domains.map((domain, i) => ({ input: domain, domain, tags: tagsOf(domain, i) })),
  });
  const estateA = names('a', 0, 10);

  it('takes the previous run of the same client, never a later, closer run of another client', () => {
    const a1 = runOf('Client A', estateA);
    const b1 = runOf('Client B', [...estateA, ...names('b', 0, 10)]); // every domain of A, and B's own
    const a2 = runOf('Client A', estateA);
    expect(previousRunOf(store.db, a2.id)?.id).toBe(a1.id);
    expect(previousRunOf(store.db, b1.id)).toBeUndefined();
  });

  it('has no baseline when the only earlier estate is another client\'s', () => {
    runOf('Client B', [...estateA, ...names('b', 0, 10)]);
    const a1 = runOf('Client A', estateA);
    expect(previousRunOf(store.db, a1.id)).toBeUndefined();
  });

  it('compares runs without a client only with runs without a client', () => {
    const none1 = runOf(undefined, estateA);
    const b1 = runOf('Client B', estateA);
    const none2 = runOf('   ', estateA); // blank is no client
    const b2 = runOf('Client B', estateA);
    expect(none2.client).toBeNull();
    expect(previousRunOf(store.db, none2.id)?.id).toBe(none1.id);
    expect(previousRunOf(store.db, b2.id)?.id).toBe(b1.id);
  });

  it('matches the client exactly once trimmed: other spellings are other clients', () => {
    const a1 = runOf('Client A', estateA);
    const a2 = runOf('  Client A  ', estateA);
    const lower = runOf('client a', estateA);
    expect(a2.client).toBe('Client A');
    expect(previousRunOf(store.db, a2.id)?.id).toBe(a1.id);
    expect(previousRunOf(store.db, lower.id)).toBeUndefined();
  });

  it('takes a domain\'s previous result from the same client\'s runs only', () => {
    const shared = 'a0.example';
    const a1 = runOf('Client A', [shared]);
    savePending(store.db, a1.id, { variant: 'a-q1' });
    const b1 = runOf('Client B', [shared]);
    savePending(store.db, b1.id, { variant: 'b-q1' });
    const a2 = runOf('Client A', [shared]);
    const c1 = runOf('Client C', [shared]);
    const nobody = runOf(undefined, [shared]);

    const saved = (variant: string) => ({ ...makeResult(shared, { variant }), input: shared });
    expect(previousResultOf(store.db, a2.id, shared)).toEqual(saved('a-q1'));
    expect(previousResultOf(store.db, b1.id, shared)).toBeUndefined();
    expect(previousResultOf(store.db, c1.id, shared)).toBeUndefined();
    expect(previousResultOf(store.db, nobody.id, shared)).toBeUndefined();
  });
});
