/**
 * What changed since the previous audit of the same estate (CHECKS §7.3): one row per domain with its change
 * class, the outcome before and after and the worst severity involved, then one row per problem fixed or new,
 * so the sheet filters by class. Without an earlier audit it says so in one row.
 */
import type ExcelJS from 'exceljs';
import { CHANGE_CLASS_LABEL, type DomainComparison } from '../../../../shared/changes';
import { CATALOGUE } from '../../../../shared/findings';
import { OUTCOME_LABEL, type Outcome } from '../../../../shared/outcome';
import { SEVERITY_LABEL } from '../../../../shared/labels';
import type { ReportSource } from '../source';
import { SheetWriter } from './sheet';

const COLUMNS = [
  { header: 'Domain', width: 32 }, { header: 'Change', width: 22 }, { header: 'Severity', width: 10 },
  { header: 'Outcome before', width: 18 }, { header: 'Outcome after', width: 18 }, { header: 'What', width: 18 }, { header: 'Detail', width: 80, wrap: true },
];

const outcome = (o: Outcome | undefined) => (o ? OUTCOME_LABEL[o] : undefined);

function detailRows(c: DomainComparison): [string, string][] {
  return [
    ...c.defectsFixed.map((d): [string, string] => ['problem fixed', `${CATALOGUE[d.code].title}${d.subject ? ` (${d.subject})` : ''}`]),
    ...c.defectsNew.map((d): [string, string] => ['new problem', `${CATALOGUE[d.code].title}${d.subject ? ` (${d.subject})` : ''}`]),
    ...c.changes.map((x): [string, string] => [x.kind, x.detail]),
  ];
}

export async function writeChangesSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, source: ReportSource): Promise<void> {
  const sheet = new SheetWriter(workbook, 'Changes', COLUMNS, 1);
  const previous = source.previous;
  if (!previous) {
    await sheet.add([undefined, 'no earlier audit', undefined, undefined, undefined, undefined, 'There is no earlier audit of this estate to compare with.']);
    sheet.finish();
    return;
  }
  for (const c of previous.comparisons()) {
    if (c.changeClass === 'unchanged') continue;
    const lead = [c.domain, CHANGE_CLASS_LABEL[c.changeClass], c.severity && SEVERITY_LABEL[c.severity], outcome(c.before?.outcome), outcome(c.after?.outcome)];
    const details = detailRows(c);
    if (details.length === 0) await sheet.add([...lead, undefined, c.transient ? `could not look: ${c.transient.map((code) => CATALOGUE[code].title).join('; ')}` : undefined]);
    for (const [what, detail] of details) await sheet.add([...lead, what, detail]);
  }
  if (sheet.rowCount === 0) {
    await sheet.add([undefined, 'no change', undefined, undefined, undefined, undefined, `Nothing changed since run ${previous.run.id} ("${previous.run.name}").`]);
  }
  sheet.finish();
}
