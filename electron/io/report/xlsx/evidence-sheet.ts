/**
 * The raw evidence per domain: every DNS answer with its records and TTLs, the TLSA answers of each MX, the
 * policy fetch with the policy body and its SHA-256, and the policy host's certificate. The largest table of
 * the workbook (about 16 rows per domain from a real audit): past a sheet's row limit it continues on
 * "Evidence (2)" and on, each domain's rows kept together.
 */
import type { DomainResult, PolicyFetchEvidence } from '../../../../shared/types';
import { answerOutcome, answerRecords, certificateFacts, policyBody, policySha256, tlsaLines } from '../evidence-text';
import { yesNo } from '../labels';
import { domainLabel, type ReportSource } from '../source';
import type { CellInput } from './cell';
import type { Book } from './book';
import { SheetSeries } from './sheet-series';

export const EVIDENCE_SHEET = 'Evidence';

const COLUMNS = [
  { header: 'Domain', width: 32 }, { header: 'Item', width: 18 }, { header: 'Name', width: 40 }, { header: 'Type', width: 7 },
  { header: 'Outcome', width: 16 }, { header: 'DNSSEC (AD)', width: 8 }, { header: 'Records (name TTL class type data)', width: 70, wrap: true },
  { header: 'SHA-256', width: 66 }, { header: 'Content', width: 80, wrap: true },
];

function* dnsRows(r: DomainResult): Generator<CellInput[]> {
  const domain = domainLabel(r);
  for (const a of r.evidence?.dns ?? []) {
    yield [domain, 'DNS answer', a.name, a.type, answerOutcome(a), yesNo(a.authenticated), answerRecords(a).join('\n'), undefined, a.server && `server ${a.server}`];
  }
  for (const host of r.mx) {
    if (!host.tlsa) continue;
    const t = host.tlsa;
    yield [domain, 'TLSA', t.owner, 'TLSA', t.outcome, yesNo(t.authenticated), tlsaLines(t).join('\n'), undefined, `MX ${host.host}`];
  }
}

function fetchOutcome(f: PolicyFetchEvidence): string {
  return [f.outcome, f.status !== undefined ? `HTTP ${f.status}` : undefined, f.errorCode].filter(Boolean).join(', ');
}

function* policyRows(r: DomainResult): Generator<CellInput[]> {
  const domain = domainLabel(r);
  const f = r.evidence?.policyFetch;
  const body = policyBody(r);
  if (f || body !== undefined) {
    const addresses = f ? `addresses ${f.addresses.join(', ') || '-'}${f.addressesTried !== undefined ? `; ${f.addressesTried} tried` : ''}${f.addressUsed ? `; used ${f.addressUsed}` : ''}` : undefined;
    yield [domain, 'Policy fetch', f?.url, 'HTTPS', f && fetchOutcome(f), undefined, addresses, policySha256(r), body];
  }
  const leaf = f?.tls?.chain?.[0];
  if (f?.tls) {
    const facts = certificateFacts(f.tls).map(([label, value]) => `${label}: ${value}`);
    yield [domain, 'HTTPS certificate', f.host, 'X.509', undefined, undefined, facts.join('\n'), leaf?.fingerprintSha256, undefined];
  }
  if (r.stsRecord) yield [domain, 'MTA-STS record', `_mta-sts.${r.domain}`, 'TXT', r.stsRecord.valid ? 'valid' : 'invalid', undefined, r.stsRecord.text, undefined, undefined];
}

/** A domain's Evidence rows, in order: what the sheet writes and what links to it count. */
export function evidenceRows(r: DomainResult): CellInput[][] {
  return [...dnsRows(r), ...policyRows(r)];
}

/**
 * How many rows evidenceRows gives, without building them (the Domains sheet's links count them for every
 * domain; building the rows to count them formatted every record and certificate once more).
 */
export function evidenceRowCount(r: DomainResult): number {
  const f = r.evidence?.policyFetch;
  const hasBody = r.policy?.text !== undefined || f?.bodyBase64 !== undefined;
  return (r.evidence?.dns?.length ?? 0) + r.mx.filter((h) => h.tlsa).length
    + (f || hasBody ? 1 : 0) + (f?.tls ? 1 : 0) + (r.stsRecord ? 1 : 0);
}

export async function writeEvidenceSheet(book: Book, source: ReportSource): Promise<void> {
  const sheet = new SheetSeries(book, EVIDENCE_SHEET, COLUMNS, 1);
  for (const { result } of source.results()) {
    await sheet.addBlock(domainLabel(result), evidenceRows(result).map((values) => ({ values })));
  }
  sheet.finish();
}
