/**
 * Findings grouped by severity, then by code: each code's title, trigger, remediation and reference are
 * printed once, followed by the affected domains with what was observed on each. Info findings are facts, not
 * problems, so they are listed as counts only (each domain's page has them in full).
 */
import { CATALOGUE, SEVERITIES, type FindingCode, type Severity } from '../../../shared/findings';
import type { Census, CodeCount } from '../report/census';
import { plainCatalogueText, SEVERITY_LABEL } from '../report/labels';
import { domainLabel, yieldToEventLoop, type ReportSource } from '../report/source';
import { COLOUR, SIZE, type ReportPdf } from './document';
import { PdfTable } from './table';
import { clip } from './text';

interface Occurrence {
  domain: string;
  subject?: string;
  message: string;
}

/** Longest message kept per occurrence here; each domain's page and the evidence keep the rest. */
const MESSAGE_CHARS = 600;

/** Every non-info finding, by code, in run order. Messages are cut so a hostile one cannot bloat memory. */
export async function collectOccurrences(source: ReportSource): Promise<Map<FindingCode, Occurrence[]>> {
  const byCode = new Map<FindingCode, Occurrence[]>();
  let n = 0;
  for (const { result } of source.results()) {
    for (const f of result.findings) {
      if (f.severity === 'info' || !Object.hasOwn(CATALOGUE, f.code)) continue;
      const list = byCode.get(f.code) ?? [];
      list.push({ domain: domainLabel(result), subject: f.subject, message: clip(f.message, MESSAGE_CHARS) });
      byCode.set(f.code, list);
    }
    if (++n % 500 === 0) await yieldToEventLoop();
  }
  return byCode;
}

function drawCode(pdf: ReportPdf, c: CodeCount, occurrences: Occurrence[]): void {
  const e = c.entry;
  // Title, trigger, remediation and the table's first rows belong together on one page.
  pdf.ensureSpace(120);
  pdf.heading(e.title, 3);
  pdf.font('regular', SIZE.small, COLOUR.muted).text(`${c.code}  ·  ${SEVERITY_LABEL[e.severity]}  ·  ${e.ref}  ·  ${c.domains} domain(s), ${c.count} finding(s)`);
  pdf.doc.y += 3;
  pdf.paragraph(plainCatalogueText(e.description), { size: SIZE.small + 0.5, colour: COLOUR.muted, role: 'italic', gap: 3 });
  if (e.remediation) pdf.labelled('Remediation', plainCatalogueText(e.remediation));
  const table = new PdfTable(pdf, [{ header: 'Domain', share: 0.3 }, { header: 'Observed', share: 0.7 }]);
  for (const o of occurrences) table.row({ cells: [o.domain, o.subject ? `${o.subject}: ${o.message}` : o.message] });
  table.end();
}

function drawSeverity(pdf: ReportPdf, severity: Severity, census: Census, byCode: Map<FindingCode, Occurrence[]>): void {
  const codes = census.codes.filter((c) => c.entry.severity === severity).sort((a, b) => b.domains - a.domains || a.code.localeCompare(b.code));
  if (codes.length === 0) return;
  pdf.heading(`${SEVERITY_LABEL[severity]}: ${census.findings[severity]} finding(s) on ${census.domainsWith[severity]} domain(s)`, 2);
  for (const c of codes) drawCode(pdf, c, byCode.get(c.code) ?? []);
}

function drawInfo(pdf: ReportPdf, census: Census): void {
  const codes = census.codes.filter((c) => c.entry.severity === 'info');
  if (codes.length === 0) return;
  pdf.heading('Informational facts (no action required)', 2);
  const table = new PdfTable(pdf, [{ header: 'Code', share: 0.36, role: 'mono' }, { header: 'Fact', share: 0.48 }, { header: 'Domains', share: 0.16, align: 'right' }]);
  for (const c of codes) table.row({ cells: [c.code, c.entry.title, String(c.domains)] });
  table.end();
}

export function drawFindings(pdf: ReportPdf, census: Census, byCode: Map<FindingCode, Occurrence[]>): void {
  pdf.section('Findings by severity');
  const actionable = SEVERITIES.filter((s) => s !== 'info').reduce((n, s) => n + census.findings[s], 0);
  pdf.paragraph(actionable === 0
    ? 'No finding needs action: every finding of this audit is informational.'
    : `${actionable} finding(s) need action. They are grouped by severity and by finding; the remediation is given once per finding, followed by every affected domain and what was observed there.`);
  for (const s of SEVERITIES) if (s !== 'info') drawSeverity(pdf, s, census, byCode);
  drawInfo(pdf, census);
}
