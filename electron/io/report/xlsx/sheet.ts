/**
 * One table sheet of the streaming workbook: a frozen, filterable header row that repeats on every printed
 * page, fixed widths, A4 landscape fitted to the page width, rows as tall as their wrapped text, and rows
 * that are committed (flushed to the zip) as they are added, pausing whenever the compressor falls behind, so
 * memory stays flat however many domains the run has.
 */
import type ExcelJS from 'exceljs';
import { yieldToEventLoop } from '../source';
import type { Book } from './book';
import { cellValue, isCut, type CellInput } from './cell';
import { keepLinksInternal, releaseLinks } from './links';
import { throwIfOutputFailed } from './output';
import { RowXmlWriter, type StyleSlot } from './row-xml';

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
const LINK_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF1F4E9E' }, underline: true };

/** Default row height of 11-point Calibri, in points, and the largest height a row may have (Excel: 409). */
export const LINE_HEIGHT = 15;
export const MAX_ROW_HEIGHT = 409;

/** A4 (paperSize 9) landscape, as wide as one page and as many pages tall as needed, header row on each page. */
export const PRINT_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};

export function solidFill(hex: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex}` } };
}

const fills = new Map<string, CellStyle>();

/** A cell style with a solid fill, one shared object per colour (SheetWriter caches styles by identity). */
export function fillStyle(hex: string): CellStyle {
  let style = fills.get(hex);
  if (!style) fills.set(hex, (style = { fill: solidFill(hex) }));
  return style;
}

/**
 * Lines a wrapped cell needs at `width` (in character widths): each line of the text takes one display line
 * per `width` characters. Counting every character as a full width errs on the tall side, which leaves some
 * space where the other way would hide text under the next row.
 */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width));
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(line.length / perLine));
  return lines;
}

/** The height (points) a row needs for its wrapped cells, or undefined when one line does. */
export function rowHeight(lines: number): number | undefined {
  return lines > 1 ? Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT) : undefined;
}

type PipeInternals = { writableLength?: number; _writableState?: { length?: number } };
type StreamInternals = { buffers?: unknown[]; bufSize?: number; pipes?: PipeInternals[] };

/**
 * Sheet XML produced but not yet compressed. exceljs's streaming writer has no backpressure: a committed row
 * goes to the sheet's stream buffer, which writes into the zip's entry stream without waiting, so a fast
 * producer piles the whole sheet up in memory. This reads the two queues (exceljs 4.4 internals): the
 * buffers not yet handed to the zip, and the writes the zip's entry stream holds. That stream is archiver's
 * PassThrough from readable-stream 2, which has no `writableLength`: its count is `_writableState.length`.
 * Reading only `writableLength` once saw nothing, and 55 MB of a 100,000-domain Domains sheet waited in it.
 * If their shape ever changes it reads 0 and the writer degrades to yielding only.
 */
function backlog(sheet: ExcelJS.Worksheet): number {
  const stream = (sheet as unknown as { stream?: StreamInternals }).stream;
  const held = (stream?.buffers?.length ?? 0) * (stream?.bufSize ?? 0);
  return held + (stream?.pipes ?? []).reduce((n, p) => n + (p.writableLength ?? p._writableState?.length ?? 0), 0);
}

export class SheetWriter {
  private rows = 1;
  private readonly sheet: ExcelJS.Worksheet;
  /** Plain styles by column, date and link; styles with an extra (a fill) by that extra object, then the same. */
  private readonly plain: StyleSlot[] = [];
  private readonly extras = new Map<CellStyle, StyleSlot[]>();
  /** Data rows go around exceljs's row objects (row-xml.ts); the header row goes through them. */
  private readonly rowXml: RowXmlWriter;

  constructor(private readonly book: Book, readonly name: string, private readonly columns: ColumnSpec[], freezeColumns = 0) {
    this.sheet = book.workbook.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: 1, xSplit: freezeColumns }],
      pageSetup: { ...PRINT_SETUP, printTitlesRow: '1:1' },
    });
    keepLinksInternal(this.sheet);
    this.sheet.columns = columns.map((c) => ({ width: c.width }));
    const header = this.sheet.addRow(columns.map((c) => cellValue(c.header)));
    header.font = { bold: true };
    const headerHeight = rowHeight(Math.max(...columns.map((c) => wrappedLines(c.header, c.width))));
    if (headerHeight !== undefined) header.height = headerHeight;
    header.eachCell((cell) => {
      cell.fill = HEADER_FILL;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
    header.commit();
    this.rowXml = new RowXmlWriter(this.sheet);
  }

  async add(values: CellInput[], styles: (CellStyle | undefined)[] = []): Promise<void> {
    const slots: StyleSlot[] = [];
    let lines = 1;
    values.forEach((v, i) => {
      const link = typeof v === 'object' && v !== null && !(v instanceof Date);
      slots[i] = this.styleOf(i, v instanceof Date, link, styles[i]);
      if (typeof v === 'string') {
        if (isCut(v)) this.book.cutCells++;
        if (this.columns[i]?.wrap) lines = Math.max(lines, wrappedLines(v, this.columns[i]!.width));
      }
    });
    this.rowXml.add(values.map(cellValue), slots, rowHeight(lines));
    if (++this.rows % 50 === 0) {
      this.rowXml.flush();
      await yieldToEventLoop();
      throwIfOutputFailed(this.book.workbook);
      // A failed output never drains: check it on every turn, or the wait would never end.
      while (backlog(this.sheet) > MAX_BACKLOG_BYTES) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        throwIfOutputFailed(this.book.workbook);
      }
    }
  }

  /**
   * One shared style object per combination. exceljs recognises a style it has seen by object identity
   * (a WeakMap); the fresh object every cell gets by default costs a full style lookup per cell, which was
   * a fifth of the export time. Shared objects are never mutated. exceljs fixes a style's id at its first
   * use, with the number format that cell's type implies when the style has none, which is harmless here:
   * plain cells render as General either way, and dates always carry their own numFmt. Extras are looked up
   * by identity too (fillStyle hands out one object per colour), so no key is built per cell.
   */
  private styleOf(column: number, date: boolean, link: boolean, extra: CellStyle | undefined): StyleSlot {
    const wrap = this.columns[column]?.wrap ?? false;
    let cache = this.plain;
    if (extra) {
      cache = this.extras.get(extra) ?? [];
      this.extras.set(extra, cache);
    }
    const key = column * 4 + (date ? 2 : 0) + (link ? 1 : 0);
    let slot = cache[key];
    if (!slot) {
      const font = link ? { ...LINK_FONT, ...extra?.font } : extra?.font;
      slot = {
        style: {
          alignment: wrap ? { wrapText: true, vertical: 'top' } : { vertical: 'top' },
          ...(date ? { numFmt: DATE_FORMAT } : {}),
          ...(extra?.fill ? { fill: extra.fill } : {}),
          ...(font ? { font } : {}),
        },
      };
      cache[key] = slot;
    }
    return slot;
  }

  get rowCount(): number {
    return this.rows - 1;
  }

  finish(): void {
    const lastColumn = this.sheet.getColumn(this.columns.length).letter;
    this.rowXml.flush();
    this.sheet.autoFilter = `A1:${lastColumn}${this.rows}`;
    this.sheet.commit();
    releaseLinks(this.sheet);
  }
}
