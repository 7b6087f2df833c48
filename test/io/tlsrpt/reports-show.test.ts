/**
 * The TLS-RPT comparison where people read it: the app's backend channels (import through the open dialog's
 * grant or dropped bytes, the estate and domain views), the workbook's TLS-RPT sheet and the PDF's section.
 * The lab's domains are audited through real sockets into a real SQLite file; their senders' reports come
 * from the lab's own configuration (test/lab/tlsrpt-inbox.ts). Before any report is imported, neither the
 * sheet nor the section exists.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type Database from 'better-sqlite3';
import { createBackend, createMemorySettingsStore, type Backend } from '../../../electron/handlers';
import { openDatabase } from '../../../electron/store/db';
import { writeWorkbook } from '../../../electron/io/workbook';
import { writeEvidencePdf } from '../../../electron/io/evidence-pack';
import type { RequestName, RequestOutput } from '../../../shared/ipc';
import { auditLabInto, INBOX_REPORTS, writeInbox, type AuditedLab } from '../../lab/tlsrpt-inbox';
import { outPath, pdfPages, readWorkbook, run, sheetRows } from '../export/helpers';

let tmp: string;
let inbox: string;
let audited: AuditedLab;
let db: Database.Database;
let backend: Backend;
let picked: string[] | undefined;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-reports-show-'));
  const dbFile = path.join(tmp, 'audits.sqlite');
  audited = await auditLabInto(dbFile);
  inbox = path.join(tmp, 'inbox');
  writeInbox(inbox, audited.results);
  db = openDatabase(dbFile);
  backend = createBackend({
    db, dialogs: { openFile: async () => undefined, saveFile: async () => undefined, openReports: async () => picked },
    showItem: () => {}, emit: () => {}, settingsStore: createMemorySettingsStore(),
  });
}, 120_000);

afterAll(async () => {
  await backend?.stop();
  db?.close();
  await audited?.lab.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function call<K extends RequestName>(name: K, input: unknown): Promise<RequestOutput<K>> {
  const reply = await backend.dispatch(name, input);
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value as RequestOutput<K>;
}

describe('before any report is imported', () => {
  it('the views say so, and the workbook and PDF carry no TLS-RPT part', async () => {
    const estate = await call('reports:estate', { runId: audited.runId });
    expect(estate).toMatchObject({ storedReports: 0, domainsWithReports: 0, failing: [], days: 30 });
    expect(estate.trend).toHaveLength(31);
    const domain = await call('reports:domain', { runId: audited.runId, domain: 'mx-undeliverable.test' });
    expect(domain.correlation).toMatchObject({ reports: 0 });
    expect(domain.correlation!.rows.every((r) => r.class === 'no-reports')).toBe(true);

    const book = path.join(tmp, 'before.xlsx');
    await writeWorkbook(db, audited.runId, book);
    expect((await readWorkbook(book)).worksheets.map((w) => w.name)).not.toContain('TLS-RPT');
    const pdf = path.join(tmp, 'before.pdf');
    await writeEvidencePdf(db, audited.runId, pdf, { summaryOnly: true });
    expect(pdfPages(pdf).join('\n')).not.toContain("Senders' reports");
  }, 60_000);
});

describe('importing through the app backend', () => {
  it('refuses a path the open dialog did not grant, and bad input', async () => {
    const refused = await backend.dispatch('reports:import', { paths: [inbox] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(await backend.dispatch('reports:import', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await backend.dispatch('reports:estate', { runId: audited.runId, days: 0 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await backend.dispatch('reports:estate', { runId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    picked = undefined;
    expect(await call('dialog:openReports', { folder: true })).toBeNull();
  });

  it('imports the folder chosen in the dialog, then dropped files (a duplicate and a broken one)', async () => {
    picked = [inbox];
    const chosen = await call('dialog:openReports', { folder: true });
    expect(chosen).toEqual({ paths: [inbox] });
    expect(await call('reports:import', { paths: chosen!.paths })).toEqual({ reports: INBOX_REPORTS, added: INBOX_REPORTS, duplicates: 0, rejected: [] });
    const dropped = await call('reports:import', {
      files: [
        { name: 'enforce.json', bytes: new Uint8Array(fs.readFileSync(path.join(inbox, 'enforce.json'))) },
        { name: 'broken.json.gz', bytes: new Uint8Array(fs.readFileSync(path.join(inbox, 'mx-undeliverable-2.json.gz')).subarray(0, 40)) },
      ],
    });
    expect(dropped).toMatchObject({ reports: 1, added: 0, duplicates: 1, rejected: [{ source: 'broken.json.gz', reason: 'gzip data is truncated' }] });
  });
});

describe('after the import', () => {
  it('the estate view lists the domains with failures, worst first, the trend per day and the classes', async () => {
    const v = await call('reports:estate', { runId: audited.runId });
    expect(v).toMatchObject({ storedReports: INBOX_REPORTS, domainsWithReports: 6, auditedDomains: 7, failingTotal: 4 });
    expect(v.failing.map((d) => d.domain)).toEqual(['mx-undeliverable.test', 'host-not-found.test', 'starttls-expired.test', 'testing.test']);
    expect(v.failing[0]!.failedSessions).toBe(3 * (411 + 20 + 5));
    // Each mx-undeliverable report counts on the day it starts.
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const trend = new Map(v.trend.map((d) => [d.day, d]));
    expect(trend.get(day(2))!.failed).toBe(1233);
    expect(trend.get(day(4))!.failed).toBe(60);
    expect(trend.get(day(6))!.failed).toBe(15);
    expect(v.trend.reduce((s, d) => s + d.failed, 0)).toBe(v.failedSessions);
    expect(v.classCounts).toMatchObject({ agrees: 3, 'observed-not-predicted': 1, 'predicted-not-observed': 1 });
    expect(v.byResultType[0]).toEqual({ resultType: 'certificate-host-mismatch', sessions: 1308 });
    expect(v.outside).toEqual([{ domain: 'elsewhere.example', reports: 1, successfulSessions: 5, failedSessions: 0, resultTypes: [] }]);
    // A shorter period keeps only what falls in it.
    const week = await call('reports:estate', { runId: audited.runId, days: 3 });
    expect(week.failing[0]!.failedSessions).toBe(1233);
  });

  it('the domain view puts each MX next to its reports, with the sending MTAs of a surprise', async () => {
    const bad = await call('reports:domain', { runId: audited.runId, domain: 'mx-undeliverable.test' });
    expect(bad.correlation!.rows.find((r) => r.mx === 'badcert.provider.test')).toMatchObject({ class: 'agrees', text: expect.stringContaining('1,308 failed sessions of certificate-host-mismatch from 3 senders') });
    const testing = await call('reports:domain', { runId: audited.runId, domain: 'testing.test' });
    expect(testing.correlation!.rows.find((r) => r.mx === 'mx9.testing.test')).toMatchObject({ class: 'observed-not-predicted', inAudit: false, observed: [{ senders: ['192.0.2.10'], receivingIps: ['203.0.113.9'] }] });
    expect(testing.byResultType).toEqual([{ resultType: 'starttls-not-supported', sessions: 12 }]);
    const quiet = await call('reports:domain', { runId: audited.runId, domain: 'starttls-not-offered.test' });
    expect(quiet.correlation!.rows.find((r) => r.mx === 'nostarttls.mx.test')).toMatchObject({ class: 'predicted-not-observed' });
  });

  it('the workbook has a TLS-RPT sheet of values: per domain and MX the prediction, the observation, the class and counts', async () => {
    const file = outPath('tlsrpt.xlsx');
    await writeWorkbook(db, audited.runId, file);
    const wb = await readWorkbook(file);
    const rows = sheetRows(wb, 'TLS-RPT');
    expect(rows[0]!.slice(0, 6)).toEqual(['Domain', 'Mail host', 'Comparison', 'The audit predicts', 'Undeliverable for a strict sender', 'Failed sessions reported']);
    const row = (domain: string, mx: string) => rows.find((r) => r[0] === domain && r[1] === mx)!;
    expect(row('mx-undeliverable.test', 'badcert.provider.test').slice(2, 7)).toEqual(['agrees', 'MX certificate does not match the MX host name', 'yes', 1308, 'certificate-host-mismatch: 1308']);
    expect(row('testing.test', 'mx9.testing.test')[2]).toBe('not predicted');
    expect(row('testing.test', 'mx9.testing.test')[7]).toBe('192.0.2.10');
    expect(row('starttls-not-offered.test', 'nostarttls.mx.test')[2]).toBe('not observed');
    expect(row('enforce.test', 'mx1.provider.test')[2]).toBe('healthy');
    expect(row('elsewhere.example', undefined as unknown as string)[2]).toBe('not in this audit');
    expect(rows.some((r) => r[0] === 'absent.test')).toBe(false);
    // The reporter's formula-like name is a string cell, never a formula.
    const hostile = row('host-not-found.test', 'the policy (whole domain)');
    expect(hostile[8]).toBe('=HYPERLINK("http://evil.example","x")');
    let formulas = 0;
    wb.getWorksheet('TLS-RPT')!.eachRow((r) => r.eachCell((c) => { if (c.type === ExcelJS.ValueType.Formula) formulas++; }));
    expect(formulas).toBe(0);
    expect(sheetRows(wb, 'Summary').some((r) => r[0] === 'TLS-RPT')).toBe(true);
  }, 60_000);

  it('the PDF has a section with the comparison and a bar chart; a page of it is rendered for a person to look at', async () => {
    const file = outPath('tlsrpt.pdf');
    await writeEvidencePdf(db, audited.runId, file, { summaryOnly: true });
    const pages = pdfPages(file);
    expect(pages[1]).toContain("Senders' reports (TLS-RPT)");
    const at = pages.findIndex((p) => /Senders' reports \(TLS-RPT\)\s*\n[\s\S]*Sending mail servers/.test(p));
    expect(at).toBeGreaterThan(1);
    const section = pages.slice(at).join('\n');
    expect(section).toContain('Mail hosts per comparison');
    expect(section).toMatch(/cover 6 of the\s+audited domains: [\d,]+ successful sessions and [\d,]+ failed/);
    expect(section).toMatch(/badcert\.provider\.test\s+agrees/);
    expect(section).toMatch(/mx9\.testing\.test\s+not predicted/);
    expect(section).toContain('certificate-host-mismatch');
    expect(section).toContain('elsewhere.example: 1 report(s), 5 ok, 0 failed');
    run('pdftoppm', ['-png', '-r', '60', '-f', String(at + 1), '-l', String(at + 2), file, outPath('tlsrpt-section')]);
    expect(fs.readdirSync(path.dirname(outPath('x'))).filter((f) => f.startsWith('tlsrpt-section')).length).toBeGreaterThan(0);
  }, 60_000);
});
