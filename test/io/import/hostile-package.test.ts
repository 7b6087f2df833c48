/**
 * Workbooks that used to end in exceljs's or V8's own words ("Cannot read properties of undefined", "Invalid
 * string length"): ZIP directory records that share one part, and a cell longer than any string can be. Each
 * is refused before inflating (overlap) or within the first megabyte of the cell, with what is wrong in words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readDomainsBuffer } from '../../../electron/io/read-domains';
import { errorOf } from './fixtures';
import { buildZip, hugeCellWorkbook, plainWorkbookParts, sharedPartWorkbook, SHEET, type FixtureEntry } from './zip-fixture';

let plain: FixtureEntry[];

beforeAll(async () => {
  plain = await plainWorkbookParts();
});

describe('overlapping ZIP entries', () => {
  it('refuses 100 directory records sharing one 10 MB part before inflating any of it', async () => {
    const bytes = await sharedPartWorkbook(plain);
    expect(bytes.length).toBeLessThan(64 * 1024);
    const e = await errorOf(readDomainsBuffer(bytes, 'shared.xlsx'));
    expect(e).toEqual({
      code: 'UNREADABLE',
      message: `shared.xlsx looks like an Excel workbook but is damaged (its ZIP directory points "${SHEET}" and "xl/worksheets/sheet2.xml" at the same bytes (entries that share data can unpack a file many times over))`,
    });
  });

  it('refuses one record whose part runs into the next entry', async () => {
    const zip = buildZip(plain);
    // Move the second entry's record 10 bytes back, into the data of the first.
    const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 5, 6]));
    const dir = zip.readUInt32LE(eocd + 16);
    const second = dir + 46 + zip.readUInt16LE(dir + 28) + zip.readUInt16LE(dir + 30) + zip.readUInt16LE(dir + 32);
    zip.writeUInt32LE(zip.readUInt32LE(second + 42) - 10, second + 42);
    const e = await errorOf(readDomainsBuffer(zip, 'overlap.xlsx'));
    expect(e.code).toBe('UNREADABLE');
    expect(e.message).toMatch(/^overlap\.xlsx looks like an Excel workbook but is damaged \(its ZIP directory lists entries that overlap \(".+" runs into ".+"\)\)$/);
  });

  it('still reads the untouched workbook', async () => {
    expect((await readDomainsBuffer(buildZip(plain), 'plain.xlsx')).rows.map((r) => r.domain)).toEqual(['a.example', 'b.example', 'c.example']);
  });
});

describe('a cell longer than Excel allows', () => {
  it('is refused in words in a workbook read whole (2 MB cell)', async () => {
    const e = await errorOf(readDomainsBuffer(await hugeCellWorkbook(plain, 2 * 1024 * 1024), 'long.xlsx'));
    expect(e.code).toBe('TOO_LARGE');
    expect(e.message).toBe(`long.xlsx cannot be read: ${SHEET} holds a cell (or tag) of more than 1 MB of text, far beyond Excel's limit of 32,767 characters per cell; the file was not saved by Excel or is damaged`);
  });

  it('is refused in words when streamed, past V8\'s longest string (540 million characters)', async () => {
    const bytes = await hugeCellWorkbook(plain, 540_000_000);
    const e = await errorOf(readDomainsBuffer(bytes, 'huge.xlsx'));
    expect(e.code).toBe('TOO_LARGE');
    expect(e.message).toContain(`${SHEET} holds a cell (or tag) of more than 1 MB of text`);
  }, 60_000);
});
