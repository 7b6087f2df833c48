/**
 * A run's findings straight from the `findings` table, domain by domain in import order: what the workbook's
 * Findings sheet lists. Reading them there, rather than from each result's compressed evidence, spares an
 * export one full pass of inflating and parsing every result (about a second per 20,000 domains).
 */
import type Database from 'better-sqlite3';
import type { DomainFindings, Finding } from '../../shared/types';
import type { FindingCode, Severity } from '../../shared/findings';
import { keysetPages, PAGE_SIZE } from './batches';
import { defineStatements } from './statements';

interface ResultRow {
  id: number;
  run_domain_id: number;
  domain: string;
  input: string;
}

interface FindingRow {
  code: string;
  severity: string;
  message: string;
  subject: string | null;
  line: number | null;
}

const statements = defineStatements({
  // The run's results in import order, a page at a time (as iterateResults walks them), without evidence.
  results: `SELECT r.id, r.run_domain_id, r.domain, r.input FROM run_domains AS d INDEXED BY run_domains_by_run
            JOIN results AS r ON r.run_domain_id = d.id
            WHERE d.run_id = ? AND d.id > ? ORDER BY d.id LIMIT ${PAGE_SIZE}`,
  findings: 'SELECT code, severity, message, subject, line FROM findings WHERE result_id = ? ORDER BY seq',
});

function toFinding(row: FindingRow): Finding {
  return {
    code: row.code as FindingCode, severity: row.severity as Severity, message: row.message,
    ...(row.subject !== null ? { subject: row.subject } : {}), ...(row.line !== null ? { line: row.line } : {}),
  };
}

/** Every domain of the run that has findings, in import order, with its findings. */
export function findingsByDomain(db: Database.Database, runId: number): Iterable<DomainFindings> {
  return {
    *[Symbol.iterator]() {
      const s = statements(db);
      for (const r of keysetPages((after) => s.results.all(runId, after) as ResultRow[], (row) => row.run_domain_id)) {
        const findings = (s.findings.all(r.id) as FindingRow[]).map(toFinding);
        if (findings.length > 0) yield { label: r.domain || r.input, findings };
      }
    },
  };
}
