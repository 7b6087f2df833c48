/**
 * The protection outcome (shared/outcome.ts) as a stored column, so the results table sorts and filters on it
 * and the runs list counts domains per outcome without reading evidence. Existing results are judged once
 * here from their stored posture and findings: the same rule every surface applies.
 */
import type Database from 'better-sqlite3';
import { isFindingCode } from '../../../shared/findings';
import { decideOutcome, outcomeRank } from '../../../shared/outcome';
import type { Posture } from '../../../shared/types';
import type { Migration } from './migration';

const SQL = `
ALTER TABLE results ADD COLUMN outcome TEXT NOT NULL DEFAULT 'not-decided';
-- Index of outcome in OUTCOMES (worst first); outcome stays the truth, as for posture_rank.
ALTER TABLE results ADD COLUMN outcome_rank INTEGER NOT NULL DEFAULT 2;
CREATE INDEX results_sort_outcome ON results (run_id, outcome_rank, domain, run_domain_id);

-- run_counts gains the 'outcome' kind; a CHECK cannot be altered, so the table is rebuilt.
CREATE TABLE run_counts_v2 (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  kind   TEXT NOT NULL CHECK (kind IN ('posture', 'severity', 'outcome')),
  name   TEXT NOT NULL,
  count  INTEGER NOT NULL,
  PRIMARY KEY (run_id, kind, name)
) WITHOUT ROWID;
INSERT INTO run_counts_v2 SELECT run_id, kind, name, count FROM run_counts;
DROP TABLE run_counts;
ALTER TABLE run_counts_v2 RENAME TO run_counts;
`;

function backfill(db: Database.Database): void {
  const rows = db.prepare('SELECT id, run_id, posture FROM results').iterate() as Iterable<{ id: number; run_id: number; posture: Posture }>;
  const codesOf = db.prepare('SELECT code, severity FROM findings WHERE result_id = ? ORDER BY seq');
  const update = db.prepare('UPDATE results SET outcome = ?, outcome_rank = ? WHERE id = ?');
  const updates: [string, number, number][] = [];
  const counts = new Map<string, number>();
  for (const row of rows) {
    const findings = (codesOf.all(row.id) as { code: string; severity: string }[]).map((f) => f.code).filter(isFindingCode).map((code) => ({ code }));
    const { outcome } = decideOutcome(row.posture, findings);
    updates.push([outcome, outcomeRank(outcome), row.id]);
    const key = `${row.run_id}\u0000${outcome}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const u of updates) update.run(...u);
  const add = db.prepare("INSERT INTO run_counts (run_id, kind, name, count) VALUES (?, 'outcome', ?, ?)");
  for (const [key, n] of counts) {
    const [runId, outcome] = key.split('\u0000');
    add.run(Number(runId), outcome, n);
  }
}

export const migration002: Migration = {
  version: 2,
  name: 'outcome',
  up(db) {
    db.exec(SQL);
    backfill(db);
  },
};
