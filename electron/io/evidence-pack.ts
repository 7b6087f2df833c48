/**
 * The PDF evidence pack of a run: cover, scope and method, executive summary, findings by severity, then
 * (unless summary-only) one section per domain with its raw evidence, and the integrity manifest. Pages are
 * streamed to the file as they fill and results are read one at a time, so a thousand-domain pack runs in
 * bounded memory. Every string from an audited domain is drawn as text through pdfSafe, never interpreted.
 */
import type Database from 'better-sqlite3';
import { takeCensus } from './report/census';
import { writeReplacing } from './report/output-file';
import { tallyChanges } from './report/changes';
import { EvidenceJsonWriter, type DomainDigest, type EvidenceDigest } from './report/evidence-json';
import { yieldToEventLoop, type ReportSource } from './report/source';
import { openStoreSource } from './report/store-source';
import { drawAppendix } from './pdf/appendix';
import { drawCover } from './pdf/cover';
import { ReportPdf } from './pdf/document';
import { drawDomainPage } from './pdf/domain-page';
import { collectOccurrences, drawFindings } from './pdf/findings';
import { drawScope } from './pdf/scope';
import { drawExecutiveSummary } from './pdf/summary';
import { clip } from './pdf/text';

export interface EvidencePdfOptions {
  summaryOnly: boolean;
  auditor?: string;
  /** Printed as the report date; defaults to now. */
  generatedAt?: Date;
}

/** Per-domain pages, hashing each domain's evidence entry on the way. */
async function drawDomains(pdf: ReportPdf, source: ReportSource, total: number): Promise<{ whole: EvidenceDigest; domains: DomainDigest[] }> {
  const evidence = new EvidenceJsonWriter(source.run);
  const domains: DomainDigest[] = [];
  let parent: PDFKit.PDFOutline | undefined;
  // Called on the domain's first page, so each bookmark (and the group's, on the first domain) points there.
  const bookmark = (title: string) => {
    parent ??= pdf.bookmark('Domain evidence');
    pdf.bookmark(title, parent);
  };
  for (const item of source.results()) {
    const digest = evidence.add(item);
    domains.push(digest);
    drawDomainPage(pdf, item, { index: domains.length, total, bookmark }, digest);
    // Lets pdfkit's output stream write the finished pages before the next domain.
    await yieldToEventLoop();
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
  return writeReplacing(path, (temp) => drawPack(source, temp, opts));
}

async function drawPack(source: ReportSource, path: string, opts: EvidencePdfOptions): Promise<void> {
  const census = await takeCensus(source);
  const occurrences = await collectOccurrences(source);
  const previous = source.previous && { run: source.previous.run, tally: tallyChanges(source.previous.comparisons()) };
  const run = source.run;
  const pdf = new ReportPdf(path, {
    title: `MTA-STS audit: ${run.name}`, author: opts.auditor, subject: `Email transport security audit, run ${run.id}`,
    footer: clip(`Run ${run.id}  ·  ${run.name}${run.client ? `  ·  ${run.client}` : ''}`, 100),
  });
  drawCover(pdf, { run, census, auditor: opts.auditor, generatedAt: opts.generatedAt ?? new Date(), summaryOnly: opts.summaryOnly });
  drawScope(pdf, run, census);
  drawExecutiveSummary(pdf, census, previous);
  drawFindings(pdf, census, occurrences);
  occurrences.clear();
  if (opts.summaryOnly) {
    drawAppendix(pdf, await digestOnly(source), undefined);
  } else {
    const { whole, domains } = await drawDomains(pdf, source, census.audited);
    drawAppendix(pdf, whole, domains);
  }
  await pdf.finish();
}

export async function writeEvidencePdf(db: Database.Database, runId: number, path: string, opts: { summaryOnly: boolean; auditor?: string }): Promise<void> {
  const source = openStoreSource(db, runId);
  try {
    await writeEvidencePdfFrom(source, path, opts);
  } finally {
    source.close();
  }
}
