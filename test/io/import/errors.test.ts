import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { readDomainsBuffer, readDomainsFile } from '../../../electron/io/read-domains';
import { bufferSource } from '../../../electron/io/byte-source';
import { importXlsx } from '../../../electron/io/import/xlsx/import-xlsx';
import { openXlsxStream } from '../../../electron/io/import/xlsx/read-streamed';
import { errorOf, tempFiles, writeWorkbook } from './fixtures';

const files = tempFiles();

/** Deterministic "random" bytes (no Math.random in tests). */
function garbage(n: number, seed = 7): Buffer {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function zipOf(entries: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

const read = (name: string, content: string | Buffer) => readDomainsFile(files.write(name, content));

describe('files that cannot be read at all', () => {
  it.each([
    ['an empty file', 'empty.csv', ''],
    ['only a BOM', 'bom.csv', Buffer.from([0xef, 0xbb, 0xbf])],
    ['only blank lines', 'blank.csv', '\n\r\n  \n,,,\n'],
  ])('%s is EMPTY', async (_what, name, content) => {
    expect((await errorOf(read(name, content))).code).toBe('EMPTY');
  });

  it('binary garbage is NOT_A_TABLE, whatever its name', async () => {
    for (const name of ['garbage.csv', 'garbage.xlsx', 'garbage.bin']) {
      const e = await errorOf(read(name, garbage(50_000)));
      expect(e.code).toBe('NOT_A_TABLE');
      expect(e.message).toContain(name.endsWith('.xlsx') ? 'not a valid Excel workbook' : 'binary');
    }
  });

  it('an .xlsx that is no workbook package is reported as a damaged workbook, not read as CSV', async () => {
    expect(await errorOf(read('corrupt.xlsx', 'this is not a zip file at all'))).toEqual({
      code: 'NOT_A_TABLE',
      message: 'corrupt.xlsx is not a valid Excel workbook (it is damaged, or not really an .xlsx file); open it in Excel and save it again as .xlsx or CSV',
    });
  });

  it('names the usual wrong files', async () => {
    expect((await errorOf(read('doc.pdf', '%PDF-1.7\n...'))).message).toContain('PDF');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), garbage(512)]);
    expect((await errorOf(read('old.xls', xls))).message).toContain('.xls');
    const docx = await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(await errorOf(read('letter.xlsx', docx))).toEqual({ code: 'NOT_A_TABLE', message: 'letter.xlsx is a Word document, not a CSV or XLSX file' });
    const ods = await zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' });
    expect((await errorOf(read('sheet.ods', ods))).message).toContain('OpenDocument');
  });

  it('a damaged workbook is UNREADABLE, never a crash', async () => {
    const good = await writeWorkbook(path.join(files.dir, 'good.xlsx'), (wb) => wb.addWorksheet('S').addRow(['domain', 'a.example']));
    const bytes = fs.readFileSync(good);
    expect((await errorOf(read('truncated.xlsx', bytes.subarray(0, bytes.length >> 1)))).code).toBe('UNREADABLE');
    const corrupt = Buffer.from(bytes);
    garbage(400, 3).copy(corrupt, 200);
    expect((await errorOf(read('corrupt.xlsx', corrupt))).code).toBe('UNREADABLE');
    const fake = await zipOf({ 'xl/workbook.xml': 'not xml at all <<<', '[Content_Types].xml': 'nope' });
    expect((await errorOf(read('fake.xlsx', fake))).code).toBe('UNREADABLE');
  });

  it('a damaged workbook is UNREADABLE through the streaming reader too, even where exceljs would wait forever', async () => {
    // Written as Excel writes: sheet XML before the shared strings, which exceljs's stream reader buffers in a temp file.
    const file = path.join(files.dir, 'good-stream.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = writer.addWorksheet('S');
    for (let i = 0; i < 20_000; i++) ws.addRow([`d${i}.example`, `owner ${i}`]).commit();
    ws.commit();
    await writer.commit();
    const bytes = fs.readFileSync(file);
    const streamed = (b: Buffer) => importXlsx(bufferSource(b, 'damaged.xlsx'), {}, (src) => openXlsxStream(src, 1_000));
    expect((await streamed(bytes)).rows).toHaveLength(20_000);
    expect((await errorOf(streamed(bytes.subarray(0, bytes.length >> 1)))).code).toBe('UNREADABLE');
    // Corrupt deflate data is now caught while the package is unpacked for exceljs (package-parts.ts), before
    // exceljs's stream reader could wait on it; the stall watch stays as the guard behind that.
    const corrupt = Buffer.from(bytes);
    garbage(2000, 5).copy(corrupt, bytes.length >> 2);
    expect(await errorOf(streamed(corrupt))).toEqual({ code: 'UNREADABLE', message: 'damaged.xlsx is a damaged Excel workbook (xl/worksheets/sheet1.xml cannot be unpacked)' });
  });

  it('a path that is missing or a directory is UNREADABLE', async () => {
    expect(await errorOf(readDomainsFile(path.join(files.dir, 'nope.csv')))).toEqual({ code: 'UNREADABLE', message: 'no such file: nope.csv' });
    expect((await errorOf(readDomainsFile(files.dir))).code).toBe('UNREADABLE');
  });

  it('a sheet asked of a CSV is UNKNOWN_SHEET', async () => {
    expect((await errorOf(readDomainsBuffer(Buffer.from('domain\na.example\n'), 'list.csv', { sheet: 'Sheet1' }))).code).toBe('UNKNOWN_SHEET');
  });

  it('reads bytes dropped on the window like a file', async () => {
    const r = await readDomainsBuffer(Buffer.from('domain\nexample.net\n'), 'C:\\Users\\me\\dropped.csv');
    expect(r.rows.map((x) => x.domain)).toEqual(['example.net']);
  });
});
