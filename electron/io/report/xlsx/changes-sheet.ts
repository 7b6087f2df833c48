/**
 * What changed since the previous audit of the same estate: one row per change, and one per finding code that
 * appeared or disappeared, so the sheet filters by kind. Without an earlier audit it says so in one row.
 */
import type ExcelJS from 'exceljs';
import { CATALOGUE, isFindingCode } from '../../../../shared/findings';
import type { Posture } from '../../../../shared/types';
import { POSTURE_LABEL } from '../labels';
import type { ReportSource } from '../source';
import { SheetWriter } from './sheet';

const COLUMNS = [
  { header: 'Domain', width: 32 }, { header: 'Posture before', width: 14 }, { header: 'Posture after', width: 14 },
  { header: 'Change', width: 24 }, { header: 'Detail', width: 80, wrap: true },
];

const posture = (p: Posture | undefined) => (p ? POSTURE_LABEL[p] ?? p : undefined);
const title = (code: string) => `${code}: ${isFindingCode(code) ? CATALOGUE[code].title : 'unknown code'}`;

export async function writeChangesSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, source: ReportSource): Promise<void> {
  const sheet = new SheetWriter(workbook, 'Changes', COLUMNS, 1);
  const previous = source.previous;
  if (!previous) {
    await sheet.add([undefined, undefined, undefined, 'no earlier audit', 'There is no earlier audit of this estate to compare with.']);
    sheet.finish();
    return;
  }
  for (const c of previous.comparisons()) {
    const lead = [c.domain, posture(c.before?.posture), posture(c.after?.posture)];
    for (const change of c.changes) await sheet.add([...lead, change.kind, change.detail]);
    for (const code of c.newFindings) await sheet.add([...lead, 'new finding', title(code)]);
    for (const code of c.resolvedFindings) await sheet.add([...lead, 'resolved finding', title(code)]);
  }
  if (sheet.rowCount === 0) {
    await sheet.add([undefined, undefined, undefined, 'no change', `Nothing changed since run ${previous.run.id} ("${previous.run.name}").`]);
  }
  sheet.finish();
}
