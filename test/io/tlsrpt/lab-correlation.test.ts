/**
 * The lab's domains audited through real sockets, their senders' TLS-RPT reports generated from the lab's
 * own configuration (test/lab/tlsrpt-reports.ts), mailed and filed the ways a consultant receives them, then
 * imported with the CLI into a real SQLite file: each domain and MX must land in the right correlation class.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainResult } from '../../../shared/types';
import { auditDomain } from '../../../electron/engine/audit-domain';
import { createAuditContext } from '../../../electron/engine/context';
import { mapLimit } from '../../../electron/engine/concurrency';
import { openDatabase } from '../../../electron/store/db';
import { createRun, pendingDomains } from '../../../electron/store/runs';
import { saveResult } from '../../../electron/store/results';
import { main } from '../../../electron/cli';
import type { Correlation } from '../../../electron/engine/tlsrpt/correlate';
import { DEFAULT_SETTINGS } from '../../../shared/types';
import { startLab, type Lab } from '../../../electron/lab/lab';
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from '../../../electron/lab/estate';
import { asEmail, senderReport, type ReportOptions } from '../../lab/tlsrpt-reports';

const NAMES = ['enforce.test', 'testing.test', 'multi-string.test', 'policy-crlf.test', 'mx-undeliverable.test', 'starttls-expired.test',
  'starttls-not-offered.test', 'host-not-found.test', 'absent.test'];
const SPECS = ENGINE_DOMAINS.filter((d) => NAMES.includes(d.name));

let lab: Lab;
let tmp: string;
let dbFile: string;
const results = new Map<string, DomainResult>();

function collect(): { stream: Writable; text: () => string } {
  let text = '';
  return { stream: new Writable({ write(c, _e, cb) { text += String(c); cb(); } }), text: () => text };
}

beforeAll(async () => {
  lab = await startLab({ domains: SPECS, mxHosts: BASE_MX_HOSTS });
  const ctx = createAuditContext(lab.settings);
  await mapLimit(SPECS, 16, async (d) => {
    results.set(d.name, await auditDomain(d.name, ctx));
  });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-tlsrpt-'));
  dbFile = path.join(tmp, 'audits.sqlite');
  const db = openDatabase(dbFile);
  const run = createRun(db, { name: 'lab', source: 'lab', settings: DEFAULT_SETTINGS, toolVersion: 'test', resolver: 'lab', domains: SPECS.map((s) => ({ input: s.name, domain: s.name, tags: {} })) });
  for (const d of pendingDomains(db, run.id)) saveResult(db, run.id, d.runDomainId, results.get(d.domain)!);
  db.close();
}, 120_000);

afterAll(async () => {
  await lab?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const yesterday = () => new Date(Date.now() - 86_400_000);
const report = (name: string, o: Partial<ReportOptions> = {}) =>
  senderReport(SPECS.find((s) => s.name === name)!, BASE_MX_HOSTS, results.get(name)!, { organization: 'Mail Giant Inc.', day: yesterday(), ...o });

describe('lab reports next to the lab audit', () => {
  let summary: Correlation & { run: number };

  beforeAll(async () => {
    const inbox = path.join(tmp, 'inbox');
    fs.mkdirSync(path.join(inbox, 'Maildir', 'cur'), { recursive: true });
    // As a consultant gets them: a JSON file, a gzip file, mails (base64, quoted-printable), an mbox, a Maildir.
    fs.writeFileSync(path.join(inbox, 'enforce.json'), JSON.stringify(report('enforce.test')));
    fs.writeFileSync(path.join(inbox, 'mx-undeliverable.json.gz'), zlib.gzipSync(JSON.stringify(report('mx-undeliverable.test', { sessionsPerSender: 411 }))));
    fs.writeFileSync(path.join(inbox, 'expired.eml'), asEmail(report('starttls-expired.test')));
    fs.writeFileSync(path.join(inbox, 'Maildir', 'cur', '1733400000.M1P2.lab:2,S'), asEmail(report('host-not-found.test'), 'quoted-printable'));
    const mbox = [
      report('starttls-not-offered.test', { notEnforcing: true }),
      report('testing.test', { extra: [{ resultType: 'starttls-not-supported', mx: 'mx9.testing.test', receivingIp: '203.0.113.9', sessions: 12 }] }),
      report('multi-string.test', { extra: [{ resultType: 'certificate-not-trusted', mx: 'mx1.provider.test', receivingIp: '203.0.113.66', sessions: 40, sender: '198.51.100.25' }] }),
      report('policy-crlf.test', { extra: [{ resultType: 'validation-failure', mx: 'mx1.provider.test', receivingIp: results.get('policy-crlf.test')!.mx[0]!.addresses[0], sessions: 3 }] }),
      { ...report('enforce.test'), 'report-id': 'elsewhere', policies: [{ policy: { 'policy-type': 'sts', 'policy-domain': 'elsewhere.example' }, summary: { 'total-successful-session-count': 5, 'total-failure-session-count': 0 } }] },
    ].map((r) => `From tlsrpt@sender.example Sat Dec  5 10:00:00 2026\n${asEmail(r).toString('latin1').replace(/\r\n/g, '\n')}\n`).join('');
    fs.writeFileSync(path.join(inbox, 'reports.mbox'), mbox);

    const out = collect();
    const err = collect();
    expect(await main(['reports', 'import', inbox, '--db', dbFile], out.stream, err.stream), out.text() + err.text()).toBe(0);
    expect(out.text()).toMatch(/^9 reports read: 9 added, 0 already stored; 0 rejected/);
    // Importing the same mail again stores nothing new.
    const again = collect();
    expect(await main(['reports', 'import', path.join(inbox, 'reports.mbox'), '--db', dbFile], again.stream, err.stream)).toBe(0);
    expect(again.text()).toMatch(/^5 reports read: 0 added, 5 already stored/);

    const json = collect();
    expect(await main(['reports', 'summary', '--json', '--db', dbFile], json.stream, err.stream), err.text()).toBe(0);
    summary = JSON.parse(json.text());
  }, 60_000);

  const row = (domain: string, mx: string | null) => summary.domains.find((d) => d.domain === domain)!.rows.find((r) => r.mx === mx);

  it('confirms the predicted failures senders saw (agrees)', () => {
    const bad = row('mx-undeliverable.test', 'badcert.provider.test')!;
    expect(bad).toMatchObject({ class: 'agrees', undeliverable: true });
    expect(bad.predicted.map((p) => p.code)).toContain('STARTTLS_CERT_NAME_MISMATCH');
    expect(bad.observed).toMatchObject([{ resultType: 'certificate-host-mismatch', sessions: 1233, senders: ['192.0.2.10', '192.0.2.11', '2001:db8:25::1'] }]);
    expect(bad.text).toBe('badcert.provider.test: MX certificate does not match the MX host name — 1,233 failed sessions of certificate-host-mismatch from 3 senders');
    expect(row('starttls-expired.test', 'expired.mx.test')).toMatchObject({ class: 'agrees', observed: [{ resultType: 'certificate-expired', sessions: 300 }] });
    expect(row('host-not-found.test', null)).toMatchObject({ class: 'agrees', predicted: [{ code: 'MTASTS_HTTPS_HOST_NOT_FOUND', resultTypes: ['sts-policy-fetch-error'] }], observed: [{ resultType: 'sts-policy-fetch-error', sessions: 300 }] });
  });

  it('says when a predicted failure was not observed, and when the MX is healthy both ways', () => {
    expect(row('starttls-not-offered.test', 'nostarttls.mx.test')).toMatchObject({ class: 'predicted-not-observed', predicted: [{ code: 'STARTTLS_NOT_OFFERED' }] });
    for (const d of ['enforce.test', 'starttls-not-offered.test', 'mx-undeliverable.test', 'host-not-found.test']) expect(row(d, 'mx1.provider.test')?.class, d).toBe('healthy');
    expect(summary.domains.find((d) => d.domain === 'enforce.test')!.rows.map((r) => r.class)).toEqual(['healthy', 'healthy']);
  });

  it('names the cause of failures the audit did not predict: an MX outside the audit, a strange address, a transient', () => {
    expect(row('testing.test', 'mx9.testing.test')).toMatchObject({ class: 'observed-not-predicted', inAudit: false });
    expect(row('testing.test', 'mx9.testing.test')!.text).toMatch(/^mx9\.testing\.test: not an MX the audit found — 12 failed sessions of starttls-not-supported from 1 sender \(192\.0\.2\.10\) on \d{4}-\d\d-\d\d \(an old or changed MX record, or a forged answer in the path\)$/);
    expect(row('multi-string.test', 'mx1.provider.test')!.text).toMatch(/at 203\.0\.113\.66, an address the audit did not resolve \(a DNS change, or an attack in the path\)/);
    expect(row('multi-string.test', 'mx1.provider.test')!.observed[0]!.senders).toEqual(['198.51.100.25']);
    expect(row('policy-crlf.test', 'mx1.provider.test')).toMatchObject({ class: 'observed-not-predicted' });
    expect(row('policy-crlf.test', 'mx1.provider.test')!.text).toMatch(/^mx1\.provider\.test: not predicted — 3 failed sessions of validation-failure from 1 sender \(192\.0\.2\.10\) on \S+ \(a transient fault, or an attack in the path\)$/);
  });

  it('marks domains without reports, and lists reports for other domains apart', () => {
    expect(summary.domains.find((d) => d.domain === 'absent.test')).toMatchObject({ reports: 0, rows: [{ mx: 'mx1.provider.test', class: 'no-reports' }, { mx: 'mx2.provider.test', class: 'no-reports' }] });
    expect(summary.outside).toEqual([{ domain: 'elsewhere.example', reports: 1, successfulSessions: 5, failedSessions: 0, resultTypes: [] }]);
  });

  it('prints the same comparison as text, and a shorter period leaves the reports out', async () => {
    const out = collect();
    expect(await main(['reports', 'summary', '--db', dbFile], out.stream, collect().stream)).toBe(0);
    expect(out.text()).toMatch(/agrees +badcert\.provider\.test: .*1,233 failed sessions of certificate-host-mismatch from 3 senders/);
    expect(out.text()).toMatch(/reports for domains not in this audit:\n {2}elsewhere\.example {2}1 report, 5 ok, 0 failed\n$/);
    // Reports dated yesterday (start) to yesterday 23:59:59 (end) still overlap a one-day window ending now.
    const narrow = collect();
    expect(await main(['reports', 'summary', '--days', '1', '--json', '--db', dbFile], narrow.stream, collect().stream)).toBe(0);
    expect(JSON.parse(narrow.text()).domains.find((d: { domain: string }) => d.domain === 'mx-undeliverable.test').reports).toBe(1);
  });

  it('exits 1 naming each rejected file, its untrusted name made harmless; bad arguments exit 2', async () => {
    const bad = path.join(tmp, 'bad');
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, 'evil\u001b[31m.json'), '{"organization-name": 1}');
    const out = collect();
    expect(await main(['reports', 'import', bad, '--db', dbFile], out.stream, collect().stream)).toBe(1);
    expect(out.text()).toContain('0 reports read: 0 added, 0 already stored; 1 rejected\n  rejected ');
    expect(out.text()).toContain('evil?[31m.json: not an RFC 8460 report: organization-name: ');
    expect(out.text()).not.toContain('\u001b');
    const json = collect();
    expect(await main(['reports', 'import', bad, '--json', '--db', dbFile], json.stream, collect().stream)).toBe(1);
    expect(JSON.parse(json.text())).toMatchObject({ reports: 0, added: 0, duplicates: 0, rejected: [{ reason: expect.stringMatching(/^not an RFC 8460 report: organization-name/) }] });
    const named = collect();
    expect(await main(['reports', 'summary', '--run', '1', '--json', '--db', dbFile], named.stream, collect().stream)).toBe(0);
    expect(JSON.parse(named.text())).toMatchObject({ run: 1, outside: [{ domain: 'elsewhere.example' }] });
    for (const args of [['reports'], ['reports', 'import'], ['reports', 'summary', '--days', '0'], ['reports', 'summary', '--run', '99']]) {
      const err = collect();
      expect(await main([...args, '--db', dbFile], collect().stream, err.stream), args.join(' ')).toBe(2);
      expect(err.text()).toMatch(/^error: /);
    }
  });
});
