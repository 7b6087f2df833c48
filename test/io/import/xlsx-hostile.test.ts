/**
 * Crafted workbooks that try to make exceljs use unbounded memory: ranges hidden from the range measure, and
 * parts that unpack to more than they declare. Every file here is built byte by byte, as an attacker would.
 *
 * The whole-workbook reader is wrapped: where a test says it must not be chosen, calling it fails the test
 * before exceljs could try to expand a 17-billion-cell range, so a regression fails fast instead of exhausting
 * the machine's memory.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readDomainsBuffer } from '../../../electron/io/read-domains';
import { bufferSource } from '../../../electron/io/byte-source';
import { importXlsx } from '../../../electron/io/import/xlsx/import-xlsx';
import { readPackage, unpackParts } from '../../../electron/io/import/xlsx/package-parts';
import { workbookCost } from '../../../electron/io/import/xlsx/range-cost';
import { openXlsxInMemory } from '../../../electron/io/import/xlsx/read-whole';
import { openXlsxStream } from '../../../electron/io/import/xlsx/read-streamed';
import { errorOf } from './fixtures';
import { buildZip, edited, plainWorkbookParts, type FixtureEntry } from './zip-fixture';

vi.mock('../../../electron/io/import/xlsx/read-whole', async (original) => {
  const real = await original<typeof import('../../../electron/io/import/xlsx/read-whole')>();
  return { ...real, openXlsxInMemory: vi.fn(real.openXlsxInMemory) };
});

const inMemory = vi.mocked(openXlsxInMemory);
const realInMemory = (await vi.importActual<typeof import('../../../electron/io/import/xlsx/read-whole')>('../../../electron/io/import/xlsx/read-whole')).openXlsxInMemory;

const SHEET = 'xl/worksheets/sheet1.xml';
let plain: FixtureEntry[];

beforeAll(async () => {
  plain = await plainWorkbookParts();
});

const domainsOf = async (bytes: Buffer) => (await readDomainsBuffer(bytes, 'hostile.xlsx')).rows.map((r) => [r.domain, r.tags]);
const costOf = async (bytes: Buffer) => {
  const source = bufferSource(bytes, 'hostile.xlsx');
  return workbookCost(await unpackParts(source, await readPackage(source)));
};
const afterSheetData = (xml: string) => (text: string) => text.replace('</sheetData>', `</sheetData>${xml}`);

/** Each hides a range of a million cells or more from a measure that only knows what Excel writes. */
const HIDDEN_RANGES: [string, string, (text: string) => string][] = [
  ['a merge in single quotes', SHEET, afterSheetData(`<mergeCells count="1"><mergeCell ref='B2:B1048576'/></mergeCells>`)],
  ['a merge with spaces around =', SHEET, afterSheetData(`<mergeCells count="1"><mergeCell ref = "B2:B1048576"/></mergeCells>`)],
  ['a merge before the cells', SHEET, (t) => t.replace('<sheetData>', '<mergeCells count="1"><mergeCell ref="B2:B1048576"/></mergeCells><sheetData>')],
  ['a merge before a comment that ends the cells again', SHEET, afterSheetData(`<mergeCells count="1"><mergeCell ref="B2:B1048576"/></mergeCells><!-- </sheetData> -->`)],
  ['a merge spelled with a character reference', SHEET, afterSheetData(`<mergeCells count="1"><mergeCell ref="B2&#58;B1048576"/></mergeCells>`)],
  ['a merge with a padded row number', SHEET, afterSheetData(`<mergeCells count="1"><mergeCell ref="B2:B000001048576"/></mergeCells>`)],
  ['a merge with a namespace prefix', SHEET, afterSheetData(`<x:mergeCells xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1"><x:mergeCell ref="B2:B1048576"/></x:mergeCells>`)],
  ['a validation in single quotes', SHEET, afterSheetData(`<dataValidations count="1"><dataValidation type='list' sqref='C1 C2:C1048576'><formula1>"a,b"</formula1></dataValidation></dataValidations>`)],
  ['a column definition a hundred million wide', SHEET, (t) => t.replace('<sheetData>', '<cols><col min="1" max="100000000" width="9"/></cols><sheetData>')],
  ['a row numbered four billion', SHEET, (t) => t.replace('</sheetData>', '<row r="4000000000"/></sheetData>')],
  ['a defined name over the whole sheet', 'xl/workbook.xml', (t) => t.replace('<calcPr', '<definedNames><definedName name="all">S!$A$1:$XFD$1048576</definedName></definedNames><calcPr')],
];

describe('ranges hidden from the measure', () => {
  beforeEach(() => {
    inMemory.mockReset();
    inMemory.mockImplementation(async () => {
      throw new Error('the whole-workbook reader was chosen for a workbook it would expand without bound');
    });
  });

  it.each(HIDDEN_RANGES)('%s is measured as at least a million cells, and the workbook is streamed', async (_what, part, edit) => {
    const bytes = buildZip(edited(plain, part, edit));
    const cost = await costOf(bytes);
    expect(Math.max(cost.cells, cost.lastRow)).toBeGreaterThan(1_000_000);
    // Streamed: the merge is not filled down, and every row is read.
    expect(await domainsOf(bytes)).toEqual([['a.example', { Client: 'Acme' }], ['b.example', {}], ['c.example', {}]]);
    expect(inMemory).not.toHaveBeenCalled();
  });

  it('a sheet part exceljs recognises by an unusual name is measured too', async () => {
    // exceljs matches sheet names unanchored: this part is parsed as a sheet even though no workbook lists it.
    const extra = { name: 'junk/xl/worksheets/sheet9.xml', data: String(plain.find((p) => p.name === SHEET)!.data).replace('</sheetData>', '</sheetData><dataValidations count="1"><dataValidation sqref="A1:XFD1048576"/></dataValidations>') };
    const bytes = buildZip([...plain, extra]);
    expect((await costOf(bytes)).cells).toBeGreaterThan(1_000_000);
    expect((await domainsOf(bytes)).map(([d]) => d)).toEqual(['a.example', 'b.example', 'c.example']);
    expect(inMemory).not.toHaveBeenCalled();
  });

  it("a defined name on a sheet called __proto__ is streamed, so exceljs cannot write into every object's prototype", async () => {
    const bytes = buildZip(edited(plain, 'xl/workbook.xml', (t) => t.replace('<calcPr', `<definedNames><definedName name="x">'__proto__'!$A$1</definedName></definedNames><calcPr`)));
    expect((await domainsOf(bytes)).map(([d]) => d)).toEqual(['a.example', 'b.example', 'c.example']);
    expect(inMemory).not.toHaveBeenCalled();
    expect(({} as Record<number, unknown>)[1]).toBeUndefined();
  });

  it('more merged ranges than exceljs can check against each other are streamed', async () => {
    const merges = Array.from({ length: 6_000 }, (_, i) => `<mergeCell ref="D${i + 1}:E${i + 1}"/>`).join('');
    const bytes = buildZip(edited(plain, SHEET, afterSheetData(`<mergeCells count="6000">${merges}</mergeCells>`)));
    expect(await costOf(bytes)).toMatchObject({ cells: 12_000, merges: 6_000 });
    expect((await domainsOf(bytes)).map(([d]) => d)).toEqual(['a.example', 'b.example', 'c.example']);
    expect(inMemory).not.toHaveBeenCalled();
  });
});

describe('ordinary workbooks', () => {
  beforeEach(() => {
    inMemory.mockReset();
    inMemory.mockImplementation(realInMemory);
  });

  it('a small merge, an autofilter and print titles still read whole, merges filled down', async () => {
    let parts = edited(plain, SHEET, afterSheetData('<mergeCells count="1"><mergeCell ref="B2:B4"/></mergeCells>'));
    parts = edited(parts, 'xl/workbook.xml', (t) => t.replace('<calcPr', `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">S!$A$1:$B$4</definedName><definedName name="_xlnm.Print_Titles" localSheetId="0">'S'!$A:$A,'S'!$1:$1</definedName></definedNames><calcPr`));
    const bytes = buildZip(parts);
    expect(await costOf(bytes)).toEqual({ cells: 3 + 8, merges: 1, lastRow: 4 });
    expect(await domainsOf(bytes)).toEqual([['a.example', { Client: 'Acme' }], ['b.example', { Client: 'Acme' }], ['c.example', { Client: 'Acme' }]]);
    expect(inMemory).toHaveBeenCalledTimes(1);
  });
});

describe('parts that unpack to more than they declare', () => {
  beforeEach(() => {
    inMemory.mockReset();
    inMemory.mockImplementation(realInMemory);
  });

  // 8 MB of comment deflates to a few KB: the classic bomb shape, small enough for a test.
  const padded = (text: string) => text.replace('?>', `?><!--${'a'.repeat(8 * 1024 * 1024)}-->`);

  it.each(['xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', SHEET])('%s is refused as TOO_LARGE by either reader', async (part) => {
    const declared = String(plain.find((p) => p.name === part)!.data).length;
    const bytes = buildZip(plain.map((p) => (p.name === part ? { ...p, data: padded(String(p.data)), declaredSize: declared } : p)));
    // exceljs's stream reader would inflate it all without a word; its whole-workbook reader after inflating it all.
    const streamed = await errorOf(importXlsx(bufferSource(bytes, 'bomb.xlsx'), {}, openXlsxStream));
    expect(streamed).toEqual({ code: 'TOO_LARGE', message: `bomb.xlsx is too large or damaged: ${part} unpacks to more than the ${declared} bytes it declares` });
    expect(await errorOf(readDomainsBuffer(bytes, 'bomb.xlsx'))).toEqual(streamed);
  });

  it('a part the stream reader holds whole may not declare more than its cap', async () => {
    const bytes = buildZip(plain.map((p) => (p.name === 'xl/sharedStrings.xml' ? { ...p, declaredSize: 300 * 1024 * 1024 } : p)));
    expect(await errorOf(readDomainsBuffer(bytes, 'big.xlsx'))).toEqual({ code: 'TOO_LARGE', message: 'big.xlsx is too complex: its xl/sharedStrings.xml unpacks to more than 256 MB; export the list as CSV' });
  });

  it('a part that unpacks to less than it declares is damaged', async () => {
    const bytes = buildZip(plain.map((p) => (p.name === SHEET ? { ...p, declaredSize: String(p.data).length + 10 } : p)));
    expect(await errorOf(readDomainsBuffer(bytes, 'short.xlsx'))).toEqual({ code: 'UNREADABLE', message: `short.xlsx is a damaged Excel workbook (${SHEET} unpacks to less than it declares)` });
  });
});

describe('what the readers see is what was checked', () => {
  it('an entry the central directory does not list is never read, even by the stream reader (which walks local headers)', async () => {
    const strings = String(plain.find((p) => p.name === 'xl/sharedStrings.xml')!.data);
    const hidden = { name: 'xl/sharedStrings.xml', data: strings.replace('a.example', 'evil.example'), hidden: true };
    const bytes = buildZip([...plain, hidden]);
    const r = await importXlsx(bufferSource(bytes, 'hidden.xlsx'), {}, openXlsxStream);
    expect(r.rows.map((x) => x.domain)).toEqual(['a.example', 'b.example', 'c.example']);
  });

  it('a ZIP64 end record that agrees with the plain one is read like any workbook', async () => {
    const r = await importXlsx(bufferSource(buildZip(plain, { zip64Record: true }), 'zip64.xlsx'), {}, openXlsxStream);
    expect(r.rows.map((x) => x.domain)).toEqual(['a.example', 'b.example', 'c.example']);
  });

  it('a directory holding more records than it counts is damaged', async () => {
    const bytes = buildZip([...plain, { name: 'xl/media/image1.png', data: 'x' }], { count: plain.length });
    expect((await errorOf(readDomainsBuffer(bytes, 'miscounted.xlsx'))).code).toBe('UNREADABLE');
  });
});
