/**
 * Brings a database to a schema version by applying the missing steps of MIGRATIONS in order, each in its
 * own transaction with the `user_version` bump, so an interrupted upgrade leaves the last complete version.
 */
import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Thrown for a file written by a newer release: opening it could corrupt data this build does not know. */
export class SchemaTooNewError extends Error {
  readonly found: number;
  readonly known: number;

  constructor(found: number, known: number, file?: string) {
    const what = file === undefined ? 'this database' : `the database ${file}`;
    super(`${what} has schema version ${found}, but this version of the auditor knows only up to ${known}: open it with a newer version`);
    this.name = 'SchemaTooNewError';
    this.found = found;
    this.known = known;
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}: versions must run 1, 2, 3…`);
  });
}

/** Applies steps up to `target` (default: all). Refuses a database newer than the steps it is given. */
export function migrate(db: Database.Database, target = SCHEMA_VERSION, migrations: readonly Migration[] = MIGRATIONS): void {
  checkSequence(migrations);
  const current = schemaVersion(db);
  if (current > migrations.length) throw new SchemaTooNewError(current, migrations.length);
  for (const m of migrations.slice(current, target)) {
    // IMMEDIATE, and the version checked again under the write lock: two processes opening a new file
    // at once (the app and the CLI) apply each step once.
    db.transaction(() => {
      if (schemaVersion(db) >= m.version) return;
      m.up(db);
      // A PRAGMA cannot take a bound parameter; the version is our own integer.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }).immediate();
  }
}
