/**
 * One row per probed MX host and address: what the STARTTLS probe saw and the leaf certificate's facts. A
 * provider's MX can serve thousands of domains, so the list of domains is cut after a few dozen, with a count.
 */
import type ExcelJS from 'exceljs';
import type { SmtpProbe } from '../../../../shared/types';
import { certificateNames, keyDescription } from '../evidence-text';
import { yesNo } from '../labels';
import type { ReportSource } from '../source';
import { isoDate, type CellInput } from './cell';
import { SheetWriter, type ColumnSpec } from './sheet';

const MAX_LISTED_DOMAINS = 50;

const COLUMNS: ColumnSpec[] = [
  { header: 'MX host', width: 30 }, { header: 'Address', width: 18 }, { header: 'Port', width: 6 },
  { header: 'Outcome', width: 16 }, { header: 'Failed at', width: 10 }, { header: 'Error', width: 30 },
  { header: 'TLS version', width: 10 }, { header: 'Cipher', width: 26 }, { header: 'Certificate subject', width: 30 },
  { header: 'SANs', width: 36 }, { header: 'Issuer', width: 30 }, { header: 'Not after (UTC)', width: 20 },
  { header: 'Days left', width: 9 }, { header: 'Key', width: 14 }, { header: 'Signature', width: 18 },
  { header: 'SHA-256 fingerprint', width: 40 }, { header: 'SPKI SHA-256', width: 40 }, { header: 'Chain trusted', width: 8 },
  { header: 'Chain error', width: 24 }, { header: 'Name valid', width: 8 }, { header: 'Without SNI', width: 16 },
  { header: 'Banner', width: 30 }, { header: 'Probed at (UTC)', width: 20 }, { header: 'Elapsed (ms)', width: 10 },
  { header: 'Domains', width: 9 }, { header: 'Domains using it', width: 60 },
];

export function listDomains(domains: string[], max = MAX_LISTED_DOMAINS): string {
  if (domains.length <= max) return domains.join(', ');
  return `${domains.slice(0, max).join(', ')} … and ${domains.length - max} more`;
}

function withoutSni(p: SmtpProbe): string | undefined {
  if (!p.withoutSni) return undefined;
  if (!p.withoutSni.ok) return `failed${p.withoutSni.error ? `: ${p.withoutSni.error}` : ''}`;
  return p.withoutSni.nameValid ? 'ok' : 'ok, name not valid';
}

function probeRow(p: SmtpProbe, domains: string[]): CellInput[] {
  const leaf = p.tls?.chain?.[0];
  return [
    p.host, p.address, p.port, p.outcome, p.phase, p.error, p.tls?.protocol, p.tls?.cipher, leaf?.subject,
    leaf && certificateNames(leaf), leaf?.issuer, isoDate(leaf?.notAfter), leaf?.daysLeft, leaf && keyDescription(leaf),
    leaf?.signatureAlgorithm, leaf?.fingerprintSha256, leaf?.spkiSha256, yesNo(p.tls?.chainTrusted), p.tls?.chainError,
    yesNo(p.tls?.nameValid), withoutSni(p), p.banner, isoDate(p.startedAt), p.elapsedMs, domains.length, listDomains(domains),
  ];
}

export async function writeMxSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, source: ReportSource): Promise<void> {
  const sheet = new SheetWriter(workbook, 'MX hosts', COLUMNS, 2);
  for (const { probe, domains } of source.mxProbes()) await sheet.add(probeRow(probe, domains));
  sheet.finish();
}
