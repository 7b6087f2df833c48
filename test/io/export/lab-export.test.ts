/**
 * Exports end to end, from a real audit: the lab estate is audited through the real sockets into a SQLite
 * file, then the CLI's `export` writes the workbook, the PDF and the bundle. What a client receives is read
 * back with exceljs, pdftotext, unzip and `sha256sum -c`, and compared with what the store holds.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../../electron/store/db';
import { iterateResults } from '../../../electron/store/results';
import { executeRun, startNewRun } from '../../../electron/run-service';
import { CATALOGUE, severityRank } from '../../../shared/findings';
import type { DomainResult, Finding } from '../../../shared/types';
import { plainText } from '../../../shared/plain-language';
import { startLab, type Lab } from '../../../electron/lab/lab';
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from '../../../electron/lab/estate';
import { runBin } from '../../cli/run-bin';
import { pdfText, readWorkbook, sheetRows } from './helpers';

/** A cross-section of the estate: healthy, broken policy hosts, STARTTLS and DANE defects, no mail. */
const PICK = [
  'enforce.test', 'testing.test', 'absent.test', 'policy-syntax.test', 'cert-expired.test', 'mx-none-deliverable.test',
  'starttls-not-offered.test', 'dane-ee.test', 'dane-nomatch.test', 'null-mx.test', 'tlsrpt-uri-invalid.test',
];

let lab: Lab;
let tmp: string;
let dbFile: string;
let db: Database.Database;
let runId: number;

beforeAll(async () => {
  lab = await startLab({ domains: ENGINE_DOMAINS, mxHosts: BASE_MX_HOSTS });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-lab-export-'));
  dbFile = path.join(tmp, 'audits.sqlite');
  db = openDatabase(dbFile);
  const run = startNewRun(db, {
    name: 'Lab estate Q4', client: 'Example Holdings', source: 'lab.csv', settings: lab.settings,
    domains: PICK.map((d, i) => ({ input: d, domain: d, tags: { Owner: `team-${i % 3}` } })),
  });
  runId = run.id;
  await executeRun(db, runId, { concurrency: 8 });
}, 120_000);

afterAll(async () => {
  db?.close();
  await lab?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('exports of a real lab audit', () => {
  it('writes workbook, PDF and bundle through the CLI, and the bundle verifies', async () => {
    const out = (n: string) => path.join(tmp, n);
    const { code, stdout, stderr } = await runBin(['export', String(runId), '--db', dbFile, '--xlsx', out('audit.xlsx'), '--pdf', out('audit.pdf'), '--bundle', out('audit.zip'), '--auditor', 'A. Auditor'], '', { XDG_CONFIG_HOME: path.join(tmp, 'config') });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(out('audit.pdf'));
    const unzipped = out('bundle');
    execFileSync('unzip', ['-q', out('audit.zip'), '-d', unzipped]);
    expect(execFileSync('sha256sum', ['-c', 'manifest.sha256'], { cwd: unzipped, encoding: 'utf8' })).not.toMatch(/FAILED/);
    const evidence = JSON.parse(fs.readFileSync(path.join(unzipped, 'evidence.json'), 'utf8'));
    expect(JSON.stringify(evidence)).toContain('mx-none-deliverable.test');
  }, 120_000);

  it('puts every stored domain and finding in the workbook, with the catalogue text', async () => {
    const wb = await readWorkbook(path.join(tmp, 'audit.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Summary', 'Domains', 'Findings', 'MX hosts', 'Evidence']));
    const stored = [...iterateResults(db, runId)].map((i) => i.result);
    const domains = sheetRows(wb, 'Domains');
    const header = domains[0] as string[];
    const byDomain = new Map(domains.slice(1).map((row) => [row[0], row]));
    for (const r of stored) {
      const row = byDomain.get(r.domain)!;
      expect(row, r.domain).toBeDefined();
      expect(row[header.indexOf('Owner')]).toMatch(/^team-\d$/);
    }
    // The posture column shows what the engine decided for the domain.
    expect(String(byDomain.get('mx-none-deliverable.test')![header.indexOf('Posture')])).toMatch(/enforce/i);
    expect(String(byDomain.get('null-mx.test')![header.indexOf('Posture')])).toMatch(/no mail/i);

    const findings = sheetRows(wb, 'Findings');
    const fh = findings[0] as string[];
    const facts = sheetRows(wb, 'Facts');
    const th = facts[0] as string[];
    const all = stored.flatMap((r) => r.findings);
    expect(findings.length - 1).toBe(all.filter((f) => f.severity !== 'info').length);
    expect(facts.length - 1).toBe(all.filter((f) => f.severity === 'info').length);
    // Exactly the stored findings (read from the findings table), domain by domain in import order: defects
    // worst first on Findings, info facts in the engine's order on Facts.
    const row = (f: Finding, r: DomainResult) => [r.domain || r.input, f.code, f.message, f.subject ?? null];
    const expected = stored.flatMap((r) => r.findings.filter((f) => f.severity !== 'info')
      .sort((a, b) => severityRank(a.severity) - severityRank(b.severity)).map((f) => [...row(f, r), f.line ?? null]));
    const listed = findings.slice(1).map((x) => [
      x[fh.indexOf('Domain')], x[fh.indexOf('Code')], x[fh.indexOf('Detail')], x[fh.indexOf('Subject')] ?? null, x[fh.indexOf('Policy line')] ?? null,
    ]);
    expect(listed).toEqual(expected);
    const expectedFacts = stored.flatMap((r) => r.findings.filter((f) => f.severity === 'info').map((f) => row(f, r)));
    expect(facts.slice(1).map((x) => [x[th.indexOf('Domain')], x[th.indexOf('Code')], x[th.indexOf('Detail')], x[th.indexOf('Subject')] ?? null])).toEqual(expectedFacts);
    const crit = findings.find((row) => row[fh.indexOf('Code')] === 'MTASTS_MX_NONE_DELIVERABLE')!;
    expect(crit[fh.indexOf('Problem')]).toBe(plainText('MTASTS_MX_NONE_DELIVERABLE').title);
    expect(String(crit[fh.indexOf('Severity')])).toMatch(/critical/i);

    const mx = sheetRows(wb, 'MX hosts').map((row) => row.join(' '));
    expect(mx.some((line) => line.includes('nostarttls.mx.test'))).toBe(true);
  });

  it('tells the story in the PDF: scope, figures, the critical findings, and per-domain evidence', () => {
    const text = pdfText(path.join(tmp, 'audit.pdf')).replace(/\s+/g, ' ');
    for (const expected of ['Lab estate Q4', 'Example Holdings', 'A. Auditor', plainText('MTASTS_MX_NONE_DELIVERABLE').title, plainText('DANE_TLSA_NO_MATCH').title, 'dane-nomatch.test']) {
      expect(text, expected).toContain(expected);
    }
    // The policy body's SHA-256 of a domain is printed, as stored.
    const enforce = [...iterateResults(db, runId)].find((i) => i.result.domain === 'enforce.test')!.result;
    expect(text).toContain(enforce.policy!.sha256!.slice(0, 32));
  });
});
