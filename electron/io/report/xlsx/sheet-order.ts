/**
 * Showing sheets first that were written later. exceljs's streaming writer opens a sheet's part of the zip
 * when the sheet is added, and the zip takes its parts one after another: a Summary added first but filled in
 * last would hold every later sheet in memory until the end. So the Summary is added last (its part comes
 * last in the zip, which no reader cares about) and then moved to the front of the sheet list, which is the
 * order workbook.xml gives the tabs (exceljs 4.4 keeps it in `_worksheets`, indexed by sheet id, slot 0 empty;
 * ids and file names stay as they are). The workbook's Actions sheets move the same way: they are written
 * after Domains, whose pass derives the actions. Should that shape change, this throws rather than misorder tabs.
 */
import type ExcelJS from 'exceljs';

export function showFirst(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheets: ExcelJS.Worksheet[]): void {
  const list = (workbook as unknown as { _worksheets?: (ExcelJS.Worksheet | undefined)[] })._worksheets;
  if (!Array.isArray(list) || !sheets.every((s) => list.includes(s))) throw new Error('exceljs internals changed: cannot order the sheets');
  const rest = list.filter((s): s is ExcelJS.Worksheet => s !== undefined && !sheets.includes(s));
  // Slot 0 stays a hole, not an undefined entry: exceljs maps over the list, and map skips holes only.
  list.length = 0;
  [...sheets, ...rest].forEach((s, i) => {
    list[i + 1] = s;
  });
}
