/**
 * One sheet (a CSV is one sheet) from raw rows to the collector: clean every cell once, hold the first
 * LAYOUT_SAMPLE_ROWS non-blank rows to decide the layout, then stream the rest straight through.
 */
import { cleanCell } from './clean-text';
import { MAX_COLUMNS, LAYOUT_SAMPLE_ROWS } from '../limits';
import type { RawRow } from './raw-row';
import type { SheetRows } from './row-collector';
import { decideLayout, type TableLayout } from './table-layout';

export type SheetResult =
  | { kind: 'read'; layout: TableLayout; sink: SheetRows }
  | { kind: 'empty' }
  | { kind: 'unusable'; problem: 'no-domain-column' | 'unknown-column'; columns: string[] }
  /** A layout was found but `accept` refused it. */
  | { kind: 'unusable'; problem: 'few-domains'; columns: string[]; layout: TableLayout };

export interface SheetOptions {
  column?: string;
  /** Whether a sheet with this layout should be read (with several sheets, a weak guess is not enough). */
  accept(layout: TableLayout): boolean;
  /** Where the sheet's data rows go once its layout is known. */
  open(layout: TableLayout): SheetRows;
}

export async function readSheet(rows: AsyncIterable<RawRow>, opts: SheetOptions): Promise<SheetResult> {
  let sample: RawRow[] = [];
  let sink: SheetRows | undefined;
  let result: SheetResult | undefined;
  const decide = (): void => {
    const decided = decideLayout(sample, opts.column);
    if (!decided.ok) {
      result = decided.problem === 'empty' ? { kind: 'empty' } : { kind: 'unusable', problem: decided.problem, columns: decided.columns };
    } else if (!opts.accept(decided.layout)) {
      result = { kind: 'unusable', problem: 'few-domains', columns: decided.layout.columns, layout: decided.layout };
    } else {
      sink = opts.open(decided.layout);
      result = { kind: 'read', layout: decided.layout, sink };
      for (const r of sample) sink.add(r);
    }
    sample = [];
  };
  for await (const raw of rows) {
    const r = cleanRow(raw);
    if (!r) continue;
    if (sink) sink.add(r);
    else if (!result) {
      sample.push(r);
      if (sample.length >= LAYOUT_SAMPLE_ROWS) decide();
    }
    // else: an unusable sheet is read to its end so a streaming reader can move on to the next sheet.
  }
  if (!result) decide();
  return result!;
}

/** Cleaned cells without trailing empties; undefined for a blank row. */
function cleanRow(raw: RawRow): RawRow | undefined {
  if (raw.broken) return { row: raw.row, cells: [], broken: { text: cleanCell(raw.broken.text), reason: raw.broken.reason } };
  const cells = raw.cells.length > MAX_COLUMNS ? raw.cells.slice(0, MAX_COLUMNS) : raw.cells;
  const clean = cells.map(cleanCell);
  let n = clean.length;
  while (n > 0 && clean[n - 1] === '') n--;
  if (n === 0) return undefined;
  clean.length = n;
  return raw.links ? { row: raw.row, cells: clean, links: raw.links } : { row: raw.row, cells: clean };
}
