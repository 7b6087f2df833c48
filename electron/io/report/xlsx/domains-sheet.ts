/**
 * One row per domain: its tags, the protection outcome (with a rank to sort on), the numeric severity rank of
 * its worst finding, the next action, links to its rows on the Findings, Facts and Evidence sheets, then the
 * posture and the one-line facts of summariseResult. Tags get a column each up to the census's cap; the rest
 * of a row's tags share one "Other tags" column. Also counts the domains per outcome for the Summary, from the
 * same rows it lists.
 */
import { OUTCOME_LABEL, OUTCOMES, outcomeRank, resultOutcome, type Outcome } from '../../../../shared/outcome';
import { SEVERITIES } from '../../../../shared/findings';
import { summariseResult } from '../../../../shared/result-summary';
import { otherTagsText, tagValue } from '../../../../shared/tags';
import type { DomainResult } from '../../../../shared/types';
import type { Census } from '../census';
import { DANE_LABEL, POSTURE_COLOUR, POSTURE_LABEL, SEVERITY_LABEL, STARTTLS_LABEL, TLSRPT_LABEL } from '../labels';
import { OUTCOME_COLOUR } from '../outcome-colours';
import { domainLabel, type ReportSource } from '../source';
import type { Book } from './book';
import { cellLink, isoDate, type CellInput } from './cell';
import { DomainLinks, type DomainRows } from './domain-links';
import { severityNumber } from './findings-sheet';
import { SheetSeries } from './sheet-series';
import { fillStyle, type CellStyle, type ColumnSpec } from './sheet';

export const DOMAINS_SHEET = 'Domains';

/** The first action to take for the domain at `index` in results() order, in a client's words. */
export type NextAction = (r: DomainResult, index: number) => string | undefined;

const LEAD_COLUMNS: ColumnSpec[] = [
  { header: 'Outcome', width: 18 }, { header: 'Outcome rank (1 = worst)', width: 9 },
  { header: 'Severity rank (1 = critical)', width: 10 }, { header: 'Worst severity', width: 10 },
];
const LINK_COLUMNS: ColumnSpec[] = [{ header: 'Findings', width: 13 }, { header: 'Facts', width: 10 }, { header: 'Evidence', width: 10 }];
const FACT_COLUMNS: ColumnSpec[] = [
  { header: 'Posture', width: 13 }, { header: 'Mode', width: 9 }, { header: 'Policy id', width: 20 },
  { header: 'max_age (s)', width: 12 }, { header: 'MX hosts', width: 9 }, { header: 'MX covered', width: 10 },
  { header: 'MX deliverable', width: 13 }, { header: 'MX STARTTLS OK', width: 14 }, { header: 'STARTTLS', width: 18 },
  { header: 'DANE', width: 20 }, { header: 'TLS-RPT', width: 9 },
  ...SEVERITIES.map((s) => ({ header: SEVERITY_LABEL[s], width: 9 })),
  { header: 'Not tested', width: 30 }, { header: 'Audited at (UTC)', width: 20 }, { header: 'Duration (ms)', width: 12 },
];

export interface DomainsTally {
  domains: number;
  outcomes: Record<Outcome, number>;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function links(rows: DomainRows): CellInput[] {
  return [
    rows.findings && cellLink(plural(rows.defects, 'problem', 'problems'), rows.findings.sheet, rows.findings.row),
    rows.facts && cellLink(plural(rows.factCount, 'fact', 'facts'), rows.facts.sheet, rows.facts.row),
    rows.evidence && cellLink(plural(rows.evidenceRows, 'row', 'rows'), rows.evidence.sheet, rows.evidence.row),
  ];
}

export async function writeDomainsSheet(book: Book, source: ReportSource, census: Census, nextAction?: NextAction): Promise<DomainsTally> {
  const tagColumns: ColumnSpec[] = census.tagNames.map((name) => ({ header: name, width: 16 }));
  const shown = new Set(census.tagNames);
  const folded = census.otherTagNames > 0;
  if (folded) tagColumns.push({ header: `Other tags (${census.otherTagNames} more tag names)`, width: 40, wrap: true });
  const actionColumns: ColumnSpec[] = nextAction ? [{ header: 'Next action', width: 48, wrap: true }] : [];
  const columns = [{ header: 'Domain', width: 32 }, { header: 'Input', width: 28 }, ...tagColumns, ...LEAD_COLUMNS, ...actionColumns, ...LINK_COLUMNS, ...FACT_COLUMNS];
  const sheet = new SheetSeries(book, DOMAINS_SHEET, columns, 1);
  const outcomeColumn = 2 + tagColumns.length;
  const postureColumn = outcomeColumn + LEAD_COLUMNS.length + actionColumns.length + LINK_COLUMNS.length;
  const predicted = new DomainLinks(book.maxRows);
  const tally: DomainsTally = { domains: 0, outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number> };
  for (const { result: r, tags } of source.results()) {
    const s = summariseResult(r);
    const { outcome } = resultOutcome(r);
    tally.domains++;
    tally.outcomes[outcome]++;
    const values: CellInput[] = [
      r.domain, r.input, ...census.tagNames.map((t) => tagValue(tags, t)), ...(folded ? [otherTagsText(tags, shown)] : []),
      OUTCOME_LABEL[outcome], outcomeRank(outcome) + 1, s.worstSeverity && severityNumber(s.worstSeverity), s.worstSeverity && SEVERITY_LABEL[s.worstSeverity],
      ...(nextAction ? [nextAction(r, tally.domains - 1)] : []), ...links(predicted.next(r)),
      POSTURE_LABEL[r.posture] ?? r.posture, s.mode, s.policyId, s.maxAge, s.mxCount, s.mxCovered, s.mxDeliverable, s.mxStarttlsOk,
      STARTTLS_LABEL[s.starttls], DANE_LABEL[s.dane], TLSRPT_LABEL[s.tlsrpt], ...SEVERITIES.map((sev) => s.counts[sev]),
      r.smtpNotTested, isoDate(r.startedAt), r.durationMs,
    ];
    const styles: (CellStyle | undefined)[] = [];
    styles[outcomeColumn] = fillStyle(OUTCOME_COLOUR[outcome].fill);
    const colour = POSTURE_COLOUR[r.posture];
    if (colour) styles[postureColumn] = fillStyle(colour.fill);
    await sheet.add(domainLabel(r), values, styles);
  }
  sheet.finish();
  return tally;
}
