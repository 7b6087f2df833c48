/** The previous audit of the same estate, and a domain's previous result. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingDomains, previousRunOf } from '../../electron/store/runs';
import { previousResultOf, saveResult } from '../../electron/store/results';
import { makeResult } from './fixtures/domain-results';
import { newRun, savePending, tempStore, type TempStore } from './helpers';

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
