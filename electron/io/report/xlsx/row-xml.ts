/**
 * A data row's sheet XML, written straight into exceljs's sheet stream. exceljs builds a Row, a Cell per
 * value, a model per cell and an XML node tree per row before it renders one string; at 20,000 domains
 * (about 400,000 rows, 4 million cells) that object churn and the garbage it leaves were about a third of the
 * export's CPU time. This renders the same markup exceljs 4.4 renders for the cells SheetWriter writes
 * (inline strings `t="str"`, numbers, dates as serial numbers, empty styled cells, internal links), taking
 * each style's id from exceljs's own style table, so the file reads back exactly as before.
 *
 * Only values that went through cellValue (cell.ts) reach here: strings already free of the characters XML
 * forbids, finite numbers, valid dates, links and null.
 */
import type ExcelJS from 'exceljs';
import type { CellValue } from './cell';

/** exceljs's ValueType codes (doc/enums.js) that decide a style's default number format on first use. */
const VALUE_TYPE = { Null: 0, Number: 2, String: 3, Date: 4, Hyperlink: 5 } as const;

type StyleTable = { addStyleModel(style: object, type: number): number };
type LinkSink = { push(link: { address: string; target: string; tooltip?: string }): void };
type SheetInternals = {
  _workbook: { styles: StyleTable };
  _sheetRelsWriter: { hyperlinksProxy: LinkSink };
  _rows: unknown[];
  _rowZero: number;
  stream: { write(data: string): unknown };
};

/** Column letters, A to XFD, as needed. */
const letters: string[] = [];
function columnLetter(index: number): string {
  let l = letters[index];
  if (l === undefined) {
    l = '';
    for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) l = String.fromCharCode(65 + ((n - 1) % 26)) + l;
    letters[index] = l;
  }
  return l;
}

const ESCAPE = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;
const ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** exceljs's xmlEncode: the five entities, and the characters XML cannot carry dropped. */
export function xmlText(text: string): string {
  if (!ESCAPE.test(text)) return text;
  return text.replace(/[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '');
}

/** Excel's serial date (1900 system), as exceljs computes it. */
function excelDate(d: Date): number {
  return 25569 + d.getTime() / (24 * 3600 * 1000);
}

/** One shared style object and, once a cell has used it, exceljs's id for it. */
export interface StyleSlot {
  style: Partial<ExcelJS.Style>;
  id?: number;
}

export class RowXmlWriter {
  private readonly sheet: SheetInternals;
  private pending: string[] = [];

  constructor(sheet: ExcelJS.Worksheet) {
    const s = sheet as unknown as Partial<SheetInternals>;
    if (!s._workbook?.styles || !s._sheetRelsWriter || !Array.isArray(s._rows) || typeof s._rowZero !== 'number' || !s.stream) {
      throw new Error('exceljs internals changed: cannot write rows directly');
    }
    this.sheet = s as SheetInternals;
  }

  /**
   * Appends the next row (exceljs's rows before it must all be committed). `height` in points, or undefined
   * for the default; each cell gets its slot's style.
   */
  add(values: CellValue[], slots: StyleSlot[], height: number | undefined): void {
    const s = this.sheet;
    if (s._rows.length !== 0) throw new Error('uncommitted exceljs rows before a directly written row');
    const r = s._rowZero++;
    let xml = `<row r="${r}"${height !== undefined ? ` ht="${height}" customHeight="1"` : ''} spans="1:${values.length}" x14ac:dyDescent="0.25">`;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const address = `${columnLetter(i)}${r}`;
      const type = v === null || v === undefined ? VALUE_TYPE.Null : typeof v === 'string' ? VALUE_TYPE.String
        : typeof v === 'number' ? VALUE_TYPE.Number : v instanceof Date ? VALUE_TYPE.Date : VALUE_TYPE.Hyperlink;
      const slot = slots[i]!;
      // exceljs keys a style's id by the object and fixes it at first use (with that cell's type).
      slot.id ??= s._workbook.styles.addStyleModel(slot.style, type);
      const style = slot.id ? ` s="${slot.id}"` : '';
      switch (type) {
        case VALUE_TYPE.Null:
          if (style) xml += `<c r="${address}"${style}/>`;
          break;
        case VALUE_TYPE.String:
          xml += `<c r="${address}"${style} t="str"><v>${xmlText(v as string)}</v></c>`;
          break;
        case VALUE_TYPE.Number:
          xml += `<c r="${address}"${style}><v>${v as number}</v></c>`;
          break;
        case VALUE_TYPE.Date:
          xml += `<c r="${address}"${style}><v>${excelDate(v as Date)}</v></c>`;
          break;
        default: {
          const link = v as { text: string; hyperlink: string };
          s._sheetRelsWriter.hyperlinksProxy.push({ address, target: link.hyperlink, tooltip: undefined });
          xml += `<c r="${address}"${style} t="str"><v>${xmlText(link.text)}</v></c>`;
        }
      }
    }
    this.pending.push(`${xml}</row>`);
  }

  /** Hands the rows written so far to the sheet's stream (before any exceljs write, and to let the zip work). */
  flush(): void {
    if (this.pending.length === 0) return;
    this.sheet.stream.write(this.pending.join(''));
    this.pending = [];
  }
}
