import type Database from 'better-sqlite3';

/**
 * One schema step. `version` is the `PRAGMA user_version` the database has after `up`; steps are applied in
 * order, each in its own transaction together with the version bump. SQL lives in the .ts file so the
 * bundled main process needs no asset copying. Never edit a released step: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
