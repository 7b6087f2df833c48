/**
 * Where rows land when a table outgrows one sheet. A sheet holds 1,048,576 rows, header included; past that
 * a spreadsheet program silently drops the rest (LibreOffice keeps the first 1,048,576 and says nothing). So
 * a table continues on "Evidence (2)", "Evidence (3)" … with the same header. A domain's rows stay together
 * on one sheet whenever they fit in what is left of it, so a link to a domain's first row shows all of them.
 *
 * The plan is pure arithmetic on row counts: the writer follows it row by row, and an earlier sheet (the
 * Domains sheet, written before Evidence) replays it with the same counts to know where its links point.
 */

/** Rows a sheet can hold (ECMA-376 / Excel's limit), and the data rows left under a one-row header. */
export const SHEET_MAX_ROWS = 1_048_576;
export const SHEET_MAX_DATA_ROWS = SHEET_MAX_ROWS - 1;
/** Columns a sheet can hold (XFD). */
export const SHEET_MAX_COLUMNS = 16_384;

export interface RowPosition {
  /** 0 for the first sheet of the series. */
  index: number;
  sheet: string;
  /** 1-based row number on that sheet (row 1 is the header). */
  row: number;
}

export function seriesSheetName(base: string, index: number): string {
  return index === 0 ? base : `${base} (${index + 1})`;
}

export class SheetPlan {
  private index = 0;
  private used = 0;

  constructor(readonly base: string, readonly capacity: number = SHEET_MAX_DATA_ROWS) {
    if (!(capacity >= 1)) throw new RangeError(`a sheet must hold at least one data row (got ${capacity})`);
  }

  /** Starts a new sheet when a block of `rows` would not fit in what is left but fits on a sheet of its own. */
  keepTogether(rows: number): void {
    if (this.used > 0 && rows <= this.capacity && this.used + rows > this.capacity) this.next();
  }

  /** The position of the first of `rows` rows placed now (undefined for none); the rest follow, wrapping. */
  place(rows: number): RowPosition | undefined {
    if (rows <= 0) return undefined;
    if (this.used === this.capacity) this.next();
    const first: RowPosition = { index: this.index, sheet: seriesSheetName(this.base, this.index), row: this.used + 2 };
    let left = rows;
    while (left > 0) {
      if (this.used === this.capacity) this.next();
      const take = Math.min(left, this.capacity - this.used);
      this.used += take;
      left -= take;
    }
    return first;
  }

  /** A block placed as the writer places it: kept together, then its first row. */
  placeBlock(rows: number): RowPosition | undefined {
    this.keepTogether(rows);
    return this.place(rows);
  }

  private next(): void {
    this.index++;
    this.used = 0;
  }
}
