/**
 * The Excel workbook of a run: Summary, Domains, Findings, MX hosts, Changes and Evidence sheets, written with
 * exceljs's streaming writer one sheet after another. Each sheet is a separate pass over the results, so only
 * one result is in memory at a time whatever the size of the estate; every cell goes through cellValue, which
 * writes values only (never formulas) and neutralises text that a spreadsheet could evaluate.
 */
import type Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { takeCensus } from './report/census';
import { writeReplacing } from './report/output-file';
import type { ReportSource } from './report/source';
import { openStoreSource } from './report/store-source';
import { writeChangesSheet } from './report/xlsx/changes-sheet';
import { writeDomainsSheet } from './report/xlsx/domains-sheet';
import { writeEvidenceSheet } from './report/xlsx/evidence-sheet';
import { writeFindingsSheet } from './report/xlsx/findings-sheet';
import { writeMxSheet } from './report/xlsx/mx-sheet';
import { writeSummarySheet } from './report/xlsx/summary-sheet';
import { openOutput, watchOutput } from './report/xlsx/output';
import type { Writable } from 'node:stream';

/** Writes the workbook to `path`, replacing a file there only once the new one is complete (output-file.ts). */
export function writeWorkbookFrom(source: ReportSource, path: string, exportedAt = new Date()): Promise<void> {
  return writeReplacing(path, async (temp) => writeWorkbookTo(source, await openOutput(temp), exportedAt));
}

/** Writes the workbook to a stream; rejects (never hangs) when the stream fails, e.g. on a full disk. */
export async function writeWorkbookTo(source: ReportSource, out: Writable, exportedAt = new Date()): Promise<void> {
  const census = await takeCensus(source);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const failed = watchOutput(workbook, out);
  workbook.creator = 'MTA-STS Auditor';
  workbook.created = exportedAt;
  await writeSummarySheet(workbook, source, census, exportedAt);
  await writeDomainsSheet(workbook, source, census);
  await writeFindingsSheet(workbook, source);
  await writeMxSheet(workbook, source);
  await writeChangesSheet(workbook, source);
  await writeEvidenceSheet(workbook, source);
  await Promise.race([workbook.commit(), failed]);
}

export async function writeWorkbook(db: Database.Database, runId: number, path: string): Promise<void> {
  const source = openStoreSource(db, runId);
  try {
    await writeWorkbookFrom(source, path);
  } finally {
    source.close();
  }
}
