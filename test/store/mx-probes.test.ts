/** One entry per probed host/address/port of a run, with the domains behind that host. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpProbe } from '../../shared/types';
import { listMxProbes } from '../../electron/store/results';
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
