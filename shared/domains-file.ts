/**
 * What an import produces: one home for the types the importer returns (electron/io/read-domains.ts), the
 * handlers keep under a token and the app's preview shows (ImportPreview, shared/ipc.ts, is derived from them).
 */

/** A row whose domain column yielded a domain. */
export interface ImportedRow {
  /** 1-based row number as a spreadsheet user sees it (CSV: record number, a quoted newline does not start a row). */
  row: number;
  /** The domain cell as written (cleaned of invisible characters, trimmed, bounded). */
  input: string;
  /** Normalised A-label host name. */
  domain: string;
  /** Every other non-empty cell of the row, keyed by column name; `sheet` too when several sheets were read. */
  tags: Record<string, string>;
  /** Set only when several sheets were read: row numbers are per sheet. */
  sheet?: string;
}

/** A row with content that was not used, and why. */
export interface RejectedRow {
  row: number;
  /** The domain cell as written (or the unreadable line), bounded. */
  value: string;
  reason: string;
  sheet?: string;
}

/** A sheet with content that was not read because it has no column of domains. */
export interface SkippedSheet {
  sheet: string;
  reason: string;
}

export interface DomainsFile {
  format: 'csv' | 'xlsx';
  /** XLSX: the sheet read, or ALL_SHEETS (shared/import-sheets.ts) when more than one contributed rows. */
  sheet?: string;
  /** XLSX: every sheet name, in workbook order. */
  sheets?: string[];
  /** XLSX, several sheets with content: those not read (they have no column of domains). */
  skippedSheets?: SkippedSheet[];
  delimiter?: string;
  encoding?: string;
  /** 1-based; undefined when the file has no header row (with several sheets: the first sheet read). */
  headerRow?: number;
  /** Header text of the domain column, or `column N` when it has none. */
  domainColumn: string;
  /** Every column name in order (unique; `column N` where a header cell is empty). */
  columns: string[];
  rows: ImportedRow[];
  rejects: RejectedRow[];
}

/** Why a file could not be imported at all; the app receives it as the IPC error's `reason` (IMPORT_FAILED). */
export type ImportErrorCode =
  | 'EMPTY' // no bytes, or no rows with content
  | 'TOO_LARGE' // over a byte, unpacked-size or row cap (or, in the app, too large to keep for an audit)
  | 'NOT_A_TABLE' // not CSV or XLSX (binary, PDF, old .xls, other ZIP)
  | 'UNREADABLE' // an XLSX that exceljs cannot parse
  | 'NO_DOMAIN_COLUMN' // no column holds domains, e-mail addresses or URLs
  | 'UNKNOWN_COLUMN' // opts.column names no column
  | 'UNKNOWN_SHEET' // opts.sheet names no sheet
  | 'NO_DOMAINS'; // a domain column, but not one row holds a usable domain (header only, formulas, junk)
