/**
 * What every sheet writer of one workbook shares: the exceljs writer, how many data rows a sheet may hold
 * (the format's limit; tests lower it to see tables continue), and the record of what went where, which the
 * Summary (written last, shown first) prints.
 */
import type ExcelJS from 'exceljs';
import { SHEET_MAX_DATA_ROWS } from './sheet-plan';

export interface SheetPart {
  /** The table's name ("Evidence"); `name` is the sheet's own ("Evidence (2)"). */
  series: string;
  name: string;
  rows: number;
  /** First and last domain (or host) on the sheet. */
  first?: string;
  last?: string;
}

export interface Book {
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  maxRows: number;
  parts: SheetPart[];
  /** Cells whose text was cut at the 32,767-character limit. */
  cutCells: number;
}

export function newBook(workbook: ExcelJS.stream.xlsx.WorkbookWriter, maxRows = SHEET_MAX_DATA_ROWS): Book {
  return { workbook, maxRows: Math.min(maxRows, SHEET_MAX_DATA_ROWS), parts: [], cutCells: 0 };
}

/** The sheets of one table, in order. */
export function partsOf(book: Book, series: string): SheetPart[] {
  return book.parts.filter((p) => p.series === series);
}

/** Moves the sheets of these tables to the front of the record, in this order; returns them. */
export function moveToFront(book: Book, series: string[]): SheetPart[] {
  const front = series.flatMap((s) => partsOf(book, s));
  const rest = book.parts.filter((p) => !front.includes(p));
  book.parts.splice(0, book.parts.length, ...front, ...rest);
  return front;
}
