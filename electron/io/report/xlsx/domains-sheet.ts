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
import { domainLabel } from '../source';
import type { Book } from './book';
import { cellLink, isoDate, type CellInput } from './cell';
import { DomainLinks, type DomainRows } from './domain-links';
import { severityNumber } from './findings-sheet';
import { SheetSeries } from './sheet-series';
import { fillStyle, type CellStyle, type ColumnSpec } from './sheet';

export const DOMAINS_SHEET = 'Domains';

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

/** The Domains table, a row per result as they come (the workbook writes it during its census pass). */
export class DomainsSheet {
  private readonly sheet: SheetSeries;
  private readonly tagNames: string[];
  private readonly shown: Set<string>;
  private readonly folded: boolean;
  private readonly outcomeColumn: number;
  private readonly postureColumn: number;
  private readonly predicted: DomainLinks;
  readonly tally: DomainsTally = { domains: 0, outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number> };

  constructor(book: Book, tags: Pick<Census, 'tagNames' | 'otherTagNames'>, private readonly withNextAction: boolean) {
    const tagColumns: ColumnSpec[] = tags.tagNames.map((name) => ({ header: name, width: 16 }));
    this.tagNames = tags.tagNames;
    this.shown = new Set(tags.tagNames);
    this.folded = tags.otherTagNames > 0;
    if (this.folded) tagColumns.push({ header: `Other tags (${tags.otherTagNames} more tag names)`, width: 40, wrap: true });
    const actionColumns: ColumnSpec[] = withNextAction ? [{ header: 'Next action', width: 48, wrap: true }] : [];
    const columns = [{ header: 'Domain', width: 32 }, { header: 'Input', width: 28 }, ...tagColumns, ...LEAD_COLUMNS, ...actionColumns, ...LINK_COLUMNS, ...FACT_COLUMNS];
    this.sheet = new SheetSeries(book, DOMAINS_SHEET, columns, 1);
    this.outcomeColumn = 2 + tagColumns.length;
    this.postureColumn = this.outcomeColumn + LEAD_COLUMNS.length + actionColumns.length + LINK_COLUMNS.length;
    this.predicted = new DomainLinks(book.maxRows);
  }

  /** The next result's row; `next` is its first action when the sheet has that column. */
  async add(r: DomainResult, tags: Record<string, string>, next?: string): Promise<void> {
    const s = summariseResult(r);
    const { outcome } = resultOutcome(r);
    this.tally.domains++;
    this.tally.outcomes[outcome]++;
    const values: CellInput[] = [
      r.domain, r.input, ...this.tagNames.map((t) => tagValue(tags, t)), ...(this.folded ? [otherTagsText(tags, this.shown)] : []),
      OUTCOME_LABEL[outcome], outcomeRank(outcome) + 1, s.worstSeverity && severityNumber(s.worstSeverity), s.worstSeverity && SEVERITY_LABEL[s.worstSeverity],
      ...(this.withNextAction ? [next] : []), ...links(this.predicted.next(r)),
      POSTURE_LABEL[r.posture] ?? r.posture, s.mode, s.policyId, s.maxAge, s.mxCount, s.mxCovered, s.mxDeliverable, s.mxStarttlsOk,
      STARTTLS_LABEL[s.starttls], DANE_LABEL[s.dane], TLSRPT_LABEL[s.tlsrpt], ...SEVERITIES.map((sev) => s.counts[sev]),
      r.smtpNotTested, isoDate(r.startedAt), r.durationMs,
    ];
    const styles: (CellStyle | undefined)[] = [];
    styles[this.outcomeColumn] = fillStyle(OUTCOME_COLOUR[outcome].fill);
    const colour = POSTURE_COLOUR[r.posture];
    if (colour) styles[this.postureColumn] = fillStyle(colour.fill);
    await this.sheet.add(domainLabel(r), values, styles);
  }

  finish(): DomainsTally {
    this.sheet.finish();
    return this.tally;
  }
}
