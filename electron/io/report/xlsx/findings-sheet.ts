/** One row per finding with the catalogue's title, remediation and RFC reference beside what was observed. */
import type ExcelJS from 'exceljs';
import { CATALOGUE, severityRank } from '../../../../shared/findings';
import { plainCatalogueText, SEVERITY_COLOUR, SEVERITY_LABEL } from '../labels';
import type { DomainFindings } from '../../../../shared/types';
import { domainLabel, type ReportSource } from '../source';
import { SheetWriter, solidFill } from './sheet';

const COLUMNS = [
  { header: 'Domain', width: 32 }, { header: 'Severity', width: 10 }, { header: 'Code', width: 34 },
  { header: 'Title', width: 40 }, { header: 'Subject', width: 28 }, { header: 'Detail', width: 60, wrap: true },
  { header: 'Policy line', width: 10 }, { header: 'Remediation', width: 60, wrap: true }, { header: 'RFC reference', width: 24 },
];

/** From the source's own findings list when it has one (the store's table), else from the results. */
function* findingsOf(source: ReportSource): Iterable<DomainFindings> {
  if (source.findingsByDomain) {
    yield* source.findingsByDomain();
    return;
  }
  for (const { result } of source.results()) yield { label: domainLabel(result), findings: result.findings };
}

export async function writeFindingsSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, source: ReportSource): Promise<void> {
  const sheet = new SheetWriter(workbook, 'Findings', COLUMNS, 1);
  for (const domain of findingsOf(source)) {
    // Worst first within a domain; the sort is stable, so the engine's order is kept among equals.
    const findings = [...domain.findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
    for (const f of findings) {
      const entry = Object.hasOwn(CATALOGUE, f.code) ? CATALOGUE[f.code] : undefined;
      const colour = SEVERITY_COLOUR[f.severity];
      await sheet.add(
        [domain.label, SEVERITY_LABEL[f.severity] ?? f.severity, f.code, entry?.title ?? 'unknown code', f.subject, f.message, f.line,
          entry && plainCatalogueText(entry.remediation), entry?.ref],
        [undefined, colour && { fill: solidFill(colour.fill) }],
      );
    }
  }
  sheet.finish();
}
