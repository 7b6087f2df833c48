/**
 * The findings, defects apart from facts: "Findings" lists what is wrong (critical to low), worst first within
 * a domain, with the numeric severity rank to sort on and what to do; "Facts" lists the info findings, which
 * describe what is there (a valid policy, a TLS-RPT address) and need no action. Both continue on further
 * sheets past the row limit, a domain's rows kept together.
 */
import { CATALOGUE, severityRank } from '../../../../shared/findings';
import type { DomainFindings, Finding } from '../../../../shared/types';
import { SEVERITY_COLOUR, SEVERITY_LABEL } from '../labels';
import { fixSteps, plainOf, plainTitle } from './plain';
import { domainLabel, type ReportSource } from '../source';
import type { Book } from './book';
import { SheetSeries, type TableRow } from './sheet-series';
import { fillStyle, type ColumnSpec } from './sheet';

export const FINDINGS_SHEET = 'Findings';
export const FACTS_SHEET = 'Facts';

const FINDING_COLUMNS: ColumnSpec[] = [
  { header: 'Domain', width: 32 }, { header: 'Severity', width: 10 }, { header: 'Severity rank (1 = critical)', width: 10 },
  { header: 'Problem', width: 36, wrap: true }, { header: 'What it means', width: 50, wrap: true }, { header: 'Subject', width: 28 },
  { header: 'Detail', width: 50, wrap: true }, { header: 'Policy line', width: 8 }, { header: 'What to do', width: 70, wrap: true }, { header: 'Code', width: 34 },
  { header: 'RFC reference', width: 24 },
];

const FACT_COLUMNS: ColumnSpec[] = [
  { header: 'Domain', width: 32 }, { header: 'Fact', width: 40, wrap: true }, { header: 'Subject', width: 28 },
  { header: 'Detail', width: 70, wrap: true }, { header: 'Code', width: 34 }, { header: 'RFC reference', width: 24 },
];

/** Info findings are facts; every other severity is a defect. */
export function isFact(f: Pick<Finding, 'severity'>): boolean {
  return f.severity === 'info';
}

/** Severity as a number that sorts: 1 critical … 5 info. */
export function severityNumber(severity: Finding['severity']): number {
  return severityRank(severity) + 1;
}

/** From the source's own findings list when it has one (the store's table), else from the results. */
function* findingsOf(source: ReportSource): Iterable<DomainFindings> {
  if (source.findingsByDomain) {
    yield* source.findingsByDomain();
    return;
  }
  for (const { result } of source.results()) yield { label: domainLabel(result), findings: result.findings };
}

function defectRow(label: string, f: Finding): TableRow {
  const entry = Object.hasOwn(CATALOGUE, f.code) ? CATALOGUE[f.code] : undefined;
  const colour = SEVERITY_COLOUR[f.severity];
  return {
    values: [label, SEVERITY_LABEL[f.severity] ?? f.severity, severityNumber(f.severity), plainTitle(f.code), plainOf(f.code)?.impact, f.subject, f.message, f.line,
      fixSteps(f.code), f.code, entry?.ref],
    styles: [undefined, colour && fillStyle(colour.fill)],
  };
}

function factRow(label: string, f: Finding): TableRow {
  const entry = Object.hasOwn(CATALOGUE, f.code) ? CATALOGUE[f.code] : undefined;
  return { values: [label, plainTitle(f.code), f.subject, f.message, f.code, entry?.ref] };
}

/** A domain's defects worst first; the sort is stable, so the engine's order is kept among equals. */
export function defectsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !isFact(f)).sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
}

export async function writeFindingsSheets(book: Book, source: ReportSource): Promise<void> {
  const defects = new SheetSeries(book, FINDINGS_SHEET, FINDING_COLUMNS, 1);
  for (const domain of findingsOf(source)) {
    await defects.addBlock(domain.label, defectsOf(domain.findings).map((f) => defectRow(domain.label, f)));
  }
  defects.finish();
  const facts = new SheetSeries(book, FACTS_SHEET, FACT_COLUMNS, 1);
  for (const domain of findingsOf(source)) {
    await facts.addBlock(domain.label, domain.findings.filter(isFact).map((f) => factRow(domain.label, f)));
  }
  facts.finish();
}
