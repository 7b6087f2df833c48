/**
 * A lab estate audited through real sockets into a real SQLite file, and its senders' reports filed as a
 * consultant receives them (JSON, gzip, mail, mbox), over several days: the fixture the app, workbook and
 * PDF tests of the TLS-RPT comparison share. The reports come from the lab's own configuration
 * (tlsrpt-reports.ts), not from the audit's findings.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { DomainResult } from '../../shared/types';
import { auditDomain } from '../../electron/engine/audit-domain';
import { createAuditContext } from '../../electron/engine/context';
import { mapLimit } from '../../electron/engine/concurrency';
import { openDatabase } from '../../electron/store/db';
import { createRun, pendingDomains, setRunState } from '../../electron/store/runs';
import { saveResult } from '../../electron/store/results';
import { startLab, type Lab } from '../../electron/lab/lab';
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from '../../electron/lab/estate';
import { asEmail, senderReport, type ReportOptions } from './tlsrpt-reports';

/** One domain per correlation class, and a policy-level failure. */
export const REPORT_DOMAINS = ['enforce.test', 'testing.test', 'mx-undeliverable.test', 'starttls-expired.test', 'starttls-not-offered.test', 'host-not-found.test', 'absent.test'];

export interface AuditedLab { lab: Lab; results: Map<string, DomainResult>; runId: number }

/** Audits `names` in the lab and stores them as one completed run in `dbFile`. */
export async function auditLabInto(dbFile: string, names = REPORT_DOMAINS): Promise<AuditedLab> {
  const specs = ENGINE_DOMAINS.filter((d) => names.includes(d.name));
  const lab = await startLab({ domains: specs, mxHosts: BASE_MX_HOSTS });
  const ctx = createAuditContext(lab.settings);
  const results = new Map<string, DomainResult>();
  await mapLimit(specs, 8, async (d) => {
    results.set(d.name, await auditDomain(d.name, ctx));
  });
  const db = openDatabase(dbFile);
  const run = createRun(db, { name: 'Lab estate', source: 'lab', settings: lab.settings, toolVersion: 'test', resolver: 'lab', domains: specs.map((s) => ({ input: s.name, domain: s.name, tags: {} })) });
  for (const d of pendingDomains(db, run.id)) saveResult(db, run.id, d.runDomainId, results.get(d.domain)!);
  setRunState(db, run.id, 'completed', new Date().toISOString());
  db.close();
  return { lab, results, runId: run.id };
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

/**
 * Writes the senders' reports for the audited lab into `dir` (created): mx-undeliverable.test failing on
 * three days (1,233 sessions the day before yesterday), the rest of the classes yesterday, and one report
 * for a domain outside the audit. The organisation of one report is formula-like text, to prove it stays inert.
 */
export function writeInbox(dir: string, results: Map<string, DomainResult>): void {
  const specs = ENGINE_DOMAINS.filter((d) => results.has(d.name));
  const report = (name: string, o: Partial<ReportOptions> = {}) =>
    senderReport(specs.find((s) => s.name === name)!, BASE_MX_HOSTS, results.get(name)!, { organization: 'Mail Giant Inc.', day: daysAgo(1), ...o });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'enforce.json'), JSON.stringify(report('enforce.test')));
  for (const [i, per] of [[2, 411], [4, 20], [6, 5]] as const) {
    fs.writeFileSync(path.join(dir, `mx-undeliverable-${i}.json.gz`), zlib.gzipSync(JSON.stringify(report('mx-undeliverable.test', { day: daysAgo(i), sessionsPerSender: per }))));
  }
  fs.writeFileSync(path.join(dir, 'expired.eml'), asEmail(report('starttls-expired.test', { organization: 'Outlookish Ltd' })));
  const hostile = { ...report('host-not-found.test'), 'organization-name': '=HYPERLINK("http://evil.example","x")', 'report-id': 'hostile-org' };
  const mbox = [
    report('starttls-not-offered.test', { notEnforcing: true }),
    report('testing.test', { extra: [{ resultType: 'starttls-not-supported', mx: 'mx9.testing.test', receivingIp: '203.0.113.9', sessions: 12 }] }),
    hostile,
    { ...report('enforce.test'), 'report-id': 'elsewhere', policies: [{ policy: { 'policy-type': 'sts', 'policy-domain': 'elsewhere.example' }, summary: { 'total-successful-session-count': 5, 'total-failure-session-count': 0 } }] },
  ].map((r) => `From tlsrpt@sender.example Sat Dec  5 10:00:00 2026\n${asEmail(r).toString('latin1').replace(/\r\n/g, '\n')}\n`).join('');
  fs.writeFileSync(path.join(dir, 'reports.mbox'), mbox);
}

/** Reports in the inbox, as `reports import` counts them. */
export const INBOX_REPORTS = 9;
