/**
 * Checks that a ZIP is an Excel workbook and how big it claims to unpack, then picks the reader: whole-workbook
 * for ordinary sizes (merged cells and link targets known), streaming for big ones and for sheets with
 * whole-column merges or validations (bounded memory either way).
 */
import type { ByteSource } from './byte-source';
import { ImportError } from './import-error';
import { MAX_EXPANDED_CELLS, MAX_IN_MEMORY_XLSX_BYTES, MAX_UNZIPPED_BYTES } from './limits';
import type { XlsxBook } from './xlsx-book';
import { expandedCells } from './xlsx-range-cost';
import { openXlsxInMemory } from './xlsx-memory';
import { openXlsxStream } from './xlsx-stream';
import { readZipDirectory, type ZipEntry } from './zip-directory';

const SHEET_PART = /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/;

export async function openXlsx(source: ByteSource): Promise<XlsxBook> {
  const entries = await readZipDirectory(source);
  if (!entries) throw new ImportError('UNREADABLE', `${source.name} looks like an Excel workbook but is damaged (its ZIP directory is missing or truncated)`);
  assertWorkbook(entries, source.name);
  const unpacked = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (unpacked > MAX_UNZIPPED_BYTES) {
    throw new ImportError('TOO_LARGE', `${source.name} unpacks to more than ${MAX_UNZIPPED_BYTES / 1048576} MB; split the workbook or export the list as CSV`);
  }
  const sheetBytes = entries.filter((e) => SHEET_PART.test(e.name)).reduce((sum, e) => sum + e.uncompressedSize, 0);
  const whole = sheetBytes <= MAX_IN_MEMORY_XLSX_BYTES && (await expandedCells(source, entries)) <= MAX_EXPANDED_CELLS;
  return whole ? openXlsxInMemory(source) : openXlsxStream(source);
}

function assertWorkbook(entries: ZipEntry[], name: string): void {
  const has = (path: string) => entries.some((e) => e.name === path);
  if (has('xl/workbook.xml')) return;
  const what = has('content.xml') && has('mimetype') ? 'an OpenDocument file (save it as .xlsx or CSV)'
    : has('xl/workbook.bin') ? 'an Excel binary workbook (.xlsb; save it as .xlsx or CSV)'
    : has('Index/Document.iwa') ? 'an Apple Numbers file (export it as .xlsx or CSV)'
    : has('word/document.xml') ? 'a Word document'
    : has('ppt/presentation.xml') ? 'a PowerPoint presentation'
    : 'a ZIP archive';
  throw new ImportError('NOT_A_TABLE', `${name} is ${what}, not a CSV or XLSX file`);
}
