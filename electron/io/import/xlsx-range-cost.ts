/**
 * Cells exceljs would create on its own while loading a workbook whole: it materialises every cell of a merged
 * range and every cell a data validation covers. Client sheets often merge or validate whole columns
 * (B2:B1048576 is a million cells, ~1 s and ~170 MB each), so such workbooks go to the streaming reader instead.
 * Only the part of each sheet XML after the cell data is looked at, where those ranges live.
 */
import type { ByteSource } from './byte-source';
import { ImportError } from './import-error';
import { readZipEntry, type ZipEntry } from './zip-directory';

const SHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const RANGES = /<(?:mergeCell|dataValidation)\b[^>]*?\b(?:ref|sqref)="([^"]*)"/g;
const CELL_RANGE = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/;

/** Sum over every sheet. A sheet that cannot be unpacked means a damaged file: UNREADABLE. */
export async function expandedCells(source: ByteSource, entries: ZipEntry[]): Promise<number> {
  let total = 0;
  for (const entry of entries.filter((e) => SHEET.test(e.name))) {
    const xml = await readZipEntry(source, entry);
    if (!Buffer.isBuffer(xml)) throw new ImportError('UNREADABLE', `${source.name} is a damaged Excel workbook (${xml.problem})`);
    const tail = xml.subarray(Math.max(0, xml.lastIndexOf('</sheetData>'))).toString('utf8');
    for (const m of tail.matchAll(RANGES)) total += rangeCells(m[1]!);
  }
  return total;
}

/** `A1:B3 D5` → 7. */
export function rangeCells(sqref: string): number {
  let cells = 0;
  for (const ref of sqref.trim().split(/\s+/)) {
    const m = CELL_RANGE.exec(ref.toUpperCase());
    if (!m) continue;
    const cols = Math.abs(column(m[3] ?? m[1]!) - column(m[1]!)) + 1;
    const rows = Math.abs(Number(m[4] ?? m[2]) - Number(m[2])) + 1;
    cells += cols * rows;
  }
  return cells;
}

function column(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
