/**
 * Reads a whole workbook with exceljs: the only way to know merged ranges and hyperlink targets, which sit after
 * the cells in the sheet XML. Used for workbooks small enough to hold, whose ranges were measured first (see
 * open-xlsx.ts); exceljs is given the checked, rewritten package (package-parts.ts), not the file.
 */
import ExcelJS from 'exceljs';
import type { ByteSource } from '../../byte-source';
import { ImportError } from '../../import-error';
import type { RawRow } from '../rows/raw-row';
import type { XlsxBook } from './book';
import { cellLink, cellText } from './cell-text';
import { packageBuffer, readPackage, unpackParts, type XlsxPart } from './package-parts';

/** `parts`: the package as openXlsx already unpacked and measured it (unpacked here when not given). */
export async function openXlsxInMemory(source: ByteSource, parts?: XlsxPart[]): Promise<XlsxBook> {
  const bytes = await packageBuffer(parts ?? (await unpackParts(source, await readPackage(source))));
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own global `Buffer extends ArrayBuffer`, which Node's Buffer type does not satisfy.
    await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch (err) {
    throw new ImportError('UNREADABLE', `${source.name} could not be read as an Excel workbook (${err instanceof Error ? err.message : String(err)})`);
  }
  const worksheets = workbook.worksheets;
  return {
    names: worksheets.map((ws) => ws.name),
    sheets: (async function* () {
      for (const ws of worksheets) yield { name: ws.name, rows: rowsOf(ws) };
    })(),
    close: () => undefined,
  };
}

async function* rowsOf(ws: ExcelJS.Worksheet): AsyncGenerator<RawRow> {
  const rows: RawRow[] = [];
  ws.eachRow((row, number) => rows.push(rowOf(row, number)));
  yield* rows;
}

/**
 * A merged range shows its value once, but a range merged down a column (a client name spanning its domains)
 * means "this value for each of these rows", so it is copied down that column. Cells merged in from the left
 * stay empty, so a title merged across the top does not become a row of identical headers. A row whose only
 * content is copied down is blank: a merge running past the end of the list adds no rows.
 */
function rowOf(row: ExcelJS.Row, number: number): RawRow {
  const cells: string[] = [];
  let links: (string | undefined)[] | undefined;
  let own = false;
  row.eachCell((cell, col) => {
    const master = cell.isMerged ? cell.master : cell;
    if (master !== cell && Number(master.col) !== col) return;
    const value = master.value;
    const text = cellText(value, master.numFmt);
    cells[col - 1] = text;
    if (master === cell && text.trim() !== '') own = true;
    const link = cellLink(value);
    if (link) (links ??= [])[col - 1] = link;
  });
  if (!own) return { row: number, cells: [] };
  for (let i = 0; i < cells.length; i++) cells[i] ??= '';
  return links ? { row: number, cells, links } : { row: number, cells };
}
