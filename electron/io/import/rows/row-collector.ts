/**
 * Turns data rows into imported rows and rejects, across every sheet of one import.
 *
 * Blank rows: a fully blank row carries nothing, but a hole in a list may be a deleted or forgotten entry, so
 * blank rows *between* data rows are reported as 'empty'. Blank rows before the first data row (under titles or
 * the header) and after the last one (Excel's trailing blank lines, formatted-but-empty rows) are not data and
 * are not reported. Rows with content are never dropped: each becomes a domain or a reject with its reason.
 */
import { bounded, detached } from './clean-text';
import type { ImportedRow, RejectedRow } from './domains-file';
import { domainFromCell } from './domain-cell';
import { ImportError } from '../../import-error';
import { MAX_COLUMNS, MAX_ROWS, MAX_TAG_CHARS } from '../limits';
import type { RawRow } from './raw-row';
import { uniqueName, type TableLayout } from './table-layout';
import { SHEET_TAG } from '../../../../shared/import-sheets';

export class RowCollector {
  readonly rows: ImportedRow[] = [];
  readonly rejects: RejectedRow[] = [];
  private readonly seen = new Map<string, { row: number; sheet?: string }>();

  /** Starts a sheet (CSV: the file); `sheet` is given when several sheets may contribute. */
  sheet(layout: TableLayout, sheet?: string): SheetRows {
    return new SheetRows(this, layout, sheet);
  }

  /** Every row is kept in memory for the caller, so the row cap is a cap on what is kept. */
  keep(entry: { kind: 'row'; value: ImportedRow } | { kind: 'reject'; value: RejectedRow }): void {
    if (this.rows.length + this.rejects.length >= MAX_ROWS) {
      throw new ImportError('TOO_LARGE', `more than ${MAX_ROWS.toLocaleString('en')} rows; split the list into several files`);
    }
    if (entry.kind === 'row') this.rows.push(entry.value);
    else this.rejects.push(entry.value);
  }

  /** The first row with this domain, or undefined (and remembers this one). */
  firstWith(domain: string, row: number, sheet?: string): { row: number; sheet?: string } | undefined {
    const first = this.seen.get(domain);
    if (!first) this.seen.set(domain, { row, sheet });
    return first;
  }
}

export class SheetRows {
  /** Column names, grown when a data row is wider than the header. */
  readonly columns: string[];
  private readonly used: Set<string>;
  private readonly headerDomain?: string;
  private last = 0;
  private started = false;
  private readonly sheetTag: boolean;

  constructor(private readonly out: RowCollector, private readonly layout: TableLayout, private readonly sheet?: string) {
    this.columns = [...layout.columns];
    this.used = new Set(this.columns.map((c) => c.toLowerCase()));
    this.sheetTag = sheet !== undefined && !this.used.has(SHEET_TAG);
    if (layout.headerRow !== undefined) this.headerDomain = layout.columns[layout.domainIndex]!.toLowerCase();
  }

  /** Whether rows of this sheet carry the `sheet` tag (false when a column already has that name). */
  get tagsSheet(): boolean {
    return this.sheetTag;
  }

  /** A non-blank row with cleaned cells, in row order. */
  add(r: RawRow): void {
    if (this.layout.headerRow !== undefined && r.row <= this.layout.headerRow) return;
    if (this.started) for (let n = this.last + 1; n < r.row; n++) this.reject(n, '', 'empty');
    this.started = true;
    this.last = r.row;
    if (r.broken) return this.reject(r.row, r.broken.text, r.broken.reason);
    const text = r.cells[this.layout.domainIndex] ?? '';
    if (text === '') return this.reject(r.row, '', 'empty');
    if (text.toLowerCase() === this.headerDomain) return this.reject(r.row, text, 'a repeated header row');
    const found = domainFromCell(text, r.links?.[this.layout.domainIndex]);
    if (!found.ok) return this.reject(r.row, text, found.reason);
    const first = this.out.firstWith(found.domain, r.row, this.sheet);
    if (first) {
      const where = first.sheet !== this.sheet ? ` on sheet "${first.sheet}"` : '';
      return this.reject(r.row, text, `duplicate of row ${first.row}${where}`);
    }
    // Everything kept is detached from the reader's text (see detached).
    const input = detached(bounded(text, MAX_TAG_CHARS));
    const row: ImportedRow = { row: r.row, input, domain: found.domain === text ? input : detached(found.domain), tags: this.tags(r) };
    if (this.sheet !== undefined) row.sheet = this.sheet;
    this.out.keep({ kind: 'row', value: row });
  }

  private reject(row: number, value: string, reason: string): void {
    const reject: RejectedRow = { row, value: detached(bounded(value, MAX_TAG_CHARS)), reason };
    if (this.sheet !== undefined) reject.sheet = this.sheet;
    this.out.keep({ kind: 'reject', value: reject });
  }

  /**
   * Object.fromEntries defines own properties, so a column called "__proto__" is an ordinary tag rather than
   * a prototype change.
   */
  private tags(r: RawRow): Record<string, string> {
    const entries: [string, string][] = [];
    const n = Math.min(r.cells.length, MAX_COLUMNS);
    for (let i = 0; i < n; i++) {
      const text = r.cells[i]!;
      if (i === this.layout.domainIndex || text === '') continue;
      entries.push([this.columnName(i), detached(bounded(text, MAX_TAG_CHARS))]);
    }
    if (this.sheetTag) entries.push([SHEET_TAG, this.sheet!]);
    return Object.fromEntries(entries);
  }

  private columnName(i: number): string {
    while (this.columns.length <= i) this.columns.push(uniqueName(`column ${this.columns.length + 1}`, this.used));
    return this.columns[i]!;
  }
}
