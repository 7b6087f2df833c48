/**
 * "MX hosts": one row per probed MX host and address, with what the STARTTLS probe saw and the leaf
 * certificate's facts. "MX domains": every domain that uses each host, one row per host and domain. A
 * provider's MX can serve thousands of domains, more than a cell holds (32,767 characters), so the host's row
 * lists its domains only when they are few and otherwise links to its rows on "MX domains", which lists them
 * all (continuing on further sheets past the row limit).
 */
import type { SmtpProbe } from '../../../../shared/types';
import { certificateNames, keyDescription } from '../evidence-text';
import { yesNo } from '../labels';
import type { ProbeUse, ReportSource } from '../source';
import type { Book } from './book';
import { cellLink, isoDate, type CellInput } from './cell';
import { SheetPlan, type RowPosition } from './sheet-plan';
import { SheetSeries } from './sheet-series';
import type { ColumnSpec } from './sheet';

export const MX_SHEET = 'MX hosts';
export const MX_DOMAINS_SHEET = 'MX domains';
/** Up to this many domains are also listed in the host's own row. */
export const MAX_LISTED_DOMAINS = 50;

const COLUMNS: ColumnSpec[] = [
  { header: 'MX host', width: 30 }, { header: 'Address', width: 18 }, { header: 'Port', width: 6 },
  { header: 'Outcome', width: 16 }, { header: 'Failed at', width: 10 }, { header: 'Error', width: 30, wrap: true },
  { header: 'TLS version', width: 10 }, { header: 'Cipher', width: 26 }, { header: 'Certificate subject', width: 30 },
  { header: 'SANs', width: 36, wrap: true }, { header: 'Issuer', width: 30 }, { header: 'Not after (UTC)', width: 20 },
  { header: 'Days left', width: 9 }, { header: 'Key', width: 14 }, { header: 'Signature', width: 18 },
  { header: 'SHA-256 fingerprint', width: 40 }, { header: 'SPKI SHA-256', width: 40 }, { header: 'Chain trusted', width: 8 },
  { header: 'Chain error', width: 24 }, { header: 'Name valid', width: 8 }, { header: 'Without SNI', width: 16 },
  { header: 'Banner', width: 30 }, { header: 'Probed at (UTC)', width: 20 }, { header: 'Elapsed (ms)', width: 10 },
  { header: 'Domains', width: 9 }, { header: 'Domains using it', width: 60, wrap: true },
];

const DOMAIN_COLUMNS: ColumnSpec[] = [{ header: 'MX host', width: 36 }, { header: 'Domain', width: 40 }];

function withoutSni(p: SmtpProbe): string | undefined {
  if (!p.withoutSni) return undefined;
  if (!p.withoutSni.ok) return `failed${p.withoutSni.error ? `: ${p.withoutSni.error}` : ''}`;
  return p.withoutSni.nameValid ? 'ok' : 'ok, name not valid';
}

/** The host's domains in its own row when few, else a link to the first of them on "MX domains". */
function domainsCell(domains: string[], at: RowPosition | undefined): CellInput {
  if (domains.length <= MAX_LISTED_DOMAINS || !at) return domains.join(', ');
  return cellLink(`all ${domains.length} domains: sheet ${at.sheet}, from row ${at.row}`, at.sheet, at.row);
}

function probeRow(p: SmtpProbe, domains: string[], at: RowPosition | undefined): CellInput[] {
  const leaf = p.tls?.chain?.[0];
  return [
    p.host, p.address, p.port, p.outcome, p.phase, p.error, p.tls?.protocol, p.tls?.cipher, leaf?.subject,
    leaf && certificateNames(leaf), leaf?.issuer, isoDate(leaf?.notAfter), leaf?.daysLeft, leaf && keyDescription(leaf),
    leaf?.signatureAlgorithm, leaf?.fingerprintSha256, leaf?.spkiSha256, yesNo(p.tls?.chainTrusted), p.tls?.chainError,
    yesNo(p.tls?.nameValid), withoutSni(p), p.banner, isoDate(p.startedAt), p.elapsedMs, domains.length, domainsCell(domains, at),
  ];
}

/** Each host once, at its first probe: the order both sheets follow. */
function* firstPerHost(uses: Iterable<ProbeUse>): Generator<ProbeUse & { first: boolean }> {
  const seen = new Set<string>();
  for (const use of uses) {
    const first = !seen.has(use.probe.host);
    seen.add(use.probe.host);
    yield { ...use, first };
  }
}

export async function writeMxSheets(book: Book, source: ReportSource): Promise<void> {
  const hosts = new SheetSeries(book, MX_SHEET, COLUMNS, 2);
  const plan = new SheetPlan(MX_DOMAINS_SHEET, book.maxRows);
  const where = new Map<string, RowPosition | undefined>();
  for (const use of firstPerHost(source.mxProbes())) {
    if (use.first) where.set(use.probe.host, plan.placeBlock(use.domains.length));
    await hosts.add(use.probe.host, probeRow(use.probe, use.domains, where.get(use.probe.host)));
  }
  hosts.finish();
  const domains = new SheetSeries(book, MX_DOMAINS_SHEET, DOMAIN_COLUMNS, 1);
  for (const use of firstPerHost(source.mxProbes())) {
    if (use.first) await domains.addBlock(use.probe.host, use.domains.map((d) => ({ values: [use.probe.host, d] })));
  }
  domains.finish();
}
