/**
 * The ReportSource of a stored run. An export reads the run several times (one pass per sheet, the PDF and
 * the bundle's evidence.json); if the run were still being written meanwhile, the passes would disagree and
 * the bundle's evidence.json would no longer match the hash printed in its PDF. So a file database is read
 * through a separate read-only connection inside one read transaction: under WAL that is a fixed snapshot,
 * and the app's writer on the main connection is never blocked. An in-memory database cannot be opened
 * twice, so it is read through the caller's connection as is.
 */
import Database from 'better-sqlite3';
import { databaseFile } from '../../store/db';
import { getRun, previousRunOf } from '../../store/runs';
import { importedEvidenceHead } from '../../store/imported-runs';
import { iterateResults, iterateTags, listMxProbes } from '../../store/results';
import { findingsByDomain } from '../../store/finding-rows';
import { compareRuns } from '../../store/comparisons';
import type { TagFilter } from '../../../shared/tags';
import type { ReportSource } from './source';
import { runCorrelation } from '../../store/tlsrpt-correlation';
import { DEFAULT_REPORT_DAYS, reportPeriod } from '../../engine/tlsrpt/trend';
import { tagFiltered } from './tag-filter';

export interface StoreSource extends ReportSource {
  close(): void;
}

export interface StoreSourceOptions {
  /** Only the domains whose tag holds this value (one owner's workbook), by the results table's rule. */
  tag?: TagFilter;
}

function snapshotConnection(db: Database.Database): { conn: Database.Database; close(): void } {
  const file = databaseFile(db);
  if (!file) return { conn: db, close: () => {} };
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  conn.pragma('busy_timeout = 5000');
  conn.exec('BEGIN');
  return {
    conn,
    close: () => {
      if (conn.inTransaction) conn.exec('COMMIT');
      conn.close();
    },
  };
}

export function openStoreSource(db: Database.Database, runId: number, opts: StoreSourceOptions = {}): StoreSource {
  const { conn, close } = snapshotConnection(db);
  try {
    const record = getRun(conn, runId);
    if (!record) throw new Error(`no run with id ${runId}`);
    const head = record.imported && importedEvidenceHead(conn, runId);
    const run = head ? { ...record, evidenceHead: head } : record;
    const prev = previousRunOf(conn, runId);
    const whole: ReportSource = {
      run,
      results: () => iterateResults(conn, runId),
      mxProbes: () => listMxProbes(conn, runId),
      findingsByDomain: () => findingsByDomain(conn, runId),
      tags: () => iterateTags(conn, runId),
      previous: prev && { run: prev, comparisons: () => compareRuns(conn, prev.id, runId) },
      tlsrpt: (at) => runCorrelation(conn, runId, reportPeriod(DEFAULT_REPORT_DAYS, at)).correlation,
    };
    const source = opts.tag ? tagFiltered(conn, whole, opts.tag, prev?.id) : whole;
    return { ...source, close };
  } catch (err) {
    close();
    throw err;
  }
}
