/**
 * Untrusted tag names and text in the workbook, through the store (tags round-trip as JSON in SQLite) and the
 * exporters' real entry points, read back with exceljs:
 * - tag names that are Object.prototype members ("__proto__", "constructor", "toString"), on some rows only;
 * - more distinct tag names than Excel has columns (16,384);
 * - bidi controls and C0 controls in domain inputs, tags, DNS text and policy bodies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/types';
import { MAX_TAG_COLUMNS } from '../../../shared/tags';
import { writeEvidencePdf } from '../../../electron/io/evidence-pack';
import { writeWorkbook } from '../../../electron/io/workbook';
import { openDatabase } from '../../../electron/store/db';
import { createRun, pendingDomains } from '../../../electron/store/runs';
import { listResults, saveResult } from '../../../electron/store/results';
import type { DomainResult } from '../../../shared/types';
import { hostileResult, makeResult } from './fixtures';
import { outPath, pdfText, readWorkbook, sheetRows } from './helpers';

let dir: string;
let db: Database.Database;

function storeRun(name: string, rows: { result: DomainResult; tags: Record<string, string> }[]): number {
  const info = createRun(db, {
    name, client: 'Example Holdings plc', source: 'estate.csv', settings: DEFAULT_SETTINGS, toolVersion: '0.1.0', resolver: 'system resolvers',
    domains: rows.map((r) => ({ input: r.result.input, domain: r.result.domain, tags: r.tags })),
  });
  const byDomain = new Map(rows.map((r) => [r.result.domain, r.result]));
  for (const d of pendingDomains(db, info.id)) saveResult(db, info.id, d.runDomainId, byDomain.get(d.domain)!);
  return info.id;
}

const header = (wb: ExcelJS.Workbook) => sheetRows(wb, 'Domains')[0] as string[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-tags-'));
  db = openDatabase(path.join(dir, 'audits.sqlite'));
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('tags named after Object.prototype members', () => {
  // As the importer builds them: Object.fromEntries, so "__proto__" is an own property, not a prototype.
  const nasty = Object.fromEntries([['__proto__', 'proto value'], ['constructor', 'ctor value'], ['toString', 'str value'], ['Owner', 'ops']]);
  const rows = [
    { result: makeResult('tagged.example.com'), tags: nasty },
    // Rows without those tags: a plain-object lookup returned Object.prototype and its functions here.
    { result: makeResult('plain.example.com'), tags: { Owner: 'web' } },
    { result: makeResult('bare.example.com'), tags: {} },
  ];
  let runId: number;
  beforeAll(() => {
    runId = storeRun('prototype tags', rows);
  });

  it('writes them as ordinary columns, empty where a row lacks them', async () => {
    const file = outPath('tags-prototype.xlsx');
    await writeWorkbook(db, runId, file);
    const wb = await readWorkbook(file);
    const h = header(wb);
    expect(h.slice(0, 6)).toEqual(['Domain', 'Input', '__proto__', 'constructor', 'toString', 'Owner']);
    const domains = sheetRows(wb, 'Domains');
    expect(domains[1]!.slice(2, 6)).toEqual(['proto value', 'ctor value', 'str value', 'ops']);
    expect(domains[2]!.slice(2, 6)).toEqual([undefined, undefined, undefined, 'web']);
    expect(domains[3]!.slice(2, 6)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('prints them in the PDF as the row has them', async () => {
    const file = outPath('tags-prototype.pdf');
    await writeEvidencePdf(db, runId, file, { summaryOnly: false });
    const text = pdfText(file);
    expect(text).toContain('__proto__: proto value; constructor: ctor value; toString: str value; Owner: ops');
    expect(text).not.toMatch(/function|\[object Object\]|native code/);
  });
});

describe('more tag names than a spreadsheet has columns', () => {
  const ROWS = 17;
  const PER_ROW = 1000; // the importer's per-row maximum; 17,000 distinct names in all, past Excel's 16,384
  const name = (row: number, i: number) => `tag ${String(row).padStart(2, '0')}-${String(i).padStart(4, '0')}`;
  let runId: number;
  beforeAll(() => {
    runId = storeRun('wide', Array.from({ length: ROWS }, (_, row) => ({
      result: makeResult(`wide${row}.example.com`),
      tags: Object.fromEntries(Array.from({ length: PER_ROW }, (_, i) => [name(row, i), `v${row}.${i}`])),
    })));
  });

  it('gives the first names a column each and folds the rest into one "Other tags" column', async () => {
    const file = outPath('tags-wide.xlsx');
    await writeWorkbook(db, runId, file);
    const wb = await readWorkbook(file);
    const h = header(wb);
    const hidden = ROWS * PER_ROW - MAX_TAG_COLUMNS;
    expect(h.slice(2, 2 + MAX_TAG_COLUMNS)).toEqual(Array.from({ length: MAX_TAG_COLUMNS }, (_, i) => name(0, i)));
    const other = 2 + MAX_TAG_COLUMNS;
    expect(h[other]).toBe(`Other tags (${hidden} more tag names)`);
    expect(h[other + 1]).toBe('Outcome');
    expect(wb.getWorksheet('Domains')!.columnCount).toBeLessThan(300);
    const domains = sheetRows(wb, 'Domains');
    expect(domains[1]![2]).toBe('v0.0');
    expect(domains[1]![other]).toMatch(new RegExp(`^${name(0, MAX_TAG_COLUMNS)}: v0.${MAX_TAG_COLUMNS}; `));
    expect(domains[2]![2]).toBeUndefined();
    expect(domains[2]![other]).toMatch(new RegExp(`^${name(1, 0)}: v1.0; .*${name(1, PER_ROW - 1)}: v1.${PER_ROW - 1}$`));
    const note = sheetRows(wb, 'Summary').find((r) => r[0] === 'Tag columns')?.[1];
    expect(note).toContain(`${hidden} more are listed in its "Other tags" column`);
  });

  it('sends the results table no more tags per row than there are columns', () => {
    const page = listResults(db, runId, { offset: 0, limit: 5 });
    expect(page.rows).toHaveLength(5);
    for (const row of page.rows) expect(Object.keys(row.tags)).toHaveLength(MAX_TAG_COLUMNS);
  });
});

describe('bidi and control characters', () => {
  const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
  // C0 controls other than tab and line feed (CR is kept only as part of CRLF, which becomes LF).
  // eslint-disable-next-line no-control-regex
  const C0 = /[\x00-\x08\x0B-\x1F]/;
  const spoofed = (domain: string): DomainResult => {
    const r = hostileResult(domain);
    const body = `version: STSv1\nmode: \u202Eenforce\u202C\nmx: \u2066mx.\u0001example\u2069.net\nmax_age: 86400\n`;
    return {
      ...r,
      input: `\u202Emoc.elpmaxe@${domain}`,
      findings: [...r.findings, { ...r.findings[0]!, message: `record \u2067"v=STSv1"\u2069 \u202Ahere\u202B\u202D` }],
      policy: { ...r.policy!, text: body },
      evidence: {
        ...r.evidence,
        dns: [...r.evidence.dns, { ...r.evidence.dns[1]!, records: [{ name: `_mta-sts.${domain}`, ttl: 300, type: 'TXT', strings: ['v=STSv1;\u202E id=1\u0002;'] }] }],
      },
    };
  };
  let runId: number;
  beforeAll(() => {
    runId = storeRun('spoofed text', [{ result: spoofed('spoof.example.org'), tags: { 'Business unit': '\u2068Retail\u202E', Note: 'a\u0007b' } }]);
  });

  it('leaves no bidi control and no C0 control but tab and line feed in any cell', async () => {
    const file = outPath('bidi.xlsx');
    await writeWorkbook(db, runId, file);
    const wb = await readWorkbook(file);
    const texts = wb.worksheets.flatMap((ws) => sheetRows(wb, ws.name).flat().filter((v): v is string => typeof v === 'string'));
    expect(texts.filter((t) => BIDI.test(t) || C0.test(t))).toEqual([]);
    const domains = sheetRows(wb, 'Domains');
    const h = domains[0] as string[];
    expect(domains[1]![h.indexOf('Input')]).toBe('\uFFFDmoc.elpmaxe@spoof.example.org');
    expect(domains[1]![h.indexOf('Business unit')]).toBe('\uFFFDRetail\uFFFD');
    expect(domains[1]![h.indexOf('Note')]).toBe('a\uFFFDb');
    const body = sheetRows(wb, 'Evidence').find((r) => r[1] === 'Policy fetch')![8] as string;
    expect(body).toContain('\uFFFD');
  });
});
