/**
 * The workbook's first sheet: who and what was audited, how, and the headline counts. A form, not a table,
 * so it has neither a frozen header nor a filter.
 */
import type ExcelJS from 'exceljs';
import { SEVERITIES } from '../../../../shared/findings';
import { topFindings, type Census } from '../census';
import { settingsRows } from '../evidence-text';
import { POSTURE_COLOUR, POSTURE_DISPLAY_ORDER, POSTURE_LABEL, SEVERITY_COLOUR, SEVERITY_LABEL } from '../labels';
import type { ReportSource } from '../source';
import { cellValue, isoDate, type CellInput } from './cell';
import { DATE_FORMAT, solidFill } from './sheet';

/** `percentColumn`: index of a value that is a share (0–1) and shows as a percentage. */
type Line = { values: CellInput[]; bold?: boolean; fill?: string; size?: number; percentColumn?: number };

function runLines(source: ReportSource, exportedAt: Date): Line[] {
  const r = source.run;
  const prev = source.previous?.run;
  return [
    { values: ['Audit'], bold: true, size: 12 },
    { values: ['Client', r.client ?? ''] },
    { values: ['Audit name', r.name] },
    { values: ['Run id', r.id] },
    { values: ['State', r.state] },
    { values: ['Started (UTC)', isoDate(r.createdAt)] },
    { values: ['Finished (UTC)', isoDate(r.finishedAt)] },
    { values: ['Exported (UTC)', exportedAt] },
    { values: ['Domain list source', r.source ?? ''] },
    { values: ['Tool version', r.toolVersion] },
    { values: ['Resolver', r.resolver] },
    { values: ['Compared with', prev ? `run ${prev.id} "${prev.name}" of ${prev.createdAt.slice(0, 10)}` : 'no earlier audit of this estate'] },
    { values: [] },
    { values: ['Settings'], bold: true, size: 12 },
    ...settingsRows(r.settings).map(([label, value]) => ({ values: [label, value] })),
  ];
}

function scopeLines(c: Census): Line[] {
  const pct = (n: number) => (c.audited > 0 ? n / c.audited : 0);
  return [
    { values: ['Scope'], bold: true, size: 12 },
    { values: ['Domains imported', c.imported] },
    { values: ['Domains audited', c.audited] },
    { values: ['Domains failed (posture error)', c.failed] },
    { values: ['Domains not audited yet', c.imported - c.audited] },
    { values: ['Distinct MX hosts', c.mxHostsSeen] },
    ...(c.otherTagNames > 0
      ? [{ values: ['Tag columns', `The first ${c.tagNames.length} tag names have a column each in Domains; ${c.otherTagNames} more are listed in its "Other tags" column.`] }]
      : []),
    { values: [] },
    { values: ['Posture', 'Domains', 'Share'], bold: true },
    ...POSTURE_DISPLAY_ORDER.map((p) => ({ values: [POSTURE_LABEL[p], c.postures[p], pct(c.postures[p])], fill: POSTURE_COLOUR[p].fill, percentColumn: 2 })),
    { values: [] },
    { values: ['Severity', 'Findings', 'Domains affected'], bold: true },
    ...SEVERITIES.map((s) => ({ values: [SEVERITY_LABEL[s], c.findings[s], c.domainsWith[s]], fill: SEVERITY_COLOUR[s].fill })),
    { values: [] },
    { values: ['Top findings (by domains affected; info facts excluded)'], bold: true, size: 12 },
    { values: ['Code', 'Title', 'Severity', 'Findings', 'Domains'], bold: true },
    ...topFindings(c).map((t) => ({ values: [t.code, t.entry.title, SEVERITY_LABEL[t.entry.severity], t.count, t.domains] })),
  ];
}

const NOTE = 'Text cells that begin with = + - @ or a control character are stored with a leading apostrophe so that no spreadsheet evaluates them. ' +
  'Control characters that XML cannot carry, and bidi controls that would make text display other than it is, are shown as \uFFFD; ' +
  'evidence.json in the evidence bundle keeps the exact bytes.';

export async function writeSummarySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, source: ReportSource, census: Census, exportedAt: Date): Promise<void> {
  const sheet = workbook.addWorksheet('Summary');
  sheet.columns = [{ width: 36 }, { width: 52 }, { width: 14 }, { width: 12 }, { width: 12 }];
  const lines: Line[] = [
    { values: ['MTA-STS audit — summary'], bold: true, size: 14 },
    { values: [] },
    ...runLines(source, exportedAt),
    { values: [] },
    ...scopeLines(census),
    { values: [] },
    { values: ['Note', NOTE] },
  ];
  for (const line of lines) {
    const row = sheet.addRow(line.values.map(cellValue));
    if (line.bold || line.size) row.font = { bold: line.bold ?? false, size: line.size ?? 11 };
    line.values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      if (v instanceof Date) cell.numFmt = DATE_FORMAT;
      if (i === line.percentColumn) cell.numFmt = '0.0%';
      if (line.fill && i === 0) cell.fill = solidFill(line.fill);
      if (i === 1 && typeof v === 'string' && v.length > 60) cell.alignment = { wrapText: true, vertical: 'top' };
    });
    row.commit();
  }
  sheet.commit();
}
