/**
 * The PDF evidence pack of a run: cover, contents, scope and method, executive summary on the protection
 * outcome scale, findings by root cause, then (unless summary-only) the domains — a section per domain, or for
 * a large estate a compact table of the domains without defects and sections for the others, with the mail
 * servers' SMTP conversations once — and the domain index with the integrity manifest. Pages are streamed to the
 * file as they fill and results are read one at a time, so a large pack runs in bounded memory. Every string
 * from an audited domain is drawn as text through pdfSafe, never interpreted.
 */
import type Database from 'better-sqlite3';
import { resultOutcome } from '../../shared/outcome';
import { hasDefect, takeCensus } from './report/census';
import { writeReplacing } from './report/output-file';
import { tallyChanges } from './report/changes';
import { EvidenceJsonWriter, type EvidenceDigest } from './report/evidence-json';
import { yieldToEventLoop, type ReportSource } from './report/source';
import { openStoreSource, type StoreSourceOptions } from './report/store-source';
import { estateActions } from './pdf/actions';
import { drawAppendix, type IndexedDomain } from './pdf/appendix';
import { CompactTable } from './pdf/compact';
import { drawContents, type ContentsEntry } from './pdf/contents';
import { drawCover } from './pdf/cover';
import { ReportPdf } from './pdf/document';
import { drawDomainPage } from './pdf/domain-page';
import { collectOccurrences, drawFindings } from './pdf/findings';
import { drawMailServers } from './pdf/mx-evidence';
import { drawScope } from './pdf/scope';
import { drawExecutiveSummary } from './pdf/summary';
import { clip } from './pdf/text';
import { drawTlsRpt, TLSRPT_ANCHOR } from './pdf/tlsrpt';
import { hasReports } from './report/xlsx/tlsrpt-sheet';

/**
 * Above this many audited domains a pack is "large": domains without defects go into one compact table, the
 * others' sections follow each other instead of starting a page each, and each mail server's SMTP conversation
 * is printed once (Mail servers) instead of in every domain that uses it.
 */
export const LARGE_ESTATE = 200;

export type DomainPages = 'all' | 'with-defects';

export interface EvidencePdfOptions {
  summaryOnly: boolean;
  auditor?: string;
  /** Printed as the report date; defaults to now. */
  generatedAt?: Date;
  /**
   * 'all': a full section on a page of its own for every domain; 'with-defects': sections only for domains
   * with a finding above info, the rest in a compact table. Default: 'all' up to LARGE_ESTATE domains.
   */
  domainPages?: DomainPages;
  /** Identify the file as PDF/A-2b (default true; see docs/DECISIONS.md for what was checked). */
  pdfa?: boolean;
  /** In a bundle: the signing key's fingerprint and the signing time (UTC), printed on the cover. */
  signature?: { fingerprint: string; signedAt: string };
}

/** Per-domain sections (or compact rows), hashing each domain's evidence entry on the way. */
async function drawDomains(pdf: ReportPdf, source: ReportSource, total: number, mode: DomainPages, withoutDefects: number, now: Date): Promise<{ whole: EvidenceDigest; domains: IndexedDomain[] }> {
  if (mode === 'with-defects' && withoutDefects > 0) {
    const compact = new CompactTable(pdf, withoutDefects);
    let index = 0;
    for (const item of source.results()) {
      index++;
      if (!hasDefect(item.result)) compact.row(item, index);
      if (index % 200 === 0) await pdf.drained();
    }
    compact.end();
  }
  const evidence = new EvidenceJsonWriter(source.run);
  const domains: IndexedDomain[] = [];
  let parent: PDFKit.PDFOutline | undefined;
  let started = false;
  // Called on the domain's first page, so each bookmark (and the group's, on the first domain) points there.
  const bookmark = (title: string) => {
    parent ??= pdf.bookmark('Domain evidence');
    pdf.bookmark(title, parent);
  };
  for (const item of source.results()) {
    const digest = evidence.add(item);
    domains.push({ ...digest, outcome: resultOutcome(item.result).outcome });
    if (mode === 'all' || hasDefect(item.result)) {
      if (mode === 'with-defects' && !started) pdf.section('Domain evidence', 'domains');
      started = true;
      drawDomainPage(pdf, item, { index: domains.length, total, bookmark, full: mode === 'all', now }, digest);
      await pdf.drained();
    } else if (domains.length % 200 === 0) {
      await pdf.drained();
    }
  }
  return { whole: evidence.end(), domains };
}

async function digestOnly(source: ReportSource): Promise<EvidenceDigest> {
  const evidence = new EvidenceJsonWriter(source.run);
  let n = 0;
  for (const item of source.results()) {
    evidence.add(item);
    if (++n % 200 === 0) await yieldToEventLoop();
  }
  return evidence.end();
}

/** Writes the PDF to `path`, replacing a file there only once the new one is complete (output-file.ts). */
export function writeEvidencePdfFrom(source: ReportSource, path: string, opts: EvidencePdfOptions): Promise<void> {
  return writeReplacing(path, (temp) => writeEvidencePdfFile(source, temp, opts));
}

function contents(opts: EvidencePdfOptions, mode: DomainPages, withoutDefects: number, audited: number): ContentsEntry[] {
  const entries: ContentsEntry[] = [
    { title: 'Scope and method', anchor: 'scope' },
    { title: 'Executive summary', anchor: 'summary', note: 'Outcomes, top actions, every critical and high finding, the domains to fix first' },
    { title: 'Findings by root cause', anchor: 'findings', note: 'What each problem means, how to fix it, and every domain it affects' },
  ];
  if (!opts.summaryOnly) {
    if (mode === 'with-defects' && withoutDefects > 0) entries.push({ title: 'Domains without defects', anchor: 'no-defects', note: `${withoutDefects} domain(s), one row each` });
    if (mode === 'all') entries.push({ title: 'Domain evidence', anchor: 'domain-1', note: `A section per domain (${audited})` });
    else if (audited > withoutDefects) entries.push({ title: 'Domain evidence', anchor: 'domains', note: `A section per domain with a defect (${audited - withoutDefects})` });
    if (mode === 'with-defects') entries.push({ title: 'Mail servers', anchor: 'mail-servers', note: 'Each MX address once: SMTP conversation and certificate' });
  }
  entries.push({ title: opts.summaryOnly ? 'Appendix: integrity manifest' : 'Appendix: domain index and integrity manifest', anchor: 'appendix' });
  return entries;
}

/**
 * The evidence hash and the signer, also in the document information dictionary (written uncompressed when the
 * PDF ends), so `verify` can tell whether the bundle's evidence.json and key are the ones this PDF was made with.
 */
function stampInfo(pdf: ReportPdf, evidenceSha256: string, signature: EvidencePdfOptions['signature']): void {
  const info = pdf.doc.info as unknown as Record<string, string>;
  info.EvidenceSha256 = evidenceSha256;
  if (signature) {
    info.SignerFingerprint = signature.fingerprint;
    info.SignedAt = signature.signedAt;
  }
}

/** Writes the PDF into `file` as it is (an export's temporary file; see export/run-export.ts). */
export async function writeEvidencePdfFile(source: ReportSource, path: string, opts: EvidencePdfOptions): Promise<void> {
  const generatedAt = opts.generatedAt ?? new Date();
  const census = await takeCensus(source);
  const collected = await collectOccurrences(source);
  const actions = estateActions(source, generatedAt);
  const previous = source.previous && { run: source.previous.run, tally: tallyChanges(source.previous.comparisons()) };
  const run = source.run;
  const mode: DomainPages = opts.domainPages ?? (census.audited > LARGE_ESTATE ? 'with-defects' : 'all');
  // Which domains get a section of their own (and so can be linked to from the summary and the findings).
  const sectioned = new Set<number>();
  if (!opts.summaryOnly) {
    let i = 0;
    for (const { result } of source.results()) if (++i && (mode === 'all' || hasDefect(result))) sectioned.add(i);
  }
  const linkable = (index: number) => sectioned.has(index);
  const pdf = new ReportPdf(path, {
    title: `MTA-STS audit: ${run.name}`, author: opts.auditor, subject: `Email transport security audit, run ${run.id}`,
    footer: clip(`Run ${run.id}  ·  ${run.name}${run.client ? `  ·  ${run.client}` : ''}`, 100), pdfa: opts.pdfa ?? true,
  });
  drawCover(pdf, { run, census, auditor: opts.auditor, generatedAt, summaryOnly: opts.summaryOnly, signature: opts.signature });
  const reports = source.tlsrpt?.(generatedAt);
  const entries = contents(opts, mode, census.withoutDefects, census.audited);
  if (hasReports(reports)) entries.splice(3, 0, { title: "Senders' reports (TLS-RPT)", anchor: TLSRPT_ANCHOR, note: 'What senders reported per mail host, next to what the audit predicts' });
  drawContents(pdf, entries);
  drawScope(pdf, run, census);
  drawExecutiveSummary(pdf, census, collected, actions, linkable, previous, source.filter);
  drawFindings(pdf, census, collected.byCode, linkable);
  await pdf.drained();
  if (hasReports(reports)) drawTlsRpt(pdf, reports);
  collected.byCode.clear();
  if (opts.summaryOnly) {
    const whole = await digestOnly(source);
    drawAppendix(pdf, whole, undefined);
    stampInfo(pdf, whole.sha256, opts.signature);
  } else {
    const { whole, domains } = await drawDomains(pdf, source, census.audited, mode, census.withoutDefects, generatedAt);
    if (mode === 'with-defects') drawMailServers(pdf, source.mxProbes());
    await pdf.drained();
    drawAppendix(pdf, whole, domains);
    stampInfo(pdf, whole.sha256, opts.signature);
  }
  await pdf.finish();
}

export async function writeEvidencePdf(db: Database.Database, runId: number, path: string, opts: Omit<EvidencePdfOptions, 'generatedAt'> & StoreSourceOptions): Promise<void> {
  const source = openStoreSource(db, runId, { tag: opts.tag });
  try {
    await writeEvidencePdfFrom(source, path, opts);
  } finally {
    source.close();
  }
}
