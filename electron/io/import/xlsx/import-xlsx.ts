/**
 * An XLSX workbook → DomainsFile. Without a chosen sheet every sheet is read, because client workbooks often
 * split an estate by subsidiary or region over several sheets; with more than one sheet, a sheet is read only
 * when it plainly lists domains (a header naming the column, or mostly domains in it), so "Notes" or
 * "Instructions" sheets are listed in `skippedSheets` instead of flooding the rejects.
 */
import type { ByteSource } from '../../byte-source';
import type { DomainsFile, ReadOptions, SkippedSheet } from '../rows/domains-file';
import { ImportError, quoteList } from '../../import-error';
import { openXlsx } from './open-xlsx';
import { readSheet, type SheetResult } from '../rows/read-sheet';
import { RowCollector, type SheetRows } from '../rows/row-collector';
import { SHEET_TAG } from '../../../../shared/import-sheets';
import { sheetError } from '../rows/sheet-errors';
import type { TableLayout } from '../rows/table-layout';
import type { XlsxBook } from './book';
import { ALL_SHEETS } from '../../../../shared/import-sheets';

/** With several sheets, a column guessed from content alone must be at least this share domains. */
const MIN_SHARE_OTHER_SHEETS = 0.3;

type Read = Extract<SheetResult, { kind: 'read' }> & { name: string };
type Unread = { name: string; result: Exclude<SheetResult, { kind: 'read' }> };

/** `open` picks the reader; tests and the measurement script pass one to force the whole-workbook or streaming path. */
export async function importXlsx(source: ByteSource, opts: ReadOptions, open: (source: ByteSource) => Promise<XlsxBook> = openXlsx): Promise<DomainsFile> {
  const book = await open(source);
  try {
    if (book.names.length === 0) throw new ImportError('EMPTY', `${source.name} has no worksheets`);
    const wanted = pickSheet(book.names, opts.sheet, source.name);
    const several = wanted === ALL_SHEETS && book.names.length > 1;
    const collector = new RowCollector();
    const read: Read[] = [];
    const unread: Unread[] = [];
    for await (const sheet of book.sheets) {
      if (wanted !== ALL_SHEETS && sheet.name !== wanted) continue;
      const result = await readSheet(sheet.rows, {
        column: opts.column,
        accept: (layout) => !several || acceptable(layout),
        open: (layout) => collector.sheet(layout, several ? sheet.name : undefined),
      });
      if (result.kind === 'read') read.push({ ...result, name: sheet.name });
      else unread.push({ name: sheet.name, result });
    }
    if (read.length === 0) throw nothingRead(unread, wanted, source.name, opts.column);
    if (read.length === 1 && several) forgetSheet(collector, read[0]!.sink);
    const first = read[0]!;
    const skippedSheets = skipped(unread);
    return {
      format: 'xlsx',
      sheet: wanted !== ALL_SHEETS ? wanted : read.length === 1 ? first.name : ALL_SHEETS,
      sheets: book.names,
      ...(several && skippedSheets.length > 0 ? { skippedSheets } : {}),
      headerRow: first.layout.headerRow,
      domainColumn: first.layout.columns[first.layout.domainIndex]!,
      columns: unionOf(read.map((r) => r.sink.columns)),
      rows: collector.rows,
      rejects: collector.rejects,
    };
  } finally {
    book.close();
  }
}

/** Exact name, else case-insensitive, else 'all sheets' / '*', else a 1-based number. */
function pickSheet(names: string[], sheet: string | undefined, file: string): string {
  if (sheet === undefined || sheet === '') return ALL_SHEETS;
  if (names.includes(sheet)) return sheet;
  const want = sheet.trim().toLowerCase();
  const named = names.find((n) => n.trim().toLowerCase() === want);
  if (named !== undefined) return named;
  if (want === ALL_SHEETS || want === 'all' || want === '*') return ALL_SHEETS;
  if (/^\d{1,4}$/.test(want) && Number(want) >= 1 && Number(want) <= names.length) return names[Number(want) - 1]!;
  throw new ImportError('UNKNOWN_SHEET', `${file} has no sheet "${sheet}" (sheets: ${quoteList(names)}; or "${ALL_SHEETS}")`);
}

/**
 * With several sheets, a sheet is read when its domain column plainly holds domains: a named header column with
 * at least one below it, a column guessed from content with MIN_SHARE_OTHER_SHEETS, or the column asked for.
 */
function acceptable(layout: TableLayout): boolean {
  switch (layout.basis) {
    case 'choice':
      return true;
    case 'header':
      return layout.share > 0;
    case 'content':
      return layout.share >= MIN_SHARE_OTHER_SHEETS;
  }
}

function nothingRead(unread: Unread[], wanted: string, file: string, column?: string): ImportError {
  if (wanted !== ALL_SHEETS || unread.length === 1) {
    const only = unread[0];
    if (!only) return new ImportError('EMPTY', `sheet "${wanted}" of ${file} has no rows with content`);
    return sheetError(only.result, `sheet "${only.name}" of ${file}`, column);
  }
  const withContent = unread.filter((u) => u.result.kind !== 'empty');
  if (withContent.length === 0) return new ImportError('EMPTY', `${file} has no rows with content in any sheet`);
  if (column !== undefined) return new ImportError('UNKNOWN_COLUMN', `no sheet of ${file} has a column "${column}"; choose a sheet first (sheets: ${quoteList(withContent.map((u) => u.name))})`);
  return new ImportError('NO_DOMAIN_COLUMN', `no sheet of ${file} has a column of domains, e-mail addresses or URLs; choose a sheet and a column (sheets: ${quoteList(withContent.map((u) => u.name))})`);
}

function skipped(unread: Unread[]): SkippedSheet[] {
  return unread.flatMap(({ name, result }): SkippedSheet[] => {
    if (result.kind === 'empty') return [];
    return [{ sheet: name, reason: skipReason(result) }];
  });
}

function skipReason(result: Extract<SheetResult, { kind: 'unusable' }>): string {
  switch (result.problem) {
    case 'unknown-column':
      return 'no column of that name';
    case 'no-domain-column':
      return 'no column of domains, e-mail addresses or URLs';
    case 'few-domains': {
      const { columns, domainIndex, share } = result.layout;
      const what = share === 0 ? 'no domains' : `only ${Math.round(share * 100)}% domains`;
      return `${what} in column "${columns[domainIndex]}" (choose this sheet to read it anyway)`;
    }
  }
}

/** Only one sheet contributed after all: row numbers are unambiguous, so the sheet is not repeated on each row. */
function forgetSheet(collector: RowCollector, sink: SheetRows): void {
  for (const r of collector.rows) {
    delete r.sheet;
    if (sink.tagsSheet) delete r.tags[SHEET_TAG];
  }
  for (const r of collector.rejects) delete r.sheet;
}

/** Column names of every sheet read, first appearance first, case-insensitively once. */
function unionOf(lists: string[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const name of list) {
      if (seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      out.push(name);
    }
  }
  return out;
}
