/**
 * A table that may span several sheets: rows go where the SheetPlan puts them, a new sheet (same columns,
 * same header) opens when one is full, and each sheet's row count and first and last key are recorded for
 * the Summary. Callers add a domain's rows as one block so they stay together.
 */
import type { Book, SheetPart } from './book';
import type { CellInput } from './cell';
import { SheetPlan } from './sheet-plan';
import { SheetWriter, type CellStyle, type ColumnSpec } from './sheet';

export interface TableRow {
  values: CellInput[];
  styles?: (CellStyle | undefined)[];
}

export class SheetSeries {
  readonly plan: SheetPlan;
  private sheet: SheetWriter | undefined;
  private part: SheetPart | undefined;
  private index = -1;

  constructor(private readonly book: Book, readonly base: string, private readonly columns: ColumnSpec[], private readonly freezeColumns = 0) {
    this.plan = new SheetPlan(base, book.maxRows);
  }

  /** Adds one key's rows (a domain's, a host's) kept together on one sheet when they fit. */
  async addBlock(key: string, rows: TableRow[]): Promise<void> {
    this.plan.keepTogether(rows.length);
    for (const row of rows) {
      const at = this.plan.place(1)!;
      this.open(at.index, at.sheet);
      await this.sheet!.add(row.values, row.styles);
      this.part!.rows++;
      this.part!.first ??= key;
      this.part!.last = key;
    }
  }

  add(key: string, values: CellInput[], styles?: (CellStyle | undefined)[]): Promise<void> {
    return this.addBlock(key, [{ values, styles }]);
  }

  /** Data rows written across all sheets. */
  get rowCount(): number {
    return this.book.parts.filter((p) => p.series === this.base).reduce((n, p) => n + p.rows, 0);
  }

  /** Closes the last sheet; a table without rows still gets its (empty) first sheet. */
  finish(): void {
    if (!this.sheet) this.open(0, this.plan.base);
    this.sheet!.finish();
  }

  private open(index: number, name: string): void {
    if (index === this.index) return;
    this.sheet?.finish();
    this.index = index;
    this.sheet = new SheetWriter(this.book, name, this.columns, this.freezeColumns);
    this.part = { series: this.base, name, rows: 0 };
    this.book.parts.push(this.part);
  }
}
