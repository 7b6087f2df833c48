/**
 * Confidentiality of the comparison with "the previous audit": the workbook and the PDF of client A's audit
 * are deliverables for client A, and must never contain client B's domains or audits, even when B's audit
 * is later than A's last one and holds every one of A's domains. Real SQLite file, the exporters' store entry
 * points, the workbook read back with exceljs and the PDF read back with pdftotext.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/types';
import { writeEvidencePdf } from '../../../electron/io/evidence-pack';
import { writeWorkbook } from '../../../electron/io/workbook';
import { openDatabase } from '../../../electron/store/db';
import { createRun, pendingDomains } from '../../../electron/store/runs';
import { saveResult } from '../../../electron/store/results';
import type { ReportItem } from '../../../electron/io/report/source';
import { estate, makeResult } from './fixtures';
import { outPath, pdfText, readWorkbook, sheetRows } from './helpers';

let dir: string;
let db: Database.Database;

function storeRun(client: string | undefined, name: string, items: ReportItem[]): number {
  const info = createRun(db, {
    name, client, source: 'estate.csv', settings: { ...DEFAULT_SETTINGS, resolvers: ['192.0.2.53'] }, toolVersion: '0.1.0',
    resolver: '192.0.2.53', domains: items.map((i) => ({ input: i.result.input, domain: i.result.domain, tags: i.tags })),
  });
  const byDomain = new Map(items.map((i) => [i.result.domain, i.result]));
  for (const d of pendingDomains(db, info.id)) saveResult(db, info.id, d.runDomainId, byDomain.get(d.domain)!);
  return info.id;
}

/** Every text cell of every sheet, for "nothing of client B anywhere". */
function allText(wb: ExcelJS.Workbook): string {
  return wb.worksheets.flatMap((ws) => sheetRows(wb, ws.name).flat().filter((v) => typeof v === 'string')).join('\n');
}

const SECRET_NAME = 'Beta Corp confidential M&A review';
const estateA = estate(12, 'alpha');
// B's audit is later and holds all of A's domains plus its own: before the fix it was A's "previous run of
// the same estate", and the Changes sheet listed B's own domains as removed from A's estate.
const estateB = [...estate(12, 'alpha'), ...estate(12, 'betasecret')];
const estateA2 = estateA.map((item, i) => (i === 0 ? { ...item, result: makeResult(item.result.domain, { posture: 'absent' }) } : item));
let a1: number;
let b1: number;
let a2: number;
let c1: number;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-client-'));
  db = openDatabase(path.join(dir, 'audits.sqlite'));
  a1 = storeRun('Alpha Holdings', 'Alpha Q1', estateA);
  b1 = storeRun('Beta Corp', SECRET_NAME, estateB);
  a2 = storeRun('Alpha Holdings', 'Alpha Q2', estateA2);
  c1 = storeRun('Gamma Ltd', 'Gamma first audit', estateA);
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the comparison in a client\'s deliverables', () => {
  it('compares the workbook with the same client\'s previous audit and shows nothing of another client', async () => {
    expect(b1).toBeGreaterThan(a1);
    const file = outPath('client-a-workbook.xlsx');
    await writeWorkbook(db, a2, file);
    const wb = await readWorkbook(file);
    const summary = sheetRows(wb, 'Summary');
    expect(summary.find((r) => r[0] === 'Compared with')?.[1]).toMatch(new RegExp(`^run ${a1} "Alpha Q1"`));
    const changes = sheetRows(wb, 'Changes').slice(1);
    expect(changes.some((r) => r[0] === 'alpha00000.example.com' && r[6] === 'posture worsened')).toBe(true);
    expect(changes.filter((r) => r[1] === 'No longer in the list')).toEqual([]);
    const text = allText(wb);
    expect(text).not.toContain('betasecret');
    expect(text).not.toContain('Beta Corp');
  });

  it('keeps the PDF\'s "since the previous audit" to the same client', async () => {
    const file = outPath('client-a-evidence.pdf');
    await writeEvidencePdf(db, a2, file, { summaryOnly: false });
    const text = pdfText(file);
    expect(text).toContain(`Compared with run ${a1} ("Alpha Q1"`);
    expect(text).toMatch(/0 are no\s+longer in it/);
    expect(text).not.toContain('betasecret');
    expect(text).not.toContain('Beta Corp');
  });

  it('has no comparison at all for a client\'s first audit, whatever other clients audited', async () => {
    const xlsx = outPath('client-c-workbook.xlsx');
    await writeWorkbook(db, c1, xlsx);
    const wb = await readWorkbook(xlsx);
    expect(sheetRows(wb, 'Changes').slice(1)).toEqual([[undefined, 'no earlier audit', undefined, undefined, undefined, undefined, undefined, 'There is no earlier audit of this estate to compare with.']]);
    expect(sheetRows(wb, 'Summary').find((r) => r[0] === 'Compared with')?.[1]).toBe('no earlier audit of this estate');
    expect(allText(wb)).not.toMatch(/Alpha|Beta|betasecret/);

    const pdf = outPath('client-c-evidence.pdf');
    await writeEvidencePdf(db, c1, pdf, { summaryOnly: true });
    const text = pdfText(pdf);
    expect(text).not.toContain('Since the previous audit');
    expect(text).not.toMatch(/Alpha Q|Beta Corp|betasecret/);
  });
});
