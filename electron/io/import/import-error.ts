/** The one error the importer throws: a file that cannot be read at all, with a message for the person who chose it. */

export type ImportErrorCode =
  | 'EMPTY' // no bytes, or no rows with content
  | 'TOO_LARGE' // over a byte, unpacked-size or row cap
  | 'NOT_A_TABLE' // not CSV or XLSX (binary, PDF, old .xls, other ZIP)
  | 'UNREADABLE' // an XLSX that exceljs cannot parse
  | 'NO_DOMAIN_COLUMN' // no column holds domains, e-mail addresses or URLs
  | 'UNKNOWN_COLUMN' // opts.column names no column
  | 'UNKNOWN_SHEET' // opts.sheet names no sheet
  | 'NO_DOMAINS'; // a domain column, but not one row holds a usable domain (header only, formulas, junk)

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(readonly code: ImportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** `"a", "b" and "c"` for error messages that list the valid choices. */
export function quoteList(items: readonly string[], max = 30): string {
  const shown = items.slice(0, max).map((s) => `"${s}"`);
  if (items.length > max) shown.push(`… (${items.length - max} more)`);
  return shown.length <= 1 ? (shown[0] ?? '(none)') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}
