/**
 * A run's tallies (domains per posture and per outcome, findings per severity), kept in `run_counts` and bumped by each
 * saved result in the same transaction as the result (a group commit: store/result-writer.ts), so the runs list reads a few rows per run instead of aggregating
 * every result.
 */
import type Database from 'better-sqlite3';
import type { Posture, Severity } from '../../shared/findings';
import type { Outcome } from '../../shared/outcome';
import { defineStatements } from './statements';

export interface RunCounts {
  postureCounts: Partial<Record<Posture, number>>;
  outcomeCounts: Partial<Record<Outcome, number>>;
  severityCounts: Partial<Record<Severity, number>>;
}

type CountRow = { run_id: number; kind: 'posture' | 'severity' | 'outcome'; name: string; count: number };

const statements = defineStatements({
  add: `INSERT INTO run_counts (run_id, kind, name, count) VALUES (?, ?, ?, ?)
        ON CONFLICT (run_id, kind, name) DO UPDATE SET count = count + excluded.count`,
  ofRun: 'SELECT run_id, kind, name, count FROM run_counts WHERE run_id = ?',
  all: 'SELECT run_id, kind, name, count FROM run_counts',
});

/** Adds one domain of `posture` and `outcome` and its findings; call inside the transaction that saves the result. */
export function addResultCounts(db: Database.Database, runId: number, posture: Posture, outcome: Outcome, severities: Record<Severity, number>): void {
  const s = statements(db);
  s.add.run(runId, 'posture', posture, 1);
  s.add.run(runId, 'outcome', outcome, 1);
  for (const [severity, n] of Object.entries(severities)) if (n > 0) s.add.run(runId, 'severity', severity, n);
}

const empty = (): RunCounts => ({ postureCounts: {}, outcomeCounts: {}, severityCounts: {} });

function collect(rows: CountRow[], into: (runId: number) => RunCounts): void {
  for (const r of rows) {
    const counts = into(r.run_id);
    if (r.kind === 'posture') counts.postureCounts[r.name as Posture] = r.count;
    else if (r.kind === 'outcome') counts.outcomeCounts[r.name as Outcome] = r.count;
    else counts.severityCounts[r.name as Severity] = r.count;
  }
}

export function runCounts(db: Database.Database, runId: number): RunCounts {
  const counts = empty();
  collect(statements(db).ofRun.all(runId) as CountRow[], () => counts);
  return counts;
}

/** The counts of every run at once (the runs list): one query, whatever the number of runs. */
export function allRunCounts(db: Database.Database): Map<number, RunCounts> {
  const byRun = new Map<number, RunCounts>();
  collect(statements(db).all.all() as CountRow[], (runId) => {
    let counts = byRun.get(runId);
    if (!counts) byRun.set(runId, (counts = empty()));
    return counts;
  });
  return byRun;
}
