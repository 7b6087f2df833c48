/**
 * A ReportSource over results already in memory: for tests, and for exporting a result set that never went
 * through the store. Groups the per-MX probes the way the store's listMxProbes does (one row per host and
 * address, with the domains using that host).
 */
import type { DomainResult } from '../../../shared/types';
import { storedClient } from '../../store/client-key';
import { compareStreams } from './changes';
import { domainLabel, type ProbeUse, type ReportItem, type ReportRun, type ReportSource } from './source';

export interface MemoryAudit {
  run: ReportRun;
  items: ReportItem[];
}

function* probeUses(items: ReportItem[]): Generator<ProbeUse> {
  const byKey = new Map<string, ProbeUse>();
  for (const { result } of items) {
    for (const host of result.mx) {
      for (const probe of host.probes) {
        const key = `${probe.host}\u0000${probe.address}\u0000${probe.port}`;
        const use = byKey.get(key) ?? { probe, domains: [] };
        if (!use.domains.includes(domainLabel(result))) use.domains.push(domainLabel(result));
        byKey.set(key, use);
      }
    }
  }
  yield* byKey.values();
}

/** `previous` is used only when it is the same client's (store/client-key.ts): the store's rule, kept here too. */
export function memorySource(current: MemoryAudit, previous?: MemoryAudit): ReportSource {
  const results = (a: MemoryAudit): DomainResult[] => a.items.map((i) => i.result);
  const baseline = previous && storedClient(previous.run.client) === storedClient(current.run.client) ? previous : undefined;
  return {
    run: current.run,
    results: () => current.items,
    mxProbes: () => probeUses(current.items),
    previous: baseline && {
      run: baseline.run,
      comparisons: () => compareStreams(results(baseline), () => results(current)),
    },
  };
}
