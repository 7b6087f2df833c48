/**
 * One table sheet of the streaming workbook: a frozen, filterable header row, fixed widths, and rows that are
 * committed (flushed to the zip) as they are added, pausing whenever the compressor falls behind, so memory
 * stays flat however many domains the run has.
 */
import type ExcelJS from 'exceljs';
import { yieldToEventLoop } from '../source';
import { cellValue, type CellInput } from './cell';
import { throwIfOutputFailed } from './output';

export interface ColumnSpec {
  header: string;
  width: number;
  /** Long text: wrapped and top-aligned. */
  wrap?: boolean;
}

export type CellStyle = Partial<Pick<ExcelJS.Style, 'fill' | 'font'>>;

export const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/** Uncompressed sheet XML allowed to wait for the zip's compressor before rows pause. */
const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

export function solidFill(hex: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex}` } };
}

type StreamInternals = { buffers?: unknown[]; bufSize?: number; pipes?: { writableLength?: number }[] };

/**
 * Sheet XML produced but not yet compressed. exceljs's streaming writer has no backpressure: a committed row
 * goes to the sheet's stream buffer, which writes into the zip's deflate stream without waiting, so a fast
 * producer piles the whole sheet up in memory. This reads the two queues (exceljs 4.4 internals: the
 * buffers not yet handed to the zip, and the deflate stream's pending writes); if their shape ever changes
 * it reads 0 and the writer degrades to yielding only.
 */
function backlog(sheet: ExcelJS.Worksheet): number {
  const stream = (sheet as unknown as { stream?: StreamInternals }).stream;
  const held = (stream?.buffers?.length ?? 0) * (stream?.bufSize ?? 0);
  return held + (stream?.pipes ?? []).reduce((n, p) => n + (p.writableLength ?? 0), 0);
}

export class SheetWriter {
  private rows = 1;
  private readonly sheet: ExcelJS.Worksheet;
  private readonly styles = new Map<string, Partial<ExcelJS.Style>>();

  constructor(private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, private readonly columns: ColumnSpec[], freezeColumns = 0) {
    this.sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: freezeColumns }] });
    this.sheet.columns = columns.map((c) => ({ width: c.width }));
    const header = this.sheet.addRow(columns.map((c) => cellValue(c.header)));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = HEADER_FILL;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
    header.commit();
  }

  async add(values: CellInput[], styles: (CellStyle | undefined)[] = []): Promise<void> {
    const row = this.sheet.addRow(values.map(cellValue));
    values.forEach((v, i) => {
      row.getCell(i + 1).style = this.styleOf(i, v instanceof Date, styles[i]);
    });
    row.commit();
    if (++this.rows % 50 === 0) {
      await yieldToEventLoop();
      throwIfOutputFailed(this.workbook);
      // A failed output never drains: check it on every turn, or the wait would never end.
      while (backlog(this.sheet) > MAX_BACKLOG_BYTES) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        throwIfOutputFailed(this.workbook);
      }
    }
  }

  /**
   * One shared style object per combination. exceljs recognises a style it has seen by object identity
   * (a WeakMap); the fresh object every cell gets by default costs a full style lookup per cell, which was
   * a fifth of the export time. Shared objects are assigned whole and never mutated through cell setters.
   * exceljs caches the style id per object regardless of the value's type, which is harmless here: plain
   * cells render as General either way, and dates always carry their own numFmt.
   */
  private styleOf(column: number, date: boolean, extra: CellStyle | undefined): Partial<ExcelJS.Style> {
    const wrap = this.columns[column]?.wrap ?? false;
    const key = `${column}|${date}|${JSON.stringify(extra ?? null)}`;
    let style = this.styles.get(key);
    if (!style) {
      style = {
        ...(wrap ? { alignment: { wrapText: true, vertical: 'top' } } : {}),
        ...(date ? { numFmt: DATE_FORMAT } : {}),
        ...(extra?.fill ? { fill: extra.fill } : {}),
        ...(extra?.font ? { font: extra.font } : {}),
      };
      this.styles.set(key, style);
    }
    return style;
  }

  get rowCount(): number {
    return this.rows - 1;
  }

  finish(): void {
    const lastColumn = this.sheet.getColumn(this.columns.length).letter;
    this.sheet.autoFilter = `A1:${lastColumn}${this.rows}`;
    this.sheet.commit();
  }
}
