/**
 * Checks that a ZIP is an Excel workbook within the size caps, then picks the reader: whole-workbook for small
 * workbooks whose ranges are provably cheap to load (merged cells and link targets known), streaming for the
 * rest (bounded memory either way).
 */
import type { ByteSource } from '../../byte-source';
import { MAX_IN_MEMORY_UNZIPPED_BYTES, MAX_IN_MEMORY_XLSX_BYTES } from '../limits';
import type { XlsxBook } from './book';
import { isExceljsSheet, readPackage, unpackParts } from './package-parts';
import { fitsInMemory, workbookCost } from './range-cost';
import { openXlsxInMemory } from './read-whole';
import { openXlsxStream } from './read-streamed';
import type { ZipEntry } from '../../zip/directory';

export async function openXlsx(source: ByteSource): Promise<XlsxBook> {
  const entries = await readPackage(source);
  if (smallEnough(entries)) {
    const parts = await unpackParts(source, entries);
    if (fitsInMemory(workbookCost(parts))) return openXlsxInMemory(source, parts);
  }
  return openXlsxStream(source, undefined, entries);
}

function smallEnough(entries: ZipEntry[]): boolean {
  const size = (list: ZipEntry[]) => list.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const sheetBytes = size(entries.filter((e) => isExceljsSheet(e.name) || e.name === 'xl/sharedStrings.xml'));
  return sheetBytes <= MAX_IN_MEMORY_XLSX_BYTES && size(entries) <= MAX_IN_MEMORY_UNZIPPED_BYTES;
}
