/**
 * Runs opened from an evidence bundle (io/bundle/import.ts): read-only copies of someone's signed audit. A run
 * with `imported_from` set is imported: it cannot be resumed or audited again, and no local audit takes it as
 * its baseline. The original run's header (its id, name, client, dates, tool version, resolver, settings) is
 * kept in the normal columns, and the first line of the bundle's evidence.json verbatim, so a re-export gives
 * evidence.json byte for byte.
 */
import type { Migration } from './migration';

const SQL = `
-- The bundle's file name (no folder), as it was opened.
ALTER TABLE runs ADD COLUMN imported_from TEXT;
ALTER TABLE runs ADD COLUMN imported_at TEXT;
-- Who signed the bundle's manifest (grouped hex SHA-256 of the Ed25519 key) and when (signing.json).
ALTER TABLE runs ADD COLUMN signer_fingerprint TEXT;
ALTER TABLE runs ADD COLUMN signed_at TEXT;
-- The run's id in the auditor's own database.
ALTER TABLE runs ADD COLUMN original_id INTEGER;
-- evidence.json's first line as the bundle holds it: format, schema version and the original run header.
ALTER TABLE runs ADD COLUMN original_head TEXT;
`;

export const migration005: Migration = {
  version: 5,
  name: 'imported-runs',
  up(db) {
    db.exec(SQL);
  },
};
