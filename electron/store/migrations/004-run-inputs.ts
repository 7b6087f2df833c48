/**
 * What a run was made from, kept with it so a bundle can hold everything its verdicts rest on: the input file
 * exactly as imported (its bytes, when no bigger than the cap in store/run-inputs.ts; its size and SHA-256
 * always) and the import report (the column chosen, the rows used, every reject and why). Runs created before
 * this step have no row here, and their bundles say "input not kept".
 */
import type { Migration } from './migration';

const SQL = `
CREATE TABLE run_inputs (
  run_id      INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  file_name   TEXT NOT NULL,
  size        INTEGER NOT NULL CHECK (size >= 0),
  sha256      TEXT NOT NULL,
  -- NULL when the file was over the cap: the hash still names it.
  bytes       BLOB,
  -- The import report as JSON (io/bundle/import-report.ts), raw-deflated like the evidence (json-blob.ts).
  report      BLOB NOT NULL
);
`;

export const migration004: Migration = {
  version: 4,
  name: 'run-inputs',
  up(db) {
    db.exec(SQL);
  },
};
