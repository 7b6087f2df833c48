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

/**
 * A probe in the evidence JSON: a reference to the run's stored probe of that address, or, when this result
 * was judged on another probe of the same address (see detachProbes), that probe itself.
 */
export type StoredProbe = ProbeRef | SmtpProbe;

export type StoredMxHost = Omit<MxHostResult, 'probes'> & { probes: StoredProbe[] };
/** A DomainResult as its evidence JSON holds it. */
export type StoredResult = Omit<DomainResult, 'mx'> & { mx: StoredMxHost[] };

/** Decompressed probes kept while reading many results of a run: the few provider hosts come up constantly. */
const PROBE_CACHE_SIZE = 512;

/** The `outcome` column of a probe the server only ever deferred (4xx): a stand-in until a real probe. */
const DEFERRED = 'deferred';

const statements = defineStatements({
  exists: 'SELECT 1 FROM mx_probes WHERE run_id = ? AND host = ? AND address = ? AND port = ?',
  insert: `INSERT INTO mx_probes (run_id, host, address, port, outcome, probe) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (run_id, host, address, port) DO NOTHING`,
  get: 'SELECT probe FROM mx_probes WHERE run_id = ? AND host = ? AND address = ? AND port = ?',
  recall: `SELECT probe FROM mx_probes WHERE run_id = ? AND host = ? AND address = ? AND port = ? AND outcome <> '${DEFERRED}'`,
  insertHost: 'INSERT INTO result_mx_hosts (run_id, host, result_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  page: `SELECT host, address, port, probe FROM mx_probes WHERE run_id = ? AND (host, address, port) > (?, ?, ?)
         ORDER BY host, address, port LIMIT ${PAGE_SIZE}`,
  domainsOfHost: `SELECT DISTINCT r.domain FROM result_mx_hosts AS h JOIN results AS r ON r.id = h.result_id
                  WHERE h.run_id = ? AND h.host = ? ORDER BY r.domain`,
});

/** When each stored probe was made, by run/host/address/port: which probe a result refers to, cheaply. */
const storedStarts = new WeakMap<Database.Database, Map<string, string>>();
const MAX_REMEMBERED_STARTS = 50_000;

/** `startedAt` of the run's stored probe of that address, storing `p` first if there is none yet. */
function storedStart(db: Database.Database, runId: number, p: SmtpProbe): string {
  let known = storedStarts.get(db);
  if (!known) storedStarts.set(db, (known = new Map()));
  const key = `${runId}\u0000${p.host}\u0000${p.address}\u0000${p.port}`;
  const s = statements(db);
  // Asked every time (an indexed lookup): a rolled-back save may have taken a remembered row away.
  if (!s.exists.get(runId, p.host, p.address, p.port)) {
    s.insert.run(runId, p.host, p.address, p.port, p.deferred ? DEFERRED : p.outcome, packJson(p));
    remember(known, key, p.startedAt);
    return p.startedAt;
  }
  let start = known.get(key);
  if (start === undefined) {
    // Stored by an earlier session (or forgotten): read once, not once per result.
    const blob = s.get.pluck().get(runId, p.host, p.address, p.port) as Buffer;
    start = (JSON.parse(unpackJsonText(blob)) as SmtpProbe).startedAt;
    remember(known, key, start);
  }
  return start;
}

function remember(known: Map<string, string>, key: string, start: string): void {
  if (known.size >= MAX_REMEMBERED_STARTS) known.clear();
  known.set(key, start);
}

/**
 * Stores the result's probes and returns the result with references in their place. The first probe of a
 * host/address/port in a run is stored and every result judged on it refers to it: the engine probes each
 * address once per run and reuses the stored probe after a resume, so that is nearly every result. A result
 * judged on another probe of the same address (the first was deferred, the cache forgot it, a resume changed
 * the network settings) keeps that probe inline instead, so its evidence is always what it was judged on.
 * Call inside the transaction that saves the result.
 */
export function detachProbes(db: Database.Database, runId: number, result: DomainResult, exact = false): StoredResult {
  const same = (p: SmtpProbe) => storedStart(db, runId, p) === p.startedAt && (!exact || storedText(db, runId, p) === JSON.stringify(p));
  const mx = result.mx.map((host): StoredMxHost => ({
    ...host,
    probes: host.probes.map((p) => (same(p) ? { host: p.host, address: p.address, port: p.port } : p)),
  }));
  return { ...result, mx };
}

/**
 * The stored probe's JSON text, read each time (no cache a rolled-back save could leave stale). For `exact`
 * above: results that come from elsewhere (an imported bundle) may hold two different probes of one address
 * made in the same millisecond, which the start time alone would take for one; the engine never does.
 */
function storedText(db: Database.Database, runId: number, p: SmtpProbe): string {
  return unpackJsonText(statements(db).get.pluck().get(runId, p.host, p.address, p.port) as Buffer);
}

/** The run's stored probe of a host/address/port, unless it was deferred: what the engine reuses on resume. */
export function recallProbe(db: Database.Database, runId: number, host: string, address: string, port: number): SmtpProbe | undefined {
  const blob = statements(db).recall.pluck().get(runId, host, address, port) as Buffer | undefined;
  return blob && (JSON.parse(unpackJsonText(blob)) as SmtpProbe);
}

/** Records which MX hosts the saved result `resultId` uses; inside the saving transaction. */
export function recordMxHosts(db: Database.Database, runId: number, resultId: number, result: DomainResult): void {
  for (const host of result.mx) statements(db).insertHost.run(runId, host.host, resultId);
}

/** Freezes a parsed probe and everything in it, so one copy can be shared by every result that refers to it. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Puts probes back into stored results; one reader per batch of reads shares a small cache. A provider's
 * probe, certificate chain included, appears in thousands of results of a run: it is parsed once and shared,
 * frozen so that no reader can change what the others see (an export of 20,000 domains parsed the same
 * chains 20,000 times).
 */
export function probeAttacher(db: Database.Database): (runId: number, stored: StoredResult) => DomainResult {
  const cache = new Map<string, SmtpProbe>();
  const probe = (runId: number, ref: ProbeRef): SmtpProbe => {
    const key = `${runId}\u0000${ref.host}\u0000${ref.address}\u0000${ref.port}`;
    let found = cache.get(key);
    if (found === undefined) {
      const blob = statements(db).get.pluck().get(runId, ref.host, ref.address, ref.port) as Buffer | undefined;
      if (!blob) throw new Error(`run ${runId}: stored result refers to a missing SMTP probe of ${ref.host} at ${ref.address}:${ref.port}`);
      found = deepFreeze(JSON.parse(unpackJsonText(blob)) as SmtpProbe);
      if (cache.size >= PROBE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    } else {
      cache.delete(key); // re-inserted below: most recently used last
    }
    cache.set(key, found);
    return found;
  };
  return (runId, stored) => ({
    ...stored,
    mx: stored.mx.map((host): MxHostResult => ({ ...host, probes: host.probes.map((ref) => ('outcome' in ref ? ref : probe(runId, ref))) })),
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
