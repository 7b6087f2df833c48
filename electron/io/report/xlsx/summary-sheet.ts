/**
 * The workbook's first sheet: the outcome first (domains per protection outcome, the same rule and counts as
 * the store's), the problems to fix (every critical and high one, always), who prepared the audit, for whom,
 * its scope, method and settings, and where every table went (a table past a sheet's row limit continues on
 * further sheets). It is written last, once every other sheet is known, and shown first (workbook.ts).
 */
import type ExcelJS from 'exceljs';
import type { EstateAction } from '../../../../shared/actions';
import { SEVERITIES } from '../../../../shared/findings';
import { OUTCOME_LABEL, OUTCOME_MEANING, OUTCOMES } from '../../../../shared/outcome';
import type { Census, CodeCount } from '../census';
import { settingsRows } from '../evidence-text';
import { POSTURE_COLOUR, POSTURE_ORDER, POSTURE_LABEL, POSTURE_MEANING, SEVERITY_COLOUR, SEVERITY_LABEL } from '../labels';
import { OUTCOME_COLOUR } from '../outcome-colours';
import type { ReportRun, ReportSource } from '../source';
import { tagScopeText } from '../../../../shared/tags';
import type { Book, SheetPart } from './book';
import { cellValue, EXCEL_MAX_CHARS, isoDate, type CellInput } from './cell';
import type { DomainsTally } from './domains-sheet';
import { severityNumber } from './findings-sheet';
import { plainOf, plainTitle } from './plain';
import { DATE_FORMAT, PRINT_SETUP, rowHeight, solidFill, wrappedLines } from './sheet';

export const SUMMARY_SHEET = 'Summary';

/** `percentColumn`: index of a value that is a share (0–1) and shows as a percentage. */
type Line = { values: CellInput[]; bold?: boolean; fill?: string; size?: number; percentColumn?: number; nowrap?: boolean };

/** A: labels and titles, B: long text (values, meanings), C–F: figures, G: engineers' codes. */
const WIDTHS = [42, 64, 12, 12, 12, 12, 36];
/** Columns whose text wraps (0-based). */
const WRAPPED = new Set([0, 1]);

export interface SummaryInput {
  source: ReportSource;
  census: Census;
  domains: DomainsTally;
  actions: SummaryActions;
  book: Book;
  exportedAt: Date;
  preparedBy?: string;
}

const heading = (text: string): Line => ({ values: [text], bold: true, size: 12 });
const blank: Line = { values: [] };

function outcomeLines(t: DomainsTally): Line[] {
  const share = (n: number) => (t.domains > 0 ? n / t.domains : 0);
  return [
    heading('Outcome: what the findings mean for each domain\'s mail'),
    { values: ['Outcome', 'What it means', 'Domains', 'Share'], bold: true },
    ...OUTCOMES.map((o) => ({ values: [OUTCOME_LABEL[o], OUTCOME_MEANING[o], t.outcomes[o], share(t.outcomes[o])], fill: OUTCOME_COLOUR[o].fill, percentColumn: 3 })),
    { values: ['All domains audited', undefined, t.domains], bold: true },
  ];
}

/** How many actions the Summary shows; the Actions sheet lists them all. */
const TOP_ACTIONS = 10;

/** What the Summary prints of the estate's actions: the first few, with their examples read, and how many. */
export interface SummaryActions {
  top: EstateAction[];
  count: number;
}

/** Keeps only the Summary's part of `estate` (in priority order), examples materialised. */
export function summaryActions(estate: EstateAction[]): SummaryActions {
  return { top: estate.slice(0, TOP_ACTIONS).map((a) => ({ ...a, example: a.example })), count: estate.length };
}

function actionLines({ top, count }: SummaryActions): Line[] {
  return [
    heading(count > TOP_ACTIONS ? `What to do first (${TOP_ACTIONS} of ${count} actions; all on the Actions sheet)` : 'What to do first'),
    { values: ['Action', 'Why', 'Priority', 'Domains', 'Worst outcome it moves'], bold: true },
    ...(top.length === 0 ? [{ values: ['Nothing to do: no finding calls for an action.'] }] : top.map((a) => ({
      values: [a.title, a.example.why, a.priority, a.domains.length, OUTCOME_LABEL[a.outcome]], fill: OUTCOME_COLOUR[a.outcome].fill,
    }))),
  ];
}

/** Every defect code of the run, worst first: critical and high are never cut, whatever their number. */
function problemLines(c: Census): Line[] {
  const defects = c.codes.filter((x: CodeCount) => x.entry.severity !== 'info');
  return [
    heading('Problems found (every critical and high problem is listed)'),
    { values: ['Problem', 'What it means', 'Severity', 'Severity rank', 'Domains', 'Findings', 'Code'], bold: true },
    ...(defects.length === 0 ? [{ values: ['No problems found'] }] : defects.map((d) => ({
      values: [plainTitle(d.code), plainOf(d.code)?.impact, SEVERITY_LABEL[d.entry.severity], severityNumber(d.entry.severity), d.domains, d.count, d.code],
      fill: SEVERITY_COLOUR[d.entry.severity].fill,
    }))),
  ];
}

function methodText(run: ReportRun): string {
  const s = run.settings;
  const smtp = s?.smtpProbes === false
    ? 'STARTTLS was not tested (SMTP probes were switched off for this audit), so no domain can be shown protected on that evidence'
    : `each MX address was contacted on port ${s?.smtpPort ?? 25} and asked for STARTTLS, with and without the server name, and its certificate checked`;
  return `DNS lookups (MX, _mta-sts and _smtp._tls TXT, address and TLSA records) through ${run.resolver}; ` +
    `each MTA-STS policy fetched over HTTPS and parsed (RFC 8461); TLS reporting checked (RFC 8460); ${smtp}; DANE records checked against the certificates presented (RFC 7672).`;
}

function aboutLines(source: ReportSource, c: Census, exportedAt: Date, preparedBy: string | undefined): Line[] {
  const r = source.run;
  const prev = source.previous?.run;
  const scope = `${c.imported} domains imported${r.source ? ` from ${r.source}` : ''}; ${c.audited} audited` +
    `${c.imported > c.audited ? `, ${c.imported - c.audited} not audited yet` : ''}; ${c.mxHostsSeen} distinct MX hosts.`;
  return [
    heading('About this audit'),
    { values: ['Prepared by', preparedBy ?? ''] },
    { values: ['Client', r.client ?? ''] },
    { values: ['Audit name', r.name] },
    { values: ['Scope', scope] },
    { values: ['Method', methodText(r)] },
    { values: ['Tool version', `MTA-STS Auditor ${r.toolVersion}`] },
    { values: ['Run id', r.id] },
    { values: ['State', r.state] },
    { values: ['Started (UTC)', isoDate(r.createdAt)] },
    { values: ['Finished (UTC)', isoDate(r.finishedAt)] },
    { values: ['Exported (UTC)', exportedAt] },
    { values: ['Domain list source', r.source ?? ''] },
    { values: ['Resolver', r.resolver] },
    { values: ['Compared with', prev ? `run ${prev.id} "${prev.name}" of ${prev.createdAt.slice(0, 10)}` : 'no earlier audit of this estate'] },
  ];
}

function scopeLines(c: Census): Line[] {
  const pct = (n: number) => (c.audited > 0 ? n / c.audited : 0);
  return [
    heading('Scope'),
    { values: ['Domains imported', c.imported] },
    { values: ['Domains audited', c.audited] },
    { values: ['Domains failed (posture error)', c.failed] },
    { values: ['Domains not audited yet', c.imported - c.audited] },
    { values: ['Distinct MX hosts', c.mxHostsSeen] },
    ...(c.otherTagNames > 0
      ? [{ values: ['Tag columns', `The first ${c.tagNames.length} tag names have a column each in Domains; ${c.otherTagNames} more are listed in its "Other tags" column.`] }]
      : []),
    blank,
    { values: ['Severity', undefined, 'Findings', 'Domains affected'], bold: true },
    ...SEVERITIES.map((s) => ({ values: [SEVERITY_LABEL[s], undefined, c.findings[s], c.domainsWith[s]], fill: SEVERITY_COLOUR[s].fill })),
    blank,
    { values: ['Posture (the policy a sender applies)', 'What it means', 'Domains', 'Share'], bold: true },
    ...POSTURE_ORDER.map((p) => ({ values: [POSTURE_LABEL[p], POSTURE_MEANING[p], c.postures[p], pct(c.postures[p])], fill: POSTURE_COLOUR[p].fill, percentColumn: 3 })),
  ];
}

const SHEET_PURPOSE: Record<string, string> = {
  Actions: 'what to do, most urgent first, with the exact records to publish',
  'Action domains': 'every domain each action fixes',
  Domains: 'one row per domain: outcome, severity rank, links to its findings and evidence',
  Findings: 'the problems, one row per finding, worst first within a domain',
  Facts: 'what was found in place (information only, nothing to fix)',
  'MX hosts': 'each mail server address: its STARTTLS session and certificate',
  'MX domains': 'every domain that uses each mail server',
  Changes: 'what changed since the previous audit',
  'TLS-RPT': 'what senders reported per mail host (TLS-RPT) next to what the audit predicts',
  Evidence: 'the raw DNS answers, policies and certificates behind each finding',
};

/** The first and last domain (or host) of a sheet, left to overflow into the empty cells on its right. */
function span(p: SheetPart): string | undefined {
  if (!p.first) return undefined;
  return p.first === p.last ? p.first : `${p.first} … ${p.last}`;
}

function whereLines(book: Book): Line[] {
  const split = [...new Set(book.parts.map((p) => p.series))].filter((s) => book.parts.filter((p) => p.series === s).length > 1);
  return [
    heading('Where everything is'),
    { values: ['Sheet', 'Holds', 'Rows', 'From … to'], bold: true },
    ...book.parts.map((p: SheetPart) => ({ values: [p.name, SHEET_PURPOSE[p.series] ?? '', p.rows, span(p)] })),
    ...(split.length > 0
      ? [{ values: ['Continued sheets', `A sheet holds at most ${(book.maxRows + 1).toLocaleString('en-GB')} rows with its header; ${split.join(', ')} continue${split.length === 1 ? 's' : ''} on the sheets numbered (2) and on, with the same columns. No row is left out.`] }]
      : []),
    ...(book.cutCells > 0
      ? [{ values: ['Long text', `${book.cutCells} cell(s) held more than the ${EXCEL_MAX_CHARS.toLocaleString('en-GB')} characters a cell can show; they are cut with a marker, and evidence.json in the evidence bundle has the whole text.`] }]
      : []),
  ];
}

const NOTE = 'Text is shown exactly as found or as the client wrote it, as text cells that no spreadsheet evaluates, even where it begins with = + - or @. ' +
  'Control characters that XML cannot carry, and bidi controls that would make text display other than it is, are shown as \uFFFD; ' +
  'evidence.json in the evidence bundle keeps the exact bytes.';

function addLine(sheet: ExcelJS.Worksheet, line: Line): void {
  const row = sheet.addRow(line.values.map(cellValue));
  if (line.bold || line.size) row.font = { bold: line.bold ?? false, size: line.size ?? 11 };
  let lines = 1;
  line.values.forEach((v, i) => {
    const cell = row.getCell(i + 1);
    if (v instanceof Date) cell.numFmt = DATE_FORMAT;
    if (i === line.percentColumn) cell.numFmt = '0.0%';
    if (line.fill && i === 0) cell.fill = solidFill(line.fill);
    if (WRAPPED.has(i) && typeof v === 'string' && !line.bold && !line.nowrap) {
      cell.alignment = { wrapText: true, vertical: 'top' };
      lines = Math.max(lines, wrappedLines(v, WIDTHS[i]!));
    } else {
      cell.alignment = { vertical: 'top' };
    }
  });
  const height = rowHeight(lines);
  if (height !== undefined) row.height = height;
  row.commit();
}

export function writeSummarySheet(sheet: ExcelJS.Worksheet, input: SummaryInput): void {
  const { source, census, domains, book, exportedAt, preparedBy } = input;
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const title = `Email transport security audit${source.run.client ? ` for ${source.run.client}` : ''}`;
  const lines: Line[] = [
    { values: [title], bold: true, size: 14 },
    { values: [`${source.run.name}; prepared${preparedBy ? ` by ${preparedBy}` : ''} on ${exportedAt.toISOString().slice(0, 10)}`], nowrap: true },
    // A workbook of one tag value says so under the title: every count below is of those domains only.
    ...(source.filter ? [{ values: [`${tagScopeText(source.filter.tag, source.filter.matched, source.filter.of)}; every figure counts these domains only.`], bold: true, nowrap: true }] : []),
    blank,
    ...outcomeLines(domains),
    blank,
    ...actionLines(input.actions),
    blank,
    ...problemLines(census),
    blank,
    ...aboutLines(source, census, exportedAt, preparedBy),
    blank,
    ...whereLines(book),
    blank,
    ...scopeLines(census),
    blank,
    heading('Settings'),
    ...settingsRows(source.run.settings).map(([label, value]) => ({ values: [label, value] })),
    blank,
    { values: ['Note', NOTE] },
  ];
  for (const line of lines) addLine(sheet, line);
  sheet.commit();
}

/** The Summary's print setup: A4 landscape, fitted to the page width. */
export const SUMMARY_PAGE_SETUP = PRINT_SETUP;
