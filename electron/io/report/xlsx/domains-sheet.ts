/**
 * One row per domain: its tags, posture and the one-line facts of summariseResult, coloured by posture. Tags
 * get a column each up to the census's cap; the rest of a row's tags share one "Other tags" column.
 */
import type ExcelJS from 'exceljs';
import { SEVERITIES } from '../../../../shared/findings';
import { summariseResult } from '../../../../shared/result-summary';
import { otherTagsText, tagValue } from '../../../../shared/tags';
import type { Census } from '../census';
import { DANE_LABEL, POSTURE_COLOUR, POSTURE_LABEL, SEVERITY_LABEL, STARTTLS_LABEL, TLSRPT_LABEL } from '../labels';
import type { ReportSource } from '../source';
import { isoDate, type CellInput } from './cell';
import { SheetWriter, solidFill, type CellStyle, type ColumnSpec } from './sheet';

const FACT_COLUMNS: ColumnSpec[] = [
  { header: 'Posture', width: 13 }, { header: 'Mode', width: 9 }, { header: 'Policy id', width: 20 },
  { header: 'max_age (s)', width: 12 }, { header: 'MX hosts', width: 9 }, { header: 'MX covered', width: 10 },
  { header: 'MX deliverable', width: 13 }, { header: 'MX STARTTLS OK', width: 14 }, { header: 'STARTTLS', width: 18 },
  { header: 'DANE', width: 20 }, { header: 'TLS-RPT', width: 9 },
  ...SEVERITIES.map((s) => ({ header: SEVERITY_LABEL[s], width: 9 })),
  { header: 'Worst severity', width: 13 }, { header: 'Not tested', width: 30 },
  { header: 'Audited at (UTC)', width: 20 }, { header: 'Duration (ms)', width: 12 },
];

export async function writeDomainsSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, source: ReportSource, census: Census): Promise<void> {
  const tagColumns: ColumnSpec[] = census.tagNames.map((name) => ({ header: name, width: 16 }));
  const shown = new Set(census.tagNames);
  const folded = census.otherTagNames > 0;
  if (folded) tagColumns.push({ header: `Other tags (${census.otherTagNames} more tag names)`, width: 40, wrap: true });
  const sheet = new SheetWriter(workbook, 'Domains', [{ header: 'Domain', width: 32 }, { header: 'Input', width: 28 }, ...tagColumns, ...FACT_COLUMNS], 1);
  const postureColumn = 2 + tagColumns.length;
  for (const { result: r, tags } of source.results()) {
    const s = summariseResult(r);
    const values: CellInput[] = [
      r.domain, r.input, ...census.tagNames.map((t) => tagValue(tags, t)), ...(folded ? [otherTagsText(tags, shown)] : []),
      POSTURE_LABEL[r.posture] ?? r.posture, s.mode, s.policyId, s.maxAge, s.mxCount, s.mxCovered, s.mxDeliverable, s.mxStarttlsOk,
      STARTTLS_LABEL[s.starttls], DANE_LABEL[s.dane], TLSRPT_LABEL[s.tlsrpt], ...SEVERITIES.map((sev) => s.counts[sev]),
      s.worstSeverity && SEVERITY_LABEL[s.worstSeverity], r.smtpNotTested, isoDate(r.startedAt), r.durationMs,
    ];
    const styles: (CellStyle | undefined)[] = [];
    const colour = POSTURE_COLOUR[r.posture];
    if (colour) styles[postureColumn] = { fill: solidFill(colour.fill) };
    await sheet.add(values, styles);
  }
  sheet.finish();
}
