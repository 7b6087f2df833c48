/**
 * Files and folders → stored reports: the one door the CLI (`reports import`) and the app (`reports:import`)
 * both use. Reads with read-paths.ts, stores in batches with the store's de-duplication.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ReportImportTally, TlsRptReport } from '../../../shared/tlsrpt';
import { saveReports } from '../../store/tlsrpt-reports';
import { reportsFromBytes, type ImportItem } from './decode';
import { TLSRPT_LIMITS as L } from './limits';
import { readReportPaths } from './read-paths';

/** Reports saved per transaction: large enough to amortise the commit, small enough to bound memory. */
const BATCH = 500;

export type ImportTally = ReportImportTally;

/** Reads every path and stores what validates; the rejected items come back with their reasons. */
export function importReports(db: Database.Database, paths: readonly string[]): ImportTally {
  return importItems(db, readReportPaths(paths));
}

/** The same for files given as bytes (dropped on the app): each is read as read-paths.ts reads a named file. */
export function importReportFiles(db: Database.Database, files: readonly { name: string; bytes: Buffer }[]): ImportTally {
  return importItems(db, (function* () {
    for (const f of files) {
      if (f.bytes.length > L.fileBytes) yield { source: f.name, error: `file larger than ${L.fileBytes / (1024 * 1024)} MB` } satisfies ImportItem;
      else yield* reportsFromBytes(f.bytes, f.name);
    }
  })());
}

function importItems(db: Database.Database, items: Iterable<ImportItem>): ImportTally {
  const tally: ImportTally = { reports: 0, added: 0, duplicates: 0, rejected: [] };
  let batch: { report: TlsRptReport; source: string }[] = [];
  const flush = () => {
    const r = saveReports(db, batch);
    tally.added += r.added;
    tally.duplicates += r.duplicates;
    batch = [];
  };
  for (const item of items) {
    if (item.error !== undefined) {
      tally.rejected.push({ source: item.source, reason: item.error });
      continue;
    }
    tally.reports++;
    batch.push({ report: item.report, source: path.basename(item.source) });
    if (batch.length >= BATCH) flush();
  }
  if (batch.length) flush();
  return tally;
}
