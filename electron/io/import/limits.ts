/**
 * Hard caps on what an import may hold. The file comes from a client and is untrusted: every cap here turns
 * "too big" into a clear error or a truncated cell instead of an exhausted heap.
 */

export { MAX_FILE_BYTES } from '../file-limits';

/**
 * Total unpacked size an XLSX may declare; a ZIP bomb is refused before a byte is inflated. Declared sizes are
 * then held to while inflating (see xlsx/package-parts.ts), so this is a bound on what is actually unpacked.
 */
export const MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024;

/**
 * Parts the streaming reader holds whole while it reads (shared strings, styles, the workbook and its
 * relationships) may each unpack to at most this much: exceljs keeps several times their size as objects.
 * Worksheets are not held whole when streamed.
 */
export const MAX_HELD_PART_BYTES = 256 * 1024 * 1024;

/** Everything a workbook read whole unpacks to (its pictures included): exceljs holds all of it at once. */
export const MAX_IN_MEMORY_UNZIPPED_BYTES = 32 * 1024 * 1024;

/**
 * Workbooks with at most this many bytes of sheet XML and shared strings (unpacked) are read whole, so merged
 * cells and hyperlink targets are known: about 30,000 rows of four columns. exceljs keeps every cell as an
 * object (~0.7 KB each: 100,000 such rows peaked at ~400 MB read whole, ~190–280 MB streamed), so bigger ones
 * are streamed, which cannot see merges or link targets (they follow the rows in the sheet XML).
 */
export const MAX_IN_MEMORY_XLSX_BYTES = 8 * 1024 * 1024;

/**
 * Cells exceljs may create for merged ranges, data validations, column definitions and defined names before a
 * workbook is streamed instead.
 */
export const MAX_EXPANDED_CELLS = 50_000;

/** Merged ranges in a workbook read whole: exceljs checks each new merge against every earlier one. */
export const MAX_MERGED_RANGES = 5_000;

/** Excel's last row. exceljs walks its row array up to the highest row number, so a larger one is streamed. */
export const MAX_SHEET_ROW = 1_048_576;

/** Rows per file (spreadsheet row numbers; blank rows count once they sit inside the data). */
export const MAX_ROWS = 1_000_000;

/** Columns per row; cells further right are ignored (real lists have a handful). */
export const MAX_COLUMNS = 1_000;

/**
 * Bytes of an XLSX part's XML without a `<` (one cell's text, or one tag): Excel's longest cell, 32,767
 * characters, is at most ~200 KB even with every character escaped. Longer runs are refused before exceljs
 * gathers them into one string (see xlsx/xml-text-runs.ts).
 */
export const MAX_XML_TEXT_RUN_BYTES = 1024 * 1024;

/** Excel's own limit for one cell; longer CSV fields are cut here while reading. */
export const MAX_CELL_CHARS = 32_767;

/** A CSV record longer than this is reported and skipped rather than buffered. */
export const MAX_RECORD_CHARS = 1024 * 1024;

/** Tag values, inputs and reject values kept per row: enough for notes, bounded for the preview and the store. */
export const MAX_TAG_CHARS = 1_000;

/** Column names travel back over IPC as `column` (at most 255 characters there). */
export const MAX_HEADER_CHARS = 100;

/** Rows (non-blank) buffered per sheet to find the header row and the domain column before the rest streams. */
export const LAYOUT_SAMPLE_ROWS = 200;

/** Title rows above a header: the header is looked for among this many non-blank rows at the top. */
export const HEADER_SCAN_ROWS = 10;
