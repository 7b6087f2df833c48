/**
 * Nothing is lost at any size: a stored run whose Evidence passes a sheet's row limit, exported and read back
 * from the file's XML, row by row, against the store. Every sheet stays within the format's limits, every
 * stored domain, finding and evidence row is on some sheet (tables continue on "Evidence (2)" …, a domain's
 * rows together), the Summary says what went where and counts the domains per outcome exactly as the store
 * does, and every link from Domains lands on that domain's first row.
 *
 * By default the run has 4,000 domains and sheets are limited to 10 rows a domain (40,000), so Evidence
 * (about 11 rows a domain) continues on a second sheet as it does at the real limit; this runs in `npm test`
 * in under a minute. At full size, with the format's own limit (1,048,576 rows a sheet), run:
 *
 *   EXPORT_SCALE_DOMAINS=100000 npx vitest run test/io/export/scale.test.ts
 *
 * (several minutes on a small machine: about 100 s to build the store, then the export and the reading).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { OUTCOME_LABEL, OUTCOMES } from '../../../shared/outcome';
import { writeWorkbook } from '../../../electron/io/workbook';
import { SHEET_MAX_COLUMNS, SHEET_MAX_ROWS } from '../../../electron/io/report/xlsx/sheet-plan';
import { openDatabase } from '../../../electron/store/db';
import { getRun } from '../../../electron/store/runs';
import { expectedEvidenceRows, SCALE_TEMPLATES, scaleDomain, scaleResult, storeScaleRun } from './scale-fixture';
import { run, sheetColumnA, sheetLinks, sheetParts } from './helpers';
import { readWorkbook, sheetRows } from './helpers';

const N = Number(process.env.EXPORT_SCALE_DOMAINS ?? 4000);
const FULL = N >= 100_000;
/** Data rows a sheet may hold: the format's own limit at full size, else scaled down with the run. */
const MAX_DATA_ROWS = FULL ? SHEET_MAX_ROWS - 1 : N * 10;
const TIMEOUT = FULL ? 1_800_000 : 120_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-export-'));
const file = path.join(dir, 'scale.xlsx');
let db: Database.Database;
let runId: number;
let parts: Map<string, string>;
const columnA = new Map<string, Awaited<ReturnType<typeof sheetColumnA>>>();

beforeAll(async () => {
  db = openDatabase(path.join(dir, 'store.sqlite'));
  runId = storeScaleRun(db, N);
  await writeWorkbook(db, runId, file, { preparedBy: 'Scale Test', maxRowsPerSheet: FULL ? undefined : MAX_DATA_ROWS });
  parts = sheetParts(file);
  for (const [name, part] of parts) if (name !== 'Summary') columnA.set(name, await sheetColumnA(file, part));
}, TIMEOUT);
afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The sheets of a table in order: "Evidence", "Evidence (2)", … */
const seriesOf = (base: string) => [...parts.keys()].filter((name) => name === base || name.startsWith(`${base} (`));
/** Column A of a table's data rows across all its sheets. */
const rowsOf = (base: string) => seriesOf(base).flatMap((name) => columnA.get(name)!.values.slice(1));
const count = (sql: string) => (db.prepare(sql).pluck().get(runId) as number);

describe(`a stored run of ${N.toLocaleString('en-GB')} domains`, () => {
  it('keeps every sheet within the format\'s limits, rows numbered without a gap', () => {
    expect(seriesOf('Evidence').length).toBeGreaterThanOrEqual(2);
    for (const [name, read] of columnA) {
      expect(read.rows, name).toBeLessThanOrEqual(Math.min(SHEET_MAX_ROWS, MAX_DATA_ROWS + 1));
      expect(read.lastRow, name).toBe(read.rows);
    }
    const cols = run('unzip', ['-p', file, parts.get('Domains')!]).match(/<col min="\d+" max="(\d+)"/g)!.map((c) => Number(c.match(/max="(\d+)"/)![1]));
    expect(Math.max(...cols)).toBeLessThan(SHEET_MAX_COLUMNS);
  }, TIMEOUT);

  it('lists every stored domain once on Domains, in import order', () => {
    const domains = rowsOf('Domains');
    expect(domains).toHaveLength(count('SELECT count(*) FROM results WHERE run_id = ?'));
    expect(domains[0]).toBe(scaleDomain(0));
    expect(domains.at(-1)).toBe(scaleDomain(N - 1));
  }, TIMEOUT);

  it('lists every stored finding: the defects on Findings, the info facts on Facts', () => {
    expect(rowsOf('Findings')).toHaveLength(count("SELECT count(*) FROM findings WHERE run_id = ? AND severity <> 'info'"));
    expect(rowsOf('Facts')).toHaveLength(count("SELECT count(*) FROM findings WHERE run_id = ? AND severity = 'info'"));
  }, TIMEOUT);

  it('keeps every evidence row, each domain\'s rows together on one sheet', () => {
    const perSheet = seriesOf('Evidence').map((name) => columnA.get(name)!.values.slice(1));
    const sheetOf = new Map<string, number>();
    const rows = new Map<string, number>();
    const split: string[] = [];
    perSheet.forEach((values, sheet) => {
      for (const d of values) {
        if ((sheetOf.get(d!) ?? sheet) !== sheet) split.push(d!);
        sheetOf.set(d!, sheet);
        rows.set(d!, (rows.get(d!) ?? 0) + 1);
      }
    });
    expect(split).toEqual([]);
    // Results of one posture share their template, so the expected count is worked out once per template.
    const perTemplate = new Map<number, number>();
    const wrong: string[] = [];
    let expected = 0;
    for (let i = 0; i < N; i++) {
      const t = i % SCALE_TEMPLATES;
      if (!perTemplate.has(t)) perTemplate.set(t, expectedEvidenceRows(scaleResult(i)));
      const want = perTemplate.get(t)!;
      expected += want;
      if (rows.get(scaleDomain(i)) !== want) wrong.push(`${scaleDomain(i)}: ${rows.get(scaleDomain(i))} rows, expected ${want}`);
    }
    expect(wrong).toEqual([]);
    expect(perSheet.reduce((n, v) => n + v.length, 0)).toBe(expected);
    expect(expected).toBeGreaterThan(MAX_DATA_ROWS);
  }, TIMEOUT);

  it('lists every domain of each MX host on MX domains', () => {
    const hosts = rowsOf('MX domains');
    expect(hosts).toHaveLength(count('SELECT count(*) FROM result_mx_hosts WHERE run_id = ?'));
  }, TIMEOUT);

  it('links every domain to its first row on Findings, Facts and Evidence, whichever sheet holds it', () => {
    const domains = columnA.get('Domains')!.values;
    const header = run('unzip', ['-p', file, parts.get('Domains')!]).match(/<row r="1".*?<\/row>/)![0];
    const names = [...header.matchAll(/<v>([^<]*)<\/v>/g)].map((m) => m[1]);
    const links = sheetLinks(file, 'Domains');
    const linked = new Map<string, number>();
    for (const l of links) {
      const domain = domains[Number(l.ref.match(/\d+/)![0]) - 1]!;
      const target = columnA.get(l.sheet)!.values;
      expect(target[l.row - 1], `${l.ref} → ${l.sheet}!${l.row}`).toBe(domain);
      expect(target[l.row - 2]).not.toBe(domain);
      linked.set(l.sheet.replace(/ \(\d+\)$/, ''), (linked.get(l.sheet.replace(/ \(\d+\)$/, '')) ?? 0) + 1);
    }
    expect(names).toContain('Evidence');
    expect(linked.get('Evidence')).toBe(N);
    expect(new Set(links.filter((l) => l.sheet.startsWith('Evidence')).map((l) => l.sheet)).size).toBe(seriesOf('Evidence').length);
    expect(linked.get('Findings')).toBe(count("SELECT count(DISTINCT result_id) FROM findings WHERE run_id = ? AND severity <> 'info'"));
  }, TIMEOUT);

  it('says on the Summary what went where, and counts the domains per outcome as the store does', async () => {
    const summary = await readSummary();
    const head = summary.findIndex((r) => r[0] === 'Sheet' && r[1] === 'Holds');
    const listed = summary.slice(head + 1).filter((r) => parts.has(String(r[0])));
    expect(listed.map((r) => r[0])).toEqual([...parts.keys()].filter((n) => n !== 'Summary'));
    for (const [name, , rows, span] of listed) {
      const values = columnA.get(String(name))!.values.slice(1);
      expect(rows, String(name)).toBe(values.length);
      if (values.length > 0) expect(span).toBe(values[0] === values.at(-1) ? values[0] : `${values[0]} … ${values.at(-1)}`);
    }
    expect(summary.find((r) => r[0] === 'Continued sheets')?.[1]).toMatch(/Evidence continue/);
    const stored = getRun(db, runId)!.outcomeCounts;
    const outcomes = summary.findIndex((r) => r[0] === 'Outcome' && r[2] === 'Domains');
    expect(summary.slice(outcomes + 1, outcomes + 1 + OUTCOMES.length).map((r) => [r[0], r[2]])).toEqual(OUTCOMES.map((o) => [OUTCOME_LABEL[o], stored[o] ?? 0]));
  }, TIMEOUT);
});

/** The Summary alone, copied into a workbook of its own so exceljs need not load the million-row sheets. */
async function readSummary(): Promise<unknown[][]> {
  const small = path.join(dir, 'summary-only.xlsx');
  const extract = path.join(dir, 'x');
  fs.rmSync(extract, { recursive: true, force: true });
  run('unzip', ['-q', file, '-d', extract]);
  const summaryPart = parts.get('Summary')!;
  for (const [name, part] of parts) if (name !== 'Summary') fs.writeFileSync(path.join(extract, part), fs.readFileSync(path.join(extract, summaryPart)).toString('utf8').replace(/<sheetData>.*<\/sheetData>/s, '<sheetData/>'));
  run('zip', ['-q', '-r', small, '.'], { cwd: extract });
  return sheetRows(await readWorkbook(small), 'Summary');
}
