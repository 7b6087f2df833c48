/**
 * The input file and import report of a run (migration 004). Kept in the same transaction as the run
 * (runs.ts createRun), so a run either has the record of what it was made from or, when made by an older
 * release, none at all.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { packJson, unpackJson } from './json-blob';

/**
 * Input files up to this size are kept byte for byte. A real estate list is a few MB (100,000 domains as CSV is
 * ~5 MB); a larger file is named by its size and SHA-256 only, so one odd import cannot double the database.
 */
export const MAX_KEPT_INPUT_BYTES = 32 * 1024 * 1024;

/** How the input file was read: the report written into the bundle as import-report.json. */
export interface ImportReport {
  fileName: string;
  format: 'csv' | 'xlsx';
  sheet?: string;
  sheets?: string[];
  skippedSheets?: { sheet: string; reason: string }[];
  delimiter?: string;
  encoding?: string;
  headerRow?: number;
  /** The column the domains were read from. */
  domainColumn: string;
  columns: string[];
  rowsUsed: number;
  /** Every row with content that was not used, with why. */
  rejects: { row: number; value: string; reason: string; sheet?: string }[];
}

export interface RunInputFile {
  fileName: string;
  size: number;
  sha256: string;
  /** The file's bytes as imported; kept only up to MAX_KEPT_INPUT_BYTES. */
  bytes: Buffer | undefined;
  report: ImportReport;
}

/** The record of an input held in memory. */
export function inputFileOf(fileName: string, bytes: Buffer, report: ImportReport): RunInputFile {
  return { fileName, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), bytes, report };
}

/** As read back: `bytes` is undefined when the file was over MAX_KEPT_INPUT_BYTES. */
export type StoredRunInput = RunInputFile;

export function saveRunInput(db: Database.Database, runId: number, input: RunInputFile): void {
  const kept = input.bytes !== undefined && input.bytes.length <= MAX_KEPT_INPUT_BYTES ? input.bytes : null;
  db.prepare('INSERT INTO run_inputs (run_id, file_name, size, sha256, bytes, report) VALUES (?, ?, ?, ?, ?, ?)')
    .run(runId, input.fileName, input.size, input.sha256, kept, packJson(input.report));
}

export function getRunInput(db: Database.Database, runId: number): StoredRunInput | undefined {
  const row = db.prepare('SELECT file_name, size, sha256, bytes, report FROM run_inputs WHERE run_id = ?').get(runId) as
    { file_name: string; size: number; sha256: string; bytes: Buffer | null; report: Buffer } | undefined;
  if (!row) return undefined;
  return { fileName: row.file_name, size: row.size, sha256: row.sha256, bytes: row.bytes ?? undefined, report: unpackJson<ImportReport>(row.report) };
}
