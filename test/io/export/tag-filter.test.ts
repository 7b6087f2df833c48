/**
 * Exports filtered by tag (one owner's workbook): the workbook, the PDF and the bundle of a stored run hold
 * exactly the domains the results table lists under the same tag filter, and their Summaries say the filter
 * with its counts. Real SQLite file, real writers, files read back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/types';
import { dataFolderSigningKey } from '../../../electron/io/bundle/signing-key';
import { writeBundle } from '../../../electron/io/bundle/write-bundle';
import { writeEvidencePdf } from '../../../electron/io/evidence-pack';
import { writeWorkbook } from '../../../electron/io/workbook';
import { openDatabase } from '../../../electron/store/db';
import { listResults } from '../../../electron/store/result-list';
import { createRun, pendingDomains } from '../../../electron/store/runs';
import { saveResult } from '../../../electron/store/results';
import type { ReportItem } from '../../../electron/io/report/source';
import { exportRun, parseTagOption } from '../../../electron/cli/export';
import { PassThrough } from 'node:stream';
import { estate, makeResult } from './fixtures';
import { outPath, pdfText, readWorkbook, run, sheetRows } from './helpers';

let dir: string;
let db: Database.Database;

function storeRun(items: ReportItem[], name: string, save = items.length): number {
  const info = createRun(db, {
    name, client: 'Example Holdings plc', source: 'estate.csv', settings: DEFAULT_SETTINGS,
    toolVersion: '0.1.0', resolver: '192.0.2.53', domains: items.map((i) => ({ input: i.result.input, domain: i.result.domain, tags: i.tags })),
  });
  const pending = pendingDomains(db, info.id).slice(0, save);
  pending.forEach((d, i) => saveResult(db, info.id, d.runDomainId, items[i]!.result));
  return info.id;
}

// Owner is set on even rows only (team-0 … team-6), so "without Owner" is a real group. The last two rows
// list one domain twice with different owners: the filter picks the row, not the name.
const twice = 'twice.example.com';
const current: ReportItem[] = [
  ...estate(30),
  { result: makeResult(twice), tags: { Owner: 'Sales' } },
  { result: makeResult(twice), tags: { Owner: 'Finance' } },
  { result: makeResult('sales-only.example.com'), tags: { Owner: 'Sales', 'Business unit': 'Retail' } },
];
// In the earlier audit d00004 belonged to Sales and a Sales domain has since left the list.
const earlier: ReportItem[] = [
  ...estate(30).map((item, i) => (i === 4 ? { ...item, tags: { Owner: 'Sales' } } : item)),
  { result: makeResult('gone.example.com'), tags: { Owner: 'Sales' } },
  { result: makeResult('gone-other.example.com'), tags: { Owner: 'Finance' } },
];
let runId: number;

/** What the results table lists under a tag filter, in import order of the labels. */
function tableDomains(tag: { name: string; value: string }): string[] {
  return listResults(db, runId, { offset: 0, limit: 1000, tag }).rows.map((r) => r.domain).sort();
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-tag-'));
  db = openDatabase(path.join(dir, 'audits.sqlite'));
  storeRun(earlier, 'Q4 review');
  runId = storeRun(current, 'Q1 estate review');
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('exports filtered by tag', () => {
  it('the workbook of one owner holds exactly the domains the table shows for that owner', async () => {
    const tag = { name: 'Owner', value: 'Sales' };
    const file = outPath('tag-sales.xlsx');
    await writeWorkbook(db, runId, file, { tag });
    const wb = await readWorkbook(file);
    const domains = sheetRows(wb, 'Domains').slice(1);
    expect(domains.map((r) => r[0]).sort()).toEqual(tableDomains(tag));
    expect(domains.map((r) => r[0]).sort()).toEqual(['sales-only.example.com', twice]);
    // The Sales row of the domain listed twice, never its Finance row.
    const owner = sheetRows(wb, 'Domains')[0]!.indexOf('Owner');
    expect(domains.map((r) => r[owner])).toEqual(['Sales', 'Sales']);
    const summary = sheetRows(wb, 'Summary').map((r) => r.filter((c) => c !== null && c !== undefined).join(' | '));
    expect(summary).toContain('Domains tagged Owner = Sales: 2 of 33; every figure counts these domains only.');
    expect(summary.some((l) => l.startsWith('All domains audited | 2'))).toBe(true);
    // Changes: this audit's Sales domains, and the Sales domain that left the list; not d00004 (Sales only before).
    const changes = sheetRows(wb, 'Changes').slice(1).map((r) => r[0]);
    expect(changes).toContain('gone.example.com');
    expect(changes).not.toContain('gone-other.example.com');
    expect(changes).not.toContain('d00004.example.com');
  });

  it('the value "" exports the rows without the tag, as the table does', async () => {
    const tag = { name: 'Owner', value: '' };
    const file = outPath('tag-no-owner.xlsx');
    await writeWorkbook(db, runId, file, { tag });
    const wb = await readWorkbook(file);
    const domains = sheetRows(wb, 'Domains').slice(1).map((r) => r[0]).sort();
    expect(domains).toHaveLength(15); // the odd rows of estate(30)
    expect(domains).toEqual(tableDomains(tag));
    const summary = sheetRows(wb, 'Summary').map((r) => r[0]);
    expect(summary).toContain('Domains without Owner: 15 of 33; every figure counts these domains only.');
  });

  it('a value nobody holds gives an empty workbook that says so, not the whole estate', async () => {
    const file = outPath('tag-nobody.xlsx');
    await writeWorkbook(db, runId, file, { tag: { name: 'Owner', value: 'sales' } }); // case is kept
    const wb = await readWorkbook(file);
    expect(sheetRows(wb, 'Domains')).toHaveLength(1);
    expect(sheetRows(wb, 'Summary').map((r) => r[0])).toContain('Domains tagged Owner = sales: 0 of 33; every figure counts these domains only.');
  });

  it('an unfiltered workbook has no filter line and every domain', async () => {
    const file = outPath('tag-none.xlsx');
    await writeWorkbook(db, runId, file);
    const wb = await readWorkbook(file);
    expect(sheetRows(wb, 'Domains')).toHaveLength(current.length + 1);
    expect(sheetRows(wb, 'Summary').some((r) => String(r[0] ?? '').startsWith('Domains tagged'))).toBe(false);
  });

  it('the PDF and the bundle of one business unit hold exactly its domains', async () => {
    const tag = { name: 'Business unit', value: 'Retail' };
    const expected = tableDomains(tag);
    expect(expected).toHaveLength(11); // every third of estate(30), and sales-only
    const pdf = outPath('tag-retail.pdf');
    await writeEvidencePdf(db, runId, pdf, { summaryOnly: false, auditor: 'Jane Auditor', tag });
    const text = pdfText(pdf);
    expect(text.replace(/\s+/g, ' ')).toContain('Domains tagged Business unit = Retail: 11 of 33. Every figure in this pack counts these domains only.');
    expect(text).toContain(`Domain ${expected.length} of ${expected.length}`);
    expect(text).not.toContain('d00001.example.com');

    const zip = outPath('tag-retail.zip');
    await writeBundle(db, runId, zip, { auditor: 'Jane Auditor', tag, signingKey: dataFolderSigningKey(dir) });
    const out = fs.mkdtempSync(path.join(dir, 'unzip-'));
    run('unzip', ['-q', zip, '-d', out]);
    run('sha256sum', ['-c', 'manifest.sha256'], { cwd: out });
    const json = JSON.parse(fs.readFileSync(path.join(out, 'evidence.json'), 'utf8')) as { domains: { domain: string }[] };
    expect(json.domains.map((d) => d.domain).sort()).toEqual(expected);
    const rows = sheetRows(await readWorkbook(path.join(out, 'workbook.xlsx')), 'Domains').slice(1).map((r) => r[0]).sort();
    expect(rows).toEqual(expected);
  });

  it('the CLI flag reads NAME=VALUE at the first "=", keeping spaces and further "="', () => {
    expect(parseTagOption('Owner=Sales')).toEqual({ name: 'Owner', value: 'Sales' });
    expect(parseTagOption('Business unit= a=b ')).toEqual({ name: 'Business unit', value: ' a=b ' });
    expect(parseTagOption('Owner=')).toEqual({ name: 'Owner', value: '' });
    expect(() => parseTagOption('Owner')).toThrow(/NAME=VALUE/);
    expect(() => parseTagOption('=Sales')).toThrow(/NAME=VALUE/);
  });

  it('export --tag writes the workbook of that tag value', async () => {
    const file = outPath('tag-cli.xlsx');
    await exportRun(db, runId, { xlsx: file, tag: 'Owner=Sales' }, new PassThrough());
    const domains = sheetRows(await readWorkbook(file), 'Domains').slice(1).map((r) => r[0]).sort();
    expect(domains).toEqual(tableDomains({ name: 'Owner', value: 'Sales' }));
    await expect(exportRun(db, runId, { xlsx: file, tag: 'Owner' }, new PassThrough())).rejects.toThrow(/--tag takes NAME=VALUE/);
  });
});
