/**
 * The Excel workbook of a run: Summary, Actions, Action domains, Domains, Findings, Facts, MX hosts, MX domains,
 * Changes and Evidence,
 * written with exceljs's streaming writer one sheet after another. The sheets are streaming passes over the
 * results, so only one result is in memory at a time whatever the size of the estate; every cell goes through
 * cellValue, which writes values only (never formulas). No sheet passes the format's limits: a table longer
 * than a sheet continues on the next ("Evidence (2)"), and the Summary, written last but shown first, says
 * what went where.
 */
import type Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { CensusCounter, tagColumns } from './report/census';
import { writeReplacing } from './report/output-file';
import type { ReportSource } from './report/source';
import { openStoreSource, type StoreSourceOptions } from './report/store-source';
import { ACTION_DOMAINS_SHEET, ACTIONS_SHEET, ActionCollector, writeActionsSheets } from './report/xlsx/actions-sheet';
import { SpilledExamples } from './report/action-examples';
import { moveToFront, newBook, type Book } from './report/xlsx/book';
import { writeChangesSheet } from './report/xlsx/changes-sheet';
import { DomainsSheet } from './report/xlsx/domains-sheet';
import { writeEvidenceSheet } from './report/xlsx/evidence-sheet';
import { writeFindingsSheets } from './report/xlsx/findings-sheet';
import { writeMxSheets } from './report/xlsx/mx-sheet';
import { writeTlsRptSheet } from './report/xlsx/tlsrpt-sheet';
import { PRINT_SETUP } from './report/xlsx/sheet';
import { showFirst } from './report/xlsx/sheet-order';
import { SUMMARY_SHEET, summaryActions, writeSummarySheet, type SummaryActions } from './report/xlsx/summary-sheet';
import type { Census } from './report/census';
import type { DomainsTally } from './report/xlsx/domains-sheet';
import { openOutput, watchOutput } from './report/xlsx/output';
import type { Writable } from 'node:stream';

export interface WorkbookOptions {
  /** Who prepared the audit: the Summary's "Prepared by" and the file's author. */
  preparedBy?: string;
  exportedAt?: Date;
  /** Data rows per sheet before a table continues on the next; the format's limit unless lowered (tests). */
  maxRowsPerSheet?: number;
}

/** Writes the workbook to `path`, replacing a file there only once the new one is complete (output-file.ts). */
export function writeWorkbookFrom(source: ReportSource, path: string, opts: WorkbookOptions = {}): Promise<void> {
  return writeReplacing(path, (temp) => writeWorkbookFile(source, temp, opts));
}

/** Writes the workbook into `file` as it is (an export's temporary file; see export/run-export.ts). */
export async function writeWorkbookFile(source: ReportSource, file: string, opts: WorkbookOptions = {}): Promise<void> {
  await writeWorkbookTo(source, await openOutput(file), opts);
}

/** Writes the workbook to a stream; rejects (never hangs) when the stream fails, e.g. on a full disk. */
export async function writeWorkbookTo(source: ReportSource, out: Writable, opts: WorkbookOptions = {}): Promise<void> {
  const exportedAt = opts.exportedAt ?? new Date();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const failed = watchOutput(workbook, out);
  setProperties(workbook, source, opts.preparedBy, exportedAt);
  const book = newBook(workbook, opts.maxRowsPerSheet);
  // One pass over the whole results counts the census, derives each domain's actions and writes the Domains
  // sheet: inflating and parsing every result is the dearest part of an export, so it is done once here and
  // once more for Evidence. The tag columns must be known before the first row: the store lists them
  // without reading any evidence.
  const examples = new SpilledExamples();
  try {
    await writeSheets(source, book, examples, exportedAt, opts.preparedBy);
  } finally {
    examples.close();
  }
  await Promise.race([workbook.commit(), failed]);
}

async function writeSheets(source: ReportSource, book: Book, examples: SpilledExamples, exportedAt: Date, preparedBy: string | undefined): Promise<void> {
  const workbook = book.workbook;
  const { census, domains, actions } = await writeDomainsAndActions(source, book, new ActionCollector(exportedAt, examples));
  // The Actions sheets come before Domains, in the tabs and in the Summary's list, though written after it.
  const actionSheets = moveToFront(book, [ACTIONS_SHEET, ACTION_DOMAINS_SHEET]);
  await writeFindingsSheets(book, source);
  await writeMxSheets(book, source);
  await writeChangesSheet(book, source);
  await writeTlsRptSheet(book, source.tlsrpt?.(exportedAt));
  await writeEvidenceSheet(book, source);
  const summary = workbook.addWorksheet(SUMMARY_SHEET, { pageSetup: PRINT_SETUP });
  writeSummarySheet(summary, { source, census, domains, actions, book, exportedAt, preparedBy });
  showFirst(workbook, [summary, ...actionSheets.map((p) => workbook.getWorksheet(p.name)!)]);
}

/**
 * One pass over the whole results counts the census, derives each domain's actions and writes the Domains
 * sheet: inflating and parsing every result is the dearest part of an export, so it is done once here and once
 * more for Evidence. The tag columns must be known before the first row: the store lists them without reading
 * any evidence. Then the Actions sheets. Only what the Summary prints is kept: the estate's actions, one per
 * root cause (about 110,000 at 100,000 domains), are let go here.
 */
async function writeDomainsAndActions(source: ReportSource, book: Book, collector: ActionCollector): Promise<{ census: Census; domains: DomainsTally; actions: SummaryActions }> {
  const counter = new CensusCounter();
  const domainsSheet = new DomainsSheet(book, tagColumns(source.tags?.() ?? tagsOf(source)), true);
  for (const item of source.results()) {
    counter.add(item);
    await domainsSheet.add(item.result, item.tags, collector.add(item.result));
  }
  const domains = domainsSheet.finish();
  const census = counter.result(source);
  const estate = collector.plan().estate;
  await writeActionsSheets(book, estate);
  return { census, domains, actions: summaryActions(estate) };
}

function* tagsOf(source: ReportSource): Iterable<Record<string, string>> {
  for (const item of source.results()) yield item.tags;
}

function setProperties(workbook: ExcelJS.stream.xlsx.WorkbookWriter, source: ReportSource, preparedBy: string | undefined, at: Date): void {
  const run = source.run;
  workbook.title = `MTA-STS audit: ${run.name}`;
  workbook.subject = `Email transport security audit${run.client ? ` for ${run.client}` : ''}, run ${run.id}`;
  workbook.creator = preparedBy || 'MTA-STS Auditor';
  workbook.lastModifiedBy = workbook.creator;
  workbook.company = run.client ?? '';
  workbook.description = `Prepared with MTA-STS Auditor ${run.toolVersion}`;
  workbook.created = at;
  workbook.modified = at;
}

export async function writeWorkbook(db: Database.Database, runId: number, path: string, opts: WorkbookOptions & StoreSourceOptions = {}): Promise<void> {
  const source = openStoreSource(db, runId, { tag: opts.tag });
  try {
    await writeWorkbookFrom(source, path, opts);
  } finally {
    source.close();
  }
}
