/**
 * SMTP probes stored once per run and host/address/port. A provider MX serves thousands of domains and each
 * probe carries its certificate chain, so a result's evidence keeps only a {host, address, port} reference
 * per probe; reading a result puts the probes back.
 */
import type Database from 'better-sqlite3';
import type { DomainResult, MxHostResult, SmtpProbe } from '../../shared/types';
import { packJson, unpackJsonText } from './json-blob';
import { PAGE_SIZE } from './batches';
import { defineStatements } from './statements';

/** How the evidence JSON refers to a probe. */
export interface ProbeRef {
  host: string;
  address: string;
  port: number;
}

export type StoredMxHost = Omit<MxHostResult, 'probes'> & { probes: ProbeRef[] };
/** A DomainResult as its evidence JSON holds it. */
export type StoredResult = Omit<DomainResult, 'mx'> & { mx: StoredMxHost[] };

/** Decompressed probes kept while reading many results of a run: the few provider hosts come up constantly. */
const PROBE_CACHE_SIZE = 512;

const statements = defineStatements({
  exists: 'SELECT 1 FROM mx_probes WHERE run_id = ? AND host = ? AND address = ? AND port = ?',
  insert: `INSERT INTO mx_probes (run_id, host, address, port, outcome, probe) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (run_id, host, address, port) DO NOTHING`,
  get: 'SELECT probe FROM mx_probes WHERE run_id = ? AND host = ? AND address = ? AND port = ?',
  insertHost: 'INSERT INTO result_mx_hosts (run_id, host, result_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  page: `SELECT host, address, port, probe FROM mx_probes WHERE run_id = ? AND (host, address, port) > (?, ?, ?)
         ORDER BY host, address, port LIMIT ${PAGE_SIZE}`,
  domainsOfHost: `SELECT DISTINCT r.domain FROM result_mx_hosts AS h JOIN results AS r ON r.id = h.result_id
                  WHERE h.run_id = ? AND h.host = ? ORDER BY r.domain`,
});

/**
 * Stores the result's probes (the first save of a host/address/port in a run wins: the engine probes each
 * once per run, so later copies are identical) and returns the result with references in their place.
 * Call inside the transaction that saves the result.
 */
export function detachProbes(db: Database.Database, runId: number, result: DomainResult): StoredResult {
  const s = statements(db);
  const mx = result.mx.map((host): StoredMxHost => ({
    ...host,
    probes: host.probes.map((p) => {
      // Checked first so a shared probe is not compressed again for every domain that uses it.
      if (!s.exists.get(runId, p.host, p.address, p.port)) s.insert.run(runId, p.host, p.address, p.port, p.outcome, packJson(p));
      return { host: p.host, address: p.address, port: p.port };
    }),
  }));
  return { ...result, mx };
}

/** Records which MX hosts the saved result `resultId` uses; inside the saving transaction. */
export function recordMxHosts(db: Database.Database, runId: number, resultId: number, result: DomainResult): void {
  for (const host of result.mx) statements(db).insertHost.run(runId, host.host, resultId);
}

/** Puts probes back into stored results; one reader per batch of reads shares a small cache. */
export function probeAttacher(db: Database.Database): (runId: number, stored: StoredResult) => DomainResult {
  const cache = new Map<string, string>();
  const probeText = (runId: number, ref: ProbeRef): string => {
    const key = `${runId}\u0000${ref.host}\u0000${ref.address}\u0000${ref.port}`;
    let text = cache.get(key);
    if (text === undefined) {
      const blob = statements(db).get.pluck().get(runId, ref.host, ref.address, ref.port) as Buffer | undefined;
      if (!blob) throw new Error(`run ${runId}: stored result refers to a missing SMTP probe of ${ref.host} at ${ref.address}:${ref.port}`);
      text = unpackJsonText(blob);
      if (cache.size >= PROBE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    } else {
      cache.delete(key); // re-inserted below: most recently used last
    }
    cache.set(key, text);
    // Parsed anew for every result: callers get objects they may change without touching other results.
    return text;
  };
  return (runId, stored) => ({
    ...stored,
    mx: stored.mx.map((host): MxHostResult => ({ ...host, probes: host.probes.map((ref) => JSON.parse(probeText(runId, ref)) as SmtpProbe) })),
  });
}

/** Every probe of the run (by host, address, port) with the domains whose MX list includes its host. */
export function listMxProbes(db: Database.Database, runId: number): Iterable<{ probe: SmtpProbe; domains: string[] }> {
  type Row = { host: string; address: string; port: number; probe: Buffer };
  return {
    *[Symbol.iterator]() {
      const s = statements(db);
      let after: [string, string, number] = ['', '', -1];
      let host: { name: string; domains: string[] } | undefined;
      for (;;) {
        const rows = s.page.all(runId, ...after) as Row[];
        for (const row of rows) {
          if (host?.name !== row.host) host = { name: row.host, domains: s.domainsOfHost.pluck().all(runId, row.host) as string[] };
          yield { probe: JSON.parse(unpackJsonText(row.probe)) as SmtpProbe, domains: [...host.domains] };
        }
        if (rows.length < PAGE_SIZE) return;
        const last = rows[rows.length - 1]!;
        after = [last.host, last.address, last.port];
      }
    },
  };
}
