import path from 'node:path';
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDomainsFile } from '../../../electron/io/read-domains';
import { fileSource } from '../../../electron/io/byte-source';
import { importXlsx } from '../../../electron/io/import/xlsx/import-xlsx';
import { openXlsxStream } from '../../../electron/io/import/xlsx/read-streamed';
import { rangeCells, validationCells, workbookCost } from '../../../electron/io/import/xlsx/range-cost';
import { readPackage, unpackParts } from '../../../electron/io/import/xlsx/package-parts';
import { domains, errorOf, rejected, tempFiles, writeWorkbook } from './fixtures';

const files = tempFiles();
let estate: string;

/** EU: title merged across, header on row 2, a client merged down three rows, every kind of cell value. */
function euSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('EU');
  ws.getCell('A1').value = 'EU domains (export)';
  ws.mergeCells('A1:D1');
  ws.addRow(['Client', 'Domain', 'Owner', 'Since', 'Share', 'Renewal', 'Active', 'Contact', 'Check']);
  ws.addRow(['Acme', 'acme.example', 'Alice', 2019, 0.25, new Date(Date.UTC(2025, 2, 1)), true, { text: 'Write', hyperlink: 'mailto:it@acme.example' }, { error: '#N/A' }]);
  ws.addRow([null, { richText: [{ text: 'BETA', font: { bold: true } }, { text: '.example' }] }, { formula: 'UPPER("bob")', result: 'BOB' }, 1234.5]);
  ws.addRow([null, { text: 'Gamma site', hyperlink: 'https://gamma.example/' }, null, 3.14159]);
  ws.mergeCells('A3:A5');
  ws.getCell('E3').numFmt = '0%';
  ws.getCell('D4').numFmt = '#,##0.00';
  ws.addRow([]);
  ws.addRow(['Delta', { formula: 'LOWER("DELTA.EXAMPLE")', result: 'delta.example' }, null, null, null, new Date(Date.UTC(2024, 0, 2, 13, 45))]);
  ws.addRow(['Eps', 12345]);
}

beforeAll(async () => {
  estate = await writeWorkbook(path.join(files.dir, 'estate.xlsx'), (wb) => {
    euSheet(wb);
    const us = wb.addWorksheet('US');
    us.addRow(['Domain', 'Owner']);
    us.addRow(['us.example', 'Uma']);
    us.addRow(['ACME.example', 'Uwe']);
    const notes = wb.addWorksheet('Notes');
    notes.addRow(['Remember to check the subsidiaries']);
    notes.addRow(['Contact IT before the audit']);
    wb.addWorksheet('Empty');
  });
});

describe('XLSX cells', () => {
  it('turns every kind of cell into its displayed text and fills merges down a column', async () => {
    const r = await readDomainsFile(estate, { sheet: 'EU' });
    expect(r.format).toBe('xlsx');
    expect(r.sheet).toBe('EU');
    expect(r.headerRow).toBe(2);
    expect(r.columns).toEqual(['Client', 'Domain', 'Owner', 'Since', 'Share', 'Renewal', 'Active', 'Contact', 'Check']);
    expect(r.rows.map((x) => [x.row, x.input, x.domain, x.tags])).toEqual([
      [3, 'acme.example', 'acme.example', { Client: 'Acme', Owner: 'Alice', Since: '2019', Share: '25%', Renewal: '2025-03-01', Active: 'TRUE', Contact: 'Write', Check: '#N/A' }],
      [4, 'BETA.example', 'beta.example', { Client: 'Acme', Owner: 'BOB', Since: '1,234.50' }],
      [5, 'Gamma site', 'gamma.example', { Client: 'Acme', Since: '3.14159' }],
      [7, 'delta.example', 'delta.example', { Client: 'Delta', Renewal: '2024-01-02 13:45' }],
    ]);
    expect(rejected(r)).toEqual([[6, 'empty'], [8, 'a single label, not a domain name']]);
  });

  it('reads the same workbook with the streaming reader, which cannot see merges or link targets', async () => {
    const r = await importXlsx(await fileSource(estate, 'estate.xlsx'), { sheet: 'EU' }, openXlsxStream);
    expect(r.headerRow).toBe(2);
    expect(r.rows.map((x) => [x.row, x.domain, x.tags.Client, x.tags.Renewal])).toEqual([
      [3, 'acme.example', 'Acme', '2025-03-01'],
      [4, 'beta.example', undefined, undefined],
      [7, 'delta.example', 'Delta', '2024-01-02 13:45'],
    ]);
    expect(rejected(r)).toEqual([[5, 'contains spaces or URL characters'], [6, 'empty'], [8, 'a single label, not a domain name']]);
    const all = await importXlsx(await fileSource(estate, 'estate.xlsx'), {}, openXlsxStream);
    expect(all.sheets).toEqual(['EU', 'US', 'Notes', 'Empty']);
    expect(all.rows.map((x) => x.domain)).toEqual(['acme.example', 'beta.example', 'delta.example', 'us.example']);
    const us = await importXlsx(await fileSource(estate, 'estate.xlsx'), { sheet: 'US' }, openXlsxStream);
    expect(domains(us)).toEqual(['us.example', 'acme.example']);
  });
});

describe('XLSX sheets', () => {
  it('reads every sheet that lists domains, tags rows with their sheet, and lists the sheets it skipped', async () => {
    const r = await readDomainsFile(estate);
    expect(r.sheet).toBe('all sheets');
    expect(r.sheets).toEqual(['EU', 'US', 'Notes', 'Empty']);
    expect(r.skippedSheets).toEqual([{ sheet: 'Notes', reason: 'no column of domains, e-mail addresses or URLs' }]);
    expect(r.rows.map((x) => [x.sheet, x.row, x.domain])).toEqual([
      ['EU', 3, 'acme.example'], ['EU', 4, 'beta.example'], ['EU', 5, 'gamma.example'], ['EU', 7, 'delta.example'], ['US', 2, 'us.example'],
    ]);
    expect(r.rows.at(-1)!.tags).toEqual({ Owner: 'Uma', sheet: 'US' });
    expect(r.rejects.map((x) => [x.sheet, x.row, x.reason])).toEqual([
      ['EU', 6, 'empty'], ['EU', 8, 'a single label, not a domain name'], ['US', 3, 'duplicate of row 3 on sheet "EU"'],
    ]);
    expect(r.columns).toEqual(['Client', 'Domain', 'Owner', 'Since', 'Share', 'Renewal', 'Active', 'Contact', 'Check']);
  });

  it('reads one chosen sheet by name (any case) or number, without sheet tags', async () => {
    for (const sheet of ['us', 'US', '2']) {
      const r = await readDomainsFile(estate, { sheet });
      expect(r.sheet).toBe('US');
      expect(domains(r)).toEqual(['us.example', 'acme.example']);
      expect(r.rows[0]!).toEqual({ row: 2, input: 'us.example', domain: 'us.example', tags: { Owner: 'Uma' } });
    }
  });

  it("accepts 'all sheets' back from a preview", async () => {
    expect((await readDomainsFile(estate, { sheet: 'all sheets', column: 'Domain' })).rows).toHaveLength(5);
  });

  it('names the only sheet read and drops the sheet tags when one sheet lists domains', async () => {
    const file = await writeWorkbook(path.join(files.dir, 'one-list.xlsx'), (wb) => {
      wb.addWorksheet('Read me').addRow(['This workbook lists our domains']);
      const ws = wb.addWorksheet('Domains');
      ws.addRow(['Website', 'Owner']);
      ws.addRow(['https://one.example', 'Ola']);
    });
    const r = await readDomainsFile(file);
    expect(r.sheet).toBe('Domains');
    expect(r.rows).toEqual([{ row: 2, input: 'https://one.example', domain: 'one.example', tags: { Owner: 'Ola' } }]);
    expect(r.skippedSheets).toEqual([{ sheet: 'Read me', reason: expect.stringMatching(/^no domains in column/) }]);
  });

  it('rejects an unknown sheet and lists the valid ones', async () => {
    const e = await errorOf(readDomainsFile(estate, { sheet: 'Asia' }));
    expect(e.code).toBe('UNKNOWN_SHEET');
    expect(e.message).toContain('"EU", "US", "Notes" and "Empty"');
  });

  it('reports a chosen sheet without content or without domains', async () => {
    expect((await errorOf(readDomainsFile(estate, { sheet: 'Empty' }))).code).toBe('EMPTY');
    expect((await errorOf(readDomainsFile(estate, { sheet: 'Notes' }))).code).toBe('NO_DOMAIN_COLUMN');
  });

  it('applies a chosen column to every sheet that has it; one without a single domain is nothing to audit', async () => {
    const e = await errorOf(readDomainsFile(estate, { column: 'owner' }));
    expect(e.code).toBe('NO_DOMAINS');
    expect(e.message).toMatch(/^no domains to audit: none of the \d+ row\(s\) of \S+ holds a domain in column "Owner" \(sheet "EU" row 3 "Alice": a single label, not a domain name; /);
  });

  it('rejects a chosen column that no sheet has', async () => {
    expect((await errorOf(readDomainsFile(estate, { column: 'Region' }))).code).toBe('UNKNOWN_COLUMN');
  });
});

describe('XLSX merges and validations', () => {
  it('adds no rows for a merge that runs past the end of the list', async () => {
    const file = await writeWorkbook(path.join(files.dir, 'long-merge.xlsx'), (wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['Domain', 'Client']);
      ws.addRow(['a.example', 'Acme']);
      ws.addRow(['b.example']);
      ws.mergeCells('B2:B40');
    });
    const r = await readDomainsFile(file);
    expect(r.rows.map((x) => [x.domain, x.tags])).toEqual([['a.example', { Client: 'Acme' }], ['b.example', { Client: 'Acme' }]]);
    expect(r.rejects).toEqual([]);
  });

  it('counts the cells exceljs would create for merges and validations, and streams whole-column ones', async () => {
    expect(validationCells('A1:B3 D5')).toBe(7);
    expect(rangeCells('$B$2:$B$1048576')).toBe(1_048_575);
    const file = await writeWorkbook(path.join(files.dir, 'whole-column.xlsx'), (wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['Domain', 'Status']);
      ws.addRow(['a.example', 'live']);
      ws.mergeCells('C1:D2');
      // exceljs supports this but does not declare it
      const validations = (ws as unknown as { dataValidations: { add(range: string, rule: object): void } }).dataValidations;
      validations.add('B2:B1048576', { type: 'list', allowBlank: true, formulae: ['"live,parked"'] });
    });
    const source = await fileSource(file, 'whole-column.xlsx');
    expect(workbookCost(await unpackParts(source, await readPackage(source)))).toMatchObject({ cells: 4 + 1_048_575, merges: 1, lastRow: 2 });
    const r = await readDomainsFile(file);
    expect(r.rows.map((x) => [x.domain, x.tags])).toEqual([['a.example', { Status: 'live' }]]);
  });
});
