/**
 * Stores imported TLS-RPT reports and reads back what the correlation needs: the failures and session
 * counts of a period. A report already stored (same organisation and report-id) is skipped, not replaced.
 */
import type Database from 'better-sqlite3';
import type { ObservedPolicy, TlsRptReport } from '../../shared/tlsrpt';
import { defineStatements } from './statements';

export type { ObservedPolicy } from '../../shared/tlsrpt';

const statements = defineStatements({
  insertReport: `INSERT INTO tlsrpt_reports (organization, report_id, contact, start_at, end_at, source, imported_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (organization, report_id) DO NOTHING`,
  insertPolicy: `INSERT INTO tlsrpt_policies (report, seq, policy_type, policy_domain, policy_strings, mx_hosts, success_count, failure_count)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  insertFailure: `INSERT INTO tlsrpt_failures (policy, seq, result_type, sending_mta_ip, receiving_mx_hostname, receiving_mx_helo, receiving_ip,
                  failed_session_count, additional_information, failure_reason_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  policiesIn: `SELECT p.id, r.organization, r.start_at, r.end_at, p.policy_type, p.policy_domain, p.mx_hosts, p.success_count, p.failure_count
               FROM tlsrpt_policies p JOIN tlsrpt_reports r ON r.id = p.report
               WHERE r.end_at > ? AND r.start_at <= ? ORDER BY p.policy_domain, r.start_at, p.id`,
  failuresIn: `SELECT f.policy, f.result_type, f.sending_mta_ip, f.receiving_mx_hostname, f.receiving_ip, f.failed_session_count
               FROM tlsrpt_failures f JOIN tlsrpt_policies p ON p.id = f.policy JOIN tlsrpt_reports r ON r.id = p.report
               WHERE r.end_at > ? AND r.start_at <= ? ORDER BY f.policy, f.seq`,
  policiesOf: `SELECT p.id, r.organization, r.start_at, r.end_at, p.policy_type, p.policy_domain, p.mx_hosts, p.success_count, p.failure_count
               FROM tlsrpt_policies p JOIN tlsrpt_reports r ON r.id = p.report
               WHERE r.end_at > ? AND r.start_at <= ? AND p.policy_domain = ? ORDER BY r.start_at, p.id`,
  failuresOf: `SELECT f.policy, f.result_type, f.sending_mta_ip, f.receiving_mx_hostname, f.receiving_ip, f.failed_session_count
               FROM tlsrpt_failures f JOIN tlsrpt_policies p ON p.id = f.policy JOIN tlsrpt_reports r ON r.id = p.report
               WHERE r.end_at > ? AND r.start_at <= ? AND p.policy_domain = ? ORDER BY f.policy, f.seq`,
  count: 'SELECT COUNT(*) AS n FROM tlsrpt_reports',
});

/** Saves a batch in one transaction; returns how many were new (the rest were already stored). */
export function saveReports(db: Database.Database, reports: readonly { report: TlsRptReport; source: string }[], importedAt = new Date().toISOString()): { added: number; duplicates: number } {
  const s = statements(db);
  let added = 0;
  db.transaction(() => {
    for (const { report: r, source } of reports) {
      const info = s.insertReport.run(r.organization, r.reportId, r.contact ?? null, r.start, r.end, source, importedAt);
      if (info.changes === 0) continue;
      added++;
      const reportRow = Number(info.lastInsertRowid);
      r.policies.forEach((p, i) => {
        const policyRow = Number(s.insertPolicy.run(reportRow, i, p.type, p.domain, JSON.stringify(p.strings), JSON.stringify(p.mxHosts), p.successful, p.failed).lastInsertRowid);
        p.failures.forEach((f, j) => s.insertFailure.run(policyRow, j, f.resultType, f.sendingMtaIp ?? null, f.receivingMx ?? null, f.receivingHelo ?? null,
          f.receivingIp ?? null, f.sessions, f.additionalInformation ?? null, f.failureReasonCode ?? null));
      });
    }
  })();
  return { added, duplicates: reports.length - added };
}

export function reportCount(db: Database.Database): number {
  return (statements(db).count.get() as { n: number }).n;
}

interface PolicyRow { id: number; organization: string; start_at: string; end_at: string; policy_type: ObservedPolicy['type']; policy_domain: string; mx_hosts: string; success_count: number; failure_count: number }
interface FailureRow { policy: number; result_type: string; sending_mta_ip: string | null; receiving_mx_hostname: string | null; receiving_ip: string | null; failed_session_count: number }

function assemble(policies: Iterable<PolicyRow>, failures: Iterable<FailureRow>): ObservedPolicy[] {
  const byId = new Map<number, ObservedPolicy>();
  for (const row of policies) {
    byId.set(row.id, {
      organization: row.organization, start: row.start_at, end: row.end_at, type: row.policy_type, domain: row.policy_domain,
      mxHosts: JSON.parse(row.mx_hosts) as string[], successful: row.success_count, failed: row.failure_count, failures: [],
    });
  }
  for (const f of failures) {
    byId.get(f.policy)?.failures.push({ resultType: f.result_type, sendingMtaIp: f.sending_mta_ip, receivingMx: f.receiving_mx_hostname, receivingIp: f.receiving_ip, sessions: f.failed_session_count });
  }
  return [...byId.values()];
}

/** Every policy of every report whose date range overlaps [from, to) (ISO 8601 UTC). */
export function observedPolicies(db: Database.Database, from: string, to: string): ObservedPolicy[] {
  const s = statements(db);
  return assemble(s.policiesIn.iterate(from, to) as Iterable<PolicyRow>, s.failuresIn.iterate(from, to) as Iterable<FailureRow>);
}

/** The same for one policy domain (as reported: RFC 8460 §4.4 `policy-domain`). */
export function observedPoliciesOf(db: Database.Database, domain: string, from: string, to: string): ObservedPolicy[] {
  const s = statements(db);
  return assemble(s.policiesOf.iterate(from, to, domain) as Iterable<PolicyRow>, s.failuresOf.iterate(from, to, domain) as Iterable<FailureRow>);
}
