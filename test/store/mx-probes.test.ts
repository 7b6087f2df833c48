/** One entry per probed host/address/port of a run, with the domains behind that host. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpProbe } from '../../shared/types';
import { getResult, listMxProbes, saveResult } from '../../electron/store/results';
import { recallProbe } from '../../electron/store/mx-probes';
import { pendingDomains } from '../../electron/store/runs';
import { estateDomains, makeResult } from './fixtures/domain-results';
import { newRun, savePending, tempStore, type TempStore } from './helpers';

let store: TempStore;
const domains = estateDomains(700);

beforeAll(() => {
  store = tempStore();
  newRun(store.db, domains);
  savePending(store.db, 1);
  newRun(store.db, domains.slice(0, 5), 'other run');
  savePending(store.db, 2, { variant: 'other' });
});
afterAll(() => store.cleanup());

const key = (p: { host: string; address: string; port: number }) => `${p.host} ${p.address} ${p.port}`;

describe('listMxProbes', () => {
  it('lists every probe of the run once, whole, with the domains using its host', () => {
    const probes = new Map<string, SmtpProbe>();
    const domainsOfHost = new Map<string, Set<string>>();
    for (const d of domains) {
      for (const h of makeResult(d).mx) {
        if (!domainsOfHost.has(h.host)) domainsOfHost.set(h.host, new Set());
        domainsOfHost.get(h.host)!.add(d);
        for (const p of h.probes) if (!probes.has(key(p))) probes.set(key(p), p);
      }
    }
    expect(probes.size).toBeGreaterThan(256); // more than one page

    const listed = [...listMxProbes(store.db, 1)];
    expect(listed.map((l) => key(l.probe))).toEqual([...probes.keys()].sort((a, b) => (a < b ? -1 : 1)));
    for (const { probe, domains: users } of listed) {
      expect(probe).toEqual(probes.get(key(probe)));
      expect(users).toEqual([...domainsOfHost.get(probe.host)!].sort());
    }
    const provider = listed.find((l) => l.probe.host === 'mx1.mail-provider.example')!;
    expect(provider.domains.length).toBeGreaterThan(100);
  });

  it('is scoped to the run', () => {
    const other = [...listMxProbes(store.db, 2)];
    expect(other.length).toBeGreaterThan(0);
    for (const { domains: users } of other) for (const d of users) expect(domains.slice(0, 5)).toContain(d);
    expect([...listMxProbes(store.db, 3)]).toEqual([]);
  });
});

describe('probes across sessions of a run', () => {
  const probeOf = (outcome: SmtpProbe['outcome'], extra: Partial<SmtpProbe> = {}): SmtpProbe => ({
    host: 'mx.shared.example', address: '192.0.2.25', port: 25, outcome, elapsedMs: 3, startedAt: '2026-12-02T00:00:00.000Z', ...extra,
  });
  const withProbe = (domain: string, probe: SmtpProbe) => {
    const r = makeResult(domain);
    return { ...r, mx: [{ host: probe.host, preference: 10, addresses: [probe.address], probes: [probe] }] };
  };
  const probeOfResult = (db: TempStore['db'], runId: number, domain: string) => getResult(db, runId, domain)!.mx[0]!.probes[0];

  it('keeps each result\'s own probe, even when another probe of the address was stored first', () => {
    const s = tempStore();
    try {
      const run = newRun(s.db, ['a.example', 'b.example', 'c.example']);
      const pending = pendingDomains(s.db, run.id);
      const deferred = probeOf('not-tested', { deferred: true, error: 'the server answered the auditor only with a temporary refusal (421)' });
      saveResult(s.db, run.id, pending[0]!.runDomainId, withProbe('a.example', deferred));
      // A deferred probe is not the run's answer for that address: the engine probes it again.
      expect(recallProbe(s.db, run.id, 'mx.shared.example', '192.0.2.25', 25)).toBeUndefined();
      const real = probeOf('ok', { banner: '220 real', startedAt: '2026-12-02T00:05:00.000Z' });
      saveResult(s.db, run.id, pending[1]!.runDomainId, withProbe('b.example', real));
      saveResult(s.db, run.id, pending[2]!.runDomainId, withProbe('c.example', real));
      expect(probeOfResult(s.db, run.id, 'a.example')).toMatchObject({ outcome: 'not-tested', deferred: true });
      expect(probeOfResult(s.db, run.id, 'b.example')).toMatchObject({ outcome: 'ok', banner: '220 real' });
      expect(probeOfResult(s.db, run.id, 'c.example')).toMatchObject({ outcome: 'ok', banner: '220 real' });
    } finally {
      s.cleanup();
    }
  });

  it('recalls the stored probe, which the results judged on it refer to', () => {
    const s = tempStore();
    try {
      const run = newRun(s.db, ['x.example', 'y.example']);
      const pending = pendingDomains(s.db, run.id);
      const first = probeOf('ok', { banner: '220 stored first', startedAt: '2026-12-02T00:01:00.000Z' });
      saveResult(s.db, run.id, pending[0]!.runDomainId, withProbe('x.example', first));
      expect(recallProbe(s.db, run.id, 'mx.shared.example', '192.0.2.25', 25)).toMatchObject({ banner: '220 stored first' });
      expect(recallProbe(s.db, run.id, 'mx.shared.example', '192.0.2.25', 26)).toBeUndefined();
      saveResult(s.db, run.id, pending[1]!.runDomainId, withProbe('y.example', first));
      expect(probeOfResult(s.db, run.id, 'y.example')).toMatchObject({ banner: '220 stored first' });
      // Referred to, not copied: one stored probe for the address.
      expect(s.db.prepare('SELECT count(*) AS n FROM mx_probes WHERE run_id = ?').get(run.id)).toEqual({ n: 1 });
    } finally {
      s.cleanup();
    }
  });
});
