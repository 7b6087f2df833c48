/**
 * A run's findings straight from the `findings` table, domain by domain in import order: what the workbook's
 * Findings sheet lists. Reading them there, rather than from each result's compressed evidence, spares an
 * export one full pass of inflating and parsing every result (about a second per 20,000 domains).
 */
import type Database from 'better-sqlite3';
import type { DomainFindings, Finding } from '../../shared/types';
import type { FindingCode, Severity } from '../../shared/findings';
import { PAGE_SIZE } from './batches';
import { defineStatements } from './statements';

interface ResultRow {
  id: number;
  run_domain_id: number;
  domain: string;
  input: string;
}

interface FindingRow {
  result_id: number;
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
  // One query for a whole page of results (json_each lists their ids in page order) rather than one per
  // result: at 20,000 domains, read twice (Findings, then Facts), the per-result queries cost about 1.5 s.
  findings: `SELECT f.result_id, f.code, f.severity, f.message, f.subject, f.line
             FROM json_each(?) AS page JOIN findings AS f ON f.result_id = page.value
             ORDER BY page.key, f.seq`,
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
      let after = 0;
      for (;;) {
        const page = s.results.all(runId, after) as ResultRow[];
        const byResult = new Map<number, Finding[]>();
        for (const row of s.findings.all(JSON.stringify(page.map((r) => r.id))) as FindingRow[]) {
          const list = byResult.get(row.result_id);
          if (list) list.push(toFinding(row));
          else byResult.set(row.result_id, [toFinding(row)]);
        }
        for (const r of page) {
          const findings = byResult.get(r.id);
          if (findings) yield { label: r.domain || r.input, findings };
        }
        if (page.length < PAGE_SIZE) return;
        after = page[page.length - 1]!.run_domain_id;
      }
    },
  };
}
