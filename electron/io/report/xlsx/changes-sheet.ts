/**
 * What changed since the previous audit of the same estate (CHECKS §7.3): one row per domain with its change
 * class, the outcome before and after and the worst severity involved (with its rank to sort on), then one
 * row per problem fixed or new and per field that changed, in words, so the sheet filters by class. Without
 * an earlier audit it says so in one row.
 */
import { CHANGE_CLASS_LABEL, type ChangeKind, type DomainComparison } from '../../../../shared/changes';
import { OUTCOME_LABEL, type Outcome } from '../../../../shared/outcome';
import { SEVERITY_LABEL } from '../../../../shared/labels';
import type { ReportSource } from '../source';
import type { Book } from './book';
import type { CellInput } from './cell';
import { severityNumber } from './findings-sheet';
import { plainTitle } from './plain';
import { SheetSeries, type TableRow } from './sheet-series';

export const CHANGES_SHEET = 'Changes';

const COLUMNS = [
  { header: 'Domain', width: 32 }, { header: 'Change', width: 22 }, { header: 'Severity', width: 10 }, { header: 'Severity rank (1 = critical)', width: 10 },
  { header: 'Outcome before', width: 18 }, { header: 'Outcome after', width: 18 }, { header: 'What', width: 22 }, { header: 'Detail', width: 80, wrap: true },
];

/** A field-level change in words; the detail column keeps the values. */
export const CHANGE_KIND_TEXT: Readonly<Record<ChangeKind, string>> = {
  'posture-up': 'posture improved',
  'posture-down': 'posture worsened',
  'posture-changed': 'posture changed',
  'id-changed': 'policy id changed',
  'mode-changed': 'mode changed',
  'max-age-changed': 'max_age changed',
  'mx-set-changed': 'MX hosts changed',
  'tlsrpt-added': 'TLS reporting added',
  'tlsrpt-removed': 'TLS reporting removed',
  'id-not-updated': 'policy changed, id not',
  'removed-without-none': 'removed without mode none',
  'id-bumped-without-change': 'id changed, policy not',
};

const outcome = (o: Outcome | undefined) => (o ? OUTCOME_LABEL[o] : undefined);

function detailRows(c: DomainComparison): [string, string][] {
  const title = (d: { code: string; subject?: string }) => `${plainTitle(d.code)}${d.subject ? ` (${d.subject})` : ''}`;
  return [
    ...c.defectsFixed.map((d): [string, string] => ['problem fixed', title(d)]),
    ...c.defectsNew.map((d): [string, string] => ['new problem', title(d)]),
    ...c.changes.map((x): [string, string] => [CHANGE_KIND_TEXT[x.kind] ?? x.kind, x.detail]),
  ];
}

function rowsOf(c: DomainComparison): TableRow[] {
  const lead: CellInput[] = [c.domain, CHANGE_CLASS_LABEL[c.changeClass], c.severity && SEVERITY_LABEL[c.severity], c.severity && severityNumber(c.severity),
    outcome(c.before?.outcome), outcome(c.after?.outcome)];
  const details = detailRows(c);
  if (details.length === 0) {
    return [{ values: [...lead, undefined, c.transient ? `could not look: ${c.transient.map(plainTitle).join('; ')}` : undefined] }];
  }
  return details.map(([what, detail]) => ({ values: [...lead, what, detail] }));
}

export async function writeChangesSheet(book: Book, source: ReportSource): Promise<void> {
  const sheet = new SheetSeries(book, CHANGES_SHEET, COLUMNS, 1);
  const previous = source.previous;
  if (!previous) {
    await sheet.add('', [undefined, 'no earlier audit', undefined, undefined, undefined, undefined, undefined, 'There is no earlier audit of this estate to compare with.']);
    sheet.finish();
    return;
  }
  for (const c of previous.comparisons()) {
    if (c.changeClass !== 'unchanged') await sheet.addBlock(c.domain, rowsOf(c));
  }
  if (sheet.rowCount === 0) {
    await sheet.add('', [undefined, 'no change', undefined, undefined, undefined, undefined, undefined, `Nothing changed since run ${previous.run.id} ("${previous.run.name}").`]);
  }
  sheet.finish();
}
