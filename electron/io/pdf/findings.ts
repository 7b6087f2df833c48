/**
 * Findings grouped by root cause (today one per finding code), worst severity first: each cause's plain title,
 * what it means and how to fix it are printed once, followed by every affected domain (linked to its section)
 * with what was observed there. Info findings are facts, not problems, so they are listed as counts only (each
 * domain's section has them in full).
 */
import { CATALOGUE, SEVERITIES, type FindingCode, type Severity } from '../../../shared/findings';
import { resultOutcome, type Outcome } from '../../../shared/outcome';
import type { Census, CodeCount } from '../report/census';
import { SEVERITY_COLOUR, SEVERITY_LABEL } from '../report/labels';
import { domainLabel, yieldToEventLoop, type ReportSource } from '../report/source';
import { COLOUR, SIZE, type ReportPdf } from './document';
import { PdfTable } from './table';
import { clip } from './text';
import { findingWords } from './words';

export interface Occurrence {
  domain: string;
  /** 1-based position in the run (the domain's anchor is `domain-<index>`). */
  index: number;
  subject?: string;
  message: string;
}

export interface WorstDomain {
  domain: string;
  index: number;
  outcome: Outcome;
  /** The plain titles of the findings that decided the outcome. */
  why: string[];
}

export interface Collected {
  byCode: Map<FindingCode, Occurrence[]>;
  /** The first domains of each outcome that needs action (at risk, broken, not decided), in run order. */
  worst: Map<Outcome, WorstDomain[]>;
}

/** Longest message kept per occurrence here; each domain's section and the evidence keep the rest. */
const MESSAGE_CHARS = 600;
/** Domains of each urgent outcome named in the executive summary; the domain index lists every one. */
export const WORST_LISTED = 25;
const URGENT: readonly Outcome[] = ['at-risk', 'broken', 'not-decided'];

export function anchorOf(index: number): string {
  return `domain-${index}`;
}

/** Every non-info finding, by code, in run order, and the worst domains. Messages are cut so a hostile one cannot bloat memory. */
export async function collectOccurrences(source: ReportSource): Promise<Collected> {
  const byCode = new Map<FindingCode, Occurrence[]>();
  const worst = new Map<Outcome, WorstDomain[]>(URGENT.map((o) => [o, []]));
  let n = 0;
  for (const { result } of source.results()) {
    n++;
    for (const f of result.findings) {
      if (f.severity === 'info' || !Object.hasOwn(CATALOGUE, f.code)) continue;
      const list = byCode.get(f.code) ?? [];
      list.push({ domain: domainLabel(result), index: n, subject: f.subject, message: clip(f.message, MESSAGE_CHARS) });
      byCode.set(f.code, list);
    }
    const verdict = resultOutcome(result);
    const listed = worst.get(verdict.outcome);
    if (listed && listed.length < WORST_LISTED) {
      listed.push({ domain: domainLabel(result), index: n, outcome: verdict.outcome, why: verdict.decidedBy.map((c) => findingWords(c).title) });
    }
    if (n % 500 === 0) await yieldToEventLoop();
  }
  return { byCode, worst };
}

export function codeAnchor(code: FindingCode): string {
  return `code-${code}`;
}

function drawCode(pdf: ReportPdf, c: CodeCount, occurrences: Occurrence[], linkable: (index: number) => boolean): void {
  const e = c.entry;
  const words = findingWords(c.code);
  // Title, meaning, fix and the table's first rows belong together on one page.
  pdf.ensureSpace(120);
  pdf.heading(words.title, 3, { anchor: codeAnchor(c.code) });
  pdf.paragraph(`${SEVERITY_LABEL[e.severity]}  ·  ${c.domains} domain(s), ${c.count} finding(s)  ·  ${e.ref.replace(/§/g, 'section ')}  ·  code ${c.code}`, { size: SIZE.small, colour: COLOUR.muted, gap: 2 });
  if (words.impact) pdf.labelled('What it means', words.impact, SIZE.small + 0.5);
  if (words.fix.length > 0) pdf.steps('How to fix it', words.fix, SIZE.small + 0.5);
  const table = new PdfTable(pdf, [{ header: 'Domain', share: 0.3 }, { header: 'Observed', share: 0.7 }]);
  for (const o of occurrences) {
    table.row({ cells: [o.domain, o.subject ? `${o.subject}: ${o.message}` : o.message], links: [linkable(o.index) ? anchorOf(o.index) : undefined] });
  }
  table.end();
}

function drawSeverity(pdf: ReportPdf, severity: Severity, census: Census, byCode: Map<FindingCode, Occurrence[]>, linkable: (index: number) => boolean): void {
  const codes = census.codes.filter((c) => c.entry.severity === severity).sort((a, b) => b.domains - a.domains || a.code.localeCompare(b.code));
  if (codes.length === 0) return;
  pdf.heading(`${SEVERITY_LABEL[severity]}: ${census.findings[severity]} finding(s) on ${census.domainsWith[severity]} domain(s)`, 2);
  for (const c of codes) drawCode(pdf, c, byCode.get(c.code) ?? [], linkable);
}

function drawInfo(pdf: ReportPdf, census: Census): void {
  const codes = census.codes.filter((c) => c.entry.severity === 'info');
  if (codes.length === 0) return;
  pdf.heading('Facts for the record (no action required)', 2);
  const table = new PdfTable(pdf, [{ header: 'Fact', share: 0.5 }, { header: 'Code', share: 0.36, role: 'mono' }, { header: 'Domains', share: 0.14, align: 'right' }]);
  for (const c of codes) table.row({ cells: [findingWords(c.code).title, c.code, String(c.domains)], fills: [SEVERITY_COLOUR.info.fill] });
  table.end();
}

export function drawFindings(pdf: ReportPdf, census: Census, byCode: Map<FindingCode, Occurrence[]>, linkable: (index: number) => boolean): void {
  pdf.section('Findings by root cause', 'findings');
  const actionable = SEVERITIES.filter((s) => s !== 'info').reduce((n, s) => n + census.findings[s], 0);
  pdf.paragraph(actionable === 0
    ? 'No finding needs action: every finding of this audit is informational.'
    : `${actionable} finding(s) need action. They are grouped by cause, worst first; what it means and how to fix it are given once per cause, followed by every affected domain and what was observed there.`);
  for (const s of SEVERITIES) if (s !== 'info') drawSeverity(pdf, s, census, byCode, linkable);
  drawInfo(pdf, census);
}
