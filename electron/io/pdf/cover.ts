/** The cover page: what was audited, for whom, when, by whom and with which tool. */
import type { Census } from '../report/census';
import { utcMinute } from '../report/labels';
import type { ReportRun } from '../report/source';
import { COLOUR, SIZE, type ReportPdf } from './document';
import { clip } from './text';

export interface CoverFacts {
  run: ReportRun;
  census: Census;
  auditor?: string;
  generatedAt: Date;
  summaryOnly: boolean;
  /** In a bundle: who signed its manifest (the key's fingerprint) and when (UTC). */
  signature?: { fingerprint: string; signedAt: string };
}

export function drawCover(pdf: ReportPdf, f: CoverFacts): void {
  pdf.newPage();
  const { doc } = pdf;
  pdf.artifact(() => doc.rect(0, 0, doc.page.width, 210).fill(COLOUR.accent));
  pdf.font('bold', 26, COLOUR.white);
  pdf.tagged('Title', () => pdf.draw('Email transport security audit', pdf.left, 92, { width: pdf.width }));
  pdf.font('regular', 12.5, COLOUR.white);
  pdf.tagged('P', () => pdf.draw('MTA-STS · TLS-RPT · STARTTLS · DANE', pdf.left, doc.y + 6, { width: pdf.width }));
  pdf.font('bold', 11, COLOUR.white);
  pdf.tagged('P', () => pdf.draw(f.summaryOnly ? 'Summary report' : 'Evidence pack', pdf.left, doc.y + 14, { width: pdf.width }));
  doc.y = 250;
  pdf.font('bold', 20);
  pdf.tagged('P', () => pdf.draw(clip(f.run.client || 'Client not recorded', 150), pdf.left, doc.y, { width: pdf.width }));
  pdf.font('regular', 13, COLOUR.muted);
  pdf.tagged('P', () => pdf.draw(clip(f.run.name, 200), pdf.left, doc.y + 4, { width: pdf.width }));
  doc.y += 30;
  const finished = f.run.finishedAt ? utcMinute(f.run.finishedAt) : `not finished (state: ${f.run.state})`;
  pdf.keyValues([
    ['Run id', String(f.run.id)],
    ['Audit started', utcMinute(f.run.createdAt)],
    ['Audit finished', finished],
    ['Report generated', utcMinute(f.generatedAt)],
    ['Prepared by', f.auditor || 'not stated'],
    ['Domains', `${f.census.audited} audited of ${f.census.imported} imported`],
    ['Resolver', f.run.resolver],
    ['Tool', `MTA-STS Auditor ${f.run.toolVersion}`],
    ...(f.signature ? [['Signed', `${f.signature.signedAt.replace('T', ' ').replace('Z', '')} UTC`], ['Signing key', f.signature.fingerprint]] as [string, string][] : []),
  ], 130, 10.5);
  pdf.font('italic', SIZE.small, COLOUR.muted);
  pdf.tagged('P', () => pdf.draw(
    'Text taken from audited domains (DNS records, policy files, server replies) is reproduced as data only. ' +
    'Invisible characters appear as ‹CR›, ‹BOM› or ‹U+XXXX› (the code point), as do characters no font of this report has; ' +
    'the exact bytes are kept in the evidence bundle (evidence.json). All times are UTC.',
    pdf.left, pdf.bottom - 40, { width: pdf.width, height: 40 },
  ));
}
