/**
 * A stored run of any size, fast: results are made from one template per posture (built once with the
 * export fixtures, then given each domain's name) and saved with the store's own saveResult inside large
 * transactions, so the store derives everything as in an audit (outcome, counts, findings, probes, MX use).
 * Each result carries about as much evidence as a real audit's (around 14 Evidence rows a domain: the MX,
 * STS and TLS-RPT answers, the MX hosts' addresses and TLSA records, the policy and its certificate), so
 * 100,000 domains pass a sheet's 1,048,576 rows.
 */
import type Database from 'better-sqlite3';
import type { Posture } from '../../../shared/findings';
import { DEFAULT_SETTINGS, type DnsAnswer, type DomainResult } from '../../../shared/types';
import { createRun, pendingDomains } from '../../../electron/store/runs';
import { saveResult } from '../../../electron/store/results';
import { makeResult } from './fixtures';

const CYCLE: Posture[] = ['enforce', 'enforce', 'testing', 'absent', 'invalid', 'absent', 'no-mail', 'error', 'none', 'enforce'];
const TEMPLATE = 'template-domain.example';
/** Domain i is made from template i % SCALE_TEMPLATES. */
export const SCALE_TEMPLATES = CYCLE.length;
const TX_SIZE = 5000;

function dns(name: string, type: DnsAnswer['type'], data: Record<string, unknown>): DnsAnswer {
  return { name, type, outcome: 'ok', rcode: 'NOERROR', authenticated: false, records: [{ name, ttl: 300, type, ...data } as never], cnames: [], server: '192.0.2.53:53', elapsedMs: 9, attempts: 1 };
}

/** The template of a posture: the export fixture's result plus the answers a real audit also records. */
function template(posture: Posture): string {
  const r = makeResult(TEMPLATE, { posture });
  for (const host of r.mx) {
    r.evidence.dns.push(dns(host.host, 'A', { address: '198.51.100.10' }), dns(host.host, 'AAAA', { address: '2001:db8::10' }));
    host.tlsa ??= { owner: `_25._tcp.${host.host}`, base: host.host, outcome: 'nodata', authenticated: false, records: [] };
  }
  r.evidence.dns.push(dns(`_smtp._tls.${TEMPLATE}`, 'TXT', { strings: ['v=TLSRPTv1; rua=mailto:tls@example.net'] }));
  if (r.policy) r.evidence.dns.push(dns(`mta-sts.${TEMPLATE}`, 'AAAA', { address: '2001:db8::7' }));
  return JSON.stringify(r);
}

/** Rows the workbook's Evidence sheet holds for a result: its DNS answers, TLSA answers, policy fetch, certificate and STS record. */
export function expectedEvidenceRows(r: DomainResult): number {
  const f = r.evidence.policyFetch;
  return r.evidence.dns.length + r.mx.filter((h) => h.tlsa).length + (f || r.policy?.text !== undefined ? 1 : 0) + (f?.tls ? 1 : 0) + (r.stsRecord ? 1 : 0);
}

export const scaleDomain = (i: number) => `s${String(i).padStart(6, '0')}.example.com`;

/** Saves a run of `n` domains into `db` and returns its id. */
export function storeScaleRun(db: Database.Database, n: number): number {
  const templates = new Map(CYCLE.map((p) => [p, template(p)]));
  const domains = Array.from({ length: n }, (_, i) => ({ input: scaleDomain(i).toUpperCase(), domain: scaleDomain(i), tags: { Unit: ['Retail', 'Group'][i % 2]! } }));
  const run = createRun(db, { name: 'scale', client: 'Scale Ltd', source: 'scale.csv', settings: DEFAULT_SETTINGS, toolVersion: '0.1.0', resolver: '192.0.2.53', domains });
  const pending = pendingDomains(db, run.id);
  const save = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const json = templates.get(CYCLE[i % CYCLE.length]!)!.replaceAll(TEMPLATE, scaleDomain(i));
      const result = JSON.parse(json) as DomainResult;
      result.input = domains[i]!.input;
      saveResult(db, run.id, pending[i]!.runDomainId, result);
    }
  });
  for (let at = 0; at < n; at += TX_SIZE) save(at, Math.min(n, at + TX_SIZE));
  return run.id;
}

/** The same results as the store holds, for checks. */
export function scaleResult(i: number): DomainResult {
  const r = JSON.parse(template(CYCLE[i % CYCLE.length]!).replaceAll(TEMPLATE, scaleDomain(i))) as DomainResult;
  r.input = scaleDomain(i).toUpperCase();
  return r;
}
